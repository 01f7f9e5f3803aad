# compile(ast.parse(src)) gives the very code object compile(src) gives, for
# every top-level module of CPython's Lib/ (bytecode, names, constants,
# first lines, recursively; minipy's code objects show no line table): the
# conversion back from ast objects keeps every node and constant.
import ast
import os


def same_code(a, b):
    if (a.co_code, a.co_names, a.co_varnames, a.co_freevars, a.co_cellvars,
            a.co_firstlineno, a.co_name, a.co_flags) != (
            b.co_code, b.co_names, b.co_varnames, b.co_freevars, b.co_cellvars,
            b.co_firstlineno, b.co_name, b.co_flags):
        return False
    if len(a.co_consts) != len(b.co_consts):
        return False
    for x, y in zip(a.co_consts, b.co_consts):
        if hasattr(x, 'co_code'):
            if not hasattr(y, 'co_code') or not same_code(x, y):
                return False
        elif type(x) is not type(y) or (x != y if type(x) is frozenset else repr(x) != repr(y)):
            return False
    return True


lib = os.path.dirname(ast.__file__)
same = differ = 0
for name in sorted(n for n in os.listdir(lib) if n.endswith('.py')):
    with open(os.path.join(lib, name), 'rb') as f:
        src = f.read()
    direct = compile(src, name, 'exec', dont_inherit=True)
    via_ast = compile(ast.parse(src, name), name, 'exec', dont_inherit=True)
    if same_code(direct, via_ast):
        same += 1
    else:
        differ += 1
        print('differs:', name)
print(same > 150, differ)
