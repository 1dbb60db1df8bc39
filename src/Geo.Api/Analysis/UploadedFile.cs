using Geo.Api.Formats;
using Geo.Core.Crs;
using Geo.Core.Formats;
using Microsoft.AspNetCore.Http.Features;

namespace Geo.Api.Analysis;

/// <summary>Upload limits (configuration section <c>Uploads</c>): the request's size, and what a zip may unpack to.</summary>
public sealed record UploadLimits(long MaxBytes, long MaxUnpackedBytes)
{
    // Under Kestrel's own 30 MB request limit, so that ours is the one that answers.
    public static UploadLimits From(IConfiguration configuration) => new(
        configuration.GetValue("Uploads:MaxBytes", 25L * 1024 * 1024),
        configuration.GetValue("Uploads:MaxUnpackedBytes", 512L * 1024 * 1024));
}

/// <summary>
/// Reads a multipart upload (field <c>file</c>; optional <c>crs</c>, <c>encoding</c>, <c>from</c>) into a layer in
/// storage coordinates through the file readers; every way it can be wrong ends in a 4xx naming the field.
/// </summary>
internal static class UploadedFile
{
    public static async Task<ImportedLayer> ReadAsync(HttpRequest request, UploadLimits limits, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(request, limits, cancellationToken);
        return await form.ReadLayerAsync(limits, cancellationToken);
    }

    /// <summary>The form with its file, under the size limit; the file is not read yet.</summary>
    public static async Task<UploadForm> ReadFormAsync(HttpRequest request, UploadLimits limits, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limits.MaxBytes }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(limits);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw InputException.Invalid("file", $"the multipart body cannot be read: {e.Message}", e);
        }

        var file = form.Files.GetFile("file")
            ?? throw InputException.Invalid("file", "send the file in the multipart field 'file' (报盘 .txt, zipped Shapefile, .gpkg, .geojson or .csv)");
        WebMapDatum? from;
        try
        {
            from = WebMapOffsets.Parse(form["from"].FirstOrDefault());
        }
        catch (ArgumentException e)
        {
            throw InputException.Invalid("from", e.Message.Split(" (Parameter", 2)[0], e);
        }

        return new UploadForm(form, file, from);
    }

    private static InputException TooLarge(UploadLimits limits) =>
        InputException.TooLarge("file", "the upload is too large; send a smaller file or only the layer needed", $"{limits.MaxBytes:N0} bytes (Uploads:MaxBytes)");
}

/// <summary>A read multipart form: its file, the web-map datum to repair from, and its other fields.</summary>
internal sealed record UploadForm(IFormCollection Form, IFormFile File, WebMapDatum? From)
{
    /// <summary>The client's file name, for messages only.</summary>
    public string FileName => Path.GetFileName(File.FileName);

    /// <summary>A text field, null when absent or blank.</summary>
    public string? Field(string name) => Form[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string? Crs => Field("crs");

    public string? Encoding => Field("encoding");

    public FileReadOptions ReadOptions(UploadLimits limits) => FileReading.AllFormats with
    {
        Crs = Crs, Encoding = Encoding, From = From, DisplayName = FileName, MaxUnpackedBytes = limits.MaxUnpackedBytes,
    };

    /// <summary>A number field (bufferM …), null when absent.</summary>
    public double? Number(string name) => Field(name) is not { } text ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw InputException.Invalid(name, $"'{text}' is not a number", $"send {name} as a number such as 500");

    /// <summary>The file read into a layer in storage coordinates.</summary>
    public Task<ImportedLayer> ReadLayerAsync(UploadLimits limits, CancellationToken cancellationToken) =>
        WithFileAsync(path => Task.FromResult(FeatureFile.Read(path, ReadOptions(limits), cancellationToken)), cancellationToken);

    /// <summary>Runs <paramref name="read"/> on the file saved in a private temporary folder, deleted afterwards.</summary>
    public async Task<T> WithFileAsync<T>(Func<string, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var folder = Directory.CreateTempSubdirectory("geo-upload-");
        try
        {
            // Only the extension of the client's name is used on disk; the name itself goes into messages.
            var path = Path.Combine(folder.FullName, "upload" + Path.GetExtension(FileName).ToLowerInvariant());
            await using (var target = System.IO.File.Create(path))
            {
                await File.CopyToAsync(target, cancellationToken);
            }

            return await read(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
