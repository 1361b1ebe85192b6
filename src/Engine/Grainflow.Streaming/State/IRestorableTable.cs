namespace Grainflow.Streaming.State;

/// <summary>A state table that can take entries back from a snapshot.</summary>
internal interface IRestorableTable<in TKey>
{
    /// <summary>Reads one value; stores it under <paramref name="key"/> (of <paramref name="keyGroup"/>) when <paramref name="keep"/>.</summary>
    void RestoreEntry(BinaryReader reader, TKey key, int keyGroup, bool keep);
}
