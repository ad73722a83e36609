using System.Globalization;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A page of the caller's jobs (those its key submitted, and declared jobs its key opens), newest first (Waveline's <c>GET /api/v1/jobs?count=&amp;offset=</c>).
/// Listing reads each job as it is now without counting a poll. The page's query parameters are the
/// operation's values <c>count</c> and <c>offset</c> (their names), with <c>default_count</c> and <c>max_count</c>, all four required.
/// </summary>
internal sealed class ListOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    public OperationResponse Answer(in OperationContext context)
    {
        var credential = context.Operation.ReadCredential(context.Request);
        if (credential is null)
        {
            return errors.Write(context, ErrorKind.MissingCredentials, 401, null, "missing-credentials", null);
        }

        if (!engine.IsKnownCredential(context.Dialect, credential))
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, null, "invalid-credentials", credential);
        }

        if (engine.ScenarioFor(context.Dialect, credential) is { } scenario && engine.HasExpired(scenario, credential, context.Now))
        {
            return errors.Write(context, ErrorKind.ExpiredCredentials, 401, null, "expired-credentials", credential);
        }

        // The operation names its page parameters and sizes; a list operation without them is a dialect author's mistake.
        var values = context.Operation.Values;
        var maxCount = int.Parse(values["max_count"], CultureInfo.InvariantCulture);
        var countName = values["count"];
        var offsetName = values["offset"];
        if (!TryRead(context.Request.GetQuery(countName), int.Parse(values["default_count"], CultureInfo.InvariantCulture), 1, maxCount, out var count))
        {
            return errors.Write(context, ErrorKind.ValidationFailed, 400, null, "invalid-page", credential, detail: $"'{countName}' must be a whole number from 1 to {maxCount}");
        }

        if (!TryRead(context.Request.GetQuery(offsetName), 0, 0, int.MaxValue, out var offset))
        {
            return errors.Write(context, ErrorKind.ValidationFailed, 400, null, "invalid-page", credential, detail: $"'{offsetName}' must be a whole number from 0");
        }

        // The caller's jobs: those it submitted, and the declared jobs of scenarios its key opens.
        var visible = new List<JobRuntime>();
        foreach (var job in engine.JobsOf(context.Dialect))
        {
            if (job.Origin.Credential is { } owner
                ? string.Equals(owner, credential, StringComparison.Ordinal)
                : engine.Opens(job.Scenario, credential, context.Now))
            {
                visible.Add(job);
            }
        }

        visible.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : string.CompareOrdinal(b.Script.Id, a.Script.Id));
        var page = new List<JobView>(Math.Min(count, Math.Max(0, visible.Count - offset)));
        for (var i = offset; i < visible.Count && page.Count < count; i++)
        {
            page.Add(visible[i].Peek(context.Now));
        }

        context.Dialect.WriteJobList(context.Writer, page, offset, count, visible.Count, context.Request);
        return new OperationResponse(context.Operation.SuccessStatus, null, null, "listed", credential);
    }

    private static bool TryRead(string? text, int fallback, int min, int max, out int value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
