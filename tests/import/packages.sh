#!/bin/bash
# Packages, submodules, relative imports, fromlist, and the error messages;
# output compared with python3.
set -eu
. "$(dirname "$0")/common.inc"
mkdir -p pkg/sub notpkg
cat > pkg/__init__.py <<'PY'
from . import helper
from .helper import VALUE as V
print('pkg init', __name__, __package__, V)
PY
echo 'VALUE = 10' > pkg/helper.py
cat > pkg/sub/__init__.py <<'PY'
from .. import helper
from ..helper import VALUE
print('sub init', __name__, __package__, VALUE + 1)
PY
cat > pkg/sub/leaf.py <<'PY'
from . import __name__ as parent_name
from .. import sub
def where():
    return __name__, __package__, parent_name
PY
echo 'X = 1' > notpkg.py
rmdir notpkg
cat > main.py <<'PY'
import pkg.sub.leaf
print(pkg.__name__, pkg.sub.__name__, pkg.sub.leaf.where())
import pkg.sub.leaf as L
print(L.where())
from pkg.sub import leaf
print(leaf is L)
from pkg import helper, sub
print(helper.VALUE, sub.__name__)
print(hasattr(pkg, '__path__'), hasattr(pkg.helper, '__path__'), type(pkg.__path__).__name__)
import sys
print('pkg.sub.leaf' in sys.modules)
try:
    import notpkg.x
except ModuleNotFoundError as e:
    print('MNF', e, e.name)
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print('MNF', e, e.name)
try:
    from pkg import no_such_name
except ImportError as e:
    print('IE', type(e).__name__)
try:
    import pkg.nope
except ModuleNotFoundError as e:
    print('MNF', e, e.name)
m = __import__('pkg.sub.leaf')
print(m.__name__)
m = __import__('pkg.sub.leaf', fromlist=['where'])
print(m.__name__)
PY
same_output main.py
echo 'from . import x' > rel_top.py
same_output rel_top.py
cat > pkg/beyond.py <<'PY'
from ... import x
PY
echo 'import pkg.beyond' > beyond_main.py
same_output beyond_main.py
"$MP" beyond_main.py 2>err || true
grep -q "attempted relative import beyond top-level package" err || fail "beyond message: $(cat err)"
"$MP" rel_top.py 2>err || true
grep -q "attempted relative import with no known parent package" err || fail "no parent message: $(cat err)"
[ -f "pkg/__pycache__/__init__.$TAG.pyc" ] || fail "no cache for the package __init__"
[ -f "pkg/sub/__pycache__/leaf.$TAG.pyc" ] || fail "no cache for pkg.sub.leaf"
same_output main.py
exit 0
