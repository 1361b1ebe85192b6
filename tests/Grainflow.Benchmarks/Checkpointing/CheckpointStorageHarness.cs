using System.Globalization;
using Azure.Storage;
using Grainflow.Streaming.AzureBlob;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grainflow.Benchmarks.Checkpointing;

/// <summary>
/// <c>checkpoint-storage [--quick]</c>: snapshot upload and restore throughput through the Azure SDK against Azurite
/// (started here, on a loopback port), each divided by one raw Put Blob / Get Blob of the same bytes made in the same
/// run. Rounds alternate raw and snapshot transfers so that drift in the machine's load hits both; the median round is
/// reported.
/// </summary>
internal static class CheckpointStorageHarness
{
    private const long MiB = 1024 * 1024;
    private const double Target = 0.8;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        (long Bytes, int Rounds)[] sizes = quick ? [(64 * MiB, 1)] : [(64 * MiB, 5), (1024 * MiB, 2)];
        var transfer = TransferOptionsFrom(args);
        var pattern = new byte[4 * MiB];
        new Random(42).NextBytes(pattern);

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync().ConfigureAwait(false);
        try
        {
            Console.WriteLine($"checkpoint-storage: Azurite on 127.0.0.1:{azurite.Port}, {Environment.ProcessorCount} cores{(quick ? ", quick" : string.Empty)}; " +
                $"blocks of {(transfer ?? Defaults).MaximumTransferSize / MiB} MiB, {(transfer ?? Defaults).MaximumConcurrency} in flight");
            Console.WriteLine("size      round  raw PUT MiB/s  upload MiB/s  ratio   raw GET MiB/s  restore MiB/s  ratio");
            var failed = false;
            foreach (var (bytes, rounds) in sizes)
            {
                var samples = await MeasureAsync(azurite, bytes, rounds, pattern, transfer).ConfigureAwait(false);
                failed |= Report(bytes, samples);
            }

            Console.WriteLine($"target: ratio >= {Target:0.0} (median round)");
            return failed ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static StorageTransferOptions Defaults => BlobCheckpointStorage.DefaultTransferOptions;

    // "--block-size <MiB>" and "--concurrency <n>" override the storage's defaults, to compare settings in one run.
    private static StorageTransferOptions? TransferOptionsFrom(string[] args)
    {
        var blockSize = ValueOf(args, "--block-size") is { } mib ? mib * MiB : Defaults.MaximumTransferSize!.Value;
        var concurrency = ValueOf(args, "--concurrency") ?? Defaults.MaximumConcurrency!.Value;
        return blockSize == Defaults.MaximumTransferSize && concurrency == Defaults.MaximumConcurrency
            ? null
            : new StorageTransferOptions
            {
                MaximumTransferSize = blockSize,
                MaximumConcurrency = concurrency,
                InitialTransferSize = Math.Min(Defaults.InitialTransferSize!.Value, blockSize),
            };
    }

    private static int? ValueOf(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;

    private static async Task<List<TransferSample>> MeasureAsync(AzuriteFixture azurite, long bytes, int rounds, ReadOnlyMemory<byte> pattern, StorageTransferOptions? transfer)
    {
        var container = "bench" + Guid.NewGuid().ToString("N");
        var storage = new BlobCheckpointStorage(new BlobCheckpointStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = container,
            TransferOptions = transfer,
        });
        var manager = new CheckpointManager(storage, "bench", "bench-topology", NullLogger<CheckpointManager>.Instance);
        var containerClient = BlobCheckpointContainer.FromConnectionString(azurite.ConnectionString, container);
        await containerClient.CreateIfNotExistsAsync().ConfigureAwait(false);
        using var raw = RawBlobTransfer.ForContainer(containerClient, azurite.Credential);
        var samples = new List<TransferSample>();
        try
        {
            // One unmeasured round at a small size warms connections, JIT and Azurite.
            await RoundAsync(manager, raw, 0, 4 * MiB, pattern).ConfigureAwait(false);

            for (var round = 1; round <= rounds; round++)
            {
                var sample = await RoundAsync(manager, raw, round, bytes, pattern).ConfigureAwait(false);
                samples.Add(sample);
                Console.WriteLine(Line($"{bytes / MiB} MiB", round.ToString(CultureInfo.InvariantCulture), bytes, sample));
            }
        }
        finally
        {
            await containerClient.DeleteIfExistsAsync().ConfigureAwait(false);
        }

        return samples;
    }

    private static async Task<TransferSample> RoundAsync(CheckpointManager manager, RawBlobTransfer raw, int round, long bytes, ReadOnlyMemory<byte> pattern)
    {
        var rawName = $"raw-{round}";
        var rawPut = await raw.PutAsync(rawName, pattern, bytes).ConfigureAwait(false);
        var (upload, handle) = await SnapshotTransfer.UploadAsync(manager, round + 1, pattern, bytes).ConfigureAwait(false);
        var rawGet = await raw.GetAsync(rawName, bytes).ConfigureAwait(false);
        var restore = await SnapshotTransfer.RestoreAsync(manager, handle).ConfigureAwait(false);
        return new TransferSample(rawPut, upload, rawGet, restore);
    }

    private static bool Report(long bytes, List<TransferSample> samples)
    {
        var uploadRatio = Median(samples.Select(s => s.RawPut / s.SnapshotUpload));
        var restoreRatio = Median(samples.Select(s => s.RawGet / s.SnapshotRestore));
        var median = new TransferSample(
            Median(samples.Select(s => s.RawPut)), Median(samples.Select(s => s.SnapshotUpload)),
            Median(samples.Select(s => s.RawGet)), Median(samples.Select(s => s.SnapshotRestore)));
        Console.WriteLine(Line($"{bytes / MiB} MiB", "median", bytes, median, uploadRatio, restoreRatio));
        return uploadRatio < Target || restoreRatio < Target;
    }

    private static string Line(string size, string round, long bytes, TransferSample s, double? uploadRatio = null, double? restoreRatio = null)
    {
        var i = CultureInfo.InvariantCulture;
        return string.Create(i, $"{size,-9} {round,-6} {Rate(bytes, s.RawPut),13:0} {Rate(bytes, s.SnapshotUpload),13:0} {uploadRatio ?? (s.RawPut / s.SnapshotUpload),6:0.00}" +
            $"  {Rate(bytes, s.RawGet),13:0} {Rate(bytes, s.SnapshotRestore),14:0} {restoreRatio ?? (s.RawGet / s.SnapshotRestore),6:0.00}");
    }

    private static double Rate(long bytes, TimeSpan elapsed) => bytes / (double)MiB / elapsed.TotalSeconds;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Median(values.Select(v => (double)v.Ticks)));
}
