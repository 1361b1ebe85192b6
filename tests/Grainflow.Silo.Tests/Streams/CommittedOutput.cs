namespace Grainflow.Silo.Tests.Streams;

/// <summary>The committed output files of a wordcount run (files starting with '_' or '.' are uncommitted), and a poll for them.</summary>
internal static class CommittedOutput
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<List<string>> ReadAsync(string directory)
    {
        var lines = new List<string>();
        if (!Directory.Exists(directory))
        {
            return lines;
        }

        foreach (var file in Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith('.')))
        {
            lines.AddRange(await File.ReadAllLinesAsync(file));
        }

        return lines;
    }

    /// <summary>Polls until the committed output holds at least <paramref name="lines"/> lines; fails at the deadline, saying how many it had.</summary>
    public static async Task<List<string>> WaitForAsync(string directory, long lines, TimeSpan deadline)
    {
        var giveUpAt = DateTime.UtcNow + deadline;
        while (true)
        {
            var committed = await ReadAsync(directory);
            if (committed.Count >= lines)
            {
                return committed;
            }

            Assert.True(DateTime.UtcNow < giveUpAt, $"the committed output reached {committed.Count} of {lines} lines within {deadline}");
            await Task.Delay(s_pollInterval);
        }
    }
}
