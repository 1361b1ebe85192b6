using System.Globalization;
using Grainflow.Silo.CommandLine;
using Grainflow.Silo.Streams;
using Grainflow.Streams.Log.Jobs;

namespace Grainflow.Silo.Jobs;

/// <summary>
/// The rules of the wordcount job's options, shared by <c>grainflow-silo wordcount</c>'s command line and by
/// <c>POST /jobs</c>: each check returns null when the value is good, or the one-line message that says what to pass.
/// </summary>
internal static class WordCountOptionRules
{
    public const int MaxParallelism = 128;

    public static string? CheckParallelism(string text, out int parallelism) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out parallelism) && parallelism is >= 1 and <= MaxParallelism
            ? null
            : $"Option '--parallelism' expects a whole number from 1 to {MaxParallelism}, not '{text}'.";

    public static string? CheckInterval(string text, out TimeSpan interval) =>
        DurationParser.TryParse(text, out interval) && (interval > TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan)
            ? null
            : $"Option '--checkpoint-interval' expects a positive duration such as {DurationParser.Forms}, not '{text}'.";

    // The service's rule: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.
    public static string? CheckContainerName(string text, string option = "--checkpoint-container") =>
        text.Length is >= 3 and <= 63
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && text[0] != '-' && text[^1] != '-' && !text.Contains("--", StringComparison.Ordinal)
            ? null
            : $"Option '{option}' expects a container name (3 to 63 lower-case letters, digits and single hyphens), not '{text}'.";

    // The value is never echoed: a URL given here by mistake with a SAS would print its signature.
    public static string? CheckStoreUrl(string text, out Uri? url, string option = BlobCheckpointTarget.UrlOption, string secretOption = BlobCheckpointTarget.Option)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps)
        {
            url = null;
            return $"Option '{option}' expects an https:// URL, such as https://<account>.blob.core.windows.net.";
        }

        if (url.Query.Length > 1)
        {
            url = null;
            return $"Option '{option}' takes a URL without a query; pass a SAS with '{secretOption}' instead.";
        }

        return null;
    }

    /// <summary>
    /// Checks a stream address (<c>--input-stream</c>, <c>--output-stream</c>): <c>&lt;provider&gt;/&lt;namespace&gt;</c>
    /// whose provider is the one every grainflow-silo silo hosts.
    /// </summary>
    public static string? CheckStreamAddress(string option, string text, out LogStreamAddress address)
    {
        address = default;
        try
        {
            address = LogStreamAddress.Parse(text);
        }
        catch (ArgumentException)
        {
            return $"Option '{option}' expects <provider>/<namespace>, such as {SiloStreamSettings.ProviderName}/lines, not '{text}'.";
        }

        return address.Provider == SiloStreamSettings.ProviderName
            ? null
            : $"Option '{option}': the silos host no stream provider '{address.Provider}'; theirs is '{SiloStreamSettings.ProviderName}' " +
              $"(write {SiloStreamSettings.ProviderName}/{address.Namespace}).";
    }

    /// <summary>Which options were given together that must not be, or which one is missing.</summary>
    public static IEnumerable<string> CheckCombination(WordCountOptionsGiven given)
    {
        ArgumentNullException.ThrowIfNull(given);
        string[] inputs = [.. new[] { ("--input", given.Input), ("--input-log", given.InputLog), ("--input-stream", given.InputStream) }
            .Where(o => o.Item2)
            .Select(o => $"'{o.Item1}'")];
        if (inputs.Length == 0)
        {
            yield return "Pass what to count: '--input <file>', '--input-log <dir>' or '--input-stream <provider>/<namespace>'.";
        }
        else if (inputs.Length > 1)
        {
            yield return $"Options {string.Join(", ", inputs[..^1])} and {inputs[^1]} exclude each other; pass one of them.";
        }

        if (given.Output == given.OutputStream)
        {
            yield return given.Output
                ? "Options '--output' and '--output-stream' exclude each other; pass one of them."
                : "Pass where the committed output goes: '--output <dir>' or '--output-stream <provider>/<namespace>'.";
        }

        var (allowNonRestoredState, fromSavepoint) = (given.AllowNonRestoredState, given.FromSavepoint);
        var (checkpointDirectory, checkpointStore, checkpointStoreUrl, checkpointContainer) =
            (given.CheckpointDirectory, given.CheckpointStore, given.CheckpointStoreUrl, given.CheckpointContainer);

        if (allowNonRestoredState && !fromSavepoint)
        {
            yield return "Option '--allow-non-restored-state' applies only with '--from-savepoint'.";
        }

        string[] locations = [.. new[] { ("--checkpoint-dir", checkpointDirectory), ("--checkpoint-store", checkpointStore), (BlobCheckpointTarget.UrlOption, checkpointStoreUrl) }
            .Where(o => o.Item2)
            .Select(o => $"'{o.Item1}'")];
        if (locations.Length == 0)
        {
            yield return "Pass where checkpoints go: '--checkpoint-dir <dir>', '--checkpoint-store <connection-string>' or '--checkpoint-store-url <url>'.";
        }
        else if (locations.Length > 1)
        {
            yield return $"Options {string.Join(", ", locations[..^1])} and {locations[^1]} exclude each other; pass one of them.";
        }
        else if (checkpointDirectory && checkpointContainer)
        {
            yield return "Option '--checkpoint-container' applies only with '--checkpoint-store' or '--checkpoint-store-url'.";
        }
    }
}
