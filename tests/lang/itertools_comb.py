# itertools: product, permutations, combinations, combinations_with_replacement
from itertools import *

print(list(product('AB', 'xy')), list(product(range(2), repeat=3)))
print(list(product()), list(product('ab', [])), list(product('ab', repeat=0)))
print(list(product([1, 2], 'ab', repeat=2))[:5], len(list(product(range(3), range(4), repeat=2))))
print(list(permutations('ABC', 2)), list(permutations(range(3))))
print(list(permutations('ab', 0)), list(permutations('ab', 3)), list(permutations([])))
print(list(permutations('abcd', r=None))[:7], len(list(permutations(range(5), 3))))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)))
print(list(combinations('ab', 0)), list(combinations('ab', 3)), list(combinations([], 0)))
print(list(combinations(iterable='abc', r=2)), len(list(combinations(range(10), 4))))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('ab', 0)))
print(list(combinations_with_replacement([], 2)), list(combinations_with_replacement([], 0)))
print(list(combinations_with_replacement(range(3), 3)))
p = permutations('abc')
print(next(p), next(p), type(p).__name__, type(combinations('a', 1)))
# the consistency relations from the itertools documentation
from math import comb, perm, factorial
for n in range(5):
    for r in range(5):
        assert len(list(combinations(range(n), r))) == (comb(n, r) if r <= n else 0)
        assert len(list(permutations(range(n), r))) == (perm(n, r) if r <= n else 0)
        assert len(list(combinations_with_replacement(range(n), r))) == (comb(n + r - 1, r) if n else int(r == 0))
        assert list(combinations(range(n), r)) == sorted(set(combinations(range(n), r)))
print('ok')
