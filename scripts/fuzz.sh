#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time each, seeded from the real inputs in
# ../shared/corpus (captures, SBOMs, nmap XML, model files, Zeek and Suricata logs) and the project's own data/*.csv.
# Fails on any crash, leak, timeout, out-of-memory or sanitizer report, and leaves the input that
# caused it in $FUZZ_ARTIFACTS (default build-hardened/fuzz-artifacts): turn it into a regression
# test (docs/security.md).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [FUZZ_BIN_DIR]      defaults: 15, build-hardened/fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
bin_dir=${2:-build-hardened/fuzz}
corpus=../shared/corpus
artifacts=${FUZZ_ARTIFACTS:-build-hardened/fuzz-artifacts}
test -d "$corpus" || { echo "fuzz: $corpus is missing: the seeds come from it" >&2; exit 1; }
ls "$bin_dir"/fuzz_* >/dev/null 2>&1 || { echo "fuzz: no fuzz_* targets in $bin_dir (build with -DSOVSCAN_FUZZ=ON)" >&2; exit 1; }
mkdir -p "$artifacts"

# Seeds by what the target reads, plus the small hand-written ones in fuzz/seeds/TARGET (inputs no
# corpus holds: the suppliers file, a previous register).
seeds_for() {
  test -d "fuzz/seeds/$1" && echo -n "fuzz/seeds/$1 "
  case "$1" in
    fuzz_capture_file|fuzz_decoder|fuzz_observe_*|fuzz_gquic_chlo|fuzz_tls_server_certificate)
      echo "$corpus/arkime $corpus/iot-sentinel" ;;
    fuzz_cyclonedx|fuzz_spdx|fuzz_cmdb_json|fuzz_asset_merge) echo "$corpus/sbom" ;;
    fuzz_nmap_xml|fuzz_upnp_description) echo "$corpus/nmap" ;;
    fuzz_gguf|fuzz_safetensors|fuzz_hf_config|fuzz_model_origin) echo "$corpus/models" ;;
    fuzz_intel_csv|fuzz_cmdb_csv) echo "data docs/examples" ;;
    fuzz_policy_yaml) echo "docs/examples" ;;
    # Datagrams softflowd and pmacct exported from a corpus capture (fuzz/seeds/TARGET only); none
    # for sFlow, whose sampled headers would be the capture's own bytes.
    fuzz_netflow_v5|fuzz_netflow_v9_ipfix|fuzz_sflow) echo "" ;;
    fuzz_zeek_log) echo "$corpus/zeek" ;;
    fuzz_suricata_eve) echo "$corpus/suricata" ;;
    *) echo "" ;;
  esac
}

# The JSON scan report (`sovscan merge`'s input) is sovscan's own output: its seeds are reports the
# sovscan of the same build writes of corpus captures -- two sites' scans (one through a proxy and
# with DNS names, one with a device finding) and their merge -- made here, never kept in the tree.
report_seeds() {
  local dir=$1 sovscan="$bin_dir/../sovscan"
  test -x "$sovscan" || { echo "fuzz: $sovscan is missing: the report seeds come from it" >&2; return 1; }
  "$sovscan" scan "$corpus/ndpi/sites.pcapng" --sensor seed-a -q -o "$dir/a.json" || test $? -eq 1
  "$sovscan" scan "$corpus/iot-sentinel/EdnetGateway/Setup-A-1-STA.pcap" --sensor seed-b -q -o "$dir/b.json" ||
    test $? -eq 1
  "$sovscan" merge "$dir/a.json" "$dir/b.json" -q -o "$dir/merged.json" || test $? -eq 1
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
failed=()
printf '%-34s %10s  %s\n' target runs result
for target in "$bin_dir"/fuzz_*; do
  name=$(basename "$target")
  work=$(mktemp -d)
  log="$artifacts/$name.log"
  made=""
  if [ "$name" = fuzz_json_report_reader ]; then
    made=$(mktemp -d)
    report_seeds "$made"
  fi
  # The first directory collects new inputs; the seeds after it are only read.
  # shellcheck disable=SC2046
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$work" $(seeds_for "$name") $made >"$log" 2>&1; then
    result=clean
  else
    result="FAILED (see $log)"
    failed+=("$name")
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  printf '%-34s %10s  %s\n' "$name" "$runs" "$result"
  rm -rf "$work" ${made:+"$made"}
done
if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}; the inputs are in $artifacts" >&2
  exit 1
fi
echo "fuzz: every target ran ${seconds}s clean"
