#!/bin/bash
# -O and -OO keep their own cache files beside the plain one.
set -eu
. "$(dirname "$0")/common.inc"
cat > m.py <<'PY'
def f():
    "doc"
    assert False, 'asserts on'
    return 'asserts off'
PY
cat > main.py <<'PY'
import m
try:
    print(m.f(), __debug__)
except AssertionError as e:
    print(e, __debug__)
PY
same_output main.py
same_output -O main.py
same_output -OO main.py
[ -f "__pycache__/m.$TAG.pyc" ] || fail "no plain cache"
[ -f "__pycache__/m.$TAG.opt-1.pyc" ] || fail "no .opt-1 cache"
[ -f "__pycache__/m.$TAG.opt-2.pyc" ] || fail "no .opt-2 cache"
same_output main.py
same_output -O main.py
exit 0
