using Grainflow.Grains.Streaming;
using Grainflow.Streaming.Checkpointing.Savepoints;
using Grainflow.Streaming.Checkpointing.Storage;
using Grainflow.Streaming.Sinks;

namespace Grainflow.Grains.Jobs.Registry;

/// <summary>
/// Why a job was not started, classified once for every starter: the control API (400 or 409), the one-job silo
/// host (exit 2) and the job supervisor (mark the job failed, or try again next time).
/// </summary>
/// <param name="Message">One line saying what is wrong and what to do.</param>
/// <param name="IsLasting">
/// True when starting again cannot help until the user changes something (bad parameters, a checkpoint location of
/// another job, a damaged checkpoint); false when it may pass (the job runs already, or its location is still locked
/// by a process that is going away).
/// </param>
public sealed record JobStartRefusal(string Message, bool IsLasting)
{
    /// <summary>The refusal <paramref name="exception"/> stands for, or null when it is no refusal (a fault that may pass, or a bug).</summary>
    /// <remarks>
    /// The exception types are the contract of <see cref="IJobCoordinatorGrain.StartJobAsync"/> and
    /// <see cref="JobRestorePlanner.PlanAsync"/>; they keep their type across silos (AddGrainflow allows Grainflow's exceptions).
    /// </remarks>
    public static JobStartRefusal? Of(Exception exception) => exception switch
    {
        SavepointNotFoundException or SavepointMismatchException => new($"{exception.Message} (--from-savepoint)", IsLasting: true),
        IncompatibleCheckpointException => new(
            $"{exception.Message} Use another checkpoint location, or delete this one to start the job from scratch.", IsLasting: true),
        DamagedCheckpointException or CommittedOutputConflictException => new($"{exception.Message} (--allow-duplicate-output accepts that.)", IsLasting: true),
        ArgumentException argument => new(MessageOf(argument), IsLasting: true),
        CheckpointLocationLockedException => new(exception.Message, IsLasting: false),
        ObjectDisposedException => null,
        InvalidOperationException => new(exception.Message, IsLasting: false),
        _ => null,
    };

    /// <summary>An argument exception's message without the " (Parameter 'x')" that .NET appends: users never see parameter names.</summary>
    public static string MessageOf(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ParamName is null ? exception.Message : exception.Message.Replace($" (Parameter '{exception.ParamName}')", string.Empty, StringComparison.Ordinal);
    }
}
