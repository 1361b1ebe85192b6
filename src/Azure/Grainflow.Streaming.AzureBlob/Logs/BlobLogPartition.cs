using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>The blobs of one <see cref="BlobLog"/> partition: listing its segments and reading them. Thread-safe.</summary>
internal sealed class BlobLogPartition(BlobContainerClient container, BlobLogNames names, int partition)
{
    private readonly string _prefix = names.PartitionPrefix(partition);

    public int Partition { get; } = partition;

    public AppendBlobClient Segment(long baseOffset) => container.GetAppendBlobClient(names.Segment(Partition, baseOffset));

    public string SegmentName(long baseOffset) => names.Segment(Partition, baseOffset);

    /// <summary>The first offsets of the partition's segments, ascending; empty when it has none or the container is missing.</summary>
    public async Task<List<long>> ListSegmentsAsync(CancellationToken cancellationToken)
    {
        var segments = new List<long>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix }, cancellationToken).ConfigureAwait(false))
            {
                if (BlobLogNames.ParseBaseOffset(item.Name, _prefix) is { } offset)
                {
                    segments.Add(offset);
                }
            }
        }
        catch (RequestFailedException failure) when (BlobCheckpointErrors.IsContainerMissing(failure))
        {
            return segments;
        }

        segments.Sort();
        return segments;
    }

    /// <summary>Whether the segment starting at <paramref name="baseOffset"/> exists.</summary>
    public async Task<bool> SegmentExistsAsync(long baseOffset, CancellationToken cancellationToken)
    {
        try
        {
            return (await Segment(baseOffset).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException failure) when (BlobCheckpointErrors.IsContainerMissing(failure))
        {
            return false;
        }
    }

    /// <summary>Downloads a whole segment with its properties (length, ETag, block count, sealed).</summary>
    public async Task<BlobDownloadResult> DownloadAsync(long baseOffset, CancellationToken cancellationToken) =>
        (await Segment(baseOffset).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// Fills <paramref name="destination"/> with the bytes of a segment from <paramref name="position"/>; fewer at its end,
    /// none at or past it.
    /// </summary>
    public async Task<int> ReadRangeAsync(long baseOffset, long position, Memory<byte> destination, CancellationToken cancellationToken)
    {
        BlobDownloadStreamingResult result;
        try
        {
            result = (await Segment(baseOffset).DownloadStreamingAsync(
                new BlobDownloadOptions { Range = new HttpRange(position, destination.Length) }, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException failure) when (failure.Status == 416)
        {
            // A range that starts at the blob's end: nothing appended there yet.
            return 0;
        }

        using (result)
        {
            var total = 0;
            while (total < destination.Length)
            {
                var read = await result.Content.ReadAsync(destination[total..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
    }

    /// <summary>The partition's retained range: its first segment's offset and the end of its last segment.</summary>
    public async Task<LogPartitionBounds> GetBoundsAsync(List<long> segments, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            return default;
        }

        var last = segments[^1];
        var content = await DownloadAsync(last, cancellationToken).ConfigureAwait(false);
        return new LogPartitionBounds(segments[0], last + BlobLogFormat.CountFrames(content.Content.ToMemory().Span, SegmentName(last)));
    }
}
