#!/usr/bin/env bash
# tsan.sh: faultline built with ThreadSanitizer, on the runs where threads share
# state: files read in parallel with the signature library's automaton and JIT code
# built on first use by whichever thread gets there first (the mixed fixture, twice
# over), a plain file read as chunks by two threads, a gzip file inflated by its
# reader thread, and report.json written beside the other outputs. Any race report
# fails the run. (About a minute; BUILD_DIR defaults to build-tsan.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-tsan}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAULTLINE_ISAL=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$build" --target faultline fl-loggen -j"$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/a" "$work/in/b"
cp -r "$root/fixtures/mixed/logs/." "$work/in/a/"
cp -r "$root/fixtures/mixed/logs/." "$work/in/b/"
"$build/fl-loggen" --seed 3 --minutes 120 --rate 400 --segment 60-70:fail=0.5 >"$work/big.log"
gzip -c "$work/big.log" >"$work/big.log.gz"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
status=0
run() { # NAME ARGS...: exit 0 or 1 (data) are fine; a race exits 66
  local name=$1
  shift
  set +e
  "$build/faultline" -j2 -q --no-chart -o "$work/out-$name" "$@" 2>"$work/$name.err"
  local code=$?
  set -e
  if [ $code -le 2 ] && ! grep -q "ThreadSanitizer" "$work/$name.err"; then
    echo "tsan: $name clean"
  else
    echo "tsan: $name FAILED (exit $code)"
    cat "$work/$name.err"
    status=1
  fi
}
run mixed "$work/in"
run chunks --chunk-size 1M "$work/big.log"
run gzip "$work/big.log.gz"
exit $status
