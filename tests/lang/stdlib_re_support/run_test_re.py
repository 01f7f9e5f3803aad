"""Runs CPython's own Lib/test/test_re.py under minipy and python3 alike,
for stdlib_re_cpython.py: a small stand-in for unittest and test.support
(minipy cannot import unittest yet) and a driver that runs the test methods
(all, or one share of them) and prints one line per method: ok, skip, FAIL
or ERROR.
Left out, with the reason printed: tests that need array, pickle (_io),
multiprocessing, locale or codec error handlers (_codecs), or a str holding
a lone surrogate."""
import os, re, sys, types

UNITTEST = r'''
import re as _re, sys
class SkipTest(Exception): pass
class _Raises:
    def __init__(self, tc, exc, regex=None): self.tc, self.exc, self.regex = tc, exc, regex
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        if t is None: raise AssertionError('%s not raised' % (self.exc,))
        if not issubclass(t, self.exc): return False
        self.exception = v
        if self.regex is not None and not _re.search(self.regex, str(v)): raise AssertionError('regex %r !~ %r' % (self.regex, str(v)))
        return True
class _Sub:
    def __init__(self, tc): self.tc = tc
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        if t is not None and issubclass(t, (AssertionError,)) :
            self.tc._fails.append(repr(v)[:200]); return True
        return False
class _Warns:
    def __init__(self, *a): pass
    def __enter__(self):
        import warnings
        self.cm = warnings.catch_warnings(record=True); self.w = self.cm.__enter__(); warnings.simplefilter('always'); return self
    def __exit__(self, *a):
        self.cm.__exit__(*a)
        self.warnings = self.w
        self.warning = self.w[0].message if self.w else None
        self.filename = self.w[0].filename if self.w else None
        return False
class TestCase:
    maxDiff = None
    def __init__(self, name='runTest'): self._name = name; self._fails = []; self._cleanups = []
    def subTest(self, *a, **k): return _Sub(self)
    def skipTest(self, reason): raise SkipTest(reason)
    def fail(self, msg=None): raise AssertionError(msg)
    def assertEqual(self, a, b, msg=None):
        if not a == b: raise AssertionError('%r != %r %s' % (a, b, msg or ''))
    assertEquals = assertEqual
    def assertNotEqual(self, a, b, msg=None):
        if a == b: raise AssertionError('%r == %r' % (a, b))
    def assertTrue(self, x, msg=None):
        if not x: raise AssertionError('not true: %r %s' % (x, msg or ''))
    def assertFalse(self, x, msg=None):
        if x: raise AssertionError('not false: %r' % (x,))
    def assertIs(self, a, b, msg=None):
        if a is not b: raise AssertionError('%r is not %r' % (a, b))
    def assertIsNot(self, a, b, msg=None):
        if a is b: raise AssertionError('%r is %r' % (a, b))
    def assertIsNone(self, a, msg=None): self.assertIs(a, None)
    def assertIsNotNone(self, a, msg=None): self.assertIsNot(a, None)
    def assertIn(self, a, b, msg=None):
        if a not in b: raise AssertionError('%r not in %r' % (a, b))
    def assertNotIn(self, a, b, msg=None):
        if a in b: raise AssertionError('%r in %r' % (a, b))
    def assertIsInstance(self, a, t, msg=None):
        if not isinstance(a, t): raise AssertionError('%r not %r' % (a, t))
    def assertLess(self, a, b, msg=None): self.assertTrue(a < b)
    def assertGreater(self, a, b, msg=None): self.assertTrue(a > b)
    def assertRaises(self, exc, *args, **kw):
        cm = _Raises(self, exc)
        if not args: return cm
        with cm: args[0](*args[1:], **kw)
    def assertRaisesRegex(self, exc, regex, *args, **kw):
        cm = _Raises(self, exc, regex)
        if not args: return cm
        with cm: args[0](*args[1:], **kw)
    def assertWarns(self, cat, *a, **k):
        if a:
            a[0](*a[1:], **k); return
        return _Warns()
    def assertWarnsRegex(self, cat, regex, *a, **k):
        return self.assertWarns(cat, *a, **k)
    def assertGreaterEqual(self, a, b, msg=None): self.assertTrue(a >= b)
    def assertLessEqual(self, a, b, msg=None): self.assertTrue(a <= b)
    def assertRegex(self, text, regex, msg=None):
        if not _re.search(regex, text): raise AssertionError('%r !~ %r' % (regex, text))
    def assertNotRegex(self, text, regex, msg=None):
        if _re.search(regex, text): raise AssertionError('%r ~ %r' % (regex, text))
    def addCleanup(self, f, *a, **k): self._cleanups.append((f, a, k))
    def assertCountEqual(self, a, b): self.assertEqual(sorted(a), sorted(b))
def skip(reason):
    def d(f):
        def g(*a, **k): raise SkipTest(reason)
        return g
    return d
def skipIf(cond, reason): return skip(reason) if cond else (lambda f: f)
def skipUnless(cond, reason): return skipIf(not cond, reason)
def expectedFailure(f): return skip('expected failure')(f)
def main(): pass
'''

SUPPORT = r'''
import contextlib, sys
def gc_collect():
    import gc
    gc.collect()
def bigmemtest(**k): return lambda f: (lambda self: None)
_2G = 2**31
def cpython_only(f): return f
is_emscripten = is_wasi = False
SHORT_TIMEOUT = 30
def check_disallow_instantiation(tc, tp, *a, **k):
    try:
        tp(*a, **k)
    except TypeError:
        return
    raise AssertionError('instantiation allowed')
@contextlib.contextmanager
def captured_stdout():
    class W(list):
        def write(self, s): self.append(s)
        def getvalue(self): return ''.join(self)
    old = sys.stdout; sys.stdout = w = W()
    try: yield w
    finally: sys.stdout = old
'''

LOCALE = r'''
LC_CTYPE = 0; LC_ALL = 6
class Error(Exception): pass
def getpreferredencoding(do_setlocale=True): return 'UTF-8'
def getencoding(): return 'UTF-8'
def setlocale(cat, loc=None): return 'C'
def getlocale(cat=0): return (None, None)
'''

def shim(name, source):
    mod = types.ModuleType(name)
    exec(source, mod.__dict__)
    sys.modules[name] = mod
    return mod

shim('unittest', UNITTEST)
shim('locale', LOCALE)
import test
sys.modules['test.support'] = test.support = shim('test.support', SUPPORT)

LEFT_OUT = {'test_empty_array': 'array', 'test_pickling': 'pickle (_io)',
            'test_regression_gh94675': 'multiprocessing', 'test_bigcharset': 'lone surrogates in str',
            'test_locale_caching': 'locale (_codecs)', 'test_locale_compiled': 'locale (_codecs)',
            'test_symbolic_groups_errors': "str.encode's backslashreplace (_codecs)"}

def run(part, parts):
    """Run the methods whose index in sorted order is part-1 modulo parts."""
    path = os.path.join(os.path.dirname(test.__file__), 'test_re.py')
    mod = types.ModuleType('test_re')
    mod.__file__ = 'test_re.py'
    exec(compile(open(path).read(), 'test_re.py', 'exec'), mod.__dict__)
    import unittest
    methods = [(name, cls, m) for name, cls in sorted(mod.__dict__.items())
               if isinstance(cls, type) and issubclass(cls, unittest.TestCase)
               for m in sorted(dir(cls)) if m.startswith('test')]
    for name, cls, m in methods[part - 1::parts]:
        if m in LEFT_OUT:
            print(name, m, 'left out: needs', LEFT_OUT[m])
            continue
        tc = cls(m)
        try:
            if hasattr(tc, 'setUp'):
                tc.setUp()
            try:
                getattr(tc, m)()
            finally:
                for f, a, k in reversed(tc._cleanups):
                    f(*a, **k)
            res = 'ok' if not tc._fails else 'FAIL(sub) ' + '; '.join(tc._fails)[:300]
        except unittest.SkipTest:
            res = 'skip'
        except AssertionError as e:
            res = 'FAIL ' + repr(e)[:300]
        except BaseException as e:
            res = 'ERROR %s: %s' % (type(e).__name__, str(e)[:300])
        print(name, m, res)
