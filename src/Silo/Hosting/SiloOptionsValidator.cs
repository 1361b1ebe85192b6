using Microsoft.Extensions.Options;

namespace Grainflow.Silo.Hosting;

/// <summary>Refuses silo options that cannot work, saying which setting to fix.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(SiloOptions.CallTimeout), options.CallTimeout, allowInfinite: true);
        RequirePositive(failures, nameof(SiloOptions.CollectionAge), options.CollectionAge, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.CollectionQuantum), options.CollectionQuantum, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.ShutdownTimeout), options.ShutdownTimeout, allowInfinite: false);
        if (options.CollectionQuantum > options.CollectionAge && options.CollectionAge > TimeSpan.Zero)
        {
            failures.Add($"CollectionQuantum ({options.CollectionQuantum}) must not exceed CollectionAge ({options.CollectionAge}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value, bool allowInfinite)
    {
        if (value <= TimeSpan.Zero && !(allowInfinite && value == Timeout.InfiniteTimeSpan))
        {
            failures.Add($"{name} must be greater than zero (was {value}).");
        }
    }
}
