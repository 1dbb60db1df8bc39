using Geo.Core;
using Geo.Core.Analysis;
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

        var folder = Directory.CreateTempSubdirectory("geo-upload-");
        try
        {
            // Only the extension of the client's name is used on disk; the name itself goes into messages.
            var path = Path.Combine(folder.FullName, "upload" + Path.GetExtension(Path.GetFileName(file.FileName)).ToLowerInvariant());
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, cancellationToken);
            }

            var options = new FileReadOptions
            {
                Crs = Blank(form["crs"].FirstOrDefault()),
                Encoding = Blank(form["encoding"].FirstOrDefault()),
                From = from,
                DisplayName = Path.GetFileName(file.FileName),
                MaxUnpackedBytes = limits.MaxUnpackedBytes,
            };
            return FeatureFile.Read(path, options, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static InputException TooLarge(UploadLimits limits) =>
        InputException.TooLarge("file", "the upload is too large; send a smaller file or only the layer needed", $"{limits.MaxBytes:N0} bytes (Uploads:MaxBytes)");
}
