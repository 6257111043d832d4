#!/usr/bin/env bash
# Builds (if needed) and runs the whole test suite. Tests read real captures from ../shared/corpus
# and the installed intel (scripts/setup.sh); they fail, never skip, when either is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@"
