using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Lifecycle;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The last <see cref="Capacity"/> requests the emulator answered, oldest first. Bounded (older entries
/// are dropped, and counted) and lock-free: recording is one interlocked increment and one slot write,
/// so concurrent polls of different jobs never wait on each other. A capacity of 0 turns recording off.
/// </summary>
public sealed class RequestJournal
{
    /// <summary>The capacity used when none is given.</summary>
    public const int DefaultCapacity = 1000;

    /// <summary>The largest capacity accepted (one million entries).</summary>
    public const int MaxCapacity = 1_000_000;

    private readonly JournalEntry?[] _slots;
    private long _last;
    private long _clearedThrough;

    /// <summary>Creates a journal keeping the last <paramref name="capacity"/> requests (0: keep none).</summary>
    public RequestJournal(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        _slots = new JournalEntry?[capacity];
    }

    /// <summary>How many entries are kept at most.</summary>
    public int Capacity => _slots.Length;

    /// <summary>False when the capacity is 0 and nothing is recorded.</summary>
    public bool IsEnabled => _slots.Length > 0;

    /// <summary>How many requests were recorded since the journal was created or last cleared, kept or not.</summary>
    internal long TotalRecorded => Volatile.Read(ref _last) - Volatile.Read(ref _clearedThrough);

    /// <summary>How many of those were dropped because the journal was full.</summary>
    public long Dropped => Math.Max(0, TotalRecorded - _slots.Length);

    /// <summary>Records one answered request.</summary>
    public void Record(DateTimeOffset time, string method, string path, string query, string? dialect, string? jobId, string? credential, int statusCode, TimeSpan? retryAfter, JobStatus? status, string outcome, OperationKind? operation = null)
    {
        if (_slots.Length == 0)
        {
            return;
        }

        var sequence = Interlocked.Increment(ref _last);
        var entry = new JournalEntry(sequence, time, method, path, query, dialect, jobId, credential, statusCode, retryAfter, status, outcome) { Operation = operation };

        // A writer that stalled for a whole lap must not overwrite the newer entry that took its slot.
        ref var slot = ref _slots[(sequence - 1) % _slots.Length];
        var current = Volatile.Read(ref slot);
        while (current is null || current.Sequence < sequence)
        {
            var seen = Interlocked.CompareExchange(ref slot, entry, current);
            if (ReferenceEquals(seen, current))
            {
                break;
            }

            current = seen;
        }
    }

    /// <summary>
    /// The entries kept, oldest first. A request still being recorded by another thread at this instant
    /// may be missing; every request recorded before the call is present unless the capacity dropped it.
    /// </summary>
    public IReadOnlyList<JournalEntry> Snapshot()
    {
        if (_slots.Length == 0)
        {
            return [];
        }

        var last = Volatile.Read(ref _last);
        var first = Math.Max(Volatile.Read(ref _clearedThrough), last - _slots.Length) + 1;
        var entries = new List<JournalEntry>((int)Math.Max(0, last - first + 1));
        for (var sequence = first; sequence <= last; sequence++)
        {
            // A slot may already hold a newer entry (overwritten since 'last' was read) or not yet hold this one.
            if (Volatile.Read(ref _slots[(sequence - 1) % _slots.Length]) is { } entry && entry.Sequence == sequence)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Forgets every entry recorded so far.</summary>
    public void Clear() => Volatile.Write(ref _clearedThrough, Volatile.Read(ref _last));
}
