namespace Grainflow.Streaming.Sources.Readers;

/// <summary>A UTF-8 text file as a bounded, single-partition source of lines.</summary>
internal sealed class TextFileSourceFactory(string path) : ISourceFactory<string>
{
    public int PartitionCount => 1;

    public bool IsBounded => true;

    public string Description => "text-file";

    public ISourceReader<string> CreateReader(int partition) => new TextFileSourceReader(TextFileSource.Open(path));
}
