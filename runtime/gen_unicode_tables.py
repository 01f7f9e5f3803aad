#!/usr/bin/env python3
"""Generate runtime/unicode_tables.h from CPython's str methods and unicodedata.

Usage (with CPython 3.11, whose unicodedata is Unicode 14.0.0):

    python3 runtime/gen_unicode_tables.py > runtime/unicode_tables.h

Each table is what CPython itself answers (str methods, unicodedata.category), so minipy's str
methods agree with the oracle rather than with glibc's wctype; the one known exception is a
case-ignorable character, see WORD_BREAK_MID.  Standard library only; takes a few seconds.
"""
import sys
import unicodedata

UNICODE_VERSION = "14.0.0"
MAX_CP = 0x10FFFF
WIDTH = 99  # longest line of a wrapped range table

HEADER = """\
/* runtime/unicode_tables.h — Unicode {version} character properties for str methods, included only
 * by runtime/str_methods.c.  Generated from CPython's unicodedata (ranges where str.isalpha,
 * isdecimal, isdigit, isnumeric, isprintable and isidentifier hold, titlecase and case-ignorable
 * characters, and the case mappings that are not one-to-one): glibc's wctype tables disagree
 * with Python on thousands of code points (marks, digits, unassigned ones).
 * Regenerate with: python3 runtime/gen_unicode_tables.py > runtime/unicode_tables.h */
#ifndef MINIPY_UNICODE_TABLES_H
#define MINIPY_UNICODE_TABLES_H
#include <stdint.h>
"""

FOOTER = """\
#endif
"""


# Word_Break MidLetter, MidNumLet and Single_Quote characters, which are case-ignorable whatever
# their category (UAX #29; CPython does not expose Word_Break, so they are listed here).
WORD_BREAK_MID = {
    0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027,
    0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A,
}


def is_case_ignorable(c):
    """Case_Ignorable as DerivedCoreProperties defines it: Mn, Me, Cf, Lm, Sk, or Word_Break
    MidLetter/MidNumLet/Single_Quote."""
    return c in WORD_BREAK_MID or unicodedata.category(chr(c)) in ("Mn", "Me", "Cf", "Lm", "Sk")


# (comment, C name, predicate on a code point), in the header's order.
RANGE_TABLES = [
    ("str.isalpha", "uc_alpha", lambda c: chr(c).isalpha()),
    ("str.isdecimal", "uc_decimal", lambda c: chr(c).isdecimal()),
    ("str.isdigit", "uc_digit", lambda c: chr(c).isdigit()),
    ("str.isnumeric", "uc_numeric", lambda c: chr(c).isnumeric()),
    ("str.isprintable (also decides repr() escapes)", "uc_printable",
     lambda c: chr(c).isprintable()),
    ("characters that may start an identifier (XID_Start and '_')", "uc_xid_start",
     lambda c: chr(c).isidentifier()),
    ("characters that may continue an identifier (XID_Continue)", "uc_xid_continue",
     lambda c: ("a" + chr(c)).isidentifier()),
    ("titlecase letters (category Lt)", "uc_title",
     lambda c: unicodedata.category(chr(c)) == "Lt"),
    ("case-ignorable characters, for the final-sigma rule", "uc_case_ignorable",
     is_case_ignorable),
]


def ranges(pred):
    """Maximal runs [first, last] of code points for which pred holds."""
    out = []
    start = None
    for c in range(MAX_CP + 2):
        hit = c <= MAX_CP and pred(c)
        if hit and start is None:
            start = c
        elif not hit and start is not None:
            out.append((start, c - 1))
            start = None
    return out


def wrap(items, indent="    ", width=WIDTH):
    """Items each followed by ',', packed greedily onto lines of at most width columns."""
    lines = []
    line = ""
    for item in items:
        piece = item + ","
        if line and len(indent) + len(line) + 1 + len(piece) > width:
            lines.append(indent + line)
            line = piece
        else:
            line = line + " " + piece if line else piece
    if line:
        lines.append(indent + line)
    return lines


def range_table(comment, name, pred):
    items = ["{0x%X, 0x%X}" % r for r in ranges(pred)]
    return ([f"/* {comment} */", f"static const uint32_t {name}[][2] = {{"]
            + wrap(items) + ["};", ""])


def c_bytes(s):
    """A C string literal spelling s in UTF-8, every byte as a hex escape."""
    return '"' + "".join("\\x%02x" % b for b in s.encode("utf-8")) + '"'


def special_cases():
    """Code points whose full case mappings a one-to-one towupper/towlower cannot give: some
    form is longer than one character, titlecase differs from uppercase, or casefolding
    differs from lowercasing."""
    lines = [
        "/* Case mappings that are not glibc's one-to-one towupper/towlower: code point, then the full",
        " * upper, title, lower and casefolded forms (UTF-8). */",
        "static const struct { uint32_t cp; const char *upper, *title, *lower, *fold; } uc_special[] = {",
    ]
    for c in range(MAX_CP + 1):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue  # lone surrogates have no UTF-8 form and no case
        forms = (ch.upper(), ch.title(), ch.lower(), ch.casefold())
        upper, title, lower, fold = forms
        if any(len(f) != 1 for f in forms) or title != upper or fold != lower:
            lines.append("    {0x%X, %s}," % (c, ", ".join(c_bytes(f) for f in forms)))
    lines += ["};", ""]
    return lines


def main():
    if unicodedata.unidata_version != UNICODE_VERSION:
        sys.exit(f"gen_unicode_tables.py: need Unicode {UNICODE_VERSION} (CPython 3.11), "
                 f"this Python has {unicodedata.unidata_version}")
    out = [HEADER.format(version=UNICODE_VERSION)]
    for comment, name, pred in RANGE_TABLES:
        out += range_table(comment, name, pred)
    out += special_cases()
    out.append(FOOTER)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
