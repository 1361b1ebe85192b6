using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Execution;

/// <summary>Which failures of a running task no restart can get past.</summary>
public static class TaskFailure
{
    /// <summary>
    /// True for input the job cannot read as it is: a text line over the limit, an input file gone or cut shorter
    /// than the offset the job resumes at. Restarting from the last checkpoint reads the same input again and fails
    /// the same way, so the job fails at once and says what to fix, as for bad input at its start.
    /// </summary>
    public static bool IsLasting(Exception exception) => exception is SourceLineTooLongException or SourceFileUnavailableException;
}
