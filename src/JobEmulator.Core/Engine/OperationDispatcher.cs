using System.Buffers;
using System.Text.Json;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Json;

namespace JobEmulator.Core.Engine;

/// <summary>
/// The engine's side of every dialect operation, host-neutral: a host matches a request to one of a
/// dialect's <see cref="Dialect.Operations"/> and calls <see cref="HandleAsync"/>, which runs the handler
/// for the operation's kind, writes the vendor's JSON body into a buffer and records the request in the
/// journal. A status poll completes synchronously and allocates no body buffer of its own.
/// </summary>
public sealed class OperationDispatcher
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonFragment.Encoder, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly JobEmulatorEngine _engine;
    private readonly StatusOperation _status;
    private readonly SubmitOperation _submit;
    private readonly WebhookOperations _webhooks;
    private readonly TokenOperation _tokens;
    private readonly ListOperation _list;
    private readonly BatchSubmitOperation _batch;
    private readonly ReadOperation _read;
    private readonly CancelOperation _cancel;
    private readonly ErrorWriter _errors;
    private long _requestCounter;

    /// <summary>Creates the dispatcher over <paramref name="engine"/>.</summary>
    public OperationDispatcher(JobEmulatorEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _errors = new ErrorWriter(engine.Time);
        _status = new StatusOperation(engine, _errors);
        _submit = new SubmitOperation(engine, _errors);
        _webhooks = new WebhookOperations(engine, _errors);
        _tokens = new TokenOperation(engine, _errors);
        _list = new ListOperation(engine, _errors);
        _batch = new BatchSubmitOperation(engine, _errors);
        _read = new ReadOperation(engine, _errors);
        _cancel = new CancelOperation(engine, _status, _errors);
    }

    /// <summary>
    /// Answers one request to <paramref name="operation"/> of <paramref name="dialect"/>, writing the JSON body to
    /// <paramref name="body"/>. Completes synchronously for status polls.
    /// </summary>
    public ValueTask<OperationResponse> HandleAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        return operation.Kind switch
        {
            OperationKind.Status => new(Render(dialect, operation, request, body, _status.Answer)),
            OperationKind.Submit => SubmitAsync(dialect, operation, request, body, cancellationToken),
            OperationKind.BatchSubmit => BatchSubmitAsync(dialect, operation, request, body, cancellationToken),
            OperationKind.List => new(Render(dialect, operation, request, body, _list.Answer)),
            OperationKind.Token => IssueTokenAsync(dialect, operation, request, body, cancellationToken),
            OperationKind.WebhookCreate => RegisterAsync(dialect, operation, request, body, cancellationToken),
            OperationKind.WebhookList => new(Render(dialect, operation, request, body, _webhooks.List)),
            OperationKind.WebhookDelete => new(Render(dialect, operation, request, body, _webhooks.Delete)),
            OperationKind.Read => ReadAsync(dialect, operation, request, body, cancellationToken),
            OperationKind.Cancel => new(Render(dialect, operation, request, body, _cancel.Answer)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, $"No handler for {operation.Kind} operations."),
        };
    }

    private delegate OperationResponse Answerer(in OperationContext context);

    private async ValueTask<OperationResponse> BatchSubmitAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        var prepared = await _batch.PrepareAsync(dialect, operation, request, cancellationToken).ConfigureAwait(false);
        return Render(dialect, operation, request, body, (in OperationContext context) => _batch.Answer(context, prepared));
    }

    private async ValueTask<OperationResponse> ReadAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        var form = await ReadOperation.ReadBodyAsync(operation, request, cancellationToken).ConfigureAwait(false);
        return Render(dialect, operation, request, body, (in OperationContext context) => _read.Answer(context, form));
    }

    private async ValueTask<OperationResponse> IssueTokenAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        var form = await request.ReadBodyAsync(operation.Body, operation.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return Render(dialect, operation, request, body, (in OperationContext context) => _tokens.Answer(context, form));
    }

    private async ValueTask<OperationResponse> RegisterAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        var registration = await WebhookOperations.ReadAsync(operation, request, cancellationToken).ConfigureAwait(false);
        return Render(dialect, operation, request, body, (in OperationContext context) => _webhooks.Create(context, registration));
    }

    private async ValueTask<OperationResponse> SubmitAsync(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, CancellationToken cancellationToken)
    {
        // The body is read (awaited) first; the answer is then rendered synchronously on whichever thread resumed.
        var prepared = await _submit.PrepareAsync(dialect, operation, request, cancellationToken).ConfigureAwait(false);
        return Render(dialect, operation, request, body, (in OperationContext context) => _submit.Answer(context, prepared));
    }

    private OperationResponse Render(Dialect dialect, DialectOperation operation, IEmulatorRequest request, IBufferWriter<byte> body, Answerer answer)
    {
        var writer = RentWriter(body);
        var now = _engine.Time.GetUtcNow();
        OperationResponse response;
        try
        {
            response = answer(new OperationContext(dialect, operation, request, writer, now));
        }
        finally
        {
            writer.Flush();
            writer.Reset();
        }

        if (dialect.HasResponseHeaders)
        {
            var (count, untilEnd) = _engine.Stores.Windows.Count(response.Credential ?? string.Empty, now);
            var requestId = "req_" + ((uint)Lifecycle.StableHash.Combine((int)Interlocked.Increment(ref _requestCounter), dialect.Name)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            response = response with { Headers = dialect.ResponseHeaders(new ResponseFacts(requestId, count, untilEnd, response.RateLimit)) };
        }

        Record(dialect, operation, request, now, response);
        return response;
    }

    private void Record(Dialect dialect, DialectOperation operation, IEmulatorRequest request, DateTimeOffset now, in OperationResponse response)
    {
        var journal = _engine.Journal;
        if (journal.IsEnabled)
        {
            TimeSpan? retryAfter = response.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
            journal.Record(now, request.Method, request.Path, request.Query, dialect.Name, response.JobId, response.Credential, response.StatusCode, retryAfter, response.Status, response.Outcome, operation.Kind);
        }
    }

    private static Utf8JsonWriter RentWriter(IBufferWriter<byte> body)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(body, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(body);
        }

        return writer;
    }
}
