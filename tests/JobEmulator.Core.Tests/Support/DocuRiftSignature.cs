using System.Security.Cryptography;
using System.Text;

namespace JobEmulator.Core.Tests.Support;

/// <summary>DocuRift's webhook signature, computed the way its documentation says, to check the emulator's against.</summary>
internal static class DocuRiftSignature
{
    /// <summary>The processing-started event's type.</summary>
    public const string Started = "document.processing.started";

    /// <summary>The processing-completed event's type.</summary>
    public const string Completed = "document.processing.completed";

    /// <summary>Lowercase hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
