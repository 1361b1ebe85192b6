namespace Grainflow.Silo.CommandLine;

/// <summary>The process exit codes of grainflow-silo.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The silo or the job failed while running.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the silo options are wrong; nothing was started.</summary>
    public const int UsageError = 2;

    /// <summary>A job over a bounded input was stopped by a signal before its input was consumed; running it again finishes it.</summary>
    public const int Interrupted = 3;
}
