#!/usr/bin/env bash
# Installs what the viewer's build and browser tests need when it is missing: Node.js + npm (the Vite build runs
# inside dotnet build), Debian chromium (driven by Playwright; no browser download) and the Noto CJK fonts (Chinese
# labels in screenshots and PNG exports). Safe to run again.
set -euo pipefail

packages=()
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || packages+=(fonts-noto-cjk)
[ ${#packages[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "viewer-install: ${packages[*]} missing and this user cannot install packages (no root, no sudo)" >&2; exit 1; }
  sudo="sudo"
fi

echo "viewer-install: installing ${packages[*]} with apt" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq "${packages[@]}" >&2
# Debian 12's own nodejs is 18; the build needs 20+ and says so clearly if that is what apt gave.
