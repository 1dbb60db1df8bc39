# QGIS 3.22 (Debian python3-qgis) as a vector-tile client: adds an XYZ vector tile layer the way a user does
# ("type=xyz&url=…{z}/{y}/{x}&zmin=…&zmax=…"), draws one tile of it headless and prints, as JSON, every feature
# QGIS's own MVT decoder handed to its renderer: layer, attributes and area inside the tile (EPSG:3857 m²).
# Usage: /usr/bin/python3 qgis-vector-tile-features.py URL_TEMPLATE ZMAX Z COL ROW LAYER[,LAYER…] FIELD[,FIELD…]
import json
import os
import sys
from urllib.parse import quote

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsFillSymbolLayer, QgsGeometry,
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsRectangle, QgsVectorTileBasicRenderer,
                       QgsVectorTileBasicRendererStyle, QgsVectorTileLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize

template, zmax, z, col, row, layers, fields = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6].split(","), sys.argv[7].split(",")

app = QgsApplication([], False)
app.initQgis()

ORIGIN = 20037508.342789244
size = 2 * ORIGIN / (1 << z)
tile = QgsRectangle(-ORIGIN + col * size, ORIGIN - (row + 1) * size, -ORIGIN + (col + 1) * size, ORIGIN - row * size)
found = {}


class Record(QgsFillSymbolLayer):
    """Draws nothing: keeps the feature QGIS is drawing (once per feature, not per part)."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def layerType(self):
        return "Record"

    def properties(self):
        return {}

    def clone(self):
        return Record(self.layer)

    def startRender(self, context):
        pass

    def stopRender(self, context):
        pass

    def renderPolygon(self, points, rings, context):
        feature = context.feature()
        found[(self.layer, feature.id())] = {
            "layer": self.layer,
            "attributes": {name: feature[name] for name in fields if feature.fieldNameIndex(name) >= 0},
            # What of it lies in the tile itself: QGIS may keep the tile's buffer around it.
            "area": feature.geometry().intersection(QgsGeometry.fromRect(tile)).area(),
        }


styles = []
for layer in layers:
    symbol = QgsFillSymbol()
    symbol.changeSymbolLayer(0, Record(layer))
    style = QgsVectorTileBasicRendererStyle(layer, layer, QgsWkbTypes.PolygonGeometry)
    # QGIS decodes only the fields a style names; this names them all and holds for every feature.
    style.setFilterExpression("coalesce(" + ", ".join(f'"{name}"' for name in fields) + ", 1) IS NOT NULL")
    style.setSymbol(symbol)
    styles.append(style)

source = QgsVectorTileLayer(f"type=xyz&url={quote(template, safe='')}&zmin=0&zmax={zmax}", "tiles")
renderer = QgsVectorTileBasicRenderer()
renderer.setStyles(styles)
source.setRenderer(renderer)

# The tile shrunk by a millionth of its side, so that QGIS asks for that tile alone at that zoom.
inset = size * 1e-6
settings = QgsMapSettings()
settings.setLayers([source])
settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
settings.setExtent(QgsRectangle(tile.xMinimum() + inset, tile.yMinimum() + inset, tile.xMaximum() - inset, tile.yMaximum() - inset))
settings.setOutputSize(QSize(512, 512))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()

print(json.dumps({
    "valid": source.isValid(),
    "minZoom": source.sourceMinZoom(),
    "maxZoom": source.sourceMaxZoom(),
    "errors": [error.message for error in job.errors()],
    "features": list(found.values()),
}))
app.exitQgis()
