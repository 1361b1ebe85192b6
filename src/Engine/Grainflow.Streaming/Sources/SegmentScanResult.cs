namespace Grainflow.Streaming.Sources;

/// <summary>Where a scan over a segment's frames stopped.</summary>
/// <param name="RecordCount">The number of valid frames passed.</param>
/// <param name="EndPosition">The byte position after the last valid frame passed.</param>
/// <param name="Status">
/// What is at <see cref="EndPosition"/>: <see cref="FrameStatus.Complete"/> when the scan stopped at its record
/// limit, otherwise why no further frame could be passed (<see cref="FrameStatus.Incomplete"/> includes a clean end).
/// </param>
internal readonly record struct SegmentScanResult(long RecordCount, long EndPosition, FrameStatus Status);
