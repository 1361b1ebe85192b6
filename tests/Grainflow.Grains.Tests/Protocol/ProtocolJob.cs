using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grainflow.Grains.WordCount;
using Grainflow.Streaming.Api;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Graph;
using Grainflow.Streaming.KeyGroups;
using Grainflow.Streaming.Sinks;
using Grainflow.Streaming.Sources;
using Grainflow.Streaming.State;

namespace Grainflow.Grains.Tests.Protocol;

/// <summary>The word-count job over a partitioned in-memory log, and what the protocol tests read back from a run.</summary>
internal static partial class ProtocolJob
{
    public const string SourceId = "lines";
    public const string CountOperatorId = WordCountJob.CountOperatorId;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static List<string>[] GeneratePartitions(int seed, int partitions, int linesPerPartition)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 400).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return [.. Enumerable.Range(0, partitions).Select(_ => Enumerable.Range(0, linesPerPartition)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 10)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))
            .ToList())];
    }

    public static async Task<InMemoryLog> WriteLogAsync(IReadOnlyList<IReadOnlyList<string>> partitions)
    {
        var log = new InMemoryLog(partitions.Count);
        for (var partition = 0; partition < partitions.Count; partition++)
        {
            await using var writer = await log.OpenWriterAsync(partition);
            await writer.AppendAsync([.. partitions[partition].Select(line => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(line))]);
            await writer.FlushAsync();
        }

        return log;
    }

    public static JobGraph BuildWordCount(string jobId, IReplayableLog log, string outputDirectory, int parallelism, bool bounded = true)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
        job.ReadLog(SourceId, log, static bytes => Encoding.UTF8.GetString(bytes.Span), bounded)
            .FlatMap<string>(WordSplitter.Split)
            .KeyBy(static word => word)
            .Process(CountOperatorId, static () => new RunningCountFunction())
            .SinkToTextFiles("counts", outputDirectory, WordCountLine.Format);
        return job.Build();
    }

    /// <summary>The word count with a second keyed stage that relays each count line: keyed tasks feed keyed tasks.</summary>
    public static JobGraph BuildTwoStageWordCount(string jobId, IReplayableLog log, string outputDirectory, int parallelism)
    {
        var job = new StreamJobBuilder(jobId) { Parallelism = parallelism };
        job.ReadLog(SourceId, log, static bytes => Encoding.UTF8.GetString(bytes.Span), bounded: true)
            .FlatMap<string>(WordSplitter.Split)
            .KeyBy(static word => word)
            .Process(CountOperatorId, static () => new RunningCountFunction())
            .Map(static line => string.Create(CultureInfo.InvariantCulture, $"{line.Word}\t{line.Count}"))
            .KeyBy(static line => line[..line.IndexOf('\t', StringComparison.Ordinal)])
            .Process("relay", static () => new RelayFunction())
            .SinkToTextFiles("counts", outputDirectory, static (line, destination) => line.TryCopyTo(destination) ? line.Length : -1);
        return job.Build();
    }

    public static Dictionary<string, long> CountWords(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var word in lines.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        return counts;
    }

    /// <summary>Every manifest present in the job's checkpoint directory, by checkpoint id.</summary>
    public static async Task<SortedDictionary<long, CheckpointManifest>> ReadManifestsAsync(ICheckpointStorage storage, string jobId)
    {
        var layout = new CheckpointStorageLayout(jobId);
        var manifests = new SortedDictionary<long, CheckpointManifest>();
        await foreach (var path in storage.ListAsync(layout.CheckpointsPrefix))
        {
            if (layout.TryParseCheckpointPath(path, out var id, out var file) && file == CheckpointStorageLayout.ManifestFileName)
            {
                await using var stream = (await storage.TryOpenReadAsync(path))!;
                manifests.Add(id, (await JsonSerializer.DeserializeAsync<CheckpointManifest>(stream, s_json))!);
            }
        }

        return manifests;
    }

    /// <summary>The checkpoint ids that have any file in the job's directory.</summary>
    public static async Task<SortedSet<long>> ListCheckpointIdsAsync(ICheckpointStorage storage, string jobId)
    {
        var layout = new CheckpointStorageLayout(jobId);
        var ids = new SortedSet<long>();
        await foreach (var path in storage.ListAsync(layout.CheckpointsPrefix))
        {
            if (layout.TryParseCheckpointPath(path, out var id, out _))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Restores one task's state file into a fresh backend of the counting operator, as the task would.</summary>
    public static async Task<KeyedStateBackend<string>> RestoreCountStateAsync(CheckpointManager checkpoints, TaskStateRecord state)
    {
        var backend = new KeyedStateBackend<string>(
            state.Task.OperatorId,
            new KeyGroupRange(state.Task.KeyGroupStart, state.Task.KeyGroupEnd),
            KeyGroupAssignment.DefaultMaxParallelism,
            KeyHashers.For<string>());
        backend.GetValueState<long>(WordCountJob.CountStateName);
        await using var stream = await checkpoints.ReadStateAsync(state.Handle);
        backend.Restore(stream);
        return backend;
    }

    public static int KeyGroupOf(string word) =>
        KeyGroupAssignment.KeyGroupFor(Grainflow.Streaming.KeyGroups.StableHash.Hash(word.AsSpan()), KeyGroupAssignment.DefaultMaxParallelism);

    /// <summary>The committed output lines of the sink, by the epoch (checkpoint id) of the file that holds them.</summary>
    public static List<(long Epoch, string Line)> ReadCommittedOutputByEpoch(string outputDirectory) =>
        [.. CommittedOutputReader.ListCommittedFiles(outputDirectory).SelectMany(path =>
        {
            var match = EpochOfFile().Match(Path.GetFileName(path));
            Assert.True(match.Success, $"unexpected committed file {path}");
            var epoch = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return File.ReadAllLines(path).Select(line => (epoch, line));
        })];

    [GeneratedRegex(@"^part-counts-\d+-(\d+)\.txt$")]
    private static partial Regex EpochOfFile();
}
