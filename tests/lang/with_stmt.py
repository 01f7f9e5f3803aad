# with statements: __enter__/__exit__, exceptions passed and suppressed
class Ctx:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with Ctx("a") as c:
    print("body", c.name)
with Ctx("outer"), Ctx("inner") as i:
    print("nested body", i.name)
with Ctx("swallow", suppress=True):
    raise ValueError("suppressed")
print("after suppressed")
try:
    with Ctx("propagate"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
def early():
    with Ctx("ret"):
        return "returned"
print(early())
for n in range(3):
    with Ctx(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
print("done")
