using System.Text;
using Grainflow.Grains.Control;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.WordCount;
using Grainflow.Grains.WordCount;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grainflow.Grains.Tests.Savepoints;

public sealed class SavepointTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StopWithSavepoint_ThenRestore_ContinuedOutputEqualsAnUninterruptedRun()
    {
        using var dir = new TempDirectory();
        var log = new InMemoryLog();
        var all = WordCountJobTests.GenerateLines(seed: 21, lineCount: 6_000);
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));

        SavepointView first;
        await using (var silo = await StreamingSilo.StartAsync())
        {
            var job = await StartAsync(silo, log, dir.Sub("out"), storage, savepoint: null);
            await AppendAndWaitAsync(log, job, all[..3_000], expectedTotal: 3_000);
            first = (await silo.Services.GetRequiredService<IJobControl>().StopAsync(WordCountJob.JobId, "sp-1"))!;
            Assert.Equal(JobEndKind.Stopped, (await job.Outcome.WaitAsync(s_deadline)).Kind);
        }

        await using (var silo = await StreamingSilo.StartAsync())
        {
            var job = await StartAsync(silo, log, dir.Sub("out"), storage, new SavepointRestore(storage, "sp-1", AllowNonRestoredState: false));
            Assert.Equal($"savepoint sp-1", job.Restore!.Description);
            await AppendAndWaitAsync(log, job, all[3_000..], expectedTotal: 6_000);
            await silo.Services.GetRequiredService<IJobControl>().StopAsync(WordCountJob.JobId, "sp-2");
            await job.Outcome.WaitAsync(s_deadline);
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
        await using var silo = await StreamingSilo.StartAsync();
        var control = silo.Services.GetRequiredService<IJobControl>();
        var job = await StartAsync(silo, log, dir.Sub("out"), new LocalCheckpointStorage(dir.Sub("chk")), savepoint: null);
        await AppendAndWaitAsync(log, job, ["a b", "b c"], expectedTotal: 2);

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
    public async Task Restore_SavepointWithStateOfARemovedOperator_RefusedListingIt()
    {
        using var dir = new TempDirectory();
        var storage = new LocalCheckpointStorage(dir.Sub("chk"));
        var log = new InMemoryLog();
        await using (var silo = await StreamingSilo.StartAsync())
        {
            var job = await StartAsync(silo, log, dir.Sub("out"), storage, savepoint: null);
            await AppendAndWaitAsync(log, job, ["x y"], expectedTotal: 1);
            await silo.Services.GetRequiredService<IJobControl>().StopAsync(WordCountJob.JobId, "before");
        }

        await using var next = await StreamingSilo.StartAsync();
        var text = dir.Sub("input.txt");
        await File.WriteAllTextAsync(text, "x\n");
        var error = await Assert.ThrowsAsync<SavepointMismatchException>(() => next.Services.GetRequiredService<StreamJobLauncher>().StartAsync(
            WordCountJob.Build(text, dir.Sub("out2"), parallelism: 2),
            new JobOptions(),
            new LocalCheckpointStorage(dir.Sub("chk2")),
            new SavepointRestore(storage, "before", AllowNonRestoredState: false)));

        Assert.Contains("offset of source 'log-lines' partition 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-non-restored-state", error.Message, StringComparison.Ordinal);
    }

    private static async Task<RunningJob> StartAsync(TestSilo silo, InMemoryLog log, string output, ICheckpointStorage storage, SavepointRestore? savepoint) =>
        await silo.Services.GetRequiredService<StreamJobLauncher>().StartAsync(
            WordCountJob.BuildFromLog(log, output, parallelism: 2),
            new JobOptions { CheckpointInterval = TimeSpan.FromMilliseconds(30), SourcePollInterval = TimeSpan.FromMilliseconds(5) },
            storage,
            savepoint);

    private static async Task AppendAndWaitAsync(InMemoryLog log, RunningJob job, IReadOnlyList<string> lines, long expectedTotal)
    {
        await using (var writer = await log.OpenWriterAsync(0))
        {
            await writer.AppendAsync([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]);
            await writer.FlushAsync();
        }

        var deadline = DateTime.UtcNow + s_deadline;
        while (job.Counters.For("log-lines").RecordsIn < expectedTotal - ResumedOffset(job))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The job read {job.Counters.SourceRecords} records; expected {expectedTotal}.");

            // Polling under a deadline, with a pause so the wait does not take a core from the job it waits for.
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    private static long ResumedOffset(RunningJob job) => job.RestoredFrom?.SourceOffsets.Sum(o => o.Offset) ?? 0;
}
