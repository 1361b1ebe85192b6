using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

public sealed class CheckpointStorageLayoutTests
{
    private readonly CheckpointStorageLayout _layout = new("orders-job");

    [Fact]
    public void Paths_ForJob_FollowTheDocumentedLayout()
    {
        var task = new TaskStateKey("op-count", 0, 63);

        Assert.Equal("orders-job/_latest", _layout.LatestPointerPath);
        Assert.Equal("orders-job/chk-", _layout.CheckpointsPrefix);
        Assert.Equal("orders-job/chk-12/", _layout.CheckpointDirectory(12));
        Assert.Equal("orders-job/chk-12/_metadata", _layout.ManifestPath(12));
        Assert.Equal("orders-job/chk-12/op-count_kg-0-63", _layout.StateFilePath(12, task));
        Assert.Equal("orders-job/savepoints/v2.1/", _layout.SavepointDirectory("v2.1"));
        Assert.Equal("orders-job/savepoints/v2.1/_metadata", _layout.SavepointManifestPath("v2.1"));
        Assert.Equal("orders-job/savepoints/v2.1/op-count_kg-0-63", _layout.SavepointStateFilePath("v2.1", task));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("_private")]
    [InlineData("-dash")]
    [InlineData("with space")]
    [InlineData("caf\u00e9")]
    [InlineData("a\\b")]
    public void Constructor_InvalidJobId_ThrowsArgumentExceptionNamingParameter(string jobId)
    {
        var error = Assert.Throws<ArgumentException>(() => new CheckpointStorageLayout(jobId));

        Assert.Equal("jobId", error.ParamName);
    }

    [Fact]
    public void Constructor_JobIdTooLong_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new CheckpointStorageLayout(new string('a', 129)));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".tmp")]
    public void SavepointDirectory_InvalidName_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _layout.SavepointDirectory(name));

        Assert.Equal("savepointName", error.ParamName);
    }

    [Fact]
    public void CheckpointDirectory_NonPositiveId_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _layout.CheckpointDirectory(0));
    }

    [Theory]
    [InlineData("orders-job/chk-7/_metadata", true, 7, "_metadata")]
    [InlineData("orders-job/chk-123/op-count_kg-0-63", true, 123, "op-count_kg-0-63")]
    [InlineData("orders-job/chk-007/_metadata", false, 0, "")]
    [InlineData("orders-job/chk-0/_metadata", false, 0, "")]
    [InlineData("orders-job/chk-x/_metadata", false, 0, "")]
    [InlineData("orders-job/chk-7/", false, 0, "")]
    [InlineData("orders-job/chk-7/a/b", false, 0, "")]
    [InlineData("orders-job/_latest", false, 0, "")]
    [InlineData("orders-job/savepoints/s/_metadata", false, 0, "")]
    [InlineData("other-job/chk-7/_metadata", false, 0, "")]
    public void TryParseCheckpointPath_Path_ParsesOnlyCheckpointFiles(string path, bool parsed, long id, string fileName)
    {
        Assert.Equal(parsed, _layout.TryParseCheckpointPath(path, out var actualId, out var actualFileName));
        Assert.Equal((id, fileName), (actualId, actualFileName));
    }

    [Fact]
    public void TaskStateKey_InvertedKeyGroupRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskStateKey("op", 10, 9));
    }

    [Fact]
    public void TaskStateKey_InvalidOperatorId_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => new TaskStateKey("op/count", 0, 1));

        Assert.Equal("operatorId", error.ParamName);
    }

    [Fact]
    public void IsPrivateName_TemporaryFileName_IsPrivate()
    {
        var temporary = CheckpointStorageLayout.TemporaryFileName("_metadata");

        Assert.True(CheckpointStorageLayout.IsPrivateName(temporary));
        Assert.True(CheckpointStorageLayout.IsPrivateName(CheckpointStorageLayout.LockFileName));
        Assert.False(CheckpointStorageLayout.IsPrivateName(CheckpointStorageLayout.ManifestFileName));
    }
}
