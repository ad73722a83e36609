using System.Text;
using JobEmulator.LoadTargets;

// The baselines benchmarks/load/run.sh measures jobemu serve against, each answering GET /v1/jobs/{id} with the
// same DocuRift body and checking X-API-Key, on 127.0.0.1:
//   JobEmulator.LoadTargets raw      <port> <body-file> <api-key>   a Kestrel minimal API with a constant body
//   JobEmulator.LoadTargets wiremock <port> <body-file> <api-key>   a WireMock.Net static mapping, request log capped
if (args is not [var kind, var portText, var bodyFile, var apiKey] || !int.TryParse(portText, out var port))
{
    await Console.Error.WriteLineAsync("usage: JobEmulator.LoadTargets raw|wiremock <port> <body-file> <api-key>");
    return 3;
}

var body = Encoding.UTF8.GetBytes((await File.ReadAllTextAsync(bodyFile)).Trim());
switch (kind)
{
    case "raw":
        await RawKestrel.RunAsync(port, body, apiKey);
        return 0;
    case "wiremock":
        await WireMockStatic.RunAsync(port, body, apiKey);
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown server '{kind}': raw or wiremock");
        return 3;
}
