using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Sources;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Grains.Tests.Azure;

/// <summary>
/// The word count over an unbounded in-memory log, in a test silo, checkpointing to a blob container of Azurite. The
/// test appends lines and triggers every checkpoint itself (no periodic ones), so each checkpoint's outcome is known.
/// The storage and the SDK's retries log into the silo's captured log.
/// </summary>
internal sealed class BlobCheckpointedJob : IAsyncDisposable
{
    public const string JobId = "wordcount-blob";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    // Sockets without a proxy: the requests stay on the loopback emulator.
    private static readonly HttpClientTransport s_transport = new(new SocketsHttpHandler { UseProxy = false });

    private readonly InMemoryLog _log;
    private readonly ILogWriter _writer;
    private readonly List<string> _lines = [];
    private readonly string _outputDirectory;

    private BlobCheckpointedJob(GrainflowTestCluster cluster, CapturedLog captured, InMemoryLog log, ILogWriter writer, string outputDirectory)
    {
        Cluster = cluster;
        Log = captured;
        _log = log;
        _writer = writer;
        _outputDirectory = outputDirectory;
    }

    public GrainflowTestCluster Cluster { get; }

    /// <summary>What the silos and the blob storage logged.</summary>
    public CapturedLog Log { get; }

    public IReadOnlyList<string> Lines => _lines;

    private IJobCoordinatorGrain Coordinator => Cluster.Coordinator(JobId);

    /// <summary>Starts the job on a fresh test cluster, checkpointing to <paramref name="container"/>; <paramref name="leaseDuration"/> is the term of its writer lease (null: the default).</summary>
    public static async Task<BlobCheckpointedJob> StartAsync(
        AzuriteFixture azurite, string container, string outputDirectory, HttpPipelinePolicy? faults = null, TimeSpan? leaseDuration = null)
    {
        var captured = new CapturedLog();
        var cluster = await GrainflowTestCluster.StartAsync(log: captured);
        var log = new InMemoryLog(partitionCount: 1);
        var writer = await log.OpenWriterAsync(0);
        var storage = CreateStorage(azurite, container, faults, captured, leaseDuration);
        await cluster.StartJobAsync(TestJobs.WordCountOverLog(
            log,
            outputDirectory,
            TestJobs.Location(storage),
            new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) },
            jobId: JobId));
        await cluster.WaitForStatusAsync(JobId, s => s.Phase == JobPhase.Running, "the job runs");
        return new BlobCheckpointedJob(cluster, captured, log, writer, outputDirectory);
    }

    /// <summary>Fast retries (two, milliseconds apart), so that a stopped emulator fails a checkpoint within a second.</summary>
    public static BlobCheckpointStorage CreateStorage(
        AzuriteFixture azurite, string container, HttpPipelinePolicy? faults, ILoggerFactory? loggerFactory, TimeSpan? leaseDuration = null)
    {
        var logger = loggerFactory?.CreateLogger<BlobCheckpointStorage>();
        var client = BlobCheckpointContainer.CreateClientOptions(logger);
        client.Transport = s_transport;
        client.Retry.MaxRetries = 2;
        client.Retry.Delay = TimeSpan.FromMilliseconds(5);
        client.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        client.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        if (faults is not null)
        {
            client.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        }

        var options = new BlobCheckpointStorageOptions { LeaseDuration = leaseDuration ?? BlobCheckpointStorageOptions.DefaultLeaseDuration };
        return new BlobCheckpointStorage(BlobCheckpointContainer.FromConnectionString(azurite.ConnectionString, container, client), options, logger);
    }

    /// <summary>The latest checkpoint a fresh reader of the container would recover from.</summary>
    public ValueTask<CheckpointRecoveryResult> RecoverAsync(AzuriteFixture azurite, string container, HttpPipelinePolicy? faults = null) =>
        new CheckpointManager(
            CreateStorage(azurite, container, faults, null),
            JobId,
            WordCountJob.BuildFromLog(_log, _outputDirectory, parallelism: 2, JobId).TopologyFingerprint,
            NullLogger<CheckpointManager>.Instance).LoadLatestValidAsync();

    /// <summary>Appends <paramref name="count"/> generated lines and waits until the source has read all lines so far.</summary>
    public async Task AppendAndReadAsync(int seed, int count)
    {
        var lines = WordCount.WordCountJobTests.GenerateLines(seed, count);
        await _writer.AppendAsync([.. lines.Select(line => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(line))]);
        await _writer.FlushAsync();
        _lines.AddRange(lines);
        await Cluster.WaitForStatusAsync(JobId, s => s.Sources.Sum(t => t.Position) == _lines.Count, $"the source read all {_lines.Count} lines", includeTasks: true);
    }

    /// <summary>Triggers one checkpoint and waits until it completed or failed; returns its id and the status after it.</summary>
    public async Task<(long Id, CheckpointStatus Status)> CheckpointAsync()
    {
        var id = await Coordinator.TriggerCheckpointAsync();
        Assert.True(id > 0, "a checkpoint was still in flight");
        var status = await Cluster.WaitForStatusAsync(JobId, s => s.Checkpoints.InFlightCheckpointId != id || s.Outcome is not null, $"checkpoint {id} ended");
        Assert.Null(status.Outcome?.Message);
        return (id, status.Checkpoints);
    }

    public async Task<CheckpointStatus> GetStatusAsync() => (await Coordinator.GetStatusAsync(includeTasks: false)).Checkpoints;

    /// <summary>The records the job's source read so far.</summary>
    public async Task<long> SourceRecordsAsync() => (await Coordinator.GetStatusAsync(includeTasks: true)).Sources.Sum(t => t.RecordsIn);

    /// <summary>Waits until the committed output holds as many lines as the words appended, and returns it.</summary>
    public async Task<List<string>> WaitForCommittedOutputAsync()
    {
        var expected = WordCountOracle.Count(_lines).Values.Sum();
        var output = new List<string>();
        await WaitUntilAsync(
            async () =>
            {
                output.Clear();
                await foreach (var line in CommittedOutputReader.ReadLinesAsync(_outputDirectory))
                {
                    output.Add(line);
                }

                return output.Count >= expected;
            },
            $"{expected} committed output lines",
            () => DescribeAsync(output.Count));
        return output;
    }

    /// <summary>What a timed-out wait reports: where the job stands and what the silo warned about.</summary>
    private async Task<string> DescribeAsync(int outputLines)
    {
        var status = await Coordinator.GetStatusAsync(includeTasks: true);
        var warnings = Log.Entries.Where(e => e.Level >= LogLevel.Warning).TakeLast(20).Select(e => $"  {e.Level} {e.EventId.Id} {e.Category}: {e.Message}");
        return $"{outputLines} lines committed; job {status.Phase} (attempt {status.Attempt}, {status.Restarts} restarts, outcome {status.Outcome?.Message ?? "none"}); "
            + $"checkpoints {status.Checkpoints}; sources {string.Join(", ", status.Sources)}; keyed tasks {string.Join(", ", status.KeyedTasks)}; last warnings:\n"
            + string.Join('\n', warnings);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>> describe)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {Deadline}: {what}. {await describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
