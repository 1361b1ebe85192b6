using System.Net.Http.Headers;
using System.Text;
using Grainflow.Storage.AzureBlob.Internal;

namespace Grainflow.Storage.AzureBlob.Tests.Unit;

/// <summary>
/// Known-good vectors written by hand from "Authorize with Shared Key" and signed independently of this code
/// (printf '…' | openssl dgst -sha256 -mac HMAC -macopt hexkey:&lt;key&gt; -binary | base64).
/// </summary>
public sealed class SharedKeySignerTests
{
    private const string AccountKey = BlobConnectionString.DevelopmentAccountKey;

    [Fact]
    public void BuildStringToSign_PathStylePutBlockWithConditions_MatchesSpecification()
    {
        using var message = PutBlockMessage();

        var stringToSign = SharedKeySigner.BuildStringToSign(message, "devstoreaccount1");

        const string Expected =
            "PUT\n\n\n11\n\ntext/plain\n\n\n\"0x8D\"\n\n\n\n" +
            "x-ms-client-request-id:00000000-0000-0000-0000-000000000001\n" +
            "x-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\n" +
            "x-ms-lease-id:lease-1\n" +
            "x-ms-version:2025-05-05\n" +
            "/devstoreaccount1/devstoreaccount1/mycontainer/dir/my%20blob.txt\n" +
            "blockid:YWJj+ZA==\n" +
            "comp:block\n" +
            "timeout:30";
        Assert.Equal(Expected, stringToSign);
    }

    [Fact]
    public async Task AuthenticateAsync_PathStylePutBlock_SendsKnownGoodSignature()
    {
        using var message = PutBlockMessage();
        var authenticator = new SharedKeyAuthenticator(new StorageSharedKeyCredential("devstoreaccount1", AccountKey));

        await authenticator.AuthenticateAsync(message, CancellationToken.None);

        Assert.Equal(
            "SharedKey devstoreaccount1:ORJw4KhWnrXYDQGjXXUIdFkJ1S8KspNw06NBqHaga3s=",
            Assert.Single(message.Headers.NonValidated["Authorization"]));
    }

    [Fact]
    public async Task AuthenticateAsync_VirtualHostRangedGetWithoutBody_SendsKnownGoodSignature()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "https://myaccount.blob.core.windows.net/mycontainer/a.bin");
        message.Headers.TryAddWithoutValidation("x-ms-version", "2025-05-05");
        message.Headers.TryAddWithoutValidation("x-ms-date", "Sat, 21 Nov 2026 12:00:00 GMT");
        message.Headers.TryAddWithoutValidation("Range", "bytes=0-99");
        var authenticator = new SharedKeyAuthenticator(new StorageSharedKeyCredential("myaccount", AccountKey));

        await authenticator.AuthenticateAsync(message, CancellationToken.None);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\nbytes=0-99\nx-ms-date:Sat, 21 Nov 2026 12:00:00 GMT\nx-ms-version:2025-05-05\n/myaccount/mycontainer/a.bin",
            SharedKeySigner.BuildStringToSign(message, "myaccount"));
        Assert.Equal(
            "SharedKey myaccount:uYhjK8FCSi+6iRwiN7wy4SogcgLgDyE0YF5uEzLuaWU=",
            Assert.Single(message.Headers.NonValidated["Authorization"]));
    }

    [Fact]
    public void BuildStringToSign_EmptyPutBody_SignsContentLengthAsEmpty()
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/c?restype=container")
        {
            Content = new ByteArrayContent([]),
        };

        var lines = SharedKeySigner.BuildStringToSign(message, "devstoreaccount1").Split('\n');

        Assert.Equal(string.Empty, lines[3]);
    }

    private static HttpRequestMessage PutBlockMessage()
    {
        var message = new HttpRequestMessage(
            HttpMethod.Put,
            "http://127.0.0.1:10000/devstoreaccount1/mycontainer/dir/my%20blob.txt?comp=block&blockid=YWJj%2BZA%3D%3D&timeout=30");
        message.Headers.TryAddWithoutValidation("x-ms-version", "2025-05-05");
        message.Headers.TryAddWithoutValidation("x-ms-date", "Fri, 26 Jun 2015 23:39:12 GMT");
        message.Headers.TryAddWithoutValidation("x-ms-lease-id", "lease-1");
        message.Headers.TryAddWithoutValidation("X-MS-Client-Request-Id", "00000000-0000-0000-0000-000000000001");
        message.Headers.TryAddWithoutValidation("If-Match", "\"0x8D\"");
        message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("hello world"));
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return message;
    }
}
