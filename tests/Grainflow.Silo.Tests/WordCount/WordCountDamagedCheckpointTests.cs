using System.Net.Http.Json;
using System.Text;
using Grainflow.Interfaces.Control;
using Grainflow.Silo.Tests.Process;
using Grainflow.Streaming.Sources;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// A damaged newest checkpoint whose output is known to be committed, with real processes: a log job takes its
/// checkpoints when the test asks (control API), so the test knows what each epoch holds; it is killed hard once the
/// newest epoch is committed, that checkpoint's state is garbled, and the same command must recover exactly past it.
/// </summary>
public sealed class WordCountDamagedCheckpointTests
{
    [UnixFact]
    public async Task WordCount_LogJobKilledAfterItsNewestEpochWasCommittedAndThatCheckpointGarbled_SameCommandRecoversExactly()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("text.txt"), seed: 17, words: 60_000, vocabulary: 5_000);
        var (first, second, third) = (lines[..(lines.Count / 3)], lines[(lines.Count / 3)..(2 * lines.Count / 3)], lines[(2 * lines.Count / 3)..]);
        var control = $"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}/";
        string[] args =
        [
            "wordcount", "--input-log", dir.Sub("log"), "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
            "--checkpoint-interval", "infinite", "--control-url", control, "--log-level", "Warning",
        ];
        using var api = new HttpClient { BaseAddress = new Uri(control) };
        await AppendAsync(dir.Sub("log"), first);
        long beforeDamaged, damaged;
        await using (var silo = SiloProcess.Start(args))
        {
            beforeDamaged = await CheckpointAfterReadingAsync(api, first.Count);
            await AppendAsync(dir.Sub("log"), second);
            damaged = await CheckpointAfterReadingAsync(api, first.Count + second.Count);

            // The second part's output is the damaged checkpoint's epoch: committed, so a plain fallback would repeat it.
            await WaitForCommittedLinesAsync(dir.Sub("out"), WordCountOracle.Count([.. first, .. second]).Values.Sum());
            await silo.KillAsync();
        }

        var stateFile = await CheckpointDamage.GarbleAStateFileAsync(Path.Combine(dir.Sub("chk"), "wordcount", $"chk-{damaged}"));
        var committedBefore = CommittedLines(dir.Sub("out")).ToHashSet(StringComparer.Ordinal);
        await AppendAsync(dir.Sub("log"), third);
        ProcessResult again;
        await using (var silo = SiloProcess.Start(args))
        {
            var afterReplay = await CheckpointAfterReadingAsync(api, lines.Count);
            await WaitForCommittedLinesAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum());
            silo.Terminate();
            again = await silo.WaitForExitAsync();
            Assert.True(afterReplay > damaged, $"checkpoint {afterReplay} must follow the damaged {damaged}");
        }

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(again.Output, l => l.StartsWith($"[wordcount] resuming from checkpoint {beforeDamaged} ", StringComparison.Ordinal));
        Assert.Contains(again.Output, l => l.Contains($"checkpoint {damaged} is damaged at ", StringComparison.Ordinal)
            && l.Contains(Path.GetFileName(stateFile), StringComparison.Ordinal) && l.Contains("recovering exactly past it", StringComparison.Ordinal));
        var output = CommittedLines(dir.Sub("out"));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
        Assert.Subset(output.ToHashSet(StringComparer.Ordinal), committedBefore);
    }

    private static async Task AppendAsync(string logDirectory, IEnumerable<string> lines)
    {
        var log = SegmentLog.Open(logDirectory, new SegmentLogOptions { CreateIfMissing = true });
        await using var writer = await log.OpenWriterAsync(0);
        foreach (var line in lines)
        {
            await writer.AppendAsync(Encoding.UTF8.GetBytes(line));
        }

        await writer.FlushAsync();
    }

    /// <summary>
    /// Waits until the source read to <paramref name="offset"/> (one record per line), then triggers a checkpoint (retried while
    /// another is in flight, or the API is not up yet) and waits until it completed; returns its id.
    /// </summary>
    private static async Task<long> CheckpointAfterReadingAsync(HttpClient api, long offset)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        await PollAsync(async () => (await StatusAsync(api))?.SourceOffsets.Sum(o => o.Offset) == offset, deadline.Token);
        long id = 0;
        await PollAsync(
            async () =>
            {
                using var response = await api.PostAsync("jobs/wordcount/checkpoints", null);
                id = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.TriggeredCheckpointView))!.CheckpointId : 0;
                return id > 0;
            },
            deadline.Token);
        await PollAsync(async () => (await StatusAsync(api))?.LastCompletedCheckpointId >= id, deadline.Token);
        return id;
    }

    private static async Task<JobStatusView?> StatusAsync(HttpClient api)
    {
        try
        {
            using var response = await api.GetAsync("jobs/wordcount/status");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(ControlJsonContext.Default.JobStatusView) : null;
        }
        catch (HttpRequestException)
        {
            return null; // the silo's API is not listening yet
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition, CancellationToken deadline)
    {
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline);
        }
    }

    private static async Task WaitForCommittedLinesAsync(string directory, long count)
    {
        using var deadline = new CancellationTokenSource(ChildProcess.Deadline);
        await PollAsync(() => Task.FromResult(CommittedLines(directory).Count >= count), deadline.Token);
    }

    private static List<string> CommittedLines(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory).Where(f => Path.GetFileName(f).StartsWith("part-", StringComparison.Ordinal)).SelectMany(File.ReadAllLines)]
            : [];
}
