using FluentAssertions;
using JobEmulator.Core.Webhooks;
using Xunit;

namespace JobEmulator.Core.Tests.Engine;

public sealed class DeliveryLimiterTests
{
    private static readonly Uri A = new("http://127.0.0.1:9001/a");
    private static readonly Uri A2 = new("http://127.0.0.1:9001/other-path");
    private static readonly Uri B = new("http://127.0.0.1:9002/b");
    private static readonly Uri C = new("http://127.0.0.1:9003/c");

    [Fact]
    public void Enter_WithinBothCaps_GetsASlotAtOnce()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(2, 1, 10));

        var a = limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var b = limiter.EnterAsync(B, TestContext.Current.CancellationToken);

        a.IsCompletedSuccessfully.Should().BeTrue();
        b.IsCompletedSuccessfully.Should().BeTrue();
        limiter.Running.Should().Be(2);
    }

    [Fact]
    public void AReceiversCapAboveTheGlobalOne_IsHeldToTheGlobalOne()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(2, 8, 10));

        var first = limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var second = limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var third = limiter.EnterAsync(A, TestContext.Current.CancellationToken);

        (first.IsCompletedSuccessfully, second.IsCompletedSuccessfully, third.IsCompleted).Should().Be((true, true, false));
        (limiter.Running, limiter.Waiting).Should().Be((2, 1));
    }

    [Fact]
    public async Task OneReceiver_IsCappedByItsAuthority_AndItsWaitersGoInOrder()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(4, 1, 10));
        var first = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);

        var second = limiter.EnterAsync(A2, TestContext.Current.CancellationToken).AsTask();
        var third = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();
        var other = limiter.EnterAsync(B, TestContext.Current.CancellationToken);

        second.IsCompleted.Should().BeFalse("the same scheme, host and port is the same receiver");
        other.IsCompletedSuccessfully.Should().BeTrue("another receiver has room");
        first!.Dispose();
        (await second).Should().NotBeNull();
        third.IsCompleted.Should().BeFalse();
        limiter.Waiting.Should().Be(1);
    }

    [Fact]
    public async Task TheGlobalCap_HandsAFreedSlotToTheOldestWaiterThatHasRoom()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(2, 1, 10));
        var a = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var b = await limiter.EnterAsync(B, TestContext.Current.CancellationToken);
        var waitingA = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();
        var waitingC = limiter.EnterAsync(C, TestContext.Current.CancellationToken).AsTask();

        b!.Dispose();

        (await waitingC).Should().NotBeNull("A is still at its own cap, so C, next in line with room, goes");
        waitingA.IsCompleted.Should().BeFalse();
        a!.Dispose();
        (await waitingA).Should().NotBeNull();
    }

    [Fact]
    public async Task PastTheBacklog_TheOldestWaiterIsDropped()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(1, 1, 2));
        var running = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        var oldest = limiter.EnterAsync(B, TestContext.Current.CancellationToken).AsTask();
        var middle = limiter.EnterAsync(C, TestContext.Current.CancellationToken).AsTask();

        var newest = limiter.EnterAsync(A, TestContext.Current.CancellationToken).AsTask();

        (await oldest).Should().BeNull();
        limiter.Dropped.Should().Be(1);
        limiter.Waiting.Should().Be(2);
        running!.Dispose();
        (await middle).Should().NotBeNull("a freed slot goes to the oldest waiter, whichever receiver it is for");
        newest.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task ACancelledWait_EndsWithNoSlot_AndLeavesTheBacklog()
    {
        var limiter = new DeliveryLimiter(new WebhookLimits(1, 1, 10));
        var running = await limiter.EnterAsync(A, TestContext.Current.CancellationToken);
        using var cancellation = new CancellationTokenSource();
        var waiting = limiter.EnterAsync(B, cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        (await waiting).Should().BeNull();
        limiter.Waiting.Should().Be(0);
        running!.Dispose();
        limiter.Running.Should().Be(0);
        limiter.Dropped.Should().Be(0);
    }
}
