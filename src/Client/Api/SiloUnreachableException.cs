namespace Grainflow.Client.Api;

/// <summary>No silo answered at the address: nothing listens there, the name does not resolve, or it is not HTTP.</summary>
internal sealed class SiloUnreachableException : Exception
{
    public SiloUnreachableException()
    {
    }

    public SiloUnreachableException(string message)
        : base(message)
    {
    }

    public SiloUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SiloUnreachableException(Uri silo, string reason, Exception innerException)
        : base(reason, innerException)
    {
        Silo = silo;
    }

    /// <summary>The silo address that did not answer.</summary>
    public Uri? Silo { get; }
}
