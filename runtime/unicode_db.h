/* runtime/unicode_db.h — the Unicode 14.0.0 character database that CPython 3.11 uses: character
 * properties, case mappings, decompositions and compositions, and character names.  The tables
 * are generated at build time from python3's own unicodedata (runtime/gen_unicode_tables.py).
 *
 * Plain data and pure functions, no objects: the lexer (\N{...} escapes), str's methods and the
 * unicodedata module all use it, so it is built as a library of its own that depends on nothing.
 */
#ifndef MINIPY_UNICODE_DB_H
#define MINIPY_UNICODE_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RtUcdRecord.flags: where each str predicate holds for the one character, plus properties. */
enum {
    RT_UCD_ALPHA = 1 << 0,          /* str.isalpha */
    RT_UCD_DECIMAL = 1 << 1,        /* str.isdecimal */
    RT_UCD_DIGIT = 1 << 2,          /* str.isdigit */
    RT_UCD_NUMERIC = 1 << 3,        /* str.isnumeric */
    RT_UCD_PRINTABLE = 1 << 4,      /* str.isprintable (also decides repr() escapes) */
    RT_UCD_SPACE = 1 << 5,          /* str.isspace */
    RT_UCD_XID_START = 1 << 6,      /* may start an identifier ('_' included) */
    RT_UCD_XID_CONTINUE = 1 << 7,   /* may continue an identifier */
    RT_UCD_LOWER = 1 << 8,          /* Lowercase: str.islower of the character */
    RT_UCD_UPPER = 1 << 9,          /* Uppercase: str.isupper of the character */
    RT_UCD_TITLE = 1 << 10,         /* titlecase letter (category Lt) */
    RT_UCD_CASED = 1 << 11,         /* Lowercase, Uppercase or Lt */
    RT_UCD_CASE_IGNORABLE = 1 << 12, /* skipped by the final-sigma rule */
    RT_UCD_MIRRORED = 1 << 13,      /* Bidi_Mirrored */
};

/* The properties of one character (shared by all characters that have the same ones). */
typedef struct RtUcdRecord {
    int32_t upper, lower, title;  /* simple case mappings, as deltas from the code point */
    uint16_t flags;               /* RT_UCD_* */
    uint16_t special;             /* when nonzero, the full case mappings: rt_ucd_full_case */
    uint8_t category;             /* index into rt_ucd_category_names */
    uint8_t bidi;                 /* index into rt_ucd_bidi_names */
    uint8_t width;                /* index into rt_ucd_width_names (East_Asian_Width) */
    uint8_t combining;            /* canonical combining class */
    int8_t decimal, digit;        /* decimal and digit values, -1 when none */
    uint8_t numeric;              /* when nonzero, the numeric value: rt_ucd_numeric_value */
} RtUcdRecord;

extern const char *const rt_ucd_category_names[];
extern const char *const rt_ucd_bidi_names[];
extern const char *const rt_ucd_width_names[];

/* The record of code point cp (any value: past U+10FFFF gives the unassigned record). */
const RtUcdRecord *rt_ucd(uint32_t cp);
double rt_ucd_numeric_value(const RtUcdRecord *r);

/* Unicode 3.2.0, for unicodedata.ucd_3_2_0 (IDNA's stringprep): the properties of cp where they
 * differ from 14.0.0's, else NULL.  A character unassigned in 3.2.0 also has no name,
 * decomposition or combining class there; its digit value is 14.0.0's, as in CPython. */
typedef struct RtUcdOldRecord {
    uint8_t unassigned, category, bidi, width, mirrored;
    int8_t decimal;
    uint8_t numeric;
} RtUcdOldRecord;
const RtUcdOldRecord *rt_ucd_old(uint32_t cp);

/* Full case mapping of a character whose record has `special` set, as UTF-8: which is one of
 * RT_UCD_TO_UPPER, _TITLE, _LOWER, _FOLD. */
enum { RT_UCD_TO_UPPER, RT_UCD_TO_TITLE, RT_UCD_TO_LOWER, RT_UCD_TO_FOLD };
const char *rt_ucd_full_case(const RtUcdRecord *r, int which);

/* The decomposition of cp as unicodedata.decomposition gives it: its tag ("" for a canonical
 * one, "<compat>", "<font>" ...) in *tag and up to RT_UCD_DECOMP_MAX code points in out;
 * returns their count, 0 when cp has none (Hangul syllables included). */
#define RT_UCD_DECOMP_MAX 19
int rt_ucd_decomposition(uint32_t cp, const char **tag, uint32_t *out);
/* The primary composite of the canonical pair (a, b), or 0 (Hangul syllables not included). */
uint32_t rt_ucd_compose(uint32_t a, uint32_t b);

/* The normal form (RT_UCD_NFC ..., with RT_UCD_3_2 as of Unicode 3.2.0) of the code points
 * in[0..n): a malloc'd array in *out (free it), its length returned, or (size_t)-1 when out of
 * memory. */
enum { RT_UCD_NFC, RT_UCD_NFD, RT_UCD_NFKC, RT_UCD_NFKD, RT_UCD_3_2 = 8 };
size_t rt_ucd_normalize(int form, const uint32_t *in, size_t n, uint32_t **out);

/* Names.  rt_ucd_name writes cp's name (NUL-terminated) to buf, which holds RT_UCD_NAME_MAX
 * bytes, and returns false when cp has none.  rt_ucd_lookup finds the code points named name
 * (ASCII letters in any case, as CPython): a character's name gives one code point, and so does
 * an alias with RT_UCD_ALIASES in kinds; with RT_UCD_SEQUENCES, a named sequence gives several
 * (up to RT_UCD_SEQ_MAX).  Returns their count, 0 when nothing has that name. */
#define RT_UCD_NAME_MAX 128
#define RT_UCD_SEQ_MAX 4
enum { RT_UCD_ALIASES = 1, RT_UCD_SEQUENCES = 2 };
bool rt_ucd_name(uint32_t cp, char *buf);
int rt_ucd_lookup(const char *name, size_t len, int kinds, uint32_t *out);

#endif
