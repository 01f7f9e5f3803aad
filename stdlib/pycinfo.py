"""Describe a minipy cache file: minipy -m pycinfo FILE.pyc ...

Prints each header field, whether the cache matches its source (when the
source beside its __pycache__ folder exists) and whether the payload passes
the loader's checks (checksum, unmarshal, bytecode verifier)."""
import os
import sys
import marshal


def _hex(n):
    return format(n, '016x')


def describe(path):
    """Print the report for one file; return True when the payload verifies."""
    h = marshal._pyc_header(path)
    print('file:', path)
    print('size:', h['size'], 'bytes')
    good_magic = h['magic'] == marshal._MAGIC
    print('magic:', h['magic'], 'ok' if good_magic else 'expected ' + repr(marshal._MAGIC))
    if h['error'] is not None:
        print('header: invalid (' + h['error'] + ')')
        return False
    if h['hash_based']:
        kind = 'hash-based, checked' if h['check_source'] else 'hash-based, unchecked'
    else:
        kind = 'timestamp'
    print('flags:', h['flags'], '(' + kind + ')')
    if h['hash_based']:
        print('source hash:', _hex(h['source_hash']))
    else:
        print('source mtime_ns:', h['mtime_ns'])
        print('source size:', h['source_size'])
    if h['checksum'] == h['payload_checksum']:
        print('checksum:', _hex(h['checksum']), 'ok')
    else:
        print('checksum:', _hex(h['checksum']), 'MISMATCH (payload ' + _hex(h['payload_checksum']) + ')')
    source = None
    try:
        source = marshal._pyc_source_from_cache(path)
    except ValueError:
        source = None
    if source is not None and os.path.exists(source):
        status, why = marshal._pyc_check(path, source)
        print('source:', source)
        if status == 'ok':
            print('matches source: yes')
        elif status == 'stale':
            print('matches source: no (' + why + ')')
        else:
            print('matches source: unknown (' + why + ')')
    else:
        print('source: none')
    status, why = marshal._pyc_check(path, None)
    if status == 'ok':
        print('payload: verifies')
        return True
    print('payload: rejected (' + why + ')')
    return False


def main(args):
    if not args:
        sys.stderr.write('usage: minipy -m pycinfo FILE.pyc ...\n')
        return 2
    ok = True
    for i, path in enumerate(args):
        if i:
            print()
        try:
            if not describe(path):
                ok = False
        except OSError as e:
            sys.stderr.write('pycinfo: ' + str(e) + '\n')
            ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
