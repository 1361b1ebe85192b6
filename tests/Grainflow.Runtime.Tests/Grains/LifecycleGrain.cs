namespace Grainflow.Runtime.Tests.Grains;

public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private static int s_instances;
    private readonly LifecycleJournal _journal;
    private readonly int _instance;

    public LifecycleGrain(LifecycleJournal journal)
    {
        _journal = journal;
        _instance = Interlocked.Increment(ref s_instances);
        _journal.Record($"{GetPrimaryKeyLong()}:construct");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (_journal.FailNextActivation)
        {
            _journal.FailNextActivation = false;
            throw new InvalidOperationException("activation refused by test");
        }

        _journal.Record($"{GetPrimaryKeyLong()}:activate");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_journal.OnDeactivate is { } hook)
        {
            await hook(cancellationToken);
        }

        _journal.Record($"{GetPrimaryKeyLong()}:deactivate:{reason.Code}");
    }

    public Task<long> Ping()
    {
        _journal.Record($"{GetPrimaryKeyLong()}:ping");
        return Task.FromResult((long)_instance);
    }

    public Task PingAndDeactivate()
    {
        _journal.Record($"{GetPrimaryKeyLong()}:ping");
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ThrowOnNextActivation()
    {
        _journal.FailNextActivation = true;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
