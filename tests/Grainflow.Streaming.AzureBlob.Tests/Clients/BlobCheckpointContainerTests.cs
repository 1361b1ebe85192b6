using Azure.Core;
using Azure.Storage.Blobs;

namespace Grainflow.Streaming.AzureBlob.Tests.Clients;

/// <summary>How the container client is built from settings; none of these makes a request.</summary>
public sealed class BlobCheckpointContainerTests
{
    [Fact]
    public void Constructor_DevelopmentStorageConnectionString_TargetsLocalEmulator()
    {
        var storage = new BlobCheckpointStorage(new BlobCheckpointStorageOptions { ConnectionString = "UseDevelopmentStorage=true", Prefix = "a/b/" });

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/grainflow-checkpoints"), storage.ContainerUri);
        Assert.Equal("a/b/", storage.Prefix);
    }

    [Fact]
    public void Constructor_SasConnectionString_ContainerUriCarriesNoSignature()
    {
        var storage = new BlobCheckpointStorage(new BlobCheckpointStorageOptions
        {
            ConnectionString = "BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=2026-06-06&ss=b&srt=sco&sp=rwdlac&sig=c2VjcmV0",
            ContainerName = "jobs",
        });

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/jobs"), storage.ContainerUri);
    }

    [Theory]
    [InlineData(null, "grainflow-checkpoints", null)]
    [InlineData("UseDevelopmentStorage=true", "", null)]
    [InlineData("UseDevelopmentStorage=true", "c", "a/.hidden")]
    [InlineData("UseDevelopmentStorage=true", "c", "a//b")]
    public void Constructor_InvalidOptions_ThrowsArgumentException(string? connectionString, string container, string? prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => new BlobCheckpointStorage(
            new BlobCheckpointStorageOptions { ConnectionString = connectionString, ContainerName = container, Prefix = prefix }));
    }

    [Fact]
    public void Constructor_ConnectionStringAndUrl_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new BlobCheckpointStorage(new BlobCheckpointStorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            ServiceUri = new Uri("https://acct.blob.core.windows.net"),
        }));
    }

    [Theory]
    [InlineData("AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;Endpoint")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;Bogus")]
    public void FromConnectionString_Malformed_ThrowsFormatExceptionWithoutTheKey(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => BlobCheckpointContainer.FromConnectionString(connectionString));

        Assert.StartsWith("The connection string is malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClientOptions_Always_PinsAServiceVersionAzuriteAccepts()
    {
        var container = BlobCheckpointContainer.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(BlobClientOptions.ServiceVersion.V2026_06_06, BlobCheckpointContainer.ServiceVersion);
        Assert.Equal(BlobClientOptions.ServiceVersion.V2026_06_06, BlobCheckpointContainer.CreateClientOptions().Version);
        Assert.Equal("grainflow-checkpoints", container.Name);
    }

    [Theory]
    [InlineData("https://acct.blob.core.windows.net", null, "https://acct.blob.core.windows.net/grainflow-checkpoints")]
    [InlineData("https://acct.blob.core.windows.net/", "jobs", "https://acct.blob.core.windows.net/jobs")]
    [InlineData("https://acct.blob.core.windows.net/jobs", null, "https://acct.blob.core.windows.net/jobs")]
    [InlineData("https://acct.blob.core.windows.net/jobs", "jobs", "https://acct.blob.core.windows.net/jobs")]
    public void FromUri_AccountOrContainerUrl_NamesTheContainer(string uri, string? containerName, string expected)
    {
        var container = BlobCheckpointContainer.FromUri(new Uri(uri), containerName, new UnusedCredential());

        Assert.Equal(new Uri(expected), container.Uri);
    }

    [Fact]
    public void Constructor_ServiceUriOfAContainer_UsesThatContainer()
    {
        var storage = new BlobCheckpointStorage(new BlobCheckpointStorageOptions
        {
            ServiceUri = new Uri("https://acct.blob.core.windows.net/jobs"),
            Credential = new UnusedCredential(),
        });

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/jobs"), storage.ContainerUri);
    }

    [Theory]
    [InlineData("http://acct.blob.core.windows.net", null, "https://")]
    [InlineData("https://acct.blob.core.windows.net/jobs?sv=2026-06-06&sig=c2VjcmV0", null, "no query")]
    [InlineData("https://acct.blob.core.windows.net/jobs/a/blob", null, "names a blob")]
    [InlineData("https://acct.blob.core.windows.net/jobs", "other", "names container 'jobs', not 'other'")]
    public void FromUri_Unusable_ThrowsArgumentExceptionSayingWhy(string uri, string? containerName, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobCheckpointContainer.FromUri(new Uri(uri), containerName, new UnusedCredential()));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
    }

    private sealed class UnusedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No request is made.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No request is made.");
    }
}
