using System.Text;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Sources;
using Grainflow.Tests.Shared.Azurite;
using Xunit.Abstractions;

namespace Grainflow.Silo.Tests.Cluster;

/// <summary>
/// The claim of a cluster: a wordcount job spread over three silo processes (Azure Table membership in Azurite) keeps
/// its output exactly once while silos are killed hard, one at a time, the coordinator's among them, and each is
/// started again; then a fourth silo joins and the job is rescaled onto it. The job is started, rescaled and stopped
/// with the client, as a user would.
/// </summary>
public sealed class ClusterKillTests(AzuriteTableFixture azurite, ITestOutputHelper log) : IClassFixture<AzuriteTableFixture>
{
    private const string JobId = "wordcount";
    private const int Partitions = 3;
    private const int Kills = 6;
    private static readonly TimeSpan s_recoveryDeadline = TimeSpan.FromSeconds(90);
    private static readonly string[] s_vocabulary = [.. Enumerable.Range(0, 400).Select(i => $"w{i}")];

    [UnixFact]
    public async Task WordCountOnThreeSilos_SixHardKillsIncludingTheCoordinatorsSilo_ThenASiloJoinsAndTheJobIsRescaled_CommittedOutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var seed = Environment.TickCount;
        log.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var input = await InputLog.CreateAsync(dir.Sub("log"));
        // Members 0-2 from the start; member 3 joins after the kills.
        await using var cluster = new SiloCluster(azurite.ConnectionString, "kill-" + Guid.NewGuid().ToString("N")[..12], size: 4);
        for (var member = 0; member < 3; member++)
        {
            await cluster.StartAsync(member);
        }

        var started = await ChildProcess.RunClientAsync(
            "job", "start", "wordcount", "--silo", cluster.ControlUrl(0), "--input-log", dir.Sub("log"), "--output", dir.Sub("out"),
            "--checkpoint-dir", dir.Sub("chk"), "--parallelism", "4", "--checkpoint-interval", "200ms");
        Assert.True(started.ExitCode == 0, started.ToString());

        for (var kill = 1; kill <= Kills; kill++)
        {
            await input.AppendAsync(random, linesPerPartition: 400);
            var before = await cluster.WaitForStatusAsync(
                JobId, s => s.State == JobStates.Running && s.LastCompletedCheckpointId > 0 && s.Tasks is { Count: > 0 }, "the job runs with a checkpoint", s_recoveryDeadline);

            // The coordinator's silo on the first and fourth kill, otherwise any silo that runs tasks of the job (a silo
            // started again after a kill runs none until the job restarts).
            var coordinator = cluster.MemberOf(before.CoordinatorSilo!);
            var withTasks = before.Tasks!.Select(t => cluster.MemberOf(t.Silo)).Distinct().Order().ToList();
            var victim = kill is 1 or 4 ? coordinator : withTasks[random.Next(withTasks.Count)];
            Assert.True(victim >= 0, $"no member runs {before.CoordinatorSilo}");
            cluster.TakeNewOutput();
            await cluster.KillAsync(victim);
            var killedAt = System.Diagnostics.Stopwatch.StartNew();

            // Processing again: a checkpoint newer than the one before the kill completed, and nothing runs on the dead silo.
            var after = await cluster.WaitForStatusAsync(
                JobId,
                s => s.State == JobStates.Running && s.LastCompletedCheckpointId > before.LastCompletedCheckpointId
                    && cluster.MemberOf(s.CoordinatorSilo!) != victim && s.Tasks is { Count: > 0 } tasks && tasks.All(t => cluster.MemberOf(t.Silo) != victim),
                $"the job runs again without silo {victim}",
                s_recoveryDeadline);
            log.WriteLine($"kill {kill}: silo {victim} (coordinator's: {coordinator == victim}, {before.Tasks!.Count(t => cluster.MemberOf(t.Silo) == victim)} tasks); " +
                $"checkpoint {before.LastCompletedCheckpointId} -> {after.LastCompletedCheckpointId} {killedAt.ElapsedMilliseconds} ms after the kill, " +
                $"coordinator now on silo {cluster.MemberOf(after.CoordinatorSilo!)}, restarts {after.Restarts}");
            foreach (var line in cluster.TakeNewOutput().Where(l => l.Contains("JobCoordinatorGrain", StringComparison.Ordinal) || l.Contains("JobSupervisor", StringComparison.Ordinal)))
            {
                log.WriteLine("  " + (line.Length > 300 ? line[..300] : line));
            }
            await cluster.StartAsync(victim);
        }

        // A silo joins; the rescale (through a savepoint, while input keeps coming) spreads 3 sources + 6 counting tasks over 4 silos.
        const int joiner = 3;
        await cluster.StartAsync(joiner);
        await input.AppendAsync(random, linesPerPartition: 400);
        var rescaled = await ChildProcess.RunClientAsync("job", "rescale", "--parallelism", "6", "--silo", cluster.ControlUrl(0));
        Assert.True(rescaled.ExitCode == 0, rescaled.ToString());
        log.WriteLine(rescaled.Output.Single());
        var spread = await cluster.WaitForStatusAsync(
            JobId, s => s.State == JobStates.Running && s.Tasks is { Count: 9 }, "the job runs with 6 counting tasks", s_recoveryDeadline);
        var perMember = spread.Tasks!.GroupBy(t => cluster.MemberOf(t.Silo)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perMember.Count == 4 && perMember.Values.All(n => n is 2 or 3), string.Join(", ", perMember.Select(p => $"silo {p.Key}: {p.Value}")));

        await input.AppendAsync(random, linesPerPartition: 400);
        await cluster.WaitForStatusAsync(
            JobId, s => s.State == JobStates.Running && s.SourceOffsets.Sum(o => o.Offset) == input.Count, "the job read every line", s_recoveryDeadline);
        var stopped = await ChildProcess.RunClientAsync("stop", "--silo", cluster.ControlUrl(0));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());

        Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(input.Lines), ReadCommitted(dir.Sub("out"))));
    }

    private static List<string> ReadCommitted(string directory) =>
        [.. Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('_') && !Path.GetFileName(f).StartsWith('.')).SelectMany(File.ReadLines)];

    /// <summary>The job's input: a segment log of <see cref="Partitions"/> partitions the test appends lines to while the job runs.</summary>
    private sealed class InputLog : IAsyncDisposable
    {
        private readonly ILogWriter[] _writers;

        private InputLog(ILogWriter[] writers) => _writers = writers;

        public List<string> Lines { get; } = [];

        public long Count => Lines.Count;

        public static async Task<InputLog> CreateAsync(string directory)
        {
            var log = SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = Partitions, CreateIfMissing = true });
            var writers = new ILogWriter[Partitions];
            for (var p = 0; p < Partitions; p++)
            {
                writers[p] = await log.OpenWriterAsync(p);
            }

            return new InputLog(writers);
        }

        public async Task AppendAsync(Random random, int linesPerPartition)
        {
            foreach (var writer in _writers)
            {
                var lines = Enumerable.Range(0, linesPerPartition)
                    .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => s_vocabulary[random.Next(s_vocabulary.Length)])))
                    .ToList();
                await writer.AppendAsync([.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))]);
                await writer.FlushAsync();
                Lines.AddRange(lines);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var writer in _writers)
            {
                await writer.DisposeAsync();
            }
        }
    }
}
