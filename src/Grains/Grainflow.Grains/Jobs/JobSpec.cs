using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Jobs;

/// <summary>
/// A running job's identity: which registered definition, with which parameters, where its checkpoints go and
/// how it runs. Everything a grain on any silo needs to rebuild its part of the job; it travels in grain calls.
/// </summary>
/// <param name="Definition">The name the job's definition was registered under (<see cref="Hosting.GrainflowOptions.AddJob"/>).</param>
/// <param name="JobId">The running job's id: names its grains and its checkpoint directory.</param>
/// <param name="Parameters">The definition's parameters (input, output, parallelism, ...).</param>
/// <param name="Checkpoints">Where its checkpoints are kept.</param>
/// <param name="Options">Checkpoint interval, timeouts, batch size.</param>
/// <param name="FromSavepoint">A savepoint to start from instead of the latest checkpoint, or null.</param>
[GenerateSerializer]
public sealed record JobSpec(
    string Definition,
    string JobId,
    IReadOnlyDictionary<string, string> Parameters,
    CheckpointLocation Checkpoints,
    JobOptions Options,
    SavepointSource? FromSavepoint = null)
{
    /// <summary>The parameter a rescale sets (<c>grainflow job rescale</c>): a definition that can be rescaled reads its parallelism from it.</summary>
    public const string ParallelismParameter = "parallelism";
}
