using System.Text;
using Grainflow.Grains.Control;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Grains.Tests.WordCount;
using Grainflow.Grains.WordCount;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Tests.Savepoints;

public sealed class SavepointTests
{
    [Fact]
    public async Task StopWithSavepoint_ThenRestore_ContinuedOutputEqualsAnUninterruptedRun()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var all = WordCountJobTests.GenerateLines(seed: 21, lineCount: 6_000);
        var storage = CheckpointLocation.Directory(dir.Sub("chk"));

        SavepointView first;
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await StartAsync(cluster, log, dir.Sub("out"), storage, savepoint: null);
            await AppendAndWaitAsync(cluster, log, all[..3_000], expectedTotal: 3_000);
            first = (await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, "sp-1"))!;
            Assert.Equal(JobEndKind.Stopped, (await cluster.WaitForOutcomeAsync(WordCountJob.JobId)).Kind);
        }

        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            var started = await StartAsync(cluster, log, dir.Sub("out"), storage, new SavepointSource(storage, "sp-1", AllowNonRestoredState: false));
            Assert.StartsWith("savepoint sp-1", started.ResumedFrom, StringComparison.Ordinal);
            await AppendAndWaitAsync(cluster, log, all[3_000..], expectedTotal: 6_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, "sp-2");
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        Assert.Equal("sp-1", first.Name);
        var output = await WordCountJobTests.ReadOutputAsync(dir.Sub("out"));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(all), output));
    }

    [Fact]
    public async Task CreateSavepoint_NameTaken_ConflictAndJobKeepsRunning()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        await using var cluster = await GrainflowTestCluster.StartAsync();
        var control = new JobControl(cluster.Grains, []);
        await StartAsync(cluster, log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), savepoint: null);
        await AppendAndWaitAsync(cluster, log, ["a b", "b c"], expectedTotal: 2);

        var savepoint = await control.CreateSavepointAsync(WordCountJob.JobId, "once");
        var error = await Assert.ThrowsAsync<JobControlException>(() => control.CreateSavepointAsync(WordCountJob.JobId, "once"));
        var listed = await control.ListSavepointsAsync(WordCountJob.JobId);
        var state = await control.GetStateAsync(WordCountJob.JobId, WordCountJob.CountOperatorId, "b", stateName: null);

        Assert.Equal(JobControlError.Conflict, error.Error);
        Assert.Equal(["once"], listed.Select(s => s.Name));
        Assert.Equal(savepoint.CheckpointId, listed[0].CheckpointId);
        Assert.Equal(new StateValueView("count", "b", "count", true, "2"), state);
        Assert.Equal(JobStates.Running, (await control.GetStatusAsync(WordCountJob.JobId)).State);
        await control.StopAsync(WordCountJob.JobId, savepointName: null);
    }

    [Fact]
    public async Task Stop_PeriodicCheckpointsOff_FinalCheckpointCommitsEverythingRead()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var lines = WordCountJobTests.GenerateLines(seed: 31, lineCount: 2_000);
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await cluster.StartJobAsync(TestJobs.WordCountOverLog(
            log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) }));
        await AppendAndWaitAsync(cluster, log, lines, expectedTotal: lines.Count);

        var savepoint = await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null);
        var outcome = await cluster.WaitForOutcomeAsync(WordCountJob.JobId);

        Assert.Null(savepoint);
        Assert.Equal(JobEndKind.Stopped, outcome.Kind);
        Assert.Equal(1, outcome.LastCheckpointId);
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await WordCountJobTests.ReadOutputAsync(dir.Sub("out"))));
    }

    [Fact]
    public async Task Stop_NoDrain_CommitsNothingNewAndARestartReadsItAgainExactlyOnce()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var lines = WordCountJobTests.GenerateLines(seed: 32, lineCount: 2_000);
        var spec = TestJobs.WordCountOverLog(
            log, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) });
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(spec);
            await AppendAndWaitAsync(cluster, log, lines, expectedTotal: lines.Count);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null, drain: false);
            Assert.Equal(0, (await cluster.WaitForOutcomeAsync(WordCountJob.JobId)).LastCheckpointId);
        }

        Assert.Empty(await WordCountJobTests.ReadOutputAsync(dir.Sub("out")));
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(spec);
            await AppendAndWaitAsync(cluster, log, [], expectedTotal: lines.Count);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null);
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), await WordCountJobTests.ReadOutputAsync(dir.Sub("out"))));
    }

    [Fact]
    public async Task Restore_SameCommandAgainAfterNewerCheckpoints_ResumesFromThemNotFromTheSavepoint()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var all = WordCountJobTests.GenerateLines(seed: 33, lineCount: 3_000);
        var first = CheckpointLocation.Directory(dir.Sub("chk"));
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await StartAsync(cluster, log, dir.Sub("out"), first, savepoint: null);
            await AppendAndWaitAsync(cluster, log, all[..1_000], expectedTotal: 1_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, "seed");
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        // The user's command: restore the savepoint into a fresh location. Run it, stop it, then run the very same command.
        var fresh = CheckpointLocation.Directory(dir.Sub("chk2"));
        var fromSeed = new SavepointSource(first, "seed", AllowNonRestoredState: false);
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            var started = await StartAsync(cluster, log, dir.Sub("out"), fresh, fromSeed);
            Assert.StartsWith("savepoint seed", started.ResumedFrom, StringComparison.Ordinal);
            await AppendAndWaitAsync(cluster, log, all[1_000..2_000], expectedTotal: 2_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null);
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            var again = await StartAsync(cluster, log, dir.Sub("out"), fresh, fromSeed);
            Assert.StartsWith("checkpoint ", again.ResumedFrom, StringComparison.Ordinal);
            Assert.Contains(again.Warnings, w => w.StartsWith("savepoint 'seed' was not restored", StringComparison.Ordinal));
            await AppendAndWaitAsync(cluster, log, all[2_000..], expectedTotal: 3_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null);
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(all), await WordCountJobTests.ReadOutputAsync(dir.Sub("out"))));
    }

    [Fact]
    public async Task Restore_SavepointWithStateOfARemovedOperator_RefusedListingIt()
    {
        using var dir = new TempDirectory();
        var storage = CheckpointLocation.Directory(dir.Sub("chk"));
        var log = new InMemoryLog();
        await using var cluster = await GrainflowTestCluster.StartAsync();
        await StartAsync(cluster, log, dir.Sub("out"), storage, savepoint: null);
        await AppendAndWaitAsync(cluster, log, ["x y"], expectedTotal: 1);
        await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, "before");
        await cluster.WaitForOutcomeAsync(WordCountJob.JobId);

        var text = dir.Sub("input.txt");
        await File.WriteAllTextAsync(text, "x\n");
        var error = await Assert.ThrowsAsync<SavepointMismatchException>(() => cluster.StartJobAsync(
            TestJobs.WordCount(text, dir.Sub("out2"), CheckpointLocation.Directory(dir.Sub("chk2")), new JobOptions()) with
            {
                FromSavepoint = new SavepointSource(storage, "before", AllowNonRestoredState: false),
            }));

        Assert.Contains("offset of source 'log-lines' partition 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-non-restored-state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_SavepointWhoseCommittedFilesAConsumerMovedAway_RunsOnExactlyOnceAndSaysSoOncePerSubtask()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var all = WordCountJobTests.GenerateLines(seed: 34, lineCount: 2_000);
        var location = CheckpointLocation.Directory(dir.Sub("chk"));
        // Periodic checkpoints off: the savepoint's checkpoint is the one that commits the first half, so its manifest
        // lists the files the consumer then takes.
        var options = new JobOptions { CheckpointInterval = Timeout.InfiniteTimeSpan, SourcePollInterval = TimeSpan.FromMilliseconds(5) };
        await using (var cluster = await GrainflowTestCluster.StartAsync())
        {
            await cluster.StartJobAsync(TestJobs.WordCountOverLog(log, dir.Sub("out"), location, options));
            await AppendAndWaitAsync(cluster, log, all[..1_000], expectedTotal: 1_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, "handover");
            await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        var taken = Directory.CreateDirectory(dir.Sub("taken")).FullName;
        var moved = Directory.GetFiles(dir.Sub("out"), "part-*").Order(StringComparer.Ordinal).ToList();
        foreach (var file in moved)
        {
            File.Move(file, Path.Combine(taken, Path.GetFileName(file)));
        }

        var captured = new CapturedLog();
        JobOutcome outcome;
        await using (var cluster = await GrainflowTestCluster.StartAsync(log: captured))
        {
            await cluster.StartJobAsync(TestJobs.WordCountOverLog(log, dir.Sub("out"), location, options, new SavepointSource(location, "handover", AllowNonRestoredState: false)));
            await AppendAndWaitAsync(cluster, log, all[1_000..], expectedTotal: 2_000);
            await new JobControl(cluster.Grains, []).StopAsync(WordCountJob.JobId, savepointName: null);
            outcome = await cluster.WaitForOutcomeAsync(WordCountJob.JobId);
        }

        var consumedLines = captured.Entries.Where(e => e.EventId.Id == 3300).ToList();
        Assert.Equal(JobEndKind.Stopped, outcome.Kind);
        Assert.Equal(2, moved.Count);
        Assert.Equal(moved.Count, consumedLines.Count);
        Assert.All(consumedLines, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.All(moved, file => Assert.Single(consumedLines, e => e.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(dir.Sub("out"), "part-*-1.txt"));
        var output = (await WordCountJobTests.ReadOutputAsync(taken)).Concat(await WordCountJobTests.ReadOutputAsync(dir.Sub("out")));
        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(all), output));
    }

    private static Task<JobStartResult> StartAsync(GrainflowTestCluster cluster, InMemoryLog log, string output, CheckpointLocation checkpoints, SavepointSource? savepoint) =>
        cluster.StartJobAsync(TestJobs.WordCountOverLog(
            log, output, checkpoints, new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(30), SourcePollInterval = TimeSpan.FromMilliseconds(5) }, savepoint));

    private static async Task AppendAndWaitAsync(GrainflowTestCluster cluster, InMemoryLog log, IReadOnlyList<string> lines, long expectedTotal)
    {
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]);
            await writer.FlushAsync();
        }

        await cluster.WaitForStatusAsync(
            WordCountJob.JobId, status => status.Sources.Sum(t => t.Position) >= expectedTotal, $"the source read to offset {expectedTotal}", includeTasks: true);
    }
}
