#!/usr/bin/env bash
# Where a small request's time goes, seen from outside the processes: tcpdump on loopback times each request's packets
# (client SYN, request, the server's query to PostgreSQL, PostgreSQL's reply, the response), as bench/peers.sh makes
# the request (a new curl process and connection each) or over one kept-alive connection (KEPT=1).
#   bench/item-timeline.sh URL [N=100] [PG_PORT]     e.g. http://127.0.0.1:5393/ogcapi/collections/parcels/items/500000 100 55493
# Requests run one at a time; the server must be warm (tiered JIT: 40+ requests on the path first). Needs tcpdump (installed
# with apt when missing) and root or sudo to capture.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/scripts/lib/apt-install.sh"
command -v tcpdump >/dev/null || apt_install tcpdump
url=$1; n=${2:-100}; pg_port=${3:-}
port=$(sed -E 's|^[a-z]+://[^:/]+:([0-9]+).*|\1|' <<<"$url")
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
capture=$(mktemp); config=$(mktemp)
trap 'rm -f "$capture" "$config"' EXIT
filter="tcp port $port"; [ -n "$pg_port" ] && filter="$filter or tcp port $pg_port"
$sudo tcpdump -i lo -tt -n -l "$filter" >"$capture" 2>/dev/null &
dump=$!
sleep 1
if [ -n "${KEPT:-}" ]; then
  for _ in $(seq 1 "$n"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$config"
  curl -s -K "$config"
else
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null "$url"; done
fi
sleep 0.5
$sudo kill "$dump"; wait "$dump" 2>/dev/null || true
python3 "$repo/bench/item-timeline.py" "$capture" "$port" $pg_port
