namespace Grainflow.Streams.Tests;

/// <summary>The one wait of these tests: poll a value until a condition holds, failing at a deadline, never a sleep for a guess.</summary>
internal static class Polling
{
    /// <summary>Polls <paramref name="get"/> until <paramref name="condition"/> holds, failing after <paramref name="deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> get, Func<T, bool> condition, string what, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var value = await get();
            if (condition(value))
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {deadline}: {what}. Last: {value}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
