using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grainflow.Benchmarks.Harness;
using Grainflow.Interfaces.Control;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// The rescale half of the recovery run: a fourth silo joins the cluster that holds the job's state, and the job is
/// rescaled onto it with the client (<c>grainflow job rescale</c>) while input keeps arriving: the pause the silo
/// reports (savepoint, restart from it, every task running again), the time until the job caught up, and where its
/// tasks run afterwards.
/// </summary>
internal static class RescaleProbe
{
    public const int Parallelism = 6;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(120);

    public static async Task<RescaleOutcome> RunAsync(SiloCluster cluster, int joiner, ClusterInputLog input, ClusterOptions options)
    {
        Progress.Write($"Starting a fourth serve process, then rescaling the job from {ClusterJob.Parallelism} to {Parallelism} counting tasks...");
        await cluster.StartAsync(joiner).ConfigureAwait(false);
        await using var feeder = new SteadyFeeder(input, options.FeedLinesPerSecond, seed: 3);
        var keepingUp = 2 * feeder.LinesPerTick;
        var clock = Stopwatch.StartNew();
        var answer = await Grainflow.Tests.Shared.ChildProcess.RunClientAsync(
            "job", "rescale", "--parallelism", Parallelism.ToString(CultureInfo.InvariantCulture), "--silo", cluster.ControlUrl(0), "--json").ConfigureAwait(false);
        if (answer.ExitCode != 0)
        {
            throw new InvalidOperationException($"grainflow job rescale failed.{Environment.NewLine}{answer}");
        }

        var rescaled = JsonSerializer.Deserialize(string.Join('\n', answer.Output), ControlJsonContext.Default.RescaledJobView)
            ?? throw new InvalidOperationException("grainflow job rescale answered nothing.");
        var caughtUp = await cluster.WaitForStatusAsync(
            ClusterJob.Id,
            s => s.State == JobStates.Running && s.Tasks is { Count: > 0 } && input.Lines - s.LinesRead() <= keepingUp,
            $"the rescaled job keeping up with {feeder.LinesPerSecond:#,0} lines/s",
            s_deadline).ConfigureAwait(false);
        var tasks = caughtUp.TasksPerMember(cluster);
        var expectedTasks = caughtUp.SourceOffsets.Count + Parallelism;
        if (caughtUp.Tasks!.Count != expectedTasks || tasks.Count != cluster.Size)
        {
            throw new InvalidOperationException(
                $"After the rescale the job runs {caughtUp.Tasks.Count} tasks on {tasks.Count} silos, not {expectedTasks} on {cluster.Size}.");
        }

        var outcome = new RescaleOutcome(TimeSpan.FromMilliseconds(rescaled.PauseMs), clock.Elapsed, tasks.GetValueOrDefault(joiner), expectedTasks, feeder.LinesPerSecond);
        Progress.Write($"Rescaled through savepoint {rescaled.Savepoint}: processing paused {outcome.Paused.TotalSeconds:0.00} s, caught up {outcome.CaughtUp.TotalSeconds:0.00} s " +
            $"after the request; the joined silo runs {outcome.JoinerTasks} of {outcome.Tasks} tasks.");
        return outcome;
    }
}

/// <summary>A rescale onto a joined silo: the pause the silo reported, from the request until caught up, and the joined silo's share of the tasks.</summary>
internal sealed record RescaleOutcome(TimeSpan Paused, TimeSpan CaughtUp, int JoinerTasks, int Tasks, int FeedLinesPerSecond);
