using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Engine;

/// <summary>Exchanging application credentials for an access token that opens the app's scenario until it expires on the emulator's clock.</summary>
internal sealed class TokenOperation(JobEmulatorEngine engine, ErrorWriter errors)
{
    public OperationResponse Answer(in OperationContext context, RequestBody body)
    {
        if (body.Status != BodyReadStatus.Read)
        {
            var tooLarge = body.Status == BodyReadStatus.TooLarge;
            return errors.Write(context, tooLarge ? ErrorKind.PayloadTooLarge : ErrorKind.ValidationFailed, tooLarge ? 413 : 400, null, "malformed", null, detail: body.Problem);
        }

        if (!context.Dialect.TryReadAppCredentials(body, out var appId, out var appSecret, out var problem))
        {
            return errors.Write(context, ErrorKind.ValidationFailed, 400, null, "invalid-token-request", null, detail: problem);
        }

        var lifetime = context.Dialect.TokenLifetime;
        if (engine.IssueToken(context.Dialect, appId, appSecret, lifetime, context.Now) is not { } token)
        {
            return errors.Write(context, ErrorKind.InvalidCredentials, 401, null, "invalid-app", appId, detail: "Invalid appId or appSecret.");
        }

        context.Dialect.WriteToken(context.Writer, token, lifetime);
        return new OperationResponse(context.Operation.SuccessStatus, null, null, "token-issued", appId);
    }
}
