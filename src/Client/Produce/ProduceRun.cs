using System.Globalization;
using System.Text;
using Grainflow.Client.CommandLine;
using Grainflow.Streaming.Sources;

namespace Grainflow.Client.Produce;

/// <summary>
/// <c>grainflow produce</c>: opens the segment log's partition as its single writer and appends records at the
/// rate, flushing at least every <see cref="FlushInterval"/> so that a job reading the log sees them.
/// </summary>
internal static class ProduceRun
{
    /// <summary>Appended records reach readers within this time.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    // Bounds how long one round of appends can keep the loop from flushing and reporting when it is behind.
    private const int MaxRecordsPerRound = 4096;

    public static async Task<int> RunAsync(ProduceSettings settings, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);

        var (next, total) = ProducedLines.Open(settings.TextFile, settings.Seed, settings.Count);
        await using var writer = await OpenWriterAsync(settings, cancellationToken);
        var firstOffset = writer.NextOffset;
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        await using var progress = ProduceProgress.Start(output, interactive, total, settings.Rate);

        var produced = 0L;
        var started = time.GetTimestamp();
        var lastFlush = started;
        var batch = new List<ReadOnlyMemory<byte>>(MaxRecordsPerRound);
        try
        {
            while (total is null || produced < total)
            {
                var elapsed = time.GetElapsedTime(started);
                var due = Math.Min((long)Math.Floor(elapsed.TotalSeconds * settings.Rate), total ?? long.MaxValue);
                if (due > produced)
                {
                    batch.Clear();
                    for (var i = 0L; i < Math.Min(due - produced, MaxRecordsPerRound); i++)
                    {
                        batch.Add(Encoding.UTF8.GetBytes(next()));
                    }

                    await writer.AppendAsync(batch, cancellationToken);
                    produced += batch.Count;
                }

                if (time.GetElapsedTime(lastFlush) >= FlushInterval || produced == total)
                {
                    await writer.FlushAsync(cancellationToken);
                    lastFlush = time.GetTimestamp();
                    progress.Report(produced, time.GetElapsedTime(started));
                }

                if (produced < due || produced == total)
                {
                    continue;
                }

                // Sleep until the next record is due, but wake to flush in time.
                var untilNext = TimeSpan.FromSeconds((produced + 1) / settings.Rate) - time.GetElapsedTime(started);
                await Task.Delay(Clamp(untilNext, TimeSpan.FromMilliseconds(1), FlushInterval), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what was appended is kept and flushed below; an unbounded run ends this way.
        }

        await writer.FlushAsync(CancellationToken.None);
        progress.Report(produced, time.GetElapsedTime(started));
        await progress.DisposeAsync();
        var range = produced == 0 ? "no records" : $"offsets {firstOffset}..{firstOffset + produced - 1}";
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"produced {produced} records to {Path.GetFullPath(settings.LogDirectory)} partition {settings.Partition} ({range})"));
        if (total is { } expected && produced < expected)
        {
            throw new ClientFailure(ClientExitCodes.Failure, $"interrupted after {produced} of {expected} records.");
        }

        return ClientExitCodes.Success;
    }

    private static async Task<ILogWriter> OpenWriterAsync(ProduceSettings settings, CancellationToken cancellationToken)
    {
        SegmentLog log;
        try
        {
            // A new log gets one partition; an existing one keeps its own count.
            log = SegmentLog.Open(settings.LogDirectory, new SegmentLogOptions { CreateIfMissing = true });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ClientFailure(ClientExitCodes.UsageError, $"the --log directory '{settings.LogDirectory}' cannot be used: {exception.Message}", exception);
        }

        if (settings.Partition >= log.PartitionCount)
        {
            throw new ClientFailure(
                ClientExitCodes.UsageError,
                $"the log '{log.DirectoryPath}' has {log.PartitionCount} partition(s): --partition must be from 0 to {log.PartitionCount - 1}, not {settings.Partition}.");
        }

        try
        {
            return await log.OpenWriterAsync(settings.Partition, cancellationToken);
        }
        catch (LogCorruptedException exception)
        {
            // Durable records are gone or the log is damaged: appending would reuse offsets a job has already counted.
            throw new ClientFailure(ClientExitCodes.UsageError, $"the log '{log.DirectoryPath}' cannot be appended to: {exception.Message}", exception);
        }
        catch (IOException exception)
        {
            throw new ClientFailure(
                ClientExitCodes.Conflict,
                $"partition {settings.Partition} of the log '{log.DirectoryPath}' already has a writer (another produce?): {exception.Message}",
                exception);
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
