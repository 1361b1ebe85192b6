using BenchmarkDotNet.Running;
using Grainflow.Benchmarks.Runtime.Harness;
using Grainflow.Benchmarks.Streaming;

// "runtime [--quick]" runs the end-to-end harness; anything else goes to BenchmarkDotNet (--filter, --list, ...).
if (args is ["runtime", .. var harnessArgs])
{
    return await RuntimeHarness.RunAsync(harnessArgs).ConfigureAwait(false);
}

// "streaming [--quick]" runs the stream engine's harness (which re-launches itself in hidden "streaming-memory-*" modes).
if (args is [var mode, .. var streamingArgs] && StreamingHarness.IsMode(mode))
{
    return await StreamingHarness.RunAsync(mode, streamingArgs).ConfigureAwait(false);
}

if (args is ["checkpoint-storage", .. var checkpointArgs]) return await Grainflow.Benchmarks.Checkpointing.CheckpointStorageHarness.RunAsync(checkpointArgs).ConfigureAwait(false);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
