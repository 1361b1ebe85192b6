using System.Globalization;

namespace Grainflow.Grains.Streaming;

/// <summary>Splits a task grain's key, "&lt;job&gt;/&lt;vertex&gt;/&lt;index&gt;".</summary>
internal readonly record struct TaskGrainKey(string JobId, string VertexId, int Index)
{
    public static string Format(string jobId, string vertexId, int index) => $"{jobId}/{vertexId}/{index}";

    public static TaskGrainKey Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ArgumentException($"'{key}' is not a task grain key of the form <job>/<vertex>/<index>.", nameof(key));
        }

        return new TaskGrainKey(parts[0], parts[1], index);
    }
}
