namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>
/// One timed run of a configuration: append calls and events completed, wall time, processor time of the whole process,
/// and appends a full memory stream queue refused (retried).
/// </summary>
internal sealed record AppendSample(AppendConfiguration Configuration, long Calls, long Events, TimeSpan Elapsed, TimeSpan Processor, long QueueFullRetries)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double ProcessorMicrosecondsPerEvent => Processor.TotalMicroseconds / Events;
}
