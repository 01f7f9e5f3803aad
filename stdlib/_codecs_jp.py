"""_codecs_jp — a C module of CPython's (the CJK codecs) that minipy does not have.

The encodings package imports it for the CJK encodings (gbk, big5, shift_jis,
euc_kr, iso2022_jp ...) and would read an ImportError as "unknown encoding";
failing with NotImplementedError instead makes codecs.lookup() say so."""
raise NotImplementedError("the CJK codecs are not supported by minipy (no _codecs_jp module)")
