# str: indexing by code point, slices with steps, concatenation, repetition
s = "hello, world"
print(s[0], s[-1], s[2:5], s[:3], s[7:], s[::2], s[::-1], s[1:-1:3], s[100:], s[-100:3])
u = "héllo wörld ñ 日本語"
print(len(u), u[1], u[-1], u[6:11], u[::-1], u.upper())
print("ab" + "cd", "ab" * 3, 3 * "x", "" * 5, "a" < "b", "abc" < "abd", "Z" < "a")
print("ell" in s, "xyz" not in s, s.find("o"), s.count("o"), len(""))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there\nnew"), repr("\\"))
print(repr("\x00\x1f\x7f"), repr("é"), repr("日本"), "\u00e9" == "é")
for ch in "abc":
    print(ch, ord(ch), end=" ")
print()
print(chr(65), chr(233), chr(0x65e5), ord("é"), str(123), str(1.5), str([1, "a"]))
t = "x"
t += "y"
t += "z"
print(t, t * 0, "-".join(["a", "b", "c"]))
print("""triple
quoted""", 'single', r"raw\n", "a" "b" "c")
