namespace Grainflow.Streams.Log;

/// <summary>Refuses to start a silo or client whose log stream options cannot work, naming the setting to fix.</summary>
internal sealed class GrainflowLogStreamOptionsValidator(GrainflowLogStreamOptions options, string name, bool requireDirectory)
    : IConfigurationValidator
{
    /// <summary>The most partitions a provider may have (a partition is a directory, a writer and a pulling agent).</summary>
    public const int MaxPartitions = 1024;

    public void ValidateConfiguration()
    {
        if (requireDirectory && string.IsNullOrWhiteSpace(options.Directory))
        {
            Fail(nameof(GrainflowLogStreamOptions.Directory), "must name the directory that holds the partitions");
        }

        if (options.Partitions is < 1 or > MaxPartitions)
        {
            Fail(nameof(GrainflowLogStreamOptions.Partitions), $"must be between 1 and {MaxPartitions} (it is {options.Partitions})");
        }

        if (options.GroupCommitWindow < TimeSpan.Zero || options.GroupCommitWindow > TimeSpan.FromSeconds(1))
        {
            Fail(nameof(GrainflowLogStreamOptions.GroupCommitWindow), $"must be between 0 and 1 s (it is {options.GroupCommitWindow})");
        }

        if (options.MaxEventsPerContainer < 1)
        {
            Fail(nameof(GrainflowLogStreamOptions.MaxEventsPerContainer), $"must be positive (it is {options.MaxEventsPerContainer})");
        }

        if (options.SegmentSize < 4096)
        {
            Fail(nameof(GrainflowLogStreamOptions.SegmentSize), $"must be at least 4096 bytes (it is {options.SegmentSize})");
        }
    }

    private void Fail(string setting, string problem) =>
        throw new OrleansConfigurationException($"Grainflow log stream provider '{name}': {nameof(GrainflowLogStreamOptions)}.{setting} {problem}.");
}
