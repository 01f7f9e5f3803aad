# re: CPython's own Lib/test/test_re.py, every test method, through the
# stand-in unittest of stdlib_re_support/run_test_re.py.  (Its own suite,
# cpython_re, outside 'lang': under the gc_stress build it takes minutes.)
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'stdlib_re_support'))
import run_test_re
run_test_re.run(1, 1)
