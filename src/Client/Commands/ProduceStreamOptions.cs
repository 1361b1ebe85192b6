using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grainflow.Client.Produce;
using Grainflow.Streams.Log;

namespace Grainflow.Client.Commands;

/// <summary>The options of <c>grainflow produce --stream</c>: the stream, how to reach the cluster, and the producer's identity.</summary>
internal sealed class ProduceStreamOptions
{
    public Option<string> Stream { get; } = new("--stream")
    {
        Description = "Append to this Orleans stream namespace of a Grainflow log stream provider, <provider>/<namespace> (e.g. grainflow/lines), " +
                      "through an Orleans client (instead of --log)",
        HelpName = "provider/namespace",
        CustomParser = ParseStream,
    };

    public Option<IPEndPoint> Gateway { get; } = new("--gateway")
    {
        Description = "With --stream: the silo's Orleans gateway, host:port ('grainflow-silo wordcount' prints it at start; 'serve' uses 30000 by default)",
        HelpName = "host:port",
        CustomParser = ParseGateway,
    };

    // No DefaultValueFactory or echo: a connection string is a secret.
    public Option<string> ClusterStorage { get; } = new("--cluster-storage")
    {
        Description = "With --stream: find the cluster's gateways through Azure Table membership in this storage account (the silos' " +
                      "--cluster-storage connection string) instead of --gateway; never printed",
        HelpName = "connection-string",
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = $"With --stream: the cluster's id, as the silos were given [default: {StreamProduceSettings.DefaultClusterId}]",
        HelpName = "id",
    };

    public Option<string> ProducerId { get; } = new("--producer-id")
    {
        Description = "With --stream: the idempotent producer's id, also the key of the stream written; run again with the same id, input and " +
                      $"--lines-per-append, produce skips the lines the stream already holds [default: {StreamProduceSettings.DefaultProducerId}]",
        HelpName = "id",
    };

    public Option<int?> Partitions { get; } = new("--stream-partitions")
    {
        Description = $"With --stream: the provider's partition count, as the silos' --stream-partitions [default: {GrainflowLogStreamOptions.DefaultPartitions}]",
        HelpName = "n",
        CustomParser = result => ParsePositive(result, "--stream-partitions", 1024),
    };

    public Option<int?> LinesPerAppend { get; } = new("--lines-per-append")
    {
        Description = "With --stream: lines per append (one durable record, one sequence number); keep it across re-runs of one producer " +
                      $"[default: {StreamProduceSettings.DefaultLinesPerAppend}]",
        HelpName = "n",
        CustomParser = result => ParsePositive(result, "--lines-per-append", 100_000),
    };

    public Option<TimeSpan?> RetryFor { get; } = new("--retry-for")
    {
        Description = "With --stream: how long a failing append is retried, reconnecting (a silo restarting), before produce gives up " +
                      $"[default: {StreamProduceSettings.DefaultRetryFor.TotalSeconds:0}s]",
        HelpName = "seconds",
        CustomParser = result => ParseSeconds(result, "--retry-for"),
    };

    public Option<TimeSpan?> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "With --stream: how long the first connection may take before the gateway counts as unreachable " +
                      $"[default: {StreamProduceSettings.DefaultConnectTimeout.TotalSeconds:0}s]",
        HelpName = "seconds",
        CustomParser = result => ParseSeconds(result, "--connect-timeout"),
    };

    /// <summary>The options that apply only with <see cref="Stream"/>.</summary>
    public IEnumerable<Option> StreamOnly => [Gateway, ClusterStorage, ClusterId, ProducerId, Partitions, LinesPerAppend, RetryFor, ConnectTimeout];

    public IEnumerable<Option> All => [Stream, .. StreamOnly];

    public StreamProduceSettings Read(ParseResult parseResult, double rate, long? count, string? textFile, int seed)
    {
        var address = parseResult.GetRequiredValue(Stream);
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        return new StreamProduceSettings
        {
            Provider = address[..slash],
            Namespace = address[(slash + 1)..],
            Cluster = new ProducerClusterSettings(
                parseResult.GetValue(Gateway), parseResult.GetValue(ClusterStorage), parseResult.GetValue(ClusterId) ?? StreamProduceSettings.DefaultClusterId),
            ProducerId = parseResult.GetValue(ProducerId) ?? StreamProduceSettings.DefaultProducerId,
            Partitions = parseResult.GetValue(Partitions) ?? GrainflowLogStreamOptions.DefaultPartitions,
            LinesPerAppend = parseResult.GetValue(LinesPerAppend) ?? StreamProduceSettings.DefaultLinesPerAppend,
            RetryFor = parseResult.GetValue(RetryFor) ?? StreamProduceSettings.DefaultRetryFor,
            ConnectTimeout = parseResult.GetValue(ConnectTimeout) ?? StreamProduceSettings.DefaultConnectTimeout,
            Rate = rate,
            Count = count,
            TextFile = textFile,
            Seed = seed,
        };
    }

    /// <summary>Adds the errors of a command line that mixes the stream options up.</summary>
    public void Validate(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetResult(Stream) is null)
        {
            if (StreamOnly.FirstOrDefault(o => result.GetResult(o) is not null) is { } misplaced)
            {
                result.AddError($"Option '{misplaced.Name}' applies only with '--stream'.");
            }

            return;
        }

        var gateway = result.GetResult(Gateway) is not null;
        var storage = result.GetResult(ClusterStorage) is not null;
        if (gateway == storage)
        {
            result.AddError(gateway
                ? "Options '--gateway' and '--cluster-storage' exclude each other; pass one of them."
                : "With '--stream', pass how to reach the cluster: '--gateway <host:port>' or '--cluster-storage <connection-string>'.");
        }
    }

    private static string ParseStream(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < text.Length - 1 && !string.IsNullOrWhiteSpace(text[..slash]) && !string.IsNullOrWhiteSpace(text[(slash + 1)..]))
        {
            return text;
        }

        result.AddError($"Option '--stream' expects <provider>/<namespace>, such as grainflow/lines, not '{text}'.");
        return string.Empty;
    }

    private static IPEndPoint? ParseGateway(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var colon = text.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= IPEndPoint.MaxPort)
        {
            var host = text[..colon].Trim('[', ']');
            if (IPAddress.TryParse(host, out var address))
            {
                return new IPEndPoint(address, port);
            }

            try
            {
                // A host name: static clustering takes addresses.
                var resolved = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily is AddressFamily.InterNetwork)
                    ?? Dns.GetHostAddresses(host).First();
                return new IPEndPoint(resolved, port);
            }
            catch (Exception exception) when (exception is SocketException or ArgumentException or InvalidOperationException)
            {
                result.AddError($"Option '--gateway': the host '{host}' does not resolve to an address.");
                return null;
            }
        }

        result.AddError($"Option '--gateway' expects host:port, such as 127.0.0.1:30000, not '{text}'.");
        return null;
    }

    private static int? ParsePositive(ArgumentResult result, string name, int max)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        result.AddError($"Option '{name}' expects a whole number from 1 to {max}, not '{text}'.");
        return null;
    }

    private static TimeSpan? ParseSeconds(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var number = text.EndsWith('s') ? text[..^1] : text;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        result.AddError($"Option '{name}' expects a number of seconds such as 30 or 2.5s (at most a day), not '{text}'.");
        return null;
    }
}
