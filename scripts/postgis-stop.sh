#!/usr/bin/env bash
# Stops the private PostGIS cluster started by postgis-start.sh (its data stays for the next start).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${GEO_PG_DIR:-/tmp/kaizhou-pg-$(printf '%s' "$repo" | md5sum | cut -c1-8)}
[ -d "$dir/data" ] || exit 0
as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m fast stop >&2 2>/dev/null || true
rm -f "$dir/port"
