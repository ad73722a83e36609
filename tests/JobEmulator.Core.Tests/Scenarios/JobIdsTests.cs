using FluentAssertions;
using JobEmulator.Core.Scenarios;
using Xunit;

namespace JobEmulator.Core.Tests.Scenarios;

/// <summary>Which job ids can travel in a URL path or query unchanged.</summary>
public sealed class JobIdsTests
{
    [Theory]
    [InlineData("job_abc123")]
    [InlineData("a.b")]
    [InlineData("...")]
    [InlineData("-")]
    [InlineData("Rechnung-Ä")]
    [InlineData("id:1;v=2")]
    public void IsUsableInUrls_OrdinaryIds_AreUsable(string id)
    {
        JobIds.IsUsableInUrls(id).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a%b")]
    [InlineData("a&b")]
    [InlineData("a+b")]
    [InlineData("a\\b")]
    [InlineData("a\"b")]
    [InlineData("a b")]
    [InlineData("a\u00A0b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u200Bb")]
    [InlineData("\u200E")]
    public void IsUsableInUrls_IdsAUrlWouldChange_AreNot(string id)
    {
        JobIds.IsUsableInUrls(id).Should().BeFalse();
    }
}
