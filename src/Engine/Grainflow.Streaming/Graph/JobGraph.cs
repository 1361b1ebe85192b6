using System.Security.Cryptography;
using System.Text;

namespace Grainflow.Streaming.Graph;

/// <summary>A validated job: its vertices and its topology fingerprint (what a checkpoint must match to be restored).</summary>
public sealed class JobGraph
{
    internal JobGraph(string jobId, IReadOnlyList<SourceVertex> sources, IReadOnlyList<KeyedVertex> keyed)
    {
        JobId = jobId;
        Sources = sources;
        KeyedVertices = keyed;
        var description = string.Join("|", sources.Select(s => s.Describe() + "->" + s.Terminal!.Describe())
            .Concat(keyed.Select(k => k.Describe() + "->" + k.Terminal!.Describe())));
        TopologyFingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..16];
    }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The sources.</summary>
    public IReadOnlyList<SourceVertex> Sources { get; }

    /// <summary>The keyed operators.</summary>
    public IReadOnlyList<KeyedVertex> KeyedVertices { get; }

    /// <summary>A hash of the operator ids, parallelisms, key-group counts and connections.</summary>
    public string TopologyFingerprint { get; }

    /// <summary>Every task id of the job, sources first.</summary>
    public IEnumerable<string> TaskIds =>
        Sources.SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(s.TaskId))
            .Concat(KeyedVertices.SelectMany(k => Enumerable.Range(0, k.Parallelism).Select(k.TaskId)));

    /// <summary>The highest epoch any sink of the job committed or staged in its output: checkpoint ids must continue past it.</summary>
    public async ValueTask<long> HighestCommittedOutputEpochAsync(CancellationToken cancellationToken = default)
    {
        var highest = 0L;
        foreach (var terminal in Terminals)
        {
            highest = Math.Max(highest, await terminal.HighestCommittedEpochAsync(cancellationToken).ConfigureAwait(false));
        }

        return highest;
    }

    /// <summary>
    /// Refuses a start from <paramref name="restoredCheckpointId"/> (0: no checkpoint) when a sink already committed
    /// output newer than it: the replay would write that output again.
    /// </summary>
    /// <exception cref="Sinks.CommittedOutputConflictException">A sink holds such output.</exception>
    public async ValueTask RefuseOutputAheadAsync(long restoredCheckpointId, CancellationToken cancellationToken = default)
    {
        foreach (var terminal in Terminals)
        {
            await terminal.RefuseOutputAheadAsync(restoredCheckpointId, cancellationToken).ConfigureAwait(false);
        }
    }

    private IEnumerable<TerminalDefinition> Terminals =>
        Sources.Select(s => s.Terminal!).Concat(KeyedVertices.Select(k => k.Terminal!));

    /// <summary>Whether every source is bounded, so that the job ends.</summary>
    public bool IsBounded => Sources.All(s => s.IsBounded);
}
