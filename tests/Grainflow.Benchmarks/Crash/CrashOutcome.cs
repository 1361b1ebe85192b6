namespace Grainflow.Benchmarks.Crash;

/// <summary>One implementation's kill run: how often it was killed, how much output it had then, where the run after it started, and the final output's audit.</summary>
internal sealed record CrashOutcome(string Implementation, bool ClaimsExactlyOnce, int Kills, long LinesAtKill, string RestartedFrom, OutputAudit Audit);
