#!/usr/bin/env bash
# Ensures a streaming standby of a running postgis-start.sh cluster is running and prints its connection string.
# On first use it copies the primary with pg_basebackup -R (physical replication; the default wal_level=replica and
# hot_standby=on are enough), then starts it like any cluster, so postgis-stop.sh stops it.
#   GEO_PG_DIR            where the standby lives
#   GEO_PG_PORT           the standby's port
#   GEO_PG_PRIMARY_PORT   the primary's port on 127.0.0.1 (its pg_hba.conf from initdb trusts loopback replication)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${GEO_PG_DIR:?GEO_PG_DIR names the standby folder}
primary_port=${GEO_PG_PRIMARY_PORT:?GEO_PG_PRIMARY_PORT names the primary port}

"$repo/scripts/postgis-install.sh"
mkdir -p "$dir"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
  echo "postgis-standby: copying the primary on port $primary_port into $dir/data" >&2
  # -c fast: checkpoint now rather than spread over minutes; -R writes standby.signal and primary_conninfo.
  "${as_owner[@]}" /usr/lib/postgresql/15/bin/pg_basebackup -h 127.0.0.1 -p "$primary_port" -U postgres \
    -D "$dir/data" -R -c fast -X stream >&2
fi

exec "$repo/scripts/postgis-start.sh"
