using System.Text.Json;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Dialects;

/// <summary>A dialect's own words for the four canonical states, as its documents spell them.</summary>
public sealed class StatusWords
{
    private readonly JsonEncodedText[] _encoded;
    private readonly string[] _words;

    /// <summary>Creates the vocabulary; two states may share a word (DeepAffects says <c>Running</c> for both).</summary>
    public StatusWords(string queued, string running, string completed, string failed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queued);
        ArgumentException.ThrowIfNullOrWhiteSpace(running);
        ArgumentException.ThrowIfNullOrWhiteSpace(completed);
        ArgumentException.ThrowIfNullOrWhiteSpace(failed);
        _words = [queued, running, completed, failed];
        _encoded = [.. _words.Select(w => JsonEncodedText.Encode(w))];
    }

    /// <summary>The word for <paramref name="status"/>.</summary>
    public string this[JobStatus status] => _words[(int)status];

    /// <summary>The word, pre-encoded for <see cref="Utf8JsonWriter"/>.</summary>
    internal JsonEncodedText Encoded(JobStatus status) => _encoded[(int)status];

    /// <summary>The distinct words, for messages and docs.</summary>
    public IReadOnlyList<string> Distinct => [.. _words.Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Reads a scenario's status word: the dialect's own word or a canonical one
    /// (<c>queued</c>, <c>running</c>, <c>completed</c>, <c>failed</c>), case-insensitively.
    /// A word shared by two states reads as the later one (DeepAffects' <c>Running</c> is running).
    /// </summary>
    public bool TryParse(string word, out JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(word);
        for (var i = _words.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_words[i], word, StringComparison.OrdinalIgnoreCase))
            {
                status = (JobStatus)i;
                return true;
            }
        }

        foreach (var canonical in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(canonical.ToString(), word, StringComparison.OrdinalIgnoreCase))
            {
                status = canonical;
                return true;
            }
        }

        status = default;
        return false;
    }
}
