using System.Globalization;
using Grainflow.Client.CommandLine;
using Grainflow.Streams.Log.Partitions;
using Grainflow.Streams.Log.Producers;

namespace Grainflow.Client.Produce;

/// <summary>
/// <c>grainflow produce --stream</c>: appends lines to an Orleans stream of a Grainflow log stream provider through an
/// <see cref="IClusterClient"/>, as an idempotent producer. Append <c>k</c> holds lines <c>k*n .. k*n+n-1</c>
/// (<see cref="StreamProduceSettings.LinesPerAppend"/>) and carries sequence number <c>k</c> under the producer id:
/// a failed append is retried with the same lines and number (reconnecting if the silo went away), and a producer run
/// again from the start with the same id and input is acknowledged for what the partition already holds without
/// writing it twice, so it resumes where the stored lines end.
/// </summary>
internal static class StreamProduceRun
{
    private static readonly TimeSpan s_firstRetryPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_longestRetryPause = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(StreamProduceSettings settings, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);

        var (next, total) = ProducedLines.Open(settings.TextFile, settings.Seed, settings.Count);
        var connection = await StreamProducerConnection.ConnectAsync(settings, time.GetUtcNow() + settings.ConnectTimeout, time, cancellationToken);
        var producer = Producer(connection, settings, nextSequence: 0);
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var progress = ProduceProgress.Start(output, interactive, total, settings.Rate);
        var produced = 0L;
        var started = time.GetTimestamp();
        var batch = new List<string>(settings.LinesPerAppend);
        try
        {
            while (total is null || produced < total)
            {
                var end = Math.Min(produced + settings.LinesPerAppend, total ?? long.MaxValue);
                var untilDue = TimeSpan.FromSeconds(end / settings.Rate) - time.GetElapsedTime(started);
                if (untilDue > TimeSpan.Zero)
                {
                    await Task.Delay(untilDue, time, cancellationToken);
                }

                batch.Clear();
                for (var i = produced; i < end; i++)
                {
                    batch.Add(next());
                }

                (connection, producer) = await AppendAsync(connection, producer, batch, settings, output, time, cancellationToken);
                produced = end;
                progress.Report(produced, time.GetElapsedTime(started));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: every append that completed is durable; an unbounded run ends this way.
        }
        finally
        {
            await progress.DisposeAsync();
            await connection.DisposeAsync();
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"produced {produced} records to stream {settings.Address} (key '{settings.ProducerId}') through {settings.Cluster.Description}; producer '{settings.ProducerId}' at sequence {producer.NextSequence}"));
        if (total is { } expected && produced < expected)
        {
            throw new ClientFailure(ClientExitCodes.Failure, $"interrupted after {produced} of {expected} records; run the same command again to produce the rest once.");
        }

        return ClientExitCodes.Success;
    }

    private static IdempotentStreamProducer<string> Producer(StreamProducerConnection connection, StreamProduceSettings settings, long nextSequence)
    {
        var stream = connection.Client.GetStreamProvider(settings.Provider).GetStream<string>(StreamId.Create(settings.Namespace, settings.ProducerId));
        return new IdempotentStreamProducer<string>(stream, settings.ProducerId, nextSequence);
    }

    // Retries the same lines under the same sequence number until they are stored (or known stored), reconnecting after
    // a failure: the partition's producer table makes a retry of a stored append a no-op.
    private static async Task<(StreamProducerConnection, IdempotentStreamProducer<string>)> AppendAsync(
        StreamProducerConnection connection, IdempotentStreamProducer<string> producer, List<string> lines, StreamProduceSettings settings,
        TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + settings.RetryFor;
        var pause = s_firstRetryPause;
        while (true)
        {
            try
            {
                await producer.OnNextBatchAsync(lines).WaitAsync(cancellationToken);
                return (connection, producer);
            }
            catch (ProducerSequenceException exception)
            {
                throw new ClientFailure(
                    ClientExitCodes.Conflict,
                    $"the stream's partition refused producer '{settings.ProducerId}' at sequence {producer.NextSequence}: {exception.Message} " +
                    "Another producer may be using this id; pass a different --producer-id.",
                    exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= giveUpAt)
                {
                    throw new ClientFailure(
                        ClientExitCodes.SiloUnreachable,
                        $"append {producer.NextSequence} to {settings.Address} kept failing for {settings.RetryFor.TotalSeconds:0.#} s (--retry-for); " +
                        $"run the same command again to resume once. Last error: {exception.GetBaseException().Message}",
                        exception);
                }

                await output.WriteLineAsync($"append {producer.NextSequence} failed ({exception.GetBaseException().GetType().Name}); reconnecting and retrying it");
                await Task.Delay(pause, time, cancellationToken);
                pause = pause * 2 > s_longestRetryPause ? s_longestRetryPause : pause * 2;
                var sequence = producer.NextSequence;
                await connection.DisposeAsync();
                connection = await StreamProducerConnection.ConnectAsync(settings, giveUpAt, time, cancellationToken);
                producer = Producer(connection, settings, sequence);
            }
        }
    }
}
