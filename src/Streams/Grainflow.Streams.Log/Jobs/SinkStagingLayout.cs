using System.Globalization;
using Grainflow.Streaming.Checkpointing.Durability;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Owns every file name of one stream sink of one job: its staging directory in the provider's directory (which
/// every silo sees, so a sink task restarted on another silo finds what it staged) and, per sink task, the epoch
/// being written, the staged epochs and the mark of the highest committed epoch.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>&lt;provider&gt;/sink-staging/&lt;job&gt;/&lt;sink&gt;-&lt;task&gt;.inprogress</c>: the epoch being written; never in a manifest.</item>
/// <item><c>&lt;sink&gt;-&lt;task&gt;-&lt;epoch&gt;.staged</c>: pre-committed at the barrier of checkpoint <c>epoch</c>, appended once it completes.</item>
/// <item><c>&lt;sink&gt;-&lt;task&gt;.committed</c>: the highest epoch whose records were appended (<see cref="CommittedEpochFile"/>).</item>
/// </list>
/// </remarks>
internal sealed class SinkStagingLayout : ISinkStaging
{
    /// <summary>The sub-directory of the provider's directory that holds every job's staged sink epochs.</summary>
    public const string RootDirectoryName = "sink-staging";

    private const string InProgressSuffix = ".inprogress";
    private const string StagedSuffix = ".staged";
    private const string CommittedSuffix = ".committed";

    public SinkStagingLayout(string providerDirectory, string jobId, string sinkId)
    {
        SinkFileNaming.ValidateSinkId(sinkId);
        Directory = Path.Combine(providerDirectory, RootDirectoryName, jobId);
        SinkId = sinkId;
    }

    public string Directory { get; }

    public string SinkId { get; }

    public string Location => Directory;

    public string ScratchDirectory => Directory;

    public string ClosedPath(int task, long epoch) => StagedPath(task, epoch);

    public string InProgressPath(int task) => Path.Combine(Directory, Stem(task) + InProgressSuffix);

    public string StagedName(int task, long epoch) => string.Create(CultureInfo.InvariantCulture, $"{Stem(task)}-{epoch}{StagedSuffix}");

    public string StagedPath(int task, long epoch) => Path.Combine(Directory, StagedName(task, epoch));

    public string CommittedMarkPath(int task) => Path.Combine(Directory, Stem(task) + CommittedSuffix);

    /// <summary>Forces the closed files, and their renames, to disk on the thread pool.</summary>
    public Task MakeDurableAsync(int task, IReadOnlyList<long> epochs, CancellationToken cancellationToken = default)
    {
        if (epochs.Count == 0)
        {
            return Task.CompletedTask;
        }

        string[] paths = [.. epochs.Select(epoch => StagedPath(task, epoch))];
        return Task.Run(
            () =>
            {
                foreach (var path in paths)
                {
                    using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    RandomAccess.FlushToDisk(handle);
                }

                DirectorySync.Sync(Directory);
            },
            cancellationToken);
    }

    public Task<List<long>> ListStagedAsync(int task, CancellationToken cancellationToken = default) =>
        Task.FromResult(ListStaged(task).ConvertAll(staged => staged.Epoch));

    public Task<byte[]> ReadStagedAsync(int task, long epoch, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(StagedPath(task, epoch), cancellationToken);

    public Task DeleteStagedAsync(int task, long epoch, CancellationToken cancellationToken = default) => Task.Run(
        () =>
        {
            File.Delete(StagedPath(task, epoch));
            DirectorySync.Sync(Directory);
        },
        cancellationToken);

    public Task RecordCommittedAsync(int task, long epoch, CancellationToken cancellationToken = default) => Task.Run(
        () =>
        {
            var mark = CommittedMarkPath(task);
            if (epoch > CommittedEpochFile.Read(mark))
            {
                CommittedEpochFile.Write(mark, epoch);
            }
        },
        cancellationToken);

    /// <summary>The task's staged epochs, oldest first.</summary>
    public List<(long Epoch, string Path)> ListStaged(int task)
    {
        var staged = new List<(long, string)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return staged;
        }

        var prefix = Stem(task) + "-";
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, prefix + "*" + StagedSuffix))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - StagedSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            {
                staged.Add((epoch, path));
            }
        }

        staged.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return staged;
    }

    /// <summary>The highest epoch any task of the sink committed, or 0.</summary>
    /// <exception cref="InvalidDataException">A committed mark is damaged.</exception>
    public long HighestCommittedEpoch()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var prefix = SinkId + "-";
        var highest = 0L;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, prefix + "*" + CommittedSuffix))
        {
            var name = Path.GetFileName(path);

            // Another sink's id may start with this one's: only "<sink>-<digits>.committed" is ours.
            if (int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - CommittedSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                highest = Math.Max(highest, CommittedEpochFile.Read(path));
            }
        }

        return highest;
    }

    private string Stem(int task) => string.Create(CultureInfo.InvariantCulture, $"{SinkId}-{task}");
}
