using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// A held writer lease on a job's lock blob, renewed in the background every third of its term until disposed. It is
/// lost when the service says it is another's (409, 412, 404), or when no renewal succeeded until a fifth of the term
/// is left: the holder must stop writing before the service may grant it to someone else.
/// </summary>
/// <remarks>
/// The term is counted from when each successful request was sent, so the service's term ends no earlier than this
/// process believes (clocks drift far less than the fifth kept in hand). Each renewal attempt is bounded, so a hung
/// request cannot carry the holder past that point. Disposal stops the renewals and releases the lease (best effort:
/// a lease that cannot be released expires within its term). Thread-safe.
/// </remarks>
internal sealed partial class BlobJobLease : ICheckpointLocationLease
{
    // Renewals that fail are retried at this pace until the lease counts as lost.
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromSeconds(1);

    // Releasing on disposal must not hold up a stopping job for long: the lease expires by itself anyway.
    private static readonly TimeSpan s_releaseTimeout = TimeSpan.FromSeconds(5);

    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _jobId;
    private readonly string _location;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private volatile string? _lossReason;
    private int _renewalCount;
    private int _disposed;

    /// <param name="lease">The lease client, holding the lease since <paramref name="acquiredAt"/>.</param>
    /// <param name="duration">The lease's term.</param>
    /// <param name="acquiredAt">The <see cref="TimeProvider.GetTimestamp"/> at which the successful Acquire Lease was sent.</param>
    /// <param name="time">The clock of renewals and of the term.</param>
    /// <param name="logger">Where renewal failures and the loss are logged.</param>
    /// <param name="jobId">The job whose location is locked, for log lines.</param>
    /// <param name="location">The location's display name (no secret), for log lines.</param>
    public BlobJobLease(BlobLeaseClient lease, TimeSpan duration, long acquiredAt, TimeProvider time, ILogger logger, string jobId, string location)
    {
        _lease = lease;
        _duration = duration;
        _time = time;
        _logger = logger;
        _jobId = jobId;
        _location = location;

        // Off the caller's scheduler (a grain's): the renewals must not queue behind its turns.
        _renewals = Task.Run(() => RenewAsync(acquiredAt));
    }

    /// <inheritdoc/>
    public CancellationToken Lost => _lost.Token;

    /// <inheritdoc/>
    public string? LossReason => _lossReason;

    /// <summary>The renewals that succeeded so far.</summary>
    public int RenewalCount => Volatile.Read(ref _renewalCount);

    /// <summary>Between renewals: a third of the term, so two may fail before the lease counts as lost.</summary>
    private TimeSpan RenewInterval => _duration / 3;

    /// <summary>How long after the last confirmed term began the lease counts as lost: all of it but a fifth.</summary>
    private TimeSpan HeldFor => _duration - (_duration / 5);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(s_releaseTimeout, _time);
            await _lease.ReleaseAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, CancellationToken.None) is { } failure)
        {
            // Lost already, or the store does not answer: the lease expires by itself within its term.
            var described = BlobCheckpointErrors.Describe(failure);
            LogReleaseFailed(_logger, _jobId, _location, described, _duration.TotalSeconds);
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private async Task RenewAsync(long confirmedAt)
    {
        var failures = 0;
        while (true)
        {
            var left = HeldFor - _time.GetElapsedTime(confirmedAt);
            var wait = failures == 0 ? RenewInterval - _time.GetElapsedTime(confirmedAt) : s_retryInterval;
            try
            {
                await Task.Delay(Clamp(wait, left), _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            left = HeldFor - _time.GetElapsedTime(confirmedAt);
            if (left <= TimeSpan.Zero)
            {
                Lose($"it could not be renewed for {_time.GetElapsedTime(confirmedAt).TotalSeconds:0.#} s of its {_duration.TotalSeconds:0} s term ({failures} attempts failed)");
                return;
            }

            var sentAt = _time.GetTimestamp();
            using var timeout = new CancellationTokenSource(Clamp(RenewInterval / 2, left), _time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timeout.Token);
            try
            {
                await _lease.RenewAsync(cancellationToken: attempt.Token).ConfigureAwait(false);
                confirmedAt = sentAt;
                Interlocked.Increment(ref _renewalCount);
                if (failures > 0)
                {
                    LogRenewedAgain(_logger, _jobId, _location, failures);
                }

                failures = 0;
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (BlobCheckpointErrors.AsRequestFailure(e, _stop.Token) is { } failure)
            {
                if (BlobCheckpointErrors.IsLeaseGone(failure))
                {
                    Lose($"the service says it is not this process's any more ({BlobCheckpointErrors.Describe(failure)}): another process may hold it");
                    return;
                }

                if (++failures == 1)
                {
                    var described = BlobCheckpointErrors.Describe(failure);
                    LogRenewFailed(_logger, _jobId, _location, described, left.TotalSeconds);
                }
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan most) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > most ? (most < TimeSpan.Zero ? TimeSpan.Zero : most) : wait;

    private void Lose(string reason)
    {
        _lossReason = reason;
        LogLost(_logger, _jobId, _location, reason);
        _lost.Cancel();
    }
}
