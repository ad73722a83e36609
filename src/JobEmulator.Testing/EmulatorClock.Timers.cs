namespace JobEmulator.Testing;

/// <content>What the clock keeps about each client it drives and each timer armed on it.</content>
public sealed partial class EmulatorClock
{
    private sealed class Client(object? owner, Task task)
    {
        public object? Owner { get; } = owner;

        public Task Task { get; } = task;

        public long Since { get; set; }
    }

    // A client awaiting a signal through WaitAsync.
    private sealed record SignalWait(object? Owner, Task Signal);

    // Wraps FakeTimeProvider's timer to know when it is due and who armed it; the fake timer does the firing.
    private sealed class TrackedTimer(EmulatorClock clock, TimerCallback callback, object? state, bool isEmulatorWork) : ITimer
    {
        public bool IsEmulatorWork { get; } = isEmulatorWork;

        private ITimer? _inner;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;
        private int _fires;

        public DateTimeOffset? Due { get; set; }

        public long ArmedAt { get; set; }

        public object? Owner { get; } = s_owner.Value;

        public bool IsPeriodic => _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero;

        public void Attach(ITimer inner) => _inner = inner;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            // Arm the fake timer first and only then let the driver see the wait: were it seen first, the clock
            // could jump before the fake timer counts from the instant this wait was computed from.
            _period = period;
            var fires = Volatile.Read(ref _fires);
            var now = clock.GetUtcNow();
            var changed = _inner!.Change(dueTime, period);
            if (Volatile.Read(ref _fires) == fires)
            {
                clock.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime);
            }

            return changed;
        }

        public void Fire()
        {
            Interlocked.Increment(ref _fires);
            clock.Schedule(this, IsPeriodic ? clock.GetUtcNow() + _period : null);
            callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Schedule(this, null);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
