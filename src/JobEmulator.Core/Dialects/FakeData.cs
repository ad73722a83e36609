using Bogus;

namespace JobEmulator.Core.Dialects;

/// <summary>
/// Seeded fake values for a dialect's generated ids, fields and results. The same seed gives the same
/// values on every run and every thread. Creating one costs a few microseconds: it holds only its own
/// random source, and borrows a per-thread Bogus faker (built once per thread) for names and words.
/// </summary>
internal sealed class FakeData
{
    [ThreadStatic]
    private static Faker? t_faker;

    private readonly Randomizer _random;

    /// <summary>Creates the source for <paramref name="seed"/>.</summary>
    public FakeData(int seed) => _random = new Randomizer(seed);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int WholeNumber(int min, int max) => _random.Int(min, max);

    /// <summary>A decimal from <paramref name="min"/> to <paramref name="max"/>, rounded to <paramref name="decimals"/> places.</summary>
    public decimal Amount(decimal min, decimal max, int decimals) => Math.Round(_random.Decimal(min, max), decimals);

    /// <summary>One of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfZero<int>(items.Count, nameof(items));
        return items[_random.Int(0, items.Count - 1)];
    }

    /// <summary><paramref name="length"/> characters drawn from <paramref name="alphabet"/>.</summary>
    public string Text(int length, string alphabet)
    {
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        return _random.String2(length, alphabet);
    }

    /// <summary><paramref name="count"/> random bytes.</summary>
    public byte[] Bytes(int count) => _random.Bytes(count);

    /// <summary>A company name (<c>Kuhn, Schaefer and Stroman</c>).</summary>
    public string CompanyName() => Faker().Company.CompanyName();

    /// <summary>A product name (<c>Ergonomic Steel Chair</c>).</summary>
    public string ProductName() => Faker().Commerce.ProductName();

    /// <summary>A person's full name (<c>Jane Kuhn</c>).</summary>
    public string PersonName() => Faker().Name.FullName();

    /// <summary>An e-mail address.</summary>
    public string Email() => Faker().Internet.Email();

    /// <summary>A file name with <paramref name="extension"/>.</summary>
    public string FileName(string extension) => Faker().System.FileName(extension);

    /// <summary><paramref name="count"/> lorem-ipsum words.</summary>
    public string[] Words(int count) => Faker().Lorem.Words(count);

    // The faker's data sets read whichever random source is set last: point them at this one for the call.
    private Faker Faker()
    {
        var faker = t_faker ??= new Faker("en");
        faker.Random = _random;
        return faker;
    }
}
