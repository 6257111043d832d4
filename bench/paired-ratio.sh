#!/usr/bin/env bash
# Paired whole-run ratios: sovscan and each peer of issue 2's targets run alternately, pair after
# pair, on the same input, and the ratio of their packets/s is taken within each pair.
#
#   bench/paired-ratio.sh            5 pairs per peer (PAIRS=N to change)
#   PEERS='ndpi-dpi' bench/paired-ratio.sh
#
# Why: this machine's speed drifts by 10% and more over minutes, and run-whole.sh times each tool's
# runs as one block (ndpiReader's full-DPI run, 12-15 s, only once or three times), so a ratio
# between two blocks carries the drift between them. Within a pair the two runs are seconds apart,
# and the order alternates (sovscan first, then the peer first) so that a steady drift cancels. The
# median of the per-pair ratios is the figure to report; the spread shows how far to trust it.
# Needs bench/run-whole.sh to have run once (it builds /tmp/bench/big.pcap and base.pcap).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sovscan=${SOVSCAN_BIN:-$repo/build/sovscan}
PCAP=${PCAP:-/tmp/bench/big.pcap}
BASE=${BASE:-/tmp/bench/base.pcap}
PAIRS=${PAIRS:-5}
PEERS=${PEERS:-ndpi-dpi softflowd nfpcapd}
[ -x "$sovscan" ] || { echo "build sovscan first: scripts/setup.sh" >&2; exit 2; }
[ -s "$PCAP" ] && [ -s "$BASE" ] || { echo "run bench/run-whole.sh once first (it builds $PCAP)" >&2; exit 2; }

pkts=$(capinfos -T -r -c "$PCAP" | cut -f2)
base_pkts=$(capinfos -T -r -c "$BASE" | cut -f2)
copies=$(( (pkts + base_pkts / 2) / base_pkts ))  # as ../shared/bench/run-peers.sh counts them
work=$(mktemp -d /tmp/bench/paired.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Wall seconds of one run (output discarded; a failing run stops the script).
wall() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$work/out.log" 2>&1 || { echo "failed: $* (see below)" >&2; tail -5 "$work/out.log" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b - a) / 1e9}'
}
run_sovscan() { wall "$sovscan" scan "$PCAP" -o "$work/report.json" --no-progress --color never --fail-on never; }
run_peer() {
  case "$1" in
    ndpi-dpi) wall ndpiReader -i "$BASE" -l "$copies" ;;
    softflowd) wall softflowd -r "$PCAP" -6 ;;
    nfpcapd) rm -rf "$work/nf"; mkdir -p "$work/nf"; wall nfpcapd -r "$PCAP" -l "$work/nf" -t 3600 ;;
  esac
}
peer_packets() { if [ "$1" = ndpi-dpi ]; then echo $((base_pkts * copies)); else echo "$pkts"; fi; }
target() { case "$1" in ndpi-dpi) echo 10 ;; softflowd) echo 1.5 ;; nfpcapd) echo 2 ;; esac; }
median() { sort -g | awk '{v[NR]=$1} END{ if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'; }

cat "$PCAP" "$BASE" > /dev/null  # page cache
echo "input: $PCAP ($pkts packets); $PAIRS pairs per peer, order alternating; $(date -u +%FT%TZ)"
for peer in $PEERS; do
  ppk=$(peer_packets "$peer")
  run_sovscan > /dev/null; run_peer "$peer" > /dev/null  # warm-up pair
  ratios=(); sw=(); pw=()
  for ((i = 0; i < PAIRS; i++)); do
    if ((i % 2 == 0)); then s=$(run_sovscan); p=$(run_peer "$peer"); else p=$(run_peer "$peer"); s=$(run_sovscan); fi
    r=$(awk -v s="$s" -v p="$p" -v a="$pkts" -v b="$ppk" 'BEGIN{printf "%.2f", (a / s) / (b / p)}')
    printf '  %-10s pair %d: sovscan %6.3f s  %-10s %7.3f s  ratio %sx\n' "$peer" $((i + 1)) "$s" "$peer" "$p" "$r"
    ratios+=("$r"); sw+=("$s"); pw+=("$p")
  done
  mr=$(printf '%s\n' "${ratios[@]}" | median)
  lo=$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)
  hi=$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)
  ms=$(printf '%s\n' "${sw[@]}" | median)
  mp=$(printf '%s\n' "${pw[@]}" | median)
  printf '%-10s median ratio %sx (min %s, max %s; target %sx)  sovscan %.2f Mpps, %s %.2f Mpps\n' "$peer" "$mr" \
    "$lo" "$hi" "$(target "$peer")" "$(awk -v a="$pkts" -v w="$ms" 'BEGIN{print a / w / 1e6}')" "$peer" \
    "$(awk -v a="$ppk" -v w="$mp" 'BEGIN{print a / w / 1e6}')"
done
