using System.Threading.Channels;
using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streams.Log.Partitions;

/// <summary>
/// Owns a partition's writer and <see cref="ProducerTable"/>, and commits appends by the provider's
/// <see cref="LogDurability"/> policy: a single loop, off the grain's scheduler (fsync blocks a thread), takes the
/// queued appends, writes them, syncs once, and only then completes their tasks. Thread-safe: any number of callers
/// may append at once.
/// </summary>
/// <remarks>
/// If a write or sync fails the appender is faulted: every queued and later append fails, and the owner must dispose
/// it and open a new one. Reopening recovers the partition (a torn tail is truncated) and rebuilds the producer
/// table from what survived, so a producer's retry is appended again exactly when its record was lost.
/// </remarks>
internal sealed partial class PartitionAppender : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogWriter _writer;
    private readonly ProducerTable _producers;
    private readonly GrainflowLogStreamOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private volatile Exception? _failure;

    private PartitionAppender(ILogWriter writer, ProducerTable producers, GrainflowLogStreamOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _writer = writer;
        _producers = producers;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Gets whether a write or sync failed; the appender then refuses every append.</summary>
    public bool IsFaulted => _failure is not null;

    /// <summary>Opens the partition's writer (recovering its tail) and rebuilds the producer table.</summary>
    public static async Task<PartitionAppender> OpenAsync(
        IReplayableLog log, int partition, GrainflowLogStreamOptions options, TimeProvider timeProvider, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        var writer = await log.OpenWriterAsync(partition, cancellationToken).ConfigureAwait(false);
        try
        {
            var producers = await ProducerTable.RebuildAsync(log, partition, writer.NextOffset, cancellationToken).ConfigureAwait(false);
            LogOpened(logger, partition, writer.NextOffset, producers.Count);
            return new PartitionAppender(writer, producers, options, timeProvider, logger);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues an append; the task completes once it is durable, or fails.</summary>
    public Task<LogAppendResult> AppendAsync(LogAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        var pending = new PendingAppend(append);
        if (_failure is { } failure || !_queue.Writer.TryWrite(pending))
        {
            return Task.FromException<LogAppendResult>(Unavailable(_failure));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);

        // Flushes what is left unless the writer faulted; either way it releases the partition's lock.
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<PendingAppend>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var perAppend = _options.Durability == LogDurability.PerAppend;
            if (!perAppend && _options.GroupCommitWindow > TimeSpan.Zero)
            {
                await Task.Delay(_options.GroupCommitWindow, _timeProvider).ConfigureAwait(false);
            }

            group.Clear();
            while ((!perAppend || group.Count == 0) && reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            try
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _failure = ex;
                LogCommitFailed(_logger, ex, _writer.Partition, group.Count);
                _queue.Writer.TryComplete();
                var error = Unavailable(ex);
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(error);
                }

                while (reader.TryRead(out var pending))
                {
                    pending.Completion.TrySetException(error);
                }

                return;
            }

            foreach (var pending in group)
            {
                if (pending.Error is { } error)
                {
                    pending.Completion.TrySetException(error);
                }
                else
                {
                    pending.Completion.TrySetResult(pending.Result!);
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingAppend> group)
    {
        var written = false;
        foreach (var pending in group)
        {
            var record = pending.Append.Record;
            var header = LogStreamRecord.ReadHeader(record);
            if (header.ProducerId is { } producer)
            {
                switch (_producers.Check(producer, header.Sequence, header.SequenceMaySkip, out var lastSequence, out var lastOffset))
                {
                    case ProducerCheck.Duplicate:
                        pending.Result = new LogAppendResult(header.Sequence == lastSequence ? lastOffset : -1, Duplicate: true);
                        continue;
                    case ProducerCheck.Gap:
                        pending.Error = new ProducerSequenceException(
                            $"Producer '{producer}' sent sequence {header.Sequence} to partition {_writer.Partition}, whose last append of it "
                            + $"has sequence {lastSequence}: appends {lastSequence + 1} to {header.Sequence - 1} are missing. Send them first, in order.");
                        continue;
                }
            }

            var offset = await _writer.AppendAsync(record).ConfigureAwait(false);
            if (header.ProducerId is { } appended)
            {
                _producers.Record(appended, header.Sequence, offset);
            }

            pending.Result = new LogAppendResult(offset, Duplicate: false);
            written = true;
        }

        if (written)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    private InvalidOperationException Unavailable(Exception? cause) =>
        new($"Partition {_writer.Partition} could not make appends durable ({cause?.Message ?? "it is closing"}); the append may "
            + "or may not be stored: retry it with the same producer id and sequence.", cause);
}
