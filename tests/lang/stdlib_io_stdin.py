# sys.stdin as a TextIOWrapper over a pipe: input(), readline, iteration,
# and its binary layer.
import sys

print(sys.stdin.readable(), sys.stdin.writable(), sys.stdin.seekable(), sys.stdin.encoding)
print(repr(input()))
print(repr(input("prompt> ")))
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.read(3)))
print(repr(sys.stdin.buffer.peek(1)[:0]))
for line in sys.stdin:
    print(repr(line))
    if not line.strip():
        break
print(repr(sys.stdin.read()))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
try:
    input("eof? ")
except EOFError as e:
    print("EOFError", e)
try:
    sys.stdin.write("x")
except Exception as e:
    print(type(e).__name__, e)
