using System.Globalization;
using System.Net;

namespace Grainflow.Samples.StreamSubscriber;

/// <summary>The sample's command line: <c>--gateway host:port [--stream grainflow/counts] [--keys k1,k2] [--stream-partitions n] [--cluster-id id]</c>.</summary>
internal sealed record SubscriberOptions(IPEndPoint Gateway, string Provider, string Namespace, string[] Keys, int Partitions, string ClusterId)
{
    public const string Usage =
        "usage: StreamSubscriber --gateway <host:port> [--stream <provider>/<namespace>] [--keys <key,key,...>] [--stream-partitions <n>] [--cluster-id <id>]";

    /// <summary>Parses the arguments; null with <paramref name="error"/> saying what to fix.</summary>
    public static SubscriberOptions? Parse(string[] args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"expected '--option value' pairs, not '{args[i]}'. {Usage}";
                return null;
            }

            values[args[i]] = args[i + 1];
        }

        error = null;
        var unknown = values.Keys.FirstOrDefault(k => k is not ("--gateway" or "--stream" or "--keys" or "--stream-partitions" or "--cluster-id"));
        if (unknown is not null)
        {
            error = $"unknown option '{unknown}'. {Usage}";
            return null;
        }

        if (!values.TryGetValue("--gateway", out var gatewayText) || !IPEndPoint.TryParse(gatewayText, out var gateway) || gateway.Port == 0)
        {
            error = $"pass the silo's gateway as --gateway <ip:port>, such as 127.0.0.1:30000. {Usage}";
            return null;
        }

        var stream = values.GetValueOrDefault("--stream", "grainflow/counts");
        var slash = stream.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == stream.Length - 1)
        {
            error = $"--stream expects <provider>/<namespace>, such as grainflow/counts, not '{stream}'.";
            return null;
        }

        // The wordcount job's sink writes one stream per counting task, keyed counts-stream-<task>; 2 tasks by default.
        var keys = values.GetValueOrDefault("--keys", "counts-stream-0,counts-stream-1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!int.TryParse(values.GetValueOrDefault("--stream-partitions", "8"), NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
        {
            error = "--stream-partitions expects the silos' partition count (a whole number of at least 1).";
            return null;
        }

        return new SubscriberOptions(gateway, stream[..slash], stream[(slash + 1)..], keys, partitions, values.GetValueOrDefault("--cluster-id", "grainflow"));
    }
}
