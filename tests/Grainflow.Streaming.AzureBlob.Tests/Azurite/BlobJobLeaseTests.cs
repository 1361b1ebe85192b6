using System.Diagnostics;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grainflow.Streaming.AzureBlob.Faults;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Tests.Shared.Azurite;

namespace Grainflow.Streaming.AzureBlob.Tests.Azurite;

/// <summary>
/// One writer per job on a blob container: the writer lease on <c>&lt;job&gt;/.writer.lease</c>, taken, refused, released,
/// renewed, taken over after its holder stopped renewing, and lost. Leases run on Azurite's clock with the shortest term
/// Azure grants (15 s), so these tests wait out real terms.
/// </summary>
[Collection(AzuriteCheckpointCollection.Name)]
public sealed class BlobJobLeaseTests(AzuriteFixture azurite) : AzuriteContainerTests(azurite)
{
    private const string JobId = "job-1";
    private const string LeaseBlob = JobId + "/" + BlobCheckpointStorage.JobLeaseBlobName;
    private static readonly TimeSpan s_term = BlobCheckpointStorageOptions.MinLeaseDuration;

    [Fact]
    public async Task AcquireJobLockAsync_FreeLocation_LeasesAPrivateLockBlobNamingItsOwner()
    {
        var storage = CreateStorage();

        await using var held = await storage.AcquireJobLockAsync(JobId);

        var lease = Assert.IsAssignableFrom<ICheckpointLocationLease>(held);
        var properties = (await LockBlob().GetPropertiesAsync()).Value;
        Assert.Equal((LeaseState.Leased, LeaseStatus.Locked, LeaseDurationType.Fixed), (properties.LeaseState, properties.LeaseStatus, properties.LeaseDuration));
        Assert.StartsWith($"process {Environment.ProcessId} on ", properties.Metadata["grainflowowner"], StringComparison.Ordinal);
        Assert.Equal(0, properties.ContentLength);
        Assert.False(lease.Lost.IsCancellationRequested);
        Assert.Null(lease.LossReason);
        Assert.Empty(await BlobCheckpointStorageTests.ListAsync(storage, JobId + "/"));
    }

    [Fact]
    public async Task AcquireJobLockAsync_LiveHolderKeepsRenewing_RefusedAfterOneTermWithTheDiskLocksMessage()
    {
        await using var holder = await CreateStorage().AcquireJobLockAsync(JobId);
        var contender = CreateStorage();
        var clock = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<CheckpointLocationLockedException>(async () => await contender.AcquireJobLockAsync(JobId));

        clock.Stop();
        Assert.InRange(clock.Elapsed, contender.JobLockWait, contender.JobLockWait + TimeSpan.FromSeconds(5));
        Assert.Equal(JobId, refused.JobId);
        Assert.StartsWith($"Another process runs job 'job-1' on the checkpoint location '{Azurite.ServiceUri}/{ContainerName}' (process {Environment.ProcessId} on ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("). Stop it first, or give this job another checkpoint location.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, refused.Message, StringComparison.Ordinal);

        // Held past its first term only because it was renewed (every 5 s), and still held.
        var lease = Assert.IsType<BlobJobLease>(holder);
        Assert.InRange(lease.RenewalCount, 3, 4);
        Assert.False(lease.Lost.IsCancellationRequested);
        Assert.Single(Log.Entries, e => e.EventId == 2208);
    }

    [Fact]
    public async Task DisposeAsync_HeldLease_ReleasedSoTheNextStartTakesItAtOnce()
    {
        var first = await CreateStorage().AcquireJobLockAsync(JobId);

        await first.DisposeAsync();

        Assert.Equal(LeaseState.Available, (await LockBlob().GetPropertiesAsync()).Value.LeaseState);
        var clock = Stopwatch.StartNew();
        await using var second = await CreateStorage().AcquireJobLockAsync(JobId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.DoesNotContain(Log.Entries, e => e.EventId == 2208);
        Assert.Equal(LeaseState.Leased, (await LockBlob().GetPropertiesAsync()).Value.LeaseState);
    }

    [Fact]
    public async Task AcquireJobLockAsync_PreviousHolderPublishesAfterTheTakeover_ItsPointerWriteFailsAsAConflict()
    {
        var pointer = new CheckpointStorageLayout(JobId).LatestPointerPath;
        var previous = CreateStorage();
        await using var lost = await previous.AcquireJobLockAsync(JobId);
        var published = await previous.WriteConditionalAsync(pointer, "checkpoint 1"u8.ToArray(), expectedVersion: null);
        // Its lease ends while it still believes it holds it (its publish was sent late, or the SDK retried it past the term).
        await LockBlob().GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        var next = CreateStorage();
        await using var taken = await next.AcquireJobLockAsync(JobId);

        await Assert.ThrowsAsync<CheckpointConflictException>(async () => await previous.WriteConditionalAsync(pointer, "checkpoint 2"u8.ToArray(), published));

        var read = await next.TryReadVersionedAsync(pointer);
        Assert.Equal("checkpoint 1", Encoding.UTF8.GetString(read!.Content.Span));
        Assert.NotEqual(published, read.Version);
        await next.WriteConditionalAsync(pointer, "checkpoint 3"u8.ToArray(), read.Version);
    }

    [Fact]
    public async Task AcquireJobLockAsync_HolderKilledWithoutRelease_TakesOverOnceItsTermEnds()
    {
        // A killed holder: a lease taken and then neither renewed nor released.
        await TestStorage.Container(Azurite, ContainerName).CreateIfNotExistsAsync();
        await LockBlob().UploadAsync(BinaryData.Empty);
        var dead = LockBlob().GetBlobLeaseClient();
        await dead.AcquireAsync(s_term);
        var clock = Stopwatch.StartNew();

        await using var taken = await CreateStorage().AcquireJobLockAsync(JobId);

        clock.Stop();
        Assert.InRange(clock.Elapsed, s_term - TimeSpan.FromSeconds(2), s_term + TimeSpan.FromSeconds(2));
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => dead.RenewAsync());
        Assert.Equal(409, stale.Status);
        Assert.Single(Log.Entries, e => e.EventId == 2208);
        Assert.Single(Log.Entries, e => e.EventId == 2207);
    }

    [Fact]
    public async Task Lost_RenewalsFailUntilTheTermRunsLow_LostWhileTheServiceStillHoldsTheLease()
    {
        var flaky = new FlakyBlobPolicy(seed: 3)
        {
            Faults = BlobFaultKinds.BeforeService,
            Filter = request => request.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew",
        };
        var held = (BlobJobLease)await CreateStorage(flaky).AcquireJobLockAsync(JobId);
        flaky.FailureRate = 1;
        var clock = Stopwatch.StartNew();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = held.Lost.Register(lost.SetResult);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Lost before the term (15 s from the acquisition) ends: the service still holds it for this process, so no
        // other process can have taken it while this one still believed it held it.
        var state = (await LockBlob().GetPropertiesAsync()).Value.LeaseState;
        clock.Stop();
        Assert.Equal(LeaseState.Leased, state);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(11), s_term - TimeSpan.FromSeconds(1));
        Assert.StartsWith("it could not be renewed for 12", held.LossReason, StringComparison.Ordinal);
        Assert.Equal(0, held.RenewalCount);
        Assert.Single(Log.Entries, e => e.EventId == 2209);
        var loss = Assert.Single(Log.Entries, e => e.EventId == 2211);
        Assert.Contains($"Error 2211 Lost the writer lease of job job-1 on {Azurite.ServiceUri}/{ContainerName}: it could not be renewed", loss.Text, StringComparison.Ordinal);
        Assert.Contains("The job stops writing there and fails back to its last checkpoint", loss.Text, StringComparison.Ordinal);
        await held.DisposeAsync();
        Assert.Equal(LeaseState.Available, (await LockBlob().GetPropertiesAsync()).Value.LeaseState);
    }

    [Fact]
    public async Task Lost_AnotherProcessBreaksAndTakesTheLease_LostAtTheNextRenewal()
    {
        await using var held = (BlobJobLease)await CreateStorage().AcquireJobLockAsync(JobId);
        await LockBlob().GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        await LockBlob().GetBlobLeaseClient().AcquireAsync(s_term);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = held.Lost.Register(lost.SetResult);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            "the service says it is not this process's any more (status 409 LeaseIdMismatchWithLeaseOperation): another process may hold it",
            held.LossReason);
        Assert.Single(Log.Entries, e => e.EventId == 2211);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public void Constructor_LeaseDurationOutsideAzuresLimits_ThrowsNamingTheSetting(int seconds)
    {
        var options = new BlobCheckpointStorageOptions { LeaseDuration = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BlobCheckpointStorage(TestStorage.Container(Azurite, ContainerName), options));

        Assert.StartsWith($"BlobCheckpointStorageOptions.LeaseDuration is {seconds} s; Azure grants finite leases of 15 to 60 s.", error.Message, StringComparison.Ordinal);
    }

    private BlobCheckpointStorage CreateStorage(FlakyBlobPolicy? faults = null) => new(
        TestStorage.Container(Azurite, ContainerName, TestStorage.ClientOptions(faults: faults)),
        new BlobCheckpointStorageOptions { LeaseDuration = s_term },
        Log.CreateLogger<BlobCheckpointStorage>());

    private BlobClient LockBlob() => TestStorage.Container(Azurite, ContainerName).GetBlobClient(LeaseBlob);
}
