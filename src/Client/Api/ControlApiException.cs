using System.Net;

namespace Grainflow.Client.Api;

/// <summary>The silo answered with an error: its HTTP status and the problem's detail, which says what is wrong.</summary>
internal sealed class ControlApiException : Exception
{
    public ControlApiException()
    {
    }

    public ControlApiException(string message)
        : base(message)
    {
    }

    public ControlApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ControlApiException(HttpStatusCode statusCode, string detail)
        : base(detail)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }
}
