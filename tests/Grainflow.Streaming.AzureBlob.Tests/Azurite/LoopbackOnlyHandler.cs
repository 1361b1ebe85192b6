namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>A real socket transport that refuses any address but the loopback emulator.</summary>
internal sealed class LoopbackOnlyHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private readonly Lock _lock = new();
    private readonly List<string> _requests = [];

    /// <summary>How many requests so far matched <paramref name="match"/> (given "METHOD path?query").</summary>
    public int Count(Func<string, bool> match)
    {
        lock (_lock)
        {
            return _requests.Count(match);
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.IsLoopback)
        {
            throw new InvalidOperationException("Azurite tests may only talk to 127.0.0.1.");
        }

        lock (_lock)
        {
            _requests.Add($"{request.Method} {request.RequestUri.AbsolutePath}{request.RequestUri.Query}");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
