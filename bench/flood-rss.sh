#!/usr/bin/env bash
# Load benchmark (issue 19): peak RSS of `sovscan scan` against flood size, for each flood that
# sovscan-flood-capture writes (tools/flood_capture.cpp: spoofed SYNs, half-open TLS, HTTP and
# DNS-over-TCP, first fragments without their rest, distinct DNS names answered, an egress scan).
# Once the memory bounds are reached the RSS must stay flat however large the flood.
#
#   bench/flood-rss.sh                                  every kind, 100k 300k 1M 2M units
#   KINDS='syn frag' SIZES='100000 1000000' bench/flood-rss.sh
#   FLOWS='1000 default' bench/flood-rss.sh             --max-flows per column ('default': not given)
#   EXTRA='--max-counterparts 0' bench/flood-rss.sh     more options for every scan (0: unbounded)
#
# Prints one row per kind and size: peak RSS (MB, GNU time's maximum resident set size) for each
# --max-flows setting, wall seconds, and the counterparts the bound folded. Every scan runs under
# an address-space limit (LIMIT_KB, default 6 GB) so that a regression cannot take the machine.
# Captures are written to and removed from $WORK (default /tmp/sovscan-flood-rss).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sovscan=${SOVSCAN_BIN:-$repo/build/sovscan}
flood=${FLOOD_BIN:-$repo/build/sovscan-flood-capture}
for b in "$sovscan" "$flood"; do
  [ -x "$b" ] || { echo "build first: cmake --build build --target sovscan sovscan-flood-capture ($b)" >&2; exit 2; }
done
KINDS=${KINDS:-syn tls http dnstcp frag names scan}
SIZES=${SIZES:-100000 300000 1000000 2000000}
FLOWS=${FLOWS:-1000 default}
EXTRA=${EXTRA:-}
LIMIT_KB=${LIMIT_KB:-6000000}
WORK=${WORK:-/tmp/sovscan-flood-rss}
mkdir -p "$WORK"
trap 'rm -f "$WORK"/flood.pcap "$WORK"/report.json "$WORK"/time.txt' EXIT

header="kind      units"
for f in $FLOWS; do header+=$(printf '  %16s' "RSS MB flows=$f"); done
printf '%s  %8s  %10s\n' "$header" "seconds" "folded"
for kind in $KINDS; do
  for n in $SIZES; do
    "$flood" "$kind" "$n" "$WORK/flood.pcap"
    row=$(printf '%-8s %7s' "$kind" "$n")
    secs=0 folded=0
    for f in $FLOWS; do
      opt=()
      [ "$f" = default ] || opt=(--max-flows "$f")
      # shellcheck disable=SC2086
      ( ulimit -v "$LIMIT_KB"; /usr/bin/time -f '%M %e' -o "$WORK/time.txt" \
          "$sovscan" scan "$WORK/flood.pcap" -o "$WORK/report.json" --no-progress -q --fail-on never "${opt[@]}" $EXTRA ) ||
        { echo "scan failed: $kind $n ${opt[*]}" >&2; cat "$WORK/time.txt" >&2; exit 1; }
      read -r kb secs < "$WORK/time.txt"
      row+=$(printf '  %16d' $((kb / 1024)))
      folded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("folding", {}).get("folded_counterparts", "-"))' \
        "$WORK/report.json")
    done
    printf '%s  %8s  %10s\n' "$row" "$secs" "$folded"
  done
done
