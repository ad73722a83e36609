using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects;

namespace JobEmulator.Core.Tests.Reference;

/// <summary>Symbl's access tokens are JWTs; the emulator's look like them (HS256, drawn from the seed), though nobody checks the signature.</summary>
internal static class SymblTokens
{
    public static string Jwt(FakeData random, string subject, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["iss"] = "https://api.symbl.ai",
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = VendorIds.Uuid(random),
        }, SymblTokenJsonContext.Default.DictionaryStringObject));
        var key = random.Bytes(32);
        var signature = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
