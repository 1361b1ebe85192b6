namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>One recorded file operation, with paths relative to the recorded root ('/'-separated).</summary>
/// <param name="Index">Its position in the run, from 0.</param>
/// <param name="Kind">What it did.</param>
/// <param name="Path">The file or directory it acted on (the source of a move; "" is the root).</param>
/// <param name="Target">The destination of a move; otherwise null.</param>
/// <param name="Content">The file's whole content when it was flushed; otherwise null.</param>
/// <param name="OpenedBy">For a flush: the index of the create or open that returned the flushed handle.</param>
internal sealed record FileOperation(int Index, FileOperationKind Kind, string Path, string? Target = null, byte[]? Content = null, int OpenedBy = -1)
{
    public override string ToString() => Kind switch
    {
        FileOperationKind.Move => $"#{Index} move {Path} -> {Target}",
        FileOperationKind.FlushFile => $"#{Index} fsync {Path} ({Content!.Length} bytes)",
        _ => $"#{Index} {Kind} {(Path.Length == 0 ? "<root>" : Path)}",
    };
}
