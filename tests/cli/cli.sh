#!/usr/bin/env bash
# Command-line behaviour, compared with python3 wherever the two share it:
# -c, -, piped stdin, script arguments, exit statuses, usage errors,
# unreadable scripts, -V/-h, -B/-O flags and MINIPYPATH.
set -uo pipefail
minipy=$(realpath "$1")
py=$(python3 -c 'import sys; print(sys.executable)')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# same CMD...: stdout, stderr and status of minipy and python3 agree
# (the interpreter path is normalized, and CPython's ^^^ marker lines, which
# minipy does not print, are dropped).
same() {
    local a b
    a=$("$minipy" "$@" 2>&1 </dev/null | grep -Ev '^ *[~^]+ *$'; echo "status=${PIPESTATUS[0]}")
    b=$("$py" -E "$@" 2>&1 </dev/null | grep -Ev '^ *[~^]+ *$'; echo "status=${PIPESTATUS[0]}")
    a=${a//$minipy/INTERP}; b=${b//$py/INTERP}
    [[ $a == "$b" ]] || fail "minipy $* → [$a] python3 → [$b]"
}

same -c 'print(6 * 7)'
same -c 'import sys; print(sys.argv)' one two
same -c 'import sys; sys.exit(4)'
same -c 'import sys; sys.exit("message")'
same -c 'raise ValueError("boom")'
same -c '1 +'
same -c 'import sys; print(len(sys.argv), sys.argv[0])'
# buffered stdout reaches the pipe after the traceback, stderr's text before it
same -c 'import sys; print("out"); print("err", file=sys.stderr); 1/0'
same -c 'import sys; print("out"); sys.stdout.flush(); sys.stderr.write("e\n"); sys.exit("bye")'
same -c 'import sys; sys.stdout.write("x"); sys.stdout.buffer.write(b"raw\n"); raise KeyboardInterrupt'
same -u -c 'import sys; print("out"); print("err", file=sys.stderr); sys.stdout.buffer.write(b"raw\n"); 1/0'

printf 'import sys\nprint("args", sys.argv[1:])\nsys.exit(3)\n' > script.py
same script.py a b
printf 'def f():\n    return 1/0\nf()\n' > crash.py
same crash.py
printf 'x = (\n' > syntax.py
same syntax.py
# after a script file (or stdin) runs, sys.stderr and sys.stdout are flushed
# before its traceback prints (-c's output comes after it, above)
printf 'import sys\nprint("out")\nsys.stderr.write("err")\n1/0\n' > outcrash.py
same outcrash.py
a=$("$minipy" - < outcrash.py 2>&1 | grep -Ev '^ *[~^]+ *$')
b=$("$py" -E - < outcrash.py 2>&1 | grep -Ev '^ *[~^]+ *$')
[[ "$a" == "$b" ]] || fail "stdin script output order: $a // $b"

# '-' and a pipe read the program from stdin
a=$(echo 'print("from stdin")' | "$minipy" -); [[ $a == "from stdin" ]] || fail "- reads stdin: $a"
a=$(echo 'import sys; print(sys.argv)' | "$minipy" - x); [[ $a == "['-', 'x']" ]] || fail "- argv: $a"
a=$(echo 'print(6*7)' | "$minipy"); [[ $a == 42 ]] || fail "piped stdin without -: $a"

# unreadable script: status 2 and CPython's wording
"$minipy" missing.py 2>err.txt; s=$?
[[ $s -eq 2 ]] || fail "missing script status $s"
grep -q "can't open file '$work/missing.py': \[Errno 2\] No such file or directory" err.txt || fail "missing script message: $(cat err.txt)"

# usage errors: status 2
"$minipy" -Z 2>err.txt; s=$?
[[ $s -eq 2 ]] && grep -qi "unknown option" err.txt || fail "unknown option: status $s, $(cat err.txt)"
"$minipy" -c 2>err.txt; s=$?
[[ $s -eq 2 ]] && grep -q "Argument expected for the -c option" err.txt || fail "-c without argument: status $s, $(cat err.txt)"

# -V and -h
"$minipy" -V | grep -q '^minipy [0-9]' || fail "-V"
"$minipy" --version | grep -q '^minipy [0-9]' || fail "--version"
"$minipy" -h | grep -q '^usage: ' || fail "-h"

# -O strips asserts and sets __debug__; -OO strips docstrings
a=$("$minipy" -O -c 'assert False, "x"; print(__debug__)'); [[ $a == False ]] || fail "-O: $a"
printf 'def f():\n    """doc"""\nprint(f.__doc__)\n' > doc.py
a=$("$minipy" -OO doc.py); [[ $a == None ]] || fail "-OO docstrings: $a"

# -B writes no cache; MINIPYPATH extends sys.path; -E ignores it
mkdir lib && echo 'NAME = "from lib"' > lib/libmod.py
a=$(MINIPYPATH=$work/lib "$minipy" -B -c 'import libmod; print(libmod.NAME)'); [[ $a == "from lib" ]] || fail "MINIPYPATH: $a"
[[ ! -d lib/__pycache__ ]] || fail "-B wrote a cache"
MINIPYPATH=$work/lib "$minipy" -E -c 'import libmod' 2>/dev/null && fail "-E did not ignore MINIPYPATH"

# the main script is never cached
printf 'import helper\n' > main.py && echo 'X = 1' > helper.py
"$minipy" main.py
[[ -f __pycache__/helper.minipy-01.pyc ]] || fail "imported module not cached"
ls __pycache__ | grep -q '^main\.' && fail "main script was cached"

exit $((failures > 0))
