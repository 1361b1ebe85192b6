using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Jobs;

namespace Grainflow.Silo.Commands;

/// <summary><c>grainflow-silo wordcount</c>: the exactly-once running word count over a text file.</summary>
internal sealed class WordCountCommand : Command
{
    private readonly Option<string> _input = Required("--input", "file", "The UTF-8 text file to count the words of");
    private readonly Option<string> _output = Required("--output", "dir", "The directory the committed output files go to (name = part-*.txt; files starting with '_' or '.' are uncommitted)");
    private readonly Option<string> _checkpointDirectory = Required("--checkpoint-dir", "dir", "Where checkpoints are kept; running the same command again resumes from the latest one");

    private readonly Option<TimeSpan> _checkpointInterval = new("--checkpoint-interval")
    {
        Description = $"Time between checkpoints ('infinite' for only the final one) [default: {DurationParser.Format(WordCountSettings.DefaultCheckpointInterval)}]",
        HelpName = "duration",
        DefaultValueFactory = _ => WordCountSettings.DefaultCheckpointInterval,
        CustomParser = ParseInterval,
    };

    private readonly Option<int> _parallelism = new("--parallelism")
    {
        Description = "The number of counting tasks (fixed for the life of a checkpoint directory)",
        HelpName = "n",
        DefaultValueFactory = _ => WordCountSettings.DefaultParallelism,
        CustomParser = ParseParallelism,
    };

    public WordCountCommand(SiloCommandOptions siloOptions)
        : base("wordcount", "Count the words of a text file exactly once, with checkpoints; after a crash, the same command resumes.")
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        Options.Add(_input);
        Options.Add(_output);
        Options.Add(_checkpointDirectory);
        Options.Add(_checkpointInterval);
        Options.Add(_parallelism);
        SetAction((parseResult, cancellationToken) => WordCountRun.RunAsync(
            siloOptions.Read(parseResult),
            new WordCountSettings(
                parseResult.GetRequiredValue(_input),
                parseResult.GetRequiredValue(_output),
                parseResult.GetRequiredValue(_checkpointDirectory),
                parseResult.GetValue(_checkpointInterval),
                parseResult.GetValue(_parallelism)),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
    }

    private static Option<string> Required(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    private static TimeSpan ParseInterval(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (DurationParser.TryParse(text, out var interval) && (interval > TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan))
        {
            return interval;
        }

        result.AddError($"Option '--checkpoint-interval' expects a positive duration such as {DurationParser.Forms}, not '{text}'.");
        return default;
    }

    private static int ParseParallelism(ArgumentResult result)
    {
        var text = result.SingleToken();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parallelism) && parallelism is >= 1 and <= 128)
        {
            return parallelism;
        }

        result.AddError($"Option '--parallelism' expects a whole number from 1 to 128, not '{text}'.");
        return 0;
    }
}
