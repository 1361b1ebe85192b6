using System.Collections.Concurrent;

namespace Grainflow.Grains.Tests.Cluster;

/// <summary>
/// Objects a test hands to the job definitions and storage kinds of its in-process silos by key (an in-memory log, a
/// fault-injecting storage, a probe): a test seam only. Jobs in production rebuild everything from their parameters.
/// </summary>
internal static class TestObjects
{
    private static readonly ConcurrentDictionary<string, object> s_objects = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="value"/> and returns its key.</summary>
    public static string Add(object value)
    {
        var key = Guid.NewGuid().ToString("N");
        s_objects[key] = value;
        return key;
    }

    public static T Get<T>(string key) => (T)s_objects[key];
}
