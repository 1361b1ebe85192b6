namespace Grainflow.Runtime.Activations;

/// <summary>
/// Current while an activation's turn runs, so that an <c>await</c> in grain code resumes as another turn of
/// the same activation (never concurrently with its other turns), wherever the awaited task completed.
/// </summary>
internal sealed class ActivationSynchronizationContext(Activation activation) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => activation.EnqueueContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException(
            "Synchronous Send to a grain's context would block a turn on another turn; await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
