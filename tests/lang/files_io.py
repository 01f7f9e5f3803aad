# open(): text write, append, read, readline, iteration, with statement
import os
path = "files_io.tmp"
with open(path, "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
    print("wrote", n)
with open(path, "a") as f:
    f.write("third\n")
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
f = open(path)
print(f.closed, f.read(5))
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
os.remove(path)
try:
    open("definitely_missing_file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
except OSError as e:
    print("OSError:", e)
