using Grainflow.Grains.Control;
using Grainflow.Silo.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Control;

/// <summary>
/// Runs the control API's own small web application (Kestrel) inside the silo host, so that the silo host stays
/// a generic host. Started after the silo, stopped before it (hosted services stop in reverse order), so a
/// request never reaches a silo that is not running. A silo without an <see cref="IJobControl"/> (the counter
/// sample) has nothing to control and starts no API.
/// </summary>
internal sealed partial class ControlApiHostedService(
    ControlApiSettings settings,
    ControlApiConsole console,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ControlApiHostedService>();
    private WebApplication? _app;

    /// <summary>The addresses the API listens on once started (the actual port when the URL asked for port 0).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Problem is { } problem)
        {
            throw new UsageException(problem);
        }

        var jobControl = services.GetService<IJobControl>();
        if (jobControl is null || settings.Url is not { } url)
        {
            LogNoJobControl(_logger);
            return;
        }

        // The dashboard needs this silo's gateway; a host without a silo (tests of the API alone) serves no dashboard.
        var app = ControlApiApplication.Build(url, settings.Token, jobControl, loggerFactory, DashboardGateway.Of(services));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            var message = $"The control API cannot listen on {url}: {exception.Message}";
            if (settings.UrlGiven)
            {
                throw new UsageException($"{message} Pass another --control-url, or '{ControlApiSettings.DisabledUrl}'.", exception);
            }

            // The default address is taken (most likely another silo on this machine): the job still runs.
            LogDefaultAddressTaken(_logger, url, exception.Message);
            await console.Output.WriteLineAsync($"warning: control API not started: {url} is taken; pass --control-url <url> to choose another address.").ConfigureAwait(false);
            return;
        }

        _app = app;
        Addresses = [.. app.Urls];
        var addresses = string.Join(", ", Addresses);
        await console.Output.WriteLineAsync($"control API listening on {addresses}").ConfigureAwait(false);
        LogListening(_logger, addresses, settings.Token is not null);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            // Requests in flight (a stop-with-savepoint) finish within the host's shutdown bound.
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
