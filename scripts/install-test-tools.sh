#!/usr/bin/env bash
# Installs, with apt, what the tests drive and a fresh machine may lack: GDAL (the OGC API client tests), QGIS's
# Python bindings (QGIS 3.22 as a vector-tile client, headless), Debian chromium (driven by Playwright; no browser
# download), the Noto CJK fonts (Chinese in screenshots and PNG exports) and Node.js + npm (the viewer's Vite build runs
# inside dotnet build). Safe to run again: installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

missing=()
command -v ogrinfo >/dev/null || missing+=(gdal-bin)
/usr/bin/python3 -c 'import qgis.core' 2>/dev/null || missing+=(python3-qgis)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
# Debian 12's own nodejs is 18; the viewer build needs 20+ and says so clearly if that is what apt gave.
