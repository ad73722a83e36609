using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Dialects.Operations;

/// <summary>
/// One route of a vendor's API, as data: every host (ASP.NET endpoints, the WireMock adapter, the 404's
/// route list, <c>jobemu serve</c>'s banner) reads a dialect's <see cref="Dialect.Operations"/> and hands
/// matching requests to the engine's handler for <see cref="Kind"/>.
/// </summary>
/// <param name="Method">The HTTP method (<c>GET</c>, <c>POST</c>, <c>DELETE</c>).</param>
/// <param name="Route">The route template, ASP.NET syntax (<c>/v1/jobs/{id}</c>); route values are single path segments.</param>
/// <param name="Kind">What the operation does.</param>
/// <param name="Credentials">Where the credential may travel, tried in order; empty when the operation needs none.</param>
/// <param name="Summary">One line for route listings (<c>poll a job</c>).</param>
public sealed record DialectOperation(string Method, string Route, OperationKind Kind, IReadOnlyList<CredentialSource> Credentials, string Summary)
{
    /// <summary>The default <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>How the request body is sent (<see cref="BodyFormat.None"/>: not read).</summary>
    public BodyFormat Body { get; init; } = BodyFormat.None;

    /// <summary>The largest body accepted, counted while streaming; past it the answer is 413.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The HTTP status of a successful answer (200, or the vendor's 201/202).</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>
    /// The successful answer's status by the job's state, for an API whose answer says whether the job is done (Azure's
    /// <c>Location</c> polling: 202 while it runs, 200 once finished); indexed by <see cref="Scenarios.JobStatus"/>. Null:
    /// <see cref="SuccessStatus"/> whatever the state.
    /// </summary>
    internal IReadOnlyList<int>? SuccessByState { get; init; }

    /// <summary>The status of a successful answer about a job in <paramref name="status"/>.</summary>
    internal int SuccessFor(Scenarios.JobStatus status) => SuccessByState is { } byState ? byState[(int)status] : SuccessStatus;

    /// <summary>Values the route stands for, read by submission fields whose source is <see cref="SubmissionFieldSource.Operation"/> (Symbl's <c>media: audio</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>For <see cref="OperationKind.Read"/>: the route value that names the jobs and the job field it is matched against.</summary>
    internal JobLookup? Lookup { get; init; }

    /// <summary>The credential the request carries, read from <see cref="Credentials"/> in order, or null.</summary>
    public string? ReadCredential(IEmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var source in Credentials)
        {
            if (source.Read(request) is { } credential)
            {
                return credential;
            }
        }

        return null;
    }

    /// <summary>How the credential travels, for route listings (<c>X-API-Key: &lt;key&gt; or Authorization: Bearer &lt;token&gt;</c>).</summary>
    public string CredentialDescription => Credentials.Count == 0 ? "no credential" : string.Join(" or ", Credentials);

    /// <summary><c>GET /v1/jobs/{id}</c>.</summary>
    public override string ToString() => $"{Method} {Route}";
}
