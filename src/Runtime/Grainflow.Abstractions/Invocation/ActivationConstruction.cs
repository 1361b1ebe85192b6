namespace Grainflow.Invocation;

/// <summary>
/// The activation whose grain instance is being constructed on this thread. The runtime sets it around the
/// constructor call so that <see cref="Grain"/>'s constructor can bind to its context without constructor
/// parameters of its own (grain classes keep their constructors for their own dependencies).
/// </summary>
public static class ActivationConstruction
{
    // t_ marks a [ThreadStatic] field, as in dotnet/runtime.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static IGrainContext? t_current;
#pragma warning restore IDE1006

    /// <summary>The activation under construction on this thread, if any.</summary>
    public static IGrainContext? Current => t_current;

    /// <summary>Runs <paramref name="construct"/> with <paramref name="context"/> as the activation under construction.</summary>
    public static Grain Construct(IGrainContext context, Func<Grain> construct)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var previous = t_current;
        t_current = context;
        try
        {
            return construct();
        }
        finally
        {
            t_current = previous;
        }
    }
}
