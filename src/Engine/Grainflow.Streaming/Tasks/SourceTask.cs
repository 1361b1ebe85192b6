using System.Diagnostics;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sources.Readers;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// Reads one source partition and pushes each batch through the chain. Barriers are emitted between batches,
/// so the offset recorded for checkpoint N is exactly where the records before barrier N end.
/// </summary>
/// <remarks>
/// Replaying past a damaged checkpoint (<see cref="RestorePoint.ReplayThrough"/>), the task reads up to that
/// checkpoint's offset and stops there; it emits no barrier before reaching it, and reads nothing after it until a
/// checkpoint whose barrier it emitted there completes. So every barrier of the replay stands at the damaged
/// checkpoint's offsets: what a sink receives before its first barrier is exactly the output it committed already.
/// </remarks>
internal sealed class SourceTask<T>(TaskEnvironment environment, SourceVertex<T> vertex, int partition, ISourceReader<T> reader) : ISourceTask
{
    private TaskTerminal? _terminal;
    private CountingCollector<T>? _head;
    private long _requestedBarrier;
    private long _emittedBarrier;
    private bool _reportedEnd;
    private TaskCompletionSource _barrierRequested = NewSignal();
    private long? _replayStop;
    private long _replayBarrier;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var terminalDefinition = vertex.Terminal!;
        await terminalDefinition.RecoverAsync(environment, partition, cancellationToken).ConfigureAwait(true);
        _terminal = terminalDefinition.Create(environment, partition);
        _terminal.DropsReplayedOutput = environment.Job.ReplaysCommittedOutput;
        _head = new CountingCollector<T>((ICollector<T>)vertex.Chain!(_terminal.Collector));
        var restored = environment.Job.RestoredFrom?.SourceOffsets
            .FirstOrDefault(o => o.SourceId == vertex.Id && o.Partition == partition);
        if (restored is not null)
        {
            await reader.SeekAsync(restored.Offset, restored.InvalidInputCount, cancellationToken).ConfigureAwait(true);
        }

        if (environment.Job.Restore?.ReplayThrough is { } damaged)
        {
            var stop = damaged.SourceOffsets.FirstOrDefault(o => o.SourceId == vertex.Id && o.Partition == partition)
                ?? throw new InvalidOperationException(
                    $"Checkpoint {damaged.CheckpointId} records no offset of source '{vertex.Id}' partition {partition}, so the replay past it cannot stop there.");
            _replayStop = stop.Offset;
            reader.StopAt(stop.Offset);
        }
    }

    public void RequestBarrier(long checkpointId)
    {
        _requestedBarrier = Math.Max(_requestedBarrier, checkpointId);
        _barrierRequested.TrySetResult();
    }

    public ValueTask NotifyCheckpointCompleteAsync(long checkpointId)
    {
        if (_replayStop is not null && _replayBarrier != 0 && checkpointId >= _replayBarrier)
        {
            // A checkpoint at the damaged one's offsets is complete: it stands in for it, and the replay is over.
            _replayStop = null;
            reader.StopAt(null);
            _barrierRequested.TrySetResult();
        }

        return _terminal!.OnCheckpointCompleteAsync(checkpointId);
    }

    public void GrantCredit(int receiverIndex, int credits) => _terminal?.GrantCredit(receiverIndex, credits);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var head = _head!;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_requestedBarrier > _emittedBarrier && !ReplayingBeforeStop)
            {
                await EmitBarrierAsync(_requestedBarrier).ConfigureAwait(true);
                continue;
            }

            if (_replayStop is not null && !ReplayingBeforeStop)
            {
                await WaitForBarrierRequestAsync(cancellationToken).ConfigureAwait(true);
                continue;
            }

            var before = head.Count;
            var emittedBefore = _terminal!.Emitted;
            var read = await reader.ReadAsync(head, cancellationToken).ConfigureAwait(true);
            environment.Counters.Add(head.Count - before, _terminal.Emitted - emittedBefore);
            environment.Counters.Position = reader.Position;
            await FlushAsync(cancellationToken).ConfigureAwait(true);
            if (_replayStop is { } stop && reader.Position > stop)
            {
                throw new InvalidOperationException(
                    $"Source '{vertex.Id}' partition {partition} read to offset {reader.Position}, past offset {stop} where the replay past a damaged "
                    + "checkpoint must stop: the input changed since that checkpoint. Restore the input, or a savepoint.");
            }

            if (read > 0)
            {
                continue;
            }

            if (reader.IsAtEnd && !_reportedEnd)
            {
                _reportedEnd = true;
                await environment.Coordinator.ReportEndOfInputAsync(environment.TaskId).ConfigureAwait(true);
            }

            await WaitForBarrierRequestAsync(cancellationToken).ConfigureAwait(true);
        }
    }

    /// <summary>Sends what the last read produced; waits, reading nothing, while a receiver has no credit for it.</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var flush = _terminal!.FlushAsync(cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            return;
        }

        environment.Counters.EnterBackPressure();
        try
        {
            await flush.ConfigureAwait(true);
        }
        finally
        {
            environment.Counters.ExitBackPressure();
        }
    }

    private async Task EmitBarrierAsync(long checkpointId)
    {
        var started = Stopwatch.GetTimestamp();
        _emittedBarrier = checkpointId;
        var offset = new SourceOffsetRecord(vertex.Id, partition, reader.Position, reader.InvalidInputCount);
        if (_replayStop is not null && _replayBarrier == 0)
        {
            _replayBarrier = checkpointId;
        }

        var commits = await _terminal!.OnBarrierAsync(checkpointId).ConfigureAwait(true);
        _terminal.DropsReplayedOutput = false;
        await _terminal.MakeDurableAsync().ConfigureAwait(true);
        var timings = new TaskCheckpointTimings(TimeSpan.Zero, Stopwatch.GetElapsedTime(started), TimeSpan.Zero, 0);
        await environment.Coordinator.AcknowledgeAsync(
            new TaskAcknowledgement(checkpointId, environment.TaskId, [offset], null, commits, timings)).ConfigureAwait(true);
    }

    private async Task WaitForBarrierRequestAsync(CancellationToken cancellationToken)
    {
        if (_requestedBarrier > _emittedBarrier && !ReplayingBeforeStop)
        {
            return;
        }

        _barrierRequested = NewSignal();
        var wait = _barrierRequested.Task;
        if (!reader.IsAtEnd)
        {
            wait = Task.WhenAny(wait, Task.Delay(environment.Job.Options.SourcePollInterval, environment.TimeProvider, cancellationToken));
        }

        await wait.WaitAsync(cancellationToken).ConfigureAwait(true);
    }

    private bool ReplayingBeforeStop => _replayStop is { } stop && reader.Position < stop;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
