namespace Grainflow.Grains.Tests.CrashStates;

/// <summary>What a recorded file operation did.</summary>
internal enum FileOperationKind
{
    /// <summary>A file was created (an empty inode, linked under its path; the link is not durable yet).</summary>
    CreateFile,

    /// <summary>An existing file was opened (recorded so that a later flush can name the inode it flushed).</summary>
    OpenFile,

    /// <summary>A file's data was forced to disk: its content as of this moment survives a power loss.</summary>
    FlushFile,

    /// <summary>A file was renamed (the inode moves; replaces the target when it exists).</summary>
    Move,

    /// <summary>A file was unlinked.</summary>
    Delete,

    /// <summary>A directory was created.</summary>
    CreateDirectory,

    /// <summary>An empty directory was removed.</summary>
    DeleteDirectory,

    /// <summary>A directory was fsynced: its entries as of this moment survive a power loss.</summary>
    SyncDirectory,
}
