# binary-trees: allocate and walk many short-lived complete binary trees
# (tuples), beside one long-lived tree; run through a driver: bench(f, *args).
def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check(tree):
    left, right = tree
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def binary_trees(max_depth):
    min_depth = 4
    lines = []
    stretch = max_depth + 1
    lines.append("stretch tree of depth %d\t check: %d" % (stretch, check(make_tree(stretch))))
    long_lived = make_tree(max_depth)
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        total = 0
        for _ in range(iterations):
            total += check(make_tree(depth))
        lines.append("%d\t trees of depth %d\t check: %d" % (iterations, depth, total))
    lines.append("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
    return lines


def bench(f, *args):
    return f(*args)


for line in bench(binary_trees, 14):
    print(line)
