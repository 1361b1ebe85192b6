namespace Grainflow.Streaming.Checkpointing.Savepoints;

/// <summary>A savepoint of that name already exists; savepoints are kept until deleted and never overwritten.</summary>
public sealed class SavepointExistsException : Exception
{
    public SavepointExistsException()
    {
    }

    public SavepointExistsException(string message)
        : base(message)
    {
    }

    public SavepointExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
