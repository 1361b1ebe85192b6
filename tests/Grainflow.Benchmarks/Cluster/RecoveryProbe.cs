using System.Diagnostics;
using Grainflow.Benchmarks.Harness;
using Grainflow.Interfaces.Control;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// The recovery half of the cluster harness: the wordcount job on three serve processes holding
/// <see cref="ClusterOptions.Keys"/> keys of state, then a silo killed with SIGKILL while input arrives at a steady rate
/// (<see cref="RecoveryOutcome"/>): first the silo running the most tasks, then, once the first is back, the coordinator's;
/// then, with both back, a fourth silo joins and the job is rescaled onto it (<see cref="RescaleProbe"/>).
/// </summary>
internal static class RecoveryProbe
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_recoveryDeadline = TimeSpan.FromSeconds(120);

    // The job keeps up when it has read all but this many feeder ticks of what was appended (appends land every tick).
    private const int KeepingUpTicks = 2;

    public static async Task<RecoverySummary> RunAsync(string clusterStorage, ClusterOptions options, ScratchDirectory scratch)
    {
        await using var input = await ClusterInputLog.CreateAsync(scratch.Sub("recovery-log")).ConfigureAwait(false);
        Progress.Write($"Filling a log with {options.Keys:#,0} distinct words ({options.Keys / ClusterInputLog.WordsPerLine:#,0} lines)...");
        await input.AppendAsync(options.Keys / ClusterInputLog.WordsPerLine, ClusterInputLog.DistinctKeysLine).ConfigureAwait(false);

        // Members 0-2 run the job; member 3 joins at the end, for the rescale.
        const int joiner = 3;
        await using var cluster = new SiloCluster(clusterStorage, "recovery-" + Guid.NewGuid().ToString("N")[..12], size: 4);
        Progress.Write("Starting three serve processes (Azure Table membership in Azurite)...");
        for (var member = 0; member < joiner; member++)
        {
            await cluster.StartAsync(member).ConfigureAwait(false);
        }

        await ClusterJob.StartAsync(cluster, input, scratch.NewSub("recovery-job")).ConfigureAwait(false);
        var held = await cluster.WaitForStatusAsync(
            ClusterJob.Id, s => s.State == JobStates.Running && s.LinesCommitted() == input.Lines, "a completed checkpoint covering every line", options.FillDeadline)
            .ConfigureAwait(false);
        var keys = held.WordsCounted();
        if (keys != options.Keys)
        {
            throw new InvalidOperationException($"The counting tasks took in {keys:#,0} words, not the {options.Keys:#,0} distinct ones of the log.");
        }

        var checkpoint = (await cluster.TryCheckpointsAsync(ClusterJob.Id).ConfigureAwait(false))?.FirstOrDefault(c => c.CheckpointId == held.LastCompletedCheckpointId)
            ?? throw new InvalidOperationException($"Checkpoint {held.LastCompletedCheckpointId} is not among the job's completed checkpoints.");
        Progress.Write($"Checkpoint {checkpoint.CheckpointId} holds {keys:#,0} keys in {checkpoint.StateBytes:#,0} bytes; killing the silo with the most tasks...");

        var outcomes = new List<RecoveryOutcome>();
        var busiest = await KillAndTimeAsync(cluster, input, options, killCoordinators: false, seed: 1).ConfigureAwait(false);
        outcomes.Add(busiest.Outcome);
        Progress.Write(Describe(busiest.Outcome));
        if (!busiest.Outcome.VictimRanCoordinator && busiest.Outcome.CaughtUp is not null)
        {
            // Back to three silos (the one started again runs nothing until the job restarts), then the coordinator's silo.
            await cluster.StartAsync(busiest.Member).ConfigureAwait(false);
            var second = await KillAndTimeAsync(cluster, input, options, killCoordinators: true, seed: 2).ConfigureAwait(false);
            outcomes.Add(second.Outcome);
            Progress.Write(Describe(second.Outcome));
            if (second.Outcome.CaughtUp is not null)
            {
                await cluster.StartAsync(second.Member).ConfigureAwait(false);
                return new RecoverySummary(keys, checkpoint.StateBytes, outcomes, await RescaleProbe.RunAsync(cluster, joiner, input, options).ConfigureAwait(false));
            }
        }

        return new RecoverySummary(keys, checkpoint.StateBytes, outcomes, Rescale: null);
    }

    private static async Task<(RecoveryOutcome Outcome, int Member)> KillAndTimeAsync(
        SiloCluster cluster, ClusterInputLog input, ClusterOptions options, bool killCoordinators, int seed)
    {
        await using var feeder = new SteadyFeeder(input, options.FeedLinesPerSecond, seed);
        var keepingUp = KeepingUpTicks * feeder.LinesPerTick;
        var fedFrom = input.Lines;

        // Killed while the job keeps up with live input: it has read a second of it and is no more than two ticks behind.
        var before = await cluster.WaitForStatusAsync(
            ClusterJob.Id,
            s => s.State == JobStates.Running && s.LinesRead() >= fedFrom + feeder.LinesPerSecond && input.Lines - s.LinesRead() <= keepingUp && s.Tasks is { Count: > 0 },
            $"the job keeping up with {feeder.LinesPerSecond:#,0} lines/s",
            s_recoveryDeadline).ConfigureAwait(false);
        var coordinator = cluster.MemberOf(before.CoordinatorSilo ?? "");
        var tasks = before.TasksPerMember(cluster);
        var victim = killCoordinators ? coordinator : tasks.MaxBy(t => t.Value).Key;

        var killedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(victim).ConfigureAwait(false);

        TimeSpan? dead = null;
        TimeSpan? processing = null;
        TimeSpan? caughtUp = null;
        var checkpointSeen = before.LastCompletedCheckpointId;
        while (caughtUp is null && clock.Elapsed < s_recoveryDeadline)
        {
            var appended = input.Lines;
            var status = await cluster.TryStatusAsync(ClusterJob.Id).ConfigureAwait(false);
            var at = clock.Elapsed;
            if (status is not null)
            {
                var coordinatorNow = cluster.MemberOf(status.CoordinatorSilo ?? "");
                if (dead is null && (status.State == JobStates.Restarting || status.Restarts > before.Restarts || (coordinatorNow >= 0 && coordinatorNow != coordinator)))
                {
                    dead = at;
                }

                var lag = appended - status.LinesRead();
                if (processing is null && status.LastCompletedCheckpointId > checkpointSeen && status.Tasks is { Count: > 0 } running
                    && running.All(t => cluster.MemberOf(t.Silo) != victim))
                {
                    processing = await FirstCheckpointAfterAsync(cluster, killedAt).ConfigureAwait(false);
                    checkpointSeen = processing is null ? checkpointSeen : status.LastCompletedCheckpointId;
                }

                if (processing is not null && status.State == JobStates.Running && lag <= keepingUp)
                {
                    caughtUp = at;
                }
            }

            await Task.Delay(s_poll).ConfigureAwait(false);
        }

        var outcome = new RecoveryOutcome(
            $"silo {victim}", tasks.GetValueOrDefault(victim), before.Tasks!.Count, victim == coordinator, dead, processing, caughtUp, feeder.LinesPerSecond);
        return (outcome, victim);
    }

    /// <summary>
    /// From the kill to the completion of the first checkpoint triggered after it (trigger time plus duration, by the
    /// silos' clock, which is this machine's): every task acknowledged it, so the job ran on the survivors by then.
    /// </summary>
    private static async Task<TimeSpan?> FirstCheckpointAfterAsync(SiloCluster cluster, DateTimeOffset killedAt)
    {
        var checkpoints = await cluster.TryCheckpointsAsync(ClusterJob.Id).ConfigureAwait(false);
        return checkpoints?.Where(c => c.TriggeredAt > killedAt).MinBy(c => c.CheckpointId) is { } first
            ? first.TriggeredAt + TimeSpan.FromMilliseconds(first.DurationMs) - killedAt
            : null;
    }

    private static string Describe(RecoveryOutcome o) =>
        $"Killed {o.Victim} ({o.VictimTasks} of {o.Tasks} tasks{(o.VictimRanCoordinator ? ", the coordinator's" : "")}): declared dead {Seconds(o.DeclaredDead)}, " +
        $"processing again {Seconds(o.ProcessingAgain)}, caught up with {o.FeedLinesPerSecond:#,0} lines/s {Seconds(o.CaughtUp)}.";

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.00} s" : "never";
}
