using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Commits a stream sink task's staged epoch: appends its records to the provider's partitions through their
/// partition grains as one idempotent producer (<c>&lt;job&gt;/&lt;sink&gt;/&lt;task&gt;</c>, numbered by
/// <see cref="SinkSequence"/>), then records the epoch as committed and deletes the staged file. Repeating a commit,
/// after a crash anywhere in it, appends nothing twice: the partitions recognise the producer's numbers.
/// </summary>
internal sealed class StagedEpochCommitter(LogStreamProviderServices provider, SinkStagingLayout layout, string jobId, int task)
{
    private readonly string _producerId = $"{jobId}/{layout.SinkId}/{task}";

    public async Task CommitAsync(long epoch, CancellationToken cancellationToken = default)
    {
        var path = layout.StagedPath(task, epoch);
        var chunks = await StagedEpochFile.ReadAsync(path, cancellationToken).ConfigureAwait(true);

        // Partitions in parallel; within one, appends one after the other, since a number below the last is a retry.
        await Task.WhenAll(chunks.GroupBy(c => c.Partition).Select(p => AppendAsync(p.Key, p, epoch))).ConfigureAwait(true);

        var mark = layout.CommittedMarkPath(task);
        await Task.Run(
            () =>
            {
                if (epoch > CommittedEpochFile.Read(mark))
                {
                    CommittedEpochFile.Write(mark, epoch);
                }

                File.Delete(path);
                DirectorySync.Sync(layout.Directory);
            },
            cancellationToken).ConfigureAwait(true);
    }

    private async Task AppendAsync(int partition, IEnumerable<StagedChunk> chunks, long epoch)
    {
        var grain = provider.Grains.GetGrain<ILogPartitionGrain>(LogPartitionGrain.Key(provider.ProviderName, partition));
        var index = 0;
        foreach (var chunk in chunks)
        {
            var record = LogStreamRecord.Encode(_producerId, SinkSequence.Of(epoch, index++), chunk.Payload, sequenceMaySkip: true);
            await grain.AppendAsync(new LogAppend(record)).ConfigureAwait(true);
        }
    }
}
