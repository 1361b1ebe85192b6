using Grainflow.Silo.CommandLine;

namespace Grainflow.Silo.Tests;

public sealed class DurationParserTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "1h", TimeSpan.FromHours(1) },
        { "0s", TimeSpan.Zero },
        { "1.5s", TimeSpan.FromMilliseconds(1500) },
        { "0.25h", TimeSpan.FromMinutes(15) },
        { "30S", TimeSpan.FromSeconds(30) },
        { "5MS", TimeSpan.FromMilliseconds(5) },
        { "  30s  ", TimeSpan.FromSeconds(30) },
        { "00:00:30", TimeSpan.FromSeconds(30) },
        { "01:30:00", TimeSpan.FromMinutes(90) },
        { "1:30:00", TimeSpan.FromMinutes(90) },
        { "00:00:00.250", TimeSpan.FromMilliseconds(250) },
        { "2.01:00:00", TimeSpan.FromHours(49) },
        { "infinite", Timeout.InfiniteTimeSpan },
        { "Infinite", Timeout.InfiniteTimeSpan },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_AcceptedForm_ReturnsTheDuration(string text, TimeSpan expected)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("30")]
    [InlineData("5d")]
    [InlineData("s")]
    [InlineData("ms")]
    [InlineData("-5s")]
    [InlineData("+5s")]
    [InlineData("5 s")]
    [InlineData("1e3s")]
    [InlineData("1,5s")]
    [InlineData("1:30")]
    [InlineData("25:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("99999999999999h")]
    public void TryParse_NotADuration_ReturnsFalse(string? text)
    {
        Assert.False(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(900_000, "15m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(5_400_000, "90m")]
    [InlineData(1_500, "1500ms")]
    [InlineData(0, "00:00:00")]
    public void Format_Duration_WritesTheLargestExactUnit(long milliseconds, string expected) =>
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Format_Infinite_WritesInfinite() =>
        Assert.Equal("infinite", DurationParser.Format(Timeout.InfiniteTimeSpan));

    [Fact]
    public void Format_SubMillisecond_WritesClockFormThatParsesBack()
    {
        var duration = TimeSpan.FromTicks(1);

        var text = DurationParser.Format(duration);

        Assert.Equal("00:00:00.0000001", text);
        Assert.True(DurationParser.TryParse(text, out var parsed));
        Assert.Equal(duration, parsed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(60_000)]
    [InlineData(86_400_000)]
    [InlineData(123_456_789)]
    public void Format_ThenTryParse_RoundTrips(long milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);

        Assert.True(DurationParser.TryParse(DurationParser.Format(duration), out var parsed));
        Assert.Equal(duration, parsed);
    }
}
