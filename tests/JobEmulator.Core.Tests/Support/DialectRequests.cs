namespace JobEmulator.Core.Tests.Support;

/// <summary>A status request each dialect accepts: its route value or query for the id, and a credential.</summary>
internal static class DialectRequests
{
    public static FakeRequest For(string dialect, string id) => dialect switch
    {
        "symbl" => new FakeRequest().Route("jobId", id).Header("Authorization", "Bearer t"),
        "deepaffects" => new FakeRequest().Query("request_id", id).Query("apikey", "k"),
        "waveline" => new FakeRequest().Route("id", id).Header("Authorization", "Bearer t"),
        "aitronos" => new FakeRequest().Route("job_id", id).Header("X-API-Key", "k"),
        _ => new FakeRequest().Route("id", id).Header("X-API-Key", "k"),
    };
}
