#!/usr/bin/env bash
# inject_sweep.sh FAULTLINE SHIM WORK_DIR
# Failure injection (tests/inject/inject_errors.c, after jq's inject_errors.c): runs
# faultline on small fixtures with one allocation, or one write or open, failing at
# a sample of points, and checks every run:
#   - no crash: exit status 0-3 (README "Exit status"), no sanitizer report, no leak
#     (LeakSanitizer under the ASan build);
#   - a failed run says why on stderr;
#   - the output directory, filled beforehand with a good run's files, holds no
#     temporary afterwards, and no file in it was replaced by a half-written one:
#     each is the good run's, or (exit 2: an input could not be read) complete;
#   - a run that exits 0 wrote exactly the good run's report or partial (nothing
#     lost quietly: the partial's writer checks every jansson append).
# Points: the first 6 calls, then FL_SWEEP_POINTS (default 12) spread evenly over
# the rest of the calls counted in a clean run.
set -uo pipefail
FAULTLINE=$1 SHIM=$2 WORK=$3
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
POINTS=${FL_SWEEP_POINTS:-12}
export ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
rm -rf "$WORK" && mkdir -p "$WORK"
fail=0 runs=0

# The named runs: a report from access logs, a report from server logs with
# signatures and lifecycle markers, and a partial.
run_faultline() { # NAME OUT: faultline's command line for run NAME into OUT
  case $1 in
    access) $FAULTLINE "$FIX/silence/logs" --tz +01:00 --no-chart -q -j1 -o "$2" ;;
    server) $FAULTLINE "$FIX/server-only/logs" --tz +01:00 --no-chart -q -j1 -o "$2" ;;
    partial) $FAULTLINE scan "$FIX/silence/logs" -q -j1 --partial "$2/run.partial" ;;
  esac
}

bad() { echo "FAIL [$1 $2=$3]: $4"; sed 's/^/    /' "$WORK/stderr" | head -20; fail=1; }

# A report file that is complete: whole JSON, a timeline ending with its notes,
# a page ending with </html>, text files ending with a newline.
complete() {
  case $1 in
    *.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null ;;
    *.partial) [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ;;
    *timeline.md) tail -n 1 "$1" | grep -q '^<!-- faultline timeline digest ' ;;
    *.html) tail -n 1 "$1" | grep -q '^</html>$' ;;
    *) [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ;;
  esac
}

check() { # NAME KIND N RC
  local name=$1 kind=$2 n=$3 rc=$4 out=$WORK/out f
  if [ "$rc" -gt 3 ]; then bad "$name" "$kind" "$n" "exit status $rc (crash or leak)"; return; fi
  if grep -Eq 'Sanitizer|runtime error' "$WORK/stderr"; then bad "$name" "$kind" "$n" "sanitizer report"; return; fi
  if ls -A "$out" | grep -q '^\.'; then bad "$name" "$kind" "$n" "temporaries left: $(ls -A "$out" | grep '^\.' | tr '\n' ' ')"; fi
  if [ "$rc" != 0 ] && ! [ -s "$WORK/stderr" ]; then bad "$name" "$kind" "$n" "exit $rc without a message"; fi
  for f in "$WORK/good"/*; do
    f=$(basename "$f")
    [ -e "$out/$f" ] || { bad "$name" "$kind" "$n" "$f removed"; continue; }
    cmp -s "$WORK/good/$f" "$out/$f" && continue
    if [ "$rc" = 0 ]; then bad "$name" "$kind" "$n" "exit 0 but $f differs from a clean run"
    elif [ "$rc" != 2 ] || ! complete "$out/$f"; then bad "$name" "$kind" "$n" "$f replaced by a half-written one"; fi
  done
}

for name in access server partial; do
  rm -rf "$WORK/good" && mkdir -p "$WORK/good"
  if ! run_faultline $name "$WORK/good" >/dev/null 2>"$WORK/stderr"; then
    echo "FAIL [$name]: the clean run failed"; cat "$WORK/stderr"; exit 1
  fi
  FL_INJECT_COUNT="$WORK/count" LD_PRELOAD="$SHIM" run_faultline $name "$WORK/good" >/dev/null 2>&1
  read -r _ allocs _ writes <"$WORK/count"
  for kind in ALLOC WRITE; do
    total=$([ $kind = ALLOC ] && echo "$allocs" || echo "$writes")
    points=$(seq 1 6; [ "$total" -gt 6 ] && seq 7 $(( (total - 6) / POINTS + 1 )) "$total")
    for n in $points; do
      rm -rf "$WORK/out" && cp -a "$WORK/good" "$WORK/out"
      (export "FL_INJECT_${kind}_FAIL_AT=$n" LD_PRELOAD="$SHIM"
       run_faultline $name "$WORK/out" >/dev/null 2>"$WORK/stderr")
      check $name $kind "$n" $?
      runs=$((runs + 1))
    done
  done
  echo "$name: $allocs allocations, $writes writes and opens counted"
done
echo "$runs runs with an injected failure"
exit $fail
