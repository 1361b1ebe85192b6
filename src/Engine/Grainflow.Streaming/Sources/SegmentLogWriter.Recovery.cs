using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>Opening a writer: recovery of the last segment and of the durable mark.</summary>
internal sealed partial class SegmentLogWriter
{
    /// <summary>
    /// Takes the partition's lock, recovers its last segment (truncating a torn tail), makes every record that
    /// survived durable and publishes the durable mark for them.
    /// </summary>
    /// <exception cref="LogCorruptedException">
    /// A segment header is damaged, or the segments hold fewer records than the mark says were durable.
    /// </exception>
    public static async ValueTask<SegmentLogWriter> OpenAsync(
        string partitionDirectory, int partition, SegmentLogOptions options, ILogger logger, Action onDisposed,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(partitionDirectory);
        var writerLock = AcquireLock(partitionDirectory, partition);
        SafeFileHandle? segment = null;
        try
        {
            var mark = ReadMarkForRecovery(partitionDirectory, logger);
            var segments = SegmentFiles.ListSegments(partitionDirectory);
            long baseOffset = 0, count = 0, length = SegmentFormat.HeaderLength;
            if (segments.Count == 0)
            {
                segment = CreateSegment(partitionDirectory, 0);
            }
            else
            {
                baseOffset = segments[^1];
                var path = SegmentFiles.SegmentPath(partitionDirectory, baseOffset);
                segment = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
                (count, length) = await RecoverAsync(segment, path, baseOffset, logger, cancellationToken).ConfigureAwait(false);
            }

            var end = baseOffset + count;
            if (mark > end)
            {
                // Handing out new records at offsets a checkpoint may already have counted would break exactly-once.
                throw new LogCorruptedException(SegmentFiles.DurableMarkPath(partitionDirectory), 0,
                    $"the mark says records up to offset {mark} were durable, but the segments end at offset {end}: "
                    + "durable records are lost. Restore the log, or delete the mark file to accept that offsets "
                    + $"from {end} will be given to other records");
            }

            if (mark != end)
            {
                // Records past the mark were written but maybe never fsynced (a crash between the segment's fsync
                // and the mark's). No reader has seen them, so keeping them is as safe as truncating; sync first.
                RandomAccess.FlushToDisk(segment);
                DurableMarkFile.Write(partitionDirectory, end);
                if (mark is { } previous)
                {
                    LogRecordsPastMarkKept(logger, partitionDirectory, previous, end);
                }
            }

            return new SegmentLogWriter(partitionDirectory, partition, options, writerLock, onDisposed,
                segment, end, count, length, end);
        }
        catch
        {
            segment?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>Reads the mark; a damaged one is replaced below by the end recovery finds (see the exception).</summary>
    private static long? ReadMarkForRecovery(string partitionDirectory, ILogger logger)
    {
        try
        {
            return DurableMarkFile.Read(partitionDirectory);
        }
        catch (LogCorruptedException ex)
        {
            // Renames make a torn mark impossible, so this is damaged storage. The segments' own checksums still
            // tell which records survived; only the check that none of the durable ones were lost is skipped.
            LogDamagedMarkReplaced(logger, ex.FilePath ?? partitionDirectory, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Validates the last segment and truncates everything after its last valid frame. Pages the OS had not yet
    /// written when the process or machine died can be lost in any order, so in the last segment the first bad
    /// frame and all that follows is a torn append, not data.
    /// </summary>
    /// <returns>The number of valid records and the segment's length after recovery.</returns>
    private static async ValueTask<(long Count, long Length)> RecoverAsync(
        SafeFileHandle segment, string path, long baseOffset, ILogger logger, CancellationToken cancellationToken)
    {
        var fileLength = RandomAccess.GetLength(segment);
        if (fileLength < SegmentFormat.HeaderLength)
        {
            // Created but its header never fully reached the disk: the segment holds no record yet.
            LogTornHeaderRewritten(logger, path, fileLength);
            WriteHeader(segment, baseOffset);
            return (0, SegmentFormat.HeaderLength);
        }

        var header = new byte[SegmentFormat.HeaderLength];
        await RandomAccess.ReadAsync(segment, header, 0, cancellationToken).ConfigureAwait(false);
        if (SegmentFormat.ValidateHeader(header, baseOffset) is { } problem)
        {
            throw new LogCorruptedException(path, 0, problem);
        }

        var scan = await SegmentScanner.ScanAsync(segment, SegmentFormat.HeaderLength, long.MaxValue, cancellationToken)
            .ConfigureAwait(false);
        if (scan.EndPosition < fileLength)
        {
            LogTornTailTruncated(logger, path, scan.EndPosition, fileLength - scan.EndPosition, SegmentFormat.Describe(scan.Status));
            RandomAccess.SetLength(segment, scan.EndPosition);
            RandomAccess.FlushToDisk(segment);
        }

        return (scan.RecordCount, scan.EndPosition);
    }
}
