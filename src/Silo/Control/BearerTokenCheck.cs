using System.Security.Cryptography;
using System.Text;

namespace Grainflow.Silo.Control;

/// <summary>
/// Checks the Authorization header against the control token in constant time. Both sides are hashed first, so
/// the comparison takes the same time whatever the length or content of what was sent.
/// </summary>
internal sealed class BearerTokenCheck
{
    private const string Scheme = "Bearer ";

    private readonly byte[]? _expectedHash;

    public BearerTokenCheck(string? token)
    {
        _expectedHash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Whether requests must carry the token.</summary>
    public bool IsRequired => _expectedHash is not null;

    /// <summary>Null when the request may proceed; otherwise what is wrong with its credentials.</summary>
    public string? Check(string? authorization)
    {
        if (_expectedHash is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "This silo's control API requires a bearer token: send 'Authorization: Bearer <token>' (the client's --token, or GRAINFLOW_CONTROL_TOKEN).";
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization.AsSpan(Scheme.Length).Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(presented, _expectedHash)
            ? null
            : "The bearer token is not this silo's control token.";
    }
}
