#!/usr/bin/env bash
# Run-store benchmarks (issue 17), medians printed at the end:
#   1. `sovscan scan` of the bench capture with and without --store, in pairs run alternately (the
#      machine's speed drifts; see paired-ratio.sh): the median of the per-pair ratios. The store is
#      the same across pairs, so each run also loads and compares the sensor's previous run.
#   2. store size after one run of the 1x capture (base.pcap) and of a 4x one (four time-shifted
#      copies): it grows with distinct exposures and days, not with packets.
#   3. answer times of `diff` (two runs of 100,000 findings) and `report` over 90 days, on stores
#      sovscan-store-synth writes through the store's own code: 90 daily runs of 100,000 findings,
#      and 2,160 hourly runs (90 days) of 2,000 findings.
#
#   bench/store.sh                PAIRS=5 by default; BENCH=/tmp/bench holds the captures
# Needs build/sovscan and build/sovscan-store-synth; builds the captures with
# ../shared/bench/make-corpus.sh when missing.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared/bench" && pwd)
sovscan=${SOVSCAN_BIN:-$repo/build/sovscan}
synth=${SYNTH_BIN:-$repo/build/sovscan-store-synth}
BENCH=${BENCH:-/tmp/bench}
PAIRS=${PAIRS:-5}
work=$BENCH/store
[ -x "$sovscan" ] && [ -x "$synth" ] || { echo "build sovscan and sovscan-store-synth first" >&2; exit 2; }
mkdir -p "$work"
if [ ! -s "$BENCH/big.pcap" ] || [ ! -s "$BENCH/base.pcap" ]; then
  OUT=$BENCH "$shared/make-corpus.sh" "$repo/../shared/corpus/ndpi"
fi
if [ ! -s "$BENCH/4x/big.pcap" ]; then  # four copies of base.pcap, as big.pcap is made of many
  base_pkts=$(capinfos -T -r -c "$BENCH/base.pcap" | cut -f2)
  OUT=$BENCH/4x TARGET_PKTS=$((4 * base_pkts)) "$shared/make-corpus.sh" "$repo/../shared/corpus/ndpi" >/dev/null
fi

seconds() {  # wall seconds of a command, its output discarded
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
scan=("$sovscan" scan "$BENCH/big.pcap" -o "$work/report.json" --no-progress --fail-on never -q)

echo "== 1. scan of $BENCH/big.pcap without and with --store, $PAIRS pairs"
rm -f "$work/scan.db"*
: > "$work/pairs.tsv"
for i in $(seq 1 "$PAIRS"); do
  if [ $((i % 2)) -eq 1 ]; then
    without=$(seconds "${scan[@]}"); with=$(seconds "${scan[@]}" --store "$work/scan.db")
  else
    with=$(seconds "${scan[@]}" --store "$work/scan.db"); without=$(seconds "${scan[@]}")
  fi
  ratio=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.3f", a / b }')
  printf '%s\t%s\t%s\n' "$without" "$with" "$ratio" | tee -a "$work/pairs.tsv"
done
scan_without=$(cut -f1 "$work/pairs.tsv" | median)
scan_with=$(cut -f2 "$work/pairs.tsv" | median)
scan_ratio=$(cut -f3 "$work/pairs.tsv" | median)

echo "== 2. store size: one run of the 1x and of the 4x capture"
size_of() {
  rm -f "$work/size.db"*
  "$sovscan" scan "$1" --store "$work/size.db" --no-progress --fail-on never -q
  local bytes rows
  bytes=$(stat -c %s "$work/size.db")
  rows=$("$sovscan" history --json --store "$work/size.db" | awk -F': ' '/"findings"/ { gsub(",", "", $2); print $2 }')
  echo "$bytes bytes, $rows findings, $(capinfos -T -r -c "$1" | cut -f2) packets"
}
size_1x=$(size_of "$BENCH/base.pcap")
size_4x=$(size_of "$BENCH/4x/big.pcap")

echo "== 3. synthetic stores (sovscan-store-synth)"
[ -s "$work/daily.db" ] || "$synth" "$work/daily.db" 90 100000 24 0.024
[ -s "$work/hourly.db" ] || "$synth" "$work/hourly.db" 2160 2000 1 0.001
times() { for _ in 1 2 3 4 5; do seconds "$@"; done | median; }
diff_daily=$(times "$sovscan" diff --json --store "$work/daily.db")
report_daily=$(times "$sovscan" report --from 2026-01-01 --to 2026-03-31 --format json --store "$work/daily.db")
report_hourly=$(times "$sovscan" report --from 2026-01-01 --to 2026-03-31 --format json --store "$work/hourly.db")
diff_hourly=$(times "$sovscan" diff --json --store "$work/hourly.db")
exposures_daily=$("$sovscan" report --from 2026-01-01 --to 2026-03-31 --format csv --store "$work/daily.db" | tail -n +2 | wc -l)
exposures_hourly=$("$sovscan" report --from 2026-01-01 --to 2026-03-31 --format csv --store "$work/hourly.db" | tail -n +2 | wc -l)

cat <<RESULT | tee "$work/results.txt"
scan big.pcap: median ${scan_without} s without, ${scan_with} s with --store; median ratio ${scan_ratio} ($PAIRS pairs)
store after one run: 1x ${size_1x}; 4x ${size_4x}
diff of two runs of 100,000 findings (90 daily runs, $(stat -c %s "$work/daily.db") bytes): median ${diff_daily} s
report over 90 days, 90 daily runs of 100,000 findings (${exposures_daily} exposures): median ${report_daily} s
report over 90 days, 2,160 hourly runs of 2,000 findings (${exposures_hourly} exposures, $(stat -c %s "$work/hourly.db") bytes): median ${report_hourly} s
diff of the last two hourly runs of 2,000 findings: median ${diff_hourly} s
RESULT
