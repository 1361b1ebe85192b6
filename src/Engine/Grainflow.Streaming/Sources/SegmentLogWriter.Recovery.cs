using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Grainflow.Streaming.Sources;

/// <summary>Recovery of the last segment when a writer opens.</summary>
internal sealed partial class SegmentLogWriter
{
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
