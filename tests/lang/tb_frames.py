# tracebacks through several frames: methods, classmethods, properties, lambdas, comprehensions, generators
class Repo:
    def __init__(self, data):
        self.data = data
    @property
    def first(self):
        return self.lookup(0)
    def lookup(self, i):
        return self.data[i]
    @classmethod
    def build(cls, raw):
        return cls([int(x) for x in raw])
    def gen(self):
        for d in self.data:
            yield 10 // d
def catch(f):
    try:
        f()
    except Exception as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name if hasattr(tb, "tb_frame") else "?")
            tb = tb.tb_next
        print(type(e).__name__, e, "| lines:", len(names))
catch(lambda: Repo([]).first)
catch(lambda: Repo.build(["1", "x"]))
catch(lambda: list(Repo([1, 0]).gen()))
catch(lambda: sorted([3, "a"]))
def level3(x):
    return {"a": 1}[x]
def level2(x):
    return level3(x) + 1
def level1(x):
    return [level2(v) for v in x]
class Runner:
    def run(self, items):
        return level1(items)
    def __call__(self, items):
        return self.run(items)
Runner()(["a", "b"])
