using System.Text;

namespace JobEmulator.Cli.Tests;

/// <summary>A thread-safe writer that completes <see cref="Listening"/> when the serve banner is written.</summary>
internal sealed class SignallingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public Task<string> Listening => _listening.Task;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var text = _text.ToString();
                const string Marker = "listening on ";
                var at = text.IndexOf(Marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _listening.TrySetResult(text[(at + Marker.Length)..].Split(' ')[0]);
                }
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }
}
