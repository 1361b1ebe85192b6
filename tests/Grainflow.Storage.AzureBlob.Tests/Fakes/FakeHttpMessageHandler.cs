using System.Net;
using System.Text;

namespace Grainflow.Storage.AzureBlob.Tests.Fakes;

/// <summary>
/// Answers requests from a script of responders, in order (the last one repeats), and records every request with
/// a copy of its body and the clock time it was sent at.
/// </summary>
internal sealed class FakeHttpMessageHandler : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly TimeProvider _timeProvider;
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _last;

    public FakeHttpMessageHandler(TimeProvider timeProvider) => _timeProvider = timeProvider;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public FakeHttpMessageHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _script.Enqueue(responder);
        return this;
    }

    public FakeHttpMessageHandler Then(HttpStatusCode status, string? errorCode = null, params (string Name, string Value)[] headers) =>
        Then((_, _) => Task.FromResult(Respond(status, errorCode, headers)));

    public FakeHttpMessageHandler ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    public static HttpResponseMessage Respond(HttpStatusCode status, string? errorCode = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
            response.Content = new StringContent(
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>Fake {errorCode}.\nRequestId:1\nTime:now</Message></Error>",
                Encoding.UTF8, "application/xml");
        }

        response.Headers.TryAddWithoutValidation("ETag", "\"0x1\"");
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, Headers(request), body, _timeProvider.GetUtcNow()));
            responder = _script.Count > 0 ? (_last = _script.Dequeue()) : _last ?? throw new InvalidOperationException("No response scripted.");
        }

        return await responder(request, cancellationToken);
    }

    private static Dictionary<string, string> Headers(HttpRequestMessage request)
    {
        var headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Content?.Headers.NonValidated ?? default)
        {
            headers[name] = string.Join(",", values);
        }

        return headers;
    }
}
