using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>
/// Owns every path of a segment log: <c>&lt;log&gt;/partition-NNNN/&lt;base offset, 20 digits&gt;.segment</c> and
/// the partition's writer lock file and durable mark (<see cref="DurableMarkFile"/>). The zero-padded names sort in
/// offset order.
/// </summary>
internal static class SegmentFiles
{
    private const string PartitionPrefix = "partition-";
    private const string SegmentExtension = ".segment";
    private const string WriterLockName = "writer.lock";
    private const string DurableMarkName = "durable.mark";
    private const string DurableMarkTempName = "durable.mark.tmp";
    private const int OffsetDigits = 20;

    public static string PartitionDirectory(string logDirectory, int partition) =>
        Path.Combine(logDirectory, PartitionPrefix + partition.ToString("D4", CultureInfo.InvariantCulture));

    public static string SegmentPath(string partitionDirectory, long baseOffset) =>
        Path.Combine(partitionDirectory, baseOffset.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension);

    public static string WriterLockPath(string partitionDirectory) => Path.Combine(partitionDirectory, WriterLockName);

    public static string DurableMarkPath(string partitionDirectory) => Path.Combine(partitionDirectory, DurableMarkName);

    public static string DurableMarkTempPath(string partitionDirectory) => Path.Combine(partitionDirectory, DurableMarkTempName);

    /// <summary>Lists the base offsets of a partition's segments, ascending; empty when the directory is missing.</summary>
    public static List<long> ListSegments(string partitionDirectory)
    {
        var offsets = new List<long>();
        if (!Directory.Exists(partitionDirectory))
        {
            return offsets;
        }

        foreach (var path in Directory.EnumerateFiles(partitionDirectory, "*" + SegmentExtension))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == OffsetDigits
                && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var baseOffset))
            {
                offsets.Add(baseOffset);
            }
        }

        offsets.Sort();
        return offsets;
    }

    /// <summary>Counts the partition directories of a log, which must be numbered 0..n-1 without gaps.</summary>
    public static int CountPartitions(string logDirectory)
    {
        var numbers = new List<int>();
        foreach (var path in Directory.EnumerateDirectories(logDirectory, PartitionPrefix + "*"))
        {
            var suffix = Path.GetFileName(path)[PartitionPrefix.Length..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        numbers.Sort();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != i)
            {
                throw new LogCorruptedException(
                    $"Log directory '{logDirectory}' has partition directories [{string.Join(", ", numbers)}]; "
                    + "expected partitions numbered 0 to n-1.");
            }
        }

        return numbers.Count;
    }

    public static SafeFileHandle OpenForReading(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
}
