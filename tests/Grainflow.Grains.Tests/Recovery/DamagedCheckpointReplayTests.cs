using System.Text;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.WordCount;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;

namespace Grainflow.Grains.Tests.Recovery;

/// <summary>
/// Recovery past a damaged newest checkpoint whose output is committed: the job restores the checkpoint before it,
/// replays each source partition up to the damaged checkpoint's offsets without writing that output again, takes a
/// checkpoint there and goes on. Checkpoints are triggered by the test, so every epoch's content is fixed.
/// </summary>
public sealed class DamagedCheckpointReplayTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_NewestCheckpointStateGarbledAfterItsOutputWasCommitted_ReplaysExactlyAndOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog(partitionCount: 2);
        var lines = WordCountJobTests.GenerateLines(seed: 41, lineCount: 3_000);
        var (first, second, third) = (lines[..1_000], lines[1_000..2_000], lines[2_000..]);
        var checkpoints = CheckpointLocation.Directory(dir.Sub("chk"));
        long beforeDamaged, damaged;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(Spec(log, dir.Sub("out"), checkpoints));
            await AppendAndWaitAsync(cluster, log, first, expectedTotal: 1_000);
            beforeDamaged = await cluster.CheckpointAsync(WordCountJob.JobId);
            await AppendAndWaitAsync(cluster, log, second, expectedTotal: 2_000);
            damaged = await cluster.CheckpointAsync(WordCountJob.JobId);

            // The damaged checkpoint's epoch is committed: falling back to the one before would write it again.
            await WaitForCommittedWordsAsync(dir.Sub("out"), WordCountOracle.Count(lines[..2_000]).Values.Sum());
        }

        GarbleAStateFile(Path.Combine(dir.Sub("chk"), WordCountJob.JobId, $"chk-{damaged}"));
        var committedBefore = ReadCommittedFiles(dir.Sub("out"));
        var captured = new CapturedLog();
        long afterReplay;
        await using (var cluster = await GrainflowTestCluster.StartAsync(log: captured))
        {
            var started = await cluster.StartJobAsync(Spec(log, dir.Sub("out"), checkpoints));
            Assert.StartsWith($"checkpoint {beforeDamaged} ", started.ResumedFrom, StringComparison.Ordinal);
            Assert.Contains(started.Warnings, w => w.StartsWith($"checkpoint {damaged} is damaged at ", StringComparison.Ordinal)
                && w.Contains("recovering exactly past it", StringComparison.Ordinal));
            await AppendAndWaitAsync(cluster, log, third, expectedTotal: 3_000);
            afterReplay = await cluster.CheckpointAsync(WordCountJob.JobId);
            await WaitForCommittedWordsAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum());
        }

        Assert.True(afterReplay > damaged, $"checkpoint {afterReplay} must follow the damaged {damaged}");
        Assert.Single(captured.Entries, e => e.EventId.Id == 2115);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await WordCountJobTests.ReadOutputAsync(dir.Sub("out"))));
        var committedAfter = ReadCommittedFiles(dir.Sub("out"));
        Assert.All(committedBefore, file => Assert.Equal(file.Value, committedAfter[file.Key]));
    }

    private static JobSpec Spec(InMemoryLog log, string output, CheckpointLocation checkpoints) => TestJobs.WordCountOverLog(
        log, output, checkpoints, new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) });

    /// <summary>Appends the lines to the log's two partitions, alternately, and waits until the sources read them.</summary>
    private static async Task AppendAndWaitAsync(GrainflowTestCluster cluster, InMemoryLog log, IReadOnlyList<string> lines, long expectedTotal)
    {
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            await using var writer = await log.OpenWriterAsync(partition);
            await writer.AppendAsync([.. lines.Where((_, i) => i % log.PartitionCount == partition).Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]);
            await writer.FlushAsync();
        }

        await cluster.WaitForStatusAsync(
            WordCountJob.JobId, status => status.Sources.Sum(t => t.Position) >= expectedTotal, $"the sources read to offset {expectedTotal} in all", includeTasks: true);
    }

    /// <summary>Commits follow a checkpoint's completion: polls until the committed output holds every expected line.</summary>
    private static async Task WaitForCommittedWordsAsync(string output, long words)
    {
        using var deadline = new CancellationTokenSource(s_deadline);
        while ((await WordCountJobTests.ReadOutputAsync(output)).Count < words)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    private static void GarbleAStateFile(string checkpointDirectory)
    {
        var stateFile = Directory.GetFiles(checkpointDirectory).First(f => Path.GetFileName(f) != "_metadata" && new FileInfo(f).Length > 16);
        var bytes = File.ReadAllBytes(stateFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(stateFile, bytes);
    }

    private static Dictionary<string, string> ReadCommittedFiles(string output) =>
        Directory.GetFiles(output).Where(f => Path.GetFileName(f).StartsWith("part-", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
}
