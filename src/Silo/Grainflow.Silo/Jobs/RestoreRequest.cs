namespace Grainflow.Silo.Jobs;

/// <summary>What a job run starts from: the latest checkpoint (the default), or a named savepoint.</summary>
/// <param name="Savepoint">The savepoint's name in the job's checkpoint location, or null for the latest checkpoint.</param>
/// <param name="AllowNonRestoredState">Start even when the savepoint holds state that no operator claims.</param>
internal sealed record RestoreRequest(string? Savepoint, bool AllowNonRestoredState)
{
    public static readonly RestoreRequest Latest = new(null, false);
}
