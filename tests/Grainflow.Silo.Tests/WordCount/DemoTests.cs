using Grainflow.Silo.Tests.Process;

namespace Grainflow.Silo.Tests.WordCount;

public sealed class DemoTests
{
    [Fact]
    public async Task Run_NoCommand_RunsTheWordCountDemoAndPrintsTheTopWords()
    {
        var result = await SiloProcess.RunAsync("--log-level", "Warning");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Output, l => l.StartsWith("[demo] generated 2,000,000 words in ", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.StartsWith("[wordcount] checkpoint 1 completed in ", StringComparison.Ordinal));
        Assert.Contains(result.Output, l => l.StartsWith("[wordcount] done: All input consumed; final checkpoint ", StringComparison.Ordinal));
        var top = result.Output.SkipWhile(l => l != "[demo] top 10 words of 21 distinct:").Skip(1).Take(3).ToList();
        Assert.Equal(["  grain           591,976", "  silo            189,404", "  stream          136,893"], top);
    }
}
