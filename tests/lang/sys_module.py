# the sys module
import sys
print(sys.argv[0], sys.argv[1:])
print(type(sys.path).__name__, type(sys.modules).__name__, "sys" in sys.modules, sys.maxsize)
print(sys.version_info[0], sys.version_info[:2] >= (3, 11), hasattr(sys.implementation, "cache_tag"))
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.stdout.write("via sys.stdout\n")
print(sys.byteorder, sys.platform)
try:
    sys.exit("bye from sys.exit")
except SystemExit as e:
    print("SystemExit:", e.code)
