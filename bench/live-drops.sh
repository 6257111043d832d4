#!/usr/bin/env bash
# Live capture under load (issue 16): a capture replayed as fast as tcpreplay goes onto one end of a
# veth pair in a network namespace of its own, read on the other end by `sovscan live` and, in a
# second replay of the same file, by `tcpdump -w /dev/null` — the floor any capture tool is judged
# against. Prints packets sent, and each reader's kernel drops; RUNS replays each (median).
#
#   bench/live-drops.sh [CAPTURE]       default: /tmp/bench/big.pcap (bench/run-whole.sh builds it),
#                                       else the corpus's ndpi/1kxun.pcap looped LOOPS times
#   RUNS=3 LOOPS=20 bench/live-drops.sh
#
# Root is needed (namespace, capture). Nothing leaves the namespace.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sovscan=${SOVSCAN:-$repo/build/sovscan}
runs=${RUNS:-3}
loops=${LOOPS:-20}
capture=${1:-/tmp/bench/big.pcap}
[ -s "$capture" ] || capture="$repo/../shared/corpus/ndpi/1kxun.pcap"
for tool in tcpreplay tcpdump ip; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install tcpreplay tcpdump iproute2)" >&2; exit 2; }; done
[ -x "$sovscan" ] || { echo "build sovscan first: scripts/setup.sh" >&2; exit 2; }
ns=sovscan-bench-$$
work=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"
in_ns() { ip netns exec "$ns" "$@"; }
in_ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
in_ns ip link add svsend type veth peer name svsense
in_ns ip link set svsend mtu 9000 up
in_ns ip link set svsense mtu 9000 up
chmod 777 "$work"

replay() { in_ns tcpreplay -q --topspeed --loop="$loops" -i svsend "$capture" 2>&1 | awk '/Actual:/ { print $2 }'; }

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

sov_drops=() dump_drops=() sent=()
for ((r = 1; r <= runs; r++)); do
  # sovscan live as nobody, its report at the end (SIGTERM).
  # `ip netns exec` execs the program: $! is the reader's own pid, which the signal must reach.
  ip netns exec "$ns" "$sovscan" live -i svsense --user nobody --interval 3600 -o "$work/live.json" -q --fail-on never \
    2>"$work/live.err" &
  pid=$!
  sleep 2
  sent+=("$(replay)")
  sleep 1
  kill -TERM "$pid"; wait "$pid" || true
  sov_drops+=("$(python3 -c "import json,sys; i=json.load(open(sys.argv[1]))['inputs'][0]; print(i['kernel_drops'] + i['interface_drops'])" "$work/live.json")")

  ip netns exec "$ns" tcpdump -i svsense -w /dev/null -q 2>"$work/tcpdump.err" &
  pid=$!
  sleep 2
  replay >/dev/null
  sleep 1
  kill -INT "$pid"; wait "$pid" || true
  dump_drops+=("$(awk '/dropped by kernel/ { print $1 }' "$work/tcpdump.err")")
done
printf 'capture %s x%s, %s runs (medians)\n' "$capture" "$loops" "$runs"
printf '  packets sent          %s\n' "$(printf '%s\n' "${sent[@]}" | median)"
printf '  sovscan live drops    %s   (runs: %s)\n' "$(printf '%s\n' "${sov_drops[@]}" | median)" "${sov_drops[*]}"
printf '  tcpdump -w /dev/null  %s   (runs: %s)\n' "$(printf '%s\n' "${dump_drops[@]}" | median)" "${dump_drops[*]}"
