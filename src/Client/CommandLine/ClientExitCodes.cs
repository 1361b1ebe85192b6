namespace Grainflow.Client.CommandLine;

/// <summary>The exit codes of grainflow, which scripts can rely on (listed in --help and the README).</summary>
internal static class ClientExitCodes
{
    public const int Success = 0;

    /// <summary>Anything unexpected (the silo answered 500, an I/O error, an interrupted produce of a set count).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong, or the silo found the request invalid (HTTP 400).</summary>
    public const int UsageError = 2;

    /// <summary>No silo answers at --silo.</summary>
    public const int SiloUnreachable = 3;

    /// <summary>The job, operator or savepoint does not exist (HTTP 404), or a file produce reads is missing.</summary>
    public const int NotFound = 4;

    /// <summary>The job's state does not allow it (not running, or already running), or the name is taken (HTTP 409), or the log partition already has a writer.</summary>
    public const int Conflict = 5;

    /// <summary>The silo requires a token and none, or a wrong one, was given (HTTP 401 or 403).</summary>
    public const int Unauthorized = 6;

    /// <summary>The lines --help ends with.</summary>
    public static IReadOnlyList<string> HelpLines { get; } =
    [
        "Exit codes:",
        "  0  success",
        "  1  unexpected failure",
        "  2  usage error (bad command line, or the silo found the request invalid)",
        "  3  the silo cannot be reached",
        "  4  not found (job, operator, savepoint)",
        "  5  conflict (job not running or already running, checkpoint in flight, name taken, log partition busy)",
        "  6  unauthorized (missing or wrong --token)",
    ];
}
