#!/usr/bin/env python3
"""All of CPython's own library compiles under minipy.

    compile_lib.py MINIPY

Every module of the installed CPython 3.11's Lib/ (the python3 running this
script; test/ and lib2to3/ left out, as is site-packages, which is not
CPython's) is given to minipy's compile(); each compiled code object is
marshalled, loaded back and run through the bytecode verifier.  Fails on
any refusal (SyntaxError) and on any code object the verifier rejects.
"""
import os
import re
import subprocess
import sys
import sysconfig

LIB = sysconfig.get_paths()["stdlib"]
SKIP = re.compile(r"^(test|lib2to3|site-packages)(/|$)")

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


def lib_files():
    out = []
    for root, dirs, files in os.walk(LIB):
        rel = os.path.relpath(root, LIB)
        if SKIP.match(rel.replace(os.sep, "/")):
            dirs[:] = []
            continue
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            out.append(os.path.join(root, f))
    return sorted(out)


def main():
    minipy = sys.argv[1]
    files = lib_files()
    r = subprocess.run([minipy, "-c", CHECK] + files, capture_output=True, text=True, timeout=600)
    lines = r.stdout.splitlines()
    bad = []
    if r.returncode != 0 or len(lines) != len(files):
        bad.append("minipy exited %d after %d of %d files:\n%s" % (r.returncode, len(lines), len(files),
                                                               r.stderr[-2000:]))
    for line in lines:
        status, rest = line.split(" ", 1)
        path, msg = rest.split(" | ", 1)
        if status == "UNVERIFIED":
            bad.append("%s: verifier: %s" % (path, msg))
        elif status == "REFUSED":
            bad.append("%s: refused: %s" % (path, msg))
    print("%d files of %s compiled and verified, %d failures" % (len(files), LIB, len(bad)))
    for b in bad:
        print("FAIL", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
