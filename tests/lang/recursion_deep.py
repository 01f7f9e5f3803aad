# recursion: mutual recursion, memoization, deep but legal depth, RecursionError caught and recovery
import sys
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
memo = {}
def fib(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print(fact(30), is_even(100), is_odd(7), fib(90), len(str(fact(200))))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(800))
def infinite(n):
    return infinite(n + 1)
try:
    infinite(0)
except RecursionError as e:
    print("RecursionError:", e)
print("recovered", depth(500))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves
print(len(hanoi(10, "A", "B", "C", [])), hanoi(2, "A", "B", "C", []))
def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
print(perms("abc"))
class Node:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, list(kids)
    def total(self):
        return self.v + sum(k.total() for k in self.kids)
    def __repr__(self):
        return f"N({self.v}{', ' if self.kids else ''}{', '.join(map(repr, self.kids))})"
tree = Node(1, [Node(2, [Node(4)]), Node(3)])
print(tree.total(), tree)
nested = []
for _ in range(50):
    nested = [nested]
print(str(nested).count("["))
sys.setrecursionlimit(100)
print(sys.getrecursionlimit())
try:
    depth(200)
except RecursionError as e:
    print("RecursionError:", e)
def down(n):
    return down(n + 1)
down(0)
