namespace Geo.Core.Formats;

/// <summary>
/// Reads one format's file into features in the file's own CRS, for <see cref="FeatureFile"/>'s pipeline. Geo.Core
/// reads the formats it needs no JSON for itself; GeoJSON is read by Geo.Api (<c>Formats/GeoJson</c>), because Geo.Core
/// reads no JSON, and handed in as <see cref="FileReadOptions.GeoJson"/>.
/// </summary>
public interface IFormatReader
{
    /// <param name="file">The name the file is reported under in errors.</param>
    SourceLayer Read(string path, string file, FileReadOptions options, CancellationToken cancellationToken);
}
