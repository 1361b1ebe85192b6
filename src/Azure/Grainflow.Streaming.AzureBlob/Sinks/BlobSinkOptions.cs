namespace Grainflow.Streaming.AzureBlob.Sinks;

/// <summary>How a blob sink cuts its output into blocks.</summary>
public sealed class BlobSinkOptions
{
    /// <summary>The default block size: 4 MiB.</summary>
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>The smallest block size accepted.</summary>
    public const int MinBlockSize = 1024;

    /// <summary>
    /// The most bytes per staged block, at least <see cref="MinBlockSize"/>. An epoch of a task is at most 50,000
    /// blocks (the service's limit for a blob), so at the default up to about 195 GiB.
    /// </summary>
    public int BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Blocks of one task uploaded at once.</summary>
    public int MaxConcurrentUploads { get; init; } = 4;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, MinBlockSize, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentUploads, 1, nameof(MaxConcurrentUploads));
    }
}
