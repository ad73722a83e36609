using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JobEmulator.Core.Dialects.Symbl;

// Writing the generated conversation in Symbl's shapes, a script's replacements taking precedence.
internal static partial class SymblConversations
{
    private static void WriteConversation(Utf8JsonWriter w, Model model, JsonElement? script)
    {
        var replaced = script is { } s && s.TryGetProperty("conversation", out var c) ? c : (JsonElement?)null;
        w.WriteStartObject();
        Property(w, replaced, "id", () => w.WriteStringValue(model.Id));
        Property(w, replaced, "type", () => w.WriteStringValue("meeting"));
        Property(w, replaced, "name", () => w.WriteStringValue(model.Name));
        Property(w, replaced, "startTime", () => w.WriteStringValue(Time(model.Start)));
        Property(w, replaced, "endTime", () => w.WriteStringValue(Time(model.End)));
        Property(w, replaced, "members", () =>
        {
            w.WriteStartArray();
            foreach (var member in model.Members)
            {
                w.WriteStartObject();
                w.WriteString("id", member.Id);
                w.WriteString("name", member.Name);
                w.WriteString("email", member.Email);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        Property(w, replaced, "metadata", () =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
        if (replaced is { ValueKind: JsonValueKind.Object } extra)
        {
            foreach (var property in extra.EnumerateObject())
            {
                if (property.Name is not ("id" or "type" or "name" or "startTime" or "endTime" or "members" or "metadata"))
                {
                    property.WriteTo(w);
                }
            }
        }

        w.WriteEndObject();
    }

    // A generated property, or the scripted value that replaces it.
    private static void Property(Utf8JsonWriter w, JsonElement? replaced, string name, Action write)
    {
        w.WritePropertyName(name);
        if (replaced is { ValueKind: JsonValueKind.Object } map && map.TryGetProperty(name, out var value))
        {
            value.WriteTo(w);
        }
        else
        {
            write();
        }
    }

    private static void WriteList<T>(Utf8JsonWriter w, string wrapper, JsonElement? script, string scriptKey, IReadOnlyList<T> generated, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartObject();
        w.WritePropertyName(wrapper);
        if (script is { } s && s.TryGetProperty(scriptKey, out var scripted))
        {
            scripted.WriteTo(w);
        }
        else
        {
            w.WriteStartArray();
            foreach (var item in generated)
            {
                write(w, item);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteFrom(Utf8JsonWriter w, string name, Member member)
    {
        w.WriteStartObject(name);
        w.WriteString("id", member.Id);
        w.WriteString("name", member.Name);
        w.WriteString("userId", member.Email);
        w.WriteEndObject();
    }

    private static void WriteSentiment(Utf8JsonWriter w, decimal polarity)
    {
        w.WriteStartObject("sentiment");
        w.WriteStartObject("polarity");
        w.WriteNumber("score", polarity);
        w.WriteEndObject();
        w.WriteString("suggested", polarity >= 0.3m ? "positive" : polarity <= -0.3m ? "negative" : "neutral");
        w.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter w, Message message, Model model, bool verbose, bool sentiment)
    {
        w.WriteStartObject();
        w.WriteString("id", message.Id);
        w.WriteString("text", message.Text);
        WriteFrom(w, "from", message.From);
        w.WriteString("startTime", Time(model.Start + message.Offset));
        w.WriteString("endTime", Time(model.Start + message.Offset + message.Duration));
        w.WriteNumber("timeOffset", Seconds(message.Offset));
        w.WriteNumber("duration", Seconds(message.Duration));
        w.WriteString("conversationId", model.Id);
        w.WriteStartArray("phrases");
        w.WriteEndArray();
        if (sentiment)
        {
            WriteSentiment(w, message.Polarity);
        }

        if (verbose)
        {
            // The words share the message's time evenly, in order.
            var words = message.Text.Split(' ');
            var each = message.Duration / words.Length;
            w.WriteStartArray("words");
            for (var i = 0; i < words.Length; i++)
            {
                var offset = message.Offset + (each * i);
                w.WriteStartObject();
                w.WriteString("word", words[i]);
                w.WriteString("startTime", Time(model.Start + offset));
                w.WriteString("endTime", Time(model.Start + offset + each));
                w.WriteNumber("score", 0.9 + ((message.Id[i % message.Id.Length] - '0') / 100.0));
                w.WriteNumber("timeOffset", Seconds(offset));
                w.WriteNumber("duration", Seconds(each));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteTopic(Utf8JsonWriter w, Topic topic, bool sentiment)
    {
        w.WriteStartObject();
        w.WriteString("id", topic.Id);
        w.WriteString("text", topic.Text);
        w.WriteString("type", "topic");
        w.WriteNumber("score", topic.Score);
        w.WriteStartArray("messageIds");
        topic.Messages.ToList().ForEach(m => w.WriteStringValue(m.Id));
        w.WriteEndArray();
        if (sentiment)
        {
            WriteSentiment(w, topic.Polarity);
        }

        w.WriteStartArray("parentRefs");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteInsight(Utf8JsonWriter w, Insight insight, string type)
    {
        w.WriteStartObject();
        w.WriteString("id", insight.Id);
        w.WriteString("text", insight.Text);
        w.WriteString("type", type);
        w.WriteNumber("score", insight.Score);
        w.WriteStartArray("messageIds");
        w.WriteStringValue(insight.Source.Id);
        w.WriteEndArray();
        if (insight.Assignee is { } assignee)
        {
            // As Symbl's own examples show them: the assignee and the day, found in the text.
            w.WriteStartArray("entities");
            w.WriteStartObject();
            w.WriteString("type", "person");
            w.WriteString("text", assignee.FirstName);
            w.WriteNumber("offset", 0);
            w.WriteStartObject("value");
            w.WriteBoolean("assignee", true);
            w.WriteString("id", assignee.Id);
            w.WriteString("name", assignee.Name);
            w.WriteString("userId", assignee.Email);
            w.WriteEndObject();
            w.WriteEndObject();
            var day = insight.DueBy!.Value.DayOfWeek.ToString();
            w.WriteStartObject();
            w.WriteString("type", "date");
            w.WriteString("text", day);
            w.WriteNumber("offset", insight.Text.IndexOf(day, StringComparison.Ordinal));
            w.WriteString("value", insight.DueBy.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("phrases");
            w.WriteEndArray();
            WriteFrom(w, "from", insight.Source.From);
            if (type == "action_item")
            {
                w.WriteBoolean("definitive", true);
            }

            w.WriteStartObject("assignee");
            w.WriteString("id", assignee.Id);
            w.WriteString("name", assignee.Name);
            w.WriteString("email", assignee.Email);
            w.WriteEndObject();
            w.WriteString("dueBy", Time(insight.DueBy.Value));
        }
        else
        {
            WriteFrom(w, "from", insight.Source.From);
        }

        w.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter w, Entity entity, Model model)
    {
        w.WriteStartObject();
        w.WriteString("type", entity.Type);
        w.WriteString("subType", entity.SubType);
        w.WriteString("category", "Managed");
        w.WriteStartArray("matches");
        w.WriteStartObject();
        w.WriteString("detectedValue", entity.Value);
        w.WriteStartArray("messageRefs");
        w.WriteStartObject();
        w.WriteString("id", entity.Source.Id);
        w.WriteString("startTime", Time(model.Start + entity.Source.Offset));
        w.WriteString("endTime", Time(model.Start + entity.Source.Offset + entity.Source.Duration));
        w.WriteString("text", entity.Source.Text);
        w.WriteNumber("offset", entity.Offset);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, SummaryItem item)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("text", item.Text);
        w.WriteStartArray("messageRefs");
        foreach (var message in item.Messages)
        {
            w.WriteStartObject();
            w.WriteString("id", message.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // POST …/experiences: the summary UI's URL, checked as Symbl's API checks the body (Joi-style messages).
    private static string? WriteExperience(Utf8JsonWriter w, in ReadView view)
    {
        var fields = view.Body.Fields;
        if (fields.GetValueOrDefault("name") is not { Length: > 0 } name)
        {
            return "\"name\" is required";
        }

        if (!ExperienceNames.Contains(name))
        {
            return $"\"name\" must be one of [{string.Join(", ", ExperienceNames)}]";
        }

        if (name != "verbose-text-summary")
        {
            var media = name == "video-summary" ? "videoUrl" : "audioUrl";
            if (fields.GetValueOrDefault(media) is not { } url || !(url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)))
            {
                return $"\"{media}\" is required for {name}, as an http(s) URL";
            }
        }

        var session = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"sessionId\":\"{view.Key}\"}}"));
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("url", "https://meetinginsights.symbl.ai/meeting/#/" + session);
        w.WriteEndObject();
        return null;
    }
}
