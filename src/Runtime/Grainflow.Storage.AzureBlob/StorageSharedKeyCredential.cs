using System.Security.Cryptography;
using System.Text;

namespace Grainflow.Storage.AzureBlob;

/// <summary>
/// A storage account name and key, used to sign requests (Shared Key) and SAS tokens.
/// The key is never exposed again and never appears in <see cref="ToString"/>.
/// </summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates the credential.</summary>
    /// <param name="accountName">The storage account name, e.g. <c>devstoreaccount1</c>.</param>
    /// <param name="accountKey">The base64 account key.</param>
    /// <exception cref="ArgumentException">The key is not valid base64 (the key itself is not echoed).</exception>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The account key is not valid base64.", nameof(accountKey));
        }
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <inheritdoc />
    public override string ToString() => $"StorageSharedKeyCredential {{ AccountName = {AccountName} }}";

    internal string ComputeHmacSha256(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}
