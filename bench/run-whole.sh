#!/usr/bin/env bash
# Whole-run benchmark: `sovscan scan` with full observation and enrichment on the large capture built
# by ../shared/bench/make-corpus.sh, timed side by side with the peer tools of
# ../shared/bench/run-peers.sh (same file, same page cache, same GNU time harness), then the ratio of
# sovscan's packets/s to each peer's.
#
#   bench/run-whole.sh [--setup]      --setup installs the peers from Debian first (root)
#   ONLY='sovscan|softflowd' bench/run-whole.sh   a subset (regex on tool names)
#
# Results: /tmp/bench/peers/results.tsv (every tool) and /tmp/bench/peers/ratios.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared/bench" && pwd)
sovscan="$repo/build/sovscan"
[ -x "$sovscan" ] || { echo "build sovscan first: scripts/setup.sh" >&2; exit 2; }

setup=()
[ "${1:-}" = "--setup" ] && setup=(--setup)
if [ ! -s /tmp/bench/big.pcap ] || [ ! -s /tmp/bench/base.pcap ]; then
  echo "== building /tmp/bench/big.pcap from the corpus (about 30 s)"
  "$shared/make-corpus.sh" "$repo/../shared/corpus/ndpi"
fi

export EXTRA_NAME=sovscan
# Full pipeline: every packet decoded, every flow observed (DNS/TLS/QUIC/HTTP), every counterpart
# enriched (geolocation, registry country, ASN, catalog) and assessed, JSON report written.
export EXTRA_CMD="$sovscan scan \$PCAP -o \$R/report.json --no-progress --color never --fail-on never > \$R/out.log 2>&1"
export EXTRA_FLOWS_RE='[0-9]+ flows'
"$shared/run-peers.sh" "${setup[@]}" /tmp/bench/big.pcap

res=${OUTDIR:-/tmp/bench/peers}/results.tsv
awk -F'\t' '
  NR == 1 { next }
  { name[NR] = $1; mpps[NR] = $9; rss[NR] = $11; gbit[NR] = $10; if ($1 == "sovscan") s = NR }
  END {
    if (!s) { print "sovscan did not run"; exit 1 }
    printf "sovscan: %.2f Mpps, %.2f Gbit/s, peak RSS %.0f MB\n", mpps[s], gbit[s], rss[s]
    printf "%-48s %10s %16s\n", "peer", "Mpps", "sovscan / peer"
    for (i in name) if (i != s && mpps[i] > 0)
      printf "%-48s %10.2f %15.2fx\n", name[i], mpps[i], mpps[s] / mpps[i]
  }' "$res" | tee "${OUTDIR:-/tmp/bench/peers}/ratios.txt"
