#!/bin/bash
# -B, MINIPYDONTWRITEBYTECODE and sys.dont_write_bytecode write nothing.
set -eu
. "$(dirname "$0")/common.inc"
echo 'X = 5' > m.py
echo 'import m; print(m.X)' > main.py
[ "$("$MP" -B main.py)" = 5 ] || fail "-B run"
[ ! -e __pycache__ ] || fail "-B wrote a cache"
[ "$(MINIPYDONTWRITEBYTECODE=1 "$MP" main.py)" = 5 ] || fail "env run"
[ ! -e __pycache__ ] || fail "MINIPYDONTWRITEBYTECODE wrote a cache"
[ "$("$MP" -c 'import sys; print(sys.dont_write_bytecode)')" = False ] || fail "sys.dont_write_bytecode default"
[ "$("$MP" -B -c 'import sys; print(sys.dont_write_bytecode)')" = True ] || fail "sys.dont_write_bytecode with -B"
echo 'import sys; sys.dont_write_bytecode = True; import m; print(m.X)' > main2.py
[ "$("$MP" main2.py)" = 5 ] || fail "sys.dont_write_bytecode run"
[ ! -e __pycache__ ] || fail "sys.dont_write_bytecode = True wrote a cache"
# -E ignores the environment variable
[ "$(MINIPYDONTWRITEBYTECODE=1 "$MP" -E main.py)" = 5 ] || fail "-E run"
[ -f "__pycache__/m.$TAG.pyc" ] || fail "-E should ignore MINIPYDONTWRITEBYTECODE"
exit 0
