namespace Grainflow.Silo.Faults;

/// <summary>
/// Fault injection for signal tests, never for production: holds a job run just before its silo is built, says so on
/// stdout, and goes on once a stop signal arrived, so that a test can deliver SIGINT or SIGTERM while no host handles
/// signals yet. Enabled only by the environment variable <see cref="WaitVariable"/> (<c>1</c>).
/// </summary>
internal static class SignalWait
{
    public const string WaitVariable = "GRAINFLOW_FAULT_WAIT_FOR_SIGNAL_BEFORE_SILO";

    // Bounds the wait of a test whose signal never comes: the run then goes on as if not held.
    private static readonly TimeSpan s_longestWait = TimeSpan.FromMinutes(2);

    public static async Task BeforeSiloIfRequestedAsync(TextWriter output, CancellationToken stopSignal)
    {
        if (Environment.GetEnvironmentVariable(WaitVariable) != "1")
        {
            return;
        }

        lock (output)
        {
            output.WriteLine("[fault] waiting for a stop signal before the silo is built");
            output.Flush();
        }

        try
        {
            await Task.Delay(s_longestWait, stopSignal);
        }
        catch (OperationCanceledException)
        {
            // The signal arrived: the run goes on, and finds it.
        }
    }
}
