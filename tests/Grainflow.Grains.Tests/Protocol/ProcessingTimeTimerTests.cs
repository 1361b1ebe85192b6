using System.Text;
using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Coordination;
using Grainflow.Streaming.Execution;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.Sources;
using Grainflow.TestingHost;
using Microsoft.Extensions.DependencyInjection;

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
        var clock = new ManualTimeProvider(s_start);
        var probe = new TimerProbe();
        await using var silo = await StartSiloAsync(clock);
        var job = await StartJobAsync(silo, log, dir, probe);
        await probe.WhenProcessed(3).WaitAsync(ProtocolJob.Deadline);

        clock.Advance(TimeSpan.FromSeconds(90));
        await AdvanceUntilAsync(clock, probe.WhenFired(1));
        Assert.Equal(["a"], probe.Fired);

        clock.Advance(TimeSpan.FromSeconds(95));
        await AdvanceUntilAsync(clock, probe.WhenFired(3));
        Assert.Equal(["a", "b", "c"], probe.Fired.Order(StringComparer.Ordinal));

        await ProtocolJob.CheckpointAsync(job, silo.GrainFactory.GetGrain<ICheckpointCoordinatorGrain>(JobId));
        Assert.Equal(ExpectedLines(), (await ReadCommittedOutputAsync(dir.Sub("out"), ExpectedLines().Count)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnTimer_TimersCheckpointedThenSiloRestarted_FireAfterRestore()
    {
        using var dir = new TempDirectory();
        var log = await WriteKeysAsync();
        var firstProbe = new TimerProbe();
        await using (var silo = await StartSiloAsync(new ManualTimeProvider(s_start)))
        {
            var job = await StartJobAsync(silo, log, dir, firstProbe);
            await firstProbe.WhenProcessed(3).WaitAsync(ProtocolJob.Deadline);
            Assert.Equal(1, await ProtocolJob.CheckpointAsync(job, silo.GrainFactory.GetGrain<ICheckpointCoordinatorGrain>(JobId)));
        }

        Assert.Empty(firstProbe.Fired);
        var clock = new ManualTimeProvider(s_start);
        var probe = new TimerProbe();
        await using (var silo = await StartSiloAsync(clock))
        {
            var job = await StartJobAsync(silo, log, dir, probe);
            Assert.Equal(1, job.RestoredFrom?.CheckpointId);

            clock.Advance(TimeSpan.FromMinutes(3));
            await AdvanceUntilAsync(clock, probe.WhenFired(3));
            Assert.Equal(["a", "b", "c"], probe.Fired.Order(StringComparer.Ordinal));
            Assert.Equal(0, probe.Processed);

            Assert.Equal(2, await ProtocolJob.CheckpointAsync(job, silo.GrainFactory.GetGrain<ICheckpointCoordinatorGrain>(JobId)));
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

    private static Task<TestSilo> StartSiloAsync(ManualTimeProvider clock) =>
        TestSilo.StartAsync(
            silo => silo.AddGrainsFrom(typeof(SourceTaskGrain).Assembly),
            clock,
            services => services.AddGrainflowStreaming());

    private static Task<RunningJob> StartJobAsync(TestSilo silo, InMemoryLog log, TempDirectory dir, TimerProbe probe)
    {
        var builder = new StreamJobBuilder(JobId) { Parallelism = 2 };
        builder.ReadLog("keys", log, static bytes => Encoding.UTF8.GetString(bytes.Span), bounded: false)
            .KeyBy(static key => key)
            .Process("echo", () => new DelayedEchoFunction(probe))
            .SinkToTextFiles("timers", dir.Sub("out"), static (line, destination) => line.TryCopyTo(destination) ? line.Length : -1);
        JobGraph graph = builder.Build();
        return silo.Services.GetRequiredService<StreamJobLauncher>().StartAsync(graph, s_options, new LocalCheckpointStorage(dir.Sub("chk")));
    }

    // Timer ticks run on the task grains after the clock moved; keep moving it in small steps until the signal.
    private static async Task AdvanceUntilAsync(ManualTimeProvider clock, Task signal)
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
