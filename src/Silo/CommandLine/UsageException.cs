namespace Grainflow.Silo.CommandLine;

/// <summary>
/// Bad input or configuration: exit code 2 with the message, which says what to fix. Found before anything ran, or input
/// the running job cannot read as it is (a job outcome that no restart can get past).
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
