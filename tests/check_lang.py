#!/usr/bin/env python3
"""Script tests: run tests/lang/NAME.py and compare with NAME.expected.

    check_lang.py MINIPY NAME      run one test under minipy, compare, exit 0/1
    check_lang.py --regen NAME...  rewrite NAME.expected by running python3 (the oracle)

NAME.expected holds the stdout, stderr and exit status that CPython 3.11
produced for the same file (never typed by hand).  Both sides run in this
folder with the relative file name, with NAME.stdin (if present) as stdin and
NAME.args (if present, one argument per line) as arguments.  CPython 3.11's
This folder's absolute path is removed from both sides, so the files do not
depend on where the checkout lives; everything else, down to the `^^^^`/`~~~~`
marker lines under traceback entries, must match.
"""
import os
import re
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lang")


def run(argv, name):
    stdin_path = os.path.join(HERE, name + ".stdin")
    args_path = os.path.join(HERE, name + ".args")
    extra = []
    if os.path.exists(args_path):
        extra = open(args_path).read().splitlines()
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else subprocess.DEVNULL
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    p = subprocess.run(argv + [name + ".py"] + extra, cwd=HERE, stdin=stdin,
                       capture_output=True, timeout=120, env=env)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode


def normalize(text):
    # Both interpreters print the script's absolute path; tests must not
    # depend on where the checkout lives.
    text = text.replace(HERE + os.sep, "")
    return text


def render(out, err, status):
    return "--- stdout\n%s--- stderr\n%s--- status\n%d\n" % (normalize(out), normalize(err), status)


def main():
    if sys.argv[1] == "--regen":
        for name in sys.argv[2:]:
            name = os.path.basename(name).removesuffix(".py")
            text = render(*run([sys.executable, "-E", "-B"], name))
            with open(os.path.join(HERE, name + ".expected"), "w", newline="") as f:
                f.write(text)
        return 0
    minipy, name = os.path.abspath(sys.argv[1]), sys.argv[2]
    expected = open(os.path.join(HERE, name + ".expected"), newline="").read()
    try:
        got = render(*run([minipy, "-B"], name))
    except subprocess.TimeoutExpired:
        print("TIMEOUT")
        return 1
    if got == expected:
        return 0
    import difflib
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                               "python3", "minipy"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
