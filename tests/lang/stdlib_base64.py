import base64, binascii

data = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256)), b"\xff\xfe\xfd<>?"]
for d in data[:7] + [data[8]]:
    print(base64.b64encode(d), base64.b32encode(d), base64.b16encode(d))
    print(base64.b85encode(d), base64.a85encode(d), base64.urlsafe_b64encode(d))
    print(base64.standard_b64encode(d), base64.b32hexencode(d))
for d in data:
    assert base64.b64decode(base64.b64encode(d)) == d
    assert base64.b32decode(base64.b32encode(d)) == d
    assert base64.b32hexdecode(base64.b32hexencode(d)) == d
    assert base64.b16decode(base64.b16encode(d)) == d
    assert base64.b85decode(base64.b85encode(d)) == d
    assert base64.a85decode(base64.a85encode(d)) == d
    assert base64.urlsafe_b64decode(base64.urlsafe_b64encode(d)) == d
print("roundtrips ok")
print(base64.b64encode(b"\xfb\xff", altchars=b"-_"), base64.b64decode(b"-_8=", altchars=b"-_"))
print(base64.b64decode("Zm9vYmFy"), base64.b64decode(b"Zm9v\nYmFy"))
print(base64.b85encode(b"abc", pad=True), base64.b85decode(b"VPazd"))
print(base64.a85encode(b"hello world", adobe=True), base64.a85decode(b"<~BOu!rD]j7BEbo80~>", adobe=True))
print(base64.a85encode(b"\0\0\0\0    ", foldspaces=True), base64.a85encode(b"x" * 40, wrapcol=20))
print(base64.a85decode(b"zy", foldspaces=True))
print(base64.b32decode(b"MZXW6===", casefold=True), base64.b32decode(b"mzxw6===", casefold=True))
print(base64.b32decode(b"0ZXW6===", map01=b"O"))
print(base64.b16decode(b"666f6f", casefold=True))
print(base64.encodebytes(b"x" * 100))
print(base64.decodebytes(b"eHh4\n"))
print(base64.encodebytes(b""))

def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)

err(base64.b64decode, b"Zm9", validate=True)
err(base64.b64decode, b"Zm9")
err(base64.b64decode, b"Zm9v!", validate=True)
err(base64.b64decode, b"Zm9v!")
err(base64.b64decode, "Zm9v\u00e9")
err(base64.b64encode, "str")
err(base64.b32decode, b"MZXW6")
err(base64.b32decode, b"mzxw6===")
err(base64.b32decode, b"MZXW6==1")
err(base64.b16decode, b"666")
err(base64.b16decode, b"666f6g")
err(base64.b16decode, b"666f6f")
err(base64.b85decode, b"|NsC0|")
err(base64.a85decode, b"<~abc", adobe=True)
err(base64.a85decode, b"abcdez")
err(base64.a85decode, b"uuuuu")
err(base64.b64decode, 3)
err(base64.encodebytes, "s")
print(base64.b64decode(bytearray(b"Zm9v")), base64.b64decode(memoryview(b"Zm9v")))
print(binascii.b2a_base64(b"abc"), binascii.a2b_base64(b"YWJj"), binascii.hexlify(b"\x01\xab"))
print(binascii.b2a_base64(b"abc", newline=False), binascii.crc32(b"hello"))
err(binascii.a2b_base64, b"YWJ")
err(binascii.unhexlify, b"abc")
err(binascii.unhexlify, b"zz")
