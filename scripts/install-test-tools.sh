#!/usr/bin/env bash
# Installs, with apt, the programs the tests drive that a fresh machine lacks (GDAL for the OGC API client tests).
# Safe to run again: it installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

missing=()
command -v ogrinfo >/dev/null || missing+=(gdal-bin)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
