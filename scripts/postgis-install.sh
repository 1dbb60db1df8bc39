#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 + pgRouting (road-network distances) from Debian when missing. Safe to run again.
set -euo pipefail
. "$(dirname "$0")/lib/apt-install.sh"

if [ -f /usr/share/postgresql/15/extension/postgis.control ] && [ -f /usr/share/postgresql/15/extension/pgrouting.control ] \
  && [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
  exit 0
fi
apt_install postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting
