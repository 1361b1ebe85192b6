using Grainflow.Grains.Placement;
using Grainflow.Streaming.Graph;

namespace Grainflow.Grains.Streaming;

/// <summary>
/// Where the job's tasks run. A first start spreads them by slot (<see cref="TaskPlacementDirector"/>); a start
/// after that (a restart, a rescale) first moves the tasks that must move (<see cref="TaskBalancer"/>): the ones on a
/// dead silo, and enough others for a silo that joined the cluster to take its share.
/// </summary>
public sealed partial class JobCoordinatorGrain
{
    // Task grain key -> the silo its last start ran on; kept across the runs of this activation, since the task grains outlive a run.
    private readonly Dictionary<string, SiloAddress> _placements = new(StringComparer.Ordinal);

    /// <summary>
    /// Deactivates the tasks that must move, and any task the graph no longer has (a rescale to fewer tasks);
    /// returns each moving task's target, for the placement hint of the start that activates it there.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SiloAddress>> RebalanceAsync(JobGraph graph)
    {
        if (_placements.Count == 0)
        {
            return new Dictionary<string, SiloAddress>();
        }

        var snapshot = membership.CurrentSnapshot;
        var silos = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)
            .ToList();
        var tasks = TaskKeys(graph).ToList();
        var moves = TaskBalancer.Plan(tasks, _placements, silos);
        var sources = graph.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var retiring = _placements
            .Where(p => (moves.ContainsKey(p.Key) || !tasks.Contains(p.Key)) && snapshot.GetSiloStatus(p.Value) == SiloStatus.Active)
            .Select(p => p.Key)
            .ToList();
        await Task.WhenAll(retiring.Select(key => sources.Contains(TaskGrainKey.Parse(key).VertexId)
            ? GrainFactory.GetGrain<ISourceTaskGrain>(key).RetireAsync()
            : GrainFactory.GetGrain<IKeyedTaskGrain>(key).RetireAsync()));
        if (moves.Count > 0 || retiring.Count > 0)
        {
            LogRebalanced(graph.JobId, moves.Count, retiring.Count - retiring.Count(moves.ContainsKey));
        }

        _placements.Clear();
        return moves;
    }

    private static IEnumerable<string> TaskKeys(JobGraph graph) =>
        graph.Sources.SelectMany(s => Enumerable.Range(0, s.Parallelism).Select(i => TaskGrainKey.Format(graph.JobId, s.Id, i)))
            .Concat(graph.KeyedVertices.SelectMany(k => Enumerable.Range(0, k.Parallelism).Select(i => TaskGrainKey.Format(graph.JobId, k.Id, i))));

    /// <summary>Whether a silo that runs one of the job's tasks was declared dead since the last look.</summary>
    private SiloAddress? DeadTaskSilo()
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version == _seenMembership)
        {
            return null;
        }

        _seenMembership = snapshot.Version;
        return _placements.Values.FirstOrDefault(silo => snapshot.GetSiloStatus(silo) == SiloStatus.Dead);
    }
}
