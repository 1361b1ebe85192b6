namespace Grainflow.Interfaces.Control;

/// <summary>Body of POST /jobs: start a registered job definition on the cluster.</summary>
/// <param name="Definition">The job definition's registered name, e.g. "wordcount".</param>
/// <param name="JobId">The running job's id; the definition's name when null.</param>
/// <param name="Options">
/// The definition's start options by name, without the leading dashes ("input" → "/data/book.txt"); a switch is
/// "true" or "false". Paths should be absolute: the silo that answers may run in another working directory.
/// </param>
public sealed record StartJobRequest(string Definition, string? JobId = null, IReadOnlyDictionary<string, string>? Options = null);
