# An uncaught exception chain whose members have notes (stderr compared).
def inner():
    raise ValueError("inner")
try:
    try:
        inner()
    except ValueError as v:
        v.add_note("note of inner")
        raise RuntimeError("outer") from v
except RuntimeError as r:
    r.add_note("note of outer")
    r.add_note("multi\nline note")
    r.add_note("ends with newline\n")
    r.add_note(str(12))
    final = r
err = TypeError("final")
err.__notes__ = final.__notes__ + ["extra"]
try:
    raise final
except RuntimeError:
    raise err
