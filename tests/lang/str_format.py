# str.format
print("{} {} {}".format(1, "two", 3.0), "{0} {1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>6}|{:<6}|{:^6}|{:06.2f}|{:,}".format("r", "l", "c", 3.14159, 1234567))
print("{0[0]} {0[1]} {1[key]}".format([10, 20], {"key": "val"}), "{!r} {!s}".format("q", "q"))
class P:
    def __init__(self):
        self.x = 5
print("{0.x} {p.x}".format(P(), p=P()), "{:{w}d}".format(7, w=4), "{{}} {}".format("ok"))
print("{:b} {:o} {:x} {:e} {:%}".format(5, 8, 255, 1500.0, 0.5))
try:
    "{} {0}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    "{2}".format(1)
except IndexError as e:
    print("IndexError:", e)
