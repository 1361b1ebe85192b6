namespace Grainflow.Silo.Tests;

/// <summary>A fact that needs POSIX signals, skipped (and reported as skipped) elsewhere.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "Sends POSIX signals.";
        }
    }
}
