namespace Grainflow.Runtime.Tests.Grains;

/// <summary>A grain that reports how its turns were scheduled.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters, yields to the scheduler, leaves; returns the number of calls seen so far.</summary>
    Task<int> EnterYieldLeave();

    /// <summary>The highest number of calls that were inside the grain at the same time.</summary>
    Task<int> MaxConcurrency();

    /// <summary>Signals <paramref name="entered"/>, then waits until <paramref name="gate"/> completes.</summary>
    Task Wait(Task gate, TaskCompletionSource? entered = null);

    /// <summary>Blocks the thread until <paramref name="barrier"/> is passed, so only parallel turns succeed.</summary>
    Task<bool> BlockAtBarrier(Barrier barrier);

    /// <summary>How many times <see cref="Count"/> ran.</summary>
    Task<int> Count();

    /// <summary>Whether the current synchronization context belonged to this grain after an await.</summary>
    Task<string> WhoAmIAfterAwait();

    [AlwaysInterleave]
    Task<int> CountInterleaved();
}
