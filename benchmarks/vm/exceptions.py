# raising and catching exceptions
class Oops(Exception):
    pass
def check(i):
    if i % 3 == 0:
        raise Oops(i)
    if i % 3 == 1:
        raise KeyError(i)
    return i
caught = 0
for i in range(300_000):
    try:
        check(i)
    except Oops:
        caught += 1
    except KeyError:
        caught += 2
    finally:
        caught += 0
d = {}
misses = 0
for i in range(200_000):
    try:
        d[i]
    except KeyError:
        misses += 1
print(caught, misses)
