namespace Grainflow.Silo.Jobs;

/// <summary>Which of the wordcount job's options were given (on the command line or in <c>POST /jobs</c>), for <see cref="WordCountOptionRules.CheckCombination"/>.</summary>
internal sealed record WordCountOptionsGiven
{
    public bool Input { get; init; }

    public bool InputLog { get; init; }

    public bool InputStream { get; init; }

    public bool Output { get; init; }

    public bool OutputStream { get; init; }

    public bool OutputStore { get; init; }

    public bool OutputStoreUrl { get; init; }

    public bool OutputContainer { get; init; }

    public bool CheckpointDirectory { get; init; }

    public bool CheckpointStore { get; init; }

    public bool CheckpointStoreUrl { get; init; }

    public bool CheckpointContainer { get; init; }

    public bool AllowNonRestoredState { get; init; }

    public bool FromSavepoint { get; init; }
}
