using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// What <c>grainflow-silo wordcount</c> was asked to do. Exactly one of <see cref="CheckpointDirectory"/> and
/// <see cref="CheckpointStore"/> is set; the latter is a connection string, a secret that is never printed.
/// </summary>
internal sealed record WordCountSettings(
    string InputPath,
    string OutputDirectory,
    string? CheckpointDirectory,
    TimeSpan CheckpointInterval,
    int Parallelism)
{
    public const int DefaultParallelism = 2;

    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>An Azure Storage connection string whose container holds the checkpoints, instead of a directory.</summary>
    public string? CheckpointStore { get; init; }

    /// <summary>The blob container used with <see cref="CheckpointStore"/>.</summary>
    public string CheckpointContainer { get; init; } = BlobCheckpointStorageOptions.DefaultContainerName;

    // The record's generated ToString would print the connection string.
    public override string ToString() =>
        $"WordCountSettings {{ Input = {InputPath}, Output = {OutputDirectory}, Checkpoints = {CheckpointDirectory ?? $"blob container {CheckpointContainer}"} }}";
}
