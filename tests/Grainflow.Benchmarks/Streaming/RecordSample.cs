namespace Grainflow.Benchmarks.Streaming;

/// <summary>The records the keyed tasks had taken in at one moment of a run, with the clocks and the process's processor time then.</summary>
/// <param name="Timestamp">A <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
/// <param name="WallClock">The same moment on the clock checkpoints are stamped with.</param>
/// <param name="KeyedRecords">Records taken in by all keyed tasks together.</param>
/// <param name="CpuTime">Processor time of the whole process so far.</param>
internal sealed record RecordSample(long Timestamp, DateTimeOffset WallClock, long KeyedRecords, TimeSpan CpuTime);
