using Grainflow.Streams.Log.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Streams;

namespace Grainflow.Samples.StreamSubscriber;

/// <summary>
/// Connects to the cluster as an Orleans client, subscribes explicitly (<c>SubscribeAsync</c>) to each result stream,
/// and prints every result it receives as <c>word&lt;TAB&gt;count</c> until Ctrl+C.
/// </summary>
/// <remarks>
/// The job's stream sink is read-committed, so only results of completed checkpoints arrive, each stored once. The
/// provider delivers at least once (a pulling agent that takes a partition over starts again at its delivery mark), so
/// the app skips an event whose token is not newer than the last it printed on that stream: each result prints once.
/// </remarks>
internal static class SubscriberApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (SubscriberOptions.Parse(args, out var problem) is not { } options)
        {
            await error.WriteLineAsync($"StreamSubscriber: {problem}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering(options.Gateway)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ClusterId))
            .AddGrainflowLogStreams(options.Provider, o => o.Partitions = options.Partitions));
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"StreamSubscriber: cannot reach the Orleans gateway at {options.Gateway}: is the silo running? ({exception.GetBaseException().Message})");
            return 3;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var provider = host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(options.Provider);
        var printer = new ResultPrinter(output);
        foreach (var key in options.Keys)
        {
            var stream = provider.GetStream<string>(StreamId.Create(options.Namespace, key));
            await stream.SubscribeAsync((line, token) => printer.PrintAsync(key, line, token));
        }

        await output.WriteLineAsync($"[subscriber] subscribed to {options.Provider}/{options.Namespace} keys {string.Join(", ", options.Keys)}; Ctrl+C stops");
        await output.FlushAsync();
        await host.WaitForShutdownAsync();
        return 0;
    }
}
