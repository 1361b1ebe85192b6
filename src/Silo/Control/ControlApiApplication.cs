using Grainflow.Grains.Control;
using Grainflow.Interfaces.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Grainflow.Silo.Control;

/// <summary>
/// Builds the silo's web application: Kestrel on one address, the bearer check, the control endpoints, and the Orleans
/// Dashboard at <see cref="DashboardPath"/>. The dashboard's pages read the cluster through an Orleans client connected
/// to this silo's gateway, as Orleans documents for a dashboard beside the silo.
/// </summary>
internal static class ControlApiApplication
{
    /// <summary>Where the Orleans Dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";

    /// <param name="url">Where Kestrel listens.</param>
    /// <param name="token">The bearer token every request must carry, or null.</param>
    /// <param name="jobControl">What the control endpoints do.</param>
    /// <param name="siloLogging">The silo's logging, which the application's logs go to.</param>
    /// <param name="dashboardGateway">The silo's gateway for the dashboard's Orleans client; null serves no dashboard.</param>
    public static WebApplication Build(Uri url, string? token, IJobControl jobControl, ILoggerFactory siloLogging, DashboardGateway? dashboardGateway)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(jobControl);
        ArgumentNullException.ThrowIfNull(siloLogging);

        // The empty builder reads no appsettings.json, ASPNETCORE_* variables or command line: the silo's options
        // alone say where the API listens.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ControlApiApplication).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls(url.GetLeftPart(UriPartial.Authority));

        // The silo host owns Ctrl+C and SIGTERM and stops this application as one of its hosted services.
        builder.Services.AddSingleton<IHostLifetime, ControlApiLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(siloLogging));

        // ASP.NET Core's per-request information logs would drown the silo's own.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ControlJsonContext.Default));
        builder.Services.AddSingleton(jobControl);
        builder.Services.AddSingleton(new BearerTokenCheck(token));
        if (dashboardGateway is { } gateway)
        {
            builder.UseOrleansClient(client => client
                .UseStaticClustering(gateway.Endpoint)
                .Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = gateway.ClusterId;
                    cluster.ServiceId = gateway.ServiceId;
                })
                .AddDashboard());
        }

        var app = builder.Build();
        app.UseMiddleware<ControlProblemMiddleware>();
        app.UseStatusCodePages(status => ControlProblems.WriteAsync(
            status.HttpContext, status.HttpContext.Response.StatusCode, ControlProblems.DetailOf(status.HttpContext)));
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseRouting();
        ControlEndpoints.Map(app);
        if (dashboardGateway is not null)
        {
            app.MapOrleansDashboard(DashboardPath);
        }

        return app;
    }
}
