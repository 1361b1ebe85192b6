namespace Grainflow.Invocation;

/// <summary>A call of a grain method that returns <see cref="System.Threading.Tasks.Task"/>.</summary>
/// <typeparam name="TArguments">The method's arguments: the single argument, a tuple of them, or <see cref="NoArguments"/>.</typeparam>
public sealed class GrainVoidCall<TArguments> : GrainCall
{
    private readonly Func<object, TArguments, Task> _body;
    private readonly TArguments _arguments;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a call that runs <paramref name="body"/> with <paramref name="arguments"/>.</summary>
    public GrainVoidCall(GrainMethod method, Func<object, TArguments, Task> body, TArguments arguments, bool started)
        : base(method, started)
    {
        _body = body;
        _arguments = arguments;
    }

    /// <inheritdoc/>
    public override Task Invoke(object grain) => _body(grain, _arguments);

    /// <inheritdoc/>
    protected override void SetResult(Task grainTask) => _completion.TrySetResult();

    /// <inheritdoc/>
    protected override void SetException(Exception exception) => _completion.TrySetException(exception);

    /// <inheritdoc/>
    protected override void SetCanceled() => _completion.TrySetCanceled();

    private protected override Task CallerTask => _completion.Task;
}
