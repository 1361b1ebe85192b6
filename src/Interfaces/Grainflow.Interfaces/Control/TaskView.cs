namespace Grainflow.Interfaces.Control;

/// <summary>One task of a job: where it runs and what it did.</summary>
/// <param name="TaskId">"&lt;operator&gt;/&lt;index&gt;".</param>
/// <param name="OperatorId">The operator.</param>
/// <param name="Silo">The silo the task's grain runs on.</param>
/// <param name="RecordsIn">Records taken in (for a source task: records read).</param>
/// <param name="RecordsOut">Records emitted after the task's chained operators.</param>
public sealed record TaskView(string TaskId, string OperatorId, string Silo, long RecordsIn, long RecordsOut);
