using Grainflow.Silo.Control;
using Grainflow.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Grainflow.Silo.Tests.Hosting;

/// <summary>Where the silo's host reads its configuration from, and that nothing watches the working directory.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public void Create_AppSettingsAndEnvironment_AreReadButAppSettingsIsNeverWatched()
    {
        var builder = SiloHostBuilder.Create(new SiloSettings { Control = ControlApiSettings.Disabled });
        var providers = ((IConfigurationRoot)builder.Configuration).Providers.ToList();

        var appSettings = Assert.Single(providers.OfType<JsonConfigurationProvider>(), p => p.Source.Path == "appsettings.json");
        Assert.False(appSettings.Source.ReloadOnChange);
        Assert.All(providers.OfType<JsonConfigurationProvider>(), p => Assert.False(p.Source.ReloadOnChange));
        Assert.Contains(providers, p => p is EnvironmentVariablesConfigurationProvider);
    }
}
