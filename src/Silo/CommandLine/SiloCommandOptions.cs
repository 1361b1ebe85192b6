using System.CommandLine;
using System.CommandLine.Parsing;
using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.CommandLine;

/// <summary>
/// The silo options every subcommand accepts. They are recursive: given before or after the subcommand's
/// name, they mean the same.
/// </summary>
internal sealed class SiloCommandOptions
{
    private static readonly SiloOptions s_defaults = new();

    private static readonly LogLevel[] s_logLevels =
        [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error];

    public Option<TimeSpan?> CallTimeout { get; } = Duration(
        "--call-timeout",
        "How long a caller waits for a grain call before it fails with a timeout ('infinite' to wait forever)",
        s_defaults.CallTimeout);

    public Option<TimeSpan?> CollectionAge { get; } = Duration(
        "--collection-age",
        "How long an activation may stay idle before it is deactivated; at least --collection-quantum",
        s_defaults.CollectionAge);

    public Option<TimeSpan?> CollectionQuantum { get; } = Duration(
        "--collection-quantum",
        "How often idle activations are looked for",
        s_defaults.CollectionQuantum);

    public Option<TimeSpan?> ShutdownTimeout { get; } = Duration(
        "--shutdown-timeout",
        "The bound on a graceful stop: activations still deactivating after it are abandoned",
        s_defaults.ShutdownTimeout);

    public Option<LogLevel> MinimumLogLevel { get; } = new("--log-level")
    {
        Description = "The least severe log messages written to the console",
        HelpName = string.Join('|', s_logLevels),
        DefaultValueFactory = _ => LogLevel.Information,
        CustomParser = ParseLogLevel,
        Recursive = true,
    };

    // A string, checked by a validator: System.CommandLine cannot hand back the null a custom parser returns for 'none'.
    public Option<string> ControlUrl { get; } = CreateControlUrl();

    // No DefaultValueFactory: help must never show the token, not even one taken from the environment.
    public Option<string> ControlToken { get; } = new("--control-token")
    {
        Description = $"The bearer token every control API request must carry (or set {ControlApiSettings.TokenVariable}); never printed",
        HelpName = "token",
        CustomParser = ParseControlToken,
        Recursive = true,
    };

    public IEnumerable<Option> All => [CallTimeout, CollectionAge, CollectionQuantum, ShutdownTimeout, MinimumLogLevel, ControlUrl, ControlToken];

    /// <summary>The options that set the <see cref="SiloOptions"/> properties a validation failure names.</summary>
    public IEnumerable<string> OptionsNamedIn(string failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        (string Property, Option Option)[] settable =
        [
            (nameof(SiloOptions.CallTimeout), CallTimeout),
            (nameof(SiloOptions.CollectionAge), CollectionAge),
            (nameof(SiloOptions.CollectionQuantum), CollectionQuantum),
            (nameof(SiloOptions.ShutdownTimeout), ShutdownTimeout),
        ];
        return settable.Where(s => failure.Contains(s.Property, StringComparison.Ordinal)).Select(s => s.Option.Name);
    }

    /// <summary>The silo settings the command line gave.</summary>
    /// <exception cref="UsageException">The control API would listen off loopback without a token.</exception>
    public SiloSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var control = ReadControl(parseResult);
        if (control.Problem is { } problem)
        {
            throw new UsageException(problem);
        }

        return new SiloSettings
        {
            CallTimeout = parseResult.GetValue(CallTimeout),
            CollectionAge = parseResult.GetValue(CollectionAge),
            CollectionQuantum = parseResult.GetValue(CollectionQuantum),
            ShutdownTimeout = parseResult.GetValue(ShutdownTimeout),
            LogLevel = parseResult.GetValue(MinimumLogLevel),
            Control = control,
        };
    }

    private ControlApiSettings ReadControl(ParseResult parseResult)
    {
        var text = parseResult.GetValue(ControlUrl);
        var urlGiven = text is not null;
        var url = urlGiven && ControlApiSettings.TryParseUrl(text!, out var parsed, out _) ? parsed : ControlApiSettings.Default.Url;
        var token = parseResult.GetValue(ControlToken);
        if (token is null && Environment.GetEnvironmentVariable(ControlApiSettings.TokenVariable) is { Length: > 0 } fromEnvironment)
        {
            token = fromEnvironment;
        }

        return new ControlApiSettings(url, token, urlGiven);
    }

    // No DefaultValueFactory: an absent duration must leave the configuration's value alone, so its
    // default is stated in the description instead.
    private static Option<TimeSpan?> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} [default: {DurationParser.Format(defaultValue)}]",
        HelpName = "duration",
        CustomParser = result => ParseDuration(name, result),
        Recursive = true,
    };

    private static TimeSpan? ParseDuration(string name, ArgumentResult result)
    {
        var text = result.SingleToken();
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"Option '{name}' expects a duration such as {DurationParser.Forms}, not '{text}'.");
        return null;
    }

    private static Option<string> CreateControlUrl()
    {
        var option = new Option<string>("--control-url")
        {
            Description = $"Where the control API and the Orleans Dashboard (at {Control.ControlApiApplication.DashboardPath}) listen (http://host:port), " +
                          $"or '{ControlApiSettings.DisabledUrl}'; an address other than loopback requires --control-token [default: {ControlApiSettings.DefaultUrl}]",
            HelpName = "url",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (!ControlApiSettings.TryParseUrl(result.GetValueOrDefault<string>() ?? string.Empty, out _, out var error))
            {
                result.AddError(error!);
            }
        });
        return option;
    }

    private static string? ParseControlToken(ArgumentResult result)
    {
        // The message names the option, never the value: a token may be mistyped, but it is still a secret.
        var text = result.SingleToken();
        if (text.Length > 0 && !text.Any(char.IsWhiteSpace) && !text.Any(char.IsControl))
        {
            return text;
        }

        result.AddError("Option '--control-token' expects a token without spaces or control characters.");
        return null;
    }

    private static LogLevel ParseLogLevel(ArgumentResult result)
    {
        var text = result.SingleToken();
        foreach (var level in s_logLevels)
        {
            if (level.ToString().Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return level;
            }
        }

        result.AddError($"Option '--log-level' expects one of {string.Join(", ", s_logLevels)}, not '{text}'.");
        return default;
    }
}
