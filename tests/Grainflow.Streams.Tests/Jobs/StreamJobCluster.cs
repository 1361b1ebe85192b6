using System.Globalization;
using Grainflow.Grains.Hosting;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;
using Grainflow.Streams.Log;
using Grainflow.Streams.Log.Hosting;
using Grainflow.Streams.Log.Jobs;
using Grainflow.Streams.Log.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Grainflow.Streams.Tests.Jobs;

/// <summary>
/// An in-process cluster hosting Grainflow and the log stream provider <see cref="Provider"/>, with the wordcount job
/// over its streams, and the polls the tests need: each against a deadline, never a sleep for a guess.
/// </summary>
internal sealed class StreamJobCluster : IAsyncDisposable
{
    public const string Provider = "grainflow";
    public const int Partitions = 4;
    public const string LinesNamespace = "lines";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private StreamJobCluster(InProcessTestCluster cluster, string directory)
    {
        Cluster = cluster;
        Directory = directory;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The provider's directory (unused when <c>storage</c> put it in a blob container).</summary>
    public string Directory { get; }

    /// <summary>Starts <paramref name="silos"/> silos whose provider keeps its data in <paramref name="directory"/>, or where <paramref name="storage"/> says.</summary>
    public static async Task<StreamJobCluster> StartAsync(string directory, short silos = 2, Action<GrainflowLogStreamOptions>? storage = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddMemoryGrainStorage(GrainflowOptions.JobStorageName)
            .AddGrainflowLogStreams(Provider, o =>
            {
                o.Directory = directory;
                o.Partitions = Partitions;
                if (storage is not null)
                {
                    o.Directory = null;
                    storage(o);
                }
            })
            .AddGrainflow(o => o.AddJob(WordCountJob.DefinitionName, WordCountJob.Define)));
        builder.ConfigureClient(client =>
        {
            client.AddGrainflowLogStreams(Provider, o => o.Partitions = Partitions);
            client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Grainflow"));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();

        // Placement spreads a job over the silos that host its grain types: every silo must know every other's.
        await cluster.WaitForClusterManifestToStabilizeAsync();
        return new StreamJobCluster(cluster, directory);
    }

    /// <summary>The wordcount job reading <see cref="LinesNamespace"/>, writing files to <paramref name="output"/> or, when null, to the stream namespace <paramref name="outputNamespace"/>.</summary>
    public static JobSpec WordCount(string checkpoints, JobOptions options, string? output, string outputNamespace = ResultConsumerGrain.Namespace)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WordCountJob.InputStreamParameter] = $"{Provider}/{LinesNamespace}",
            [WordCountJob.ParallelismParameter] = 2.ToString(CultureInfo.InvariantCulture),
        };
        if (output is null)
        {
            parameters[WordCountJob.OutputStreamParameter] = $"{Provider}/{outputNamespace}";
        }
        else
        {
            parameters[WordCountJob.OutputParameter] = output;
        }

        return new JobSpec(WordCountJob.DefinitionName, WordCountJob.JobId, parameters, CheckpointLocation.Directory(checkpoints), options);
    }

    public IAsyncStream<T> Stream<T>(string streamNamespace, string key) =>
        Client.GetStreamProvider(Provider).GetStream<T>(StreamId.Create(streamNamespace, key));

    public IJobCoordinatorGrain Coordinator(string jobId) => Client.GetGrain<IJobCoordinatorGrain>(jobId);

    public async Task StartJobAsync(JobSpec spec)
    {
        await Client.StartJobAsync(spec);
        await WaitForStatusAsync(spec.JobId, s => s.Phase != JobPhase.Recovering, "the job's tasks started");
    }

    /// <summary>Triggers a checkpoint and waits until it completed; returns its id.</summary>
    public async Task<long> CheckpointAsync(string jobId)
    {
        var id = await Coordinator(jobId).TriggerCheckpointAsync();
        Assert.True(id > 0, "a checkpoint was already in flight, or the job is not running");
        var ended = await WaitForStatusAsync(
            jobId, s => s.Checkpoints.InFlightCheckpointId != id || s.Outcome is not null, $"checkpoint {id} ended");
        Assert.True(ended.Checkpoints.LastCompletedCheckpointId >= id, $"checkpoint {id} did not complete; job outcome: {ended.Outcome?.Message ?? "running"}");
        return id;
    }

    /// <summary>Stops the job (with a final checkpoint when <paramref name="drain"/>) and waits until it ended.</summary>
    public async Task<JobOutcome> StopAsync(string jobId, bool drain)
    {
        await Coordinator(jobId).StopAsync(savepointName: null, drain);
        return (await WaitForStatusAsync(jobId, s => s.Outcome is not null, "the job ended")).Outcome!;
    }

    /// <summary>Waits until every source task has read its partition up to the end the partition has now.</summary>
    public async Task<JobStatus> WaitUntilReadToEndAsync(string jobId)
    {
        var ends = await PartitionEndsAsync();
        var status = await WaitForStatusAsync(
            jobId,
            s => s.Outcome is not null || (s.Sources.Count == Partitions && s.Sources.All(t => t.Position == ends[t.Index])),
            $"the sources read to offsets [{string.Join(", ", ends)}]",
            includeTasks: true);
        Assert.True(status.Outcome is null, $"the job ended before it read to the end: {status.Outcome?.Message}");
        return status;
    }

    /// <summary>Each partition's durable end, read from the provider's store.</summary>
    public async Task<long[]> PartitionEndsAsync()
    {
        var log = ProviderLog;
        var ends = new long[Partitions];
        for (var partition = 0; partition < Partitions; partition++)
        {
            ends[partition] = (await log.GetBoundsAsync(partition)).NextOffset;
        }

        return ends;
    }

    /// <summary>Every event stored in the streams of <paramref name="streamNamespace"/>, read from the provider's store.</summary>
    public async Task<List<string>> StoredEventsAsync(string streamNamespace)
    {
        var serializer = Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer<LogStreamPayload>>();
        var log = ProviderLog;
        var events = new List<string>();
        var batch = new LogRecordBatch();
        for (var partition = 0; partition < Partitions; partition++)
        {
            using var reader = await log.OpenReaderAsync(partition, 0);
            while (await reader.ReadAsync(batch) > 0)
            {
                foreach (var record in batch.Records)
                {
                    var payload = serializer.Deserialize(record.Payload[LogStreamRecord.ReadHeader(record.Payload.Span).PayloadStart..])!;
                    if (payload.StreamId.GetNamespace() == streamNamespace)
                    {
                        events.AddRange(payload.Events.Cast<string>());
                    }
                }
            }
        }

        return events;
    }

    /// <summary>The partitions as the first silo's provider opened them: files or blobs.</summary>
    private IReplayableLog ProviderLog => LogStreamProviderServices.Resolve(Cluster.Silos[0].ServiceProvider, Provider).Store.Log;

    public async Task<JobStatus> WaitForStatusAsync(string jobId, Func<JobStatus, bool> condition, string what, bool includeTasks = false) =>
        await PollAsync(() => Coordinator(jobId).GetStatusAsync(includeTasks), condition, what);

    /// <summary>Polls <paramref name="get"/> until <paramref name="condition"/> holds, failing after <see cref="Deadline"/>.</summary>
    public static Task<T> PollAsync<T>(Func<Task<T>> get, Func<T, bool> condition, string what) => Polling.UntilAsync(get, condition, what, Deadline);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
