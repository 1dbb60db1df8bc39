#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 + pgRouting (road-network distances) from Debian when missing. Safe to run again.
set -euo pipefail

if [ -f /usr/share/postgresql/15/extension/postgis.control ] && [ -f /usr/share/postgresql/15/extension/pgrouting.control ] \
  && [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "postgis-install: PostGIS is missing and this user cannot install packages (no root, no sudo)" >&2; exit 1; }
  sudo="sudo"
fi

echo "postgis-install: installing postgresql-15, postgresql-15-postgis-3 and postgresql-15-pgrouting with apt" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting >&2
