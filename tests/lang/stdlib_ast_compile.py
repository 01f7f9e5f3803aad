# compile() of ast objects: parse -> (transform) -> compile -> exec, the
# eval and single modes, and CPython's errors for malformed trees (missing
# fields, wrong node kinds, wrong contexts, empty bodies, bad constants).
import ast

src = '''
def fib(n):
    """Fibonacci."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

class C:
    x = [i * i for i in range(5)]
    def m(self, *args, k=2, **kw):
        return sum(args) * k, kw

try:
    1 / 0
except ZeroDivisionError as e:
    print('caught', type(e).__name__)
finally:
    print('finally')

match {'a': [1, 2]}:
    case {'a': [x, *rest]}:
        print('match', x, rest)

print(fib(10), fib.__doc__, C.x, C().m(1, 2, z=3), f'{fib(5)!r:>4}|')
print(-1, -2.5, (1, (2, 3)), 10 ** 20, 1j, -0.0)
'''
tree = ast.parse(src)
code = compile(tree, '<ast>', 'exec')
exec(code, {})
print(code.co_filename, code.co_consts[0].co_name if hasattr(code.co_consts[0], 'co_name') else '')


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node


class Rename(ast.NodeTransformer):
    def visit_Name(self, node):
        if node.id == 'print':
            return ast.copy_location(ast.Name('shout', node.ctx), node)
        return node


def shout(*a):
    print('!!', *a)


t = ast.parse('print(1 + 2, [3, 4], {5: 6})')
t = Rename().visit(Double().visit(t))
exec(compile(t, 'x', 'exec'), {'shout': shout})

# a tree built by hand, fixed up with fix_missing_locations
call = ast.Call(func=ast.Name('print', ast.Load()),
                args=[ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7))], keywords=[])
mod = ast.fix_missing_locations(ast.Module(body=[ast.Expr(call)], type_ignores=[]))
exec(compile(mod, 'built', 'exec'))
print(mod.body[0].lineno, mod.body[0].col_offset, call.end_lineno)

expr = ast.Expression(body=ast.BinOp(ast.Constant(2), ast.Pow(), ast.Constant(10)))
print(eval(compile(ast.fix_missing_locations(expr), 'e', 'eval')))
print(eval(compile(ast.parse('[x * 2 for x in range(3)]', mode='eval'), 'e', 'eval')))
exec(compile(ast.parse('1 + 1', mode='single'), 's', 'single'))

# increment_lineno moves errors' lines
t = ast.parse('x = 1\n1 / 0\n')
ast.increment_lineno(t, 10)
try:
    exec(compile(t, 'moved', 'exec'))
except ZeroDivisionError as e:
    print('line', e.__traceback__.tb_next.tb_lineno)

# async and generators from a tree
t = ast.parse('''
def gen():
    yield 1
    yield from [2, 3]
async def co():
    return 4
g = list(gen())
c = co()
try:
    c.send(None)
except StopIteration as s:
    r = s.value
print(g, r)
''')
exec(compile(t, 'g', 'exec'), {})

# compile-time errors still come from the compiler
for s in ['return 1', 'break', 'nonlocal x', 'def f():\n    x = 1\n    global x\n']:
    try:
        compile(ast.parse(s), 'c', 'exec')
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno)


def t(tree, mode='exec'):
    try:
        compile(tree, 'f', mode)
        print('ok')
    except Exception as e:
        msg = str(e)
        if ' at 0x' in msg:
            msg = msg[:msg.index(' at 0x')] + '>'
        print(type(e).__name__, msg)


P = dict(lineno=1, col_offset=0)
C1 = lambda: ast.Constant(1, **P)
t(ast.Module([ast.Expr(ast.Name('x', ast.Load()))], []))
t(ast.Module([ast.Expr(42, **P)], []))
t(ast.Module([ast.Expr(None, **P)], []))
t(ast.Module([ast.Expr(**P)], []))
t(ast.Module(5, []))
t(ast.Module([5], []))
t(ast.Module([None], []))
t(ast.Module(body=[]))
t(ast.Module([ast.Expr(ast.Name(5, ast.Load(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.Name('x', ast.Store(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.Name('x', None, **P), **P)], []))
t(ast.Module([ast.Assign([C1()], C1(), **P)], []))
t(ast.Module([ast.Delete([ast.Name('x', ast.Load(), **P)], **P)], []))
t(ast.Module([ast.Expr(ast.Constant([1], **P), **P)], []))
t(ast.Module([ast.Expr(ast.Constant((1, [2]), **P), **P)], []))
t(ast.Module([ast.Expr(ast.Constant((1, 2.5, 'a', b'b', None, frozenset({3})), **P), **P)], []))
t(ast.Module([ast.If(C1(), [], [], **P)], []))
t(ast.Module([ast.While(C1(), [], [], **P)], []))
t(ast.Module([ast.Delete([], **P)], []))
t(ast.Module([ast.Import([], **P)], []))
t(ast.Expression(C1()))
t(ast.Module([], []), 'eval')
t(ast.Interactive([]), 'exec')
t(ast.Expression(C1()), 'single')
t(ast.Module([], []), 'nope')
t(ast.Module([ast.Expr(ast.Name('None', ast.Load(), **P), **P)], []))
t(ast.Module([ast.ImportFrom('a', [ast.alias('b', **P)], -1, **P)], []))
t(ast.Module([ast.Expr(ast.BinOp(C1(), ast.Add, C1(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.BinOp(C1(), ast.Add(), C1(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.BinOp(C1(), None, C1(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.Constant(1, lineno='a', col_offset=0), **P)], []))
t(ast.Module([ast.Expr(ast.List([None], ast.Load(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.Compare(C1(), [], [], **P), **P)], []))
t(ast.Module([ast.Expr(ast.Compare(C1(), [ast.Lt()], [C1(), C1()], **P), **P)], []))
t(ast.Module([ast.Expr(ast.BoolOp(ast.And(), [C1()], **P), **P)], []))
t(ast.Module([ast.Expr(ast.Dict([C1()], [], **P), **P)], []))
t(ast.Module([ast.Try([ast.Pass(**P)], [], [], [], **P)], []))
t(ast.Module([ast.Try([ast.Pass(**P)], [], [ast.Pass(**P)], [ast.Pass(**P)], **P)], []))
t(ast.Module([ast.Raise(None, C1(), **P)], []))
t(ast.Module([ast.Global(['x', 5], **P)], []))
t(ast.Module([ast.Global([], **P)], []))
t(ast.Module([ast.Expr(ast.Call(ast.Name('f', ast.Load(), **P), [], [ast.keyword('a', None, **P)], **P), **P)], []))
t(ast.Module([ast.Expr(ast.Call(ast.Name('f', ast.Load(), **P), [], [C1()], **P), **P)], []))
t(ast.Module([ast.FunctionDef('f', ast.arguments([], [], None, [], [], None, []), [], [], None, **P)], []))
t(ast.Module([ast.FunctionDef('f', ast.arguments([], [], None, [], [], None, [C1()]), [ast.Pass(**P)], [], None, **P)], []))
t(ast.Module([ast.FunctionDef('f', ast.arguments([], [], None, [ast.arg('a', **P)], [], None, []), [ast.Pass(**P)], [], None, **P)], []))
t(ast.Module([ast.FunctionDef(None, ast.arguments([], [], None, [], [], None, []), [ast.Pass(**P)], [], None, **P)], []))
t(ast.Module([ast.AnnAssign(ast.Attribute(ast.Name('a', ast.Load(), **P), 'b', ast.Store(), **P), C1(), None, 1, **P)], []))
t(ast.Module([ast.Expr(ast.NamedExpr(ast.Attribute(ast.Name('a', ast.Load(), **P), 'b', ast.Store(), **P), C1(), **P), **P)], []))
t(ast.Module([ast.Expr(ast.ListComp(C1(), [], **P), **P)], []))
t(ast.Module([ast.Expr(ast.Starred(ast.Name('x', ast.Load(), **P), ast.Load(), **P), **P)], []))
t(ast.Module([ast.Match(C1(), [], **P)], []))
t(ast.Module([ast.Match(C1(), [ast.match_case(ast.MatchValue(ast.Name('x', ast.Load(), **P), **P, end_lineno=1, end_col_offset=1), None, [ast.Pass(**P)])], **P)], []))
t(ast.Module([ast.Match(C1(), [ast.match_case(ast.MatchSingleton(5, **P, end_lineno=1, end_col_offset=1), None, [ast.Pass(**P)])], **P)], []))
t(ast.Module([ast.Match(C1(), [ast.match_case(ast.MatchOr([], **P, end_lineno=1, end_col_offset=1), None, [ast.Pass(**P)])], **P)], []))
t(ast.Module([ast.Match(C1(), [ast.match_case(ast.MatchAs(None, '_', **P, end_lineno=1, end_col_offset=1), None, [ast.Pass(**P)])], **P)], []))
t(ast.Module([ast.Expr(ast.Constant(1, kind=3, **P), **P)], []))
t(ast.Module([ast.Expr(C1(), **P)], type_ignores=5))
t(ast.Module([ast.With([5], [ast.Pass(**P)], **P)], []))
t(ast.Module([ast.Expr(ast.Lambda(None, C1(), **P), **P)], []))
t(5)
t(ast.Module([ast.Expr(ast.Call(ast.Name('f', ast.Load(), **P), [], [None], **P), **P)], []))
t(ast.Module([ast.Import([None], **P)], []))
t(ast.Module([ast.With([None], [ast.Pass(**P)], **P)], []))
t(ast.Module([ast.Expr(ast.ListComp(C1(), [None], **P), **P)], []))
t(ast.Module([ast.FunctionDef('f', ast.arguments([], [None], None, [], [], None, []), [ast.Pass(**P)], [], None, **P)], []))
t(ast.Module([ast.Try([ast.Pass(**P)], [ast.Pass(**P)], [], [], **P)], []))
t(ast.Module([ast.Match(C1(), [None], **P)], []))
