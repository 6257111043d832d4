#!/usr/bin/env bash
# Records per CPU second: sovscan's IPFIX decoding (bench/micro_collect_decode, 30-record
# datagrams) against Debian nfdump's nfcapd receiving and storing the same datagrams on loopback.
# nfcapd's rate = flows it stored (nfdump -I) / its CPU time (utime+stime of all its threads)
# while a sender floods DATAGRAMS datagrams at it. The issue asks sovscan >= 2x.
#   bench/collect-vs-nfcapd.sh [BUILD_DIR] [DATAGRAMS]      defaults: build, 100000
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
datagrams=${2:-100000}
port=${PORT:-39495}
command -v nfcapd >/dev/null || { echo "nfcapd missing: apt-get install nfdump" >&2; exit 1; }
test -x "$build/bench/micro_collect_decode" || { echo "build $build/bench/micro_collect_decode first" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $nfcapd_pid 2>/dev/null || true; rm -rf "$work" "$work.log"' EXIT

nfcapd -w "$work" -b 127.0.0.1 -p "$port" -B 33554432 -t 3600 >"$work.log" 2>&1 &
nfcapd_pid=$!
sleep 2
# The same layout as micro_collect_decode: IPv4 5-tuple, flags, packets, octets, start/end ms, ifindexes.
python3 - "$port" "$datagrams" <<'PY'
import socket, struct, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
fields = [(8,4),(12,4),(7,2),(11,2),(4,1),(6,1),(2,4),(1,4),(152,8),(153,8),(10,4),(14,4)]
tmpl = struct.pack('!HH', 256, len(fields)) + b''.join(struct.pack('!HH', i, l) for i, l in fields)
tset = struct.pack('!HH', 2, 4 + len(tmpl)) + tmpl
def msg(seq, body):
    return struct.pack('!HHIII', 10, 16 + len(body), 1700000002, seq, 1) + body
recs = b''.join(struct.pack('!IIHHBBIIQQII', 0x0a000000 + i, 0xcb007100 + i * 7, 40000 + i, 443, 6, 0x1b,
                            10 + i, 1500 * (10 + i), 1700000000000 + i, 1700000001000 + i, 1, 2) for i in range(30))
dset = struct.pack('!HH', 256, 4 + len(recs)) + recs
seq = 0
for n in range(count):
    if n % 100 == 0:
        s.sendto(msg(seq, tset), ('127.0.0.1', port))
    s.sendto(msg(seq, dset), ('127.0.0.1', port))
    seq += 30
PY
sleep 2
read -r utime stime < <(awk '{print $14, $15}' /proc/$nfcapd_pid/stat)
ticks=$(getconf CLK_TCK)
kill -TERM $nfcapd_pid
wait $nfcapd_pid 2>/dev/null || true
stored=$(for f in "$work"/nfcapd.*; do nfdump -r "$f" -I 2>/dev/null | awk '/^Flows:/{print $2}'; done | awk '{s+=$1} END{print s+0}')
nfcapd_cpu=$(echo "scale=3; ($utime + $stime) / $ticks" | bc)
echo "nfcapd: utime $utime stime $stime ticks, stored $stored" >&2
nfcapd_rate=$(echo "scale=0; $stored / $nfcapd_cpu" | bc)
sovscan_rate=$("$build/bench/micro_collect_decode" --benchmark_filter=Ipfix_30 --benchmark_format=json 2>/dev/null |
  python3 -c 'import json,sys; print(int(json.load(sys.stdin)["benchmarks"][0]["records/s"]))')
echo "sent:                 $((datagrams * 30)) records in $datagrams IPFIX datagrams"
echo "nfcapd stored:        $stored records in ${nfcapd_cpu} CPU s = $nfcapd_rate records/CPU s"
echo "sovscan decodes:      $sovscan_rate records/CPU s"
echo "ratio sovscan/nfcapd: $(echo "scale=1; $sovscan_rate / $nfcapd_rate" | bc)"
