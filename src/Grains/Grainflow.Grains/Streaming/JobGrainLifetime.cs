namespace Grainflow.Grains.Streaming;

/// <summary>How long the grains of a running job are kept from idle collection.</summary>
internal static class JobGrainLifetime
{
    // A job's tasks hold state in memory between checkpoints and its coordinator holds the checkpoint protocol:
    // idle collection must never take them while the job runs, however quiet its sources are.
    public static readonly TimeSpan KeepActive = TimeSpan.FromDays(3650);
}
