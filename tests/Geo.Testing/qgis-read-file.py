# QGIS 3.22 (Debian python3-qgis) opening a file the way a user drags it in (the "ogr" provider), headless; prints as
# JSON whether the layer is valid, its feature count, its CRS and the values of one field, in feature order.
# Usage: /usr/bin/python3 qgis-read-file.py PATH FIELD
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsVectorLayer

path, field = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(path, "file", "ogr")
result = {"valid": layer.isValid(), "count": 0, "crs": "", "values": []}
if layer.isValid():
    result["count"] = layer.featureCount()
    result["crs"] = layer.crs().authid()
    result["values"] = [str(f[field]) for f in layer.getFeatures()]
print(json.dumps(result, ensure_ascii=False))
sys.stdout.flush()
# QGIS 3.22's exit can crash after a provider was used (see bench/qgis-view.py); the answer is already printed.
os._exit(0)
