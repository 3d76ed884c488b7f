#!/usr/bin/env bash
# Configure and build faultline into BUILD_DIR (default: build). Extra arguments go
# to cmake, e.g. scripts/build.sh -DFAULTLINE_SANITIZE=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DFAULTLINE_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
