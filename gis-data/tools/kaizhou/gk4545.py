"""EPSG:4545, CGCS2000 / 3-degree Gauss-Kruger CM 108E: Transverse Mercator with the Krueger n-series
(EPSG Guidance Note 7-2, method 9807), and planar areas measured in it."""

import math


class TM:
    a = 6378137.0
    f = 1.0 / 298.257222101
    lon0 = 108.0
    k0 = 1.0
    FE = 500000.0
    FN = 0.0

    def __init__(self):
        f = self.f
        self.e2 = f * (2 - f)
        self.e = math.sqrt(self.e2)
        n = f / (2 - f)
        self.B = self.a / (1 + n) * (1 + n ** 2 / 4 + n ** 4 / 64)
        self.h = [n / 2 - 2 * n ** 2 / 3 + 5 * n ** 3 / 16 + 41 * n ** 4 / 180,
                  13 * n ** 2 / 48 - 3 * n ** 3 / 5 + 557 * n ** 4 / 1440,
                  61 * n ** 3 / 240 - 103 * n ** 4 / 140,
                  49561 * n ** 4 / 161280]
        self.hi = [n / 2 - 2 * n ** 2 / 3 + 37 * n ** 3 / 96 - n ** 4 / 360,
                   n ** 2 / 48 + n ** 3 / 15 - 437 * n ** 4 / 1440,
                   17 * n ** 3 / 480 - 37 * n ** 4 / 840,
                   4397 * n ** 4 / 161280]
        # latitude of origin = 0 -> M0 = 0

    def forward(self, lon, lat):
        phi = math.radians(lat)
        lam = math.radians(lon - self.lon0)
        e = self.e
        Q = math.asinh(math.tan(phi)) - e * math.atanh(e * math.sin(phi))
        beta = math.atan(math.sinh(Q))
        eta0 = math.atanh(math.cos(beta) * math.sin(lam))
        xi0 = math.asin(math.sin(beta) * math.cosh(eta0))
        xi, eta = xi0, eta0
        for k, hk in enumerate(self.h, start=1):
            xi += hk * math.sin(2 * k * xi0) * math.cosh(2 * k * eta0)
            eta += hk * math.cos(2 * k * xi0) * math.sinh(2 * k * eta0)
        return self.FE + self.k0 * self.B * eta, self.FN + self.k0 * self.B * xi

    def inverse(self, E, N):
        eta_ = (E - self.FE) / (self.B * self.k0)
        xi_ = (N - self.FN) / (self.B * self.k0)
        xi0, eta0 = xi_, eta_
        for k, hk in enumerate(self.hi, start=1):
            xi0 -= hk * math.sin(2 * k * xi_) * math.cosh(2 * k * eta_)
            eta0 -= hk * math.cos(2 * k * xi_) * math.sinh(2 * k * eta_)
        beta = math.asin(math.sin(xi0) / math.cosh(eta0))
        Q = math.asinh(math.tan(beta))
        Qi = Q
        for _ in range(30):
            Qn = Q + self.e * math.atanh(self.e * math.tanh(Qi))
            if abs(Qn - Qi) < 1e-15:
                Qi = Qn
                break
            Qi = Qn
        phi = math.atan(math.sinh(Qi))
        lam = math.asin(math.tanh(eta0) / math.cos(beta))
        return self.lon0 + math.degrees(lam), math.degrees(phi)


TMP = TM()


def xy(lon, lat):
    return TMP.forward(lon, lat)


def ll(x, y):
    lon, lat = TMP.inverse(x, y)
    return [round(lon, 7), round(lat, 7)]


def ring_area_m2(ring):
    """Shoelace area (m², signed, CCW positive) of a lon/lat ring in EPSG:4545."""
    pts = [xy(p[0], p[1]) for p in ring]
    s = 0.0
    for i in range(len(pts) - 1):
        s += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1]
    return s / 2.0


def polygon_area_m2(poly):
    return abs(ring_area_m2(poly[0])) - sum(abs(ring_area_m2(h)) for h in poly[1:])


def multipolygon_area_m2(mp):
    return sum(polygon_area_m2(p) for p in mp)

