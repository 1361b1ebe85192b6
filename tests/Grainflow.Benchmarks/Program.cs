using BenchmarkDotNet.Running;
using Grainflow.Benchmarks;
using Grainflow.Benchmarks.Calls;
using Grainflow.Benchmarks.Cluster;
using Grainflow.Benchmarks.Crash;
using Grainflow.Benchmarks.Streaming;
using Grainflow.Benchmarks.StreamProviders;

// "all [--quick]": every harness in one run, one table (what CI smoke-runs with --quick).
if (args is ["all", .. var allArgs])
{
    return await AllHarness.RunAsync(allArgs).ConfigureAwait(false);
}

// "calls [--quick]": the grain call harness.
if (args is ["calls", .. var callArgs])
{
    return await CallHarness.RunAsync(callArgs).ConfigureAwait(false);
}

// "streaming [--quick]": the stream engine's harness (which re-launches itself in hidden "streaming-child-*" modes).
if (args is [var mode, .. var streamingArgs] && StreamingHarness.IsMode(mode))
{
    return await StreamingHarness.RunAsync(mode, streamingArgs).ConfigureAwait(false);
}

// "crash [--quick]": Grainflow and the idiomatic Orleans wordcount killed and rerun (hidden "crash-child-idiomatic" mode).
if (args is [var crashMode, .. var crashArgs] && CrashHarness.IsMode(crashMode))
{
    return await CrashHarness.RunAsync(crashMode, crashArgs).ConfigureAwait(false);
}

// "cluster [--quick]": serve processes clustered through Azurite: 1-silo vs 3-silo throughput, recovery from kill -9.
if (args is [ClusterHarness.Mode, .. var clusterArgs])
{
    return await ClusterHarness.RunAsync(clusterArgs).ConfigureAwait(false);
}

// "streams [--quick]": appends through the stream API (Grainflow log vs memory streams), delivery to grains, a job draining a stream.
if (args is [StreamsHarness.Mode, .. var streamsArgs])
{
    return await StreamsHarness.RunAsync(streamsArgs).ConfigureAwait(false);
}

// Anything else goes to BenchmarkDotNet's switcher (--filter, --list, ...).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
