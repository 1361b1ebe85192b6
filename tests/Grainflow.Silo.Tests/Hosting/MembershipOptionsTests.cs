using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SiloOptions = Grainflow.Silo.Hosting.SiloOptions;

namespace Grainflow.Silo.Tests.Hosting;

/// <summary>Failure detection tuned for streaming, overridable from the "Grainflow:Silo" section, and validated.</summary>
public sealed class MembershipOptionsTests
{
    [Fact]
    public void Host_NoConfiguration_TunesMembershipForStreaming()
    {
        var membership = MembershipOf(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.TableRefreshTimeout);
    }

    [Fact]
    public void Host_GrainflowSiloSection_OverridesEachMembershipSetting()
    {
        var membership = MembershipOf(new Dictionary<string, string?>
        {
            ["Grainflow:Silo:ProbeTimeout"] = "00:00:03",
            ["Grainflow:Silo:NumMissedProbesLimit"] = "4",
            ["Grainflow:Silo:NumVotesForDeathDeclaration"] = "3",
            ["Grainflow:Silo:TableRefreshTimeout"] = "00:01:00",
        });

        Assert.Equal(TimeSpan.FromSeconds(3), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(3, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromMinutes(1), membership.TableRefreshTimeout);
    }

    [Theory]
    [InlineData("ProbeTimeout", "00:00:00", "ProbeTimeout must be greater than zero (was 00:00:00).")]
    [InlineData("ProbeTimeout", "2.00:00:00", "ProbeTimeout (2.00:00:00) must not exceed 1.00:00:00.")]
    [InlineData("TableRefreshTimeout", "-00:00:01", "TableRefreshTimeout must be greater than zero (was -00:00:01).")]
    [InlineData("NumMissedProbesLimit", "0", "NumMissedProbesLimit must be at least 1 (was 0).")]
    [InlineData("NumVotesForDeathDeclaration", "0", "NumVotesForDeathDeclaration must be at least 1 (was 0).")]
    [InlineData("NumVotesForDeathDeclaration", "11", "NumVotesForDeathDeclaration (11) must not exceed 10, the silos each silo probes.")]
    public void Validate_MembershipSettingThatCannotWork_NamesIt(string setting, string value, string failure)
    {
        var configuration = new Dictionary<string, string?> { [$"Grainflow:Silo:{setting}"] = value };

        // Building the host already reads the options (its shutdown bound is the silo's).
        var exception = Assert.Throws<OptionsValidationException>(() =>
        {
            using var host = Build(configuration);
            return host.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        });

        Assert.Equal([failure], exception.Failures);
    }

    private static ClusterMembershipOptions MembershipOf(Dictionary<string, string?> configuration)
    {
        using var host = Build(configuration);
        return host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
    }

    // Built, never started: the options are what the silo would run with.
    private static Microsoft.Extensions.Hosting.IHost Build(Dictionary<string, string?> configuration)
    {
        var builder = SiloHostBuilder.Create(new SiloSettings { Control = ControlApiSettings.Disabled });
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder.Build();
    }
}
