namespace Grainflow.Grains.Jobs;

/// <summary>
/// Where a job keeps its checkpoints and savepoints, in a form every silo can open: a kind registered with
/// <see cref="Hosting.GrainflowOptions.AddCheckpointStorage"/> and that kind's address. The address of a blob
/// kind is a connection string: <see cref="ToString"/> never shows it.
/// </summary>
/// <param name="Kind">The storage kind, e.g. <see cref="LocalKind"/>.</param>
/// <param name="Address">For <see cref="LocalKind"/>, the root directory; for other kinds, what their factory reads.</param>
/// <param name="Container">A container or bucket within the address, where the kind has one.</param>
[GenerateSerializer]
public sealed record CheckpointLocation(string Kind, string Address, string? Container = null)
{
    /// <summary>Checkpoints in a local (or shared) directory.</summary>
    public const string LocalKind = "local";

    /// <summary>A local directory.</summary>
    public static CheckpointLocation Directory(string path) => new(LocalKind, Path.GetFullPath(path));

    /// <inheritdoc/>
    public override string ToString() => Kind == LocalKind ? Address : $"{Kind} container {Container}";
}
