#!/bin/bash
# A module whose body raises is removed from sys.modules; importing it
# again runs it again.
set -eu
. "$(dirname "$0")/common.inc"
cat > bad.py <<'PY'
print('running bad')
X = 1
raise ValueError('boom')
PY
cat > main.py <<'PY'
import sys
for i in range(2):
    try:
        import bad
    except ValueError as e:
        print('caught', e, 'bad' in sys.modules)
PY
same_output main.py
same_output main.py
exit 0
