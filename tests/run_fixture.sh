#!/usr/bin/env bash
# run_fixture.sh FAULTLINE CHECK_REPORT FIXTURE_DIR OUT_DIR
# Runs faultline on FIXTURE_DIR/logs with the arguments in FIXTURE_DIR/args and
# checks report.json against FIXTURE_DIR/expected.json (the generator's truth).
set -euo pipefail
faultline=$1 check=$2 fixture=$3 out=$4
rm -rf "$out"
args=()
[ -s "$fixture/args" ] && read -r -a args < "$fixture/args"
"$faultline" "$fixture/logs" "${args[@]}" --no-chart -q -o "$out"
"$check" "$out/report.json" "$fixture/expected.json"
