# list and dict work: sorting, comprehensions, slicing
import math
data = [(i * 7919) % 10007 for i in range(200_000)]
s = sorted(data)
evens = [x for x in data if x % 2 == 0]
d = {}
for x in data:
    d[x] = d.get(x, 0) + 1
top = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
chunks = [sum(data[i:i + 100]) for i in range(0, len(data), 100)]
print(s[0], s[-1], len(evens), top, max(chunks), math.floor(sum(chunks) / len(chunks)))
