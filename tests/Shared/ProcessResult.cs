namespace Grainflow.Tests.Shared;

/// <summary>How a child process ended: its exit code and every line it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Error)
{
    public string StandardOutput => string.Join('\n', Output);

    public string StandardError => string.Join('\n', Error);

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}
