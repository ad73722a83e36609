using System.Globalization;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Dialects.DeepAffects;

/// <summary>
/// One result generator per DeepAffects API family, picked by the API's name: emotion recognition (emotion
/// segments), diarization (speaker segments), summaries (keyed by the requested <c>summaryType</c>, with a long and a
/// short text, as SeerNet's published example for <c>abstractive</c> shows). Speech recognition and anything
/// else get the transcript words of the status document.
/// </summary>
internal static class DeepAffectsResults
{
    private static readonly string[] Emotions = ["neutral", "happy", "sad", "angry", "frustrated", "excited"];

    public static JsonFragment? For(string api, string summaryType, FakeData faker)
    {
        var name = api.Trim('"');
        if (name.Contains("emotion", StringComparison.OrdinalIgnoreCase))
        {
            return Segments(faker, (w, _) => w.WriteString("emotion", faker.Pick(Emotions)));
        }

        if (name.Contains("diariz", StringComparison.OrdinalIgnoreCase))
        {
            var speakers = faker.WholeNumber(2, 3);
            return Segments(faker, (w, _) => w.WriteString("speaker_id", faker.WholeNumber(1, speakers).ToString(CultureInfo.InvariantCulture)));
        }

        if (name.Contains("summar", StringComparison.OrdinalIgnoreCase))
        {
            var sentences = Enumerable.Range(0, faker.WholeNumber(3, 5)).Select(_ => Sentence(faker)).ToList();
            var key = summaryType.Length > 0 ? summaryType : "abstractive";
            return JsonFragment.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject(key);
                w.WriteString("long", string.Join(' ', sentences));
                w.WriteString("short", sentences[0]);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }

        return null;
    }

    // [{start, end, …}] covering a minute or so of audio.
    private static JsonFragment Segments(FakeData faker, Action<System.Text.Json.Utf8JsonWriter, int> label)
    {
        var count = faker.WholeNumber(2, 6);
        var bounds = new List<(decimal Start, decimal End)>(count);
        var clock = 0m;
        for (var i = 0; i < count; i++)
        {
            var start = clock;
            clock += faker.Amount(1.5m, 12m, 1);
            bounds.Add((start, clock));
        }

        return JsonFragment.Build(w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < bounds.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("start", bounds[i].Start);
                w.WriteNumber("end", bounds[i].End);
                label(w, i);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static string Sentence(FakeData faker)
    {
        var words = faker.Words(faker.WholeNumber(5, 10));
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words) + ".";
    }
}
