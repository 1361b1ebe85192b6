using System.Globalization;

namespace Grainflow.Streaming.AzureBlob.Logs;

/// <summary>
/// Owns every blob name of a <see cref="BlobLog"/>: <c>&lt;prefix&gt;partitions</c> records the partition count, and
/// partition <c>p</c>'s segments are append blobs <c>&lt;prefix&gt;partition-pppp/&lt;first offset, 20 digits&gt;</c>,
/// so that a listing returns them in offset order.
/// </summary>
internal sealed class BlobLogNames
{
    private const int OffsetDigits = 20;

    public BlobLogNames(string? prefix)
    {
        var trimmed = prefix?.Trim('/') ?? string.Empty;
        Prefix = trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }

    /// <summary>The blob-name prefix: empty, or ending with <c>/</c>.</summary>
    public string Prefix { get; }

    public string PartitionCountBlob => Prefix + "partitions";

    /// <summary>The listing prefix of a partition's segments.</summary>
    public string PartitionPrefix(int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}partition-{partition:D4}/");

    public string Segment(int partition, long baseOffset) =>
        PartitionPrefix(partition) + baseOffset.ToString("D" + OffsetDigits, CultureInfo.InvariantCulture);

    /// <summary>The first offset a segment's blob name gives, or null for a blob that is not a segment.</summary>
    public static long? ParseBaseOffset(string blobName, string partitionPrefix)
    {
        if (!blobName.StartsWith(partitionPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var tail = blobName.AsSpan(partitionPrefix.Length);
        return tail.Length == OffsetDigits && long.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;
    }
}
