namespace Geo.Api.OgcApi;

internal static class OgcMediaTypes
{
    public const string GeoJson = "application/geo+json";
    public const string Json = "application/json";
    public const string GeoPackage = "application/geopackage+sqlite3";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";
}
