#!/usr/bin/env bash
# dask-test.sh: scripts/faultline-dask on a real Dask cluster of this machine.
# A dask-scheduler on 127.0.0.1 (a free port the system picks) and two dask-worker
# processes, each stopped by its PID at the end. Over logs made by fl-loggen, the
# driver's report.json must be byte for byte the one of a plain faultline run:
#   1. as it is;
#   2. when a worker is killed (SIGKILL) while it runs a task (faultline through a
#      wrapper that marks the worker's PID and waits a second first);
#   3. with an input that cannot be read (both exit 2, the same report);
# and a task that fails (a bad reading option) is reported with its inputs and
# faultline's stderr. Also checks that the driver's list of reading options is the
# one faultline merge refuses. About 20 s.
#
# Usage: scripts/dask-test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
FAULTLINE=$build/faultline
driver=$root/scripts/faultline-dask
work=$(mktemp -d)
pids=()
stop() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop EXIT
fail() { echo "dask-test: $*" >&2; exit 1; }

# Logs: two load balancers (combined, one gzipped and rotated), an app log, a CLF
# log; an outage across all of them.
cd "$work"
mkdir -p logs/lb-1 logs/lb-2 logs/api
gen() { "$build/fl-loggen" --start 2026-11-23T10:00:00+01:00 --minutes 180 \
        --segment 90-110:fail=0.6:codes=502*50,503*50 "$@"; }
gen --seed 1 --rate 60 --file 0:logs/lb-1/access.log.1 --file 120:logs/lb-1/access.log
gzip -n logs/lb-1/access.log.1
gen --seed 2 --rate 40 --file 0:logs/lb-2/access.log.2 --file 60:logs/lb-2/access.log.1 \
    --file 150:logs/lb-2/access.log
gen --seed 3 --rate 40 --format app --file 0:logs/api/app.log
gen --seed 4 --rate 40 --format common --file 0:logs/api/clf.log
R=(--tz +01:00 --no-chart -q)
"$FAULTLINE" logs "${R[@]}" -o plain

# The cluster: scheduler on a free port (written to the scheduler file), 2 workers.
dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file sched.json \
    >scheduler.log 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s sched.json ] && break; sleep 0.1; done
[ -s sched.json ] || fail "the scheduler did not start: $(cat scheduler.log)"
for w in 1 2; do
    dask-worker --scheduler-file sched.json --host 127.0.0.1 --no-nanny --nthreads 1 \
        --no-dashboard --local-directory "$work/w$w" --name "w$w" >"worker$w.log" 2>&1 &
    pids+=($!)
done
worker1=${pids[1]}
address=$(sed -n 's/.*"address": *"\([^"]*\)".*/\1/p' sched.json)

# 1. The README's command, on this cluster: one task a file (--group-size 1).
"$driver" --scheduler "$address" --wait-workers 2 --faultline "$FAULTLINE" --group-size 1 \
    -o report/ logs/ "${R[@]}" || fail "driver exit $?: $(cat worker*.log)"
cmp plain/report.json report/report.json || fail "report differs from a plain run"

# 2. A worker killed while tasks are in flight: its tasks run again on the other.
cat >slow-faultline <<EOF
#!/bin/sh
[ "\$1" = scan ] && touch "$work/scan.\$PPID" && sleep 1
exec "$FAULTLINE" "\$@"
EOF
chmod +x slow-faultline
"$driver" --scheduler "$address" --faultline "$work/slow-faultline" --group-size 1 -o killed/ logs/ \
    "${R[@]}" 2>killed.err &
run=$!
for _ in $(seq 300); do [ -e "scan.$worker1" ] && break; sleep 0.1; done
[ -e "scan.$worker1" ] || fail "worker 1 ran no task"
kill -9 "$worker1"
wait "$run" || fail "driver exit $? after a worker was killed: $(cat killed.err)"
cmp plain/report.json killed/report.json || fail "report differs after a worker was killed"
grep -q "Remove worker.*w1\|Removing worker.*w1\|lost.*w1" scheduler.log ||
    echo "dask-test: note: the scheduler log does not name the lost worker" >&2

# 3. An input that cannot be read: reported, the rest used, exit 2 (as faultline).
set +e
"$FAULTLINE" logs missing.log "${R[@]}" -o plain-missing 2>plain-missing.err
want=$?
"$driver" --scheduler "$address" --faultline "$FAULTLINE" -o missing logs missing.log "${R[@]}" 2>missing.err
got=$?
# 4. A task that fails outright: its inputs and faultline's message, exit 2.
"$driver" --scheduler "$address" --faultline "$FAULTLINE" --bucket 7s -o bad logs/api "${R[@]}" 2>bad.err
bad=$?
set -e
[ "$want" = 2 ] && [ "$got" = 2 ] || fail "missing input: exit $got, faultline $want"
cmp plain-missing/report.json missing/report.json || fail "missing input: report differs"
grep -q "cannot read missing.log" missing.err || fail "missing input not reported: $(cat missing.err)"
[ "$bad" = 2 ] || fail "failed task: exit $bad"
grep -q "task failed (exit 2) on logs/api/app.log" bad.err && grep -q "bucket" bad.err ||
    fail "failed task not reported with its inputs and stderr: $(cat bad.err)"
[ ! -e bad/report.json ] || fail "a report was written after a failed task"

# The driver's reading options are exactly those faultline merge refuses.
refused=$("$FAULTLINE" --help-markdown | sed -n 's/^| `\(-., \)\{0,1\}--\([a-z-]*\).*/\2/p' |
    while read -r o; do
        case $("$FAULTLINE" merge "--$o" x - </dev/null 2>&1) in *"is how logs are read"*) echo "$o" ;; esac
    done | sort | tr '\n' ' ')
listed=$(/usr/bin/python3 -c "
import importlib.machinery as m
d = m.SourceFileLoader('d', '$driver').load_module()
print(' '.join(sorted(d.READING)) + ' ')")
[ "$refused" = "$listed" ] || fail "reading options: faultline '$refused', driver '$listed'"
echo "dask-test: ok (2 workers; identical reports, also with a worker killed mid-run)"
