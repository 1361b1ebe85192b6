using Grainflow.Grains.Jobs.Registry;
using Grainflow.Interfaces.Control;
using Grainflow.Streaming.Checkpointing.Storage;

namespace Grainflow.Grains.Control;

/// <summary>Starting jobs, and listing the jobs the cluster remembers.</summary>
public sealed partial class JobControl
{
    private static readonly IReadOnlyDictionary<string, string> s_noOptions = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly Dictionary<string, IJobSpecFactory> _specFactories = specFactories.ToDictionary(f => f.Definition, StringComparer.Ordinal);

    public async Task<StartedJobView> StartJobAsync(StartJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_specFactories.TryGetValue(request.Definition, out var factory))
        {
            var startable = _specFactories.Count == 0 ? "none" : string.Join(", ", _specFactories.Keys.Order(StringComparer.Ordinal));
            throw new JobControlException(JobControlError.Invalid, $"No job definition named '{request.Definition}' can be started on this cluster (startable: {startable}).");
        }

        var jobId = request.JobId ?? request.Definition;
        try
        {
            CheckpointStorageLayout.ValidateName(jobId, nameof(request), "job id");
        }
        catch (ArgumentException exception)
        {
            throw new JobControlException(JobControlError.Invalid, JobStartRefusal.MessageOf(exception));
        }

        var spec = await factory.CreateAsync(jobId, request.Options ?? s_noOptions, cancellationToken);
        try
        {
            var (started, _) = await grainFactory.StartRegisteredJobAsync(spec).WaitAsync(cancellationToken);
            return new StartedJobView(spec.JobId, spec.Definition, started.ResumedFrom, started.Warnings);
        }
        catch (Exception exception) when (JobStartRefusal.Of(exception) is { } refusal)
        {
            throw new JobControlException(refusal.IsLasting ? JobControlError.Invalid : JobControlError.Conflict, refusal.Message);
        }
    }

    public async Task<IReadOnlyList<JobSummaryView>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        [.. (await grainFactory.GetJobRegistry().ListAsync().WaitAsync(cancellationToken))
            .Select(r => new JobSummaryView(r.JobId, r.Spec.Definition, StateOf(r.State), r.StartedAt, r.EndedAt, r.Message))];

    private static string StateOf(JobRunState state) => state switch
    {
        JobRunState.Running => JobStates.Running,
        JobRunState.Finished => JobStates.Finished,
        JobRunState.Stopped => JobStates.Stopped,
        _ => JobStates.Failed,
    };
}
