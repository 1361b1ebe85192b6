using Grainflow.Streaming.Execution;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>The job supervisor's log messages (event ids 4200-4299).</summary>
internal sealed partial class JobSupervisor
{
    [LoggerMessage(4200, LogLevel.Information, "Job {JobId} ended ({Kind}): {Message} The cluster no longer keeps it running.")]
    private partial void LogEnded(string jobId, JobEndKind kind, string message);

    [LoggerMessage(4201, LogLevel.Error, "Job {JobId} is marked failed: {Reason}")]
    private partial void LogCannotStart(string jobId, string reason);

    [LoggerMessage(4202, LogLevel.Warning,
        "Job {JobId} could not be ensured running ({Reason}); trying again every pass. Failed attempts in a row: {Failures} (only every 30th is a warning).")]
    private partial void LogNotRunning(string jobId, string reason, int failures);

    [LoggerMessage(4203, LogLevel.Debug, "Job {JobId} could not be ensured running ({Reason}). Failed attempts in a row: {Failures}.")]
    private partial void LogNotRunningQuietly(string jobId, string reason, int failures);

    [LoggerMessage(4204, LogLevel.Warning, "The job registry could not be read ({Reason}); trying again every pass. Failed reads in a row: {Failures}.")]
    private partial void LogRegistryUnreadable(string reason, int failures);

    [LoggerMessage(4205, LogLevel.Warning, "A job supervision pass failed; the next pass tries again.")]
    private partial void LogPassFailed(Exception exception);
}
