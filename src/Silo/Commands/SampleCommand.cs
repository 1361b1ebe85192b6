using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Samples;

namespace Grainflow.Silo.Commands;

/// <summary><c>grainflow-silo sample</c>: runs the counter sample on a silo, then stops it gracefully.</summary>
internal sealed class SampleCommand : Command
{
    private readonly Option<int> _grains = Count(
        "--grains", "The number of counter grains to call", CounterSampleSettings.DefaultGrains);

    private readonly Option<int> _calls = Count(
        "--calls", "The number of increments, spread evenly over the grains", CounterSampleSettings.DefaultCalls);

    public SampleCommand(SiloCommandOptions siloOptions)
        : base("sample", "Start a silo, increment counter grains from many concurrent callers, report, then stop gracefully.")
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        Options.Add(_grains);
        Options.Add(_calls);
        SetAction((parseResult, cancellationToken) => CounterSample.RunAsync(
            siloOptions.Read(parseResult),
            new CounterSampleSettings(parseResult.GetValue(_grains), parseResult.GetValue(_calls)),
            cancellationToken));
    }

    private static Option<int> Count(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseCount(name, result),
    };

    private static int ParseCount(string name, ArgumentResult result)
    {
        var text = result.SingleToken();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return count;
        }

        result.AddError($"Option '{name}' expects a whole number of at least 1, not '{text}'.");
        return 0;
    }
}
