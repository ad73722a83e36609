using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Dialects.Operations;

/// <summary>
/// One route of a vendor's API, as data: every host (ASP.NET endpoints, the WireMock adapter, the 404's
/// route list, <c>jobemu serve</c>'s banner) reads a dialect's <see cref="Dialect.Operations"/> and hands
/// matching requests to the engine's handler for <see cref="Kind"/>.
/// </summary>
public sealed class DialectOperation
{
    /// <summary>An operation of <paramref name="kind"/> at <paramref name="method"/> <paramref name="route"/>.</summary>
    /// <param name="method">The HTTP method (<c>GET</c>, <c>POST</c>, <c>DELETE</c>).</param>
    /// <param name="route">The route template, ASP.NET syntax (<c>/v1/jobs/{id}</c>); route values are single path segments.</param>
    /// <param name="kind">What the operation does.</param>
    /// <param name="credentials">Where the credential may travel, tried in order; empty when the operation needs none.</param>
    /// <param name="summary">One line for route listings (<c>poll a job</c>).</param>
    internal DialectOperation(string method, string route, OperationKind kind, IReadOnlyList<CredentialSource> credentials, string summary)
    {
        Method = method;
        Route = route;
        Kind = kind;
        Credentials = credentials;
        Summary = summary;
    }

    /// <summary>The HTTP method (<c>GET</c>, <c>POST</c>, <c>DELETE</c>).</summary>
    public string Method { get; }

    /// <summary>The route template, ASP.NET syntax (<c>/v1/jobs/{id}</c>); route values are single path segments.</summary>
    public string Route { get; }

    /// <summary>What the operation does.</summary>
    public OperationKind Kind { get; }

    /// <summary>Where the credential may travel, tried in order; empty when the operation needs none.</summary>
    internal IReadOnlyList<CredentialSource> Credentials { get; }

    /// <summary>One line for route listings (<c>poll a job</c>).</summary>
    public string Summary { get; }

    /// <summary>The default <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    internal const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>How the request body is sent (<see cref="BodyFormat.None"/>: not read).</summary>
    public BodyFormat Body { get; internal init; } = BodyFormat.None;

    /// <summary>The largest body accepted, counted while streaming; past it the answer is 413.</summary>
    internal long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The HTTP status of a successful answer (200, or the vendor's 201/202).</summary>
    public int SuccessStatus { get; internal init; } = 200;

    /// <summary>
    /// The successful answer's status by the job's state, for an API whose answer says whether the job is done (Azure's
    /// <c>Location</c> polling: 202 while it runs, 200 once finished); indexed by <see cref="Lifecycle.JobStatus"/>. Null:
    /// <see cref="SuccessStatus"/> whatever the state.
    /// </summary>
    internal IReadOnlyList<int>? SuccessByState { get; init; }

    /// <summary>The status of a successful answer about a job in <paramref name="status"/>.</summary>
    internal int SuccessFor(Lifecycle.JobStatus status) => SuccessByState is { } byState ? byState[(int)status] : SuccessStatus;

    /// <summary>Values the route stands for, read by submission fields whose source is <see cref="SubmissionFieldSource.Operation"/> (Symbl's <c>media: audio</c>).</summary>
    internal IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>For <see cref="OperationKind.Read"/>: the route value that names the jobs and the job field it is matched against.</summary>
    internal JobLookup? Lookup { get; init; }

    /// <summary>The credential the request carries, read from <see cref="Credentials"/> in order, or null.</summary>
    internal string? ReadCredential(IEmulatorRequest request)
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
