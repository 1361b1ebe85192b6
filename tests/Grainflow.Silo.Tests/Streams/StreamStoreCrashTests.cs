using System.Globalization;
using Grainflow.Silo.Tests.Process;
using Grainflow.Silo.Tests.WordCount;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Silo.Tests.Streams;

/// <summary>
/// The stream provider's partitions in Blob storage (Azurite), end to end with real processes: <c>grainflow-silo wordcount
/// --input-stream --stream-store</c> fed by <c>grainflow produce --stream</c>, the silo killed hard (SIGKILL) mid-stream and
/// started again. The committed output must equal an independent count, and no line may hold the account key.
/// </summary>
public sealed class StreamStoreCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan s_outputDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Silo_WithStreamStoreKilledWhileProducingThenRestarted_OutputIsExactlyOnce()
    {
        using var dir = new TempDirectory();
        var lines = await WordCountInput.WriteAsync(dir.Sub("input.txt"), seed: 29, words: 20_000, vocabulary: 2_000);
        var gatewayPort = LoopbackPorts.Free(1)[0];
        var container = "streams" + Guid.NewGuid().ToString("N");
        var rate = (lines.Count / 6.0).ToString("0.##", CultureInfo.InvariantCulture);
        string[] produce =
        [
            "produce", "--stream", "grainflow/lines", "--gateway", $"127.0.0.1:{gatewayPort}", "--text", dir.Sub("input.txt"),
            "--rate", rate, "--lines-per-append", "5",
        ];

        ProcessResult killed;
        ChildProcess producer;
        await using (var silo = StartSilo(dir, gatewayPort, container))
        {
            await silo.WaitForOutputLineAsync($"[streams] Orleans gateway 127.0.0.1:{gatewayPort}; stream provider 'grainflow' with 8 partitions in blob container {azurite.ServiceUri}/{container}");
            producer = ChildProcess.Start(ChildProcess.Client, null, produce);
            await producer.WaitForOutputLineAsync("produced ");
            await silo.WaitForOutputLineAsync("checkpoint 3 completed");
            killed = await silo.KillAsync();
        }

        await using (producer)
        await using (var restarted = StartSilo(dir, gatewayPort, container))
        {
            await restarted.WaitForOutputLineAsync("resuming from checkpoint");
            var produced = await producer.WaitForExitAsync();
            var output = await CommittedOutput.WaitForAsync(dir.Sub("out"), WordCountOracle.Count(lines).Values.Sum(), s_outputDeadline);

            Assert.True(produced.ExitCode == 0, produced.ToString());
            Assert.DoesNotContain(killed.Output, l => l.Contains("[wordcount] done", StringComparison.Ordinal));
            Assert.Null(WordCountOracle.FindViolation(WordCountOracle.Count(lines), output));
            Assert.DoesNotContain(killed.Output, l => l.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal));
            Assert.DoesNotContain(killed.Error, l => l.Contains(AzuriteFixture.AccountKey, StringComparison.Ordinal));
        }
    }

    private ChildProcess StartSilo(TempDirectory dir, int gatewayPort, string container) => SiloProcess.Start(
        "wordcount", "--input-stream", "grainflow/lines", "--output", dir.Sub("out"), "--checkpoint-dir", dir.Sub("chk"),
        "--stream-store", azurite.ConnectionString, "--stream-container", container, "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
        "--checkpoint-interval", "200ms", "--control-url", "none", "--log-level", "Warning");
}
