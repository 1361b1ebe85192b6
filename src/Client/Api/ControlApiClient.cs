using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grainflow.Interfaces.Control;

namespace Grainflow.Client.Api;

/// <summary>
/// The silo's control API over HTTP. Every failure is one of two exceptions: <see cref="SiloUnreachableException"/>
/// when no silo answers, <see cref="ControlApiException"/> (status and detail) when it answers with an error.
/// </summary>
internal sealed class ControlApiClient : IDisposable
{
    // A silo either accepts the connection at once or is not there; a savepoint or a stop may take long once connected.
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(10);

    private static readonly ControlJsonContext s_json = ControlJsonContext.Default;

    private readonly HttpClient _http;
    private readonly Uri _silo;

    public ControlApiClient(Uri silo, string? token)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _silo = silo;
        var handler = new SocketsHttpHandler { ConnectTimeout = s_connectTimeout, UseProxy = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(silo.AbsoluteUri.EndsWith('/') ? silo.AbsoluteUri : silo.AbsoluteUri + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>Starts a job definition on the cluster (POST /jobs).</summary>
    public Task<StartedJobView> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "jobs", JsonContent.Create(request, s_json.StartJobRequest), s_json.StartedJobView, cancellationToken)!;

    /// <summary>The jobs the cluster remembers (GET /jobs).</summary>
    public Task<IReadOnlyList<JobSummaryView>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "jobs", null, s_json.IReadOnlyListJobSummaryView, cancellationToken)!;

    public Task<JobStatusView> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, Job(jobId, "status"), null, s_json.JobStatusView, cancellationToken)!;

    public Task<IReadOnlyList<CheckpointView>> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, Job(jobId, "checkpoints"), null, s_json.IReadOnlyListCheckpointView, cancellationToken)!;

    public Task<TriggeredCheckpointView> TriggerCheckpointAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, Job(jobId, "checkpoints"), null, s_json.TriggeredCheckpointView, cancellationToken)!;

    public Task<IReadOnlyList<SavepointView>> ListSavepointsAsync(string jobId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, Job(jobId, "savepoints"), null, s_json.IReadOnlyListSavepointView, cancellationToken)!;

    public Task<SavepointView> CreateSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post,
            Job(jobId, "savepoints"),
            JsonContent.Create(new CreateSavepointRequest(name), s_json.CreateSavepointRequest),
            s_json.SavepointView,
            cancellationToken)!;

    public Task DeleteSavepointAsync(string jobId, string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, Job(jobId, $"savepoints/{Uri.EscapeDataString(name)}"), null, s_json.SavepointView, cancellationToken);

    /// <summary>Stops the job; returns the savepoint taken first, or null when none was asked for.</summary>
    public Task<SavepointView?> StopAsync(string jobId, string? savepointName, bool drain = true, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post,
            Job(jobId, "stop"),
            JsonContent.Create(new StopJobRequest(savepointName, drain), s_json.StopJobRequest),
            s_json.SavepointView,
            cancellationToken);

    /// <summary>Rescales the job through a savepoint; returns once it runs again.</summary>
    public Task<RescaledJobView> RescaleAsync(string jobId, int parallelism, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post,
            Job(jobId, "rescale"),
            JsonContent.Create(new RescaleJobRequest(parallelism), s_json.RescaleJobRequest),
            s_json.RescaledJobView,
            cancellationToken)!;

    public Task<StateValueView> GetStateAsync(string jobId, string operatorId, string key, string? stateName, CancellationToken cancellationToken = default)
    {
        var path = Job(jobId, $"operators/{Uri.EscapeDataString(operatorId)}/state/{Uri.EscapeDataString(key)}");
        if (stateName is not null)
        {
            path += $"?state={Uri.EscapeDataString(stateName)}";
        }

        return SendAsync(HttpMethod.Get, path, null, s_json.StateValueView, cancellationToken)!;
    }

    public void Dispose() => _http.Dispose();

    private static string Job(string jobId, string rest) => $"jobs/{Uri.EscapeDataString(jobId)}/{rest}";

    /// <summary>Sends one request; the answer's body, or null for 204 No Content.</summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new SiloUnreachableException(_silo, Reason(exception), exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SiloUnreachableException(_silo, $"no connection within {s_connectTimeout.TotalSeconds:0} s", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw new ControlApiException(response.StatusCode, $"The silo's answer to {method} /{path} is not the expected JSON: {exception.Message}");
            }
        }
    }

    /// <summary>The one place an error status becomes an exception: the problem's detail, or what the status says.</summary>
    private static async Task<ControlApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                detail = Text(problem.RootElement, "detail") ?? Text(problem.RootElement, "title");
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page): the status says enough.
        }

        var status = (int)response.StatusCode;
        return new ControlApiException(response.StatusCode, detail ?? $"The silo answered {status} {response.ReasonPhrase}.");
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Reason(HttpRequestException exception) =>
        exception.InnerException is SocketException socket ? socket.Message : exception.Message;
}
