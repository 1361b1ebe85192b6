using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Graph;

namespace Grainflow.Grains.Streaming;

/// <summary>Matches a savepoint's state to a job's operators by stable operator id.</summary>
internal static class SavepointMatching
{
    /// <summary>What the savepoint holds that the job has no operator (or source partition) for, described for the user.</summary>
    public static IReadOnlyList<string> FindUnmatched(JobGraph graph, CheckpointManifest savepoint)
    {
        var keyed = graph.KeyedVertices.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var sources = graph.Sources.ToDictionary(s => s.Id, s => s.Parallelism, StringComparer.Ordinal);
        var operators = savepoint.TaskStates.Select(s => s.Task.OperatorId).Distinct().Where(id => !keyed.Contains(id))
            .Select(id => $"state of operator '{id}'");
        var partitions = savepoint.SourceOffsets
            .Where(o => !sources.TryGetValue(o.SourceId, out var parallelism) || o.Partition >= parallelism)
            .Select(o => $"offset of source '{o.SourceId}' partition {o.Partition}");
        return [.. operators.Concat(partitions).Order(StringComparer.Ordinal)];
    }
}
