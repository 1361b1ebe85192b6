namespace Grainflow.Runtime.Activations;

/// <summary>The activation whose turn runs on the current thread, if any.</summary>
internal static class RuntimeContext
{
    // t_ marks a [ThreadStatic] field, as in dotnet/runtime.
#pragma warning disable IDE1006
    [ThreadStatic]
    private static Activation? t_current;
#pragma warning restore IDE1006

    public static Activation? Current
    {
        get => t_current;
        set => t_current = value;
    }
}
