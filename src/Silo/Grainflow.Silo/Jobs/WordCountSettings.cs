namespace Grainflow.Silo.Jobs;

/// <summary>What <c>grainflow-silo wordcount</c> was asked to do.</summary>
internal sealed record WordCountSettings(
    string InputPath,
    string OutputDirectory,
    string CheckpointDirectory,
    TimeSpan CheckpointInterval,
    int Parallelism)
{
    public const int DefaultParallelism = 2;

    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);
}
