namespace Grainflow.Client.CommandLine;

/// <summary>A failure the client reports as one line on stderr and one exit code of <see cref="ClientExitCodes"/>.</summary>
internal sealed class ClientFailure : Exception
{
    public ClientFailure()
    {
    }

    public ClientFailure(string message)
        : base(message)
    {
    }

    public ClientFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClientFailure(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = ClientExitCodes.Failure;
}
