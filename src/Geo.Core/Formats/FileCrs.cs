namespace Geo.Core.Formats;

/// <summary>
/// The CRS a person supplied with a file (request field <c>crs</c>, CLI <c>--crs</c>); public for the readers outside
/// Geo.Core (<see cref="IFormatReader"/>), which honour it as the ones inside do.
/// </summary>
public static class FileCrs
{
    public static (CrsDefinition Crs, string Source) FromRequest(string text, string file)
    {
        var (crs, error) = InputCrs.FromCode(text);
        return crs is not null ? (crs, "request") : throw new FileInputException(file, error!, field: "crs");
    }
}
