using System.CommandLine;
using System.CommandLine.Parsing;

namespace Grainflow.Client.CommandLine;

/// <summary>The options every command accepts, before or after its name.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultSilo = "http://127.0.0.1:5180";
    public const string SiloVariable = "GRAINFLOW_SILO";
    public const string TokenVariable = "GRAINFLOW_CONTROL_TOKEN";
    public const string DefaultJob = "wordcount";

    public Option<Uri?> Silo { get; } = new("--silo")
    {
        Description = $"The silo's control API address (or set {SiloVariable}) [default: {DefaultSilo}]",
        HelpName = "url",
        CustomParser = ParseSilo,
        Recursive = true,
    };

    // No DefaultValueFactory: help must never show a token taken from the environment.
    public Option<string> Token { get; } = new("--token")
    {
        Description = $"The silo's control token, needed when the silo was started with one (or set {TokenVariable})",
        HelpName = "token",
        Recursive = true,
    };

    public Option<string> Job { get; } = new("--job")
    {
        Description = "The job to address",
        HelpName = "id",
        DefaultValueFactory = _ => DefaultJob,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the silo's answer as JSON (the control API's own format) instead of tables",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Silo, Token, Job, Json];

    public ClientSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var silo = parseResult.GetValue(Silo);
        if (silo is null)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(SiloVariable);
            silo = string.IsNullOrEmpty(fromEnvironment)
                ? new Uri(DefaultSilo)
                : TryParseSilo(fromEnvironment) ?? throw new ClientFailure(
                    ClientExitCodes.UsageError, $"{SiloVariable} must be an http:// or https:// address such as {DefaultSilo}, not '{fromEnvironment}'.");
        }

        var token = parseResult.GetValue(Token);
        if (string.IsNullOrEmpty(token))
        {
            token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        }

        return new ClientSettings(silo, token, parseResult.GetValue(Job) ?? DefaultJob, parseResult.GetValue(Json));
    }

    private static Uri? ParseSilo(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (TryParseSilo(text) is { } silo)
        {
            return silo;
        }

        result.AddError($"Option '--silo' expects an http:// or https:// address such as {DefaultSilo}, not '{text}'.");
        return null;
    }

    private static Uri? TryParseSilo(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var silo) && (silo.Scheme == Uri.UriSchemeHttp || silo.Scheme == Uri.UriSchemeHttps) ? silo : null;
}
