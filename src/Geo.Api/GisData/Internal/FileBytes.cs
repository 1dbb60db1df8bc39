using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Geo.Api.GisData.Internal;

/// <summary>
/// A file's bytes mapped read-only into memory instead of copied into a new array: reading the 486 MB parcels file of
/// the 1M-parcel benchmark into a fresh array cost ~1.6 s CPU on the first start's one reading thread, nearly all of it
/// the kernel handing out new zeroed pages; mapped, the bytes are the page cache's own (0.4 s to check them as UTF-8,
/// faults included). Dispose unmaps them, so nothing may keep the memory after that (the gis-data readers copy what
/// they keep). An empty file cannot be mapped and is an empty array. A file cut short by another process while mapped
/// ends this one (SIGBUS): gis-data is replaced by writing a new file and renaming it over the old (as editors and git
/// do), which leaves the mapped file whole.
/// </summary>
internal sealed unsafe class FileBytes : MemoryManager<byte>
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;
    private readonly int _length;

    private FileBytes(MemoryMappedFile file, MemoryMappedViewAccessor view, int length)
    {
        (_file, _view, _length) = (file, view, length);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    private FileBytes() => _length = 0;

    public static FileBytes Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return new FileBytes();
        }

        if (length > int.MaxValue)
        {
            throw new IOException($"{path} is over 2 GB: a gis-data file must be smaller");
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new FileBytes(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), (int)length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
        // Mapped memory does not move.
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
        }
    }
}
