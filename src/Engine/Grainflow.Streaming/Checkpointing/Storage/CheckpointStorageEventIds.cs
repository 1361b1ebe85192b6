namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Event ids of checkpoint storage log messages, in one place so they stay unique and stable: dashboards and
/// alerts key on them. Range 2100-2199.
/// </summary>
internal static class CheckpointStorageEventIds
{
    public const int CheckpointPublished = 2100;
    public const int PublishConflict = 2101;
    public const int PublishOutcomeResolved = 2102;

    public const int CheckpointSkipped = 2110;
    public const int LatestPointerUnreadable = 2111;
    public const int CheckpointRecovered = 2112;
    public const int NoCheckpointFound = 2113;
    public const int CheckpointSuperseded = 2114;
    public const int CheckpointReplayedPast = 2115;

    public const int CheckpointDeleted = 2120;
    public const int CheckpointDeleteFailed = 2121;
    public const int RetentionListFailed = 2122;
    public const int CheckpointHeldForCopy = 2123;

    public const int CheckpointAborted = 2130;

    public const int OrphanCheckpointDeleted = 2140;
    public const int WriterLockUnsupported = 2141;
}
