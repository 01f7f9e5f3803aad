#!/bin/bash
# -m runs a module or a package's __main__ as __main__.
set -eu
. "$(dirname "$0")/common.inc"
mkdir -p app
echo 'print("app init", __name__)' > app/__init__.py
cat > app/__main__.py <<'PY'
import sys
print("app main", __name__, __package__, sys.argv[1:], sys.argv[0].endswith('__main__.py'))
PY
cat > tool.py <<'PY'
import sys
print("tool", __name__, sys.argv[1:], sys.argv[0].endswith('tool.py'))
PY
same_output -m tool a b
same_output -m app x
same_output -m app.__main__ y
"$MP" -m no_such_mod_xyz 2>err && fail "-m of a missing module succeeded"
grep -q "No module named no_such_mod_xyz" err || fail "-m missing message: $(cat err)"
exit 0
