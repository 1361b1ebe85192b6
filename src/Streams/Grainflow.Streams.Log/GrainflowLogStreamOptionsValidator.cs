using Grainflow.Streaming.AzureBlob;

namespace Grainflow.Streams.Log;

/// <summary>Refuses to start a silo or client whose log stream options cannot work, naming the setting to fix.</summary>
internal sealed class GrainflowLogStreamOptionsValidator(GrainflowLogStreamOptions options, string name, bool requireStorage)
    : IConfigurationValidator
{
    /// <summary>The most partitions a provider may have (a partition is a directory, a writer and a pulling agent).</summary>
    public const int MaxPartitions = 1024;

    public void ValidateConfiguration()
    {
        if (requireStorage)
        {
            ValidateStorage();
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

    /// <summary>Exactly one place for the partitions, and a blob account that can be addressed (no request is made).</summary>
    private void ValidateStorage()
    {
        var given = new[]
        {
            (nameof(GrainflowLogStreamOptions.Directory), !string.IsNullOrWhiteSpace(options.Directory)),
            (nameof(GrainflowLogStreamOptions.BlobConnectionString), options.BlobConnectionString is not null),
            (nameof(GrainflowLogStreamOptions.BlobServiceUri), options.BlobServiceUri is not null),
        }.Where(o => o.Item2).Select(o => o.Item1).ToList();
        if (given.Count != 1)
        {
            Fail(
                nameof(GrainflowLogStreamOptions.Directory),
                given.Count == 0
                    ? $"(or {nameof(GrainflowLogStreamOptions.BlobConnectionString)}, or {nameof(GrainflowLogStreamOptions.BlobServiceUri)}) must say where the partitions are"
                    : $"and {string.Join(" and ", given.Where(g => g != nameof(GrainflowLogStreamOptions.Directory)))} exclude each other; set one");
        }

        if (!options.UsesBlobStorage)
        {
            return;
        }

        if (ContainerNameProblem(options.BlobContainerName) is { } problem)
        {
            Fail(nameof(GrainflowLogStreamOptions.BlobContainerName), problem);
        }

        try
        {
            _ = options.BlobServiceUri is { } uri
                ? BlobCheckpointContainer.FromUri(uri, containerName: null, credential: NoCredential.Instance)
                : BlobCheckpointContainer.FromConnectionString(options.BlobConnectionString!, options.BlobContainerName);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Their messages name the accepted forms, never a value of the connection string.
            var setting = options.BlobServiceUri is null ? nameof(GrainflowLogStreamOptions.BlobConnectionString) : nameof(GrainflowLogStreamOptions.BlobServiceUri);
            Fail(setting, $"is not usable: {e.Message.Split(" (Parameter", 2)[0].TrimEnd('.')}");
        }
    }

    /// <summary>The service's rule: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    private static string? ContainerNameProblem(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal)
            ? null
            : $"must be 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (it is '{name}')";

    private void Fail(string setting, string problem) =>
        throw new OrleansConfigurationException($"Grainflow log stream provider '{name}': {nameof(GrainflowLogStreamOptions)}.{setting} {problem}.");
}
