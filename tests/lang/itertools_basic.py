# itertools: the infinite and filtering iterators, chain, accumulate, groupby, islice, tee
import itertools
from itertools import *

def take(n, it):
    return list(islice(it, n))

# count
print(take(5, count()), take(3, count(5)), take(3, count(2, 3)), take(3, count(1.5, 0.5)))
print(take(3, count(10, -2)), take(3, count(start=3, step=2)), take(2, count(2**62 - 1)))
c = count(5)
print(repr(c), next(c), repr(c), repr(count(1, 1.0)), repr(count(0, True)), repr(count(2.5, 2)))
print(repr(count(-3)), repr(count(2**70, -1)))
print(type(c), type(c).__name__, type(c).__module__, itertools.count)
# cycle
print(take(7, cycle('abc')), take(3, cycle([])), take(5, cycle(iter([1, 2]))))
# repeat
print(list(repeat('a', 3)), list(repeat(1, 0)), list(repeat(1, -5)), take(3, repeat(None)))
r = repeat('a', 3)
print(repr(r), r.__length_hint__(), next(r), repr(r), r.__length_hint__())
print(repr(repeat([1])), repr(repeat(1, -2)), repr(repeat(object='x', times=2)))
print(list(map(pow, range(5), repeat(2))))
# accumulate
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], initial=100)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], lambda a, b: a * b)))
print(list(accumulate([])), list(accumulate([], initial=0)), list(accumulate('abc')))
print(list(accumulate([1, 2], func=None, initial=None)), list(accumulate(iterable=[5, 5])))
# chain
print(list(chain('ab', [1, 2], (), range(2))), list(chain()), list(chain.from_iterable(['ab', 'cd'])))
print(list(chain.from_iterable(iter([[1], [2, 3]]))), type(chain.from_iterable([])))
# compress
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress(data='abc', selectors=[0, 1])))
print(list(compress(range(10), cycle([True, False]))))
# dropwhile, takewhile, filterfalse, starmap
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 5], 'ab'])))
tw = takewhile(lambda x: x < 2, [1, 2, 1])
print(list(tw), list(tw))
# groupby
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5, 7, 6], key=lambda x: x % 2)])
print(list(groupby([])), [(k, list(g)) for k, g in groupby(iterable='aab', key=None)])
gb = groupby('aabbc')
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2))
gb = groupby('aaab')
k, g = next(gb)
print(next(g), k, list(g))
print(type(g), type(g).__name__)
# islice
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(10), 1, 8, 3)), list(islice(count(), 3, 6)))
print(list(islice('abc', None)), list(islice('abc', None, None, None)), list(islice('abc', 10)))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it))
# pairwise
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise([])), list(pairwise(range(3))))
# tee
a, b = tee([1, 2, 3])
print(next(a), next(a), list(b), list(a))
a, b, c = tee(iter('xyz'), 3)
print(list(a), list(b), list(c), tee('ab', 0), len(tee('ab')))
t = tee(range(100))[0]
d = t.__copy__()
print(sum(t), sum(d), type(t).__name__)
x, y = tee(range(200))
print(list(x)[-3:], len(list(y)))
a, = tee(iter(range(3)), 1)
a2, b2 = tee(a)
print(a2 is a, list(a2), list(b2))
# zip_longest
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('ab', range(3))))
print(list(zip_longest()), list(zip_longest([], [])), list(zip_longest('a', fillvalue=0)))
print(type(islice('a', 1)).__name__, itertools.islice, itertools._grouper, itertools._tee_dataobject)
r = repeat(1, 2**62)
print(repr(r), r.__length_hint__(), next(r), repr(r), repr(repeat(0, 2**63 - 1)))
