#!/usr/bin/env bash
# Ensures a private PostGIS cluster is running for this checkout and prints its connection string on stdout
# (everything else goes to stderr). Idempotent and safe to call from several test processes at once.
#   GEO_PG_DIR   where the cluster lives (default: /tmp/kaizhou-pg-<hash of this checkout>)
#   GEO_PG_PORT  the port to use (default: the first free port from 55432)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=/usr/lib/postgresql/15/bin
dir=${GEO_PG_DIR:-/tmp/kaizhou-pg-$(printf '%s' "$repo" | md5sum | cut -c1-8)}
data=$dir/data
database=kaizhou

"$repo/scripts/postgis-install.sh"
mkdir -p "$dir"

# The server refuses to run as root: as root, run it as the postgres user in a directory that user owns.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

exec 9>"$dir/.lock"
flock 9

connection() {
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=$database;Pooling=true"
}

if [ -f "$dir/port" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  connection
  exit 0
fi

if [ ! -f "$data/PG_VERSION" ]; then
  echo "postgis-start: creating a cluster in $data" >&2
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

port=${GEO_PG_PORT:-}
if [ -z "$port" ]; then
  for candidate in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
fi
[ -n "$port" ] || { echo "postgis-start: no free port between 55432 and 55532" >&2; exit 1; }

# fsync=off: a throw-away test cluster; durability is PostgreSQL's job in production, not this script's.
"${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" start >&2 9>&- \
  || { echo "postgis-start: the server did not start; see $dir/server.log" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
echo "$port" > "$dir/port"

# A standby (scripts/postgis-standby.sh) is read-only and already has the primary's database and extension.
if [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc 'SELECT pg_is_in_recovery()' postgres)" = f ]; then
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE $database" postgres >&2
  fi
  psql -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE EXTENSION IF NOT EXISTS postgis" "$database" >&2
fi

echo "postgis-start: PostGIS $(psql -h 127.0.0.1 -p "$port" -U postgres -tAc 'SELECT postgis_lib_version()' "$database") on 127.0.0.1:$port" >&2
connection
