namespace JobEmulator.Core.Dialects;

/// <summary>Id shapes vendors use, drawn from seeded <see cref="FakeData"/> so they replay.</summary>
internal static class VendorIds
{
    /// <summary>A version-4 UUID in the canonical 8-4-4-4-12 form (<c>9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d</c>).</summary>
    public static string Uuid(FakeData random) => NewGuid(random).ToString("D");

    /// <summary>A version-4 UUID as 32 hex digits without dashes.</summary>
    public static string UuidHex(FakeData random) => NewGuid(random).ToString("N");

    private static Guid NewGuid(FakeData random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = random.Bytes(16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order puts the version in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
