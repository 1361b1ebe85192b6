namespace Grainflow.Streaming.Sources;

/// <summary>The retained offset range of a log partition: records <c>[FirstOffset, NextOffset)</c>.</summary>
/// <param name="FirstOffset">The offset of the first retained record.</param>
/// <param name="NextOffset">The offset the next appended record will receive; equal to FirstOffset when empty.</param>
public readonly record struct LogPartitionBounds(long FirstOffset, long NextOffset)
{
    /// <summary>Gets whether the partition retains no records.</summary>
    public bool IsEmpty => NextOffset == FirstOffset;
}
