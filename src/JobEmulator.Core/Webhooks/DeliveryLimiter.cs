namespace JobEmulator.Core.Webhooks;

/// <summary>
/// Bounds webhook attempts in flight: at most <see cref="WebhookLimits.Concurrency"/> at once, and at most
/// <see cref="WebhookLimits.ConcurrencyPerReceiver"/> to one receiver (scheme, host and port). An attempt past a cap
/// waits in a backlog, first come first served (a freed slot goes to the oldest waiter whose receiver has room), of at most <see cref="WebhookLimits.Backlog"/> attempts;
/// past that, the oldest waiting attempt is dropped (its wait ends with no slot) so the newest can wait.
/// </summary>
/// <remarks>
/// Memory is what the backlog holds: one small node per waiting attempt (the event's body lives in the delivery it
/// belongs to). Descriptors are what is in flight: at most <see cref="WebhookLimits.Concurrency"/> connections.
/// </remarks>
internal sealed class DeliveryLimiter
{
    private readonly WebhookLimits _limits;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _backlog = new();
    private readonly Dictionary<string, Receiver> _receivers = new(StringComparer.Ordinal);
    private int _running;
    private long _dropped;
    private long _sequence;

    public DeliveryLimiter(WebhookLimits limits) => _limits = limits;

    /// <summary>How many attempts are in flight now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>How many attempts wait for a slot now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _backlog.Count;
            }
        }
    }

    /// <summary>How many attempts the backlog has dropped since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// A slot for one attempt to <paramref name="url"/>: at once when there is room, else once an attempt ahead of it
    /// ends. Null when the attempt was dropped from a full backlog (<paramref name="dropped"/> is then called first, on the
    /// thread whose attempt pushed it out, so the drop is on record before anyone looks) or <paramref name="cancellationToken"/>
    /// ended the wait.
    /// </summary>
    public ValueTask<Slot?> EnterAsync(Uri url, CancellationToken cancellationToken, Action? dropped = null)
    {
        var key = url.GetLeftPart(UriPartial.Authority);
        Waiter? pushedOut = null;
        Waiter waiter;
        lock (_gate)
        {
            var receiver = ReceiverLocked(key);
            receiver.DropDeadHeads();
            if (_running < _limits.Concurrency && receiver.Running < _limits.ConcurrencyPerReceiver && receiver.Queue.Count == 0)
            {
                _running++;
                receiver.Running++;
                return new ValueTask<Slot?>(new Slot(this, receiver));
            }

            waiter = new Waiter(receiver, ++_sequence, dropped);
            waiter.Node = _backlog.AddLast(waiter);
            receiver.Queue.Enqueue(waiter);
            if (_backlog.Count > _limits.Backlog)
            {
                pushedOut = _backlog.First!.Value;
                RemoveLocked(pushedOut);
            }
        }

        if (pushedOut is not null)
        {
            Interlocked.Increment(ref _dropped);
            pushedOut.Dropped?.Invoke();
            pushedOut.Done.TrySetResult(null);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(static state => Abandon(((DeliveryLimiter, Waiter))state!), (this, waiter));
            waiter.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return new ValueTask<Slot?>(waiter.Done.Task);
    }

    private static void Abandon((DeliveryLimiter Limiter, Waiter Waiter) wait) => wait.Limiter.Abandon(wait.Waiter);

    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return; // granted or dropped already
            }

            RemoveLocked(waiter);
        }

        waiter.Done.TrySetResult(null);
    }

    // Takes a waiter out of the backlog; its receiver's queue skips it when it comes to the front.
    private void RemoveLocked(Waiter waiter)
    {
        _backlog.Remove(waiter.Node!);
        waiter.Node = null;
        var receiver = waiter.Receiver;
        receiver.DropDeadHeads();

        if (receiver.Running == 0 && receiver.Queue.Count == 0)
        {
            _receivers.Remove(receiver.Key); // forget idle receivers: memory stays bounded by the backlog
        }
    }

    private Receiver ReceiverLocked(string key)
    {
        if (!_receivers.TryGetValue(key, out var receiver))
        {
            receiver = new Receiver(key);
            _receivers[key] = receiver;
        }

        return receiver;
    }

    private void Leave(Receiver receiver)
    {
        List<(Waiter Waiter, Slot Slot)> granted = [];
        lock (_gate)
        {
            _running--;
            receiver.Running--;

            // Freed slots go to the oldest waiters whose receivers have room: the oldest head among receivers' queues
            // (one per receiver, so this looks at as many receivers as wait, not at the whole backlog).
            while (_running < _limits.Concurrency && _backlog.Count > 0)
            {
                var next = OldestWithRoomLocked();
                if (next is null)
                {
                    break;
                }

                var waiter = next.Queue.Dequeue();
                RemoveLocked(waiter);
                _running++;
                next.Running++;
                granted.Add((waiter, new Slot(this, next)));
            }

            if (receiver.Running == 0 && receiver.Queue.Count == 0)
            {
                _receivers.Remove(receiver.Key); // forget idle receivers: memory stays bounded by the backlog
            }
        }

        foreach (var (waiter, slot) in granted)
        {
            if (!waiter.Done.TrySetResult(slot))
            {
                slot.Dispose();
            }
        }
    }

    // The receiver with room whose first live waiter came earliest; dead waiters (dropped, abandoned) are skipped.
    private Receiver? OldestWithRoomLocked()
    {
        Receiver? oldest = null;
        foreach (var receiver in _receivers.Values)
        {
            receiver.DropDeadHeads();
            if (receiver.Running < _limits.ConcurrencyPerReceiver && receiver.Queue.TryPeek(out var head)
                && (oldest is null || head.Sequence < oldest.Queue.Peek().Sequence))
            {
                oldest = receiver;
            }
        }

        return oldest;
    }

    /// <summary>One attempt's place in flight; disposing it lets the next waiter in.</summary>
    internal sealed class Slot(DeliveryLimiter limiter, Receiver receiver) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                limiter.Leave(receiver);
            }
        }
    }

    internal sealed class Receiver(string key)
    {
        public string Key { get; } = key;

        public int Running { get; set; }

        public Queue<Waiter> Queue { get; } = new();

        /// <summary>Takes waiters that were dropped or abandoned while they waited off the front of the queue.</summary>
        public void DropDeadHeads()
        {
            while (Queue.TryPeek(out var front) && front.Node is null)
            {
                Queue.Dequeue();
            }
        }
    }

    internal sealed class Waiter(Receiver receiver, long sequence, Action? dropped)
    {
        public Action? Dropped { get; } = dropped;

        public Receiver Receiver { get; } = receiver;

        public long Sequence { get; } = sequence;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<Slot?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
