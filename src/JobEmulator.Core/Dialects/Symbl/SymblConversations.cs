using System.Globalization;
using System.Text.Json;
using JobEmulator.Core.Dialects.Operations;

namespace JobEmulator.Core.Dialects.Symbl;

/// <summary>
/// Symbl's Conversation API for a processed conversation (see CONVERSATION-API.md): the conversation, its messages,
/// topics, questions, action items, follow-ups, entities and summary, and the summary-UI experience. Everything is
/// drawn from the read's faker (the scenario's seed and the conversationId), so one conversation always reads the
/// same, and insights point at the messages they come from. A job's <c>conversation:</c> block replaces any list
/// whole, and its <c>conversation</c> mapping's keys replace the generated conversation's.
/// </summary>
internal static partial class SymblConversations
{
    public const string Conversation = "conversation";
    public const string Messages = "messages";
    public const string Topics = "topics";
    public const string Questions = "questions";
    public const string ActionItems = "action-items";
    public const string FollowUps = "follow-ups";
    public const string Entities = "entities";
    public const string Summary = "summary";
    public const string Experiences = "experiences";

    /// <summary>Index of the <c>conversation</c> job field (what the Conversation API answers, where scripted): the third of symbl.yaml's job fields.</summary>
    private const int ConversationField = 2;

    /// <summary>The keys of a job's <c>conversation:</c> block.</summary>
    public static readonly JobFieldKey[] ScriptKeys =
    [
        new("conversation", false, "keys that replace the generated conversation's (name, startTime, members, metadata, …)"),
        new("messages", true, "the messages, as GET …/messages answers them"),
        new("topics", true, "the topics"),
        new("questions", true, "the questions"),
        new("action_items", true, "the action items"),
        new("follow_ups", true, "the follow-ups"),
        new("entities", true, "the entities"),
        new("summary", true, "the summary's items"),
    ];

    private static readonly string[] ExperienceNames = ["verbose-text-summary", "video-summary", "audio-summary"];

    private static readonly string[] Statements =
    [
        "Thanks for joining, everyone. Let's go through the rollout plan.",
        "The pilot went well: the team processed about two hundred calls last week.",
        "Onboarding is still the step customers find slowest.",
        "Pricing came up in almost every customer call this month.",
        "With the new importer we can cut the setup time in half.",
        "Support tickets dropped by a third after the last release.",
        "The dashboard needs one more round of review before we show it.",
    ];

    private static readonly string[] QuestionLines =
    [
        "Can we move the launch to the first week of next month?",
        "Who owns the migration scripts now?",
        "What did the customer say about the new pricing?",
        "Do we have numbers for the onboarding drop-off?",
    ];

    private static readonly string[] ActionLines =
    [
        "{0} will send the updated proposal to the customer by {1}.",
        "{0} needs to finish the migration checklist by {1}.",
        "{0} is going to share the pilot numbers with the team by {1}.",
    ];

    private static readonly string[] FollowUpLines =
    [
        "{0} should follow up with the customer about the contract on {1}.",
        "{0} will check back with support about the open tickets on {1}.",
    ];

    private static readonly string[] TopicWords = ["rollout plan", "pricing", "onboarding", "migration", "support tickets", "launch date", "dashboard", "pilot"];

    private static readonly DayOfWeek[] Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Writes the answer of one Conversation API read, or returns what is wrong with the request having written nothing.</summary>
    public static string? Write(Utf8JsonWriter writer, DialectOperation operation, in ReadView view, IEmulatorRequest request, string? name)
    {
        var model = Generate(view, name);
        var script = view.Job.Fields[ConversationField] is { } fragment && fragment.Utf8[0] == (byte)'{' ? fragment.ToElement() : (JsonElement?)null;
        var sentiment = IsTrue(request.GetQuery("sentiment"));
        switch (operation.Values.GetValueOrDefault("view"))
        {
            case Conversation:
                WriteConversation(writer, model, script);
                return null;
            case Messages:
                WriteList(writer, "messages", script, "messages", model.Messages, (w, m) => WriteMessage(w, m, model, IsTrue(request.GetQuery("verbose")), sentiment));
                return null;
            case Topics:
                WriteList(writer, "topics", script, "topics", model.Topics, (w, t) => WriteTopic(w, t, sentiment));
                return null;
            case Questions:
                WriteList(writer, "questions", script, "questions", model.Questions, (w, q) => WriteInsight(w, q, "question"));
                return null;
            case ActionItems:
                WriteList(writer, "actionItems", script, "action_items", model.ActionItems, (w, a) => WriteInsight(w, a, "action_item"));
                return null;
            case FollowUps:
                WriteList(writer, "followUps", script, "follow_ups", model.FollowUps, (w, f) => WriteInsight(w, f, "follow_up"));
                return null;
            case Entities:
                WriteList(writer, "entities", script, "entities", model.Entities, (w, e) => WriteEntity(w, e, model));
                return null;
            case Summary:
                WriteList(writer, "summary", script, "summary", model.Summary, (w, s) => WriteSummary(w, s));
                return null;
            case Experiences:
                return WriteExperience(writer, view);
            default:
                throw new InvalidOperationException($"No Symbl Conversation API view for {operation}.");
        }
    }

    // --- the generated conversation -------------------------------------------------------------------------

    private sealed record Member(string Id, string Name, string Email)
    {
        public string FirstName => Name.Split(' ')[0];
    }

    private sealed record Message(string Id, string Text, Member From, TimeSpan Offset, TimeSpan Duration, decimal Polarity);

    private sealed record Insight(string Id, string Text, decimal Score, Message Source, Member? Assignee, DateTimeOffset? DueBy);

    private sealed record Topic(string Id, string Text, decimal Score, IReadOnlyList<Message> Messages, decimal Polarity);

    private sealed record Entity(string Type, string SubType, string Value, Message Source, int Offset);

    private sealed record SummaryItem(string Id, string Text, IReadOnlyList<Message> Messages);

    private sealed record Model(
        string Id,
        string Name,
        DateTimeOffset Start,
        IReadOnlyList<Member> Members,
        IReadOnlyList<Message> Messages,
        IReadOnlyList<Topic> Topics,
        IReadOnlyList<Insight> Questions,
        IReadOnlyList<Insight> ActionItems,
        IReadOnlyList<Insight> FollowUps,
        IReadOnlyList<Entity> Entities,
        IReadOnlyList<SummaryItem> Summary)
    {
        public DateTimeOffset End => Messages.Count == 0 ? Start : Start + Messages[^1].Offset + Messages[^1].Duration;
    }

    private static Model Generate(in ReadView view, string? name)
    {
        var faker = view.Faker;
        var start = view.StartedAt;
        var members = Enumerable.Range(0, faker.WholeNumber(2, 3)).Select(_ =>
        {
            var person = faker.PersonName();
            return new Member(VendorIds.Uuid(faker), person, Email(person));
        }).ToList();

        // The script: statements around one question, one action item and one follow-up (sometimes a second question).
        var lines = new List<(string Text, int Kind, Member? Assignee, DateTimeOffset? Due)>();
        var statements = Shuffled(faker, Statements);
        var questions = Shuffled(faker, QuestionLines);
        var s = 0;
        lines.Add((statements[s++], 0, null, null));
        for (var i = faker.WholeNumber(1, 2); i > 0; i--)
        {
            lines.Add((statements[s++], 0, null, null));
        }

        lines.Add((questions[0], 1, null, null));
        lines.Add((statements[s++], 0, null, null));
        var actionOwner = faker.Pick(members);
        var actionDay = faker.Pick(Days);
        lines.Add((string.Format(CultureInfo.InvariantCulture, faker.Pick(ActionLines), actionOwner.FirstName, actionDay), 2, actionOwner, NextDay(start, actionDay)));
        var followOwner = faker.Pick(members);
        var followDay = faker.Pick(Days);
        lines.Add((string.Format(CultureInfo.InvariantCulture, faker.Pick(FollowUpLines), followOwner.FirstName, followDay), 3, followOwner, NextDay(start, followDay)));
        if (faker.WholeNumber(0, 1) == 1)
        {
            lines.Add((questions[1], 1, null, null));
        }

        var messages = new List<Message>();
        var questionsFound = new List<Insight>();
        var actions = new List<Insight>();
        var followUps = new List<Insight>();
        var entities = new List<Entity>();
        var offset = TimeSpan.FromSeconds(faker.WholeNumber(1, 5));
        foreach (var (text, kind, assignee, due) in lines)
        {
            var speaker = assignee ?? members[messages.Count % members.Count];
            var duration = TimeSpan.FromMilliseconds(faker.WholeNumber(2_000, 9_000));
            var message = new Message(Digits(faker), text, speaker, offset, duration, faker.Amount(-0.3m, 0.9m, 2));
            messages.Add(message);
            offset += duration + TimeSpan.FromMilliseconds(faker.WholeNumber(200, 1_500));
            var score = faker.Amount(0.75m, 0.99m, 2);
            switch (kind)
            {
                case 1:
                    questionsFound.Add(new Insight(Digits(faker), text, score, message, null, null));
                    break;
                case 2:
                    actions.Add(new Insight(Digits(faker), text, score, message, assignee, due));
                    break;
                case 3:
                    followUps.Add(new Insight(Digits(faker), text, score, message, assignee, due));
                    break;
            }

            if (assignee is not null)
            {
                entities.Add(new Entity("person", "name", assignee.FirstName, message, 0));
                var day = due!.Value.DayOfWeek.ToString();
                entities.Add(new Entity("datetime", "date", day, message, text.IndexOf(day, StringComparison.Ordinal)));
            }
        }

        var topics = Shuffled(faker, TopicWords).Take(faker.WholeNumber(2, 4)).Select(word =>
            new Topic(Digits(faker), word, faker.Amount(0.5m, 0.99m, 2), [.. Shuffled(faker, messages).Take(faker.WholeNumber(1, 3)).OrderBy(m => m.Offset)], faker.Amount(-0.3m, 0.9m, 2))).ToList();
        var action = actions[0];
        var summary = new List<SummaryItem>
        {
            new(Digits(faker), $"The team discussed the {topics[0].Text} and the {topics[1].Text}.", topics[0].Messages),
            new(Digits(faker), $"{action.Assignee!.Name} agreed to {Lower(action.Text[(action.Assignee.FirstName.Length + 1)..])}", [action.Source]),
        };
        return new Model(view.Key, name ?? view.Key, start, members, messages, topics, questionsFound, actions, followUps, entities, summary);
    }

    private static string Lower(string text) =>
        text.StartsWith("will ", StringComparison.Ordinal) ? text[5..]
        : text.StartsWith("needs to ", StringComparison.Ordinal) ? text[9..]
        : text.StartsWith("is going to ", StringComparison.Ordinal) ? text[12..]
        : text;

    private static List<T> Shuffled<T>(FakeData faker, IReadOnlyList<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = faker.WholeNumber(0, i);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static string Digits(FakeData faker) => faker.Text(1, "123456789") + faker.Text(15, "0123456789");

    private static string Email(string person) => person.ToLowerInvariant().Replace(' ', '.').Replace("'", string.Empty, StringComparison.Ordinal) + "@example.com";

    private static DateTimeOffset NextDay(DateTimeOffset from, DayOfWeek day)
    {
        var date = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var days = ((int)day - (int)date.DayOfWeek + 7) % 7;
        return date.AddDays(days == 0 ? 7 : days);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 2);

    // --- writing ------------------------------------------------------------------------------------------
}
