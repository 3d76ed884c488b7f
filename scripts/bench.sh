#!/usr/bin/env bash
# bench.sh [SIZE]: faultline's throughput against reference commands, and the
# performance targets checked on the ratios of one run.
#
# SIZE is the number of log lines (suffix k or M; default 10M, about 1.9 GB of
# Combined). The data is made once with the seeded generator (build/fl-loggen: one
# day at SIZE/1440 requests a minute with a 45-minute outage at noon) and cached in
# $BENCH_DATA (default build/bench-data; delete it to regenerate), as plain Combined,
# gzip -6, and JSON lines and AWS ALB lines converted from the same requests by
# scripts/bench/convert.c. Dirty pages are flushed (sync) before timing, and each
# command's input is read into the page cache right before the command runs: a
# machine whose page cache cannot hold all the files at once (seen on the CI kind)
# would otherwise read some of them from disk, and only for some commands.
#
# Each round runs every command once, in turn, so that the noise of a shared machine
# falls on all of them alike; RUNS rounds (default 5), medians of the wall-clock
# time (bash's $EPOCHREALTIME around /usr/bin/time). The table also gives the median
# CPU time (user + sys) and the peak RSS (/usr/bin/time). The targets are meant for
# the default size: on small data, fixed costs (start-up, report) weigh more.
# The server-log rows run on two levelled logs of the same size: fl-loggen's app
# format (a handful of message kinds) and a mixed log of 25 kinds with varied
# variables (scripts/gen-templates.py: the template miner's workload); each has a
# main-run row and a `faultline templates` row beside its own wc -l.
# GoAccess, when installed, is slow: it reads a tenth of the lines, in the first
# round only (compare its MB/s and lines/s).
# faultline runs as built twice here, with zlib (build/bench-zlib) and, when
# pkg-config finds libisal, with ISA-L (build/bench-isal).
#
# BENCH_ARCHIVE=1 adds an archive section (needs libarchive and tar): the log split
# in 8 parts, read as 8 separate .gz files and as one .tar.gz of the 8 parts (the
# outer gzip inflated by faultline's own reader thread, libarchive parsing only the
# tar framing); target: tar.gz time / 8 x .gz time <= 1.1, both -j1.
#
# Correctness: faultline's per-minute requests and 5xx (buckets.csv) must equal the
# mawk one-liner's counts on the same file, and the gzip, JSON and ALB runs must give
# the Combined run's buckets. Exit status 1 when a check or a target fails.
# Not part of ctest: only the ratios measured within one run mean anything.
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
data=${BENCH_DATA:-$build/bench-data}
runs=${RUNS:-5}
size=${1:-10M}

case $size in
*[kK]) lines=$((${size%[kK]} * 1000)) ;;
*M) lines=$((${size%M} * 1000000)) ;;
*) lines=$size ;;
esac
rate=$(((lines + 719) / 1440))
if ((rate < 40)); then
    echo "bench.sh: SIZE must be at least 57600 lines (40 a minute)" >&2
    exit 2
fi
for tool in "$build/fl-loggen" /usr/bin/time mawk gzip zcat cc cmake python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench.sh: $tool is missing (build first: scripts/build.sh; scripts/deps.sh installs time, mawk)" >&2
        exit 2
    fi
done
mkdir -p "$data"

# ---- tools: the reference loop, the converter, faultline with zlib and with ISA-L
cc -O2 -o "$data/inflate_lines" "$root/scripts/bench/inflate_lines.c" -lz
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o "$data/convert" "$root/scripts/bench/convert.c"
build_variant() { # DIR ISAL
    cmake -S "$root" -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFAULTLINE_ISAL="$2" >/dev/null
    cmake --build "$1" --target faultline -j"$(nproc)" >/dev/null
}
build_variant "$build/bench-zlib" OFF
fl=$build/bench-zlib/faultline
fl_isal=
if pkg-config --exists libisal 2>/dev/null; then
    build_variant "$build/bench-isal" ON
    fl_isal=$build/bench-isal/faultline
fi

# ---- data (cached)
base=$data/combined-$lines
log=$base.log
if [ ! -s "$log" ]; then
    echo "generating $log ..." >&2
    "$build/fl-loggen" --seed 7 --start 2026-11-23T00:00:00+00:00 --minutes 1440 --rate "$rate" \
        --diurnal 20 --segment 720-765:fail=0.6 >"$log.tmp"
    mv "$log.tmp" "$log"
fi
if [ ! -s "$base.app" ]; then # the same requests as a levelled server log (one entry each)
    "$build/fl-loggen" --seed 7 --start 2026-11-23T00:00:00+00:00 --minutes 1440 --rate "$rate" \
        --diurnal 20 --segment 720-765:fail=0.6 --format app >"$base.app.tmp"
    mv "$base.app.tmp" "$base.app"
fi
app_bytes=$(stat -c %s "$base.app")
app_lines=$(wc -l <"$base.app")
# A server log of 25 message kinds with varied variables (sshd, HDFS, Kafka, kernel,
# app styles: scripts/gen-templates.py), where the app log above has a handful: the
# miner's own workload.
mixed=$data/mixed-$lines.log
if [ ! -s "$mixed" ]; then
    python3 "$root/scripts/gen-templates.py" 7 "$app_lines" "$mixed.tmp" "$mixed.truth"
    mv "$mixed.tmp" "$mixed"
fi
mixed_bytes=$(stat -c %s "$mixed")
mixed_lines=$(wc -l <"$mixed")
[ -s "$log.gz" ] || { gzip -6 -c "$log" >"$log.gz.tmp" && mv "$log.gz.tmp" "$log.gz"; }
[ -s "$base.json" ] || { "$data/convert" json <"$log" >"$base.json.tmp" && mv "$base.json.tmp" "$base.json"; }
[ -s "$base.alb" ] || { "$data/convert" alb <"$log" >"$base.alb.tmp" && mv "$base.alb.tmp" "$base.alb"; }
archive=${BENCH_ARCHIVE:-0}
if [ "$archive" = 1 ]; then # 8 parts as .gz files, and the 8 parts in one .tar.gz
    parts=$base.parts
    if [ ! -s "$base.tar.gz" ] || [ ! -d "$parts" ]; then
        echo "making $parts/*.gz and $base.tar.gz ..." >&2
        rm -rf "$parts" "$parts.tmp" && mkdir -p "$parts.tmp/plain"
        split -n l/8 -d --additional-suffix=.log "$log" "$parts.tmp/plain/part"
        tar -C "$parts.tmp/plain" --sort=name -cf - . | gzip -6 >"$base.tar.gz.tmp"
        for f in "$parts.tmp/plain"/*.log; do gzip -6 -c "$f" >"$parts.tmp/$(basename "$f").gz"; done
        rm -rf "$parts.tmp/plain" && mv "$parts.tmp" "$parts" && mv "$base.tar.gz.tmp" "$base.tar.gz"
    fi
    cat "$parts"/*.gz "$base.tar.gz" >/dev/null
fi
sync # writing back freshly generated data would slow whatever runs meanwhile
bytes=$(stat -c %s "$log")
nlines=$(wc -l <"$log")
json_bytes=$(stat -c %s "$base.json")
alb_bytes=$(stat -c %s "$base.alb")

# The mawk one-liner: requests and 5xx per minute ($4 is "[23/Nov/2026:00:00:00").
cat >"$data/minute5xx.awk" <<'EOF'
{ m = substr($4, 2, 17); n[m]++; if ($9 ~ /^5/) f[m]++ }
END { for (k in n) print k, n[k], f[k] + 0 }
EOF

# ---- commands: name|bytes|lines|command (run with sh -c "exec ...")
out=$data/out
rm -rf "$out" # outputs of an earlier run (another SIZE, BENCH_ARCHIVE) must not be checked
fljob() { echo "$1 -q --no-chart -o $out/$2 $3"; }
cmds=(
    "wc -l|$bytes|$nlines|wc -l $log"
    "read+memchr (C)|$bytes|$nlines|$data/inflate_lines $log"
    "mawk 5xx per minute|$bytes|$nlines|mawk -f $data/minute5xx.awk $log"
    "faultline -j1|$bytes|$nlines|$(fljob "$fl -j1" plain "$log")"
    "faultline -j2|$bytes|$nlines|$(fljob "$fl -j2" plain2 "$log")"
    "zcat >/dev/null|$bytes|$nlines|zcat $log.gz"
    "inflate+memchr (C)|$bytes|$nlines|$data/inflate_lines $log.gz"
    "faultline gz zlib -j1|$bytes|$nlines|$(fljob "$fl -j1" gz "$log.gz")"
)
[ -n "$fl_isal" ] && cmds+=("faultline gz isa-l -j1|$bytes|$nlines|$(fljob "$fl_isal -j1" gzisal "$log.gz")")
if [ "$archive" = 1 ]; then
    fla=${fl_isal:-$fl}
    cmds+=(
        "faultline 8 x .gz -j1|$bytes|$nlines|$(fljob "$fla -j1" parts "$parts")"
        "faultline tar.gz -j1|$bytes|$nlines|$(fljob "$fla -j1" targz "$base.tar.gz")"
    )
fi
cmds+=(
    "faultline json -j1|$json_bytes|$nlines|$(fljob "$fl -j1" json "$base.json")"
    "faultline alb -j1|$alb_bytes|$nlines|$(fljob "$fl -j1" alb "$base.alb")"
    "wc -l server log|$app_bytes|$app_lines|wc -l $base.app"
    "faultline server log -j1|$app_bytes|$app_lines|$(fljob "$fl -j1" app "$base.app")"
    "faultline templates -j1|$app_bytes|$app_lines|$fl templates -j1 $base.app"
    "wc -l mixed log|$mixed_bytes|$mixed_lines|wc -l $mixed"
    "faultline mixed -j1|$mixed_bytes|$mixed_lines|$(fljob "$fl -j1" mixed "$mixed")"
    "faultline tmpl mixed -j1|$mixed_bytes|$mixed_lines|$fl templates -j1 $mixed"
)
if command -v goaccess >/dev/null; then # about 40,000 lines/s: a tenth of the lines, once
    sample=$base.tenth.log
    [ -s "$sample" ] || { head -n $((nlines / 10)) "$log" >"$sample.tmp" && mv "$sample.tmp" "$sample"; }
    cmds+=("goaccess (1 run, 1/10)|$(stat -c %s "$sample")|$(wc -l <"$sample")|goaccess $sample --log-format=COMBINED --no-progress -o $data/goaccess.json")
fi

warm() { # read the files and directories of a command line under $data (its input)
    local w
    for w in $1; do
        case $w in "$data"/*) ;; *) continue ;; esac
        if [ -d "$w" ]; then
            find "$w" -type f -exec cat {} + >/dev/null
        elif [ -f "$w" ]; then
            cat "$w" >/dev/null
        fi
    done
}

declare -A wall cpu rss
tf=$data/time.out
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < runs; r++)); do
    echo "round $((r + 1)) of $runs ..." >&2
    for entry in "${cmds[@]}"; do
        IFS='|' read -r name _ _ cmd <<<"$entry"
        [[ $name == *"(1 run"* && $r -gt 0 ]] && continue
        warm "$cmd"
        t0=$EPOCHREALTIME
        if ! /usr/bin/time -o "$tf" -f '%e %U %S %M' sh -c "exec $cmd" >/dev/null 2>"$data/stderr"; then
            echo "bench.sh: '$cmd' failed:" >&2
            cat "$data/stderr" >&2
            exit 1
        fi
        t1=$EPOCHREALTIME
        read -r _ u s m <"$tf"
        wall[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') "
        cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') "
        ((m > ${rss[$name]:-0})) && rss[$name]=$m
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
declare -A med
for entry in "${cmds[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$entry"
    med[$name]=$(echo "${wall[$name]}" | median)
done
wc_t=${med[wc -l]}
printf '\n%-24s %8s %8s %9s %12s %9s %8s\n' command "median s" "cpu s" "MB/s" "lines/s" "vs wc -l" "RSS MiB"
for entry in "${cmds[@]}"; do
    IFS='|' read -r name b l _ <<<"$entry"
    c=$(echo "${cpu[$name]}" | median)
    awk -v n="$name" -v t="${med[$name]}" -v c="$c" -v b="$b" -v l="$l" -v w="$wc_t" -v m="${rss[$name]}" \
        'BEGIN { if (t <= 0) t = 0.001; printf "%-24s %8.3f %8.3f %9.0f %12.0f %8.2fx %8.1f\n", n, t, c, b / t / 1e6, l / t, t / w, m / 1024 }'
done
echo "data: $log: $((bytes / 1000000)) MB, $nlines lines; gzip $(($(stat -c %s "$log.gz") / 1000000)) MB;" \
    "JSON $((json_bytes / 1000000)) MB; ALB $((alb_bytes / 1000000)) MB. $runs rounds, medians; $(nproc) cores."
echo "load average before: $load_start; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the" \
    "machine slows the wall-clock times, and -j2 needs a second idle core)"

# ---- correctness
status=0
check() { # NAME OK DETAIL
    printf '%-58s %s\n' "$1" "$([ "$2" = 1 ] && echo ok || echo FAILED) $3"
    [ "$2" = 1 ] || status=1
}
minutes_of() { # buckets.csv -> "YYYY-MM-DDTHH:MM requests 5xx" for minutes with requests
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
             $c["requests"] > 0 { print substr($1, 1, 16), $c["requests"], $c["5xx"] }' "$1"
}
mawk -f "$data/minute5xx.awk" "$log" | awk '
    BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " "); for (i = 1; i <= 12; i++) mon[mn[i]] = sprintf("%02d", i) }
    { k = $1; printf "%s-%s-%sT%s %s %s\n", substr(k, 8, 4), mon[substr(k, 4, 3)], substr(k, 1, 2), substr(k, 13, 5), $2, $3 }' |
    sort >"$data/mawk.minutes"
minutes_of "$out/plain/buckets.csv" | sort >"$data/faultline.minutes"
echo
check "per-minute requests and 5xx: faultline = mawk ($(wc -l <"$data/mawk.minutes") minutes)" \
    "$(cmp -s "$data/mawk.minutes" "$data/faultline.minutes" && echo 1 || echo 0)" ""
for o in plain2 gz gzisal json alb parts targz; do
    [ -f "$out/$o/buckets.csv" ] || continue
    check "buckets of the $o run = buckets of the plain -j1 run" \
        "$(cmp -s <(cut -d, -f1-8 "$out/plain/buckets.csv") <(cut -d, -f1-8 "$out/$o/buckets.csv") && echo 1 || echo 0)" ""
done

# ---- targets
target() { # NAME VALUE OP LIMIT UNIT
    local ok
    ok=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { print (op == "<=" ? v <= l : v >= l) ? 1 : 0 }')
    check "$1" "$ok" "$(printf '%.2f%s (target %s %s%s)' "$2" "$5" "$3" "$4" "$5")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
echo
target "plain -j1 time / wc -l time" "$(ratio "${med[faultline -j1]}" "$wc_t")" "<=" 3 x
target "mawk time / plain -j1 time" "$(ratio "${med[mawk 5xx per minute]}" "${med[faultline -j1]}")" ">=" 6 x
target "gzip (zlib) time / inflate+memchr time" \
    "$(ratio "${med[faultline gz zlib -j1]}" "${med[inflate+memchr (C)]}")" "<=" 1.2 x
[ -n "$fl_isal" ] && target "gzip (ISA-L) time / zcat time" \
    "$(ratio "${med[faultline gz isa-l -j1]}" "${med[zcat >/dev/null]}")" "<=" 0.3 x
target "-j2 throughput / -j1 throughput ($(nproc) cores)" \
    "$(ratio "${med[faultline -j1]}" "${med[faultline -j2]}")" ">=" 1.7 x
per_byte() { awk -v t="$1" -v b="$2" -v tc="${med[faultline -j1]}" -v bc="$bytes" 'BEGIN { print (t / b) / (tc / bc) }'; }
[ "$archive" = 1 ] && target "tar.gz time / 8 x .gz time" \
    "$(ratio "${med[faultline tar.gz -j1]}" "${med[faultline 8 x .gz -j1]}")" "<=" 1.1 x
target "JSON time per byte / Combined time per byte" "$(per_byte "${med[faultline json -j1]}" "$json_bytes")" "<=" 2 x
target "ALB time per byte / Combined time per byte" "$(per_byte "${med[faultline alb -j1]}" "$alb_bytes")" "<=" 2 x
target "server log -j1 time / wc -l time" "$(ratio "${med[faultline server log -j1]}" "${med[wc -l server log]}")" "<=" 15 x
target "templates -j1 lines/s (millions)" "$(awk -v n="$app_lines" -v t="${med[faultline templates -j1]}" 'BEGIN { print n / t / 1e6 }')" ">=" 2 " M"
target "mixed log -j1 time / wc -l time" "$(ratio "${med[faultline mixed -j1]}" "${med[wc -l mixed log]}")" "<=" 15 x
target "templates mixed -j1 lines/s (millions)" "$(awk -v n="$mixed_lines" -v t="${med[faultline tmpl mixed -j1]}" 'BEGIN { print n / t / 1e6 }')" ">=" 2 " M"
peak=0
for entry in "${cmds[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$entry"
    [[ $name == faultline* ]] && ((rss[$name] > peak)) && peak=${rss[$name]}
done
target "peak RSS of any faultline run" "$(awk -v m="$peak" 'BEGIN { print m / 1024 }')" "<=" 64 " MiB"
exit $status
