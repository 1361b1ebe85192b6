using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Commits a stream sink task's staged epoch: appends its records to the provider's partitions through their
/// partition grains as one idempotent producer (<c>&lt;job&gt;/&lt;sink&gt;/&lt;task&gt;</c>, numbered by
/// <see cref="SinkSequence"/>), then records the epoch as committed and deletes the staged file. Repeating a commit,
/// after a crash anywhere in it, appends nothing twice: the partitions recognise the producer's numbers.
/// </summary>
internal sealed class StagedEpochCommitter(LogStreamProviderServices provider, ISinkStaging staging, string jobId, int task)
{
    private readonly string _producerId = $"{jobId}/{staging.SinkId}/{task}";

    public async Task CommitAsync(long epoch, CancellationToken cancellationToken = default)
    {
        var name = staging.StagedName(task, epoch);
        var chunks = StagedEpochFile.Parse(await staging.ReadStagedAsync(task, epoch, cancellationToken).ConfigureAwait(true), name);

        // Partitions in parallel; within one, appends one after the other, since a number below the last is a retry.
        await Task.WhenAll(chunks.GroupBy(c => c.Partition).Select(p => AppendAsync(p.Key, p, epoch))).ConfigureAwait(true);

        await staging.RecordCommittedAsync(task, epoch, cancellationToken).ConfigureAwait(true);
        await staging.DeleteStagedAsync(task, epoch, cancellationToken).ConfigureAwait(true);
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
