namespace Grainflow.Streaming.Sources;

/// <summary>What parsing a record frame at some position of a segment found.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame whose checksum matches.</summary>
    Complete,

    /// <summary>Fewer bytes than the frame needs: the end of the data, or an append in progress or torn.</summary>
    Incomplete,

    /// <summary>A length field that no writer produces (negative or above the record size limit).</summary>
    InvalidLength,

    /// <summary>A whole frame whose checksum does not match its length and payload.</summary>
    ChecksumMismatch,
}
