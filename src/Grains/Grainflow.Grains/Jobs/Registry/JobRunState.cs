namespace Grainflow.Grains.Jobs.Registry;

/// <summary>What the cluster wants of a job it remembers: to keep it running, or nothing more (it ended).</summary>
[GenerateSerializer]
public enum JobRunState
{
    /// <summary>Keep it running: the supervisor starts it again from its checkpoints whenever its coordinator is lost.</summary>
    Running,

    /// <summary>Every source ended and the final checkpoint committed.</summary>
    Finished,

    /// <summary>Stopped on request; never restarted by the cluster.</summary>
    Stopped,

    /// <summary>It failed, or it cannot be started again (a damaged or foreign checkpoint location); never restarted by the cluster.</summary>
    Failed,
}
