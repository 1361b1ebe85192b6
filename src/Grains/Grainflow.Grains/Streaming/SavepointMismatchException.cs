namespace Grainflow.Grains.Streaming;

/// <summary>A savepoint holds state that no operator of the job claims, and dropping it was not allowed.</summary>
public sealed class SavepointMismatchException : Exception
{
    public SavepointMismatchException()
    {
    }

    public SavepointMismatchException(string message)
        : base(message)
    {
    }

    public SavepointMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
