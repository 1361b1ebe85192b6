using System.Runtime.CompilerServices;

namespace Grainflow.Invocation;

/// <summary>
/// The registry of generated grain reference classes. Generated code registers a factory per grain interface
/// from a module initializer; the runtime looks factories up without reflection (a static generic cache).
/// </summary>
public static class GrainProxyFactory
{
    /// <summary>Registers the reference factory of <typeparamref name="TGrainInterface"/>; called by generated code.</summary>
    public static void Register<TGrainInterface>(Func<IGrainCallRouter, GrainId, TGrainInterface> factory)
        where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(factory);
        Cache<TGrainInterface>.Factory = factory;
    }

    /// <summary>Creates a reference of type <typeparamref name="TGrainInterface"/> to <paramref name="grainId"/>.</summary>
    /// <exception cref="InvalidOperationException">No reference class was generated for the interface.</exception>
    public static TGrainInterface Create<TGrainInterface>(IGrainCallRouter router, GrainId grainId)
        where TGrainInterface : IGrain
    {
        var factory = Cache<TGrainInterface>.Factory;
        if (factory is null)
        {
            // Module initializers run when a module's code first runs, which a bare typeof() does not trigger.
            RuntimeHelpers.RunModuleConstructor(typeof(TGrainInterface).Module.ModuleHandle);
            factory = Cache<TGrainInterface>.Factory ?? throw new InvalidOperationException(
                $"No grain reference class was generated for {typeof(TGrainInterface).FullName}. The project that declares " +
                "it must reference Grainflow.CodeGenerator as an analyzer (OutputItemType=\"Analyzer\").");
        }

        return factory(router, grainId);
    }

    private static class Cache<TGrainInterface>
    {
        public static Func<IGrainCallRouter, GrainId, TGrainInterface>? Factory;
    }
}
