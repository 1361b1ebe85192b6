using System.Diagnostics.CodeAnalysis;

namespace Grainflow.Invocation;

/// <summary>
/// Base class of the generated grain reference classes. A call first tries the fast path (the cached
/// activation is idle: run the grain method on this thread as a turn of the activation); otherwise it is
/// handed to the router, which queues it, activates the grain, or re-routes it.
/// </summary>
/// <remarks>Thread-safe. Equality is by grain identity.</remarks>
public abstract class GrainReference : IEquatable<GrainReference>
{
    private readonly IGrainCallRouter _router;

    /// <summary>Creates a reference to <paramref name="grainId"/>.</summary>
    protected GrainReference(IGrainCallRouter router, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(router);
        _router = router;
        GrainId = grainId;
    }

    /// <summary>The identity of the referenced grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The activation this reference last reached; written by the router, read by the fast path.</summary>
    internal IGrainCallTarget? CachedTarget { get; set; }

    /// <summary>Calls a grain method that returns <see cref="Task{TResult}"/>.</summary>
    protected Task<TResult> InvokeAsync<TArguments, TResult>(
        GrainMethod method, Func<object, TArguments, Task<TResult>> body, TArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!TryEnterInline(method, out var target, out var grain, out var turn))
        {
            var queued = new GrainCall<TArguments, TResult>(method, body, arguments, started: false);
            _router.Send(this, queued);
            return queued.Task;
        }

        Task<TResult> task;
        try
        {
            task = body(grain, arguments);
        }
        catch (Exception exception)
        {
            task = Task.FromException<TResult>(exception);
        }

        if (task.IsCompleted)
        {
            target.ExitInline(turn, task, pendingCall: null);
            return task;
        }

        var pending = new GrainCall<TArguments, TResult>(method, body, arguments, started: true);
        target.ExitInline(turn, task, pending);
        return pending.Task;
    }

    /// <summary>Calls a grain method that returns <see cref="Task"/>.</summary>
    protected Task InvokeAsync<TArguments>(GrainMethod method, Func<object, TArguments, Task> body, TArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!TryEnterInline(method, out var target, out var grain, out var turn))
        {
            var queued = new GrainVoidCall<TArguments>(method, body, arguments, started: false);
            _router.Send(this, queued);
            return queued.Task;
        }

        Task task;
        try
        {
            task = body(grain, arguments);
        }
        catch (Exception exception)
        {
            task = Task.FromException(exception);
        }

        if (task.IsCompleted)
        {
            target.ExitInline(turn, task, pendingCall: null);
            return task;
        }

        var pending = new GrainVoidCall<TArguments>(method, body, arguments, started: true);
        target.ExitInline(turn, task, pending);
        return pending.Task;
    }

    /// <inheritdoc/>
    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => GrainId.ToString();

    private bool TryEnterInline(
        GrainMethod method,
        [NotNullWhen(true)] out IGrainCallTarget? target,
        [NotNullWhen(true)] out object? grain,
        out InlineTurn turn)
    {
        target = CachedTarget;
        if (target is not null && target.TryEnterInline(method, out grain, out turn))
        {
            return true;
        }

        grain = null;
        turn = default;
        return false;
    }
}
