using System.Collections.Concurrent;

namespace Grainflow.Benchmarks.StreamProviders;

/// <summary>What the producers say they appended, per provider and stream key: records (append calls) and events.</summary>
internal sealed class AppendLedger
{
    private readonly ConcurrentDictionary<(string Provider, string Key), StreamCount> _counts = new();

    public void Add(string provider, string key, long calls, int eventsPerCall) =>
        _counts.AddOrUpdate((provider, key), new StreamCount(calls, calls * eventsPerCall), (_, c) => new StreamCount(c.Records + calls, c.Events + (calls * eventsPerCall)));

    /// <summary>The streams appended to through <paramref name="provider"/>.</summary>
    public IReadOnlyDictionary<string, StreamCount> For(string provider) =>
        _counts.Where(c => c.Key.Provider == provider).ToDictionary(c => c.Key.Key, c => c.Value, StringComparer.Ordinal);
}
