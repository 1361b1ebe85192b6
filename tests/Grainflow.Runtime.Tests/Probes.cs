using Grainflow.TestingHost;

namespace Grainflow.Runtime.Tests;

/// <summary>Waits for runtime states that follow an event by a few instructions on another thread: polled under a deadline.</summary>
internal static class Probes
{
    /// <summary>Every activation has nothing running or in progress (a timer tick has ended and re-armed its timer).</summary>
    public static Task WaitUntilQuiescentAsync(TestSilo silo) =>
        WaitUntilAsync(() => silo.Silo.Runtime.Directory.All.All(a => a.IsQuiescent), "every activation to be quiescent");

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline.Default;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(1);
        }
    }
}
