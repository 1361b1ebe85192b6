using System.Diagnostics;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Channels;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.State;

namespace Grainflow.Streaming.Tasks;

/// <summary>
/// One task of a keyed operator: aligns barriers across its input channels, runs the process function per
/// record with the record's key current in the state backend, and at each aligned barrier captures its state
/// (synchronously), pre-commits its chained sink, and uploads the snapshot off the turn. Each input channel runs on
/// credit (<see cref="InputCredits"/>): a batch's credit goes back to its sender once the batch was processed, so a
/// channel held back by alignment, or input left while the task's own output waits for credit, stops its sender.
/// </summary>
internal sealed partial class KeyedTask<TKey, TIn, TOut> : IKeyedTask
    where TKey : notnull
{
    private readonly TaskEnvironment _environment;
    private readonly KeyedVertex<TKey, TIn, TOut> _vertex;
    private readonly int _index;
    private readonly KeyedProcessFunction<TKey, TIn, TOut> _function;
    private readonly KeyedStateBackend<TKey> _state;
    private readonly BarrierAligner _aligner;
    private readonly ChannelSequencer _sequencer;
    private readonly InputCredits _credits;
    private readonly IChannelSender[] _senders;
    private readonly KeyedContext<TKey, TOut> _context;
    private readonly Func<TIn, TKey> _keySelector;
    private TaskTerminal? _terminal;
    private long _alignmentStarted;
    private bool _draining;
    private bool _pausedForOutput;

    public KeyedTask(TaskEnvironment environment, KeyedVertex<TKey, TIn, TOut> vertex, int index, KeyedProcessFunction<TKey, TIn, TOut> function)
    {
        _environment = environment;
        _vertex = vertex;
        _index = index;
        _function = function;
        _keySelector = vertex.KeySelector;
        _state = new KeyedStateBackend<TKey>(vertex.Id, vertex.KeyGroupsOf(index), vertex.MaxParallelism, vertex.Hasher);
        _aligner = new BarrierAligner(vertex.InputChannels);
        _sequencer = new ChannelSequencer(_aligner, vertex.InputChannels);
        _credits = new InputCredits(vertex.InputChannels, environment.Job.Options.ChannelCredits);
        _senders = [.. Enumerable.Range(0, vertex.InputChannels).Select(i => environment.Peers.InputTask(vertex.Input!, i))];
        _context = new KeyedContext<TKey, TOut>(_state, NullCollector.Instance, environment.TimeProvider);
        function.Open(_state);
    }

    private TaskStateKey StateKey => new(_vertex.Id, _state.KeyGroups.Start, _state.KeyGroups.End);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var terminalDefinition = _vertex.Terminal!;
        await terminalDefinition.RecoverAsync(_environment, _index, cancellationToken).ConfigureAwait(true);
        _terminal = terminalDefinition.Create(_environment, _index);
        _terminal.CapacityRestored = OnCapacityRestored;
        _terminal.DropsReplayedOutput = _environment.Job.ReplaysCommittedOutput;
        _context.SetOutput((ICollector<TOut>)_vertex.Chain!(_terminal.Collector));

        if (_environment.Job.Restore is { } restore)
        {
            // Every state file of this operator whose key groups overlap this task's: after a change of
            // parallelism (from a savepoint) a task's groups may come from several files; Restore keeps only its own.
            var mine = _state.KeyGroups;
            foreach (var file in restore.Manifest.TaskStates.Where(s =>
                s.Task.OperatorId == _vertex.Id && s.Task.KeyGroupStart <= mine.End && s.Task.KeyGroupEnd >= mine.Start))
            {
                await using var stream = await restore.StateReader.ReadStateAsync(file.Handle, cancellationToken).ConfigureAwait(true);
                await Task.Run(() => _state.Restore(stream), cancellationToken).ConfigureAwait(true);
            }
        }
    }

    public ValueTask<int> ReceiveAsync(ChannelMessage message)
    {
        _terminal!.ThrowIfFailed();
        if (message.IsBarrier && _aligner.PendingBarrier == 0)
        {
            _alignmentStarted = Stopwatch.GetTimestamp();
        }

        _credits.Received(message);
        _environment.Counters.PeakBufferedBatches = _credits.PeakBuffered;
        _sequencer.Add(message);
        var drained = Drain();
        return drained.IsCompletedSuccessfully ? ValueTask.FromResult(GiveCreditBack(message.Channel)) : GiveCreditBackAfterAsync(drained, message.Channel);
    }

    public void GrantCredit(int receiverIndex, int credits) => _terminal!.GrantCredit(receiverIndex, credits);

    /// <summary>
    /// Handles everything the aligner hands out, synchronously until a barrier must be awaited, and stops while the
    /// task's own output waits for credit. One drain at a time: one started while another awaits a barrier returns at
    /// once, and the running one goes on with what arrived meanwhile.
    /// </summary>
    private ValueTask Drain()
    {
        if (_draining)
        {
            return ValueTask.CompletedTask;
        }

        _draining = true;
        var continuesAsync = false;
        try
        {
            while (!PauseForOutput() && _aligner.TryNext(out var next))
            {
                switch (next.Kind)
                {
                    case AlignedInputKind.Records:
                        _credits.Processed(next.Channel);
                        Process((RecordBatch<TIn>)next.Records!);
                        break;
                    case AlignedInputKind.BarrierAligned:
                        var barrier = OnBarrierAlignedAsync(next.CheckpointId);
                        if (!barrier.IsCompletedSuccessfully)
                        {
                            continuesAsync = true;
                            return ContinueAfterBarrierAsync(barrier);
                        }

                        break;
                    case AlignedInputKind.EndOfInput:
                        break;
                }
            }

            return ValueTask.CompletedTask;
        }
        finally
        {
            // A drain that continues after the barrier clears the flag itself, possibly already (it may have run to its end).
            if (!continuesAsync)
            {
                _draining = false;
            }
        }
    }

    public void FireTimers(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        while (_state.Timers.TryTakeDue(nowTicks, out var key, out var time))
        {
            _state.CurrentKey = key;
            _function.OnTimer(new DateTimeOffset(time, TimeSpan.Zero), _context);
        }
    }

    public ValueTask NotifyCheckpointCompleteAsync(long checkpointId) => _terminal!.OnCheckpointCompleteAsync(checkpointId);

    public StateQueryResult QueryState(string? stateName, string key)
    {
        var name = stateName ?? (_state.StateNames.Count == 1 ? _state.StateNames[0]
            : throw new ArgumentException($"Operator '{_vertex.Id}' has the states {string.Join(", ", _state.StateNames)}; name one.", nameof(stateName)));
        if (!_state.StateNames.Contains(name))
        {
            throw new ArgumentException($"Operator '{_vertex.Id}' has no state '{name}' (it has {string.Join(", ", _state.StateNames)}).", nameof(stateName));
        }

        if (!KeyText.TryParse<TKey>(key, out var typedKey))
        {
            throw new ArgumentException($"'{key}' is not a key of operator '{_vertex.Id}' (keys are {typeof(TKey).Name}).", nameof(key));
        }

        var value = _state.ReadAsText(name, typedKey);
        return new StateQueryResult(name, value is not null, value);
    }

    private void Process(RecordBatch<TIn> batch)
    {
        var records = batch.Records;
        var keyGroups = batch.KeyGroups;
        var emittedBefore = _terminal!.Emitted;
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            _state.SetCurrentKey(_keySelector(record), keyGroups[i]);
            _function.ProcessElement(record, _context);
        }

        _environment.Counters.Add(records.Length, _terminal.Emitted - emittedBefore);
    }

    private async ValueTask ContinueAfterBarrierAsync(ValueTask barrier)
    {
        try
        {
            await barrier.ConfigureAwait(true);
        }
        finally
        {
            _draining = false;
        }

        await Drain().ConfigureAwait(true);
    }

    private sealed class NullCollector : ICollector<TOut>
    {
        public static readonly NullCollector Instance = new();

        public void Collect(TOut record) => throw new InvalidOperationException("The task has not been initialized.");
    }
}
