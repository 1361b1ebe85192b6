namespace Grainflow.Streams.Log;

/// <summary>The stable event ids of the log stream provider's log messages.</summary>
internal static class LogStreamEventIds
{
    public const int PartitionOpened = 4100;
    public const int CommitFailed = 4101;
    public const int PartitionReopened = 4102;
    public const int ReceiverStarted = 4110;
    public const int DeliveryMarkFailed = 4111;
    public const int DeliveryFailed = 4120;
}
