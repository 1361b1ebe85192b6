namespace Grainflow.Interfaces.Control;

/// <summary>One operator's record counts, summed over its tasks.</summary>
/// <param name="OperatorId">The stable operator id.</param>
/// <param name="Kind">"source" or "keyed".</param>
/// <param name="Parallelism">The number of tasks.</param>
/// <param name="RecordsIn">Records the operator took in (for a source: records read).</param>
/// <param name="RecordsOut">Records it emitted after its chained operators.</param>
public sealed record OperatorMetricsView(string OperatorId, string Kind, int Parallelism, long RecordsIn, long RecordsOut);
