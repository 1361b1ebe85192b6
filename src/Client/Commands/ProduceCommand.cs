using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Grainflow.Client.CommandLine;
using Grainflow.Client.Produce;

namespace Grainflow.Client.Commands;

/// <summary>
/// <c>grainflow produce --log &lt;dir&gt;</c>: appends text lines as records to a segment log at a rate;
/// <c>grainflow produce --stream &lt;provider&gt;/&lt;namespace&gt;</c>: appends them to an Orleans stream through a gateway.
/// </summary>
internal sealed class ProduceCommand : Command
{
    private readonly Option<string> _log = new("--log")
    {
        Description = "The segment log directory a job reads (created with one partition when missing), or use --stream",
        HelpName = "dir",
    };

    private readonly ProduceStreamOptions _stream = new();

    private readonly Option<double> _rate = new("--rate")
    {
        Description = $"Records per second [default: {ProduceSettings.DefaultRate.ToString(CultureInfo.InvariantCulture)}]",
        HelpName = "records/s",
        DefaultValueFactory = _ => ProduceSettings.DefaultRate,
        CustomParser = ParseRate,
    };

    private readonly Option<long?> _count = new("--count")
    {
        Description = "How many records to append [default: the --text file once; without --text, until Ctrl+C]",
        HelpName = "n",
        CustomParser = ParseCount,
    };

    private readonly Option<int> _partition = new("--partition")
    {
        Description = "With --log: the partition to append to",
        HelpName = "p",
        DefaultValueFactory = _ => 0,
        CustomParser = ParsePartition,
    };

    private readonly Option<string> _text = new("--text")
    {
        Description = "A UTF-8 text file whose lines are the records, in order (repeated to reach --count; a line holds at most 64 MiB, a record's " +
                      "limit); without it, lines of words from a seeded vocabulary",
        HelpName = "file",
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "The seed of the generated words (the same seed gives the same records)",
        HelpName = "n",
        DefaultValueFactory = _ => ProduceSettings.DefaultSeed,
    };

    public ProduceCommand(GlobalOptions global)
        : base("produce", "Append UTF-8 text lines as records to a segment log, or to an Orleans stream through a gateway (exactly once per " +
                          "producer id), at a chosen rate, with a progress bar.")
    {
        ArgumentNullException.ThrowIfNull(global);
        Options.Add(_log);
        Options.Add(_rate);
        Options.Add(_count);
        Options.Add(_partition);
        Options.Add(_text);
        Options.Add(_seed);
        foreach (var option in _stream.All)
        {
            Options.Add(option);
        }

        Validators.Add(Validate);
        SetAction((parseResult, cancellationToken) => parseResult.GetValue(_stream.Stream) is null
            ? RunLogAsync(parseResult, cancellationToken)
            : StreamProduceRun.RunAsync(
                _stream.Read(parseResult, parseResult.GetValue(_rate), parseResult.GetValue(_count), parseResult.GetValue(_text), parseResult.GetValue(_seed)),
                parseResult.InvocationConfiguration.Output,
                TimeProvider.System,
                cancellationToken));
    }

    private void Validate(CommandResult result)
    {
        var log = result.GetResult(_log) is not null;
        var stream = result.GetResult(_stream.Stream) is not null;
        if (log == stream)
        {
            result.AddError(log
                ? "Options '--log' and '--stream' exclude each other; pass one of them."
                : "Pass where to produce: '--log <dir>' or '--stream <provider>/<namespace>'.");
        }

        if (stream && result.GetResult(_partition) is { Implicit: false })
        {
            result.AddError("Option '--partition' applies only with '--log' (a stream's partition follows from its id).");
        }

        _stream.Validate(result);
    }

    private Task<int> RunLogAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        ProduceRun.RunAsync(
            new ProduceSettings(
                parseResult.GetRequiredValue(_log),
                parseResult.GetValue(_rate),
                parseResult.GetValue(_count),
                parseResult.GetValue(_partition),
                parseResult.GetValue(_text),
                parseResult.GetValue(_seed)),
            parseResult.InvocationConfiguration.Output,
            TimeProvider.System,
            cancellationToken);

    private static double ParseRate(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate))
        {
            return rate;
        }

        result.AddError($"Option '--rate' expects a positive number of records per second, not '{text}'.");
        return 0;
    }

    private static long? ParseCount(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return count;
        }

        result.AddError($"Option '--count' expects a whole number of at least 1, not '{text}'.");
        return null;
    }

    private static int ParsePartition(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            return partition;
        }

        result.AddError($"Option '--partition' expects a partition number (0, 1, ...), not '{text}'.");
        return 0;
    }
}
