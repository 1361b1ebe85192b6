using Grainflow.Invocation;

namespace Grainflow.Runtime.Activations;

/// <summary>Creates grain references: a registry lookup and one allocation, no reflection.</summary>
internal sealed class GrainFactory(GrainClassRegistry registry, IGrainCallRouter router) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainKeys.Format(key));

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainKeys.Format(key));

    private TGrainInterface Create<TGrainInterface>(string key)
        where TGrainInterface : IGrain
    {
        var grainClass = registry.ForInterface(typeof(TGrainInterface));
        return GrainProxyFactory.Create<TGrainInterface>(router, new GrainId(grainClass.GrainTypeName, key));
    }
}
