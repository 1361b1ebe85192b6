namespace Grainflow.Client.Produce;

/// <summary>What <c>grainflow produce</c> appends, where, and how fast.</summary>
/// <param name="LogDirectory">The segment log.</param>
/// <param name="Rate">Records per second.</param>
/// <param name="Count">How many records; null for the text file once, or without a file until cancelled.</param>
/// <param name="Partition">The partition appended to.</param>
/// <param name="TextFile">The file whose lines are the records; null for generated words.</param>
/// <param name="Seed">The seed of the generated words.</param>
internal sealed record ProduceSettings(string LogDirectory, double Rate, long? Count, int Partition, string? TextFile, int Seed)
{
    public const double DefaultRate = 1000;

    public const int DefaultSeed = 1;
}
