namespace Grainflow.Silo.CommandLine;

/// <summary>Bad input or configuration found before anything ran: exit code 2 with the message, which says what to fix.</summary>
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
