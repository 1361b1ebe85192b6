using System.Text;
using Grainflow.Streaming.Sources;

namespace Grainflow.Streaming.Tests.Sources;

public sealed class TextFileSourceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_LfLines_ReturnsLinesWithByteOffsets()
    {
        using var source = Open("a\nbb\n\nccc\n");

        Assert.Equal(
            [new TextLine(0, 2, "a"), new TextLine(2, 5, "bb"), new TextLine(5, 6, ""), new TextLine(6, 10, "ccc")],
            await ReadAllAsync(source));
        Assert.Equal(10, source.Position);
    }

    [Fact]
    public async Task ReadAsync_ReadLimitAtALineStart_StopsThereUntilLifted()
    {
        using var source = Open("a\nbb\n\nccc\n");
        source.ReadLimit = 5;

        var beforeLimit = await ReadAllAsync(source);
        var atLimit = source.Position;
        source.ReadLimit = long.MaxValue;

        Assert.Equal([new TextLine(0, 2, "a"), new TextLine(2, 5, "bb")], beforeLimit);
        Assert.Equal(5, atLimit);
        Assert.Equal([new TextLine(5, 6, ""), new TextLine(6, 10, "ccc")], await ReadAllAsync(source));
    }

    [Fact]
    public async Task ReadAsync_CrLfLines_StripsCarriageReturnBeforeNewlineOnly()
    {
        using var source = Open("a\r\nx\ry\r\n");

        Assert.Equal([new TextLine(0, 3, "a"), new TextLine(3, 8, "x\ry")], await ReadAllAsync(source));
    }

    [Fact]
    public async Task ReadAsync_FinalLineWithoutNewline_ReturnsItAsALine()
    {
        using var source = Open("first\nlast");

        Assert.Equal([new TextLine(0, 6, "first"), new TextLine(6, 10, "last")], await ReadAllAsync(source));
        Assert.Equal(10, source.Position);
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_ReturnsZero()
    {
        using var source = Open("");

        Assert.Equal(0, await source.ReadAsync(new TextLineBatch()));
        Assert.Equal(0, source.Position);
    }

    [Fact]
    public async Task ReadAsync_BatchSmallerThanFile_ReturnsAtMostMaxLinesPerRead()
    {
        using var source = Open(string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}\n")));
        var batch = new TextLineBatch(maxLines: 4);

        Assert.Equal(4, await source.ReadAsync(batch));
        Assert.Equal(4, await source.ReadAsync(batch));
        Assert.Equal(2, await source.ReadAsync(batch));
        Assert.Equal(["8", "9"], batch.Lines.ToArray().Select(line => line.Text));
        Assert.Equal(0, await source.ReadAsync(batch));
    }

    [Fact]
    public async Task Seek_RecordedOffsetMidFile_ReturnsExactlyTheRemainingLines()
    {
        var lines = Enumerable.Range(0, 100).Select(i => $"línea {i} — €{i * 7}").ToArray();
        var path = WriteFile(string.Concat(lines.Select(line => line + "\n")));
        long recorded;
        List<TextLine> firstPart;
        using (var source = TextFileSource.Open(path, bufferSize: 64))
        {
            firstPart = await ReadLinesAsync(source, 40, new TextLineBatch(maxLines: 8));
            recorded = source.Position;
        }

        using var resumed = TextFileSource.Open(path);
        resumed.Seek(recorded);
        var rest = await ReadAllAsync(resumed);

        Assert.Equal(lines[..40], firstPart.Select(line => line.Text));
        Assert.Equal(firstPart[^1].NextOffset, recorded);
        Assert.Equal(lines[40..], rest.Select(line => line.Text));
        Assert.Equal(recorded, rest[0].Offset);
        Assert.Equal(new FileInfo(path).Length, rest[^1].NextOffset);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ReplacesEachSequenceAndCountsIt()
    {
        byte[] bytes =
        [
            .. "ok\n"u8,
            (byte)'a', 0xFF, (byte)'b', (byte)'\n', // a byte that never appears in UTF-8
            0xE2, 0x82, (byte)'\n', // a three-byte sequence cut short
            0xC3, 0x28, (byte)'\n', // a lead byte followed by a non-continuation byte
            0xED, 0xA0, 0x80, (byte)'\n', // an encoded surrogate: three maximal ill-formed subsequences
            0xF0, 0x9F, 0x98, // a four-byte sequence cut short at the end of the file
        ];
        using var source = TextFileSource.Open(WriteFile(bytes));

        var lines = await ReadAllAsync(source);

        Assert.Equal(["ok", "a\uFFFDb", "\uFFFD", "\uFFFD(", "\uFFFD\uFFFD\uFFFD", "\uFFFD"], lines.Select(line => line.Text));
        Assert.Equal(7, source.InvalidSequenceCount);
        Assert.Equal(bytes.Length, source.Position);
    }

    [Fact]
    public async Task Seek_WithTheCountRecordedAtTheOffset_ResumedCountEqualsAnUninterruptedRead()
    {
        byte[] bytes = [.. "a"u8, 0xFF, .. "\n"u8, 0xC3, .. " b\n"u8, .. "c"u8, 0xFE, 0xFF, .. "\n"u8];
        var path = WriteFile(bytes);
        using var uninterrupted = TextFileSource.Open(path);
        await ReadAllAsync(uninterrupted);
        using var first = TextFileSource.Open(path);
        var batch = new TextLineBatch(2);
        await first.ReadAsync(batch);
        var (offset, count) = (first.Position, first.InvalidSequenceCount);

        using var resumed = TextFileSource.Open(path);
        resumed.Seek(offset, count);
        await ReadAllAsync(resumed);

        Assert.Equal((7L, 2L), (offset, count));
        Assert.Equal(4, uninterrupted.InvalidSequenceCount);
        Assert.Equal(uninterrupted.InvalidSequenceCount, resumed.InvalidSequenceCount);
    }

    [Fact]
    public async Task ReadAsync_ValidMultibyteText_CountsNoInvalidSequences()
    {
        using var source = Open("€ 😀 ü\n");

        Assert.Equal(["€ 😀 ü"], (await ReadAllAsync(source)).Select(line => line.Text));
        Assert.Equal(0, source.InvalidSequenceCount);
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMark_SkippedFromFirstLine()
    {
        using var source = TextFileSource.Open(WriteFile([0xEF, 0xBB, 0xBF, .. "a\nb\n"u8]));

        Assert.Equal([new TextLine(0, 5, "a"), new TextLine(5, 7, "b")], await ReadAllAsync(source));
    }

    [Fact]
    public async Task ReadAsync_LinesLongerThanBuffer_ReturnsWholeLines()
    {
        var longLine = new string('x', 300);
        using var source = TextFileSource.Open(WriteFile($"{longLine}\nshort\n{longLine}"), bufferSize: 8);

        Assert.Equal([longLine, "short", longLine], (await ReadAllAsync(source)).Select(line => line.Text));
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanMaximum_ThrowsSourceLineTooLongNamingTheLimit()
    {
        var path = WriteFile("ok\n" + new string('x', 100) + "\n");
        using var source = TextFileSource.Open(path, bufferSize: 16, maxLineLength: 50);

        Assert.Equal(1, await source.ReadAsync(new TextLineBatch(maxLines: 1)));

        var ex = await Assert.ThrowsAsync<SourceLineTooLongException>(() => source.ReadAsync(new TextLineBatch()).AsTask());

        Assert.Equal($"The line at byte position 3 of '{path}' is longer than the limit of 50 bytes; split the input into shorter lines.", ex.Message);
        Assert.Equal((3L, 50), (ex.Position, ex.MaxLineLength));
    }

    [Fact]
    public async Task ReadAsync_LineOverMaximumEndingInsideTheGrownBuffer_ThrowsSourceLineTooLong()
    {
        // The buffer doubles 16, 32, 64: the 60-byte line's newline arrives in the 64-byte buffer, past the 50-byte limit.
        var path = WriteFile("ok\n" + new string('x', 60) + "\nafter\n");
        using var source = TextFileSource.Open(path, bufferSize: 16, maxLineLength: 50);

        Assert.Equal(1, await source.ReadAsync(new TextLineBatch(maxLines: 1)));

        var ex = await Assert.ThrowsAsync<SourceLineTooLongException>(() => source.ReadAsync(new TextLineBatch()).AsTask());

        Assert.Equal((3L, 50), (ex.Position, ex.MaxLineLength));
    }

    [Fact]
    public async Task ReadAsync_LineExactlyAtMaximum_IsRead()
    {
        var line = new string('x', 50);
        using var source = TextFileSource.Open(WriteFile($"{line}\n"), bufferSize: 16, maxLineLength: 50);

        Assert.Equal([line], (await ReadAllAsync(source)).Select(l => l.Text));
    }

    [Fact]
    public void SourceLineTooLongException_DefaultLimit_NamesItInMebibytes()
    {
        var ex = new SourceLineTooLongException("in.txt", 0, TextFileSource.DefaultMaxLineLength);

        Assert.Equal("The line at byte position 0 of 'in.txt' is longer than the limit of 16 MiB (16777216 bytes); split the input into shorter lines.", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_LastLineEndsWithCarriageReturnWithoutNewline_StripsIt()
    {
        using var source = Open("a\r\nlast\r");

        Assert.Equal(["a", "last"], (await ReadAllAsync(source)).Select(line => line.Text));
    }

    [Fact]
    public async Task Seek_FileLengthAndLastLineWithoutNewline_ResumesAtEnd()
    {
        using var source = Open("abc\ndef");

        source.Seek(7);

        Assert.Equal(0, await source.ReadAsync(new TextLineBatch()));
        Assert.Equal(7, source.Position);
    }

    [Fact]
    public void Seek_FileTruncatedBelowOffset_ThrowsSourceFileUnavailable()
    {
        var path = WriteFile("abc\n");
        using var source = TextFileSource.Open(path);

        var ex = Assert.Throws<SourceFileUnavailableException>(() => source.Seek(9));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(
            $"Text source file '{path}' has 4 bytes, but the job resumes it at byte 9: the file was truncated or replaced "
            + "since the checkpoint. Restore the original file, or start the job without its checkpoints.",
            ex.Message);
    }

    [Fact]
    public void Open_MissingFile_ThrowsSourceFileUnavailable()
    {
        var path = _directory.Combine("missing.txt");

        var ex = Assert.Throws<SourceFileUnavailableException>(() => TextFileSource.Open(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(ex.InnerException);
    }

    [Fact]
    public void Open_Directory_ThrowsSourceFileUnavailable()
    {
        var ex = Assert.Throws<SourceFileUnavailableException>(() => TextFileSource.Open(_directory.Path));

        Assert.Equal(_directory.Path, ex.FilePath);
    }

    [Fact]
    public void Seek_OffsetInsideALine_ThrowsArgumentException()
    {
        using var source = Open("abc\ndef\n");

        var ex = Assert.Throws<ArgumentException>(() => source.Seek(5));

        Assert.Contains("not the start of a line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seek_NegativeOffset_ThrowsArgumentOutOfRange()
    {
        using var source = Open("abc\ndef\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => source.Seek(-1));
    }

    [Fact]
    public async Task Seek_EndOfFile_ReadsNothing()
    {
        using var source = Open("abc\ndef\n");

        source.Seek(8);

        Assert.Equal(0, await source.ReadAsync(new TextLineBatch()));
    }

    private TextFileSource Open(string content) => TextFileSource.Open(WriteFile(content));

    private string WriteFile(string content) => WriteFile(Encoding.UTF8.GetBytes(content));

    private string WriteFile(byte[] content)
    {
        var path = _directory.Combine($"{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task<List<TextLine>> ReadAllAsync(TextFileSource source) =>
        await ReadLinesAsync(source, int.MaxValue, new TextLineBatch(maxLines: 3));

    private static async Task<List<TextLine>> ReadLinesAsync(TextFileSource source, int atLeast, TextLineBatch batch)
    {
        var lines = new List<TextLine>();
        while (lines.Count < atLeast && await source.ReadAsync(batch) > 0)
        {
            lines.AddRange(batch.Lines.ToArray());
        }

        return lines;
    }
}
