# generator expressions and comprehensions inside class bodies and methods; __iter__ as generator; __init_subclass__
class Table:
    rows = [1, 2, 3]
    total = sum(r for r in rows)
    squares = {r: r * r for r in rows}
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        for d in self.data:
            yield d * 2
    def evens(self):
        return (d for d in self.data if d % 2 == 0)
    def pairs(self):
        yield from zip(self.data, self.data[1:])
print(Table.total, Table.squares)
t = Table([1, 2, 3, 4])
print(list(t), list(t.evens()), list(t.pairs()), sum(t), max(t), 6 in t, sorted(t, reverse=True))
it = iter(t)
print(next(it), next(it), type(it).__name__)
class Registry:
    subclasses = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Registry.subclasses.append(cls.__name__)
class PluginA(Registry): pass
class PluginB(Registry): pass
class PluginC(PluginA): pass
print(Registry.subclasses)
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
print(list(Tree(1, Tree(2, Tree(3)), Tree(4))))
class Lines:
    def __init__(self, text):
        self.text = text
    def __iter__(self):
        return (line.strip() for line in self.text.splitlines() if line.strip())
    def __len__(self):
        return sum(1 for _ in self)
print(list(Lines(" a \n\n b\n")), len(Lines("x\ny\n\n")))
class Cls:
    x = 10
    ys = [x for _ in range(2)] if False else None
    def meth(self):
        return [self.x * i for i in range(3)]
print(Cls().meth(), Cls.ys)
try:
    class Bad:
        x = 10
        ys = [x for _ in range(2)]
except NameError as e:
    print("NameError:", e)
class Gen:
    def __iter__(self):
        yield 1
        raise ValueError("mid-iteration")
try:
    for v in Gen():
        print("got", v)
except ValueError as e:
    print("ValueError:", e)
