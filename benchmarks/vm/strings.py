# string building, methods, formatting and dict counting
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
counts = {}
parts = []
for i in range(600_000):
    w = words[i % 8]
    key = w.upper() if i % 3 == 0 else w
    counts[key] = counts.get(key, 0) + 1
    if i % 1000 == 0:
        parts.append(f"{key}:{i:06d}")
text = " ".join(parts)
print(len(text), text.count("ALPHA"), sorted(counts.items())[:3], text.split()[-1].lower().replace("e", "3"))
