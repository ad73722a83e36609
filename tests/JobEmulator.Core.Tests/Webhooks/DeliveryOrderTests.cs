using FluentAssertions;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Webhooks;

/// <summary>
/// The order in which waiting webhook attempts go out: a freed slot goes to the attempt that has waited longest among
/// those whose receiver has room, and no attempt loses its place because another one gave up or went first.
/// </summary>
public sealed class DeliveryOrderTests
{
    private static readonly Uri X = new("http://127.0.0.1:9100/x");
    private static readonly Uri A = new("http://127.0.0.1:9101/a");
    private static readonly Uri B = new("http://127.0.0.1:9102/b");
    private static readonly Uri C = new("http://127.0.0.1:9103/c");
    private static readonly WebhookLimits OneAtATime = new(1, 1, 10);

    [Fact]
    public async Task AFreedSlot_GoesToTheAttemptThatWaitedLongest_NotToTheReceiverThatWaitedFirst()
    {
        var limiter = new DeliveryLimiter(OneAtATime);
        var running = await limiter.EnterAsync(X, TestContext.Current.CancellationToken);
        using var givesUp = new CancellationTokenSource();
        var firstForC = limiter.EnterAsync(C, givesUp.Token).AsTask();
        var forB = limiter.EnterAsync(B, TestContext.Current.CancellationToken).AsTask();
        var secondForC = limiter.EnterAsync(C, TestContext.Current.CancellationToken).AsTask();
        await givesUp.CancelAsync();
        (await firstForC).Should().BeNull();

        running!.Dispose();

        forB.IsCompletedSuccessfully.Should().BeTrue("B's attempt has waited longer than C's second");
        (await forB).Should().NotBeNull();
        secondForC.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task AnAttemptBehindOneThatGaveUp_StillGetsTheNextSlot()
    {
        var limiter = new DeliveryLimiter(OneAtATime);
        var running = await limiter.EnterAsync(X, TestContext.Current.CancellationToken);
        using var givesUp = new CancellationTokenSource();
        var first = limiter.EnterAsync(A, givesUp.Token).AsTask();
        var second = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();
        await givesUp.CancelAsync();

        running!.Dispose();

        (await first).Should().BeNull();
        second.IsCompletedSuccessfully.Should().BeTrue();
        (await second).Should().NotBeNull();
        (limiter.Running, limiter.Waiting).Should().Be((1, 0));
    }

    [Fact]
    public async Task AnAttemptForAReceiverThatJustFinished_KeepsItsPlace_WhenAnOlderOneGoesFirst()
    {
        var limiter = new DeliveryLimiter(OneAtATime);
        var running = await limiter.EnterAsync(X, TestContext.Current.CancellationToken);
        var forB = limiter.EnterAsync(B, TestContext.Current.CancellationToken).AsTask();
        var againForX = limiter.EnterAsync(X, TestContext.Current.CancellationToken).AsTask();

        running!.Dispose();
        forB.IsCompletedSuccessfully.Should().BeTrue("it is older");
        againForX.IsCompleted.Should().BeFalse();
        (await forB)!.Dispose();

        againForX.IsCompletedSuccessfully.Should().BeTrue();
        (await againForX).Should().NotBeNull();
        (limiter.Running, limiter.Waiting).Should().Be((1, 0));
    }

    [Fact]
    public async Task ASlotEndedTwice_FreesOnePlace()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(2, 2, 10));
        var first = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var second = await limiter.EnterAsync(B, TestContext.Current.CancellationToken);
        var waiting = limiter.EnterAsync(C, TestContext.Current.CancellationToken).AsTask();
        var alsoWaiting = limiter.EnterAsync(C, TestContext.Current.CancellationToken).AsTask();

        first!.Dispose();
        first.Dispose();

        waiting.IsCompletedSuccessfully.Should().BeTrue();
        alsoWaiting.IsCompleted.Should().BeFalse("only one place was freed");
        (limiter.Running, limiter.Waiting).Should().Be((2, 1));
        second!.Dispose();
        alsoWaiting.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task CancellingAnAttemptThatAlreadyHasItsSlot_ChangesNothing()
    {
        var limiter = new DeliveryLimiter(OneAtATime);
        var running = await limiter.EnterAsync(X, TestContext.Current.CancellationToken);
        using var cancellation = new CancellationTokenSource();
        var waiting = limiter.EnterAsync(A, cancellation.Token).AsTask();
        running!.Dispose();
        var slot = await waiting;

        await cancellation.CancelAsync();

        slot.Should().NotBeNull();
        (limiter.Running, limiter.Waiting, limiter.Dropped).Should().Be((1, 0, 0L));
        slot!.Dispose();
        limiter.Running.Should().Be(0);
    }

    [Fact]
    public async Task TheBacklog_DropsOnlyPastItsSize_TellingTheDroppedAttemptFirst()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(1, 1, 2));
        var running = await limiter.EnterAsync(X, TestContext.Current.CancellationToken);
        var told = new List<string>();
        var oldest = limiter.EnterAsync(A, TestContext.Current.CancellationToken, () => told.Add("oldest")).AsTask();
        var middle = limiter.EnterAsync(B, TestContext.Current.CancellationToken, () => told.Add("middle")).AsTask();

        var atTheSize = (limiter.Waiting, limiter.Dropped, told.Count);
        var newest = limiter.EnterAsync(C, TestContext.Current.CancellationToken, () => told.Add("newest")).AsTask();

        atTheSize.Should().Be((2, 0L, 0));
        told.Should().Equal("oldest");
        (await oldest).Should().BeNull();
        (limiter.Waiting, limiter.Dropped).Should().Be((2, 1L));
        middle.IsCompleted.Should().BeFalse();
        newest.IsCompleted.Should().BeFalse();
        running!.Dispose();
        (await middle).Should().NotBeNull();
    }

    [Fact]
    public async Task AReceiverWithAnAttemptInFlight_KeepsItsCap_AfterItsOnlyWaiterGaveUp()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(4, 1, 10));
        var running = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        using var givesUp = new CancellationTokenSource();
        var waiting = limiter.EnterAsync(A, givesUp.Token).AsTask();
        await givesUp.CancelAsync();
        (await waiting).Should().BeNull();

        var next = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();

        next.IsCompleted.Should().BeFalse("the receiver still has its one attempt in flight");
        running!.Dispose();
        next.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task AReceiverWithAnAttemptStillInFlight_KeepsItsCap_AfterAnotherEnds()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(4, 2, 10));
        var first = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var second = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        first!.Dispose();

        var third = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();
        var fourth = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();

        third.IsCompletedSuccessfully.Should().BeTrue();
        fourth.IsCompleted.Should().BeFalse("two attempts to the receiver are in flight again");
        (limiter.Running, limiter.Waiting).Should().Be((2, 1));
        second!.Dispose();
        fourth.IsCompletedSuccessfully.Should().BeTrue();
    }
}
