using System.Diagnostics;
using Grainflow.Benchmarks.Harness;
using Grainflow.Interfaces.Control;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// The throughput half of the cluster harness: the wordcount job over one pre-filled log on a fresh cluster of one or
/// three serve processes. The window runs from the first status in which the counting tasks took in a word to the
/// first in which they took in every word, so start-up is outside it; the silos' processor time is read at both ends.
/// </summary>
internal static class ThroughputProbe
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(10);

    public static async Task<ThroughputOutcome> RunAsync(string clusterStorage, int silos, ClusterInputLog input, ScratchDirectory scratch)
    {
        await using var cluster = new SiloCluster(clusterStorage, $"throughput{silos}-" + Guid.NewGuid().ToString("N")[..12], silos);
        Progress.Write($"Starting {silos} serve process{(silos == 1 ? "" : "es")} and the job over {input.Lines:#,0} lines...");
        await cluster.StartAsync().ConfigureAwait(false);
        await ClusterJob.StartAsync(cluster, input, scratch.NewSub($"throughput{silos}-job")).ConfigureAwait(false);
        var words = input.Lines * ClusterInputLog.WordsPerLine;

        var first = await cluster.WaitForStatusAsync(ClusterJob.Id, s => s.WordsCounted() > 0, "the first words counted", s_deadline).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var processorAtFirst = ProcessorTime(cluster);
        var last = await cluster.WaitForStatusAsync(ClusterJob.Id, s => s.WordsCounted() >= words, "every word counted", s_deadline).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var processor = ProcessorTime(cluster) - processorAtFirst;
        if (last.WordsCounted() != words || last.Restarts != 0 || last.State != JobStates.Running)
        {
            throw new InvalidOperationException(
                $"The {silos}-silo run counted {last.WordsCounted():#,0} words of {words:#,0} ({last.State}, {last.Restarts} restarts): a restart replayed input, so its rate means nothing.");
        }

        // A status waits for busy tasks, so on a small input the first one can come late: less than half the words in
        // the window makes too short a window to mean anything.
        var counted = words - first.WordsCounted();
        var refusal = counted < words / 2
            ? $"the {silos}-silo run counted {first.WordsCounted():#,0} of {words:#,0} words before its first status; too few left to time"
            : null;
        var outcome = new ThroughputOutcome(silos, counted, elapsed, processor, CrossingShare(last, cluster), refusal);
        Progress.Write($"{silos} silo{(silos == 1 ? "" : "s")}: {outcome.WordsPerSecond:#,0} words/s, {outcome.ProcessorMicrosecondsPerWord:0.00} µs of processor per word, {outcome.CrossingShare:P0} of words crossing silos.");
        return outcome;
    }

    private static TimeSpan ProcessorTime(SiloCluster cluster) =>
        Enumerable.Range(0, cluster.Size).Select(cluster.ProcessorTime).Aggregate(TimeSpan.Zero, (sum, t) => sum + t);

    /// <summary>
    /// The share of words sent from a source task to a counting task on another silo: each source task's words are
    /// spread over the counting tasks in proportion to what each took in (the key hash does not depend on the partition).
    /// </summary>
    private static double CrossingShare(JobStatusView status, SiloCluster cluster)
    {
        var kinds = status.Operators.ToDictionary(o => o.OperatorId, o => o.Kind);
        var tasks = status.Tasks ?? [];
        var sources = tasks.Where(t => kinds.GetValueOrDefault(t.OperatorId) == "source").ToList();
        var counting = tasks.Where(t => kinds.GetValueOrDefault(t.OperatorId) == "keyed").ToList();
        double countedIn = counting.Sum(t => t.RecordsIn);
        double sent = sources.Sum(t => t.RecordsOut);
        if (countedIn == 0 || sent == 0)
        {
            throw new InvalidOperationException("The job's status lists no source or counting tasks with records.");
        }

        var crossing = sources.Sum(s => counting.Where(k => cluster.MemberOf(k.Silo) != cluster.MemberOf(s.Silo)).Sum(k => s.RecordsOut * (k.RecordsIn / countedIn)));
        return crossing / sent;
    }
}
