#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang into build-fuzz/ and
# run each for SECONDS (default 60) on a scratch copy of its corpus, FUZZ_JOBS
# (default: the number of CPUs) targets at a time. A crash, leak,
# sanitizer report, timeout or out-of-memory stops with a non-zero status after the
# input has been copied into tests/fuzz/regressions/<target>/ (replayed by ctest
# fuzz_replay_<target> from then on).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   e.g. scripts/fuzz.sh 20 gzip events
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
shift || true
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
fuzzdir=$root/tests/fuzz

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFAULTLINE_FUZZ=ON -DFAULTLINE_WERROR=ON >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$fuzzdir"/fuzz_*.c; do
    t=$(basename "$f" .c)
    targets+=("${t#fuzz_}")
  done
fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/faultline-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=${FUZZ_JOBS:-$(nproc)}

# One target: its log and exit status go to $work/<target>/.
run_target() {
  local t=$1 corpus=$work/$1/corpus artifacts=$work/$1/artifacts rc=0
  mkdir -p "$corpus" "$artifacts" "$fuzzdir/regressions/$t"
  cp "$fuzzdir/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  # Seeds that once failed start the run too.
  find "$fuzzdir/regressions/$t" -type f ! -name '.*' -exec cp {} "$corpus"/ \;
  "$build/tests/fuzz/fuzz_$t" "$corpus" -max_total_time="$secs" -rss_limit_mb=512 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$work/$t/log" 2>&1 || rc=$?
  echo "$rc" >"$work/$t/rc"
}

echo "fuzzing ${targets[*]}: ${secs}s each, $jobs at a time" >&2
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

failed=()
for t in "${targets[@]}"; do
  artifacts=$work/$t/artifacts
  if [ "$(cat "$work/$t/rc" 2>/dev/null || echo 1)" = 0 ]; then
    echo "fuzz_$t: ok, $(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t/log") runs," \
      "peak RSS $(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$t/log") MB" >&2
  else
    echo "fuzz_$t: FAILED; end of its log:" >&2
    tail -n 60 "$work/$t/log" >&2
    for a in "$artifacts"/*; do
      [ -e "$a" ] || continue
      known=""
      for r in "$fuzzdir/regressions/$t"/*; do
        [ -f "$r" ] && cmp -s "$a" "$r" && known=$r
      done
      if [ -n "$known" ]; then # a regression input that still fails
        echo "fuzz_$t: still failing: ${known#"$root"/}" >&2
        continue
      fi
      dest=$fuzzdir/regressions/$t/$(basename "$a")
      cp "$a" "$dest"
      echo "fuzz_$t: failing input saved as ${dest#"$root"/}" >&2
    done
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  cat >&2 <<MSG

FUZZING FOUND PROBLEMS in: ${failed[*]}
The failing inputs are now in tests/fuzz/regressions/<target>/ (see above). Next:
  1. reproduce:  $build/tests/fuzz/fuzz_<target> tests/fuzz/regressions/<target>/<file>
     (or without clang: build/tests/fuzz/fuzz_replay_<target> <file>)
  2. fix the bug in src/ (the sanitizer report above names file:line);
  3. keep the input (rename it after the bug) and commit it: ctest fuzz_replay_<target>
     replays it from now on.
MSG
  exit 1
fi
echo "fuzzing: no problems in ${targets[*]} (${secs}s each)" >&2
