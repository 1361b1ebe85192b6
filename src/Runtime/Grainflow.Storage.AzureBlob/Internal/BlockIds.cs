namespace Grainflow.Storage.AzureBlob.Internal;

/// <summary>
/// Block ids for one upload: a random upload id plus the block index, base64-encoded, all the same length as the
/// service requires. The random part keeps two concurrent uploads to the same blob from committing each other's blocks.
/// </summary>
internal sealed class BlockIds
{
    private readonly Guid _uploadId = Guid.NewGuid();

    public string For(int index)
    {
        Span<byte> raw = stackalloc byte[20];
        _uploadId.TryWriteBytes(raw);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw[16..], index);
        return Convert.ToBase64String(raw);
    }
}
