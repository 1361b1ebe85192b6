namespace Grainflow.Streaming.Checkpointing.Savepoints;

/// <summary>No complete savepoint of that name exists.</summary>
public sealed class SavepointNotFoundException : Exception
{
    public SavepointNotFoundException()
    {
    }

    public SavepointNotFoundException(string message)
        : base(message)
    {
    }

    public SavepointNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
