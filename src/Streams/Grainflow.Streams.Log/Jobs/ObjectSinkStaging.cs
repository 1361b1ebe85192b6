using System.Globalization;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// A stream sink's staging in an object store (the provider's blob container): staged epochs are objects
/// <c>sink-staging/&lt;job&gt;/&lt;sink&gt;-&lt;task&gt;-&lt;epoch&gt;.staged</c>, created once (<c>If-None-Match: *</c>) when the
/// checkpoint makes them durable, and each task's committed mark is <c>&lt;sink&gt;-&lt;task&gt;.committed</c> beside
/// them, replaced conditionally. The epoch being written and the closed one until its upload are files in a local
/// scratch directory of this silo: nothing a checkpoint lists lives only there.
/// </summary>
internal sealed class ObjectSinkStaging : ISinkStaging
{
    private const string StagedSuffix = ".staged";
    private const string CommittedSuffix = ".committed";
    private readonly ICheckpointStorage _objects;
    private readonly string _prefix;

    public ObjectSinkStaging(ICheckpointStorage objects, string location, string scratchRoot, string jobId, string sinkId)
    {
        Streaming.Sinks.SinkFileNaming.ValidateSinkId(sinkId);
        _objects = objects;
        _prefix = $"{SinkStagingLayout.RootDirectoryName}/{jobId}/";
        Location = location + _prefix;
        ScratchDirectory = Path.Combine(scratchRoot, SinkStagingLayout.RootDirectoryName, jobId);
        SinkId = sinkId;
    }

    public string SinkId { get; }

    public string Location { get; }

    public string ScratchDirectory { get; }

    public string InProgressPath(int task) => Path.Combine(ScratchDirectory, Stem(task) + ".inprogress");

    public string ClosedPath(int task, long epoch) => Path.Combine(ScratchDirectory, StagedName(task, epoch));

    public string StagedName(int task, long epoch) => string.Create(CultureInfo.InvariantCulture, $"{Stem(task)}-{epoch}{StagedSuffix}");

    public async Task MakeDurableAsync(int task, IReadOnlyList<long> epochs, CancellationToken cancellationToken = default)
    {
        foreach (var epoch in epochs)
        {
            var local = ClosedPath(task, epoch);
            await _objects.CreateAsync(
                _prefix + StagedName(task, epoch),
                async (destination, token) =>
                {
                    await using var source = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                    await source.CopyToAsync(destination, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            File.Delete(local);
        }
    }

    public async Task<List<long>> ListStagedAsync(int task, CancellationToken cancellationToken = default)
    {
        var prefix = _prefix + Stem(task) + "-";
        var epochs = new List<long>();
        await foreach (var path in _objects.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (path.EndsWith(StagedSuffix, StringComparison.Ordinal)
                && long.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - StagedSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                epochs.Add(epoch);
            }
        }

        epochs.Sort();
        return epochs;
    }

    public async Task<byte[]> ReadStagedAsync(int task, long epoch, CancellationToken cancellationToken = default)
    {
        var name = StagedName(task, epoch);
        var stream = await _objects.TryOpenReadAsync(_prefix + name, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"The staged sink epoch '{Location}{name}' does not exist.");
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    public async Task DeleteStagedAsync(int task, long epoch, CancellationToken cancellationToken = default) =>
        await _objects.DeleteAsync(_prefix + StagedName(task, epoch), cancellationToken).ConfigureAwait(false);

    public async Task RecordCommittedAsync(int task, long epoch, CancellationToken cancellationToken = default)
    {
        var path = _prefix + Stem(task) + CommittedSuffix;

        // Only this sink task writes its mark, but a task being restarted elsewhere may overlap its predecessor: redo on a conflict.
        while (true)
        {
            var current = await _objects.TryReadVersionedAsync(path, cancellationToken).ConfigureAwait(false);
            if (current is not null && Decode(path, current.Content.Span) >= epoch)
            {
                return;
            }

            try
            {
                await _objects.WriteConditionalAsync(path, CheckedInt64.Encode(epoch), current?.Version, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (CheckpointConflictException)
            {
            }
        }
    }

    public long HighestCommittedEpoch() =>
        // The engine asks synchronously, once per job start, on the thread pool (the restore planner runs there).
        HighestCommittedEpochAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask<long> HighestCommittedEpochAsync()
    {
        var prefix = _prefix + SinkId + "-";
        var highest = 0L;
        await foreach (var path in _objects.ListAsync(prefix).ConfigureAwait(false))
        {
            // Another sink's id may start with this one's: only "<sink>-<digits>.committed" is ours.
            if (path.EndsWith(CommittedSuffix, StringComparison.Ordinal)
                && int.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - CommittedSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && await _objects.TryReadVersionedAsync(path).ConfigureAwait(false) is { } content)
            {
                highest = Math.Max(highest, Decode(path, content.Content.Span));
            }
        }

        return highest;
    }

    private long Decode(string path, ReadOnlySpan<byte> bytes) => CheckedInt64.TryDecode(bytes) ?? throw new InvalidDataException(
        $"The committed-epoch mark '{Location}{path[_prefix.Length..]}' is damaged. It only keeps new output numbered above old: delete it if the "
        + "job's checkpoint location is intact, since checkpoint ids then continue past every committed epoch anyway.");

    private string Stem(int task) => string.Create(CultureInfo.InvariantCulture, $"{SinkId}-{task}");
}
