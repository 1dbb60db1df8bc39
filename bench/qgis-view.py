# One QGIS 3.22 map view (512×512 px, EPSG:3857) of the parcels, drawn headless with QGIS's default style, from our
# vector tiles (an XYZ vector tile source, as README says to add it) or from our items (QGIS's OGC API – Features
# provider, restricted to the view's bbox). Prints the drawing's wall seconds.
# Usage: /usr/bin/python3 bench/qgis-view.py BASE_URL tiles|items Z COL ROW   (the view is that WebMercatorQuad tile)
import os
import sys
import time
from urllib.parse import quote

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsRectangle, QgsVectorLayer, QgsVectorTileLayer)
from qgis.PyQt.QtCore import QSize

base, kind, z, col, row = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
app = QgsApplication([], False)
app.initQgis()

ORIGIN = 20037508.342789244
size = 2 * ORIGIN / (1 << z)
inset = size * 1e-6
view = QgsRectangle(-ORIGIN + col * size + inset, ORIGIN - (row + 1) * size + inset, -ORIGIN + (col + 1) * size - inset, ORIGIN - row * size - inset)
if kind == "tiles":
    template = f"{base}/ogcapi/collections/parcels/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}"
    layer = QgsVectorTileLayer(f"type=xyz&url={quote(template, safe='')}&zmin=0&zmax=16", "parcels")
else:
    layer = QgsVectorLayer(f"url='{base}/ogcapi' typename='parcels' restrictToRequestBBOX='1'", "parcels", "OAPIF")
assert layer.isValid(), f"{kind} layer is not valid"

settings = QgsMapSettings()
settings.setLayers([layer])
settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
settings.setExtent(view)
settings.setOutputSize(QSize(512, 512))
start = time.monotonic()
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
seconds = time.monotonic() - start
assert not job.errors(), [error.message for error in job.errors()]
print(f"{seconds:.2f}", flush=True)
# Not app.exitQgis(): QGIS 3.22's OGC API – Features provider crashes (SIGSEGV) tearing down after a draw.
os._exit(0)
