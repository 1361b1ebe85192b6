namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// The opaque version of a conditionally updated object (an ETag on blob storage). Only equality is meaningful.
/// </summary>
public sealed record StorageVersion
{
    /// <summary>Wraps an implementation's version token.</summary>
    public StorageVersion(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    /// <summary>The implementation's token.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
