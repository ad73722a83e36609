using System.Globalization;
using Bogus;

namespace JobEmulator.Core.Dialects;

/// <summary>Invoice values the document-extraction vendors' examples share, drawn from a seeded faker.</summary>
internal static class FakeInvoice
{
    /// <summary>An invoice number shaped like the documents' <c>INV-2024-001</c>.</summary>
    public static string Number(Faker faker) => $"INV-{faker.Random.Int(2020, 2025)}-{faker.Random.Int(1, 999):000}";

    /// <summary>A 2024 date as <c>yyyy-MM-dd</c>, never read from the wall clock.</summary>
    public static string Date(Faker faker) =>
        new DateOnly(2024, 1, 1).AddDays(faker.Random.Int(0, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
