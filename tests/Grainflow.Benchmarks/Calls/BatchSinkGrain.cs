namespace Grainflow.Benchmarks.Calls;

/// <summary>
/// Counts the records of every batch it receives and remembers the last batch object of each kind, so the harness can check that Orleans copied one and not the other.
/// </summary>
internal sealed class BatchSinkGrain : Grain, IBatchSinkGrain
{
    private long _records;

    /// <summary>The last <see cref="ImmutableWordBatch"/> any activation received (for the harness's reference check only).</summary>
    public static object? LastImmutable { get; private set; }

    /// <summary>The last <see cref="CopiedWordBatch"/> any activation received (for the harness's reference check only).</summary>
    public static object? LastCopied { get; private set; }

    public Task PushAsync(ImmutableWordBatch batch)
    {
        LastImmutable = batch;
        _records += batch.Words.Length;
        return Task.CompletedTask;
    }

    public Task PushAsync(CopiedWordBatch batch)
    {
        LastCopied = batch;
        _records += batch.Words.Length;
        return Task.CompletedTask;
    }

    public Task<long> GetRecordCountAsync() => Task.FromResult(_records);
}
