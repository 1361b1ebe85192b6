using Grainflow.Grains.Streaming;
using Grainflow.TestingHost;

namespace Grainflow.Grains.Tests;

/// <summary>A test silo hosting the stream engine's grains.</summary>
internal static class StreamingSilo
{
    public static Task<TestSilo> StartAsync() =>
        TestSilo.StartAsync(
            silo => silo.AddGrainsFrom(typeof(SourceTaskGrain).Assembly),
            configureServices: services => services.AddGrainflowStreaming());
}
