#!/usr/bin/env bash
# The standing defences of docs/security.md: the whole test suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer (clang, a second build directory), then every libFuzzer target for a
# bounded time (scripts/fuzz.sh). Any sanitizer report fails. CI runs it after scripts/test.sh.
#
#   scripts/test-hardened.sh            FUZZ_SECONDS=15 by default (26 targets: about 7 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
# -O1 and line tables only, as the sanitizers' documentation suggests: reports keep file and line,
# the build takes markedly less time than with -O2 -g.
cmake -S . -B build-hardened -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DSOVSCAN_FUZZ=ON -DSOVSCAN_TESTS=ON -DSOVSCAN_BENCH=OFF >/dev/null
cmake --build build-hardened -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The browser tests drive Chromium, whose own memory is not ours to check.
(cd build-hardened && ctest --output-on-failure -j"$(nproc)" --timeout 900 -E '^browser_')
scripts/fuzz.sh "${FUZZ_SECONDS:-15}" build-hardened/fuzz
