using System.Globalization;
using Grainflow.Interfaces.Control;
using Spectre.Console;

namespace Grainflow.Client.Output;

/// <summary>Human renderings of the control API's answers. Values are never read as markup.</summary>
internal static class Views
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static void Status(IAnsiConsole console, JobStatusView status)
    {
        console.WriteLine($"job {status.JobId}: {status.State}{(status.Message is null ? string.Empty : $" ({status.Message})")}");
        var inFlight = status.InFlightCheckpointId == 0 ? string.Empty : $", checkpoint {status.InFlightCheckpointId} in flight";
        console.WriteLine($"last completed checkpoint: {(status.LastCompletedCheckpointId == 0 ? "none" : Number(status.LastCompletedCheckpointId))}{inFlight} " +
            $"({Number(status.CompletedCheckpoints)} completed, {Number(status.FailedCheckpoints)} failed since start)");
        if (status.Restarts > 0)
        {
            console.WriteLine($"restarts: {Number(status.Restarts)} (rolled back to the last completed checkpoint after a failed or lost task)");
        }

        var operators = NewTable("Operator", "Kind", "Parallelism", "Records in", "Records out");
        foreach (var op in status.Operators)
        {
            AddRow(operators, op.OperatorId, op.Kind, Number(op.Parallelism), Number(op.RecordsIn), Number(op.RecordsOut));
        }

        console.Write(operators);
        var offsets = NewTable("Source", "Partition", "Offset", "Committed offset");
        foreach (var offset in status.SourceOffsets)
        {
            AddRow(offsets, offset.SourceId, Number(offset.Partition), Number(offset.Offset), offset.CommittedOffset is { } committed ? Number(committed) : "none");
        }

        console.Write(offsets);
        if (status.Tasks is { Count: > 0 } tasks)
        {
            var table = NewTable("Task", "Silo", "Records in", "Records out");
            foreach (var task in tasks)
            {
                AddRow(table, task.TaskId, task.Silo, Number(task.RecordsIn), Number(task.RecordsOut));
            }

            console.Write(table);
            console.WriteLine($"coordinator on {status.CoordinatorSilo}");
        }
    }

    public static void JobStarted(IAnsiConsole console, StartedJobView started)
    {
        console.WriteLine($"started job {started.JobId} ({started.Definition}){(started.ResumedFrom is { } from ? $", resuming from {from}" : ", from the beginning")}");
        foreach (var warning in started.Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }
    }

    public static void JobRescaled(IAnsiConsole console, RescaledJobView rescaled)
    {
        console.WriteLine($"rescaled job {rescaled.JobId} to parallelism {rescaled.Parallelism} through savepoint {rescaled.Savepoint} " +
            $"(checkpoint {rescaled.CheckpointId}); processing paused {rescaled.PauseMs:0} ms");
        foreach (var warning in rescaled.Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }
    }

    public static void Jobs(IAnsiConsole console, IReadOnlyList<JobSummaryView> jobs)
    {
        if (jobs.Count == 0)
        {
            console.WriteLine("no jobs");
            return;
        }

        var table = NewTable("Job", "Definition", "State", "Started (UTC)", "Ended (UTC)", "Message");
        foreach (var job in jobs)
        {
            AddRow(table, job.JobId, job.Definition, job.State, Time(job.StartedAt), job.EndedAt is { } ended ? Time(ended) : string.Empty, job.Message ?? string.Empty);
        }

        console.Write(table);
    }

    public static void Checkpoints(IAnsiConsole console, IReadOnlyList<CheckpointView> checkpoints)
    {
        if (checkpoints.Count == 0)
        {
            console.WriteLine("no completed checkpoints yet");
            return;
        }

        var table = NewTable("Checkpoint", "Triggered (UTC)", "Duration ms", "State bytes", "Task", "Alignment ms", "Sync ms", "Async ms", "Task bytes");
        foreach (var checkpoint in checkpoints)
        {
            var first = true;
            foreach (var task in checkpoint.Tasks.DefaultIfEmpty())
            {
                AddRow(
                    table,
                    first ? Number(checkpoint.CheckpointId) : string.Empty,
                    first ? checkpoint.TriggeredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", s_culture) : string.Empty,
                    first ? Milliseconds(checkpoint.DurationMs) : string.Empty,
                    first ? Number(checkpoint.StateBytes) : string.Empty,
                    task?.TaskId ?? string.Empty,
                    task is null ? string.Empty : Milliseconds(task.AlignmentMs),
                    task is null ? string.Empty : Milliseconds(task.SynchronousMs),
                    task is null ? string.Empty : Milliseconds(task.AsynchronousMs),
                    task is null ? string.Empty : Number(task.StateBytes));
                first = false;
            }
        }

        console.Write(table);
    }

    public static void Savepoints(IAnsiConsole console, IReadOnlyList<SavepointView> savepoints)
    {
        if (savepoints.Count == 0)
        {
            console.WriteLine("no savepoints");
            return;
        }

        var table = NewTable("Savepoint", "Checkpoint", "Created (UTC)", "Format", "Location");
        foreach (var savepoint in savepoints)
        {
            AddRow(table, savepoint.Name, Number(savepoint.CheckpointId), Time(savepoint.CreatedAt), Number(savepoint.FormatVersion), savepoint.Location);
        }

        console.Write(table);
    }

    public static void SavepointTaken(IAnsiConsole console, SavepointView savepoint)
    {
        console.WriteLine($"savepoint '{savepoint.Name}' taken as checkpoint {Number(savepoint.CheckpointId)} at {Time(savepoint.CreatedAt)} UTC (format {savepoint.FormatVersion})");
        console.WriteLine($"location: {savepoint.Location}");
    }

    public static void State(IAnsiConsole console, StateValueView state)
    {
        var where = $"operator {state.OperatorId}, key '{state.Key}', state '{state.StateName}'";
        console.WriteLine(state.Found ? $"{where}: {state.Value}" : $"{where}: no value");
    }

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    private static void AddRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());

    private static string Number(long value) => value.ToString("N0", s_culture);

    private static string Milliseconds(double value) => value.ToString("0.0", s_culture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", s_culture);
}
