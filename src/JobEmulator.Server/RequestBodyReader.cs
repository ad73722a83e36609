using System.Buffers;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Dialects.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace JobEmulator.Server;

/// <summary>
/// Reads a request body for a dialect operation as it streams: multipart uploads have their file parts
/// counted and dropped (never held in memory), and reading stops at the operation's limit. Shared by every
/// host (Kestrel, TestServer, the WireMock adapter).
/// </summary>
public static class RequestBodyReader
{
    /// <summary>The longest form field accepted, and the longest JSON member kept as text (64 KiB; a longer one is kept as its size).</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>The most form fields and file parts one upload may carry.</summary>
    public const int MaxParts = 100;

    /// <summary>Reads <paramref name="body"/>, sent as <paramref name="contentType"/>, as <paramref name="format"/>.</summary>
    public static async ValueTask<RequestBody> ReadAsync(Stream body, string? contentType, BodyFormat format, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return format switch
            {
                BodyFormat.Multipart => await ReadMultipartAsync(body, contentType, maxBytes, cancellationToken).ConfigureAwait(false),
                BodyFormat.Json => await ReadJsonAsync(body, contentType, maxBytes, cancellationToken).ConfigureAwait(false),
                BodyFormat.Raw => await ReadRawAsync(body, contentType, maxBytes, cancellationToken).ConfigureAwait(false),
                _ => RequestBody.Empty,
            };
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(maxBytes);
        }
        catch (InvalidDataException ex)
        {
            // MultipartReader's word for a broken body: no end boundary, headers too long, …
            return RequestBody.Refused(BodyReadStatus.Malformed, "The multipart body is malformed: " + ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel could not read the body (it ended before its Content-Length, a chunk was malformed, it came too slowly).
            return RequestBody.Refused(BodyReadStatus.Malformed, "The request body could not be read: " + ex.Message);
        }
        catch (IOException ex)
        {
            // The body ended inside a multipart part: no closing boundary ("Unexpected end of Stream").
            return RequestBody.Refused(BodyReadStatus.Malformed, "The body ended before the multipart upload did (no closing boundary): " + ex.Message);
        }
    }

    private static async ValueTask<RequestBody> ReadMultipartAsync(Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return RequestBody.Refused(BodyReadStatus.Malformed, $"The body must be multipart/form-data; found '{contentType ?? "no Content-Type"}'");
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            return RequestBody.Refused(BodyReadStatus.Malformed, "The multipart/form-data Content-Type has no usable boundary");
        }

        // Every byte of every part is read here and counted (never drained unread by the reader), so the total
        // limit holds whatever the parts claim; BodyLengthLimit backs it per part.
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024, BodyLengthLimit = maxBytes + 1 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<SubmittedFile>();
        long total = 0;
        var parts = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFieldBytes + 1);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (++parts > MaxParts)
                {
                    return RequestBody.Refused(BodyReadStatus.Malformed, $"The upload has more than {MaxParts} parts");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return RequestBody.Refused(BodyReadStatus.Malformed, "Every part needs 'Content-Disposition: form-data; name=…'");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    long length = 0;
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (total + length > maxBytes)
                        {
                            return TooLarge(maxBytes);
                        }
                    }

                    total += length;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    files.Add(new SubmittedFile(name, string.IsNullOrEmpty(fileName) ? null : fileName, section.ContentType, length));
                }
                else
                {
                    var length = await ReadTextAsync(section.Body, buffer, cancellationToken).ConfigureAwait(false);
                    if (length > MaxFieldBytes)
                    {
                        return RequestBody.Refused(BodyReadStatus.Malformed, $"Form field '{name}' is longer than {MaxFieldBytes} bytes");
                    }

                    total += length;
                    if (total > maxBytes)
                    {
                        return TooLarge(maxBytes);
                    }

                    fields[name] = Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return RequestBody.Read(fields, files);
    }

    private static async ValueTask<RequestBody> ReadJsonAsync(Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken)
    {
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return RequestBody.Refused(BodyReadStatus.Malformed, $"The body must be JSON (application/json); found '{contentType}'");
        }

        var limit = (int)Math.Min(maxBytes, int.MaxValue - 1);
        var buffer = new ArrayBufferWriter<byte>(1024);
        int read;
        while ((read = await body.ReadAsync(buffer.GetMemory(8192), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return TooLarge(maxBytes);
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return RequestBody.Refused(BodyReadStatus.Malformed, $"The body must be a JSON object; found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Large values (a base64 document) are only ever checked for presence: keep their size, not their text.
                var raw = property.Value.GetRawText();
                fields[property.Name] = raw.Length > MaxFieldBytes
                    ? $"({raw.Length} bytes)"
                    : property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : raw;
            }

            return RequestBody.Read(fields, []);
        }
        catch (JsonException ex)
        {
            return RequestBody.Refused(BodyReadStatus.Malformed, "The body is not valid JSON: " + ex.Message);
        }
    }

    // Raw bytes (an audio file): counted as they stream, never kept.
    private static async ValueTask<RequestBody> ReadRawAsync(Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return TooLarge(maxBytes);
                }
            }

            return RequestBody.Read(new Dictionary<string, string>(), length == 0 ? [] : [new SubmittedFile(string.Empty, null, contentType, length)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads a text part into buffer (at least MaxFieldBytes + 1 long); returns its length, or MaxFieldBytes + 1
    // as soon as it is longer than MaxFieldBytes (the rest is not read).
    private static async ValueTask<int> ReadTextAsync(Stream section, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while (length <= MaxFieldBytes && (read = await section.ReadAsync(buffer.AsMemory(length, MaxFieldBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length;
    }

    private static RequestBody TooLarge(long maxBytes) =>
        RequestBody.Refused(BodyReadStatus.TooLarge, $"The body is larger than {maxBytes} bytes");
}
