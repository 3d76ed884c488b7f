#!/usr/bin/env bash
# run_case.sh FAULTLINE CASE_DIR WORK_DIR [--update]
# One data-driven end-to-end case (curl tests/data style). CASE_DIR holds:
#   cmd         shell words run with $FAULTLINE, $FIXTURES (the fixtures dir), $CASE
#               (the case dir) and $OUT (an empty output dir under WORK_DIR) set
#   exit        expected exit status (default 0)
#   stderr.grep, stdout.grep   extended regexes, one a line, each must match
#   files       paths relative to $OUT that must exist; absent: must not exist
#   expect/*    golden files compared byte for byte with $OUT/*; --update rewrites them
#   needs       "archive" or "no-archive": run only in builds with (without)
#               libarchive (tests/CMakeLists.txt disables the case otherwise)
set -uo pipefail
FAULTLINE=$1 CASE=$2 WORK=$3 UPDATE=${4:-}
FIXTURES=$(cd "$(dirname "$0")/../fixtures" && pwd)
export FAULTLINE CASE FIXTURES
rm -rf "$WORK" && mkdir -p "$WORK"
OUT=$WORK/out
export OUT
fail=0
bash -c "$(cat "$CASE/cmd")" >"$WORK/stdout" 2>"$WORK/stderr"
code=$?
want=$(cat "$CASE/exit" 2>/dev/null || echo 0)
if [ "$code" != "$want" ]; then
  echo "exit status $code, expected $want"; fail=1
fi
for stream in stdout stderr; do
  [ -f "$CASE/$stream.grep" ] || continue
  while IFS= read -r re; do
    [ -z "$re" ] && continue
    grep -Eq -- "$re" "$WORK/$stream" || { echo "$stream does not match: $re"; fail=1; }
  done <"$CASE/$stream.grep"
done
if [ -f "$CASE/files" ]; then
  while IFS= read -r f; do
    [ -z "$f" ] || [ -e "$OUT/$f" ] || { echo "missing output: $f"; fail=1; }
  done <"$CASE/files"
fi
if [ -f "$CASE/absent" ]; then
  while IFS= read -r f; do
    [ -z "$f" ] || [ ! -e "$OUT/$f" ] || { echo "unexpected output: $f"; fail=1; }
  done <"$CASE/absent"
fi
if [ -d "$CASE/expect" ]; then
  for g in "$CASE"/expect/*; do
    name=$(basename "$g")
    if [ "$UPDATE" = "--update" ]; then
      cp "$OUT/$name" "$g"
    elif ! diff -u "$g" "$OUT/$name"; then
      echo "output differs from $g (rerun with --update and review the diff)"; fail=1
    fi
  done
fi
if [ $fail -ne 0 ]; then
  echo "--- stdout"; cat "$WORK/stdout"; echo "--- stderr"; cat "$WORK/stderr"
fi
exit $fail
