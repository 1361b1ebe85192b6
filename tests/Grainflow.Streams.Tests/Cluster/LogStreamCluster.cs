using Grainflow.Streams.Log.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Grainflow.Streams.Tests.Cluster;

/// <summary>An in-process Orleans cluster hosting the log stream provider <see cref="Provider"/>, and the polls the tests need.</summary>
internal sealed class LogStreamCluster : IAsyncDisposable
{
    public const string Provider = "grainflow";
    public const int Partitions = 4;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private LogStreamCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<LogStreamCluster> StartAsync(string directory, short silos = 2)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddGrainflowLogStreams(Provider, o =>
            {
                o.Directory = directory;
                o.Partitions = Partitions;
            }));
        builder.ConfigureClient(client => client.AddGrainflowLogStreams(Provider, o => o.Partitions = Partitions));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LogStreamCluster(cluster);
    }

    public IAsyncStream<int> Stream(Guid key) =>
        Client.GetStreamProvider(Provider).GetStream<int>(StreamId.Create(RecordingConsumerGrain.Namespace, key));

    /// <summary>Polls the stream's consumer until it received <paramref name="sentinel"/>; returns what it received.</summary>
    public Task<ConsumerRecord> WaitForAsync(Guid key, int sentinel) =>
        PollAsync(Client.GetGrain<IRecordingConsumerGrain>(key).GetAsync, r => r.Items.Contains(sentinel), $"the consumer of {key} received {sentinel}");

    /// <summary>Polls <paramref name="get"/> until <paramref name="condition"/> holds, failing after <see cref="Deadline"/>.</summary>
    public static Task<T> PollAsync<T>(Func<Task<T>> get, Func<T, bool> condition, string what) => Polling.UntilAsync(get, condition, what, Deadline);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
