namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>
/// What a POSIX file system guarantees after a power loss, replayed one operation at a time: a file's data survives as
/// of its last fsync (empty if never fsynced), a directory's entries as of its last directory fsync; a rename moves an
/// inode, so the content goes with it; an unsynced create, rename or delete is lost, and so is a directory whose own
/// entry was never synced, with everything in it. The recorded root itself is durable from the start, and so is
/// what it held then.
/// </summary>
internal sealed class DurabilityModel
{
    private readonly DirectoryNode _root = new();
    private readonly Dictionary<string, Node> _namespace = new(StringComparer.Ordinal);
    private readonly Dictionary<int, FileNode> _opened = [];

    /// <param name="initial">What the root held before the first operation ('/'-separated relative paths: a file's
    /// content, or null for a directory), all of it durable; empty when null.</param>
    public DurabilityModel(IReadOnlyDictionary<string, byte[]?>? initial = null)
    {
        _namespace[string.Empty] = _root;
        // Parents before children: a path sorts after its prefix.
        foreach (var (path, content) in (initial ?? new Dictionary<string, byte[]?>()).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            _namespace[path] = content is null ? new DirectoryNode() : new FileNode { DurableContent = content };
            ((DirectoryNode)_namespace[ParentOf(path)]).DurableEntries[NameOf(path)] = _namespace[path];
        }
    }

    /// <summary>Applies one operation to the namespace the running process sees, and to what is durable.</summary>
    /// <exception cref="InvalidOperationException">The operation does not fit the operations before it.</exception>
    public void Apply(FileOperation operation)
    {
        switch (operation.Kind)
        {
            case FileOperationKind.CreateFile:
                _opened[operation.Index] = new FileNode();
                _namespace[operation.Path] = _opened[operation.Index];
                break;
            case FileOperationKind.OpenFile:
                _opened[operation.Index] = Get<FileNode>(operation, operation.Path);
                break;
            case FileOperationKind.FlushFile:
                _opened[operation.OpenedBy].DurableContent = operation.Content!;
                break;
            case FileOperationKind.Move:
                var moved = Get<FileNode>(operation, operation.Path);
                _namespace.Remove(operation.Path);
                _namespace[operation.Target!] = moved;
                break;
            case FileOperationKind.Delete:
                _ = Get<FileNode>(operation, operation.Path);
                _namespace.Remove(operation.Path);
                break;
            case FileOperationKind.CreateDirectory:
                _namespace.Add(operation.Path, new DirectoryNode());
                break;
            case FileOperationKind.DeleteDirectory:
                _ = Get<DirectoryNode>(operation, operation.Path);
                _namespace.Remove(operation.Path);
                break;
            case FileOperationKind.SyncDirectory:
                Get<DirectoryNode>(operation, operation.Path).DurableEntries = CurrentEntries(operation.Path);
                break;
            default:
                throw new InvalidOperationException($"Unknown operation {operation}.");
        }
    }

    /// <summary>What a power loss now leaves: only what was fsynced (files' data and directories' entries).</summary>
    /// <param name="writtenBack">A directory whose current entries reached the disk too, without an fsync (the kernel
    /// writes a directory back whenever it likes, all its updates at once); none when null.</param>
    public Dictionary<string, byte[]?> OnlySynced(string? writtenBack = null)
    {
        var entries = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var written = writtenBack is not null && _namespace.TryGetValue(writtenBack, out var node) ? node as DirectoryNode : null;
        AddDurable(_root, string.Empty, written, entries);
        return entries;
    }

    /// <summary>The directories whose entries <paramref name="operation"/> changed.</summary>
    public static IEnumerable<string> DirectoriesChangedBy(FileOperation operation) => operation.Kind switch
    {
        FileOperationKind.Move => new[] { ParentOf(operation.Path), ParentOf(operation.Target!) }.Distinct(StringComparer.Ordinal),
        FileOperationKind.CreateFile or FileOperationKind.Delete or FileOperationKind.CreateDirectory or FileOperationKind.DeleteDirectory => [ParentOf(operation.Path)],
        _ => [],
    };

    /// <summary>
    /// What a power loss now leaves on a file system that wrote every directory update but no file data beyond the
    /// fsyncs (delayed allocation without ordering: renamed files of length 0): the namespace as the process saw it,
    /// each file with its content as of its last fsync.
    /// </summary>
    public Dictionary<string, byte[]?> DirectoryUpdatesSurvive() =>
        _namespace.Where(entry => entry.Key.Length > 0).ToDictionary(
            entry => entry.Key, entry => entry.Value is FileNode file ? file.DurableContent : null, StringComparer.Ordinal);

    private void AddDurable(DirectoryNode directory, string prefix, DirectoryNode? writtenBack, Dictionary<string, byte[]?> entries)
    {
        foreach (var (name, node) in directory == writtenBack ? CurrentEntries(prefix) : directory.DurableEntries)
        {
            var path = prefix.Length == 0 ? name : prefix + "/" + name;
            if (node is DirectoryNode child)
            {
                entries[path] = null;
                AddDurable(child, path, writtenBack, entries);
            }
            else
            {
                entries[path] = ((FileNode)node).DurableContent;
            }
        }
    }

    private Dictionary<string, Node> CurrentEntries(string directory) => _namespace
        .Where(entry => entry.Key.Length > 0 && ParentOf(entry.Key) == directory)
        .ToDictionary(entry => NameOf(entry.Key), entry => entry.Value, StringComparer.Ordinal);

    private T Get<T>(FileOperation operation, string path)
        where T : Node =>
        _namespace.TryGetValue(path, out var node) && node is T typed
            ? typed
            : throw new InvalidOperationException($"{operation}: '{path}' is not a {typeof(T).Name} the recorded operations created.");

    private static string ParentOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private abstract class Node;

    private sealed class FileNode : Node
    {
        public byte[] DurableContent { get; set; } = [];
    }

    private sealed class DirectoryNode : Node
    {
        public Dictionary<string, Node> DurableEntries { get; set; } = new(StringComparer.Ordinal);
    }
}
