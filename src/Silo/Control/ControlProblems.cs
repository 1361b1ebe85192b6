using Grainflow.Grains.Control;
using Microsoft.AspNetCore.Http;

namespace Grainflow.Silo.Control;

/// <summary>Every error the control API answers, as an RFC 7807 problem; control failures map to a status here only.</summary>
internal static class ControlProblems
{
    public static int StatusOf(JobControlError error) => error switch
    {
        JobControlError.NotFound => StatusCodes.Status404NotFound,
        JobControlError.Conflict => StatusCodes.Status409Conflict,
        JobControlError.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Task WriteAsync(HttpContext context, int statusCode, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Results.Problem(detail: detail, statusCode: statusCode, instance: context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>The detail of an empty error answer from routing: an unknown path or method.</summary>
    public static string DetailOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = $"{context.Request.Method} {context.Request.Path}";
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No control API endpoint answers {request}; the endpoints are /jobs (GET lists, POST starts) and under /jobs/{{jobId}}/ (status, checkpoints, savepoints, stop, operators/{{operatorId}}/state/{{key}}).",
            StatusCodes.Status405MethodNotAllowed => $"The endpoint exists, but not for {request}.",
            _ => $"The request {request} failed with status {context.Response.StatusCode}.",
        };
    }
}
