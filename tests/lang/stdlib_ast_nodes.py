# The _ast node classes: hierarchy, _fields, _attributes, __match_args__,
# docstrings, None defaults of optional fields, the constructor's rules and
# errors, __reduce__ (copy, deepcopy; pickle needs re), the PyCF_* flags.
import _ast
import ast
import copy


def walk(cls, depth=0):
    for sub in cls.__subclasses__():
        if sub.__module__ != 'ast' or sub.__name__ in ('slice', 'Num', 'Str', 'Bytes', 'NameConstant',
                                                        'Ellipsis', 'Index', 'ExtSlice', 'Suite',
                                                        'AugLoad', 'AugStore', 'Param'):
            continue
        defaults = sorted(k for k, v in vars(sub).items() if v is None and k != '__doc__')
        print('  ' * depth + sub.__name__, sub._fields, sub._attributes, sub.__match_args__, defaults)
        print('  ' * depth + ' ', repr(sub.__doc__))
        walk(sub, depth + 1)


print(ast.AST, ast.AST.__module__, ast.AST._fields, ast.AST._attributes, ast.AST.__doc__)
walk(ast.AST)
print(sorted(n for n in dir(_ast) if not n.startswith('__')))
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(ast.Name.__mro__)
print(ast.Module.__name__, ast.Module.__qualname__, ast.Load().__class__.__name__)

# constructor
n = ast.Name('x', ast.Load(), lineno=3, col_offset=4)
print(list(vars(n)))
print(n.id, n.lineno, n.end_lineno, n.end_col_offset)
print(ast.Return().value, ast.Constant(1).kind, ast.arguments().vararg)
print(ast.Name(foo=1).__dict__)
for make in [lambda: ast.Name('x', id='y'), lambda: ast.Pass(1), lambda: ast.Name(1, 2, 3),
             lambda: ast.AST(1), lambda: ast.Load(1), lambda: ast.alias(1, 2, 3),
             lambda: ast.comprehension(1, 2, 3, 4, 5), lambda: ast.Module().body,
             lambda: ast.BinOp(1, 2, 3, 4)]:
    try:
        print(make())
    except Exception as e:
        print(type(e).__name__, e)


class X(ast.AST):
    _fields = ('a', 'b')


print(X(1, 2).__dict__, X(a=1).__dict__)


class Y(ast.Name):
    def __init__(self, v):
        super().__init__(id=v, ctx=ast.Load())


print(Y('q').id, isinstance(Y('q'), ast.expr))

# parser output shares one instance per operator/context class
t = ast.parse('a + b + c; x = y')
print(t.body[0].value.op is t.body[0].value.left.op, type(t.body[1].targets[0].ctx).__name__)

# copy
t = ast.parse('x = [1, (2, 3)]\nprint(x)')
for c in (copy.copy(t), copy.deepcopy(t)):
    print(ast.dump(c, include_attributes=True) == ast.dump(t, include_attributes=True), type(c).__name__)
print(ast.Name('x').__reduce__()[0], ast.Name('x').__reduce__()[1:], ast.AST().__reduce__())
print(copy.deepcopy(ast.Load()).__class__, copy.copy(t).body is t.body, copy.deepcopy(t).body is t.body)

# match on nodes (__match_args__)
match ast.parse('f(1)').body[0].value:
    case ast.Call(ast.Name(id), [ast.Constant(v)]):
        print('call', id, v)

# deprecated aliases from ast.py
print(ast.Num(3).n, type(ast.Str('s')).__name__, isinstance(ast.Constant(1), ast.Num))
print(ast.Constant('x').s)
