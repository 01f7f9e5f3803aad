# binascii quoted-printable: a2b_qp and b2a_qp against CPython on varied inputs
import binascii as B
import _random

r = _random.Random(7)
alphabet = b'ab =_.\t\r\n\x00\x7f\x80\xff==xyz'
for n in range(60):
    length = r.getrandbits(7)
    data = bytes(alphabet[r.getrandbits(5) % len(alphabet)] for _ in range(length))
    flags = r.getrandbits(3)
    enc = B.b2a_qp(data, quotetabs=bool(flags & 1), istext=bool(flags & 2), header=bool(flags & 4))
    print(n, enc, B.a2b_qp(enc, header=bool(flags & 4)) == data, B.a2b_qp(data))
print(B.b2a_qp(b'x' * 100), B.b2a_qp(b'a b\r\nc d \r\n'), B.b2a_qp(b'.\n.a\n'), B.b2a_qp(b'tab\tend\t'))
print(B.a2b_qp('a=3Db=\nc=\r\nd=zz=4=a_b', header=True), B.a2b_qp(b'=='), B.a2b_qp(b'='), B.a2b_qp('=4'))
print(B.b2a_qp(b'a_b c', header=True), B.b2a_qp(data=b'\xe9t\xe9'), B.b2a_qp(b'line\n' * 3, istext=False))
