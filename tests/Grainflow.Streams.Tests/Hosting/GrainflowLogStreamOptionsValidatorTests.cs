using Grainflow.Streams.Log;

namespace Grainflow.Streams.Tests.Hosting;

/// <summary>A silo's provider options are refused at start, naming the setting, when they cannot say where the partitions are.</summary>
public sealed class GrainflowLogStreamOptionsValidatorTests
{
    private const string Secret = "bm90LWEtcmVhbC1rZXktbmV2ZXItcHJpbnRlZA==";

    [Fact]
    public void Validate_DirectoryAndBlobConnectionString_RefusedAsExclusive()
    {
        var error = Validate(new GrainflowLogStreamOptions { Directory = "streams", BlobConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal(
            "Grainflow log stream provider 'grainflow': GrainflowLogStreamOptions.Directory and BlobConnectionString exclude each other; set one.",
            error);
    }

    [Fact]
    public void Validate_NoPlaceForThePartitions_RefusedNamingTheThreeSettings()
    {
        var error = Validate(new GrainflowLogStreamOptions());

        Assert.Equal(
            "Grainflow log stream provider 'grainflow': GrainflowLogStreamOptions.Directory (or BlobConnectionString, or BlobServiceUri) "
            + "must say where the partitions are.",
            error);
    }

    [Fact]
    public void Validate_MalformedConnectionString_RefusedWithoutItsValue()
    {
        var error = Validate(new GrainflowLogStreamOptions { BlobConnectionString = $"AccountKey={Secret};Endpoint" });

        Assert.StartsWith("Grainflow log stream provider 'grainflow': GrainflowLogStreamOptions.BlobConnectionString is not usable: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Streams")]
    [InlineData("a--b")]
    public void Validate_InvalidContainerName_RefusedNamingTheRule(string name)
    {
        var error = Validate(new GrainflowLogStreamOptions { BlobConnectionString = "UseDevelopmentStorage=true", BlobContainerName = name });

        Assert.Contains($"BlobContainerName must be 3 to 63 lower-case letters, digits and single hyphens", error, StringComparison.Ordinal);
        Assert.Contains($"(it is '{name}')", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlobConnectionStringAlone_Accepted()
    {
        Assert.Null(Validate(new GrainflowLogStreamOptions { BlobConnectionString = "UseDevelopmentStorage=true" }));
    }

    private static string? Validate(GrainflowLogStreamOptions options)
    {
        try
        {
            new GrainflowLogStreamOptionsValidator(options, "grainflow", requireStorage: true).ValidateConfiguration();
            return null;
        }
        catch (OrleansConfigurationException exception)
        {
            return exception.Message;
        }
    }
}
