#!/usr/bin/env bash
# Whole-call latency of `sovscan lookup` (process start, intel load, one answer, output): runs it N
# times on an IP, a domain and a MAC and prints the median and p90 wall time of each in ms. The
# budget is 50 ms per call. Timed with bash's $EPOCHREALTIME, so no extra process per run.
#
#   bench/lookup-latency.sh [N]        # N runs per query, default 30
#   SOVSCAN_BIN=build-x/sovscan bench/lookup-latency.sh
set -euo pipefail

runs=${1:-30}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "lookup-latency: N must be a positive number, not '$runs'" >&2; exit 2; }
bin=${SOVSCAN_BIN:-$(cd "$(dirname "$0")/.." && pwd)/build/sovscan}
[[ -x $bin ]] || { echo "lookup-latency: $bin is not an executable; build it or set SOVSCAN_BIN" >&2; exit 2; }

# "1700000000.123456" (or with a decimal comma) -> microseconds.
micros() { local t=${1//[.,]/}; echo $((10#$t)); }

# p-th percentile (nearest rank) of the microsecond values on stdin, in ms.
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { r = int((p * NR + 99) / 100); if (r < 1) r = 1; printf "%.1f", v[r] / 1000 }'; }

printf '%-22s %9s %9s   (%s runs each, %s)\n' query median_ms p90_ms "$runs" "$bin"
for query in 47.96.1.10 cam.eu.hik-connect.com 44:47:cc:12:34:56; do
    samples=()
    for ((i = 0; i < runs; i++)); do
        rc=0
        t0=$EPOCHREALTIME
        "$bin" lookup "$query" >/dev/null 2>&1 || rc=$?
        t1=$EPOCHREALTIME
        if ((rc > 1)); then  # 0 clear/review, 1 high_risk; 2 is a failure (intel missing ...)
            echo "lookup-latency: '$bin lookup $query' failed (exit $rc):" >&2
            "$bin" lookup "$query" >&2 || true
            exit 2
        fi
        samples+=($(($(micros "$t1") - $(micros "$t0"))))
    done
    printf '%-22s %9s %9s\n' "$query" "$(printf '%s\n' "${samples[@]}" | percentile 50)" \
        "$(printf '%s\n' "${samples[@]}" | percentile 90)"
done
