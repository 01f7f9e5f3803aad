# Groups nested past max_group_depth (10), and wider than 15 at depth.
def deep(n):
    if n == 0:
        return ValueError("leaf")
    return ExceptionGroup(f"level {n}", [deep(n - 1), TypeError(n)])

wide = ExceptionGroup("wide", [KeyError(i) for i in range(17)])
try:
    raise wide
except ExceptionGroup as w:
    wide = w
g = deep(12)
raise ExceptionGroup("outer", [g, wide]) from BaseExceptionGroup("cause", [KeyboardInterrupt()])
