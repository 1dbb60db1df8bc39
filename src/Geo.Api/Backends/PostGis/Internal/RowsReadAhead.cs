using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Enumerates rows on another thread, at most <see cref="Capacity"/> ahead of their consumer, so that reading and
/// checking a file (one core) overlaps with encoding the rows for COPY (the other) while memory stays bounded.
/// </summary>
internal sealed class RowsReadAhead<T> : IAsyncDisposable
{
    private const int Capacity = 4_096;

    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;

    public RowsReadAhead(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        _producer = Task.Run(() => ProduceAsync(rows, stop), CancellationToken.None);
    }

    /// <summary>The rows in their order; ends by throwing the enumeration's own exception (an unreadable row) if it failed.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var row))
            {
                yield return row;
            }
        }

        await _producer.ConfigureAwait(false);
    }

    /// <summary>Stops the enumeration and waits for it, so that nothing reads the source after its consumer is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        // Its exception, if any, was thrown by ReadAllAsync already, or does not matter after the consumer failed.
        await Task.WhenAny(_producer).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ProduceAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var row in rows)
            {
                await _channel.Writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }
}
