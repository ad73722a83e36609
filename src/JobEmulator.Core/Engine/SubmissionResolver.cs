using JobEmulator.Core.Dialects;
using JobEmulator.Core.Dialects.Submissions;

namespace JobEmulator.Core.Engine;

/// <summary>Turns a body into a <see cref="Submission"/> by the dialect's declared fields, or says what is wrong with it.</summary>
internal static class SubmissionResolver
{
    public static Submission? Resolve(Dialect dialect, RequestBody body, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? webhookUrl = null, webhookSecret = null, metadata = null;
        foreach (var field in dialect.SubmissionFields)
        {
            var value = Read(field, body);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    problem = field.Source == SubmissionFieldSource.Field
                        ? $"'{field.WireName}' is required ({field.Description})"
                        : $"A file is required in the '{field.WireName}' field";
                    return null;
                }

                value = field.Default;
            }
            else if (field.Choices is { } choices && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                problem = $"'{field.WireName}' must be one of: {string.Join(", ", choices)}; found '{value}'";
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
            }
        }

        problem = null;
        return new Submission(values, webhookUrl, webhookSecret, metadata);
    }

    private static string? Read(SubmissionField field, RequestBody body)
    {
        if (field.Source == SubmissionFieldSource.Field)
        {
            return body.Fields.GetValueOrDefault(field.WireName);
        }

        foreach (var file in body.Files)
        {
            if (string.Equals(file.FieldName, field.WireName, StringComparison.Ordinal))
            {
                // A file part whose file name is empty still counts as a file.
                return field.Source == SubmissionFieldSource.FileName ? file.FileName ?? "upload" : file.ContentType ?? "application/octet-stream";
            }
        }

        return null;
    }
}
