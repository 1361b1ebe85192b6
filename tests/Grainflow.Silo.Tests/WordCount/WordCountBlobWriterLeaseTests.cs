using System.Diagnostics;
using System.Text;
using Grainflow.Silo.Tests.Process;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.Sources;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Silo.Tests.WordCount;

/// <summary>
/// One writer per job on a blob checkpoint location, with real processes: a second <c>grainflow-silo wordcount</c> on
/// the container of a running one waits one lease term and exits 2; once the first is killed hard (SIGKILL), a third
/// takes its lease over when the term ends, resumes, and the committed output is exactly once.
/// </summary>
public sealed class WordCountBlobWriterLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Partitions = 2;
    private static readonly TimeSpan s_leaseWait = BlobCheckpointStorageOptions.DefaultLeaseDuration + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WordCount_SecondRunOnTheSameContainer_Exits2AndAfterKill9AThirdTakesOverExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WriteInputLogAsync(dir.Sub("log"), seed: 41, linesPerPartition: 20_000);
        var expected = WordCountOracle.Count(lines);
        var container = "lease" + Guid.NewGuid().ToString("N");
        string[] args =
        [
            "wordcount", "--input-log", dir.Sub("log"), "--output", dir.Sub("out"),
            "--checkpoint-store", azurite.ConnectionString, "--checkpoint-container", container,
            "--checkpoint-interval", "100ms", "--log-level", "Warning",
        ];

        ProcessResult killed;
        ProcessResult refused;
        var refusedAfter = Stopwatch.StartNew();
        await using (var first = SiloProcess.Start(args))
        {
            await first.WaitForOutputLineAsync("checkpoint 2 completed");
            refusedAfter.Restart();
            refused = await SiloProcess.RunAsync(args);
            refusedAfter.Stop();
            await first.WaitForOutputLineAsync("checkpoint 3 completed");
            killed = await first.KillAsync();
        }

        var takenOverAfter = Stopwatch.StartNew();
        await using var third = SiloProcess.Start(args);
        await third.WaitForOutputLineAsync("resuming from checkpoint");
        takenOverAfter.Stop();
        await WaitForExactlyOnceAsync(expected, dir.Sub("out"));
        third.Terminate();
        var final = await third.WaitForExitAsync();

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.StartsWith(
            $"grainflow-silo: Another process runs job 'wordcount' on the checkpoint location '{azurite.ServiceUri}/{container}' (process ",
            refused.StandardError,
            StringComparison.Ordinal);
        Assert.EndsWith("). Stop it first, or give this job another checkpoint location. See 'grainflow-silo --help'.", refused.StandardError, StringComparison.Ordinal);
        Assert.Single(refused.Error);
        Assert.True(refusedAfter.Elapsed >= s_leaseWait, $"refused after {refusedAfter.Elapsed}");
        Assert.DoesNotContain(refused.Output, l => l.Contains("checkpoint 1 completed", StringComparison.Ordinal));
        Assert.Contains(killed.Output, l => l.Contains("checkpoint 3 completed", StringComparison.Ordinal));
        Assert.True(takenOverAfter.Elapsed < s_leaseWait + TimeSpan.FromSeconds(20), $"took over after {takenOverAfter.Elapsed}");
        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.Null(WordCountOracle.FindViolation(expected, ReadCommitted(dir.Sub("out"))));
        Assert.All(new[] { refused, killed, final }, run => Assert.DoesNotContain(run.Output.Concat(run.Error), l => l.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal)));
    }

    private static async Task<List<string>> WriteInputLogAsync(string directory, int seed, int linesPerPartition)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 2_000).Select(i => $"w{i}").ToArray();
        var log = SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = Partitions, CreateIfMissing = true });
        var all = new List<string>();
        for (var p = 0; p < Partitions; p++)
        {
            await using var writer = await log.OpenWriterAsync(p);
            var lines = Enumerable.Range(0, linesPerPartition)
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
                .ToList();
            await writer.AppendAsync([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]);
            await writer.FlushAsync();
            all.AddRange(lines);
        }

        return all;
    }

    // The run never ends by itself (--input-log): it is done once the committed output holds every count exactly once.
    private static async Task WaitForExactlyOnceAsync(Dictionary<string, long> expected, string directory)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string? violation;
        while ((violation = WordCountOracle.FindViolation(expected, ReadCommitted(directory))) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the committed output is not exactly once within 60 s: {violation}");
            await Task.Delay(50);
        }
    }

    private static List<string> ReadCommitted(string directory) =>
        [.. Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith('.')).SelectMany(File.ReadLines)];
}
