using System.Buffers;

namespace JobEmulator.Server;

/// <summary>
/// A per-thread buffer bodies are rendered into, so a status poll allocates no body buffer: render,
/// copy into the response pipe synchronously, reset — all before the first await.
/// </summary>
internal static class ResponseBuffer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
