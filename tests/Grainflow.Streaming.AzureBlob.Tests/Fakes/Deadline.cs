namespace Grainflow.Streaming.AzureBlob.Tests.Fakes;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep for a fixed time.</summary>
internal static class Deadline
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var stop = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > stop)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}
