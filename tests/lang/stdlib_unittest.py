# unittest as a user runs it: outcomes, subTest, the assert helpers, fixtures,
# and the failure reports (tracebacks trimmed of unittest's own frames).
import io
import logging
import re
import sys
import unittest

events = []


class Sample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        events.append("setUpClass")

    @classmethod
    def tearDownClass(cls):
        events.append("tearDownClass")

    def setUp(self):
        events.append("setUp " + self._testMethodName)

    def tearDown(self):
        events.append("tearDown " + self._testMethodName)

    def test_pass(self):
        self.assertEqual([1, 2], [1, 2])
        self.assertTrue(1)
        self.assertIn(2, (1, 2))
        self.assertIsNone(None)
        self.assertIsInstance(3, int)

    def test_fail_equal(self):
        self.assertEqual({"a": 1, "b": 2}, {"a": 1, "b": 3})

    def test_fail_list(self):
        self.assertListEqual([1, 2, 3], [1, 2, 4, 5])

    def test_fail_msg(self):
        self.assertTrue(0, "zero is falsy")

    def test_error(self):
        {}["missing"]

    @unittest.skip("not today")
    def test_skipped(self):
        raise AssertionError("never runs")

    def test_skip_inside(self):
        self.skipTest("decided at run time")

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 0)

    @unittest.expectedFailure
    def test_unexpected_success(self):
        pass

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertEqual(i % 2, 0)

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertEqual(str(cm.exception), "division by zero")
        self.assertRaises(ValueError, int, "x")
        with self.assertRaisesRegex(ValueError, r"invalid literal .* 'abc'"):
            int("abc")

    def test_raises_fails(self):
        with self.assertRaises(KeyError):
            pass

    def test_raises_regex_fails(self):
        with self.assertRaisesRegex(ValueError, "nope"):
            int("abc")

    def test_almost(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertNotAlmostEqual(1.0, 1.1)
        self.assertAlmostEqual(1.0, 1.05, delta=0.1)
        self.assertAlmostEqual(1.0, 1.1)

    def test_count_equal(self):
        self.assertCountEqual([1, 2, 2, "a"], ["a", 2, 1, 2])
        self.assertCountEqual([1, 1, 2], [1, 2, 2])

    def test_logs(self):
        with self.assertLogs("demo", level="INFO") as cm:
            logging.getLogger("demo").info("hello %s", "there")
            logging.getLogger("demo.sub").warning("careful")
        self.assertEqual(cm.output, ["INFO:demo:hello there", "WARNING:demo.sub:careful"])
        with self.assertLogs("demo", level="ERROR"):
            logging.getLogger("demo").info("too quiet")

    def test_multiline(self):
        self.assertMultiLineEqual("one\ntwo\nthree\n", "one\nTWO\nthree\n")


def run(suite, verbosity=2):
    out = io.StringIO()
    result = unittest.TextTestRunner(stream=out, verbosity=verbosity).run(suite)
    # The run time is the one thing that differs from run to run.
    print(re.sub(r"in \d+\.\d+s", "in TIME", out.getvalue()), end="")
    return result


result = run(unittest.defaultTestLoader.loadTestsFromTestCase(Sample))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
      len(result.expectedFailures), len(result.unexpectedSuccesses), result.wasSuccessful())
print(*events, sep="\n")

# unittest.main with explicit argv, exit=False; output goes to stderr by default,
# so hand it a runner writing to stdout.
class Small(unittest.TestCase):
    def test_one(self):
        self.assertGreater(2, 1)

    def test_two(self):
        self.assertNotEqual("a", "b")


class StdoutRunner(unittest.TextTestRunner):
    def __init__(self, **kw):
        kw["stream"] = io.StringIO()
        super().__init__(**kw)

    def run(self, test):
        r = super().run(test)
        print(re.sub(r"in \d+\.\d+s", "in TIME", self.stream.getvalue()), end="")
        return r


prog = unittest.main(module=__name__, argv=["prog", "Small"], exit=False, verbosity=2,
                     testRunner=StdoutRunner)
print(prog.result.wasSuccessful(), prog.result.testsRun)
prog = unittest.main(module=__name__, argv=["prog", "-q", "Small.test_two"], exit=False,
                     testRunner=StdoutRunner)
print(prog.result.testsRun)

# FunctionTestCase and a quiet runner.
def check():
    assert 1 + 1 == 3, "arithmetic"
run(unittest.TestSuite([unittest.FunctionTestCase(check)]), verbosity=1)

# Trimming a traceback by hand, as unittest does.
try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
for bad in (1, "x"):
    try:
        tb.tb_next = bad
    except TypeError as e:
        print("TypeError", e)
try:
    tb.tb_next = tb
except ValueError as e:
    print("ValueError", e)
try:
    del tb.tb_next
except TypeError as e:
    print("TypeError", e)
try:
    tb.tb_lineno = 3
except AttributeError as e:
    print("AttributeError", e)
tb.tb_next = None
print(tb.tb_next)
