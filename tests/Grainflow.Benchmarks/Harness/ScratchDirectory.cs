namespace Grainflow.Benchmarks.Harness;

/// <summary>A directory under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string purpose)
    {
        FullPath = Path.Combine(Path.GetTempPath(), $"grainflow-bench-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string Sub(string name) => Path.Combine(FullPath, name);

    /// <summary>A fresh, empty sub-directory (a job run must not see the checkpoints or output of an earlier one).</summary>
    public string NewSub(string prefix)
    {
        var path = Path.Combine(FullPath, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"Could not delete {FullPath}: {exception.Message}");
        }
    }
}
