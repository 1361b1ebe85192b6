namespace Grainflow.Streaming.Checkpointing.Storage;

/// <summary>
/// An optional capability of an <see cref="ICheckpointStorage"/> whose interrupted writes leave private temporary
/// objects behind (local disk: the <c>.*.tmp</c> files a killed write never renamed). Retention and the start-up
/// sweep use it to reclaim them; stores without such leftovers (blob storage discards uncommitted blocks itself) do
/// not implement it.
/// </summary>
public interface ICheckpointStorageLeftovers
{
    /// <summary>
    /// Lists the leftovers whose path starts with <paramref name="prefix"/>: storage paths whose last segment is a
    /// private temporary name. <see cref="ICheckpointStorage.ListAsync"/> never lists them.
    /// </summary>
    IAsyncEnumerable<string> ListLeftoversAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes one leftover; returns <see langword="false"/> if it did not exist.</summary>
    /// <exception cref="ArgumentException">The path is not a leftover's.</exception>
    ValueTask<bool> DeleteLeftoverAsync(string path, CancellationToken cancellationToken = default);
}
