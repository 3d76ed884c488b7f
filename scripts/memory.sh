#!/usr/bin/env bash
# memory.sh [FAULTLINE]: peak RSS (GNU time's %M) of faultline on the inputs that made
# memory grow with something other than the number of buckets (issue 14, defects 4-5):
#   archive   one tar.gz of 100,000 small members
#   files     a directory of 20,000 small files
#   dirs      20,000 directories of one small file each (20,000 sources)
#   years     two 30-minute logs 7.5 years apart
#   bucket1s  --bucket 1s over a year (a line a day)
# Prints one line per case (KiB, seconds, exit status) and exits 1 if any run peaked
# at 64 MiB or more. Not a test run by ctest or CI (it takes about a minute);
# MEMORY_CASES="files years" runs only some cases.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
FAULTLINE=${1:-$root/build/faultline}
LIMIT_KIB=65536
cases=${MEMORY_CASES:-archive files dirs years bucket1s}
work=$(mktemp -d "${TMPDIR:-/tmp}/fl-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT

# access_lines START_EPOCH N: N combined-format lines, one a second from START_EPOCH.
access_lines() {
  mawk -v t0="$1" -v n="$2" 'BEGIN {
    split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ")
    for (i = 0; i < n; i++) {
      t = t0 + i; days = int(t / 86400); s = t - days * 86400
      z = days + 719468; era = int(z / 146097); doe = z - era * 146097    # civil_from_days
      yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
      doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
      d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; y = yoe + era * 400 + (m <= 2)
      printf "10.0.0.%d - - [%02d/%s/%d:%02d:%02d:%02d +0000] \"GET /x HTTP/1.1\" %d 10 \"-\" \"m/1\"\n",
        i % 250, d, mon[m], y, int(s / 3600), int(s / 60) % 60, s % 60, (i % 9 == 0) ? 503 : 200 } }'
}

# one_line EPOCH: a single combined-format line at EPOCH.
one_line() { access_lines "$1" 1; }

# measure NAME ARGS...: run faultline with ARGS, print and check its peak RSS.
fail=0
measure() {
  local name=$1; shift
  local start=$SECONDS
  /usr/bin/time -f '%M' -o "$work/$name.rss" "$FAULTLINE" "$@" --no-chart -q -o "$work/$name.out" \
    >/dev/null 2>"$work/$name.err"
  local code=$? rss
  rss=$(tail -1 "$work/$name.rss")
  printf '%-9s peak RSS %8s KiB  %3ss  exit %s\n' "$name" "$rss" $((SECONDS - start)) "$code"
  if ! [ "$rss" -lt "$LIMIT_KIB" ] 2>/dev/null; then
    echo "  over 64 MiB; stderr:"; head -3 "$work/$name.err" | sed 's/^/  /'; fail=1
  fi
}

small_files() { # DIR N [/a.log]: N files of 3 lines each (DIR/fI.log, or DIR/hI/a.log
  # in existing directories), written by one awk process
  mkdir -p "$1"
  access_lines 1764583200 3 > "$work/three.log"
  mawk -v dir="$1" -v n="$2" -v in_dirs="${3:-}" -v src="$work/three.log" 'BEGIN {
    while ((getline line < src) > 0) text = text line "\n"
    for (i = 1; i <= n; i++) {
      f = in_dirs != "" ? dir "/h" i in_dirs : dir "/f" i ".log"; printf "%s", text > f; close(f) } }'
}

for c in $cases; do
  case $c in
  archive)
    small_files "$work/members" 100000
    tar -C "$work/members" -czf "$work/members.tar.gz" . && rm -rf "$work/members"
    measure archive "$work/members.tar.gz" ;;
  files)
    small_files "$work/files" 20000
    measure files "$work/files" ;;
  dirs)
    mkdir -p "$work/dirs" && (cd "$work/dirs" && seq 1 20000 | sed 's/^/h/' | xargs mkdir)
    small_files "$work/dirs" 20000 /a.log
    measure dirs "$work/dirs" ;;
  years)
    mkdir -p "$work/years"
    access_lines 1530000000 1800 > "$work/years/old.log"
    access_lines 1766000000 1800 > "$work/years/new.log"
    measure years "$work/years" ;;
  bucket1s)
    for d in $(seq 0 364); do one_line $((1735689600 + d * 86400)); done > "$work/year.log"
    measure bucket1s "$work/year.log" --bucket 1s ;;
  *) echo "unknown case $c"; exit 2 ;;
  esac
done
exit $fail
