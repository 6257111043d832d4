#!/usr/bin/env bash
# Memory and time of `sovscan assets` on large inventories (issue 19, defect 6): CMDB exports of
# 10^4, 10^5 and 10^6 rows and a CycloneDX SBOM of about 100 MB, all written by
# tools/gen_inventory.py (fixed seed: every run reads the same files). Prints, per input and output
# format, the peak RSS and the wall time: medians of 3 runs below 10^6 rows, one run above.
#
#   bench/inventory-rss.sh                  every size, JSON and CSV output
#   SIZES='10000 100000' bench/inventory-rss.sh     a subset (rows)
#   SBOM_MB=0 bench/inventory-rss.sh        without the SBOM
#   SOVSCAN=/path/to/sovscan bench/inventory-rss.sh   another build (e.g. the previous commit's)
#
# Every run is capped at CAP bytes of address space (default 6 GB, prlimit --as) so that a
# regression fails with "bad_alloc" instead of exhausting a shared machine; a capped run prints
# "over cap". Files go to $WORK (default /tmp/bench/inventory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sovscan=${SOVSCAN:-$repo/build/sovscan}
[ -x "$sovscan" ] || { echo "build sovscan first: scripts/setup.sh" >&2; exit 2; }
work=${WORK:-/tmp/bench/inventory}
sizes=${SIZES:-10000 100000 1000000}
sbom_mb=${SBOM_MB:-100}
cap=${CAP:-6000000000}
mkdir -p "$work"

# One run: prints "<peak RSS MB> <seconds>", or "over cap" when it did not finish.
run_once() {
  local out=$1; shift
  rm -f "$out"
  if /usr/bin/time -f '%M %e' -o "$work/time.txt" prlimit --as="$cap" "$sovscan" assets "$@" -o "$out" \
       --fail-on never --no-progress -q > "$work/run.log" 2>&1; then
    awk '{ printf "%.0f %.2f\n", $1 / 1024, $2 }' "$work/time.txt"
  else
    echo "over cap"
  fi
}

# Median of `runs` runs, one line: "<label>  peak RSS <MB> MB  wall <s> s".
measure() {
  local label=$1 runs=$2 out=$3; shift 3
  local results=()
  for _ in $(seq "$runs"); do results+=("$(run_once "$out" "$@")"); done
  if printf '%s\n' "${results[@]}" | grep -q 'over cap'; then
    printf '%-28s over the %s-byte cap\n' "$label" "$cap"
    return
  fi
  local m=$(( (runs + 1) / 2 ))
  local rss secs
  rss=$(printf '%s\n' "${results[@]}" | awk '{ print $1 }' | sort -n | sed -n "${m}p")
  secs=$(printf '%s\n' "${results[@]}" | awk '{ print $2 }' | sort -n | sed -n "${m}p")
  printf '%-28s peak RSS %6d MB   wall %7.2f s\n' "$label" "$rss" "$secs"
}

echo "sovscan: $sovscan"
for rows in $sizes; do
  csv="$work/cmdb-$rows.csv"
  [ -s "$csv" ] || python3 "$repo/tools/gen_inventory.py" cmdb "$rows" "$csv"
  runs=3
  [ "$rows" -ge 1000000 ] && runs=1
  for format in json csv; do
    measure "cmdb $rows rows -o .$format" "$runs" "$work/assets-$rows.$format" --inventory "$csv"
  done
done
if [ "$sbom_mb" != 0 ]; then
  sbom="$work/sbom-$sbom_mb.json"
  [ -s "$sbom" ] || python3 "$repo/tools/gen_inventory.py" sbom "$sbom_mb" "$sbom"
  measure "sbom ${sbom_mb} MB -o .json" 1 "$work/assets-sbom.json" --sbom "$sbom"
fi
rm -f "$work"/assets-*
