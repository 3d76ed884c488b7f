#!/usr/bin/env bash
# ssh-test.sh: the README's GNU parallel recipe over hosts, over real ssh. An sshd of
# its own (a non-daemon with its own configuration, host key and authorized key made
# here in a temporary directory, on 127.0.0.1 on a free port) is the "host"; GNU
# parallel logs in with --sshloginfile, runs faultline scan there with the host's
# name in front of every path, and the partials come back on stdout. The merged
# report must be byte for byte the report of one run with the same names. sshd is
# stopped by its PID. About 5 s.
#
# Usage: scripts/ssh-test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
FAULTLINE=$build/faultline
L=$root/fixtures/basdot/logs
work=$(mktemp -d)
sshd_pid=
stop() {
    [ -z "$sshd_pid" ] || { kill "$sshd_pid" 2>/dev/null; wait "$sshd_pid" 2>/dev/null; } || true
    rm -rf "$work"
}
trap stop EXIT
fail() { echo "ssh-test: $*" >&2; exit 1; }
cd "$work"
ssh-keygen -q -t ed25519 -N '' -f host_key
ssh-keygen -q -t ed25519 -N '' -f user_key
cp user_key.pub authorized_keys
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >sshd_config <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile none
PermitRootLogin prohibit-password
EOF
[ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null || true # privilege separation (root)
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>sshd.log &
sshd_pid=$!
ssh_cmd="ssh -i $work/user_key -p $port -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$work/known_hosts"
for _ in $(seq 50); do $ssh_cmd 127.0.0.1 true 2>/dev/null && break; sleep 0.1; done
$ssh_cmd 127.0.0.1 true || fail "cannot log in to the test sshd: $(cat sshd.log)"

# The README's recipe, the host being "ssh ... 127.0.0.1".
echo "$ssh_cmd 127.0.0.1" >hosts.txt
A="--input-tz Africa/Lagos" R="--tz Africa/Lagos --no-chart -q"
parallel --will-cite --sshloginfile hosts.txt --nonall \
    "$FAULTLINE scan $A -q --name-prefix \"\$(hostname):\" --partial - $L" >all.partials
"$FAULTLINE" merge all.partials $R -o report/
"$FAULTLINE" "$L" $A --name-prefix "$(hostname):" $R -o one/
cmp one/report.json report/report.json || fail "report over ssh differs from one run"
grep -q "Accepted publickey" sshd.log || fail "parallel did not go through the test sshd"
grep -q "\"path\": \"$(hostname):$L/lb-1/access.log\"" report/report.json || fail "host prefix missing"
echo "ssh-test: ok (GNU parallel --sshloginfile over sshd on 127.0.0.1:$port)"
