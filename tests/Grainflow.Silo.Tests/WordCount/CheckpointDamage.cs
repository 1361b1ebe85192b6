using System.Globalization;
using System.Text.RegularExpressions;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>Damage done to a wordcount checkpoint directory on disk, as bit rot or a bad copy would.</summary>
internal static partial class CheckpointDamage
{
    /// <summary>
    /// The directory of the published checkpoint, as the latest pointer names it: a newer one may have its manifest
    /// written but not be published yet, and recovery never restores that one.
    /// </summary>
    public static async Task<string> PublishedCheckpointAsync(string checkpointDirectory)
    {
        var job = Path.Combine(checkpointDirectory, "wordcount");
        var pointer = await File.ReadAllTextAsync(Path.Combine(job, "_latest"));
        return Path.Combine(job, $"chk-{PublishedId().Match(pointer).Groups[1].Value}");
    }

    public static long IdOf(string checkpoint) => long.Parse(Path.GetFileName(checkpoint)["chk-".Length..], CultureInfo.InvariantCulture);

    /// <summary>Flips a byte in the middle of one of the checkpoint's state files; returns the file.</summary>
    public static async Task<string> GarbleAStateFileAsync(string checkpoint)
    {
        var stateFile = Directory.GetFiles(checkpoint).First(f => Path.GetFileName(f) != "_metadata" && new FileInfo(f).Length > 16);
        var bytes = await File.ReadAllBytesAsync(stateFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(stateFile, bytes);
        return stateFile;
    }

    [GeneratedRegex("\"checkpointId\":(\\d+)")]
    private static partial Regex PublishedId();
}
