using System.Globalization;
using System.Text;

namespace Grainflow.Benchmarks.Crash.Idiomatic;

/// <summary>
/// The idiomatic wordcount's output, one file every word grain appends its "word&lt;TAB&gt;count" line to (a singleton
/// of the silo's services). Thread-safe: grains of different words append at the same time. Each line is one
/// unbuffered write, so a line is in the file (the kernel's page cache, which outlives the process) as soon as its
/// grain call returns, and a kill never leaves half a line: what is wrong with the output after a crash is the
/// design's doing, not lost buffers.
/// </summary>
internal sealed class WordCountOutputFile(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    private readonly Lock _lock = new();

    public void Append(string word, long count)
    {
        var line = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{word}\t{count}\n"));
        lock (_lock)
        {
            _file.Write(line);
        }
    }

    public void Dispose() => _file.Dispose();
}
