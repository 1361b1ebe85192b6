using System.Globalization;

namespace Grainflow.Streams.Log.Providers;

/// <summary>
/// The position of an event in a log stream provider: its partition, the offset of the record (append) that holds
/// it, and its index in that record. <see cref="StreamSequenceToken.SequenceNumber"/> is the offset; offsets count a
/// partition's records from 0.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class LogSequenceToken : StreamSequenceToken
{
    /// <summary>Initializes a token.</summary>
    public LogSequenceToken(int partition, long offset, int eventIndex)
    {
        Partition = partition;
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    /// <summary>Gets the partition.</summary>
    [Id(0)]
    public int Partition { get; private set; }

    /// <summary>Gets the record's offset in its partition.</summary>
    [Id(1)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Gets the event's index in its record (0 for an event appended with <c>OnNextAsync</c>).</summary>
    [Id(2)]
    public override int EventIndex { get; protected set; }

    /// <summary>Gets the record's offset in its partition (the same as <see cref="SequenceNumber"/>).</summary>
    public long Offset => SequenceNumber;

    /// <inheritdoc/>
    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex
        && (other is not LogSequenceToken log || log.Partition == Partition);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StreamSequenceToken token && Equals(token);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Partition, SequenceNumber, EventIndex);

    /// <summary>Orders tokens of one partition by offset, then by index; a null token comes first.</summary>
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byOffset = SequenceNumber.CompareTo(other.SequenceNumber);
        return byOffset != 0 ? byOffset : EventIndex.CompareTo(other.EventIndex);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"partition {Partition}, offset {SequenceNumber}, event {EventIndex}");
}
