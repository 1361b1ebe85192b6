namespace Grainflow.Grains.Streaming;

/// <summary>What a job starts from.</summary>
/// <param name="ResumedFrom">"checkpoint 12 (taken ...)" or "savepoint before-upgrade (...)"; null for a fresh start.</param>
/// <param name="Warnings">What recovery found worth saying (damaged checkpoints passed over, ...).</param>
[GenerateSerializer]
public sealed record JobStartResult(string? ResumedFrom, IReadOnlyList<string> Warnings);
