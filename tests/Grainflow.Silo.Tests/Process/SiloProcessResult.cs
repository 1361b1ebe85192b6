namespace Grainflow.Silo.Tests.Process;

/// <summary>How a silo process ended, with everything it wrote, line by line.</summary>
internal sealed record SiloProcessResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}"
        + $"{Environment.NewLine}stderr:{Environment.NewLine}{string.Join(Environment.NewLine, Error)}";
}
