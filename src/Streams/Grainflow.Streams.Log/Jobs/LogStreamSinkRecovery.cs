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
        ISinkStaging staging, StagedEpochCommitter committer, int task, long restoredCheckpointId, CancellationToken cancellationToken)
    {
        if (Directory.Exists(staging.ScratchDirectory))
        {
            File.Delete(staging.InProgressPath(task));
        }

        foreach (var epoch in await staging.ListStagedAsync(task, cancellationToken).ConfigureAwait(true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (epoch <= restoredCheckpointId)
            {
                await committer.CommitAsync(epoch, cancellationToken).ConfigureAwait(true);
            }
            else
            {
                await staging.DeleteStagedAsync(task, epoch, cancellationToken).ConfigureAwait(true);
            }
        }
    }
}
