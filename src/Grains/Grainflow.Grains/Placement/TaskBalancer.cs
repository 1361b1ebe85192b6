namespace Grainflow.Grains.Placement;

/// <summary>
/// Decides, when a job starts again (a restart after a failure, or a rescale), which of its tasks go to another
/// silo: the tasks whose silo is gone, and as few others as it takes for every live silo to run its even share
/// (⌊n/m⌋ or ⌈n/m⌉ of n tasks on m silos). A silo that joined the cluster takes its share this way; tasks that stay
/// where they are keep their activations and are reset in place, which is cheaper than a move.
/// </summary>
internal static class TaskBalancer
{
    /// <summary>Plans the moves.</summary>
    /// <param name="tasks">The job's tasks, in slot order (earlier tasks stay put before later ones).</param>
    /// <param name="current">Where tasks ran last; a task missing here has no known place.</param>
    /// <param name="silos">The live silos, in a stable order.</param>
    /// <returns>The target silo of every task that must be placed anew: unknown, on a gone silo, or over its silo's share.</returns>
    public static IReadOnlyDictionary<string, TSilo> Plan<TSilo>(
        IReadOnlyList<string> tasks, IReadOnlyDictionary<string, TSilo> current, IReadOnlyList<TSilo> silos)
        where TSilo : notnull
    {
        var moves = new Dictionary<string, TSilo>(StringComparer.Ordinal);
        if (silos.Count == 0 || tasks.Count == 0)
        {
            return moves;
        }

        var running = silos.ToDictionary(s => s, _ => new List<string>());
        var homeless = new Queue<string>();
        foreach (var task in tasks)
        {
            if (current.TryGetValue(task, out var silo) && running.TryGetValue(silo, out var onSilo))
            {
                onSilo.Add(task);
            }
            else
            {
                homeless.Enqueue(task);
            }
        }

        // The silos that already run the most keep the larger shares, so that the fewest tasks move.
        var quotas = ShareOut(tasks.Count, silos.OrderByDescending(s => running[s].Count).ToList());
        foreach (var silo in silos)
        {
            foreach (var excess in running[silo].Skip(quotas[silo]))
            {
                homeless.Enqueue(excess);
            }
        }

        foreach (var silo in silos)
        {
            for (var room = quotas[silo] - Math.Min(running[silo].Count, quotas[silo]); room > 0 && homeless.Count > 0; room--)
            {
                moves[homeless.Dequeue()] = silo;
            }
        }

        return moves;
    }

    private static Dictionary<TSilo, int> ShareOut<TSilo>(int taskCount, List<TSilo> silosLargestFirst)
        where TSilo : notnull
    {
        var share = taskCount / silosLargestFirst.Count;
        var larger = taskCount % silosLargestFirst.Count;
        return silosLargestFirst.Select((silo, i) => (silo, quota: share + (i < larger ? 1 : 0))).ToDictionary(p => p.silo, p => p.quota);
    }
}
