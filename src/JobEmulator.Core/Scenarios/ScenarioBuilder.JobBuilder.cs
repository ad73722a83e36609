using System.Globalization;
using System.Text;
using System.Text.Json;
using JobEmulator.Core.Lifecycle;
using JobEmulator.Core.Yaml;

namespace JobEmulator.Core.Scenarios;

/// <content>The builder of one job: fields, lifecycle steps and faults, each written as YAML.</content>
public sealed partial class ScenarioBuilder
{
    /// <summary>One job of a <see cref="ScenarioBuilder"/>: its fields, lifecycle and faults.</summary>
    public sealed class JobBuilder
    {
        private readonly string? _id;
        private readonly List<(string Name, string Value)> _fields = [];
        private readonly List<string> _steps = [];
        private readonly List<string> _faults = [];
        private string? _description;

        internal JobBuilder(string? id) => _id = id;

        /// <summary><c>description:</c> of the job.</summary>
        public JobBuilder Describe(string description)
        {
            ArgumentNullException.ThrowIfNull(description);
            _description = description;
            return this;
        }

        /// <summary>A vendor field of the job (see the dialect's LIMITATIONS.md), as a string, number or boolean.</summary>
        public JobBuilder Field(string name, object? value)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            _fields.Add((name, value is null ? "null" : Flow(JsonSerializer.Serialize(value, value.GetType()), $"field '{name}'")));
            return this;
        }

        /// <summary>
        /// A lifecycle step: <paramref name="status"/> is the vendor's word (<c>processing</c>) or a canonical
        /// one (<c>running</c>); the step ends after <paramref name="polls"/> polls or <paramref name="after"/>
        /// on the clock, whichever comes first. <paramref name="progress"/> is shown per poll.
        /// </summary>
#pragma warning disable RS0026, RS0027 // Status(string|JobStatus, …) and Completed(string?|object) are one call each, by the argument's type; optional parameters keep the call sites short.
        public JobBuilder Status(string status, int? polls = null, TimeSpan? after = null, IEnumerable<int>? progress = null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(status);
            var step = new StringBuilder();
            step.Append("      - status: ").Append(Quote(status)).Append('\n');
            if (polls is { } count)
            {
                Line(step, 8, "polls", count.ToString(CultureInfo.InvariantCulture));
            }

            if (after is { } time)
            {
                Line(step, 8, "after", Quote(DurationText.Format(time)));
            }

            if (progress is not null)
            {
                Line(step, 8, "progress", "[" + string.Join(", ", progress.Select(p => p.ToString(CultureInfo.InvariantCulture))) + "]");
            }

            _steps.Add(step.ToString());
            return this;
        }

        /// <summary>A lifecycle step in a canonical status; see <see cref="Status(string, int?, TimeSpan?, IEnumerable{int}?)"/>.</summary>
        public JobBuilder Status(JobStatus status, int? polls = null, TimeSpan? after = null, IEnumerable<int>? progress = null) =>
            Status(status.ToString().ToLowerInvariant(), polls, after, progress);

        /// <summary>The terminal <c>completed</c> step; <paramref name="resultJson"/> null generates the vendor's result from the seed.</summary>
        public JobBuilder Completed(string? resultJson = null)
        {
            var step = "      - status: \"completed\"\n";
            if (resultJson is not null)
            {
                step += "        result: " + Flow(resultJson, "the result") + "\n";
            }

            _steps.Add(step);
            return this;
        }

        /// <summary>The terminal <c>completed</c> step with <paramref name="result"/> serialized as its JSON result.</summary>
        public JobBuilder Completed(object result)
        {
            ArgumentNullException.ThrowIfNull(result);
            return Completed(JsonSerializer.Serialize(result, result.GetType()));
        }
#pragma warning restore RS0026, RS0027

        /// <summary>The terminal <c>failed</c> step; parts left null take the dialect's documented default error.</summary>
        public JobBuilder Failed(string? code = null, string? message = null, string? detailsJson = null)
        {
            var step = new StringBuilder("      - status: \"failed\"\n");
            if (code is not null || message is not null || detailsJson is not null)
            {
                step.Append("        error:\n");
                if (code is not null)
                {
                    Line(step, 10, "code", Quote(code));
                }

                if (message is not null)
                {
                    Line(step, 10, "message", Quote(message));
                }

                if (detailsJson is not null)
                {
                    Line(step, 10, "details", Flow(detailsJson, "the error details"));
                }
            }

            _steps.Add(step.ToString());
            return this;
        }

        /// <summary>Answers the job's <paramref name="onPoll"/>-th status request with <paramref name="respond"/> in the vendor's error envelope.</summary>
        public JobBuilder Fault(int onPoll, int respond, TimeSpan? retryAfter = null)
        {
            var fault = new StringBuilder();
            fault.Append(CultureInfo.InvariantCulture, $"      - on: {{poll: {onPoll}}}\n");
            Line(fault, 8, "respond", respond.ToString(CultureInfo.InvariantCulture));
            if (retryAfter is { } wait)
            {
                Line(fault, 8, "retry_after", Quote(DurationText.Format(wait)));
            }

            _faults.Add(fault.ToString());
            return this;
        }

        internal void Write(StringBuilder yaml)
        {
            yaml.Append("  - ");
            if (_id is not null)
            {
                yaml.Append("id: ").Append(Quote(_id)).Append("\n    ");
            }

            if (_description is not null)
            {
                yaml.Append("description: ").Append(Quote(_description)).Append("\n    ");
            }

            foreach (var (name, value) in _fields)
            {
                yaml.Append(name).Append(": ").Append(value).Append("\n    ");
            }

            yaml.Append(_steps.Count == 0 ? "lifecycle: []\n" : "lifecycle:\n");
            _steps.ForEach(step => yaml.Append(step));
            if (_faults.Count > 0)
            {
                yaml.Append("    faults:\n");
                _faults.ForEach(fault => yaml.Append(fault));
            }
        }
    }
}
