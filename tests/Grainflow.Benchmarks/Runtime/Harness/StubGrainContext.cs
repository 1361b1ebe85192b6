using Grainflow.Timers;

namespace Grainflow.Benchmarks.Runtime.Harness;

/// <summary>A context that lets grain objects be constructed outside a silo, only to measure their size.</summary>
internal sealed class StubGrainContext : IGrainContext
{
    public GrainId GrainId => new("stub", "0");

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public IServiceProvider Services => throw new NotSupportedException();

    public TimeProvider TimeProvider => TimeProvider.System;

    public void Deactivate(DeactivationReason reason) => throw new NotSupportedException();

    public void DelayDeactivation(TimeSpan timeSpan) => throw new NotSupportedException();

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        throw new NotSupportedException();
}
