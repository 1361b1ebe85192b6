using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>The streams harness's measurements as figures: medians of rounds, ratios taken per round before the median.</summary>
internal static class StreamsFigures
{
    public static IEnumerable<Figure> Appends(IReadOnlyList<AppendSample> samples, int rounds)
    {
        var which = rounds == 1 ? "1 round" : $"median of {rounds} rounds";
        foreach (var configuration in AppendConfiguration.All)
        {
            var rates = samples.Where(s => s.Configuration == configuration).Select(s => s.EventsPerSecond);
            yield return Figure.Info($"Streams: append, {configuration} ({which})", Statistics.Median(rates), "events/s");
        }

        foreach (var grainflow in AppendConfiguration.All.Where(c => c.Provider == BenchProviders.GroupCommit))
        {
            var memory = grainflow with { Provider = BenchProviders.Memory };
            yield return Figure.Info($"Streams: Grainflow group commit / memory streams, {grainflow.Shape}", MedianRatio(samples, grainflow, memory), "x");
        }

        foreach (var perAppend in AppendConfiguration.All.Where(c => c.Provider == BenchProviders.PerAppend))
        {
            var groupCommit = perAppend with { Provider = BenchProviders.GroupCommit };
            yield return Figure.Info($"Streams: per-append sync / group commit, {perAppend.Shape}", MedianRatio(samples, perAppend, groupCommit), "x");
        }
    }

    public static IEnumerable<Figure> Delivery(DeliverySample grainflow, DeliverySample memory)
    {
        yield return Figure.Info($"Streams: delivered to subscribed grains, Grainflow log, {grainflow.Events:#,0} events pre-filled", grainflow.EventsPerSecond, "events/s");
        yield return Figure.Info($"Streams: delivered to subscribed grains, memory streams, {memory.Events:#,0} events pre-filled", memory.EventsPerSecond, "events/s");
        yield return Figure.Info("Streams: delivery to grains, Grainflow / memory streams", grainflow.EventsPerSecond / memory.EventsPerSecond, "x");
        yield return Figure.Info("  events per delivery call, Grainflow log", grainflow.EventsPerDelivery, "events");
        yield return Figure.Info("  events per delivery call, memory streams", memory.EventsPerDelivery, "events");
    }

    public static IEnumerable<Figure> Drain(IReadOnlyList<DrainSample> samples)
    {
        var which = samples.Count == 1 ? "1 run" : $"median of {samples.Count} runs";
        yield return Figure.Info($"Streams: drained by the wordcount job (ReadOrleansStream, checkpoints 1 s), {samples[0].Lines:#,0} lines ({which})", Statistics.Median(samples.Select(s => s.LinesPerSecond)), "events/s");
        yield return Figure.Info($"  the same in words ({AppendLines.WordsPerLine} per line)", Statistics.Median(samples.Select(s => s.WordsPerSecond)), "words/s");
    }

    // The configurations ran in the same rounds, interleaved: pair them round by round.
    private static double MedianRatio(IReadOnlyList<AppendSample> samples, AppendConfiguration numerator, AppendConfiguration denominator)
    {
        var top = samples.Where(s => s.Configuration == numerator).ToList();
        var bottom = samples.Where(s => s.Configuration == denominator).ToList();
        return Statistics.Median(top.Zip(bottom, (t, b) => t.EventsPerSecond / b.EventsPerSecond));
    }
}
