namespace Grainflow.Storage.AzureBlob.Models;

/// <summary>How an upload is split: one Put Blob up to <see cref="SingleUploadThreshold"/>, else parallel Put Block + Put Block List.</summary>
public sealed class BlobTransferOptions
{
    /// <summary>The largest size the service accepts in one Put Blob (5000 MiB).</summary>
    public const long MaxSingleUploadSize = 5000L * 1024 * 1024;

    /// <summary>The largest block this client buffers (the service allows 4000 MiB; a buffered block must fit an array).</summary>
    public const int MaxBlockSize = 1024 * 1024 * 1024;

    /// <summary>Content up to this many bytes goes in one Put Blob request. Default 8 MiB.</summary>
    public long SingleUploadThreshold { get; init; } = 8 * 1024 * 1024;

    /// <summary>Size of each block above the threshold; each block is buffered so a retry can replay it. Default 4 MiB.</summary>
    public int BlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Blocks in flight at once; memory use is about (this + 1) × <see cref="BlockSize"/>. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SingleUploadThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SingleUploadThreshold, MaxSingleUploadSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, MaxBlockSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1);
    }
}
