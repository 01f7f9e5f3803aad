# string literal escapes and raw strings
print("tab\tnewline\\n", "\x41\u00e9\U0001F600", "\101\0end", len("\0"), 'single\'s', "dq\"")
print(r"raw \n \t \\", R"\d+", rb"\x00", "line\
continued", "\a\b\f\v" == "\x07\x08\x0c\x0b")
print(repr("\r\n\t\x0b"), repr("\U0001F600"), repr("\u200b"), len("日本語"), "日本語".encode())
s = """a
  b\tc"""
print(s, repr(s))
