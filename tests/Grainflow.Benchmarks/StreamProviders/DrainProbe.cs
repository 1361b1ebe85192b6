using System.Diagnostics;
using System.Globalization;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Execution;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// How fast a job drains a log: the wordcount sample job reading a pre-filled namespace of a Grainflow provider with
/// <c>ReadOrleansStream</c> (<c>input-stream</c>), checkpoints every second, files out. Timed from the start call to
/// the first status in which the counting tasks took in every word; then the job is stopped with a final checkpoint
/// and its committed output must be exactly the input's wordcount output in size (each word counted once).
/// </summary>
internal static class DrainProbe
{
    public const string Namespace = "lines";
    private const int Producers = 16;
    private static readonly TimeSpan s_checkpointInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_pollPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>Appends every line of <paramref name="input"/> from the client: 16 streams, appends of <see cref="StreamsOptions.EventsPerBatch"/> lines.</summary>
    public static async Task FillAsync(IClusterClient client, DrainInput input)
    {
        var perProducer = (input.Lines.Count + Producers - 1) / Producers;
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var stream = client.GetStreamProvider(BenchProviders.Lines).GetStream<string>(StreamId.Create(Namespace, $"lines-{p}"));
            var end = Math.Min(input.Lines.Count, (p + 1) * perProducer);
            for (var start = p * perProducer; start < end; start += StreamsOptions.EventsPerBatch)
            {
                await stream.OnNextBatchAsync(input.Lines.Skip(start).Take(Math.Min(StreamsOptions.EventsPerBatch, end - start)).ToArray()).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
    }

    public static async Task<DrainSample> RunAsync(IGrainFactory grains, DrainInput input, string scratchDirectory, int round)
    {
        var output = Path.Combine(scratchDirectory, "out");
        Directory.CreateDirectory(output);
        var spec = new JobSpec(
            WordCountJob.DefinitionName,
            $"drain-{round}",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WordCountJob.InputStreamParameter] = $"{BenchProviders.Lines}/{Namespace}",
                [WordCountJob.OutputParameter] = output,
                [WordCountJob.ParallelismParameter] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            },
            CheckpointLocation.Directory(Path.Combine(scratchDirectory, "chk")),
            new JobOptions { CheckpointInterval = s_checkpointInterval });
        var coordinator = grains.GetGrain<IJobCoordinatorGrain>(spec.JobId);

        using var deadline = new CancellationTokenSource(s_deadline);
        using var poll = new PeriodicTimer(s_pollPeriod);
        var started = Stopwatch.GetTimestamp();
        await grains.StartJobAsync(spec).ConfigureAwait(false);
        JobStatus status;
        while (true)
        {
            status = await coordinator.GetStatusAsync(includeTasks: true).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (status.Outcome is { } ended)
            {
                throw new InvalidOperationException($"The job draining the stream ended before it counted every word: {ended.Kind} {ended.Message}");
            }

            if (status.KeyedTasks.Count > 0 && status.KeyedTasks.Sum(t => t.RecordsIn) >= input.Words)
            {
                break;
            }

            await poll.WaitForNextTickAsync(deadline.Token).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var counted = status.KeyedTasks.Sum(t => t.RecordsIn);
        var outcome = await StopAsync(coordinator, deadline.Token).ConfigureAwait(false);
        if (counted != input.Words || outcome.Kind != JobEndKind.Stopped)
        {
            throw new InvalidOperationException($"The job counted {counted:#,0} words of {input.Words:#,0} and ended {outcome.Kind}: {outcome.Message}");
        }

        var outputBytes = CommittedBytes(output);
        if (outputBytes != input.ExpectedOutputBytes)
        {
            throw new InvalidOperationException($"The job draining the stream committed {outputBytes:#,0} bytes of output; the input's output is {input.ExpectedOutputBytes:#,0} bytes.");
        }

        return new DrainSample(input.Lines.Count, input.Words, elapsed, status.Checkpoints.CompletedCount);
    }

    // A final checkpoint commits everything counted; the outcome is set once that commit is done.
    private static async Task<JobOutcome> StopAsync(IJobCoordinatorGrain coordinator, CancellationToken cancellationToken)
    {
        await coordinator.StopAsync(savepointName: null, drain: true).WaitAsync(cancellationToken).ConfigureAwait(false);
        using var poll = new PeriodicTimer(s_pollPeriod);
        while (true)
        {
            if ((await coordinator.GetStatusAsync(includeTasks: false).WaitAsync(cancellationToken).ConfigureAwait(false)).Outcome is { } outcome)
            {
                return outcome;
            }

            await poll.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Readers take every file whose name does not start with '_' or '.' (TransactionalFileSinkWriter).
    private static long CommittedBytes(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('_') && !f.Name.StartsWith('.'))
            .Sum(f => f.Length);
}
