namespace Grainflow.Streaming.Sinks;

/// <summary>What <see cref="PendingFileCommitter.Commit"/> found and did for one epoch.</summary>
internal enum PendingFileCommit
{
    /// <summary>The staged file was renamed to its final name by this call.</summary>
    Renamed,

    /// <summary>The final file exists already: an earlier commit of this epoch.</summary>
    CommittedBefore,

    /// <summary>Neither file exists, for an epoch a completed checkpoint covers: committed earlier, and the committed file
    /// moved or deleted by a consumer since. Counts as committed; nothing is written.</summary>
    Consumed,
}
