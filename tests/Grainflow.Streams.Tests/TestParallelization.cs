// The cluster tests start in-process Orleans silos; on a 2-core machine several at once starve each other's timers
// past their timeouts, so this assembly's tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
