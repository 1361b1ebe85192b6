namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>The distinct crash states of a recorded run.</summary>
/// <param name="States">Each distinct state once, in the order the run first reached it.</param>
/// <param name="CrashPoints">The points a power loss was placed at: before the first operation and after each one.</param>
/// <param name="OnlySyncedCount">How many distinct states keep only what was fsynced (the rest also keep unsynced directory updates).</param>
internal sealed record CrashStateSet(IReadOnlyList<CrashState> States, int CrashPoints, int OnlySyncedCount);
