namespace Grainflow.Silo.Samples;

/// <summary>The size of a counter sample run: <see cref="Calls"/> increments spread evenly over <see cref="Grains"/> counters.</summary>
internal sealed record CounterSampleSettings(int Grains, int Calls)
{
    public const int DefaultGrains = 1000;

    public const int DefaultCalls = 100_000;

    public static CounterSampleSettings Default { get; } = new(DefaultGrains, DefaultCalls);
}
