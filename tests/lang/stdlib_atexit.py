# atexit: callbacks run last-first after the program, with their arguments;
# an exception in one is reported and the others still run.
import atexit, sys

def bye(name, punct="!"):
    print("bye", name + punct)

class Boom:
    def __call__(self):
        raise ValueError("in exit")
    def __repr__(self):
        return "<Boom>"

atexit.register(bye, "first")
atexit.register(Boom())
print(atexit.register(bye, "second", punct="?") is bye)

@atexit.register
def decorated():
    print("decorated")
    atexit.register(print, "registered while exiting: not run")

def gone():
    print("never")
atexit.register(gone)
atexit.register(gone)
atexit.unregister(gone)
try:
    atexit.register(3)
except TypeError as e:
    print("TypeError", e)
try:
    atexit.register()
except TypeError as e:
    print("TypeError", e)
print("main done")
