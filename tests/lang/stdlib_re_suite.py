# re: CPython's own regression table Lib/test/re_tests.py (about 500
# patterns, each with a subject, an expected outcome and an expression over
# the groups), run as test_re.py's test_re_tests runs it: str and bytes,
# LOCALE, a search limited to the match, IGNORECASE.
import re
from test.re_tests import tests, SUCCEED, FAIL, SYNTAX_ERROR

problems = 0
counts = [0, 0, 0]
for t in tests:
    pattern, s, outcome = t[:3]
    counts[outcome] += 1
    if outcome == SYNTAX_ERROR:
        try:
            re.compile(pattern)
            print('compiled, expected a syntax error:', repr(pattern))
            problems += 1
        except re.error:
            pass
        continue
    result = re.compile(pattern).search(s)
    if outcome == FAIL:
        if result is not None:
            print('succeeded incorrectly:', repr(pattern), repr(s))
            problems += 1
        continue
    if result is None:
        print('failed incorrectly:', repr(pattern), repr(s))
        problems += 1
        continue
    if len(t) == 5:
        repl, expected = t[3:]
        vardict = {'found': result.group(0), 'groups': result.group(), 'flags': result.re.flags}
        for i in range(1, 100):
            try:
                gi = result.group(i)
                if gi is None:
                    gi = 'None'
            except IndexError:
                gi = 'Error'
            vardict['g%d' % i] = gi
        for name in result.re.groupindex.keys():
            gi = result.group(name)
            vardict[name] = 'None' if gi is None else gi
        got = eval(repl, vardict)
        if got != expected:
            print('grouping error:', repr(pattern), repr(s), repr(got), '!=', repr(expected))
            problems += 1
    start, end = result.span(0)
    try:
        bpat, bs = bytes(pattern, 'ascii'), bytes(s, 'ascii')
    except UnicodeEncodeError:
        pass
    else:
        if not re.compile(bpat).search(bs) or not re.compile(bpat, re.LOCALE).search(bs):
            print('bytes match failed:', repr(pattern), repr(s))
            problems += 1
    if pattern[:2] != r'\B' and pattern[-2:] != r'\B' and not re.compile(pattern).search(s, start, end + 1):
        print('range-limited match failed:', repr(pattern), repr(s))
        problems += 1
    if not re.compile(pattern, re.IGNORECASE).search(s):
        print('case-insensitive match failed:', repr(pattern), repr(s))
        problems += 1
print(len(tests), 'tests:', counts[SUCCEED], 'succeed,', counts[FAIL], 'fail,', counts[SYNTAX_ERROR], 'syntax errors;', problems, 'problems')
