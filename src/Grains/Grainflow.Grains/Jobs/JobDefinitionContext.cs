using System.Globalization;

namespace Grainflow.Grains.Jobs;

/// <summary>
/// What a job definition builds its graph from: the job id, the parameters it was started with, and the services of
/// the silo building it (every grain of a job builds the graph on its own silo).
/// </summary>
/// <param name="jobId">The running job's id.</param>
/// <param name="parameters">The job's parameters.</param>
/// <param name="services">The building silo's services; null outside a silo (then <see cref="Services"/> throws).</param>
public sealed class JobDefinitionContext(string jobId, IReadOnlyDictionary<string, string> parameters, IServiceProvider? services = null)
{
    /// <summary>The running job's id; pass it to the <c>StreamJobBuilder</c>.</summary>
    public string JobId => jobId;

    /// <summary>
    /// The services of the silo building the graph, for sources and sinks that reach Orleans (such as the log stream
    /// provider's <c>ReadOrleansStream</c> and <c>SinkToOrleansStream</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The graph is built outside a silo.</exception>
    public IServiceProvider Services => services ?? throw new InvalidOperationException(
        $"Job '{jobId}' is being defined outside a silo, so it cannot use the silo's services (stream providers).");

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
