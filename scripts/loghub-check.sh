#!/bin/sh
# loghub-check.sh: the share of lines faultline reads as timestamped records, per
# log file, for a directory of samples such as the loghub collection
# (https://github.com/logpai/loghub: HDFS/HDFS_2k.log, Spark/Spark_2k.log ...).
#   scripts/loghub-check.sh DIR [FAULTLINE]
# Prints one row per *.log file under DIR (format, lines, records, share) and the
# number of files at or above 95%; exits 1 when any file is below it.
# Needs jq. The samples themselves are not kept in the repository.
#   scripts/loghub-check.sh --templates DIR [FAULTLINE]
# The template miner's grouping accuracy instead, per labelled sample under DIR
# (loghub's *_structured.csv, or EVENT<TAB>MESSAGE *.tsv files) and the mean, by
# scripts/template-accuracy.py; exits 1 when the mean is below 0.90.
set -eu
if [ "${1:-}" = --templates ]; then
    dir=${2:?usage: loghub-check.sh --templates DIR [FAULTLINE]}
    bin=${3:-$(dirname "$0")/../build/faultline}
    files=$(find "$dir" \( -name '*_structured.csv' -o -name '*.tsv' \) | sort)
    [ -n "$files" ] || { echo "loghub-check.sh: no *_structured.csv or *.tsv under $dir" >&2; exit 2; }
    # shellcheck disable=SC2086 # one path a word: the sample names have no spaces
    python3 "$(dirname "$0")/template-accuracy.py" "$bin" $files | tee /dev/stderr |
        awk '$1 == "mean" { exit !($2 >= 0.90) }' 2>/dev/null
    exit
fi
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
