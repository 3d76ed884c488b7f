#!/bin/sh
# loghub-check.sh: the share of lines faultline reads as timestamped records, per
# log file, for a directory of samples such as the loghub collection
# (https://github.com/logpai/loghub: HDFS/HDFS_2k.log, Spark/Spark_2k.log ...).
#   scripts/loghub-check.sh DIR [FAULTLINE]
# Prints one row per *.log file under DIR (format, lines, records, share) and the
# number of files at or above 95%; exits 1 when any file is below it.
# Needs jq. The samples themselves are not kept in the repository.
set -eu
dir=${1:?usage: loghub-check.sh DIR [FAULTLINE]}
bin=${2:-$(dirname "$0")/../build/faultline}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
total=0 good=0
printf '%-28s %-12s %7s %7s %6s\n' file format lines records share
for f in $(find "$dir" -name '*.log' | sort); do
    total=$((total + 1))
    rm -rf "$out/r"
    "$bin" "$f" -o "$out/r" --jobs 1 >/dev/null 2>&1 || true
    if [ -f "$out/r/report.json" ]; then
        set -- $(jq -r '.inputs[0] | "\(.format) \(.lines - .blank) \(.records)"' "$out/r/report.json")
    else
        set -- unknown "$(grep -c . "$f" || true)" 0
    fi
    share=$(awk -v l="$2" -v r="$3" 'BEGIN { printf "%.1f", l ? 100 * r / l : 0 }')
    awk -v s="$share" 'BEGIN { exit !(s >= 95) }' && good=$((good + 1))
    printf '%-28s %-12s %7s %7s %5s%%\n' "$(basename "$f")" "$1" "$2" "$3" "$share"
done
echo "$good of $total files: >= 95% of lines read as timestamped records"
[ "$good" -eq "$total" ]
