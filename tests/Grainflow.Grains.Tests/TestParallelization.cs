// Each test here starts Orleans silos (real processes, or an in-process cluster of three) that use every core while a
// job runs. On a 2-core machine, several of them at once starve each other's timers and calls past their timeouts, so
// this assembly's tests run one at a time; the assemblies themselves still run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
