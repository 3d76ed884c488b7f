#!/usr/bin/env python3
"""gen-templates.py SEED N OUT_LOG OUT_TRUTH: a labelled log for template mining.

Writes N lines drawn from known message kinds (sshd, HDFS, Kafka, app and kernel
styles) with random variables, prefixed by a timestamp and level in the `app`
format, and the true kind of each line (one number a line) to OUT_TRUTH. The
truth is the kind the generator drew: grouping accuracy compares faultline's
groups of `templates --lines` against it."""
import random, sys

WORDS = ["root", "admin", "oracle", "postgres", "deploy", "git", "test", "guest", "ubuntu"]
HOSTS = ["db-primary", "cache", "auth.internal", "kafka", "zk", "api"]
KINDS = [
    "Failed password for {w} from {ip} port {n} ssh2",
    "Accepted publickey for {w} from {ip} port {n} ssh2",
    "Invalid user {w} from {ip}",
    "Connection closed by {ip} port {n} [preauth]",
    "pam_unix(sshd:session): session opened for user {w} by (uid={n})",
    "Received block blk_{neg} of size {n} from /{ip}",
    "PacketResponder {n} for block blk_{neg} terminating",
    "BLOCK* NameSystem.addStoredBlock: blockMap updated: {ip} is added to blk_{neg} size {n}",
    "Deleting block blk_{neg} file /mnt/hadoop/dfs/data/current/subdir{n}/blk_{neg}",
    "[Controller id={n}] Partition {topic}-{n} state changed to OnlinePartition",
    "[ReplicaFetcher replicaId={n}, leaderId={n}, fetcherId=0] Error sending fetch request to node {n}",
    "Connection to node {n} ({h}/{ip}) could not be established. Broker may not be available.",
    "Connection refused: {h}-{n}.internal:{n}",
    "Failed to acquire lease for shard {n} from coordinator {ip}: session expired",
    "request {uuid} completed in {ms}",
    "GET /api/v1/orders/{n} failed with status {n} after {ms}",
    "Cache miss for key user:{n}:profile",
    "Retrying in {ms} (attempt {n} of 5)",
    "Worker {w} started",
    "Worker {w} stopped",
    "Table '{w}' doesn't exist",
    "Out of memory: Killed process {n} ({w}) total-vm:{n}kB, anon-rss:{n}kB",
    "EXT4-fs error (device sda{n}): ext4_find_entry:{n}: inode #{n}: comm {w}: reading directory lblock 0",
    "session {hex} expired after {ms} of inactivity",
    "Checkpoint {n} completed: wrote {n} buffers ({pct}%); {n} WAL file(s) added",
]

def var(r, k):
    if k == "w": return r.choice(WORDS)
    if k == "h": return r.choice(HOSTS)
    if k == "n": return str(r.randrange(1, 70000))
    if k == "neg": return str(r.randrange(-9 * 10**18, 9 * 10**18))
    if k == "ip": return "10.%d.%d.%d" % (r.randrange(256), r.randrange(256), r.randrange(256))
    if k == "uuid": return "%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12), r.getrandbits(12), r.getrandbits(48))
    if k == "ms": return "%d.%dms" % (r.randrange(2000), r.randrange(10))
    if k == "hex": return "%016x" % r.getrandbits(64)
    if k == "pct": return "%.1f" % (r.random() * 100)
    if k == "topic": return r.choice(["orders", "payments", "audit"])
    raise KeyError(k)

def main():
    seed, n, log, truth = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    r = random.Random(seed)
    with open(log, "w") as lf, open(truth, "w") as tf:
        for i in range(n):
            k = r.randrange(len(KINDS))
            msg, out = KINDS[k], ""
            while "{" in msg:
                a = msg.index("{"); b = msg.index("}", a)
                out += msg[:a] + var(r, msg[a + 1:b]); msg = msg[b + 1:]
            out += msg
            level = r.choice(["INFO", "WARN", "ERROR"])
            lf.write("2026-11-23T10:%02d:%02d.%03dZ %s %s\n" % (i // 600 % 60, i // 10 % 60, i % 1000, level, out))
            tf.write("%d\n" % k)

main()
