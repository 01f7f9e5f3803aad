#!/bin/bash
# Circular imports see the partially initialised module (it is in
# sys.modules before its body runs).
set -eu
. "$(dirname "$0")/common.inc"
cat > a.py <<'PY'
print('a start')
A1 = 1
import b
print('a sees b.B', b.B)
A2 = 2
PY
cat > b.py <<'PY'
print('b start')
import a
print('b sees a.A1', a.A1, hasattr(a, 'A2'))
B = 3
PY
echo 'import a; print(a.A2, a.b.B)' > main.py
same_output main.py
same_output main.py
exit 0
