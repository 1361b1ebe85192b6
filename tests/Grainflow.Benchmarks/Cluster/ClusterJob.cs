using System.Globalization;
using Grainflow.Interfaces.Control;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>The wordcount job on a <see cref="SiloCluster"/>: started with the client as a user would, and read through its status.</summary>
internal static class ClusterJob
{
    public const string Id = "wordcount";
    public const int Parallelism = 4;

    /// <summary>Starts the job over <paramref name="input"/> with checkpoints every second in <paramref name="scratchDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The client did not start it.</exception>
    public static async Task StartAsync(SiloCluster cluster, ClusterInputLog input, string scratchDirectory)
    {
        var started = await ChildProcess.RunClientAsync(
            "job", "start", "wordcount", "--silo", cluster.ControlUrl(0), "--input-log", input.Directory,
            "--output", Path.Combine(scratchDirectory, "out"), "--checkpoint-dir", Path.Combine(scratchDirectory, "chk"),
            "--parallelism", Parallelism.ToString(CultureInfo.InvariantCulture), "--checkpoint-interval", "1s").ConfigureAwait(false);
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"grainflow job start failed.{Environment.NewLine}{started}");
        }
    }

    /// <summary>Lines the sources have read.</summary>
    public static long LinesRead(this JobStatusView status) => status.SourceOffsets.Sum(o => o.Offset);

    /// <summary>Lines the last completed checkpoint covers.</summary>
    public static long LinesCommitted(this JobStatusView status) => status.SourceOffsets.Sum(o => o.CommittedOffset ?? 0);

    /// <summary>Words the counting tasks took in (each one record of the keyed operator).</summary>
    public static long WordsCounted(this JobStatusView status) => status.Operators.Where(o => o.Kind == "keyed").Sum(o => o.RecordsIn);

    /// <summary>How many of the job's tasks run on each member (members without tasks left out).</summary>
    public static Dictionary<int, int> TasksPerMember(this JobStatusView status, SiloCluster cluster) =>
        (status.Tasks ?? []).GroupBy(t => cluster.MemberOf(t.Silo)).ToDictionary(g => g.Key, g => g.Count());
}
