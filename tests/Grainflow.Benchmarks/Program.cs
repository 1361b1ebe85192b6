using BenchmarkDotNet.Running;
using Grainflow.Benchmarks.Runtime.Harness;

// "runtime [--quick]" runs the end-to-end harness; anything else goes to BenchmarkDotNet (--filter, --list, ...).
if (args is ["runtime", .. var harnessArgs])
{
    return await RuntimeHarness.RunAsync(harnessArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
