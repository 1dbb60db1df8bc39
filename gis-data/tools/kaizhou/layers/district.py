"""district.geojson: the Amap district outline, converted from GCJ-02 (PROVENANCE §2.3, §2.4, §3)."""

from ..output import feature, honesty
from ..shapes import mp_geom

PROV_DISTRICT = ("shfshanyue/china-geojson data/500154.json @ commit 87a30e47dfb11dd9c1b3e2c6f3f6f4418419b370 "
                 "(Amap district API outline, GCJ-02, 2377 vertices), converted from GCJ-02 to WGS84 "
                 "(≈CGCS2000) by iterative inversion of the public GCJ-02 formula "
                 "(PROVENANCE §2.3, §2.4, §3; file kaizhou_500154_amap_hires_wgs84.geojson)")


def build(ctx):
    props = {"name": "开州区", "adcode": 500154,
             "area_note": "official area 3963.52 km² (Baidu-Baike-derived pages, PROVENANCE §2.1; Wikipedia gives 3959 km²); "
                          "this outline measures %.1f km² in EPSG:4545" % ctx.district_area_km2}
    props.update(honesty(PROV_DISTRICT + "; commercial display outline, not the legal boundary; accuracy tens of "
                         "metres; ring reversed to counter-clockwise for RFC 7946", "approximate", False))
    return [feature(500154, props, mp_geom(ctx.district_mp))]
