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

    // Orleans learns a joining silo's grain types within a second or two of its joining; the bound only guards against one that never gets there.
    private static readonly TimeSpan s_joiningSiloWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Migrates the tasks that must move to their targets, and deactivates any task the graph no longer has (a rescale
    /// to fewer tasks); returns each task's target, for the placement hint of the start of a task that was not running.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SiloAddress>> RebalanceAsync(JobGraph graph)
    {
        if (_placements.Count == 0)
        {
            return new Dictionary<string, SiloAddress>();
        }

        await WaitUntilActiveSilosArePlaceableAsync();
        var snapshot = membership.CurrentSnapshot;
        var silos = PlaceableSilos();
        var tasks = TaskKeys(graph).ToList();
        var moves = TaskBalancer.Plan(tasks, _placements, silos);
        var sources = graph.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var live = _placements.Where(p => snapshot.GetSiloStatus(p.Value) == SiloStatus.Active).Select(p => p.Key).ToList();
        var moving = live.Where(moves.ContainsKey).ToList();
        var retiring = live.Where(key => !tasks.Contains(key)).ToList();
        await Task.WhenAll(
            moving.Select(key => sources.Contains(TaskGrainKey.Parse(key).VertexId)
                ? GrainFactory.GetGrain<ISourceTaskGrain>(key).MoveAsync(moves[key])
                : GrainFactory.GetGrain<IKeyedTaskGrain>(key).MoveAsync(moves[key]))
            .Concat(retiring.Select(key => sources.Contains(TaskGrainKey.Parse(key).VertexId)
                ? GrainFactory.GetGrain<ISourceTaskGrain>(key).RetireAsync()
                : GrainFactory.GetGrain<IKeyedTaskGrain>(key).RetireAsync())));
        if (moves.Count > 0 || retiring.Count > 0)
        {
            LogRebalanced(graph.JobId, moves.Count, retiring.Count);
        }

        _placements.Clear();
        return moves;
    }

    /// <summary>
    /// The silos a task can be placed on now: active, and in Orleans' cluster manifest. Placement (and its hint) only
    /// targets silos whose grain types the manifest lists, and a silo that just joined is active a moment before that.
    /// </summary>
    private List<SiloAddress> PlaceableSilos()
    {
        var known = clusterManifest.Current.Silos;
        return [.. membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && known.ContainsKey(m.SiloAddress))
            .Select(m => m.SiloAddress)
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)];
    }

    /// <summary>
    /// Waits (at most <see cref="s_joiningSiloWait"/>) for the cluster manifest to list every active silo, so that a
    /// restart or rescale right after a silo joined plans with it; past the bound it plans with the placeable ones.
    /// </summary>
    private async Task WaitUntilActiveSilosArePlaceableAsync()
    {
        bool AllPlaceable() => membership.CurrentSnapshot.Members.Values
            .All(m => m.Status != SiloStatus.Active || clusterManifest.Current.Silos.ContainsKey(m.SiloAddress));

        if (AllPlaceable())
        {
            return;
        }

        using var bound = new CancellationTokenSource(s_joiningSiloWait);
        try
        {
            await foreach (var _ in clusterManifest.Updates.WithCancellation(bound.Token))
            {
                if (AllPlaceable())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            LogJoiningSiloNotPlaceable(Graph.JobId, s_joiningSiloWait.TotalSeconds);
        }
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
