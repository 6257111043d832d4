#!/usr/bin/env bash
# Installs what sovscan needs on Debian 12 (run as root), builds it, installs the geolocation/ASN/OUI
# intel, writes the project's own sample capture and scans it.
#
#   scripts/setup.sh            everything, then scan build/sample.pcapng (JSON and HTML reports)
#   scripts/setup.sh --no-scan  everything but the sample scan (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

scan=1
[ "${1:-}" = "--no-scan" ] && scan=0

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libpcap-dev libmaxminddb-dev libidn2-dev libcli11-dev libfmt-dev libspdlog-dev libyaml-cpp-dev nlohmann-json3-dev
  libssl-dev libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev libjemalloc-dev
  libpugixml-dev ieee-data nmap
  zlib1g-dev  # gzip-compressed Zeek and Suricata logs (sources/text_lines.cpp)
  libxlsxwriter-dev  # the risk register as an XLSX workbook
  poppler-utils python3-openpyxl  # tests: the printed PDF (pdftotext, pdftoppm) and the workbook read back
  python3   # tools/import_domain_lists.py and its test
  clang libclang-rt-14-dev  # scripts/test-hardened.sh: the suite under ASan/UBSan and the libFuzzer targets
  chromium  # the HTML report's browser test (tests/browser) drives it headless
  iproute2 tcpreplay  # live capture tests: a veth pair in a network namespace, a corpus capture replayed onto it
  librdkafka-dev  # --kafka (src/export/kafka_publisher.cpp); its mock cluster serves the stream's tests
  rsyslog   # the alert tests: a real syslog daemon receives the RFC 5424 alerts
  systemd   # systemd-analyze verify on the shipped unit (dist/systemd)
  softflowd pmacct nfdump  # collect's tests and benchmark: real NetFlow/IPFIX/sFlow exporters, nfcapd to compare
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== building sovscan (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

# playwright-core, pinned by tests/browser/package-lock.json; it drives /usr/bin/chromium and never
# downloads a browser of its own.
echo "== installing the browser test's npm packages (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== installing intel (geolocation, ASN, IEEE OUI)"
SOVSCAN_BIN="$PWD/build/sovscan" scripts/install-intel.sh

build/sovscan-sample-capture build/sample.pcapng
if [ "$scan" = 1 ]; then
  echo "== sovscan scan build/sample.pcapng --home-net 10.20.0.0/16 -o build/sample-report.json"
  rc=0
  build/sovscan scan build/sample.pcapng --home-net 10.20.0.0/16 -o build/sample-report.json || rc=$?
  # Exit 1 means "findings at or above --fail-on", which is what the sample is made to show.
  [ "$rc" -le 1 ] || exit "$rc"
  rc=0
  build/sovscan scan build/sample.pcapng --home-net 10.20.0.0/16 -q -o build/sample-report.html || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  echo "== the same as a page for people: build/sample-report.html (open it in a browser; it loads nothing)"
  # The risk analysis an auditor receives: the sample capture plus the example CMDB export.
  rc=0
  build/sovscan risk build/sample.pcapng --home-net 10.20.0.0/16 --inventory docs/examples/cmdb.csv -q \
    -o build/sample-risk.html || rc=$?
  [ "$rc" -le 1 ] || exit "$rc"
  echo "== the risk analysis (decree 409/2025 § 8-9, Czech): build/sample-risk.html"
fi
