namespace Grainflow.Storage.AzureBlob.Tests.Azurite;

/// <summary>Passes requests to a real socket handler and counts them per operation (query <c>comp</c> or method).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private readonly Lock _lock = new();
    private readonly List<string> _requests = [];

    public int Count(Func<string, bool> match)
    {
        lock (_lock)
        {
            return _requests.Count(match);
        }
    }

    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Traffic must stay on the loopback emulator.
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
