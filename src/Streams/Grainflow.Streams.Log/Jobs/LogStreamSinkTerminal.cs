using System.Globalization;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Tasks;
using Grainflow.Streams.Log.Storage;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// One task's part of a read-committed stream sink. Records are grouped by stream into appends of up to the
/// provider's <see cref="GrainflowLogStreamOptions.MaxEventsPerContainer"/> events and staged; the barrier of
/// checkpoint N closes epoch N; once N completes, the staged epochs up to N are appended to the partitions. So
/// consumers of the streams never see a record of an epoch whose checkpoint has not completed.
/// </summary>
internal sealed class LogStreamSinkTerminal<T> : TaskTerminal, ICollector<T>
{
    private readonly LogStreamProviderServices _provider;
    private readonly string _sinkId;
    private readonly string _streamNamespace;
    private readonly Func<T, string>? _streamKey;
    private readonly string _defaultKey;
    private readonly StagedEpochWriter _writer;
    private readonly StagedEpochCommitter _committer;
    private readonly int _eventsPerAppend;
    private readonly Dictionary<string, StreamBuffer> _streams = new(StringComparer.Ordinal);
    private readonly List<StreamBuffer> _streamsInOrder = [];
    private readonly Dictionary<int, int> _appendsPerPartition = [];
    private readonly List<(long Epoch, string Name)> _staged = [];

    public LogStreamSinkTerminal(
        LogStreamProviderServices provider, string sinkId, string streamNamespace, Func<T, string>? streamKey, int task,
        StagedEpochWriter writer, StagedEpochCommitter committer)
    {
        _provider = provider;
        _sinkId = sinkId;
        _streamNamespace = streamNamespace;
        _streamKey = streamKey;
        _defaultKey = string.Create(CultureInfo.InvariantCulture, $"{sinkId}-{task}");
        _writer = writer;
        _committer = committer;
        _eventsPerAppend = provider.Store.Options.MaxEventsPerContainer;
    }

    public override object Collector => this;

    public void Collect(T record)
    {
        if (DropsReplayedOutput)
        {
            return;
        }

        Emitted++;
        var key = _streamKey is null ? _defaultKey : _streamKey(record);
        if (!_streams.TryGetValue(key, out var stream))
        {
            var streamId = StreamId.Create(_streamNamespace, key);
            stream = new StreamBuffer(streamId, _provider.PartitionOf(streamId));
            _streams.Add(key, stream);
            _streamsInOrder.Add(stream);
        }

        stream.Events.Add(record!);
        if (stream.Events.Count >= _eventsPerAppend)
        {
            Stage(stream);
        }
    }

    public override ValueTask<IReadOnlyList<SinkCommitRecord>> OnBarrierAsync(long checkpointId)
    {
        foreach (var stream in _streamsInOrder)
        {
            if (stream.Events.Count > 0)
            {
                Stage(stream);
            }
        }

        // Per epoch: a sink keyed by, say, word would otherwise keep a buffer for every key it ever saw.
        _streams.Clear();
        _streamsInOrder.Clear();
        _appendsPerPartition.Clear();
        if (_writer.Close(checkpointId) is { } staged)
        {
            _staged.Add((checkpointId, staged));
        }

        return ValueTask.FromResult<IReadOnlyList<SinkCommitRecord>>([new SinkCommitRecord(_sinkId, checkpointId, [.. _staged.Select(s => s.Name)])]);
    }

    public override Task MakeDurableAsync() => _writer.MakeDurableAsync();

    public override async ValueTask OnCheckpointCompleteAsync(long checkpointId)
    {
        // In epoch order; an epoch whose commit fails stays staged, and is retried by the next commit or by recovery.
        while (_staged.Count > 0 && _staged[0].Epoch <= checkpointId)
        {
            await _committer.CommitAsync(_staged[0].Epoch).ConfigureAwait(true);
            _staged.RemoveAt(0);
        }
    }

    private void Stage(StreamBuffer stream)
    {
        var appends = _appendsPerPartition.GetValueOrDefault(stream.Partition);
        if (appends == SinkSequence.MaxAppendsPerEpoch)
        {
            throw new InvalidOperationException(
                $"Stream sink '{_sinkId}' staged {appends} appends to partition {stream.Partition} in one epoch, the most it can number: "
                + "take checkpoints more often, or raise MaxEventsPerContainer.");
        }

        _appendsPerPartition[stream.Partition] = appends + 1;
        var payload = _provider.Serializer.SerializeToArray(new LogStreamPayload(stream.StreamId, stream.Events, null));
        _writer.Append(stream.Partition, payload);
        stream.Events.Clear();
    }

    private sealed class StreamBuffer(StreamId streamId, int partition)
    {
        public StreamId StreamId { get; } = streamId;

        public int Partition { get; } = partition;

        public List<object> Events { get; } = [];
    }
}
