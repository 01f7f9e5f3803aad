# assert: passing, failing with message inside try, then uncaught
assert 1 + 1 == 2
assert True, "never"
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("caught:", e)
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
print(check(3))
check(-1)
