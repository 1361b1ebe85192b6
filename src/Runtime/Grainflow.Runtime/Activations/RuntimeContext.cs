namespace Grainflow.Runtime.Activations;

/// <summary>The activation whose turn runs on the current thread, if any.</summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    private static Activation? t_current;

    public static Activation? Current
    {
        get => t_current;
        set => t_current = value;
    }
}
