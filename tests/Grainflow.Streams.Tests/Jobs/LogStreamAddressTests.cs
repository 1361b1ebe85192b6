using Grainflow.Streams.Log.Jobs;

namespace Grainflow.Streams.Tests.Jobs;

public sealed class LogStreamAddressTests
{
    [Theory]
    [InlineData("grainflow/lines", "grainflow", "lines")]
    [InlineData("grainflow/a/b", "grainflow", "a/b")]
    public void Parse_ProviderSlashNamespace_SplitAtTheFirstSlash(string text, string provider, string streamNamespace)
    {
        var address = LogStreamAddress.Parse(text);

        Assert.Equal(new LogStreamAddress(provider, streamNamespace), address);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("grainflow")]
    [InlineData("/lines")]
    [InlineData("grainflow/")]
    [InlineData(" /lines")]
    public void Parse_NotProviderSlashNamespace_SaysTheForm(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => LogStreamAddress.Parse(text));

        Assert.Contains("<provider>/<namespace>", error.Message, StringComparison.Ordinal);
    }
}
