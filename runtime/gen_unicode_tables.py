#!/usr/bin/env python3
"""Generate the Unicode 14.0.0 character database tables for runtime/unicode_db.c.

Usage (the build runs it, through a meson custom_target, with CPython 3.11, whose unicodedata is
Unicode 14.0.0 -- the very data that minipy's answers must agree with):

    python3 runtime/gen_unicode_tables.py OUTPUT.h

Every property is what CPython itself answers (unicodedata's functions, str's methods), so minipy
agrees with the oracle rather than with glibc's wctype.  The name aliases and named sequences,
which unicodedata.lookup accepts but no Python-level function lists, are read through CPython's
own name capsule (unicodedata._ucnhash_CAPI) with ctypes.

The tables are compact: per-code-point values go through three-level index tables with
deduplicated blocks; character names are front-coded word-index lists over a word lexicon.
Standard library only; takes about ten seconds.
"""
import collections
import ctypes
import sys
import unicodedata

UNICODE_VERSION = "14.0.0"
NCP = 0x110000
WIDTH = 99

# Word_Break MidLetter, MidNumLet and Single_Quote characters, which are case-ignorable whatever
# their category (UAX #29; CPython does not expose Word_Break, so they are listed here).
WORD_BREAK_MID = {
    0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027,
    0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A,
}

# RtUcdRecord.flags bits; runtime/unicode_db.h has the same list.
FLAGS = ["ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "PRINTABLE", "SPACE", "XID_START",
         "XID_CONTINUE", "LOWER", "UPPER", "TITLE", "CASED", "CASE_IGNORABLE", "MIRRORED"]

ANCHOR = 16  # a phrasebook offset is stored for every ANCHOR-th name


def out_array(out, ctype, name, values, fmt="%d"):
    out.append("static const %s %s[%d] = {" % (ctype, name, len(values)))
    line = ""
    for v in values:
        piece = (fmt % v) + ","
        if line and 4 + len(line) + 1 + len(piece) > WIDTH:
            out.append("    " + line)
            line = piece
        else:
            line = line + " " + piece if line else piece
    if line:
        out.append("    " + line)
    out.append("};")


def ctype_for(values):
    lo, hi = min(values), max(values)
    if lo >= 0:
        return "uint8_t" if hi < 256 else "uint16_t" if hi < 65536 else "uint32_t"
    return "int8_t" if -128 <= lo and hi < 128 else "int16_t" if -32768 <= lo and hi < 32768 \
        else "int32_t"


def split_blocks(values, shift):
    """values cut into blocks of 1 << shift, deduplicated: (block numbers, concatenated blocks)."""
    size = 1 << shift
    blocks = {}
    index = []
    data = []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in blocks:
            blocks[block] = len(blocks)
            data.extend(block)
        index.append(blocks[block])
    return index, data


def nbytes(values):
    return {"uint8_t": 1, "int8_t": 1, "uint16_t": 2, "int16_t": 2}.get(ctype_for(values), 4)


def three_level(values):
    """Split values (one per code point) into a three-level table, at the shifts that need the
    fewest bytes: value = index3[index2[index1[cp >> (s3 + s2)] << s2 | (cp >> s3) & mask2] << s3
    | cp & mask3], each level's blocks deduplicated.  Returns (cost, s2, s3, index1, 2, 3)."""
    best = None
    for s3 in range(2, 9):
        blocks, index3 = split_blocks(values, s3)
        for s2 in range(2, 9):
            index1, index2 = split_blocks(blocks, s2)
            cost = sum(len(t) * nbytes(t) for t in (index1, index2, index3))
            if best is None or cost < best[0]:
                best = (cost, s2, s3, index1, index2, index3)
    return best


def emit_three_level(out, name, values):
    cost, s2, s3, index1, index2, index3 = three_level(values)
    out.append("#define %s_SHIFT2 %d" % (name.upper(), s2))
    out.append("#define %s_SHIFT3 %d" % (name.upper(), s3))
    for i, t in enumerate((index1, index2, index3)):
        out_array(out, ctype_for(t), "%s_index%d" % (name, i + 1), t)
    return cost


def c_string(s):
    return '"' + "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?' else "\\%03o" % b
                         for b in s.encode("utf-8")) + '"'


class Interner:
    """Distinct values in first-seen order, with a fixed first element."""

    def __init__(self, *first):
        self.items = []
        self.index = {}
        for v in first:
            self.add(v)

    def add(self, v):
        if v not in self.index:
            self.index[v] = len(self.items)
            self.items.append(v)
        return self.index[v]


# ---- per-code-point properties ----------------------------------------------------------------

def case_ignorable(c):
    """Case_Ignorable as DerivedCoreProperties defines it: Mn, Me, Cf, Lm, Sk, or Word_Break
    MidLetter/MidNumLet/Single_Quote."""
    return c in WORD_BREAK_MID or unicodedata.category(chr(c)) in ("Mn", "Me", "Cf", "Lm", "Sk")


def properties(out, sizes):
    categories = Interner("Cn")
    bidis = Interner("")
    widths = Interner("N")
    numerics = Interner(None)
    specials = Interner(None)
    records = Interner()
    per_cp = []
    for c in range(NCP):
        ch = chr(c)
        cat = unicodedata.category(ch)
        if cat == "Cn":
            # unassigned (most code points): no str predicate holds, no case, no number
            rec = (0, 0, 0, 0, 0, 0, bidis.add(unicodedata.bidirectional(ch)),
                   widths.add(unicodedata.east_asian_width(ch)), 0, -1, -1, 0)
            per_cp.append(records.add(rec))
            continue
        flags = 0
        tests = {
            "ALPHA": ch.isalpha(), "DECIMAL": ch.isdecimal(), "DIGIT": ch.isdigit(),
            "NUMERIC": ch.isnumeric(), "PRINTABLE": ch.isprintable(), "SPACE": ch.isspace(),
            "XID_START": ch.isidentifier(), "XID_CONTINUE": ("a" + ch).isidentifier(),
            "LOWER": ch.islower(), "UPPER": ch.isupper(), "TITLE": cat == "Lt",
            "CASED": ch.islower() or ch.isupper() or cat == "Lt",
            "CASE_IGNORABLE": case_ignorable(c), "MIRRORED": unicodedata.mirrored(ch) == 1,
        }
        for i, f in enumerate(FLAGS):
            if tests[f]:
                flags |= 1 << i
        special = 0
        upper = lower = title = 0
        if not 0xD800 <= c <= 0xDFFF:
            forms = (ch.upper(), ch.title(), ch.lower(), ch.casefold())
            if any(len(f) != 1 for f in forms) or forms[3] != forms[2]:
                special = specials.add(forms)
            if len(forms[0]) == 1:
                upper = ord(forms[0]) - c
            if len(forms[1]) == 1:
                title = ord(forms[1]) - c
            if len(forms[2]) == 1:
                lower = ord(forms[2]) - c
        num = unicodedata.numeric(ch, None)
        rec = (upper, lower, title, flags, special, categories.add(cat),
               bidis.add(unicodedata.bidirectional(ch)), widths.add(unicodedata.east_asian_width(ch)),
               unicodedata.combining(ch), unicodedata.decimal(ch, -1), unicodedata.digit(ch, -1),
               0 if num is None else numerics.add(num))
        per_cp.append(records.add(rec))
    out.append("/* ---- properties: one record per distinct combination ---- */")
    for i, f in enumerate(FLAGS):
        out.append("#define RT_UCD_GEN_%s (1u << %d)" % (f, i))
    out.append("static const RtUcdRecord ucd_records[%d] = {" % len(records.items))
    for r in records.items:
        out.append("    {%d, %d, %d, 0x%X, %d, %d, %d, %d, %d, %d, %d, %d}," % r)
    out.append("};")
    sizes["property records"] = len(records.items) * 24
    sizes["property index"] = emit_three_level(out, "ucd_prop", per_cp)
    out.append("/* full case mappings (UTF-8): upper, title, lower, casefold */")
    out.append("static const char *const ucd_special_cases[%d][4] = {" % len(specials.items))
    out.append("    {0, 0, 0, 0},")
    for forms in specials.items[1:]:
        out.append("    {%s}," % ", ".join(c_string(f) for f in forms))
    out.append("};")
    sizes["numeric values, case strings"] = len(numerics.items) * 8 + \
        sum(4 * 8 + sum(len(f.encode()) + 1 for f in forms) for forms in specials.items[1:])
    return categories, bidis, widths, numerics


def old_version(out, sizes, categories, bidis, widths, numerics):
    """Unicode 3.2.0 as unicodedata.ucd_3_2_0 has it: for each code point, the properties that
    differ from 14.0.0's (record 0: none), and the decompositions that normalization corrects."""
    old = unicodedata.ucd_3_2_0
    records = Interner(None)
    per_cp = []
    corrections = []
    for c in range(NCP):
        ch = chr(c)
        if unicodedata.category(ch) == "Cn":  # unassigned in 14.0.0, so in 3.2.0
            per_cp.append(records.add((1, 0, bidis.add(old.bidirectional(ch)),
                                       widths.add(old.east_asian_width(ch)), 0, -1, 0)))
            continue
        unassigned = old.category(ch) == "Cn"
        fields = (old.category(ch), old.bidirectional(ch), old.east_asian_width(ch),
                  old.mirrored(ch), old.decimal(ch, -1), old.numeric(ch, None))
        now = (unicodedata.category(ch), unicodedata.bidirectional(ch),
               unicodedata.east_asian_width(ch), unicodedata.mirrored(ch),
               unicodedata.decimal(ch, -1), unicodedata.numeric(ch, None))
        # what runtime/unicode_db.c derives rather than stores
        assert old.digit(ch, None) == unicodedata.digit(ch, None)
        if unassigned:
            assert old.combining(ch) == 0 and old.decomposition(ch) == "" and old.name(ch, None) is None
        else:
            assert old.combining(ch) == unicodedata.combining(ch)
            assert old.decomposition(ch) == unicodedata.decomposition(ch)
            assert old.name(ch, None) == unicodedata.name(ch, None)
            nfd = old.normalize("NFD", ch)
            if nfd != unicodedata.normalize("NFD", ch):
                corrections.append((c, [ord(x) for x in nfd]))
        if fields == now and not unassigned:
            per_cp.append(0)
            continue
        cat, bidi, width, mirrored, decimal, numeric = fields
        per_cp.append(records.add((int(unassigned), categories.add(cat), bidis.add(bidi),
                                   widths.add(width), mirrored, decimal,
                                   0 if numeric is None else numerics.add(numeric))))
    out.append("/* ---- Unicode 3.2.0: properties that differ from 14.0.0's ---- */")
    out.append("static const RtUcdOldRecord ucd_old_records[%d] = {" % len(records.items))
    out.append("    {0, 0, 0, 0, 0, 0, 0},")
    for r in records.items[1:]:
        out.append("    {%d, %d, %d, %d, %d, %d, %d}," % r)
    out.append("};")
    out.append("const char *const rt_ucd_category_names[] = {%s};" %
               ", ".join(c_string(s) for s in categories.items))
    out.append("const char *const rt_ucd_bidi_names[] = {%s};" %
               ", ".join(c_string(s) for s in bidis.items))
    out.append("const char *const rt_ucd_width_names[] = {%s};" %
               ", ".join(c_string(s) for s in widths.items))
    out.append("static const double ucd_numeric_values[%d] = {" % len(numerics.items))
    out.append("    0.0, " + ", ".join(repr(v) for v in numerics.items[1:]))
    out.append("};")
    sizes["3.2.0 records"] = 8 * len(records.items)
    sizes["3.2.0 index"] = emit_three_level(out, "ucd_old", per_cp)
    out.append("/* decompositions that 3.2.0's normalization corrects: code point, then its NFD */")
    out.append("static const uint32_t ucd_old_corrections[%d][2] = {" % len(corrections))
    for c, nfd in corrections:
        assert len(nfd) == 1
        out.append("    {0x%X, 0x%X}," % (c, nfd[0]))
    out.append("};")


# ---- decomposition and composition ----------------------------------------------------------

def decompositions(out, sizes):
    tags = Interner("")
    data = [0]  # offset 0: no decomposition
    per_cp = []
    pairs = []
    for c in range(NCP):
        d = unicodedata.decomposition(chr(c))
        if not d:
            per_cp.append(0)
            continue
        parts = d.split()
        tag = parts.pop(0) if parts[0].startswith("<") else ""
        cps = [int(p, 16) for p in parts]
        per_cp.append(len(data))
        data.append(tags.add(tag) << 8 | len(cps))
        for cp in cps:  # in UTF-16: no decomposition holds a surrogate
            if cp > 0xFFFF:
                data.extend((0xD800 | (cp - 0x10000) >> 10, 0xDC00 | (cp & 0x3FF)))
            else:
                data.append(cp)
        # a primary composite: canonical pair that NFC keeps composed (not excluded)
        if not tag and len(cps) == 2 and unicodedata.normalize("NFC", chr(c)) == chr(c):
            pairs.append((cps[0], cps[1], c))
    out.append("/* ---- decompositions: (tag << 8 | count) then the code points in UTF-16 ---- */")
    out.append("static const char *const ucd_decomp_tags[] = {%s};" %
               ", ".join(c_string(t) for t in tags.items))
    out_array(out, "uint16_t", "ucd_decomp_data", data, "0x%X")
    sizes["decomposition data"] = 2 * len(data)
    sizes["decomposition index"] = emit_three_level(out, "ucd_decomp", per_cp)
    pairs.sort()
    out.append("/* canonical compositions, sorted by (first, second) */")
    out.append("static const uint32_t ucd_compose[%d][3] = {" % len(pairs))
    for a, b, c in pairs:
        out.append("    {0x%X, 0x%X, 0x%X}," % (a, b, c))
    out.append("};")
    sizes["compositions"] = 12 * len(pairs)


# ---- names ----------------------------------------------------------------------------------

def capsule_names():
    """Name aliases and named sequences, as CPython stores them (at 0xF0000 and 0xF0200 in its
    private name space): [(name, code points)]."""
    api = ctypes.pythonapi
    api.PyCapsule_GetPointer.restype = ctypes.c_void_p
    api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    p = api.PyCapsule_GetPointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI")
    getname = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int,
                               ctypes.c_int)(ctypes.cast(p, ctypes.POINTER(ctypes.c_void_p))[0])
    buf = ctypes.create_string_buffer(256)
    aliases, sequences = [], []
    for code in range(0xF0000, 0xF1000):
        if getname(code, buf, 256, 1):
            name = buf.value.decode("ascii")
            value = unicodedata.lookup(name)
            (aliases if code < 0xF0200 else sequences).append((name, [ord(ch) for ch in value]))
    if not aliases or not sequences:
        sys.exit("gen_unicode_tables.py: could not read CPython's name aliases")
    return aliases, sequences


def algorithmic(c, name):
    """The prefix of a name that is prefix + '-' + the code point in hex, else None."""
    head, sep, tail = name.rpartition("-")
    if sep and tail == "%04X" % c and head in ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
                                              "KHITAN SMALL SCRIPT CHARACTER", "NUSHU CHARACTER",
                                              "TANGUT IDEOGRAPH"):
        return head
    return None


def names(out, sizes):
    stored = []   # (cp, name) in code point order
    ranges = []   # [first, last, prefix]
    for c in range(NCP):
        name = unicodedata.name(chr(c), None)
        if name is None or 0xAC00 <= c <= 0xD7A3:
            continue  # Hangul syllables are composed from jamo names in C
        prefix = algorithmic(c, name)
        if prefix:
            if ranges and ranges[-1][2] == prefix and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c, prefix])
        else:
            stored.append((c, name))
    aliases, sequences = capsule_names()
    entries = [n for _, n in stored] + [n for n, _ in aliases] + [n for n, _ in sequences]
    if len(entries) >= 65536:
        sys.exit("gen_unicode_tables.py: too many names for 16-bit entry numbers")

    # front coding: each name shares some leading words with the one before it
    coded = []
    prev = []
    freq = collections.Counter()
    for i, name in enumerate(entries):
        if i % ANCHOR == 0:
            prev = []  # decoding starts at an anchor: it shares nothing
        words = name.split(" ")
        k = 0
        while k < min(len(words) - 1, len(prev), 15) and words[k] == prev[k]:
            k += 1
        new = words[k:]
        if len(new) > 15:
            sys.exit("gen_unicode_tables.py: a name has too many words")
        coded.append((k, new))
        freq.update(new)
        prev = words
    lexicon = [w for w, _ in freq.most_common()]
    rank = {w: i for i, w in enumerate(lexicon)}
    one_byte = 0x80 + 0x40  # word numbers below this take one byte, others two
    if len(lexicon) > one_byte + (0x100 - 0xC0) * 256:
        sys.exit("gen_unicode_tables.py: too many distinct words")
    book = []
    anchors = []
    for i, (k, new) in enumerate(coded):
        if i % ANCHOR == 0:
            anchors.append(len(book))
        book.append(k << 4 | len(new))
        for w in new:
            r = rank[w]
            if r < one_byte:
                book.append(r)
            else:
                r -= one_byte
                book.extend((0xC0 + (r >> 8), r & 0xFF))
    lex_bytes = []
    word_offsets = []
    for w in lexicon:
        word_offsets.append(len(lex_bytes))
        b = list(w.encode("ascii"))
        b[-1] |= 0x80
        lex_bytes.extend(b)
    # offsets are stored as 16 bits; ucd_word_banks[k] is the first word at or past 65536 * k
    banks = [next((i for i, o in enumerate(word_offsets) if o >= 65536 * k), len(lexicon))
             for k in range(1, (len(lex_bytes) >> 16) + 1)]
    runs = []  # [first cp, count, first entry]
    for i, (c, _) in enumerate(stored):
        if runs and runs[-1][0] + runs[-1][1] == c:
            runs[-1][1] += 1
        else:
            runs.append([c, 1, i])

    out.append("/* ---- names ---- */")
    out.append("#define UCD_ONE_BYTE_WORDS %d" % one_byte)
    out.append("#define UCD_ANCHOR %d" % ANCHOR)
    out.append("#define UCD_NAMES %d   /* entries [0, UCD_NAMES) are characters' names */" %
               len(stored))
    out.append("#define UCD_ALIASES %d" % len(aliases))
    out.append("#define UCD_SEQUENCES %d" % len(sequences))
    out.append("#define UCD_LONGEST_SEQUENCE %d" % max(len(cps) for _, cps in sequences))
    out.append("#define UCD_MOST_WORDS %d" % max(len(n.split(" ")) for n in entries))
    out.append("#define UCD_LONGEST_NAME %d" % max(len(n) for n in entries + ["HANGUL SYLLABLE " + "X" * 8]))
    out_array(out, "uint8_t", "ucd_lexicon", lex_bytes)
    out_array(out, "uint16_t", "ucd_word_offsets", [o & 0xFFFF for o in word_offsets])
    out_array(out, "uint16_t", "ucd_word_banks", banks + [len(lexicon)])
    out.append("/* per name: (shared leading words << 4 | new words), then the new words' numbers */")
    out_array(out, "uint8_t", "ucd_phrasebook", book)
    out_array(out, "uint32_t", "ucd_phrase_anchors", anchors)
    out.append("/* runs of consecutive named code points: first, count, first entry */")
    out.append("static const struct { uint32_t first; uint16_t count, entry; } ucd_name_runs[%d] = {"
               % len(runs))
    for r in runs:
        out.append("    {0x%X, %d, %d}," % tuple(r))
    out.append("};")
    out.append("static const struct { uint32_t first, last; const char *prefix; } ucd_name_ranges[%d] = {"
               % len(ranges))
    for first, last, prefix in ranges:
        out.append("    {0x%X, 0x%X, %s}," % (first, last, c_string(prefix)))
    out.append("};")
    out_array(out, "uint32_t", "ucd_alias_targets", [cps[0] for _, cps in aliases], "0x%X")
    seq_data = []
    seq_start = []
    for _, cps in sequences:
        seq_start.append(len(seq_data))
        seq_data.extend(cps)
    seq_start.append(len(seq_data))
    out_array(out, "uint16_t", "ucd_sequence_start", seq_start)
    out_array(out, "uint32_t", "ucd_sequence_data", seq_data, "0x%X")
    sizes["name lexicon"] = len(lex_bytes) + 2 * len(word_offsets)
    sizes["name phrasebook"] = len(book) + 4 * len(anchors)
    sizes["name runs, ranges, aliases, sequences"] = 8 * len(runs) + 16 * len(ranges) + \
        4 * len(aliases) + 2 * len(seq_start) + 4 * len(seq_data)


def main():
    if unicodedata.unidata_version != UNICODE_VERSION:
        sys.exit(f"gen_unicode_tables.py: need Unicode {UNICODE_VERSION} (CPython 3.11), "
                 f"this Python has {unicodedata.unidata_version}")
    out = ["/* Generated by runtime/gen_unicode_tables.py from CPython %s's unicodedata (Unicode %s)."
           % (sys.version.split()[0], UNICODE_VERSION),
           " * Included only by runtime/unicode_db.c.  Do not edit. */"]
    sizes = {}
    tables = properties(out, sizes)
    old_version(out, sizes, *tables)
    decompositions(out, sizes)
    names(out, sizes)
    out.append("/* table sizes in bytes: %s; total %d */" % (
        ", ".join("%s %d" % kv for kv in sizes.items()), sum(sizes.values())))
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
