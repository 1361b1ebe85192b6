namespace Grainflow.Invocation;

/// <summary>A call of a grain method that returns <see cref="Task{TResult}"/>.</summary>
/// <typeparam name="TArguments">The method's arguments: the single argument, a tuple of them, or <see cref="NoArguments"/>.</typeparam>
/// <typeparam name="TResult">The method's result type.</typeparam>
public sealed class GrainCall<TArguments, TResult> : GrainCall
{
    private readonly Func<object, TArguments, Task<TResult>> _body;
    private readonly TArguments _arguments;
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a call that runs <paramref name="body"/> with <paramref name="arguments"/>.</summary>
    public GrainCall(GrainMethod method, Func<object, TArguments, Task<TResult>> body, TArguments arguments, bool started)
        : base(method, started)
    {
        _body = body;
        _arguments = arguments;
    }

    /// <summary>The task the caller awaits.</summary>
    public new Task<TResult> Task => _completion.Task;

    /// <inheritdoc/>
    public override Task Invoke(object grain) => _body(grain, _arguments);

    /// <inheritdoc/>
    protected override void SetResult(Task grainTask) => _completion.TrySetResult(((Task<TResult>)grainTask).Result);

    /// <inheritdoc/>
    protected override void SetException(Exception exception) => _completion.TrySetException(exception);

    /// <inheritdoc/>
    protected override void SetCanceled() => _completion.TrySetCanceled();

    private protected override Task CallerTask => _completion.Task;
}
