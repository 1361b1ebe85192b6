namespace Grainflow.Grains.Streaming;

/// <summary>One task's counters, as its grain reports them.</summary>
/// <param name="TaskId">"&lt;vertex&gt;/&lt;index&gt;".</param>
/// <param name="OperatorId">The vertex's operator id.</param>
/// <param name="Index">The task's index (for a source, its partition).</param>
/// <param name="RecordsIn">Records taken in (for a source task: records read).</param>
/// <param name="RecordsOut">Records emitted after the task's chained operators.</param>
/// <param name="Position">For a source task, the offset it has read to; -1 otherwise.</param>
/// <param name="Silo">The silo the task runs on.</param>
/// <param name="IsBackPressured">Whether the task waits for credit from its receivers now (it takes no input meanwhile).</param>
/// <param name="BackPressureWaits">How many times the task had to wait for credit from its receivers.</param>
/// <param name="PeakBufferedBatches">For a keyed task, the most batches one input channel held at once, unprocessed (at most the job's channel credits).</param>
[GenerateSerializer]
public sealed record TaskMetrics(
    string TaskId, string OperatorId, int Index, long RecordsIn, long RecordsOut, long Position, string Silo,
    bool IsBackPressured = false, long BackPressureWaits = 0, int PeakBufferedBatches = 0)
{
    /// <summary>The metrics of a task grain: zeros while its task is not started.</summary>
    internal static TaskMetrics Of(TaskGrainKey key, Grainflow.Streaming.Execution.TaskEnvironment? environment, string silo)
    {
        var counters = environment?.Counters;
        return new TaskMetrics(
            environment?.TaskId ?? $"{key.VertexId}/{key.Index}", key.VertexId ?? string.Empty, key.Index,
            counters?.RecordsIn ?? 0, counters?.RecordsOut ?? 0, counters?.Position ?? -1, silo,
            counters?.IsBackPressured ?? false, counters?.BackPressureWaits ?? 0, counters?.PeakBufferedBatches ?? 0);
    }
}
