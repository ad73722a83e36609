using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Engine;

/// <summary>
/// A cancel: the checks of a status poll (credential, id, job, scenario's keys, tenant, rate limit), then an unfinished
/// job moves to the dialect's cancel steps now, its transitions announced as any other (webhooks); a finished job is
/// refused with 409 (<see cref="ErrorKind.Conflict"/>). A cancel is not a poll: it counts no poll and meets no poll fault.
/// </summary>
internal sealed class CancelOperation(JobEmulatorEngine engine, StatusOperation status, ErrorWriter errors)
{
    public OperationResponse Answer(in OperationContext context)
    {
        if (status.Find(context, out var job, out var id, out var credential, out var rate) is { } refused)
        {
            return refused;
        }

        var steps = context.Dialect.CancelSteps ?? throw new InvalidOperationException($"The {context.Dialect.Name} dialect has a cancel operation but no cancel steps.");
        if (!engine.Cancel(job!, steps, context.Now))
        {
            return errors.Write(context, ErrorKind.Conflict, 409, id, "cancel-finished", credential, detail: "the job has already finished") with { RateLimit = rate };
        }

        var view = job!.Peek(context.Now);
        context.Dialect.WriteCancelled(context.Writer, view, context.Request);
        return new OperationResponse(context.Operation.SuccessFor(view.Status), null, id, context.Dialect.WordTextOf(view), credential) { RateLimit = rate };
    }
}
