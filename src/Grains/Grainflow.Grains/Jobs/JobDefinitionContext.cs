using System.Globalization;

namespace Grainflow.Grains.Jobs;

/// <summary>What a job definition builds its graph from: the job id and the parameters it was started with.</summary>
public sealed class JobDefinitionContext(string jobId, IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>The running job's id; pass it to the <c>StreamJobBuilder</c>.</summary>
    public string JobId => jobId;

    /// <summary>Every parameter, by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters => parameters;

    /// <summary>The parameter <paramref name="name"/>, or null when absent.</summary>
    public string? Optional(string name) => parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The parameter <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">It is absent.</exception>
    public string Required(string name) =>
        Optional(name) ?? throw new ArgumentException($"Job '{jobId}' needs the parameter '{name}'.", nameof(name));

    /// <summary>The count parameter <paramref name="name"/>, or <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="ArgumentException">It is not an integer.</exception>
    public int Count(string name, int defaultValue) => Optional(name) is not { } text ? defaultValue
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"Parameter '{name}' of job '{jobId}' must be an integer, not '{text}'.", nameof(name));
}
