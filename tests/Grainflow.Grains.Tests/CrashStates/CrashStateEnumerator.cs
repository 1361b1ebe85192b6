namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>
/// Derives from a recorded run every state a power loss could leave, as ALICE and CrashMonkey do: replaying the
/// operations through a <see cref="DurabilityModel"/>, it takes before the first operation and after each one the state
/// that keeps only what was fsynced, and the state in which every directory update also reached the disk but file data
/// only as fsynced. Identical states collapse into one.
/// </summary>
internal static class CrashStateEnumerator
{
    public static CrashStateSet Enumerate(IReadOnlyList<FileOperation> operations)
    {
        var model = new DurabilityModel();
        var distinct = new Dictionary<string, CrashState>(StringComparer.Ordinal);
        var onlySynced = new HashSet<string>(StringComparer.Ordinal);
        var crashPoints = 0;

        void Take(string point)
        {
            crashPoints++;
            var synced = new CrashState(model.OnlySynced(), $"power loss {point}, keeping only what was fsynced");
            onlySynced.Add(synced.Key);
            distinct.TryAdd(synced.Key, synced);
            var directories = new CrashState(model.DirectoryUpdatesSurvive(), $"power loss {point}, keeping every directory update but only fsynced data");
            distinct.TryAdd(directories.Key, directories);
        }

        Take("before any operation");
        foreach (var operation in operations)
        {
            model.Apply(operation);
            Take($"right after {operation}");
        }

        return new CrashStateSet([.. distinct.Values], crashPoints, onlySynced.Count);
    }
}
