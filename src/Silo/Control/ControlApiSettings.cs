using System.Net;

namespace Grainflow.Silo.Control;

/// <summary>
/// Where the control API listens and the bearer token it requires. The token is a secret: it never appears in
/// <see cref="ToString"/>, logs or help text.
/// </summary>
internal sealed class ControlApiSettings
{
    /// <summary>The address the control API listens on when none is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>The --control-url value that turns the control API off.</summary>
    public const string DisabledUrl = "none";

    /// <summary>The environment variable the token is read from when --control-token is not given.</summary>
    public const string TokenVariable = "GRAINFLOW_CONTROL_TOKEN";

    public ControlApiSettings(Uri? url, string? token, bool urlGiven = false)
    {
        if (token is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(token);
        }

        Url = url;
        Token = token;
        UrlGiven = urlGiven;
    }

    /// <summary>No control API (a silo that runs no stream job, such as the counter sample).</summary>
    public static ControlApiSettings Disabled { get; } = new(url: null, token: null);

    /// <summary>The default: loopback on port 5180, no token.</summary>
    public static ControlApiSettings Default { get; } = new(new Uri(DefaultUrl), token: null);

    /// <summary>Where the API listens; null when it is disabled.</summary>
    public Uri? Url { get; }

    /// <summary>The bearer token every request must carry; null when none is required.</summary>
    public string? Token { get; }

    /// <summary>
    /// Whether the address was asked for explicitly. When the default address is taken (another silo on this
    /// machine), the silo runs without the API rather than failing; an explicit address that is taken fails.
    /// </summary>
    public bool UrlGiven { get; }

    /// <summary>Whether the API listens only on a loopback interface, where a token is optional.</summary>
    public bool IsLoopbackOnly => Url is null || IsLoopbackHost(Url);

    /// <summary>
    /// Why the settings may not be used (an address other than loopback without a token), or null when they may.
    /// </summary>
    public string? Problem => IsLoopbackOnly || Token is not null
        ? null
        : $"The control API would listen on {Url}, which is not a loopback address, and anyone who can reach it could stop jobs: " +
          $"pass --control-token <token> (or set {TokenVariable}), or bind it to 127.0.0.1.";

    /// <summary>Parses a --control-url value: <see cref="DisabledUrl"/>, or http://host:port with no path.</summary>
    public static bool TryParseUrl(string text, out Uri? url, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        url = null;
        error = null;
        if (text.Equals(DisabledUrl, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp)
        {
            error = $"Option '--control-url' expects an http:// address such as {DefaultUrl}, or '{DisabledUrl}', not '{text}'.";
            return false;
        }

        if (parsed.AbsolutePath != "/" || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
        {
            error = $"Option '--control-url' expects a scheme, host and port only (such as {DefaultUrl}), not '{text}'.";
            return false;
        }

        url = new Uri(parsed.GetLeftPart(UriPartial.Authority));
        return true;
    }

    public override string ToString() =>
        Url is null ? "control API disabled" : $"control API on {Url} ({(Token is null ? "no token" : "bearer token required")})";

    private static bool IsLoopbackHost(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
