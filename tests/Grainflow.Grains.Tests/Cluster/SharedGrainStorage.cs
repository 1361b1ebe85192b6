using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Grainflow.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives a test cluster: the state lives in a <see cref="Store"/> the test keeps, serialized, so
/// that a second cluster started on the same store finds what the first wrote, as a cluster whose every silo restarted
/// finds its Azure Table storage. (Orleans' memory storage lives in the silos and dies with them.) ETags are checked
/// as a real storage checks them.
/// </summary>
internal sealed class SharedGrainStorage(SharedGrainStorage.Store store, Serializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.Entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Bytes);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        lock (store.Entries)
        {
            var current = store.Entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch on {key}", current, grainState.ETag);
            }

            var etag = Guid.NewGuid().ToString("N");
            store.Entries[key] = (serializer.SerializeToArray(grainState.State), etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.Entries.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    /// <summary>What the storage holds; keep one across clusters to see one's writes from the next.</summary>
    public sealed class Store
    {
        public ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Entries { get; } = new(StringComparer.Ordinal);
    }
}
