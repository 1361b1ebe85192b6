namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// Identifies the state of one task: an operator and the inclusive range of key groups one of its grain
/// activations owns.
/// </summary>
[GenerateSerializer]
public sealed record TaskStateKey
{
    /// <summary>Creates a task key.</summary>
    /// <exception cref="ArgumentException">The operator id breaks the naming rules of
    /// <see cref="CheckpointStorageLayout.ValidateName"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The start is negative or the end precedes the start.</exception>
    public TaskStateKey(string operatorId, int keyGroupStart, int keyGroupEnd)
    {
        CheckpointStorageLayout.ValidateName(operatorId, nameof(operatorId), "operator id");
        ArgumentOutOfRangeException.ThrowIfNegative(keyGroupStart);
        ArgumentOutOfRangeException.ThrowIfLessThan(keyGroupEnd, keyGroupStart);
        OperatorId = operatorId;
        KeyGroupStart = keyGroupStart;
        KeyGroupEnd = keyGroupEnd;
    }

    /// <summary>The operator's id, unique within the job's topology.</summary>
    [Id(0)]
    public string OperatorId { get; }

    /// <summary>The first key group of the range.</summary>
    [Id(1)]
    public int KeyGroupStart { get; }

    /// <summary>The last key group of the range (inclusive).</summary>
    [Id(2)]
    public int KeyGroupEnd { get; }
}
