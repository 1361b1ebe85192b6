using System.Globalization;
using Spectre.Console;

namespace Grainflow.Client.Produce;

/// <summary>
/// Shows how far a produce run is: a Spectre progress bar on a terminal, a plain line per second when output is
/// redirected (a bar's redraws would be noise in a file).
/// </summary>
internal sealed class ProduceProgress : IAsyncDisposable
{
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(1);

    private readonly TextWriter _output;
    private readonly long? _total;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProgressTask> _bar = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task? _rendering;
    private TimeSpan _lastPlainReport = TimeSpan.Zero;

    private ProduceProgress(TextWriter output, bool interactive, long? total, double rate)
    {
        _output = output;
        _total = total;
        if (!interactive)
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        _rendering = console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var description = string.Create(CultureInfo.InvariantCulture, $"producing at {rate:0.##}/s");
                var bar = context.AddTask(Markup.Escape(description), maxValue: total ?? 1);
                bar.IsIndeterminate = total is null;
                _bar.SetResult(bar);
                await _finished.Task;
                bar.StopTask();
            });
    }

    public static ProduceProgress Start(TextWriter output, bool interactive, long? total, double rate) => new(output, interactive, total, rate);

    public void Report(long produced, TimeSpan elapsed)
    {
        if (_rendering is not null)
        {
            if (_bar.Task.IsCompletedSuccessfully)
            {
                var bar = _bar.Task.Result;
                bar.Value = _total is null ? 0 : produced;
                bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{produced:N0} records"));
            }

            return;
        }

        if (elapsed - _lastPlainReport >= s_plainInterval)
        {
            _lastPlainReport = elapsed;
            var of = _total is { } total ? string.Create(CultureInfo.InvariantCulture, $" of {total}") : string.Empty;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"produced {produced}{of} records in {elapsed.TotalSeconds:0.0} s"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _finished.TrySetResult();
        if (_rendering is not null)
        {
            await _rendering;
        }
    }
}
