# ast.parse(mode="func_type"): signature type comments as FunctionType nodes,
# the order rules of * and ** items, and compile()'s func_type checks.
import ast
for s in ['() -> None', '(int, str) -> bool', '(*int) -> x', '(**k) -> y', '(a, *b, **c) -> d', '(a, *b, c) -> d',
          '(**a, b) -> c', '(*a, *b) -> c', '(a) -> b\n', '  (a) -> b', '(a,) -> b', '(a -> b', 'x', '(a) -> b, c',
          '(List[int], Dict[str, int]) -> Optional[T]']:
    try:
        print(repr(s), ast.dump(ast.parse(s, mode='func_type'), include_attributes=True))
    except SyntaxError as e:
        print(repr(s), 'SyntaxError', e.msg, e.lineno, e.offset)
try:
    compile('() -> x', 'f', 'func_type')
except ValueError as e:
    print(e)
try:
    compile(ast.parse('() -> x', mode='func_type'), 'f', 'func_type')
except Exception as e:
    print(type(e).__name__, e)
