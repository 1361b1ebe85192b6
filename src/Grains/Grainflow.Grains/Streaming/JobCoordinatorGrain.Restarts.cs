using Grainflow.Grains.Jobs;
using Grainflow.Streaming.Execution;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// The restart strategy: a failed or lost task rolls the whole job back to its last completed checkpoint, on the
/// silos that are alive, in a new attempt. Restarts are bounded by the job's <see cref="RestartStrategy"/>.
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    private RestartBudget _restarts = new(RestartStrategy.Default);
    private MembershipVersion _seenMembership = MembershipVersion.MinValue;
    private Task _completion = Task.CompletedTask;
    private long _attempt;
    private bool _restarting;
    private bool _deactivated;

    /// <summary>
    /// This activation goes: the silo stops, or Orleans found another activation of the job's coordinator (after a
    /// silo's death lost the directory entry, a call created a second one) and keeps that one. It must neither go on
    /// restarting the job's tasks nor hold the checkpoint location, or the activation that carries on cannot start.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        _running = false;
        _tick?.Dispose();
        LogDeactivated(this.GetPrimaryKeyString(), reason.ReasonCode.ToString());
        await ReleaseWriterLockAsync();
    }

    /// <summary>
    /// Rolls the job back to its last completed checkpoint and starts every task again in a new attempt, after the
    /// strategy's delay; fails the job when the strategy gives up or the restart cannot be planned. Runs on the
    /// coordinator's own turns: callers do not await it.
    /// </summary>
    private Task RestartAsync(string reason) => RestartAsync(new RestartCause(reason, IsLasting: false));

    private async Task RestartAsync(RestartCause failure)
    {
        if (Finished || _restarting || _starting || _deactivated)
        {
            return;
        }

        var reason = failure.Message;
        _restarting = true;
        try
        {
            while (true)
            {
                if (failure.IsLasting)
                {
                    // Input no restart can get past: reading it again from the last checkpoint fails the same way.
                    LogFailedWithoutRestart(Graph.JobId, reason);
                    Finish(Failed(reason) with { IsLasting = true });
                    return;
                }

                if (!_restarts.TryTake(Clock.GetUtcNow(), out var delay))
                {
                    var strategy = Job.Options.Restart;
                    Finish(Failed(strategy.MaxRestarts == 0 ? reason
                        : $"{reason} (the restart strategy gave up: {strategy.MaxRestarts} restarts within {strategy.Window.TotalSeconds:0.###} s)"));
                    return;
                }

                LogRestarting(Graph.JobId, reason, _restarts.Count, delay.TotalMilliseconds);
                _running = false;
                if (_pending is { } pending)
                {
                    await AbortAsync(pending, $"the job restarts: {reason}");
                }

                // A checkpoint being published is published (or not) before the restart reads which one is latest.
                await _completion;
                await Task.Delay(delay, Clock);
                if (Finished || _deactivated)
                {
                    return;
                }

                var (planned, passing) = await ReplanAsync(reason);
                if (!planned)
                {
                    if (passing is null)
                    {
                        return;
                    }

                    reason = passing;
                    continue;
                }

                if (await StartTasksAsync() is not { } startFailure)
                {
                    LogRestarted(Graph.JobId, _lastCompletedId, _restarts.Count);
                    return;
                }

                failure = startFailure;
                reason = startFailure.Message;
            }
        }
        finally
        {
            _restarting = false;
        }
    }

    /// <summary>
    /// Chooses the checkpoint to roll back to, as a start does. A failure of the storage's requests (checkpoint storage
    /// unreachable, the location still locked by a process going away: what a storage outage that outlasts a writer
    /// lease brings; see <see cref="RestartPlanFailure"/>) is returned as <c>Passing</c>, to be tried again under the
    /// restart strategy; any other failure (a damaged checkpoint, another job's location, a bug) fails the job at once.
    /// </summary>
    private async Task<(bool Planned, string? Passing)> ReplanAsync(string reason)
    {
        try
        {
            await ReleaseWriterLockAsync();
            Apply(await JobRestorePlanner.PlanAsync(jobs, _spec!));
            return (true, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = $"{reason}; restarting from the last checkpoint failed: {exception.Message}";
            if (!RestartPlanFailure.Passes(exception))
            {
                Finish(Failed(failure));
                return (false, null);
            }

            return (false, failure);
        }
    }

    private JobOutcome Failed(string message) => new(JobEndKind.Failed, message, _lastCompletedId, CommittedInvalidInputCount);

    // Attempts only need to differ: a coordinator that reactivated after its silo died knows nothing of the ones before.
    private static long NewAttempt() => Random.Shared.NextInt64(1, long.MaxValue);
}
