using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>The cluster harness's measurements as figures, and the arithmetic that carries the throughput to three machines.</summary>
internal static class ClusterFigures
{
    // The issue's aim: from the kill to the job processing again, detection, rollback and restore together.
    private const double ProcessingAgainAimSeconds = 3;

    public static IEnumerable<Figure> Recovery(RecoverySummary summary)
    {
        yield return Figure.Info("Cluster: keys of state at the kill", summary.Keys, "keys");
        yield return Figure.Info("Cluster: checkpoint state size", summary.StateBytes / 1_048_576.0, "MiB");
        foreach (var kill in summary.Kills)
        {
            var what = $"kill -9 of {(kill.VictimRanCoordinator ? "the coordinator's silo" : "a silo")} ({kill.VictimTasks}/{kill.Tasks} tasks)";
            yield return Seconds($"Cluster: {what} -> declared dead", kill.DeclaredDead, null);
            yield return Seconds($"Cluster: {what} -> processing again", kill.ProcessingAgain, Target.Below(ProcessingAgainAimSeconds));
            yield return Seconds($"Cluster: {what} -> caught up with {kill.FeedLinesPerSecond:#,0} lines/s", kill.CaughtUp, null);
        }

        if (summary.Rescale is { } rescale)
        {
            var what = $"rescale {ClusterJob.Parallelism} -> {RescaleProbe.Parallelism} counting tasks onto a joined 4th silo";
            yield return Seconds($"Cluster: {what} -> processing paused", rescale.Paused, null);
            yield return Seconds($"Cluster: {what} -> caught up with {rescale.FeedLinesPerSecond:#,0} lines/s", rescale.CaughtUp, null);
            yield return Figure.Info($"Cluster: {what} -> tasks on the joined silo (of {rescale.Tasks})", rescale.JoinerTasks, "tasks");
        }
    }

    public static IEnumerable<Figure> Throughput(ThroughputOutcome one, ThroughputOutcome three)
    {
        if ((one.Refusal ?? three.Refusal) is { } refusal)
        {
            yield return Figure.Refused("Cluster: wordcount on 3 silos / 1 silo", "x", null, refusal);
            yield break;
        }

        yield return Figure.Info("Cluster: wordcount on 1 silo", one.WordsPerSecond, "words/s");
        yield return Figure.Info("Cluster: wordcount on 3 silos (same machine)", three.WordsPerSecond, "words/s");
        yield return Figure.Info("Cluster: 3 silos / 1 silo", three.WordsPerSecond / one.WordsPerSecond, "x");
        yield return Figure.Info("Cluster: processor per word, 1 silo", one.ProcessorMicrosecondsPerWord, "µs");
        yield return Figure.Info("Cluster: processor per word, 3 silos", three.ProcessorMicrosecondsPerWord, "µs");
        yield return Figure.Info("Cluster: words crossing silos, 3 silos", three.CrossingShare * 100, "%");
        yield return Figure.Info("Cluster: processor per word crossing silos (extra)", CrossingCostMicroseconds(one, three), "µs");
        yield return Figure.Info("Cluster: projected on 3 machines like this one", ProjectedOnThreeMachines(three), "words/s");
    }

    /// <summary>The arithmetic behind the last two throughput figures, with what it assumes.</summary>
    public static string Arithmetic(ThroughputOutcome one, ThroughputOutcome three)
    {
        var cores = Environment.ProcessorCount;
        return $"Crossing silos costs ({three.ProcessorMicrosecondsPerWord:0.00} - {one.ProcessorMicrosecondsPerWord:0.00}) µs / {three.CrossingShare:P0} crossing = " +
            $"{CrossingCostMicroseconds(one, three):0.00} µs of processor per crossing word (serialization, the socket, the other silo's deserialization). " +
            $"On 3 machines of {cores} cores each, assuming the job stays processor-bound, the work spreads evenly and the network is not the limit " +
            $"(it would carry {ProjectedOnThreeMachines(three) * three.CrossingShare:#,0} crossing words/s): " +
            $"3 x {cores} cores / {three.ProcessorMicrosecondsPerWord:0.00} µs per word = {ProjectedOnThreeMachines(three):#,0} words/s, " +
            $"{ProjectedOnThreeMachines(three) / one.WordsPerSecond:0.0} x the 1-silo rate measured here.";
    }

    private static double CrossingCostMicroseconds(ThroughputOutcome one, ThroughputOutcome three) =>
        (three.ProcessorMicrosecondsPerWord - one.ProcessorMicrosecondsPerWord) / three.CrossingShare;

    private static double ProjectedOnThreeMachines(ThroughputOutcome three) =>
        3 * Environment.ProcessorCount * 1e6 / three.ProcessorMicrosecondsPerWord;

    private static Figure Seconds(string name, TimeSpan? value, Target? target) =>
        value is { } span
            ? new Figure(name, span.TotalSeconds, "s", target)
            : Figure.Refused(name, "s", target, "did not happen within the harness's deadline");
}
