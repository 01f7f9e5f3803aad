"""The quick-start example: run it twice and compare.

The first run compiles the `shapes` package and writes its bytecode to
examples/shapes/__pycache__/*.minipy-01.pyc; the second run loads those
caches instead of compiling.  (This script itself is never cached, as in
CPython.)  Try `build/minipy -v examples/hello.py` to see which happened.
"""
import sys
from shapes import Circle, Rectangle, Square

shapes = [Rectangle(3, 4), Square(5), Circle(1.5)]
print(f"{'shape':<16}{'area':>10}{'perimeter':>12}")
for s in sorted(shapes, key=lambda s: s.area()):
    print(f"{s!r:<16}{s.area():>10.2f}{s.perimeter():>12.2f}")

total = sum(s.area() for s in shapes)
print(f"total area {total:.3f} from {len(shapes)} shapes, on {sys.implementation.name}")
