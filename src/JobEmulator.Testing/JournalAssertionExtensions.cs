using JobEmulator.Core.Engine;
using JobEmulator.Testing.Assertions;

namespace JobEmulator.Testing;

/// <summary>Entry point of the journal assertions: <c>emulator.Journal.Should()</c>.</summary>
public static class JournalAssertionExtensions
{
    /// <summary>Assertions about the requests <paramref name="journal"/> recorded.</summary>
    public static JournalAssertions Should(this RequestJournal journal) => new(journal);
}
