using System.Globalization;

namespace JobEmulator.Core.Dialects;

/// <summary>Invoice values the document-extraction vendors' examples share, drawn from a seeded faker.</summary>
internal static class FakeInvoice
{
    /// <summary>An invoice number shaped like the documents' <c>INV-2024-001</c>.</summary>
    public static string Number(FakeData faker) => $"INV-{faker.WholeNumber(2020, 2025)}-{faker.WholeNumber(1, 999):000}";

    /// <summary>A 2024 date as <c>yyyy-MM-dd</c>, never read from the wall clock.</summary>
    public static string Date(FakeData faker) =>
        new DateOnly(2024, 1, 1).AddDays(faker.WholeNumber(0, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
