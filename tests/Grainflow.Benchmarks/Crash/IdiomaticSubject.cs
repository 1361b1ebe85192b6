using Grainflow.Benchmarks.Crash.Idiomatic;
using Grainflow.Tests.Shared;

namespace Grainflow.Benchmarks.Crash;

/// <summary>
/// The grain-per-word wordcount on memory grain storage (<see cref="IdiomaticCrashChild"/>), killed once it has
/// counted <paramref name="killAfterWords"/> words; its output is one file the grains append to.
/// </summary>
internal sealed class IdiomaticSubject(string input, string outputDirectory, long killAfterWords) : ICrashSubject
{
    private readonly string _outputFile = Path.Combine(outputDirectory, "counts.txt");

    public string Name => "Idiomatic Orleans (grain per word, memory storage)";

    public bool ClaimsExactlyOnce => false;

    public string KillPoint => $"once it printed that it counted {killAfterWords:#,0} words";

    public string DoneMarker => IdiomaticCrashChild.DoneMarker;

    // The benchmark executable itself, in its hidden child mode.
    public ChildProcess Start() =>
        ChildProcess.Start(typeof(IdiomaticSubject).Assembly.Location, null, [.. IdiomaticCrashChild.Arguments(input, _outputFile, killAfterWords)]);

    public Task<string> WaitForKillPointAsync(ChildProcess child) => child.WaitForOutputLineAsync(IdiomaticCrashChild.CountedMarker);

    public IReadOnlyList<string> ReadOutput() => File.Exists(_outputFile) ? File.ReadAllLines(_outputFile) : [];

    public string DescribeRestart(ProcessResult rerun) => "the input's start (counts lost)";
}
