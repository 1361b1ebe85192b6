namespace Grainflow.Grains.Streaming;

/// <summary>No job of that id was started on the cluster.</summary>
public sealed class JobNotFoundException : Exception
{
    public JobNotFoundException()
    {
    }

    public JobNotFoundException(string message)
        : base(message)
    {
    }

    public JobNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
