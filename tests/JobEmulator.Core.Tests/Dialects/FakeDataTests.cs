using FluentAssertions;
using JobEmulator.Core.Dialects;
using Xunit;

namespace JobEmulator.Core.Tests.Dialects;

public sealed class FakeDataTests
{
    [Fact]
    public async Task Draws_SameSeedInterleavedWithOthers_GiveTheSameValues()
    {
        var dialect = Core.Definitions.DialectDefinitions.BuiltinCatalog.Find("docurift")!;
        var alone = dialect.GenerateResult(new FakeData(7)).ToString();

        // Another seed's draws on the same thread, between and during, must not leak into seed 7's values.
        var first = new FakeData(7);
        var other = new FakeData(8);
        _ = other.CompanyName();
        var interleaved = dialect.GenerateResult(first).ToString();
        var onOtherThread = await Task.Run(() => dialect.GenerateResult(new FakeData(7)).ToString(), TestContext.Current.CancellationToken);

        interleaved.Should().Be(alone);
        onOtherThread.Should().Be(alone);
        dialect.GenerateResult(new FakeData(8)).ToString().Should().NotBe(alone);
    }

    [Fact]
    public void Pick_EmptyList_Throws()
    {
        var act = () => new FakeData(1).Pick(Array.Empty<string>());

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
