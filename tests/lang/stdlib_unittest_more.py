# unittest: cleanups, warnings, module-level fixtures errors, class skips,
# loader selection, failfast, and unittest.mock basics.
import io
import re
import unittest
import warnings
from unittest import mock


def show(suite, **kw):
    out = io.StringIO()
    result = unittest.TextTestRunner(stream=out, verbosity=2, **kw).run(suite)
    print(re.sub(r"in \d+\.\d+s", "in TIME", out.getvalue()), end="")
    return result


class Cleanups(unittest.TestCase):
    def setUp(self):
        self.addCleanup(print, "cleanup 1")
        self.addCleanup(print, "cleanup 2", self._testMethodName)

    def test_warns(self):
        with self.assertWarns(DeprecationWarning) as cm:
            warnings.warn("old api", DeprecationWarning)
        print("warning:", cm.warning, cm.filename.endswith(".py"))
        with self.assertWarnsRegex(UserWarning, "spam"):
            warnings.warn("eggs and spam")

    def test_warns_missing(self):
        with self.assertWarns(RuntimeWarning):
            pass

    def test_cleanup_error(self):
        self.addCleanup(lambda: 1 / 0)

    def test_various(self):
        self.assertDictEqual({"a": [1]}, {"a": [1]})
        self.assertSetEqual({1, 2}, {2, 1})
        self.assertTupleEqual((1,), (1,))
        self.assertRegex("hello world", r"w\w+")
        self.assertNotRegex("abc", r"\d")
        self.assertLess(1, 2)
        self.assertLessEqual(2, 2)
        self.assertIsNot([], [])
        self.assertNotIn(3, [1])
        self.assertSequenceEqual("ab", ["a", "b"])
        self.assertSequenceEqual([1, 2, 3], (1, 2, 4))

    def test_greater_fail(self):
        self.assertGreater(1, 2, msg="custom message")

    def test_is_fail(self):
        self.longMessage = False
        self.assertIs(1, None, "short only")

    def test_set_fail(self):
        self.assertSetEqual({1, 2, 3}, {2, 3, 4})


@unittest.skip("whole class")
class Skipped(unittest.TestCase):
    def test_x(self):
        pass


class BadSetUpClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise OSError("no database")

    def test_never(self):
        pass


class Mocking(unittest.TestCase):
    def test_mock(self):
        m = mock.Mock(return_value=5)
        print(m(1, k=2), m.call_args, m.call_count)
        m.assert_called_once_with(1, k=2)
        m.method.side_effect = [1, KeyError("k")]
        print(m.method())
        with self.assertRaises(KeyError):
            m.method()
        print(m.method.call_args_list)
        mm = mock.MagicMock()
        mm.__len__.return_value = 7
        print(len(mm), mm[3] is mm.__getitem__.return_value)
        with mock.patch("os.getcwd", return_value="/fake") as p:
            import os
            print(os.getcwd(), p.called)
        print(os.getcwd() != "/fake")
        with mock.patch.object(Mocking, "helper", lambda self: "patched"):
            print(self.helper())
        print(self.helper())

    def test_mock_assert_fails(self):
        m = mock.Mock()
        m(1)
        m.assert_called_with(2)

    def helper(self):
        return "real"


loader = unittest.TestLoader()
r = show(loader.loadTestsFromTestCase(Cleanups))
print(r.testsRun, len(r.failures), len(r.errors))
show(unittest.TestSuite([loader.loadTestsFromTestCase(Skipped),
                         loader.loadTestsFromTestCase(BadSetUpClass)]))
show(loader.loadTestsFromTestCase(Mocking))
print(loader.getTestCaseNames(Cleanups))
loader.testMethodPrefix = "test_w"
print(loader.getTestCaseNames(Cleanups))
names = unittest.TestLoader().loadTestsFromNames(["Cleanups.test_various", "Mocking"],
                                                 module=__import__(__name__))
print(names.countTestCases(), [[t.id() for t in s] for s in names])
try:
    print([t.id() for t in names])
except AttributeError as e:
    print("AttributeError", e)
r = show(unittest.TestLoader().loadTestsFromTestCase(Cleanups), failfast=True)
print(r.testsRun, r.shouldStop)
try:
    unittest.TestLoader().loadTestsFromName("Nope", module=__import__(__name__))
except AttributeError as e:
    print("AttributeError", e)
