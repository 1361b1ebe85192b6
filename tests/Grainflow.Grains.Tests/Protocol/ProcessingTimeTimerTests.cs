using System.Text;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Streaming;
using Grainflow.Grains.Tests.Cluster;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Grainflow.Grains.Tests.Protocol;

public sealed class ProcessingTimeTimerTests
{
    private const string JobId = "protocol-timers";
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(100);
    private static readonly JobOptions s_options = new() { CheckpointInterval = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task OnTimer_ClockAdvancedPastEachTimer_FiresOnlyDueTimersAndCommitsTheirOutput()
    {
        using var dir = new TempDirectory();
        var log = await WriteKeysAsync();
        var clock = new FakeTimeProvider(s_start);
        var probe = new TimerProbe();
        await using var cluster = await StartClusterAsync(clock);
        await StartJobAsync(cluster, log, dir, probe);
        await probe.WhenProcessed(3).WaitAsync(ProtocolJob.Deadline);

        clock.Advance(TimeSpan.FromSeconds(90));
        await AdvanceUntilAsync(clock, probe.WhenFired(1));
        Assert.Equal(["a"], probe.Fired);

        clock.Advance(TimeSpan.FromSeconds(95));
        await AdvanceUntilAsync(clock, probe.WhenFired(3));
        Assert.Equal(["a", "b", "c"], probe.Fired.Order(StringComparer.Ordinal));

        await cluster.CheckpointAsync(JobId);
        Assert.Equal(ExpectedLines(), (await ReadCommittedOutputAsync(dir.Sub("out"), ExpectedLines().Count)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnTimer_TimersCheckpointedThenSiloRestarted_FireAfterRestore()
    {
        using var dir = new TempDirectory();
        var log = await WriteKeysAsync();
        var firstProbe = new TimerProbe();
        await using (var cluster = await StartClusterAsync(new FakeTimeProvider(s_start)))
        {
            await StartJobAsync(cluster, log, dir, firstProbe);
            await firstProbe.WhenProcessed(3).WaitAsync(ProtocolJob.Deadline);
            Assert.Equal(1, await cluster.CheckpointAsync(JobId));
        }

        Assert.Empty(firstProbe.Fired);
        var clock = new FakeTimeProvider(s_start);
        var probe = new TimerProbe();
        await using (var cluster = await StartClusterAsync(clock))
        {
            var started = await StartJobAsync(cluster, log, dir, probe);
            Assert.StartsWith("checkpoint 1 ", started.ResumedFrom, StringComparison.Ordinal);
            await cluster.WaitForStatusAsync(JobId, s => s.Phase == JobPhase.Running, "the job runs");

            clock.Advance(TimeSpan.FromMinutes(3));
            await AdvanceUntilAsync(clock, probe.WhenFired(3));
            Assert.Equal(["a", "b", "c"], probe.Fired.Order(StringComparer.Ordinal));
            Assert.Equal(0, probe.Processed);

            Assert.Equal(2, await cluster.CheckpointAsync(JobId));
            Assert.Equal(ExpectedLines(), (await ReadCommittedOutputAsync(dir.Sub("out"), ExpectedLines().Count)).Order(StringComparer.Ordinal));
        }
    }

    private static List<string> ExpectedLines() =>
        [.. new[] { "a", "b", "c" }.Select(key => $"{key}@{s_start + DelayedEchoFunction.DelayOf(key):O}")];

    private static async Task<InMemoryLog> WriteKeysAsync()
    {
        var log = new InMemoryLog(1);
        await using var writer = await log.OpenWriterAsync(0);
        await writer.AppendAsync([.. new[] { "b", "a", "c" }.Select(key => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(key))]);
        await writer.FlushAsync();
        return log;
    }

    private static Task<GrainflowTestCluster> StartClusterAsync(FakeTimeProvider clock) =>
        GrainflowTestCluster.StartAsync(configure: options => options.TimeProvider = clock);

    private static async Task<JobStartResult> StartJobAsync(GrainflowTestCluster cluster, InMemoryLog log, TempDirectory dir, TimerProbe probe)
    {
        var started = await cluster.StartJobAsync(TestJobs.Timers(JobId, log, probe, dir.Sub("out"), CheckpointLocation.Directory(dir.Sub("chk")), s_options));
        await cluster.WaitForStatusAsync(JobId, s => s.Phase == JobPhase.Running, "the job runs");
        return started;
    }

    // Timer ticks run on the task grains after the clock moved; keep moving it in small steps until the signal.
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task signal)
    {
        var deadline = DateTime.UtcNow + ProtocolJob.Deadline;
        while (!signal.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the signal did not come before the deadline");
            clock.Advance(s_step);
            await Task.WhenAny(signal, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }
    }

    // Files are read subtask by subtask, so lines of different keys come in no particular order. The sinks commit after the checkpoint completed (and its event fired): poll until they did, then compare exactly.
    private static async Task<List<string>> ReadCommittedOutputAsync(string directory, int expectedCount)
    {
        var deadline = DateTime.UtcNow + ProtocolJob.Deadline;
        while (true)
        {
            var lines = new List<string>();
            await foreach (var line in Grainflow.Streaming.Sinks.CommittedOutputReader.ReadLinesAsync(directory))
            {
                lines.Add(line);
            }

            if (lines.Count >= expectedCount || DateTime.UtcNow >= deadline)
            {
                return lines;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
