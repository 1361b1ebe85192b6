namespace Grainflow.Runtime.Tests;

/// <summary>
/// A guard against a hung test, not a way to wait: every await of an event the test caused goes through it,
/// so a broken runtime fails the test after the deadline instead of hanging the run.
/// </summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task Within(this Task task) => task.WaitAsync(Default);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Default);
}
