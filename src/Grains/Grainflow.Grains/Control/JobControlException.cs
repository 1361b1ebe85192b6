namespace Grainflow.Grains.Control;

/// <summary>A control request that cannot be done, classified once for the API (404, 409, 400).</summary>
public sealed class JobControlException : Exception
{
    public JobControlException()
    {
    }

    public JobControlException(string message)
        : base(message)
    {
    }

    public JobControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JobControlException(JobControlError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>What kind of failure it is.</summary>
    public JobControlError Error { get; }
}

/// <summary>The kinds of control failures.</summary>
public enum JobControlError
{
    /// <summary>The job, operator or savepoint does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The job is not in a state that allows the request, or the name is taken (HTTP 409).</summary>
    Conflict,

    /// <summary>The request itself is malformed (HTTP 400).</summary>
    Invalid,
}
