namespace Grainflow.Streams.Log.Storage;

/// <summary>Delivery marks as files in <c>&lt;directory&gt;/delivered</c> (<see cref="DeliveryMarkFile"/>).</summary>
internal sealed class FileDeliveryMarks(string directory) : IDeliveryMarks
{
    public ValueTask<long?> ReadAsync(int partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(DeliveryMarkFile.Read(directory, partition));

    // fsync blocks a thread: keep it off the pulling agent's scheduler.
    public async ValueTask WriteAsync(int partition, long offset, CancellationToken cancellationToken = default) =>
        await Task.Run(() => DeliveryMarkFile.Write(directory, partition, offset), cancellationToken).ConfigureAwait(false);
}
