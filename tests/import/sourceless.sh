#!/bin/bash
# A lone m.pyc (no source) imports; a damaged one is an ImportError naming
# the file.
set -eu
. "$(dirname "$0")/common.inc"
echo 'def hello(): return "hi from pyc"' > m.py
echo 'import m; print(m.hello())' > main.py
[ "$("$MP" main.py)" = "hi from pyc" ] || fail "first run"
mv "__pycache__/m.$TAG.pyc" m.pyc
rm -rf m.py __pycache__
out=$("$MP" -c 'import m; print(m.hello(), m.__file__ == m.__cached__, m.__file__.endswith("/m.pyc"))') \
    || fail "sourceless import failed"
[ "$out" = "hi from pyc True True" ] || fail "sourceless output: $out"
printf 'garbage garbage garbage garbage garbage' > m.pyc
if "$MP" -c 'import m' 2>err; then fail "damaged sourceless pyc imported"; fi
grep -q "ImportError" err || fail "no ImportError: $(cat err)"
grep -q "m.pyc" err || fail "error does not name the file: $(cat err)"
exit 0
