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
internal sealed class SourceTask<T>(TaskEnvironment environment, SourceVertex<T> vertex, int partition, ISourceReader<T> reader) : ISourceTask
{
    private TaskTerminal? _terminal;
    private CountingCollector<T>? _head;
    private long _requestedBarrier;
    private long _emittedBarrier;
    private bool _reportedEnd;
    private TaskCompletionSource _barrierRequested = NewSignal();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var terminalDefinition = vertex.Terminal!;
        await terminalDefinition.RecoverAsync(environment, partition, cancellationToken).ConfigureAwait(true);
        _terminal = terminalDefinition.Create(environment, partition);
        _head = new CountingCollector<T>((ICollector<T>)vertex.Chain!(_terminal.Collector));
        var restored = environment.Job.RestoredFrom?.SourceOffsets
            .FirstOrDefault(o => o.SourceId == vertex.Id && o.Partition == partition);
        if (restored is not null)
        {
            await reader.SeekAsync(restored.Offset, restored.InvalidInputCount, cancellationToken).ConfigureAwait(true);
        }
    }

    public void RequestBarrier(long checkpointId)
    {
        _requestedBarrier = Math.Max(_requestedBarrier, checkpointId);
        _barrierRequested.TrySetResult();
    }

    public ValueTask NotifyCheckpointCompleteAsync(long checkpointId) => _terminal!.OnCheckpointCompleteAsync(checkpointId);

    public void GrantCredit(int receiverIndex, int credits) => _terminal?.GrantCredit(receiverIndex, credits);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var head = _head!;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_requestedBarrier > _emittedBarrier)
            {
                await EmitBarrierAsync(_requestedBarrier).ConfigureAwait(true);
                continue;
            }

            var before = head.Count;
            var emittedBefore = _terminal!.Emitted;
            var read = await reader.ReadAsync(head, cancellationToken).ConfigureAwait(true);
            environment.Counters.Add(head.Count - before, _terminal.Emitted - emittedBefore);
            environment.Counters.Position = reader.Position;
            await FlushAsync(cancellationToken).ConfigureAwait(true);
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
        var commits = await _terminal!.OnBarrierAsync(checkpointId).ConfigureAwait(true);
        await _terminal.MakeDurableAsync().ConfigureAwait(true);
        var timings = new TaskCheckpointTimings(TimeSpan.Zero, Stopwatch.GetElapsedTime(started), TimeSpan.Zero, 0);
        await environment.Coordinator.AcknowledgeAsync(
            new TaskAcknowledgement(checkpointId, environment.TaskId, [offset], null, commits, timings)).ConfigureAwait(true);
    }

    private async Task WaitForBarrierRequestAsync(CancellationToken cancellationToken)
    {
        if (_requestedBarrier > _emittedBarrier)
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
