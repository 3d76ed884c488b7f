#!/usr/bin/env bash
# Install dependencies, build, and run faultline on the bundled example incident
# (fixtures/basdot: the API outage of 12 October 2022, 12:20 to 18:50 WAT). The
# command and what it prints are the README's Example (tests/cases/readme-in-sync).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
out=${1:-demo-report}
cd "$root"
echo "\$ faultline fixtures/basdot/logs --tz Africa/Lagos --events fixtures/basdot/events.txt -o $out"
build/faultline fixtures/basdot/logs --tz Africa/Lagos --events fixtures/basdot/events.txt -o "$out"
echo
echo "timeline: $out/timeline.md"
echo "chart:    $out/error_rate.png (and .svg)"
