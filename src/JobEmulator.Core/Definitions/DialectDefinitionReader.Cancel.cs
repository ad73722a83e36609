using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Templates;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Definitions;

/// <summary><c>cancel:</c> — the steps a cancelled job takes and the answer to the cancel operation.</summary>
internal sealed partial class DialectDefinitionReader
{
    private static readonly string[] CancelKeys = ["cancelling", "cancelled", "body"];
    private static readonly string[] CancellingKeys = ["word", "after", "polls"];

    // cancel: { cancelling: { word: cancelling, after: 2s }, cancelled: cancelled, body: {…} }
    private CancelRule? CancelOf(YamlMap root, IReadOnlyList<DialectOperation>? operations, IReadOnlyList<string> fields)
    {
        var cancels = operations?.Any(o => o.Kind == OperationKind.Cancel) == true;
        if (root["cancel"] is not { } node)
        {
            if (cancels)
            {
                reader.Error(root["operations"]!, "an operation of kind 'cancel' needs 'cancel' (at the top level): the word of a cancelled job, and of a cancelling one if the vendor has that step");
            }

            return null;
        }

        if (reader.Map(node, "'cancel' (cancelled, the word of a cancelled job; cancelling and body, optional)") is not { } map)
        {
            return null;
        }

        if (operations is not null && !cancels)
        {
            reader.Error(node, "'cancel' is used by an operation of kind 'cancel', and there is none in 'operations'");
        }

        reader.OnlyKeys(map, "'cancel'", CancelKeys);
        List<LifecycleStep> steps = [];
        if (map["cancelling"] is { } cancellingNode && reader.Map(cancellingNode, "'cancel.cancelling' (word, and after or polls)") is { } cancelling)
        {
            reader.OnlyKeys(cancelling, "'cancel.cancelling'", CancellingKeys);
            var word = reader.Required(cancelling, "word", "'cancel.cancelling'") is { } wordNode ? reader.Text(wordNode, "'cancel.cancelling.word'") : null;
            var after = cancelling["after"] is { } afterNode ? reader.Duration(afterNode, "'cancel.cancelling.after'") : null;
            var polls = cancelling["polls"] is { } pollsNode ? reader.Integer(pollsNode, "'cancel.cancelling.polls'", 1, 1_000_000) : null;
            if (cancelling["after"] is null && cancelling["polls"] is null)
            {
                reader.Error(cancelling, "'cancel.cancelling' says how long a job stays cancelling: 'after' (a duration, such as 2s) or 'polls' (a count), or both");
            }

            if (word is not null)
            {
                steps.Add(new LifecycleStep(JobStatus.Running, polls, after, progress: null, result: null, error: null, word));
            }
        }

        var cancelled = reader.Required(map, "cancelled", "'cancel'") is { } cancelledNode ? reader.Text(cancelledNode, "'cancel.cancelled'") : null;
        if (cancelled is not null)
        {
            steps.Add(new LifecycleStep(JobStatus.Failed, polls: null, after: null, progress: null, result: null, error: null, cancelled));
        }

        var jobScope = new TemplateScope<BodyContext> { What = "the answer to a cancel" }.Job(fields).Request().WithCommonFunctions();
        var body = map["body"] is { } bodyNode ? Compiler().Compile(bodyNode, jobScope) : null;
        return cancelled is null || (map["body"] is not null && body is null) ? null : new CancelRule(steps, body);
    }
}
