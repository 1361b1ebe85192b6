using Microsoft.AspNetCore.Http;

namespace Grainflow.Silo.Control;

/// <summary>Answers 401 with a problem to every request without the control token, when one is configured.</summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, BearerTokenCheck check)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (check.Check(context.Request.Headers.Authorization) is not { } problem)
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ControlProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, problem);
    }
}
