# comparison operators, chaining, is / in
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 1 <= 1 < 2 <= 2, 3 > 2 > 1 > 0, x != 4, not x == 4)
print("a" < "b" < "c", [1] == [1], [1] is [1], (1, 2) <= (1, 2), None is not None, 0 == -0.0)
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(2) < f(0) < f(3), calls)
print(1 in [1, 2], "x" in "xyz", 3 in {3: 4}, (1, 2) in [(1, 2)], 2 in range(3), 4 not in (1, 2))
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
print(1 == "1", None == 0, [] == (), {1} == {1.0}, float("nan") == float("nan"))
