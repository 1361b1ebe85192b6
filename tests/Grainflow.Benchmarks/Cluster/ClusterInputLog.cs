using System.Globalization;
using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Benchmarks.Cluster;

/// <summary>
/// A segment log of <see cref="Partitions"/> partitions that the cluster harness fills before a job starts and
/// appends to while it runs (the wordcount job's <c>--input-log</c>). Every line has <see cref="WordsPerLine"/>
/// words, so words = lines x <see cref="WordsPerLine"/>. One appender at a time; <see cref="Lines"/> may be read
/// from any thread.
/// </summary>
internal sealed class ClusterInputLog : IAsyncDisposable
{
    public const int Partitions = 3;
    public const int WordsPerLine = 5;

    // Appended in batches: one flush (an fsync) per batch and partition keeps filling millions of lines fast.
    private const int BatchLines = 30_000;

    private readonly ILogWriter[] _writers;
    private long _lines;
    private int _nextPartition;

    private ClusterInputLog(string directory, ILogWriter[] writers) => (Directory, _writers) = (directory, writers);

    /// <summary>The log's directory, to pass as <c>--input-log</c>.</summary>
    public string Directory { get; }

    /// <summary>Lines appended and flushed (visible to the job) so far.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    public static async Task<ClusterInputLog> CreateAsync(string directory)
    {
        var log = SegmentLog.Open(directory, new SegmentLogOptions { PartitionCount = Partitions, CreateIfMissing = true });
        var writers = new ILogWriter[Partitions];
        for (var p = 0; p < Partitions; p++)
        {
            writers[p] = await log.OpenWriterAsync(p).ConfigureAwait(false);
        }

        return new ClusterInputLog(directory, writers);
    }

    /// <summary>A line of <see cref="WordsPerLine"/> distinct words no other line has: word keys k0, k1, ... from <paramref name="line"/> x 5.</summary>
    public static string DistinctKeysLine(long line) =>
        string.Join(' ', Enumerable.Range(0, WordsPerLine).Select(i => "k" + (line * WordsPerLine + i).ToString(CultureInfo.InvariantCulture)));

    /// <summary>A line of <see cref="WordsPerLine"/> words drawn from a vocabulary of <paramref name="vocabulary"/> words w0, w1, ...</summary>
    public static string VocabularyLine(Random random, int vocabulary) =>
        string.Join(' ', Enumerable.Range(0, WordsPerLine).Select(_ => "w" + random.Next(vocabulary).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Appends <paramref name="count"/> lines made by <paramref name="line"/> (given each line's number), spread round robin over the partitions.</summary>
    public async Task AppendAsync(long count, Func<long, string> line)
    {
        for (long first = 0; first < count; first += BatchLines)
        {
            var batch = (int)Math.Min(BatchLines, count - first);
            var writer = _writers[_nextPartition];
            _nextPartition = (_nextPartition + 1) % Partitions;
            var records = new ReadOnlyMemory<byte>[batch];
            for (var i = 0; i < batch; i++)
            {
                records[i] = Encoding.UTF8.GetBytes(line(first + i));
            }

            await writer.AppendAsync(records).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
            Interlocked.Add(ref _lines, batch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
