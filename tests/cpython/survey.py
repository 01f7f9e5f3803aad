#!/usr/bin/env python3
"""Run CPython's own regression tests (Lib/test/test_*.py of the configured
CPython 3.11 tree) under minipy and tally them.

    survey.py MINIPY [--jobs N] [--timeout S] [--out FILE] [TEST ...]

Each test module runs as `minipy -m unittest -v test.NAME` in a fresh
temporary folder; the tally counts each test method's verdict from the
verbose lines (ok / FAIL / ERROR / skipped / expected failure).  A module
that does not import, crashes or times out counts as one error.  Prints one
line per module and a summary; --out writes the per-module table (CSV)."""
import argparse
import concurrent.futures
import csv
import os
import re
import subprocess
import sys
import tempfile

VERDICT = re.compile(r' \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$')


def stdlib_dir(minipy):
    out = subprocess.run([minipy, '-c', 'import sys; print(sys._stdlib_dir)'],
                         capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def run_one(minipy, name, timeout):
    counts = {'ok': 0, 'fail': 0, 'error': 0, 'skipped': 0, 'status': ''}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        try:
            p = subprocess.run([minipy, '-m', 'unittest', '-v', 'test.' + name], cwd=tmp,
                               capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            counts['error'] = 1
            counts['status'] = 'timeout'
            return name, counts
    text = p.stderr.decode('utf-8', 'replace')
    for line in text.splitlines():
        m = VERDICT.search(line)
        if not m:
            continue
        v = m.group(1)
        if v in ('ok', 'expected failure'):
            counts['ok'] += 1
        elif v == 'FAIL' or v == 'unexpected success':
            counts['fail'] += 1
        elif v == 'ERROR':
            counts['error'] += 1
        else:
            counts['skipped'] += 1
    if p.returncode < 0:
        counts['status'] = 'signal %d' % -p.returncode
        counts['error'] += 1
    elif not any(counts[k] for k in ('ok', 'fail', 'error', 'skipped')):
        last = [l for l in text.splitlines() if l.strip()][-1:] or ['no output']
        counts['status'] = 'no tests: ' + last[0][:100]
        counts['error'] += 1
    else:
        counts['status'] = 'exit %d' % p.returncode
    return name, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('minipy')
    ap.add_argument('tests', nargs='*')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--timeout', type=float, default=120)
    ap.add_argument('--out')
    a = ap.parse_args()
    minipy = os.path.abspath(a.minipy)
    names = a.tests
    if not names:
        lib = os.path.join(stdlib_dir(minipy), 'test')
        names = sorted(f[:-3] for f in os.listdir(lib) if f.startswith('test_') and f.endswith('.py'))
    rows = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        for name, c in ex.map(lambda n: run_one(minipy, n, a.timeout), names):
            rows.append((name, c))
            print('%-32s ok %4d  fail %3d  error %3d  skipped %3d  %s' % (
                name, c['ok'], c['fail'], c['error'], c['skipped'], c['status']), flush=True)
    tot = {k: sum(c[k] for _, c in rows) for k in ('ok', 'fail', 'error', 'skipped')}
    clean = sum(1 for _, c in rows if c['ok'] and not c['fail'] and not c['error'])
    print('%d modules, %d pass completely; tests: %d ok, %d failed, %d errors, %d skipped' % (
        len(rows), clean, tot['ok'], tot['fail'], tot['error'], tot['skipped']))
    if a.out:
        with open(a.out, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['module', 'ok', 'fail', 'error', 'skipped', 'status'])
            for name, c in rows:
                w.writerow([name, c['ok'], c['fail'], c['error'], c['skipped'], c['status']])


if __name__ == '__main__':
    main()
