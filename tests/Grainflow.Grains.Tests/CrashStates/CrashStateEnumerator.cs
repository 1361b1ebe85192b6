namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>
/// Derives from a recorded run every state a power loss could leave, as ALICE and CrashMonkey do: replaying the
/// operations through a <see cref="DurabilityModel"/>, it takes before the first operation and after each one the state
/// that keeps only what was fsynced; the same with the directory the operation changed written back as it is now (its
/// unsynced updates reached the disk, other directories' did not); and the state in which every directory update
/// reached the disk but file data only as fsynced. Identical states collapse into one.
/// </summary>
internal static class CrashStateEnumerator
{
    /// <param name="operations">The recorded run.</param>
    /// <param name="initial">What the recorded root held before the run (see <see cref="DurabilityModel"/>).</param>
    public static CrashStateSet Enumerate(IReadOnlyList<FileOperation> operations, IReadOnlyDictionary<string, byte[]?>? initial = null)
    {
        var model = new DurabilityModel(initial);
        var distinct = new Dictionary<string, CrashState>(StringComparer.Ordinal);
        var onlySynced = new HashSet<string>(StringComparer.Ordinal);
        var crashPoints = 0;

        void Take(string point, FileOperation? operation)
        {
            crashPoints++;
            var synced = new CrashState(model.OnlySynced(), $"power loss {point}, keeping only what was fsynced");
            onlySynced.Add(synced.Key);
            distinct.TryAdd(synced.Key, synced);
            foreach (var directory in operation is null ? [] : DurabilityModel.DirectoriesChangedBy(operation))
            {
                var writtenBack = new CrashState(
                    model.OnlySynced(directory), $"power loss {point}, keeping what was fsynced and the directory '{directory}' as it is now");
                distinct.TryAdd(writtenBack.Key, writtenBack);
            }
            var directories = new CrashState(model.DirectoryUpdatesSurvive(), $"power loss {point}, keeping every directory update but only fsynced data");
            distinct.TryAdd(directories.Key, directories);
        }

        Take("before any operation", null);
        foreach (var operation in operations)
        {
            model.Apply(operation);
            Take($"right after {operation}", operation);
        }

        return new CrashStateSet([.. distinct.Values], crashPoints, onlySynced.Count);
    }
}
