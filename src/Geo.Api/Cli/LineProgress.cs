namespace Geo.Api.Cli;

/// <summary>Writes each progress step as its own indented line, synchronously (Progress&lt;T&gt; would reorder them).</summary>
internal sealed class LineProgress(TextWriter output) : IProgress<string>
{
    public void Report(string value) => output.WriteLine($"  {value}");
}
