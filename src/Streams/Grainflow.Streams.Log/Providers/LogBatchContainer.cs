namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// Consecutive events of one stream, read from one partition, delivered to a consumer in one call. Holds the
/// events of one or more records (appends) in offset order; each event's token is its record's offset and its index.
/// </summary>
[GenerateSerializer]
[Immutable]
internal sealed class LogBatchContainer(
    StreamId streamId, int partition, List<object> events, long[] offsets, int[] indexes, Dictionary<string, object>? requestContext)
    : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public int Partition { get; } = partition;

    [Id(2)]
    public List<object> Events { get; } = events;

    /// <summary>Each event's record offset.</summary>
    [Id(3)]
    public long[] Offsets { get; } = offsets;

    /// <summary>Each event's index in its record.</summary>
    [Id(4)]
    public int[] Indexes { get; } = indexes;

    [Id(5)]
    public Dictionary<string, object>? RequestContext { get; } = requestContext;

    public StreamSequenceToken SequenceToken => new LogSequenceToken(Partition, Offsets[0], Indexes[0]);

    /// <summary>Gets the offset after the container's last record: where a reader continues.</summary>
    public long EndOffset => Offsets[^1] + 1;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T item)
            {
                yield return Tuple.Create(item, (StreamSequenceToken)new LogSequenceToken(Partition, Offsets[i], Indexes[i]));
            }
        }
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
