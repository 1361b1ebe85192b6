namespace Grainflow.Silo.Tests.Process;

/// <summary>The built grainflow-silo executable as a child process (see <see cref="ChildProcess"/>).</summary>
internal static class SiloProcess
{
    public static ChildProcess Start(params string[] args) => ChildProcess.Start(ChildProcess.Silo, null, args);

    /// <summary>Starts grainflow-silo with extra environment variables (fault injection).</summary>
    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.Start(ChildProcess.Silo, environment.ToDictionary(p => p.Key, p => (string?)p.Value), args);

    /// <summary>Runs grainflow-silo with <paramref name="args"/> to its exit.</summary>
    public static Task<ProcessResult> RunAsync(params string[] args) => ChildProcess.RunAsync(ChildProcess.Silo, null, args);
}
