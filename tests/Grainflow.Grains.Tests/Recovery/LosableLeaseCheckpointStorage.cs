using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Tests.Recovery;

/// <summary>
/// Checkpoint storage over a local directory whose writer lock is a lease the test can take away (as a blob lease that
/// could not be renewed), and whose next writer lock requests can be made to fail: the restart that follows the loss
/// plans with a fault of the test's choosing.
/// </summary>
internal sealed class LosableLeaseCheckpointStorage(string root) : ICheckpointStorage, ICheckpointLocationLock
{
    private readonly LocalCheckpointStorage _inner = new(root);
    private readonly Lock _lock = new();
    private TestLease? _held;
    private Func<Exception>? _fault;
    private int _faultsLeft;
    private int _failedAcquisitions;

    /// <summary>Writer lock requests that failed with the injected fault so far.</summary>
    public int FailedAcquisitions => Volatile.Read(ref _failedAcquisitions);

    /// <summary>The next <paramref name="times"/> writer lock requests throw what <paramref name="fault"/> makes.</summary>
    public void FailNextAcquisitions(Func<Exception> fault, int times)
    {
        lock (_lock)
        {
            (_fault, _faultsLeft) = (fault, times);
        }
    }

    /// <summary>Takes the held lease away, as the service would after renewals failed for its term.</summary>
    public void LoseLease(string reason)
    {
        TestLease held;
        lock (_lock)
        {
            held = _held ?? throw new InvalidOperationException("No lease is held.");
        }

        held.Lose(reason);
    }

    public ValueTask<IAsyncDisposable> AcquireJobLockAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_faultsLeft > 0)
            {
                _faultsLeft--;
                _failedAcquisitions++;
                throw _fault!();
            }

            _held = new TestLease();
            return ValueTask.FromResult<IAsyncDisposable>(_held);
        }
    }

    public ValueTask CreateAsync(string path, Func<Stream, CancellationToken, ValueTask> writeAsync, CancellationToken cancellationToken = default) =>
        _inner.CreateAsync(path, writeAsync, cancellationToken);

    public ValueTask<Stream?> TryOpenReadAsync(string path, CancellationToken cancellationToken = default) => _inner.TryOpenReadAsync(path, cancellationToken);

    public ValueTask<VersionedContent?> TryReadVersionedAsync(string path, CancellationToken cancellationToken = default) =>
        _inner.TryReadVersionedAsync(path, cancellationToken);

    public ValueTask<StorageVersion> WriteConditionalAsync(string path, ReadOnlyMemory<byte> content, StorageVersion? expectedVersion, CancellationToken cancellationToken = default) =>
        _inner.WriteConditionalAsync(path, content, expectedVersion, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

    public ValueTask<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => _inner.DeleteAsync(path, cancellationToken);

    private sealed class TestLease : ICheckpointLocationLease
    {
        private readonly CancellationTokenSource _lost = new();
        private volatile string? _lossReason;

        public CancellationToken Lost => _lost.Token;

        public string? LossReason => _lossReason;

        public void Lose(string reason)
        {
            _lossReason = reason;
            _lost.Cancel();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
