namespace Grainflow.Streaming.AzureBlob;

/// <summary>
/// Event ids of <see cref="BlobCheckpointStorage"/> log messages, stable because alerts key on them. Range 2200-2219,
/// next to the checkpoint protocol's 2100-2199.
/// </summary>
internal static class BlobCheckpointStorageEventIds
{
    public const int ContainerCreated = 2200;
    public const int ContainerCreateForbidden = 2201;
    public const int OwnWriteConfirmed = 2202;
    public const int WriteOutcomeUnknown = 2203;
    public const int TransientFailure = 2204;
    public const int TransientFailureQuiet = 2205;
    public const int StoreAnswersAgain = 2206;
    public const int JobLeaseAcquired = 2207;
    public const int JobLeaseWaiting = 2208;
    public const int JobLeaseRenewFailed = 2209;
    public const int JobLeaseRenewedAgain = 2210;
    public const int JobLeaseLost = 2211;
    public const int JobLeaseReleaseFailed = 2212;
}
