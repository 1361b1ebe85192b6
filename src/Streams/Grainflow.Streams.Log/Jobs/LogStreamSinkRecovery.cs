namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Recovery of one stream sink task, before it writes again: commits the staged epochs the restored checkpoint covers
/// (those at or below it: their checkpoint, or a later one, completed, but a crash or a failed append came before
/// they were appended) and discards the others, which no completed checkpoint covers and whose records the restored
/// job produces again. Every step can be repeated, so a crash during recovery leaves files the next one completes.
/// </summary>
internal static class LogStreamSinkRecovery
{
    public static async ValueTask RecoverAsync(
        SinkStagingLayout layout, StagedEpochCommitter committer, int task, long restoredCheckpointId, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(layout.Directory))
        {
            return;
        }

        File.Delete(layout.InProgressPath(task));
        foreach (var (epoch, path) in layout.ListStaged(task))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (epoch <= restoredCheckpointId)
            {
                await committer.CommitAsync(epoch, cancellationToken).ConfigureAwait(true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }
}
