# print with file=, sep=, end=, flush=; writing to sys.stderr/sys.stdout and to files; interleaving
import sys
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
print("a", "b", sep="", end="|\n", file=sys.stderr)
print(file=sys.stderr)
print(1, 2, 3, sep=None, end=None)
print("x", "y", sep="\n")
print(*[1, 2, 3], sep=", ", end=".\n", flush=True)
print()
sys.stdout.write("write returns: ")
n = sys.stdout.write("hello\n")
print(n)
sys.stderr.write("stderr write\n")
with open("print_file.tmp", "w") as f:
    print("line1", file=f)
    print("a", 1, None, [2], sep="-", file=f)
    print("no newline", end="", file=f)
with open("print_file.tmp") as f:
    print(repr(f.read()))
import os
os.remove("print_file.tmp")
print(None, True, 3.0, "s", b"b", (1,), [], {}, sep="|")
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("custom", 42, file=w)
print(w.parts)
class S:
    def __str__(self): return "S-str"
    def __repr__(self): return "S-repr"
print(S(), [S()], f"{S()}", str(S()), repr(S()))
try:
    print("x", file=5)
except AttributeError as e:
    print("AttributeError:", e)
try:
    print("x", sep=1)
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", bogus=1)
except TypeError as e:
    print("TypeError:", e)
print(file=None)
print("end", file=sys.stderr, end="!\n")
