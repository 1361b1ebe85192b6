using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grainflow.Grains.Control;
using Grainflow.Interfaces.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Grainflow.Silo.Control;

/// <summary>The control API's endpoints: each one call of <see cref="IJobControl"/>, answered with the shared DTOs.</summary>
internal static class ControlEndpoints
{
    private static readonly ControlJsonContext s_json = ControlJsonContext.Default;

    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/jobs", async (IJobControl control, HttpContext context) =>
            Results.Json(await control.ListJobsAsync(context.RequestAborted), s_json.IReadOnlyListJobSummaryView));
        routes.MapPost("/jobs", StartJobAsync);
        var job = routes.MapGroup("/jobs/{jobId}");
        job.MapGet("/status", async (string jobId, IJobControl control, HttpContext context) =>
            Results.Json(await control.GetStatusAsync(jobId, context.RequestAborted), s_json.JobStatusView));
        job.MapGet("/checkpoints", async (string jobId, IJobControl control, HttpContext context) =>
            Results.Json(await control.ListCheckpointsAsync(jobId, context.RequestAborted), s_json.IReadOnlyListCheckpointView));
        job.MapPost("/checkpoints", async (string jobId, IJobControl control, HttpContext context) =>
            Results.Json(await control.TriggerCheckpointAsync(jobId, context.RequestAborted), s_json.TriggeredCheckpointView, statusCode: StatusCodes.Status202Accepted));
        job.MapGet("/savepoints", async (string jobId, IJobControl control, HttpContext context) =>
            Results.Json(await control.ListSavepointsAsync(jobId, context.RequestAborted), s_json.IReadOnlyListSavepointView));
        job.MapPost("/savepoints", CreateSavepointAsync);
        job.MapDelete("/savepoints/{name}", async (string jobId, string name, IJobControl control, HttpContext context) =>
        {
            await control.DeleteSavepointAsync(jobId, name, context.RequestAborted);
            return Results.NoContent();
        });
        job.MapPost("/stop", StopAsync);
        job.MapPost("/rescale", RescaleAsync);
        job.MapGet("/operators/{operatorId}/state/{key}", GetStateAsync);
    }

    private static async Task<IResult> StartJobAsync(IJobControl control, HttpContext context)
    {
        const string Expected = """{"definition": "<name>", "jobId": "<id>" (optional), "options": {"<option>": "<value>", ...}}""";
        var request = await ReadBodyAsync(context.Request, s_json.StartJobRequest, Expected);
        if (string.IsNullOrWhiteSpace(request?.Definition))
        {
            throw new JobControlException(JobControlError.Invalid, $"The request body must name the job definition to start: {Expected}.");
        }

        var started = await control.StartJobAsync(request, context.RequestAborted);
        return Results.Json(started, s_json.StartedJobView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateSavepointAsync(string jobId, IJobControl control, HttpContext context)
    {
        var request = await ReadBodyAsync(context.Request, s_json.CreateSavepointRequest, """{"name": "<savepoint name>"}""");
        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            throw new JobControlException(JobControlError.Invalid, """The request body must name the savepoint: {"name": "<savepoint name>"}.""");
        }

        var savepoint = await control.CreateSavepointAsync(jobId, request.Name, context.RequestAborted);
        return Results.Json(savepoint, s_json.SavepointView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> StopAsync(string jobId, IJobControl control, HttpContext context)
    {
        var request = await ReadBodyAsync(context.Request, s_json.StopJobRequest, """{"savepoint": "<savepoint name>", "drain": true|false} or no body""");
        var savepoint = await control.StopAsync(jobId, request?.Savepoint, request?.Drain ?? true, context.RequestAborted);
        return savepoint is null ? Results.NoContent() : Results.Json(savepoint, s_json.SavepointView);
    }

    private static async Task<IResult> RescaleAsync(string jobId, IJobControl control, HttpContext context)
    {
        const string Expected = """{"parallelism": <n>}""";
        var request = await ReadBodyAsync(context.Request, s_json.RescaleJobRequest, Expected)
            ?? throw new JobControlException(JobControlError.Invalid, $"The request body must give the new parallelism: {Expected}.");
        return Results.Json(await control.RescaleAsync(jobId, request.Parallelism, context.RequestAborted), s_json.RescaledJobView);
    }

    private static async Task<IResult> GetStateAsync(string jobId, string operatorId, IJobControl control, HttpContext context)
    {
        var key = RawLastSegment(context) ?? string.Empty;
        var stateName = context.Request.Query["state"].FirstOrDefault();
        var state = await control.GetStateAsync(jobId, operatorId, key, string.IsNullOrEmpty(stateName) ? null : stateName, context.RequestAborted);
        return Results.Json(state, s_json.StateValueView);
    }

    /// <summary>
    /// The request target's last path segment, unescaped exactly once. Kestrel leaves %2F escaped in the decoded
    /// path, so a key holding '/' would otherwise reach the job as "%2F".
    /// </summary>
    private static string? RawLastSegment(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return context.Request.RouteValues["key"] as string;
        }

        var path = raw.Split('?', 2)[0];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Reads an optional JSON body; a body that is not the expected JSON is an Invalid request.</summary>
    private static async Task<T?> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, string expected)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw new JobControlException(JobControlError.Invalid, $"The request body is not valid JSON of the form {expected}: {exception.Message}");
        }
    }
}
