namespace Grainflow.Streams.Log.Jobs;

/// <summary>
/// Where one stream sink of one job keeps its epochs between the barrier and the commit, and its committed marks:
/// <see cref="SinkStagingLayout"/> in the provider's directory, or <see cref="ObjectSinkStaging"/> in the provider's
/// blob container. The epoch being written is always a local scratch file (<see cref="InProgressPath"/>): it is never
/// in a checkpoint, so losing it with its silo loses nothing. What <see cref="MakeDurableAsync"/> returned from must
/// survive the silo, since a sink task restarted on another silo commits it.
/// </summary>
internal interface ISinkStaging
{
    /// <summary>Gets the sink's id.</summary>
    string SinkId { get; }

    /// <summary>Gets where the staged epochs are kept, for messages (a directory, or a container and prefix).</summary>
    string Location { get; }

    /// <summary>Gets the local directory of the epochs being written and of those closed but not yet durable.</summary>
    string ScratchDirectory { get; }

    /// <summary>The local file of the epoch task <paramref name="task"/> is writing.</summary>
    string InProgressPath(int task);

    /// <summary>The local file a barrier renames the in-progress file to, until <see cref="MakeDurableAsync"/>.</summary>
    string ClosedPath(int task, long epoch);

    /// <summary>The staged epoch's name, as recorded in the checkpoint.</summary>
    string StagedName(int task, long epoch);

    /// <summary>Makes the closed epochs durable where every silo finds them; the checkpoint is acknowledged after it.</summary>
    Task MakeDurableAsync(int task, IReadOnlyList<long> epochs, CancellationToken cancellationToken = default);

    /// <summary>The task's durable staged epochs, oldest first.</summary>
    Task<List<long>> ListStagedAsync(int task, CancellationToken cancellationToken = default);

    /// <summary>The bytes of a durable staged epoch (<see cref="StagedEpochFile"/> layout).</summary>
    /// <exception cref="FileNotFoundException">The epoch is not staged.</exception>
    Task<byte[]> ReadStagedAsync(int task, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Deletes a staged epoch; nothing when it is gone already.</summary>
    Task DeleteStagedAsync(int task, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="epoch"/> as the task's highest committed epoch, unless a higher one is recorded.</summary>
    Task RecordCommittedAsync(int task, long epoch, CancellationToken cancellationToken = default);

    /// <summary>The highest epoch any task of the sink committed, or 0.</summary>
    /// <exception cref="InvalidDataException">A committed mark is damaged.</exception>
    long HighestCommittedEpoch();
}
