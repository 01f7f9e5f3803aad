# After a parser error CPython tokenizes the rest of the source: a tokenizer
# error further down (unmatched bracket, bad literal) is what it reports.
cases = [
    "x = = 1\ny = )\n",
    "x = = 1\ny = 'abc\n",
    "f(a b)\nz = ]\n",
    "x = = 1\ny = (1,\n",
    "x = (1,\ny = = 2\n",
    "if x\n    pass\nq = }\n",
    "x = = 1\n  y = 1\n",
    "x = = 1\nif y:\n    a\n  b\n",
    "  x = 1\nq = )\n",
    "a = 1 2\nb = 1abc\n",
    "def f(:\n    pass\n",
]
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print("OK")
    except SyntaxError as e:
        print(type(e).__name__ + ":", e.msg, e.lineno, e.offset)
