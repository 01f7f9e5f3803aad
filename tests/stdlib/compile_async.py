#!/usr/bin/env python3
"""CPython's own async code compiles under minipy.

    compile_async.py MINIPY

Every module of the installed CPython 3.11's Lib/ that uses async syntax
(all of asyncio/, and any other file with `async def` or `await`) is given to
minipy's compile(); each compiled code object is marshalled, loaded back and
run through the bytecode verifier.  Fails if a refusal names async syntax, if
any SyntaxError is not one of minipy's named refusals of other features
("... is/are not supported by minipy"), or if the verifier rejects a code object.
"""
import os
import re
import subprocess
import sys
import sysconfig

LIB = sysconfig.get_paths()["stdlib"]
SKIP = re.compile(r"^(test|lib2to3|idlelib|tkinter|turtledemo|site-packages)(/|$)")
ASYNC = re.compile(rb"\basync\s+(def|for|with)\b|\bawait\b")

# Runs inside minipy: one line per file.
CHECK = r"""
import sys, marshal
for p in sys.argv[1:]:
    try:
        code = compile(open(p, encoding="utf-8").read(), p, "exec")
    except SyntaxError as e:
        print("REFUSED", p, "|", e.msg)
        continue
    why = marshal._verify(marshal.loads(marshal.dumps(code)))
    print("OK" if why is None else "UNVERIFIED", p, "|", why)
"""


def async_files():
    out = []
    for root, dirs, files in os.walk(LIB):
        rel = os.path.relpath(root, LIB)
        if SKIP.match(rel.replace(os.sep, "/")):
            dirs[:] = []
            continue
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                src = fh.read()
            if rel == "asyncio" or ASYNC.search(src):
                out.append(p)
    return sorted(out)


def main():
    minipy = sys.argv[1]
    files = async_files()
    r = subprocess.run([minipy, "-c", CHECK] + files, capture_output=True, text=True, timeout=600)
    lines = r.stdout.splitlines()
    bad = []
    if r.returncode != 0 or len(lines) != len(files):
        bad.append("minipy exited %d after %d of %d files:\n%s" % (r.returncode, len(lines), len(files),
                                                               r.stderr[-2000:]))
    refused = 0
    for line in lines:
        status, rest = line.split(" ", 1)
        path, msg = rest.split(" | ", 1)
        if status == "UNVERIFIED":
            bad.append("%s: verifier: %s" % (path, msg))
        elif status == "REFUSED":
            refused += 1
            if re.search(r"async|await|coroutine|asynchronous", msg) or not re.search(
                    r"(is|are) not supported by minipy$", msg):
                bad.append("%s: %s" % (path, msg))
    print("%d files with async syntax, %d refused for other features" % (len(files), refused))
    for b in bad:
        print("FAIL", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
