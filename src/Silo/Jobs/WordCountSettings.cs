using Grainflow.Grains.WordCount;
using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// What <c>grainflow-silo wordcount</c> was asked to do. Exactly one of <see cref="InputPath"/>, <see cref="InputLog"/> and
/// <see cref="InputStream"/> is set, exactly one of <see cref="OutputDirectory"/>, <see cref="OutputStream"/>, <see cref="OutputStore"/> and <see cref="OutputStoreUrl"/>, and exactly one of <see cref="CheckpointDirectory"/>, <see cref="CheckpointStore"/> and
/// <see cref="CheckpointStoreUrl"/>; <see cref="CheckpointStore"/> and <see cref="OutputStore"/> are connection strings, secrets that are never printed.
/// </summary>
internal sealed record WordCountSettings(
    string? InputPath,
    string? OutputDirectory,
    string? CheckpointDirectory,
    TimeSpan CheckpointInterval,
    int Parallelism)
{
    public const int DefaultParallelism = 2;

    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>An Azure Storage connection string whose container holds the checkpoints, instead of a directory.</summary>
    public string? CheckpointStore { get; init; }

    /// <summary>An account or container URL whose container holds the checkpoints, reached with Microsoft Entra.</summary>
    public Uri? CheckpointStoreUrl { get; init; }

    /// <summary>A segment log to read lines from instead of <see cref="InputPath"/>: the job then runs until stopped.</summary>
    public string? InputLog { get; init; }

    /// <summary>A stream namespace (<c>grainflow/&lt;namespace&gt;</c>) to read lines from instead of <see cref="InputPath"/>: the job then runs until stopped.</summary>
    public string? InputStream { get; init; }

    /// <summary>A stream namespace the results go to, read-committed, instead of <see cref="OutputDirectory"/>.</summary>
    public string? OutputStream { get; init; }

    /// <summary>An Azure Storage connection string whose container receives the output as committed blobs, instead of <see cref="OutputDirectory"/>.</summary>
    public string? OutputStore { get; init; }

    /// <summary>An account or container URL whose container receives the output blobs, reached with Microsoft Entra.</summary>
    public Uri? OutputStoreUrl { get; init; }

    /// <summary>The blob container of <see cref="OutputStore"/>, or of an account's <see cref="OutputStoreUrl"/>.</summary>
    public string OutputContainer { get; init; } = WordCountJob.DefaultOutputContainer;

    /// <summary>Whether the input ends (a text file), so that the job ends once it is read.</summary>
    public bool IsBounded => InputLog is null && InputStream is null;

    /// <summary>A savepoint (by name, in the checkpoint location) to start from instead of the latest checkpoint.</summary>
    public string? FromSavepoint { get; init; }

    /// <summary>Start from <see cref="FromSavepoint"/> even if it holds state no operator claims.</summary>
    public bool AllowNonRestoredState { get; init; }

    /// <summary>Accept repeated output where exactly-once cannot hold (a damaged newest checkpoint, output ahead of the checkpoints).</summary>
    public bool AllowDuplicateOutput { get; init; }

    /// <summary>The blob container used with <see cref="CheckpointStore"/>, or with an account's <see cref="CheckpointStoreUrl"/>.</summary>
    public string CheckpointContainer { get; init; } = BlobCheckpointStorageOptions.DefaultContainerName;

    // The record's generated ToString would print the connection string.
    public override string ToString() =>
        $"WordCountSettings {{ Input = {InputPath ?? InputLog ?? InputStream}, Output = {OutputDirectory ?? OutputStream ?? $"blob container {OutputContainer}"}, Checkpoints = {CheckpointDirectory ?? $"blob container {CheckpointContainer}"} }}";
}
