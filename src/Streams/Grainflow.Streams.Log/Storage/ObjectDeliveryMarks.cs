using System.Collections.Concurrent;
using System.Globalization;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streams.Log.Storage;

/// <summary>
/// Delivery marks as objects <c>delivered/partition-pppp.mark</c> of an object store (the provider's blob container),
/// each replaced conditionally on the version this silo last saw. Thread-safe.
/// </summary>
/// <remarks>
/// Two agents of one partition can only overlap briefly during a rebalance; if another one wrote the mark since, the
/// write is redone over its version (last writer wins): a mark that goes back repeats deliveries, which consumers
/// already expect of a take-over, and a mark never goes past what its writer delivered.
/// </remarks>
internal sealed class ObjectDeliveryMarks(ICheckpointStorage objects) : IDeliveryMarks
{
    private readonly ConcurrentDictionary<int, StorageVersion?> _versions = new();

    public async ValueTask<long?> ReadAsync(int partition, CancellationToken cancellationToken = default)
    {
        var content = await objects.TryReadVersionedAsync(PathOf(partition), cancellationToken).ConfigureAwait(false);
        _versions[partition] = content?.Version;
        return content is null ? null : CheckedInt64.TryDecode(content.Content.Span) is >= 0 and var offset ? offset : null;
    }

    public async ValueTask WriteAsync(int partition, long offset, CancellationToken cancellationToken = default)
    {
        var bytes = CheckedInt64.Encode(offset);
        if (!_versions.TryGetValue(partition, out var version))
        {
            version = (await objects.TryReadVersionedAsync(PathOf(partition), cancellationToken).ConfigureAwait(false))?.Version;
        }

        try
        {
            _versions[partition] = await objects.WriteConditionalAsync(PathOf(partition), bytes, version, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException)
        {
            var current = (await objects.TryReadVersionedAsync(PathOf(partition), cancellationToken).ConfigureAwait(false))?.Version;
            _versions[partition] = await objects.WriteConditionalAsync(PathOf(partition), bytes, current, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string PathOf(int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"delivered/partition-{partition:D4}.mark");
}
