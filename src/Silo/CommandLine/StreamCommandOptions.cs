using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Grainflow.Silo.Streams;
using Grainflow.Streams.Log;

namespace Grainflow.Silo.CommandLine;

/// <summary>The options of the log stream provider the silo hosts (<c>serve</c> and <c>wordcount</c>).</summary>
internal sealed class StreamCommandOptions
{
    // The provider's own bound (GrainflowLogStreamOptionsValidator).
    private const int MaxPartitions = 1024;

    public Option<string> Directory { get; } = new("--stream-log")
    {
        Description = $"The directory of the '{SiloStreamSettings.ProviderName}' stream provider's partitions, created if missing; every silo of a " +
                      $"cluster must see the same one [default: ./{SiloStreamSettings.DefaultDirectory}]",
        HelpName = "dir",
    };

    public Option<int?> Partitions { get; } = new("--stream-partitions")
    {
        Description = "The stream provider's partition count: the same on every silo and producing client, fixed for the life of --stream-log " +
                      $"[default: {GrainflowLogStreamOptions.DefaultPartitions}]",
        HelpName = "n",
        CustomParser = ParsePartitions,
    };

    public IEnumerable<Option> All => [Directory, Partitions];

    public SiloStreamSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new SiloStreamSettings
        {
            Directory = parseResult.GetValue(Directory) ?? SiloStreamSettings.DefaultDirectory,
            Partitions = parseResult.GetValue(Partitions) ?? GrainflowLogStreamOptions.DefaultPartitions,
        };
    }

    private static int? ParsePartitions(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) && partitions is >= 1 and <= MaxPartitions)
        {
            return partitions;
        }

        result.AddError($"Option '--stream-partitions' expects a whole number from 1 to {MaxPartitions}, not '{text}'.");
        return null;
    }
}
