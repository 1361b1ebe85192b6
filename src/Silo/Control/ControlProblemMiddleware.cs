using Grainflow.Grains.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grainflow.Silo.Control;

/// <summary>Turns what the endpoints throw into problems: control failures by their kind, anything else as 500.</summary>
internal sealed partial class ControlProblemMiddleware(RequestDelegate next, ILogger<ControlProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (JobControlException exception) when (!context.Response.HasStarted)
        {
            await ControlProblems.WriteAsync(context, ControlProblems.StatusOf(exception.Error), exception.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
#pragma warning disable CA1031 // The API boundary: whatever failed is logged and answered as a 500 problem.
        catch (Exception exception) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogRequestFailed(logger, exception, context.Request.Method, context.Request.Path);
            await ControlProblems.WriteAsync(
                context, StatusCodes.Status500InternalServerError, $"The silo failed to handle the request: {exception.Message}");
        }
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Error, Message = "Control API request {Method} {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, string path);
}
