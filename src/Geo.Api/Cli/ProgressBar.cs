using System.Globalization;

namespace Geo.Api.Cli;

/// <summary>
/// A progress bar for a known number of items: redrawn in place (carriage return) on a terminal, or, when the output is
/// a file or a pipe, one line per tenth so logs stay short. Reports arrive on the caller's thread, in order.
/// </summary>
internal sealed class ProgressBar(TextWriter output, string what, long total) : IProgress<int>
{
    private const int Width = 30;
    private readonly bool _terminal = ReferenceEquals(output, Console.Error) ? !Console.IsErrorRedirected
        : ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    // A log gets no line at 0 %: its first line is the first tenth.
    private long _shown = -1;

    public void Report(int value)
    {
        var step = _terminal ? value * 100 / total : value * 10 / total;
        if (step == _shown || (!_terminal && step == 0))
        {
            return;
        }

        _shown = step;
        var filled = (int)(value * Width / total);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  [{new string('#', filled)}{new string('.', Width - filled)}] {value * 100 / total,3}% {value:N0} of {total:N0} {what}, {_clock.Elapsed.TotalSeconds:0.0} s");
        if (_terminal)
        {
            output.Write("\r" + line + (value >= total ? Environment.NewLine : ""));
        }
        else
        {
            output.WriteLine(line);
        }
    }
}
