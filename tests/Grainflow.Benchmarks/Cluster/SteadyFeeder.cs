using Grainflow.Benchmarks.Harness;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// Appends lines to a <see cref="ClusterInputLog"/> at a steady rate in the background, as live input would arrive
/// while a silo is down: every tick it appends what the rate owes since it started, so a late tick catches up.
/// </summary>
internal sealed class SteadyFeeder : IAsyncDisposable
{
    // A tick's worth of lines is also how far behind the job may be and still count as keeping up.
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private const int Vocabulary = 10_000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeding;

    public SteadyFeeder(ClusterInputLog log, int linesPerSecond, int seed)
    {
        LinesPerSecond = linesPerSecond;
        _feeding = FeedAsync(log, new Random(seed), _stop.Token);
    }

    public int LinesPerSecond { get; }

    /// <summary>Lines per <see cref="Tick"/>.</summary>
    public long LinesPerTick => (long)(LinesPerSecond * Tick.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _feeding.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task FeedAsync(ClusterInputLog log, Random random, CancellationToken cancellationToken)
    {
        var started = Progress.Elapsed;
        var fed = 0L;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var owed = (long)((Progress.Elapsed - started).TotalSeconds * LinesPerSecond) - fed;
                if (owed > 0)
                {
                    await log.AppendAsync(owed, _ => ClusterInputLog.VocabularyLine(random, Vocabulary)).ConfigureAwait(false);
                    fed += owed;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
