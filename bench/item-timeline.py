#!/usr/bin/env python3
"""Stages of requests seen on loopback (bench/item-timeline.sh): per request, from the client's SYN (a new connection)
to its request bytes, from the request to the first packet the server sends PostgreSQL, from there to PostgreSQL's first
packet back, from that to the server's first response packet, and from the first to the last response packet.
   item-timeline.py TCPDUMP_TEXT SERVER_PORT [PG_PORT]     (tcpdump -tt -n output)"""
import re
import statistics
import sys

packet = re.compile(r'(\d+\.\d+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): Flags \[([^\]]+)\].*length (\d+)')
server = sys.argv[2]
pg = sys.argv[3] if len(sys.argv) > 3 else None
requests, syn, open_request = [], {}, {}
for line in open(sys.argv[1], encoding='utf-8'):
    m = packet.match(line)
    if not m:
        continue
    t, src, dst, flags, length = float(m[1]), m[2], m[3], m[4], int(m[5])
    if dst == server and flags == 'S':
        syn[src] = t
    elif dst == server and length > 0:
        r = {'syn': syn.pop(src, None), 'request': t}
        requests.append(r)
        open_request[src] = r
    elif src == server and length > 0 and dst in open_request:
        r = open_request[dst]
        r.setdefault('response', t)
        r['last'] = t
    elif pg and length > 0 and (dst == pg or src == pg):
        # The PostgreSQL packets belong to the latest request still unanswered (one request at a time).
        pending = [r for r in open_request.values() if 'response' not in r]
        if pending:
            r = pending[-1]
            r.setdefault('query' if dst == pg else 'reply', t)

stages = [('SYN → request', 'syn', 'request'), ('request → query', 'request', 'query'), ('query → reply', 'query', 'reply'),
          ('reply → response', 'reply', 'response'), ('request → response', 'request', 'response'),
          ('first → last response packet', 'response', 'last'), ('SYN → last response packet', 'syn', 'last')]
print(f'{len(requests)} requests; ms: median (p10–p90)')
for name, a, b in stages:
    v = sorted((r[b] - r[a]) * 1000 for r in requests if r.get(a) is not None and r.get(b) is not None and r[b] >= r[a])
    if v:
        print(f'{name:30s} {statistics.median(v):7.3f} ({v[len(v) // 10]:.3f}–{v[len(v) * 9 // 10]:.3f})')
