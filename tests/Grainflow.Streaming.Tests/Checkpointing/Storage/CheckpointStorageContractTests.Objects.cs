using System.Text;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Streaming.Tests.Checkpointing.Storage;

// The object operations every implementation maps onto its store.
public abstract partial class CheckpointStorageContractTests
{
    private const string ObjectPath = "job-1/chk-1/op-a_kg-0-0";
    private const string PointerPath = "job-1/_latest";

    [Fact]
    public async Task CreateAsync_ObjectAbsent_ContentReadable()
    {
        await Storage.CreateAsync(ObjectPath, (stream, token) => stream.WriteAsync("hello"u8.ToArray(), token));

        Assert.Equal("hello"u8.ToArray(), await ReadAllAsync(ObjectPath));
    }

    [Fact]
    public async Task CreateAsync_ObjectExists_ThrowsConflictAndKeepsOriginal()
    {
        await Storage.CreateAsync(ObjectPath, (stream, token) => stream.WriteAsync("first"u8.ToArray(), token));

        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await Storage.CreateAsync(ObjectPath, (stream, token) => stream.WriteAsync("second"u8.ToArray(), token)));

        Assert.Equal(ObjectPath, conflict.Path);
        Assert.Equal("first"u8.ToArray(), await ReadAllAsync(ObjectPath));
    }

    [Fact]
    public async Task CreateAsync_WriterThrows_NothingVisible()
    {
        var failure = new InvalidOperationException("snapshot failed");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Storage.CreateAsync(
            ObjectPath,
            async (stream, token) =>
            {
                await stream.WriteAsync(new byte[10_000], token);
                throw failure;
            }));

        Assert.Same(failure, thrown);
        Assert.Null(await Storage.TryOpenReadAsync(ObjectPath));
        Assert.Empty(await ListAsync("job-1/"));
    }

    [Fact]
    public async Task TryOpenReadAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Storage.TryOpenReadAsync(ObjectPath));
    }

    [Fact]
    public async Task WriteConditionalAsync_AbsentAndNoExpectation_CreatesVersionedObject()
    {
        var version = await Storage.WriteConditionalAsync(PointerPath, "one"u8.ToArray(), expectedVersion: null);

        var read = await Storage.TryReadVersionedAsync(PointerPath);
        Assert.NotNull(read);
        Assert.Equal("one"u8.ToArray(), read.Content.ToArray());
        Assert.Equal(version, read.Version);
    }

    [Fact]
    public async Task WriteConditionalAsync_ExpectedVersionCurrent_ReplacesAndChangesVersion()
    {
        var first = await Storage.WriteConditionalAsync(PointerPath, "same"u8.ToArray(), expectedVersion: null);

        var second = await Storage.WriteConditionalAsync(PointerPath, "same"u8.ToArray(), first);

        Assert.NotEqual(first, second);
        var read = await Storage.TryReadVersionedAsync(PointerPath);
        Assert.Equal(second, read!.Version);
    }

    [Fact]
    public async Task WriteConditionalAsync_StaleVersion_ThrowsConflictAndKeepsContent()
    {
        var first = await Storage.WriteConditionalAsync(PointerPath, "one"u8.ToArray(), expectedVersion: null);
        var second = await Storage.WriteConditionalAsync(PointerPath, "two"u8.ToArray(), first);

        await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await Storage.WriteConditionalAsync(PointerPath, "three"u8.ToArray(), first));

        var read = await Storage.TryReadVersionedAsync(PointerPath);
        Assert.Equal("two"u8.ToArray(), read!.Content.ToArray());
        Assert.Equal(second, read.Version);
    }

    [Fact]
    public async Task WriteConditionalAsync_ExistsButNoExpectation_ThrowsConflict()
    {
        await Storage.WriteConditionalAsync(PointerPath, "one"u8.ToArray(), expectedVersion: null);

        await Assert.ThrowsAsync<CheckpointConflictException>(
            async () => await Storage.WriteConditionalAsync(PointerPath, "two"u8.ToArray(), expectedVersion: null));
    }

    [Fact]
    public async Task WriteConditionalAsync_AbsentButVersionExpected_ThrowsConflict()
    {
        await Assert.ThrowsAsync<CheckpointConflictException>(async () => await Storage.WriteConditionalAsync(
            PointerPath, "one"u8.ToArray(), new StorageVersion("0123456789abcdef0123456789abcdef")));

        Assert.Null(await Storage.TryReadVersionedAsync(PointerPath));
    }

    [Fact]
    public async Task ListAsync_StringPrefix_ReturnsExactlyTheMatchingObjects()
    {
        string[] paths = ["job-1/chk-1/a", "job-1/chk-10/a", "job-1/chk-2/a", "job-1/savepoints/s/a", "job-10/chk-1/a"];
        foreach (var path in paths)
        {
            await Storage.CreateAsync(path, (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(path), token));
        }

        Assert.Equal(["job-1/chk-1/a", "job-1/chk-10/a"], await ListAsync("job-1/chk-1"));
        Assert.Equal(["job-1/chk-1/a", "job-1/chk-10/a", "job-1/chk-2/a"], await ListAsync("job-1/chk-"));
        Assert.Equal(["job-1/chk-1/a", "job-1/chk-10/a", "job-1/chk-2/a", "job-1/savepoints/s/a"], await ListAsync("job-1/"));
        Assert.Empty(await ListAsync("job-2/"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingObject_RemovesItAndReturnsTrue()
    {
        await Storage.CreateAsync(ObjectPath, (stream, token) => stream.WriteAsync("x"u8.ToArray(), token));

        Assert.True(await Storage.DeleteAsync(ObjectPath));

        Assert.Null(await Storage.TryOpenReadAsync(ObjectPath));
        Assert.Empty(await ListAsync("job-1/"));
    }

    [Fact]
    public async Task DeleteAsync_MissingObject_ReturnsFalse()
    {
        Assert.False(await Storage.DeleteAsync(ObjectPath));
    }
}
