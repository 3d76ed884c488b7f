#!/usr/bin/env bash
# make-mixed-fixture.sh [FL_LOGGEN]
# Builds fixtures/mixed: an incident archive as people have it. Two load balancers
# log the same outage in combined (+0100, rotated and gzipped) and common (-0500)
# format; beside them server logs in nine formats (copied from fixtures/formats,
# healthy hours before the outage), a file without timestamps and a binary file.
# The truth comes from the generator's design of the access logs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${1:-$root/build/fl-loggen}
dir=$root/fixtures/mixed
rm -rf "$dir/logs" "$dir/expected.json"
mkdir -p "$dir/logs/lb-1" "$dir/logs/lb-2" "$dir/logs/db" "$dir/logs/api" "$dir/logs/web" "$dir/logs/cache"
segment="150-180:fail=0.5..1:codes=502*60,503*40"
(cd "$dir" && "$gen" --seed 3101 --start 2026-11-23T12:00:00+01:00 --minutes 240 --rate 40 \
  --segment "$segment" --file 0:logs/lb-1/access.log.1 --file 120:logs/lb-1/access.log \
  --truth expected.json --truth-tz-offset +01:00)
gzip -n -9 "$dir/logs/lb-1/access.log.1"
(cd "$dir" && "$gen" --seed 3102 --start 2026-11-23T06:00:00-05:00 --minutes 240 --rate 40 \
  --format common --segment "$segment" --file 0:logs/lb-2/access.log --truth /dev/null)
f=$root/fixtures/formats
cp "$f/postgresql.log" "$dir/logs/db/postgresql-2026-11-23.log"
cp "$f/mysql.log" "$dir/logs/db/mysqld.err"
cp "$f/app.log" "$dir/logs/api/app.log"
gzip -n -9 -c "$f/cri.log" >"$dir/logs/api/api-7d9f-container.log.gz"
cp "$f/docker.log" "$dir/logs/api/payments-json.log"
cp "$f/nginx_error.log" "$dir/logs/web/error.log"
cp "$f/syslog.log" "$dir/logs/web/syslog"
cp "$f/journald.log" "$dir/logs/web/journal.json"
cp "$f/redis.log" "$dir/logs/cache/redis-server.log"
printf 'Runbook notes for the API\n\nrestart order: db, cache, api, lb\nescalate to #infra\n' \
  >"$dir/logs/notes.txt"
head -c 65536 /dev/urandom | gzip -n -1 | head -c 40000 >"$dir/logs/api/core.bin" || true
printf '%s\n' "--tz +01:00" >"$dir/args"
