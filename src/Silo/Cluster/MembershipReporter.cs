using Microsoft.Extensions.Hosting;

namespace Grainflow.Silo.Cluster;

/// <summary>
/// Prints each change of a silo's membership status that this silo learns of (<c>[cluster] silo 127.0.0.1:11112 is
/// Dead; 1 active</c>), so that whoever runs a cluster sees silos join, leave and be declared dead. Silos that were
/// already dead when this one joined (earlier runs in the same table) are not reported.
/// </summary>
internal sealed class MembershipReporter(IClusterMembershipService membership, MembershipReporter.Console console) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var known = new Dictionary<SiloAddress, SiloStatus>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
                foreach (var member in snapshot.Members.Values.OrderBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal))
                {
                    var isNew = !known.TryGetValue(member.SiloAddress, out var previous);
                    known[member.SiloAddress] = member.Status;
                    if ((isNew && member.Status == SiloStatus.Dead) || (!isNew && previous == member.Status))
                    {
                        continue;
                    }

                    await console.Output.WriteLineAsync(
                        $"[cluster] silo {member.SiloAddress.Endpoint} is {member.Status}; {active} active").ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>Where membership changes are printed.</summary>
    internal sealed record Console(TextWriter Output);
}
