using System.Collections.Concurrent;

namespace Grainflow.Runtime.Tests.Grains;

/// <summary>Records lifecycle events of test grains, in order; registered as a singleton service.</summary>
public sealed class LifecycleJournal
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();

    public IReadOnlyList<string> Events => [.. _events];

    public bool FailNextActivation { get; set; }

    public Func<CancellationToken, Task>? OnDeactivate { get; set; }

    public void Record(string entry)
    {
        _events.Enqueue(entry);
        Signal(entry).TrySetResult();
    }

    /// <summary>Completes when <paramref name="entry"/> has been recorded.</summary>
    public Task WhenRecorded(string entry) => Signal(entry).Task;

    private TaskCompletionSource Signal(string entry) =>
        _signals.GetOrAdd(entry, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
