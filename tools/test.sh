#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite three ways:
# release (warnings are errors), AddressSanitizer + UndefinedBehaviorSanitizer, and
# ThreadSanitizer on the tests labelled "concurrent".
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)
for preset in release asan tsan; do
  echo "=== ${preset}" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs" --no-tests=error
done
