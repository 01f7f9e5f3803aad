#!/bin/bash
# Hash-based caches: byte-identical for the same source in two folders;
# checked ones follow the source, unchecked ones only with
# --check-hash-based-pycs always.
set -eu
. "$(dirname "$0")/common.inc"
mkdir one two
for d in one two; do printf 'X = 1\nprint("X is", X)\n' > $d/m.py; done
touch -d '2001-01-01' one/m.py
for d in one two; do
    "$MP" -c 'import marshal, sys; marshal._pyc_compile(sys.argv[1], sys.argv[2], 0, 3)' \
        "$d/m.py" "$d/__pycache__/m.$TAG.pyc" || fail "compile in $d"
done
cmp -s "one/__pycache__/m.$TAG.pyc" "two/__pycache__/m.$TAG.pyc" || fail "hash-based caches differ"
cd one
sig=$(stat_sig "__pycache__/m.$TAG.pyc")
[ "$("$MP" -c 'import m')" = "X is 1" ] || fail "checked hash pyc import"
[ "$sig" = "$(stat_sig "__pycache__/m.$TAG.pyc")" ] || fail "valid checked pyc rewritten"
printf 'X = 2\nprint("X is", X)\n' > m.py
[ "$("$MP" -c 'import m')" = "X is 2" ] || fail "checked hash pyc not invalidated"
"$MP" -c 'import marshal; h = marshal._pyc_header("__pycache__/m.minipy-01.pyc"); print(h["hash_based"], h["check_source"])' > flags
[ "$(cat flags)" = "True True" ] || fail "rewritten cache lost its hash-based kind: $(cat flags)"
# unchecked
"$MP" -c 'import marshal; marshal._pyc_compile("m.py", "__pycache__/m.minipy-01.pyc", 0, 1)'
printf 'X = 3\nprint("X is", X)\n' > m.py
[ "$("$MP" -c 'import m')" = "X is 2" ] || fail "unchecked pyc was checked"
[ "$("$MP" --check-hash-based-pycs always -c 'import m')" = "X is 3" ] || fail "always did not check"
exit 0
