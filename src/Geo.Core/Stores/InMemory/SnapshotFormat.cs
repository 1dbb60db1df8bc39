using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// Writes the parts of a store snapshot (<see cref="StoreSnapshot"/>): numbers little-endian as the machine holds
/// them, arrays of plain values as their raw bytes behind their length (no per-element work when read back), text as
/// UTF-8 behind its byte count (-1: null).
/// </summary>
internal sealed class SnapshotWriter(Stream stream)
{
    public void Write<T>(T value)
        where T : unmanaged => stream.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public void WriteArray<T>(T[] values)
        where T : unmanaged
    {
        Write(values.Length);
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public void WriteText(string? text)
    {
        if (text is null)
        {
            Write(-1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        Write(bytes.Length);
        stream.Write(bytes);
    }
}

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote; a cut-short or malformed snapshot throws <see cref="InvalidDataException"/>.</summary>
internal sealed class SnapshotReader(byte[] bytes, int start, int end)
{
    private int _at = start;

    public bool AtEnd => _at == end;

    public T Read<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(Take(Unsafe.SizeOf<T>()));

    public T[] ReadArray<T>()
        where T : unmanaged
    {
        var count = Read<int>();
        if (count < 0 || (long)count * Unsafe.SizeOf<T>() > end - _at)
        {
            throw new InvalidDataException($"array of {count} items does not fit the snapshot");
        }

        return MemoryMarshal.Cast<byte, T>(Take(count * Unsafe.SizeOf<T>())).ToArray();
    }

    public string? ReadText()
    {
        var length = Read<int>();
        return length switch
        {
            -1 => null,
            < 0 => throw new InvalidDataException($"text of length {length} in the snapshot"),
            _ => Encoding.UTF8.GetString(Take(length)),
        };
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > end - _at)
        {
            throw new InvalidDataException("the snapshot ends early");
        }

        var span = bytes.AsSpan(_at, count);
        _at += count;
        return span;
    }
}
