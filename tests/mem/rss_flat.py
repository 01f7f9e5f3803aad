#!/usr/bin/env python3
"""Memory stays bounded on every call path (issue 10): each path of
paths.py runs at N and 10 N iterations under the same interpreter, and the
peak RSS of the larger run must stay within 25% of the smaller one's.  A
ratio of two runs, never an absolute size or a time.  The peak comes from GNU
time, which forks the child from its own small process: a child spawned
from this (larger) Python process would report this process's peak, since
Linux carries the pre-exec peak over exec.

    rss_flat.py MINIPY [PATH...]
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATHS = ["direct", "map", "filter", "sorted_key", "list_sort_key", "min_key", "max_key",
         "set_gen", "list_gen", "tuple_gen", "dict_gen", "join_gen", "sum_gen", "any_gen",
         "all_gen", "star_args", "star_kw", "getitem", "iter", "dict_eq_hash", "call", "prop"]
SMALL, LARGE = 300_000, 3_000_000


def peak_rss_kb(argv):
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit("%s exited with %d: %s" % (" ".join(argv), p.returncode, p.stderr[-300:]))
    return int(p.stderr.split()[-1])


def main():
    minipy = os.path.abspath(sys.argv[1])
    paths = sys.argv[2:] or PATHS
    script = os.path.join(HERE, "paths.py")
    failed = []
    for p in paths:
        small = peak_rss_kb([minipy, "-B", script, p, str(SMALL)])
        large = peak_rss_kb([minipy, "-B", script, p, str(LARGE)])
        ratio = large / small
        ok = ratio <= 1.25
        print("%-14s %7d KiB at %d, %7d KiB at %d: x%.2f %s" % (
            p, small, SMALL, large, LARGE, ratio, "ok" if ok else "GROWS"))
        if not ok:
            failed.append(p)
    if failed:
        print("peak RSS grows with the iteration count on: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
