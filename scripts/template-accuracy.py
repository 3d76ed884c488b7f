#!/usr/bin/env python3
"""template-accuracy.py FAULTLINE FILE[=RAW]...: grouping accuracy of `faultline templates`.

Each FILE is a labelled log: a loghub structured sample (*_structured.csv with the
columns Content and EventId, as in https://github.com/logpai/loghub) or a TSV of
EVENT_ID<TAB>MESSAGE lines. The messages are written to a scratch file, mined with
`faultline templates --lines --jobs 1`, and each line is right when the set of lines
of its mined template is exactly the set of lines of its true event (grouping
accuracy, Zhu et al., ICSE-SEIP 2019). FILE=RAW mines the raw log RAW instead, whose
line i is FILE's message i (the loghub *_2k.log beside its labels): the format
reader's messages, not the labelled ones. Prints one row per file and the mean; one
generic miner, no per-file settings."""
import csv, os, subprocess, sys, tempfile
from collections import defaultdict

def load(path):
    if path.endswith(".csv"):
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            rows = [(r["EventId"], r["Content"]) for r in csv.DictReader(f)]
    else:
        with open(path, encoding="utf-8", errors="replace") as f:
            rows = [tuple(l.rstrip("\n").split("\t", 1)) for l in f if "\t" in l]
    # One message a line: a line break inside a message would shift the line numbers.
    return [(e, m.replace("\n", " ").replace("\r", " ")) for e, m in rows]

def groups(labels):
    g = defaultdict(set)
    for i, l in enumerate(labels):
        g[l].add(i)
    return g

def accuracy(truth, mined):
    gt, gm = groups(truth), groups(mined)
    ok = sum(1 for i in range(len(truth)) if gt[truth[i]] == gm[mined[i]])
    return ok / len(truth) if truth else 0.0

def mine_raw(binary, log, n):
    """The template of each of the first n lines of a raw log, mined as faultline reads
    it (its format, its messages); a line that is no record is its own group."""
    # A run that fails (exit 2 for an input it refuses) names no line: all are wrong.
    out = subprocess.run([binary, "templates", "--lines", "--jobs", "1", log],
                         capture_output=True, text=True).stdout
    ids = {}
    for line in out.splitlines():
        _, k, tid, _ = line.split("\t", 3)
        ids[int(k)] = tid
    return [ids.get(i + 1, "unmined-%d" % i) for i in range(n)]

def mine(binary, messages):
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "messages.txt")
        with open(log, "w", encoding="utf-8") as f:
            # One fixed timestamp and level: the file reads as one known format whatever
            # the messages hold (a date inside a message must not start a record).
            f.write("".join("2026-01-01T00:00:00Z INFO " + m + "\n" for m in messages))
        out = subprocess.run([binary, "templates", "--lines", "--jobs", "1", log],
                             capture_output=True, text=True, check=True).stdout
    ids = {}
    for line in out.splitlines():
        _, n, tid, _ = line.split("\t", 3)
        ids[int(n)] = tid
    # A blank or unmined line is its own group.
    return [ids.get(i + 1, "unmined-%d" % i) for i in range(len(messages))]

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, total = sys.argv[1], []
    print("%-16s %6s %6s %8s %9s" % ("system", "lines", "events", "mined", "accuracy"))
    for arg in sys.argv[2:]:
        path, _, raw = arg.partition("=")
        rows = load(path)
        if raw:  # labels for the lines the raw log holds
            with open(raw, "rb") as f:
                rows = rows[:sum(1 for _ in f)]
        truth, msgs = [r[0] for r in rows], [r[1] for r in rows]
        mined = mine_raw(binary, raw, len(rows)) if raw else mine(binary, msgs)
        acc = accuracy(truth, mined)
        total.append(acc)
        name = os.path.basename(path).split("_")[0].split(".")[0]
        print("%-16s %6d %6d %8d %9.3f" % (name, len(rows), len(set(truth)), len(set(mined)), acc))
    print("%-16s %6s %6s %8s %9.3f" % ("mean", "", "", "", sum(total) / len(total)))

main()
