# Uncaught exception groups: what except* re-raises, a depth past
# max_group_depth, a group as the cause of another exception.
def deep(n):
    if n == 0:
        return ValueError("leaf")
    return ExceptionGroup(f"level {n}", [deep(n - 1), TypeError(n)])

def fail():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])

def handled():
    try:
        fail()
    except* ValueError:
        raise RuntimeError("from the handler")
    except* KeyError as e:
        e.add_note("key note")
        raise

try:
    handled()
except ExceptionGroup as g:
    print(repr(g))

try:
    raise deep(12)
except ExceptionGroup as g:
    try:
        raise SystemError("caused") from g
    except SystemError as s:
        caught = s

def main():
    try:
        raise caught
    finally:
        handled()
main()
