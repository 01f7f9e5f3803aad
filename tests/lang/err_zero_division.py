def ratio(a, b):
    return a / b
def report(values):
    for v in values:
        print(ratio(10, v))
report([2, 5, 0, 1])
