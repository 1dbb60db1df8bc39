using NetTopologySuite.Geometries.Prepared;

namespace Geo.Api.OgcApi;

/// <summary>
/// Edited geometries must lie inside the district (the <c>district</c> collection), unless the request says why not in
/// <see cref="OverrideHeader"/>: a site just over the line is possible (the outline is converted from GCJ-02 and is not
/// the legal boundary), a typo in a coordinate is likelier. The reason goes into the audit entry.
/// </summary>
internal static class DistrictBoundary
{
    /// <summary>The header that accepts a geometry outside the district; its value is the reason, percent-encoded UTF-8 (encodeURIComponent).</summary>
    public const string OverrideHeader = "X-Override-Reason";

    public const int MaxReasonLength = 500;

    /// <summary>The override reason the request gives (null: none), or a 400 when it is empty, unreadable or too long.</summary>
    public static string? OverrideReason(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(OverrideHeader, out var raw))
        {
            return null;
        }

        string reason;
        try
        {
            reason = Uri.UnescapeDataString(raw.ToString()).Trim();
        }
        catch (UriFormatException)
        {
            reason = string.Empty;
        }

        if (reason.Length == 0)
        {
            throw InputException.Invalid(OverrideHeader, "the override reason is empty", "say why the geometry lies outside the district, percent-encoded (encodeURIComponent)");
        }

        return reason.Length <= MaxReasonLength
            ? reason
            : throw InputException.TooLarge(OverrideHeader, $"the override reason has {reason.Length} characters; shorten it", $"{MaxReasonLength} characters");
    }

    /// <summary>Throws a 422 naming the geometry when <paramref name="geometry"/> is not inside the district and no reason overrides it.</summary>
    public static async Task CheckAsync(Geometry? geometry, string? overrideReason, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (geometry is null || overrideReason is not null)
        {
            return;
        }

        var parts = await store.QueryAsync(new FeatureQuery(Catalog.District), cancellationToken)
            .Where(f => f.Geometry is not null).Select(f => f.Geometry!).ToListAsync(cancellationToken);
        if (parts.Count == 0)
        {
            return; // No outline loaded: nothing to check against, as before the district was imported.
        }

        var district = PreparedGeometryFactory.Prepare(parts.Count == 1 ? parts[0] : geometry.Factory.BuildGeometry(parts).Union());
        if (!district.Covers(geometry))
        {
            var centre = geometry.InteriorPoint.Coordinate;
            throw InputException.Unprocessable("geometry",
                $"the geometry (around {centre.X:0.00000}, {centre.Y:0.00000}) lies {(district.Intersects(geometry) ? "partly" : "wholly")} outside the district of 开州区; "
                + $"check the coordinates and Content-Crs, or, if it is meant to, send the header {OverrideHeader} with the reason (percent-encoded), which is audited");
        }
    }
}
