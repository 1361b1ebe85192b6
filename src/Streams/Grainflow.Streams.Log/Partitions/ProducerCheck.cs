namespace Grainflow.Streams.Log.Partitions;

/// <summary>What the <see cref="ProducerTable"/> says about an append.</summary>
internal enum ProducerCheck
{
    /// <summary>Write it.</summary>
    Append,

    /// <summary>A retry of an append already stored: acknowledge it without writing.</summary>
    Duplicate,

    /// <summary>Sequence numbers were skipped: refuse it.</summary>
    Gap,
}
