namespace Grainflow.Streaming.Tasks;

/// <summary>
/// The keyed task's part of credit-based flow control: credit for its input channels goes back as batches are
/// processed, and input waits while its own output waits for credit.
/// </summary>
internal sealed partial class KeyedTask<TKey, TIn, TOut>
{
    /// <summary>Whether the output waits for credit; the task then takes nothing more until it was sent.</summary>
    private bool PauseForOutput()
    {
        if (!_terminal!.IsBackPressured)
        {
            return false;
        }

        _pausedForOutput = true;
        _environment.Counters.EnterBackPressure();
        return true;
    }

    /// <summary>The output that waited for credit was sent: take the input that waited meanwhile.</summary>
    private void OnCapacityRestored()
    {
        if (_pausedForOutput)
        {
            _pausedForOutput = false;
            _environment.Counters.ExitBackPressure();
            _ = ResumeAsync();
        }
    }

    private async Task ResumeAsync()
    {
        try
        {
            _terminal!.ThrowIfFailed();
            await Drain().ConfigureAwait(true);
            GiveCreditBack(caller: -1);
        }
        catch (Exception exception)
        {
            TaskLog.ResumeFailed(_environment.Logger, exception, _environment.TaskId);
            await ReportFailureAsync(exception).ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Returns the credit owed to <paramref name="caller"/>'s channel (it goes back in the answer to its call) and
    /// grants the credit owed to any other channel with a call of its own (batches released by an alignment, or taken
    /// after a pause).
    /// </summary>
    private int GiveCreditBack(int caller)
    {
        if (_credits.IsOwedToOtherThan(caller))
        {
            for (var channel = 0; channel < _senders.Length; channel++)
            {
                if (channel != caller && _credits.TakeOwed(channel) is var owed and > 0)
                {
                    _ = GrantAsync(channel, owed);
                }
            }
        }

        return caller < 0 ? 0 : _credits.TakeOwed(caller);
    }

    private async ValueTask<int> GiveCreditBackAfterAsync(ValueTask drained, int caller)
    {
        await drained.ConfigureAwait(true);
        return GiveCreditBack(caller);
    }

    private async Task GrantAsync(int channel, int credits)
    {
        try
        {
            await _senders[channel].GrantCreditAsync(_index, credits).ConfigureAwait(true);
        }
        catch (Exception exception)
        {
            // The sender would wait for this credit for ever: the job must roll back instead.
            TaskLog.CreditGrantFailed(_environment.Logger, exception, _environment.TaskId, channel);
            await ReportFailureAsync(exception).ConfigureAwait(true);
        }
    }

    private async Task ReportFailureAsync(Exception exception)
    {
        try
        {
            await _environment.Coordinator.ReportFailureAsync(_environment.TaskId, exception.Message, lasting: false).ConfigureAwait(true);
        }
        catch (Exception reportException)
        {
            TaskLog.FailureNotReported(_environment.Logger, reportException, _environment.TaskId);
        }
    }
}
