using Grainflow.Streams.Log.Providers;

namespace Grainflow.Streams.Log.Producers;

/// <summary>
/// Appends to a stream of a Grainflow log stream provider so that retries are never stored twice, as Kafka's
/// idempotent producer: every append carries this producer's id and the next sequence number (through
/// <see cref="RequestContext"/>, see <see cref="ProducerRequestContext"/>), and the partition stores an append whose
/// sequence it has already stored only once. Not thread-safe: one append at a time, each awaited.
/// </summary>
/// <remarks>
/// <para>When an append fails (a timeout, a silo that died during the call) it may or may not have been stored: the
/// sequence is not advanced, and calling the same method again with the same events retries it safely. Retrying with
/// other events at that point would be taken for the retry and dropped if the first attempt was stored.</para>
/// <para>The id names one sequential writer of one stream; choose it so that a restarted producer uses the same id
/// and resumes its sequence where it knows it stood (a producer replaying an input from its start can give record
/// <c>i</c> sequence <c>i</c>: what the partition already holds is skipped). The partition remembers each producer's
/// last sequence across silo restarts, rebuilding it from the records on open; producers whose records retention
/// removed are forgotten and may start anew.</para>
/// </remarks>
public sealed class IdempotentStreamProducer<T>
{
    private readonly IAsyncStream<T> _stream;
    private int _busy;

    /// <summary>Initializes a producer.</summary>
    /// <param name="stream">A stream of a Grainflow log stream provider.</param>
    /// <param name="producerId">This producer's id: stable across its restarts, unique among the stream's producers.</param>
    /// <param name="nextSequence">The sequence number of the next append (0 for a new producer).</param>
    public IdempotentStreamProducer(IAsyncStream<T> stream, string producerId, long nextSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(producerId);
        ArgumentOutOfRangeException.ThrowIfNegative(nextSequence);
        _stream = stream;
        ProducerId = producerId;
        NextSequence = nextSequence;
    }

    /// <summary>Gets the producer's id.</summary>
    public string ProducerId { get; }

    /// <summary>Gets the sequence number the next append carries; it advances when an append succeeds.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Appends one event; completes once it is durable (or known to be stored already).</summary>
    public Task OnNextAsync(T item) => AppendAsync(() => _stream.OnNextAsync(item));

    /// <summary>Appends events as one record, stored all or none; completes once durable.</summary>
    public Task OnNextBatchAsync(IEnumerable<T> items) => AppendAsync(() => _stream.OnNextBatchAsync(items));

    private async Task AppendAsync(Func<Task> append)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"Producer '{ProducerId}' is already appending: await each append before the next.");
        }

        try
        {
            RequestContext.Set(ProducerRequestContext.ProducerIdKey, ProducerId);
            RequestContext.Set(ProducerRequestContext.SequenceKey, NextSequence);
            try
            {
                await append();
            }
            finally
            {
                RequestContext.Remove(ProducerRequestContext.ProducerIdKey);
                RequestContext.Remove(ProducerRequestContext.SequenceKey);
            }

            NextSequence++;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
