using System.Text.RegularExpressions;
using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Operations;
using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Engine;

/// <summary>Turns a request into a <see cref="Submission"/> by the dialect's declared fields, or says what is wrong with it.</summary>
internal static class SubmissionResolver
{
    public static Submission? Resolve(Dialect dialect, DialectOperation operation, IEmulatorRequest request, RequestBody body, out string? problem) =>
        Resolve(dialect, operation, request, body, out problem, out _);

    public static Submission? Resolve(Dialect dialect, DialectOperation operation, IEmulatorRequest request, RequestBody body, out string? problem, out int status)
    {
        status = 400;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaulted = new HashSet<string>(StringComparer.Ordinal);
        var synchronous = false;
        string? headerName = null, headerValue = null, method = null;
        string? webhookUrl = null, webhookSecret = null, metadata = null, jobId = null;
        foreach (var field in dialect.SubmissionFields)
        {
            if (!field.AppliesTo(operation.Route))
            {
                continue;
            }

            var value = Read(field, operation, request, body);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    problem = field.Source switch
                    {
                        SubmissionFieldSource.FileName or SubmissionFieldSource.FileContentType when field.WireName.Length == 0 => "A request body is required",
                        SubmissionFieldSource.FileName or SubmissionFieldSource.FileContentType => $"A file is required in the '{field.WireName}' field",
                        _ => $"'{field.WireName}' is required ({field.Description})",
                    };
                    return null;
                }

                value = field.Default;
                if (value is not null)
                {
                    defaulted.Add(field.Key);
                }
            }
            else if (Refusal(field, value) is { } refused)
            {
                problem = refused;
                status = field.RefusedWith;
                return null;
            }

            if (value is null)
            {
                continue;
            }

            values[field.Key] = value;
            switch (field.Role)
            {
                case SubmissionFieldRole.WebhookUrl:
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    {
                        problem = $"'{field.WireName}' must be an absolute http or https URL; found '{value}'";
                        return null;
                    }

                    webhookUrl = value;
                    break;
                case SubmissionFieldRole.WebhookSecret:
                    webhookSecret = value;
                    break;
                case SubmissionFieldRole.CallbackMetadata:
                    metadata = value;
                    break;
                case SubmissionFieldRole.JobId:
                    jobId = value;
                    break;
                case SubmissionFieldRole.Synchronous:
                    synchronous = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case SubmissionFieldRole.WebhookHeaderName:
                    // A header name is a token (RFC 9110); anything else could not be sent.
                    if (value.Length > 256 || !value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
                    {
                        problem = $"'{field.WireName}' must be a header name (letters, digits and !#$%&'*+-.^_`|~); found '{value}'";
                        return null;
                    }

                    headerName = value;
                    break;
                case SubmissionFieldRole.WebhookMethod:
                    method = value.ToUpperInvariant();
                    if (method is not ("POST" or "PUT" or "PATCH"))
                    {
                        problem = $"'{field.WireName}' must be POST, PUT or PATCH; found '{value}'";
                        return null;
                    }

                    break;
                case SubmissionFieldRole.WebhookHeaderValue:
                    if (value.Any(c => c is '\r' or '\n' or '\0'))
                    {
                        problem = $"'{field.WireName}' must be one line of text (a header's value)";
                        return null;
                    }

                    headerValue = value;
                    break;
            }
        }

        problem = null;
        return new Submission(values, webhookUrl, webhookSecret, metadata)
        {
            JobId = jobId,
            Synchronous = synchronous,
            Defaulted = defaulted,
            WebhookHeader = headerName is not null && headerValue is not null ? new(headerName, headerValue) : null,
            WebhookMethod = method,
        };
    }

    private static string? Refusal(SubmissionField field, string value)
    {
        if (field.Choices is { } choices && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{Name(field)}' must be one of: {string.Join(", ", choices)}; found '{value}'";
        }

        if (field.Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return $"'{Name(field)}' is not accepted ({field.Description}); found '{value}'";
        }

        return null;
    }

    private static string Name(SubmissionField field) =>
        field.Source == SubmissionFieldSource.FileContentType ? (field.WireName.Length == 0 ? "Content-Type" : field.WireName + " content type") : field.WireName;

    private static string? Read(SubmissionField field, DialectOperation operation, IEmulatorRequest request, RequestBody body)
    {
        switch (field.Source)
        {
            case SubmissionFieldSource.Field:
                return body.Fields.GetValueOrDefault(field.WireName);
            case SubmissionFieldSource.Query:
                return request.GetQuery(field.WireName);
            case SubmissionFieldSource.Route:
                return request.GetRouteValue(field.WireName);
            case SubmissionFieldSource.Operation:
                return operation.Values.GetValueOrDefault(field.WireName);
        }

        foreach (var file in body.Files)
        {
            if (string.Equals(file.FieldName, field.WireName, StringComparison.Ordinal))
            {
                // A file part whose file name is empty still counts as a file; a missing content type stays missing (an
                // answer never reports a value the client did not send).
                return field.Source == SubmissionFieldSource.FileName ? file.FileName ?? "upload" : file.ContentType;
            }
        }

        return null;
    }
}
