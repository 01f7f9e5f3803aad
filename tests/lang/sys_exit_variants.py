# sys.exit with a tuple argument prints its repr to stderr, after finally blocks ran
import sys
def cleanup():
    try:
        sys.exit((1, "two"))
    finally:
        print("finally runs on exit")
try:
    sys.exit(3)
except SystemExit as e:
    print("caught", e.code, e.args, repr(e))
try:
    sys.exit()
except SystemExit as e:
    print("caught", e.code, e.args)
try:
    sys.exit("msg")
except SystemExit as e:
    print("caught", e.code)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print("caught", e.code)
try:
    sys.exit(None)
except BaseException as e:
    print(type(e).__name__, isinstance(e, Exception))
try:
    exit(4)
except SystemExit as e:
    print("builtin exit", e.code)
print("flushed before exit", flush=True)
cleanup()
