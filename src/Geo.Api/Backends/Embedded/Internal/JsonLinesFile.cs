using System.Text;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// An append-only file of JSON records, one per line, for the embedded store's own data (indicator values, accounts,
/// the audit trail). An append returns only after the line is fsynced (and, for a new file, its directory entry), so
/// an acknowledged record survives a crash; a line cut short by a crash was never acknowledged, so reading skips it.
/// </summary>
/// <remarks>
/// Two service processes (or the service and the CLI) may share the folder, so the file itself is the lock: an append
/// opens it with <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Linux, a sharing-mode lock on Windows),
/// reads what is there, decides the new record from it, writes and fsyncs under that one handle; a reader opens it
/// shared, so it never sees a line being written. A handle already held elsewhere is waited for briefly. The semaphore
/// only spares this process's own appends that wait. .NET takes no such lock when
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> is set, so shared folders need it unset.
/// </remarks>
internal sealed class JsonLinesFile<T> : IDisposable
    where T : class
{
    /// <summary>An append takes milliseconds; a lock held longer than this is a stuck process, and the caller hears so.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _directory;
    private readonly bool _ownerOnly;

    /// <param name="ownerOnly">Create the file readable by its owner only (Unix mode 0600): for records holding password hashes.</param>
    public JsonLinesFile(string directory, string fileName, bool ownerOnly = false)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _ownerOnly = ownerOnly;
        FilePath = Path.Combine(directory, fileName);
    }

    public string FilePath { get; }

    /// <summary>
    /// Appends the record <paramref name="next"/> makes from the records already there, all under the file's lock, so
    /// a check it makes (a name not yet taken, the next sequence number) still holds when the line is written. An
    /// exception from <paramref name="next"/> writes nothing.
    /// </summary>
    public async Task<T> AppendAsync(Func<IReadOnlyList<T>, T> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var stream = await OpenLockedAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, cancellationToken).ConfigureAwait(false);
            if (stream.Length == 0)
            {
                if (_ownerOnly && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                // Just created (or still empty): its directory entry must be as durable as the line about to be acknowledged.
                DirectorySync.Flush(_directory);
            }

            var (existing, endsCleanly) = await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            var record = next(existing);
            // A torn last line is closed first, so the new record starts on a line of its own.
            var line = (endsCleanly ? string.Empty : "\n") + JsonSerializer.Serialize(record, Json) + "\n";
            stream.Seek(0, SeekOrigin.End);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every complete record, in the order written.</summary>
    public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(FilePath))
            {
                return [];
            }

            await using var stream = await OpenLockedAsync(FileMode.Open, FileAccess.Read, FileShare.Read, cancellationToken).ConfigureAwait(false);
            return (await ReadAsync(stream, cancellationToken).ConfigureAwait(false)).Records;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Opens the file, waiting while another process (or another store on the same folder) holds a conflicting lock.</summary>
    private async Task<FileStream> OpenLockedAsync(FileMode mode, FileAccess access, FileShare share, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(FilePath, mode, access, share, 4096, FileOptions.Asynchronous);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && DateTime.UtcNow < deadline)
            {
                // Held by another writer: the message is a sharing violation on every platform; wait and try again.
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 20);
            }
        }
    }

    private static async Task<(List<T> Records, bool EndsCleanly)> ReadAsync(FileStream stream, CancellationToken cancellationToken)
    {
        stream.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<T>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(line, Json) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // Only a write interrupted by a crash leaves a partial line, and that write was never acknowledged.
            }
        }

        return (records, text.Length == 0 || text[^1] == '\n');
    }
}
