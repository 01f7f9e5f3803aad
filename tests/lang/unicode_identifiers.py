# Non-ASCII identifiers: XID_Start/XID_Continue as Unicode 14 defines them, NFKC normalization
# (PEP 3131) everywhere a name appears, and the tokenizer's errors for invalid characters.
import sys

srcs = ["x€ = 1", "€x = 1", "x\u00a0= 1", "a\u200bb = 1", "\u0301x = 1", "x\u0301 = 1", "٣x = 1",
        "x٣ = 1", "ℕ = 1; print(N)", "ﬁ = 2; print(fi)", "x·y = 1", "·y = 1", "℘ = 1", "℮ = 1",
        "x\u2028 = 1", "é = 1; print(e\u0301 if 0 else é)", "ｘ = 5; print(x)",
        "class ℌ: pass\nprint(H.__name__, ℌ.__qualname__)",
        "def ƒ(ᵃ): return a\nprint(ƒ(3), ƒ.__name__, ƒ.__code__.co_varnames)",
        "import sys; 𝔰𝔶𝔰 = 1; print('sys' in dir())", "x\U0001f600 = 1", "_\u0300 = 3; print(_\u0300)",
        "\u2118x = 1; print(℘x)", "xⅧ = 8; print(xVIII)", "Ⅷ = 1; print(VIII)",
        "def f(**k): return list(k)\nprint(f(ﬁ=1, ᵃ=2))", "import 𝔰𝔶𝔰\nprint(𝔰𝔶𝔰.maxsize > 0)",
        "class C: ℌ = 1\nprint(C.H, C.ℌ, getattr(C, 'H'))", "x = [ǅ for ǅ in 'ab']; print(x)",
        "print(f'{ℕ}' if 0 else 'ok')", "ｐｒｉｎｔ('fullwidth print')", "ǈ = 1; print(ǈ, 'ǈ' in dir(), 'Lj' in dir())",
        "𝐢𝐟 = 1", "ℹ = 1; print(i)", "Å = 1; print(Å, Å)", "x = 1; print(ｘ)"]
for s in srcs:
    try:
        exec(compile(s, 'x', 'exec'), {})
    except SyntaxError as e:
        print(ascii(s), 'SyntaxError', e.msg, e.offset)
    except NameError as e:
        print(ascii(s), 'NameError', e)
