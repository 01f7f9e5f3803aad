# a huge allocation is a MemoryError (or OverflowError), never a crash
try:
    x = [0] * (2 ** 40)
except MemoryError:
    print("MemoryError")
try:
    s = "ab" * (2 ** 50)
except (MemoryError, OverflowError) as e:
    print(type(e).__name__)
print("still alive")
