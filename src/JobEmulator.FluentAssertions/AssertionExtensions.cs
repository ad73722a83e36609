using JobEmulator.Core.Engine;
using JobEmulator.Testing.Assertions;

namespace JobEmulator.Testing;

/// <summary>Entry points of the assertions: <c>emulator.Journal.Should()</c> and <c>emulator.Webhooks.Should()</c>.</summary>
public static class AssertionExtensions
{
    /// <summary>Assertions about the requests <paramref name="journal"/> recorded.</summary>
    public static JournalAssertions Should(this RequestJournal journal) => new(journal);

    /// <summary>Assertions about the webhooks <paramref name="webhooks"/> recorded.</summary>
    public static WebhookAssertions Should(this WebhookSink webhooks) => new(webhooks);
}
