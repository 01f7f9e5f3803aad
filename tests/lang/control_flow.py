# if/elif/else, while/else, for/else, break/continue, pass
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"
print([classify(n) for n in (-5, 0, 3, 42)])
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print("while", i)
else:
    print("not reached")
n = 0
while n < 3:
    n += 1
else:
    print("while-else ran", n)
for x in range(3):
    pass
else:
    print("for-else ran", x)
for x in [1, 2, 3]:
    if x == 2:
        break
else:
    print("not reached")
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > 1:
            break
        print(i, j, end="; ")
print()
primes = []
for n in range(2, 30):
    for p in primes:
        if n % p == 0:
            break
    else:
        primes.append(n)
print(primes)
if []:
    print("no")
elif {}:
    print("no")
else:
    pass
print("done")
