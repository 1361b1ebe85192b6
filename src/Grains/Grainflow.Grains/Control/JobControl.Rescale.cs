using System.Diagnostics;
using System.Globalization;
using Grainflow.Grains.Jobs;
using Grainflow.Grains.Jobs.Registry;
using Grainflow.Grains.Streaming;
using Grainflow.Interfaces.Control;

namespace Grainflow.Grains.Control;

/// <summary>Rescaling a running job through a savepoint, as Flink does with stop-with-savepoint and a restart, but without ending the job.</summary>
public sealed partial class JobControl
{
    // How often a rescale looks whether the job runs again: small against the pause it reports.
    private static readonly TimeSpan s_runningPoll = TimeSpan.FromMilliseconds(20);

    public async Task<RescaledJobView> RescaleAsync(string jobId, int parallelism, CancellationToken cancellationToken = default)
    {
        if (parallelism < 1)
        {
            throw new JobControlException(JobControlError.Invalid, $"A job's parallelism must be at least 1, not {parallelism}.");
        }

        await EnsureRunningAsync(jobId, cancellationToken);
        var record = await grainFactory.GetJobRegistry().GetAsync(jobId).WaitAsync(cancellationToken);
        if (record is not { State: JobRunState.Running })
        {
            throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' has no running record in the cluster's job registry; only a job started on the cluster can be rescaled.");
        }

        var spec = record.Spec;
        var parameters = new Dictionary<string, string>(spec.Parameters, StringComparer.Ordinal)
        {
            [JobSpec.ParallelismParameter] = parallelism.ToString(CultureInfo.InvariantCulture),
        };
        var savepointName = $"rescale-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss-fff}-to-{parallelism}";
        var paused = Stopwatch.StartNew();
        var result = await CallAsync(jobId, c => c.RescaleAsync(spec with { Parameters = parameters, FromSavepoint = null }, savepointName), cancellationToken);
        await WaitUntilRunningAsync(jobId, cancellationToken);
        return new RescaledJobView(jobId, parallelism, result.Savepoint.Name, result.Savepoint.CheckpointId, paused.Elapsed.TotalMilliseconds, result.Warnings);
    }

    // The coordinator answers once the tasks were started; a restart the strategy took over may still be under way.
    private async Task WaitUntilRunningAsync(string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await CallAsync(jobId, c => c.GetStatusAsync(includeTasks: false), cancellationToken);
            if (status.Outcome is { } outcome)
            {
                throw new JobControlException(JobControlError.Conflict, $"Job '{jobId}' ended while rescaling: {outcome.Message}");
            }

            if (status.Phase == JobPhase.Running)
            {
                return;
            }

            await Task.Delay(s_runningPoll, cancellationToken);
        }
    }
}
