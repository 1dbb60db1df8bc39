#!/usr/bin/env bash
# Installs, with apt, the programs the tests drive that a fresh machine lacks (GDAL for the OGC API client tests).
# Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v ogrinfo >/dev/null || missing+=(gdal-bin)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test-tools: missing ${missing[*]} and no root or sudo to install them" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-test-tools: installing ${missing[*]} with apt" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq "${missing[@]}" >&2
