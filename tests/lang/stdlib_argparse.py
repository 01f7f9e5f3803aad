import os, sys
os.environ['COLUMNS'] = '80'
import argparse

def show(ns):
    print(sorted(vars(ns).items()))

p = argparse.ArgumentParser(prog='tool', description='A tool that does things.',
                            epilog='See the manual for more.')
p.add_argument('src', help='source file')
p.add_argument('dst', nargs='?', default='out.txt', help='destination (default: %(default)s)')
p.add_argument('-v', '--verbose', action='count', default=0, help='more output')
p.add_argument('-n', '--num', type=int, default=3, metavar='N', help='how many')
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--tag', action='append', dest='tags', help='add a tag')
p.add_argument('--flag', action='store_true')
p.add_argument('--no-cache', action='store_false', dest='cache')
p.add_argument('--const', action='store_const', const=42)
p.add_argument('--ratio', type=float)
p.add_argument('--files', nargs='*', default=[])
p.add_argument('--pair', nargs=2, metavar=('A', 'B'))
p.add_argument('--plus', nargs='+', type=int)
p.add_argument('--version', action='version', version='%(prog)s 1.0')
print(p.format_usage(), end='')
print(p.format_help(), end='')
show(p.parse_args(['in.txt']))
show(p.parse_args(['-vvv', 'in.txt', 'o.txt', '-n', '7', '--mode=slow', '--tag', 'a', '--tag=b']))
show(p.parse_args(['in', '--flag', '--no-cache', '--const', '--ratio', '2.5', '--files', 'x', 'y']))
show(p.parse_args(['in', '--pair', '1', '2', '--plus', '1', '2', '3', '--num=-4']))
show(p.parse_args(['--', '-weird']))
ns, rest = p.parse_known_args(['in', '--unknown', 'zz', '-v'])
show(ns); print(rest)

def err(parser, argv):
    # exit_on_error=False raises ArgumentError for most errors
    try:
        parser.parse_args(argv)
    except argparse.ArgumentError as e:
        print('ArgumentError:', e)
    except SystemExit as e:
        print('SystemExit', e.code)

sys.stderr = sys.stdout
for argv in [[], ['a', 'b', 'c'], ['a', '--mode', 'medium'], ['a', '-n', 'x'],
             ['a', '--pair', '1'], ['a', '--plus'], ['a', '--ratio', 'nan!'],
             ['a', '--bogus'], ['a', '--fl'], ['--version']]:
    print('>>', argv)
    err(p, argv)

q = argparse.ArgumentParser(prog='q', exit_on_error=False)
q.add_argument('--n', type=int)
q.add_argument('--c', choices=[1, 2], type=int)
for argv in [['--n', 'x'], ['--c', '3'], ['--n']]:
    print('>>', argv)
    err(q, argv)

print('---- abbreviations')
r = argparse.ArgumentParser(prog='r')
r.add_argument('--foobar'); r.add_argument('--foonly')
show(r.parse_args(['--foob', '1']))
err(r, ['--foo', '1'])
r2 = argparse.ArgumentParser(prog='r2', allow_abbrev=False)
r2.add_argument('--foobar')
err(r2, ['--foob', '1'])

print('---- subparsers')
m = argparse.ArgumentParser(prog='git')
m.add_argument('--debug', action='store_true')
sub = m.add_subparsers(dest='cmd', title='commands', help='sub-command help')
c = sub.add_parser('commit', help='record changes', aliases=['ci'])
c.add_argument('-m', '--message', required=True)
c.add_argument('--amend', action='store_true')
c.set_defaults(func='do_commit')
pu = sub.add_parser('push', help='update remote')
pu.add_argument('remote', nargs='?', default='origin')
pu.add_argument('branch', nargs='*')
print(m.format_help(), end='')
print(c.format_help(), end='')
show(m.parse_args(['--debug', 'commit', '-m', 'msg']))
show(m.parse_args(['ci', '--amend', '-m', 'x']))
show(m.parse_args(['push', 'up', 'main', 'dev']))
show(m.parse_args([]))
err(m, ['commit'])
err(m, ['pull'])
sub.required = True
err(m, [])

print('---- groups')
g = argparse.ArgumentParser(prog='grp', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
ga = g.add_argument_group('input', 'Options about input.')
ga.add_argument('--in', dest='inp', default='-', help='input file')
ga.add_argument('--encoding', default='utf-8', help='encoding')
mx = g.add_mutually_exclusive_group()
mx.add_argument('-q', '--quiet', action='store_true', help='be quiet')
mx.add_argument('-l', '--loud', action='store_true', help='be loud')
mx2 = g.add_mutually_exclusive_group(required=True)
mx2.add_argument('--json', action='store_true')
mx2.add_argument('--xml', action='store_true')
print(g.format_help(), end='')
show(g.parse_args(['--json', '-q']))
err(g, ['--json', '-q', '-l'])
err(g, ['-q'])
err(g, ['--json', '--xml'])

print('---- formatters')
f = argparse.ArgumentParser(prog='fmt', formatter_class=argparse.RawDescriptionHelpFormatter,
                            description='line one\n    indented two\nthree')
f.add_argument('--x', help='a very long help text that will certainly need to be wrapped around because it is longer than eighty columns in total')
print(f.format_help(), end='')
f = argparse.ArgumentParser(prog='fmt2', formatter_class=argparse.RawTextHelpFormatter, add_help=False)
f.add_argument('--y', help='keep\n  this\nformat')
print(f.format_help(), end='')
f = argparse.ArgumentParser(prog='fmt3', formatter_class=argparse.MetavarTypeHelpFormatter)
f.add_argument('--z', type=int); f.add_argument('w', type=float)
print(f.format_help(), end='')
f = argparse.ArgumentParser(prog='fmt4', usage='%(prog)s [opts] FILE', prefix_chars='-+')
f.add_argument('+p', action='store_true'); f.add_argument('-m', action='store_true')
print(f.format_help(), end='')
show(f.parse_args(['+p']))

print('---- types and actions')
t = argparse.ArgumentParser(prog='t')
t.add_argument('--hex', type=lambda s: int(s, 16))
t.add_argument('--ext', action='extend', nargs='+', type=str)
t.add_argument('--bool', action=argparse.BooleanOptionalAction, default=True)
t.add_argument('--x', default=argparse.SUPPRESS)
t.add_argument('--hidden', help=argparse.SUPPRESS)
class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values.upper())
t.add_argument('--up', action=Upper)
print(t.format_help(), end='')
show(t.parse_args(['--hex', 'ff', '--ext', 'a', 'b', '--ext', 'c', '--no-bool', '--up', 'hi']))
show(t.parse_args(['--x', '1']))
ns = argparse.Namespace(a=1, b='x')
print(ns, ns == argparse.Namespace(b='x', a=1), 'a' in ns)
show(t.parse_args(['--hex', '10'], namespace=argparse.Namespace(pre=True)))

fp = argparse.ArgumentParser(prog='fp', fromfile_prefix_chars='@', parents=[r], add_help=False)
fp.add_argument('rest', nargs=argparse.REMAINDER)
show(fp.parse_args(['--foobar', 'v', 'cmd', '--foonly', '-x']))
show(fp.parse_intermixed_args(['--foobar', 'v', 'a', 'b']) if False else argparse.Namespace())
i = argparse.ArgumentParser(prog='i')
i.add_argument('--k'); i.add_argument('pos', nargs='*')
show(i.parse_intermixed_args(['a', '--k', '1', 'b', 'c']))
try:
    i.add_argument('--k')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    i.add_argument('bad', nargs=0)
except ValueError as e:
    print('ValueError:', e)
# A final uncaught parse error: usage and message on the real stderr, status 2.
sys.stdout.flush()
sys.stderr = sys.__stderr__
p.parse_args(['in', '--mode', 'x'])
print('not reached')
