using Grainflow.Interfaces.Samples;
using Microsoft.Extensions.Logging;

namespace Grainflow.Grains.Samples;

/// <summary>
/// Keeps a count in memory and saves it write-behind: a timer saves it when it changed, and deactivation
/// saves the last increments, so a graceful stop loses nothing.
/// </summary>
public sealed partial class CounterGrain(ICounterStore store, CounterActivity activity, ILogger<CounterGrain> logger)
    : Grain, ICounterGrain
{
    /// <summary>How long an increment may stay unsaved while the grain is active.</summary>
    public static readonly TimeSpan SavePeriod = TimeSpan.FromSeconds(1);

    private long _count;
    private long _savedCount;
    private IGrainTimer? _saveTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        _count = _savedCount = await store.ReadAsync(name, cancellationToken);

        // Not KeepAlive: a counter nobody calls should still be collected when idle.
        _saveTimer = this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions { DueTime = SavePeriod, Period = SavePeriod });
        activity.OnActivated();
        LogActivated(logger, name, _count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _saveTimer?.Dispose();
        await SaveAsync(cancellationToken);
        activity.OnDeactivated();
        var name = this.GetPrimaryKeyString();
        LogDeactivated(logger, name, _count, reason.ReasonCode);
    }

    public Task<long> IncrementAsync() => Task.FromResult(++_count);

    public Task<long> GetCountAsync() => Task.FromResult(_count);

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_count == _savedCount)
        {
            return;
        }

        var count = _count;
        await store.WriteAsync(this.GetPrimaryKeyString(), count, cancellationToken);
        _savedCount = count;
    }
}
