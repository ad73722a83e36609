namespace JobEmulator.Core.Scenarios;

/// <summary>A scripted failure of the connection itself (<c>network:</c> in a fault), produced for real on the socket.</summary>
public enum NetworkFault
{
    /// <summary>The connection is reset (TCP RST): the client sees a connection error.</summary>
    Reset,

    /// <summary>The connection is closed with no response at all: an empty reply.</summary>
    Empty,

    /// <summary>A 200 whose body is not valid JSON (the vendor's body, cut short, with a matching Content-Length).</summary>
    Malformed,

    /// <summary>The vendor's body cut short under the full body's <c>Content-Length</c>, then the connection closes.</summary>
    Truncated,

    /// <summary>No answer, ever: the request hangs until the client gives up (or the server stops).</summary>
    Hang,
}
