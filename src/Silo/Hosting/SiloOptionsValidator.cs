using Microsoft.Extensions.Options;

namespace Grainflow.Silo.Hosting;

/// <summary>Refuses silo options that cannot work, saying which setting to fix.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    // Orleans lets a probe's timeout grow to four times the setting and refuses one beyond int.MaxValue milliseconds.
    private static readonly TimeSpan s_longestProbeTimeout = TimeSpan.FromDays(1);

    // Orleans' ClusterMembershipOptions.NumProbedSilos, which the votes may not exceed.
    private const int ProbedSilos = 10;

    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(SiloOptions.CallTimeout), options.CallTimeout, allowInfinite: true);
        RequirePositive(failures, nameof(SiloOptions.CollectionAge), options.CollectionAge, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.CollectionQuantum), options.CollectionQuantum, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.ShutdownTimeout), options.ShutdownTimeout, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.ProbeTimeout), options.ProbeTimeout, allowInfinite: false);
        RequirePositive(failures, nameof(SiloOptions.TableRefreshTimeout), options.TableRefreshTimeout, allowInfinite: false);
        RequireAtLeastOne(failures, nameof(SiloOptions.NumMissedProbesLimit), options.NumMissedProbesLimit);
        RequireAtLeastOne(failures, nameof(SiloOptions.NumVotesForDeathDeclaration), options.NumVotesForDeathDeclaration);
        if (options.NumVotesForDeathDeclaration > ProbedSilos)
        {
            failures.Add($"NumVotesForDeathDeclaration ({options.NumVotesForDeathDeclaration}) must not exceed {ProbedSilos}, the silos each silo probes.");
        }

        if (options.ProbeTimeout > s_longestProbeTimeout)
        {
            failures.Add($"ProbeTimeout ({options.ProbeTimeout}) must not exceed {s_longestProbeTimeout}.");
        }

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

    private static void RequireAtLeastOne(List<string> failures, string name, int value)
    {
        if (value < 1)
        {
            failures.Add($"{name} must be at least 1 (was {value}).");
        }
    }
}
