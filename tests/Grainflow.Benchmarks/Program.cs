using BenchmarkDotNet.Running;
using Grainflow.Benchmarks.Calls;

// "calls [--quick]": the grain call harness. Anything unknown goes to BenchmarkDotNet (--filter, --list, ...).
if (args is ["calls", .. var callArgs])
{
    return await CallHarness.RunAsync(callArgs).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
