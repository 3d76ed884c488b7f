#!/usr/bin/env bash
# bench.sh [MINUTES_OF_LOG] [RATE_PER_MINUTE]
# Generates a combined-format log with the seeded generator (cached under
# build/bench-data), then times faultline and reference commands on the same data,
# alternating, RUNS times each, and prints medians, MB/s, lines/s, ratio to `wc -l`
# and peak RSS. Not part of ctest: the machines are shared and noisy, so only the
# ratios measured in one run mean anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
minutes=${1:-1440}
rate=${2:-7000}
runs=${RUNS:-5}
data=$build/bench-data
mkdir -p "$data"
cc -O2 -o "$data/inflate_lines" "$root/scripts/bench/inflate_lines.c" -lz

log=$data/combined-$minutes-$rate.log
if [ ! -s "$log" ]; then
  echo "generating $log ..." >&2
  "$build/fl-loggen" --seed 7 --start 2026-11-23T00:00:00+00:00 --minutes "$minutes" \
    --rate "$rate" --diurnal 20 --segment "$((minutes / 2))-$((minutes / 2 + 45)):fail=0.6" \
    --truth "$log.truth.json" >"$log"
  gzip -6 -c "$log" >"$log.gz"
fi
bytes=$(stat -c %s "$log")
lines=$(wc -l <"$log")

# name|command
cmds=(
  "wc -l|wc -l $log"
  "read+memchr (C)|$data/inflate_lines $log"
  "mawk 5xx per minute|mawk '{split(\$4,t,\":\"); m=t[2]\":\"t[3]; n[m]++; if (\$9 ~ /^5/) f[m]++} END {for (k in n) print k, n[k], f[k]+0}' $log"
  "faultline -j1|$build/faultline -j1 -q --no-chart -o $data/out $log"
  "faultline -j2|$build/faultline -j2 -q --no-chart -o $data/out $log"
  "zcat >/dev/null|zcat $log.gz"
  "inflate+memchr (C)|$data/inflate_lines $log.gz"
  "faultline gzip -j1|$build/faultline -j1 -q --no-chart -o $data/out $log.gz"
)
if command -v goaccess >/dev/null; then
  cmds+=("goaccess COMBINED|goaccess $log --log-format=COMBINED -o /dev/null")
fi

declare -A times rss
for ((r = 0; r < runs; r++)); do
  for entry in "${cmds[@]}"; do
    name=${entry%%|*}
    cmd=${entry#*|}
    out=$( { /usr/bin/time -f '%e %M' bash -c "$cmd" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    times[$name]+="${out%% *} "
    rss[$name]=${out##* }
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wc_t=$(echo "${times[wc -l]}" | median)
printf '%-22s %9s %10s %12s %10s %9s\n' command "median s" "MB/s" "lines/s" "vs wc -l" "RSS MiB"
for entry in "${cmds[@]}"; do
  name=${entry%%|*}
  t=$(echo "${times[$name]}" | median)
  awk -v n="$name" -v t="$t" -v b="$bytes" -v l="$lines" -v w="$wc_t" -v m="${rss[$name]}" \
    'BEGIN { if (t <= 0) t = 0.001; printf "%-22s %9.3f %10.0f %12.0f %9.1fx %9.1f\n", n, t, b/t/1e6, l/t, t/w, m/1024 }'
done
echo "data: $log ($((bytes / 1000000)) MB, $lines lines), $runs runs each, medians"
