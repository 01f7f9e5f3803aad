/* runtime/unicode_db.c — lookups in the generated Unicode 14.0.0 tables (unicode_db_tables.h,
 * made in the build folder by runtime/gen_unicode_tables.py).  See runtime/unicode_db.h. */
#include <stdlib.h>
#include <string.h>

#include "runtime/unicode_db.h"
#include "unicode_db_tables.h"

_Static_assert(UCD_LONGEST_NAME < RT_UCD_NAME_MAX, "RT_UCD_NAME_MAX too small");
_Static_assert(UCD_LONGEST_SEQUENCE <= RT_UCD_SEQ_MAX, "RT_UCD_SEQ_MAX too small");

#define LOOKUP3(name, cp)                                                                         \
    name##_index3[(uint32_t)name##_index2[(uint32_t)name##_index1[(cp) >> (name##_SHIFT3 + name##_SHIFT2)] \
                                          << name##_SHIFT2 |                                      \
                                          ((cp) >> name##_SHIFT3 & ((1u << name##_SHIFT2) - 1))]  \
                      << name##_SHIFT3 |                                                          \
                  ((cp) & ((1u << name##_SHIFT3) - 1))]
#define ucd_prop_SHIFT2 UCD_PROP_SHIFT2
#define ucd_prop_SHIFT3 UCD_PROP_SHIFT3
#define ucd_old_SHIFT2 UCD_OLD_SHIFT2
#define ucd_old_SHIFT3 UCD_OLD_SHIFT3
#define ucd_decomp_SHIFT2 UCD_DECOMP_SHIFT2
#define ucd_decomp_SHIFT3 UCD_DECOMP_SHIFT3

const RtUcdRecord *rt_ucd(uint32_t cp)
{
    if (cp > 0x10FFFF)
        cp = 0x10FFFF;  /* a noncharacter: the properties of an unassigned code point */
    return &ucd_records[LOOKUP3(ucd_prop, cp)];
}

const RtUcdOldRecord *rt_ucd_old(uint32_t cp)
{
    unsigned r = cp > 0x10FFFF ? 0 : LOOKUP3(ucd_old, cp);
    return r ? &ucd_old_records[r] : NULL;
}

double rt_ucd_numeric_value(const RtUcdRecord *r) { return ucd_numeric_values[r->numeric]; }

const char *rt_ucd_full_case(const RtUcdRecord *r, int which) { return ucd_special_cases[r->special][which]; }

/* ---- decomposition and composition ------------------------------------------------------- */

int rt_ucd_decomposition(uint32_t cp, const char **tag, uint32_t *out)
{
    if (cp > 0x10FFFF)
        return 0;
    uint32_t at = LOOKUP3(ucd_decomp, cp);
    if (at == 0)
        return 0;
    uint32_t head = ucd_decomp_data[at++];
    int n = (int)(head & 0xFF);
    *tag = ucd_decomp_tags[head >> 8];
    for (int i = 0; i < n; i++) {
        uint32_t u = ucd_decomp_data[at++];
        if (u >= 0xD800 && u < 0xDC00)
            u = 0x10000 + ((u - 0xD800) << 10 | (ucd_decomp_data[at++] - 0xDC00u));
        out[i] = u;
    }
    return n;
}

uint32_t rt_ucd_compose(uint32_t a, uint32_t b)
{
    size_t lo = 0, hi = sizeof ucd_compose / sizeof ucd_compose[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        const uint32_t *p = ucd_compose[m];
        if (a < p[0] || (a == p[0] && b < p[1]))
            hi = m;
        else if (a > p[0] || b > p[1])
            lo = m + 1;
        else
            return p[2];
    }
    return 0;
}

/* Hangul syllables: algorithmic names, decompositions and compositions (Unicode §3.12). */
enum { S_BASE = 0xAC00, L_COUNT = 19, V_COUNT = 21, T_COUNT = 28, S_COUNT = L_COUNT * V_COUNT * T_COUNT };

/* ---- normalization ----------------------------------------------------------------------- */

/* A growable array of code points. */
typedef struct Cps {
    uint32_t *p;
    size_t n, cap;
} Cps;

static bool cps_push(Cps *a, uint32_t c)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        uint32_t *p = realloc(a->p, cap * sizeof *p);
        if (!p)
            return false;
        a->p = p;
        a->cap = cap;
    }
    a->p[a->n++] = c;
    return true;
}

enum { L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11A7, N_COUNT = V_COUNT * T_COUNT };

/* Appends the full (canonical, or with compat also compatibility) decomposition of c; as of
 * Unicode 3.2.0 with old. */
static bool decompose_char(Cps *out, uint32_t c, bool compat, bool old)
{
    if (old) {
        const RtUcdOldRecord *r = rt_ucd_old(c);
        if (r && r->unassigned)
            return cps_push(out, c);
        for (size_t i = 0; i < sizeof ucd_old_corrections / sizeof ucd_old_corrections[0]; i++)
            if (ucd_old_corrections[i][0] == c)
                return cps_push(out, ucd_old_corrections[i][1]);
    }
    if (c >= S_BASE && c < S_BASE + S_COUNT) {
        uint32_t s = c - S_BASE, t = s % T_COUNT;
        if (!cps_push(out, L_BASE + s / N_COUNT) || !cps_push(out, V_BASE + s % N_COUNT / T_COUNT))
            return false;
        return t == 0 || cps_push(out, T_BASE + t);
    }
    uint32_t d[RT_UCD_DECOMP_MAX];
    const char *tag = "";
    int n = rt_ucd_decomposition(c, &tag, d);
    if (n == 0 || (tag[0] && !compat))
        return cps_push(out, c);
    for (int i = 0; i < n; i++)
        if (!decompose_char(out, d[i], compat, old))
            return false;
    return true;
}

/* Canonical ordering: each run of non-starters sorted by combining class, stably. */
static void canonical_order(Cps *a)
{
    for (size_t i = 1; i < a->n; i++) {
        uint32_t c = a->p[i];
        int cc = rt_ucd(c)->combining;
        if (cc == 0)
            continue;
        size_t j = i;
        while (j > 0 && rt_ucd(a->p[j - 1])->combining > cc) {
            a->p[j] = a->p[j - 1];
            j--;
        }
        a->p[j] = c;
    }
}

static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE && b < V_BASE + V_COUNT)
        return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
    if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 && b > T_BASE &&
        b < T_BASE + T_COUNT)
        return a + (b - T_BASE);
    return rt_ucd_compose(a, b);
}

/* Canonical composition in place (UAX #15): a character combines with the last starter unless
 * a character between them has a combining class as high as its own, or is a starter. */
static void compose(Cps *a)
{
    size_t n = 0;
    long starter = -1;
    int last_class = -1;
    for (size_t i = 0; i < a->n; i++) {
        uint32_t c = a->p[i];
        int cc = rt_ucd(c)->combining;
        if (starter >= 0 && (last_class < cc || last_class == 0)) {
            uint32_t comp = compose_pair(a->p[starter], c);
            if (comp) {
                a->p[starter] = comp;
                continue;
            }
        }
        if (cc == 0)
            starter = (long)n;
        last_class = cc;
        a->p[n++] = c;
    }
    a->n = n;
}

size_t rt_ucd_normalize(int form, const uint32_t *in, size_t n, uint32_t **out)
{
    Cps a = {0};
    bool old = form & RT_UCD_3_2;
    form &= ~RT_UCD_3_2;
    bool compat = form == RT_UCD_NFKC || form == RT_UCD_NFKD;
    for (size_t i = 0; i < n; i++) {
        if (!decompose_char(&a, in[i], compat, old)) {
            free(a.p);
            return (size_t)-1;
        }
    }
    canonical_order(&a);
    if (form == RT_UCD_NFC || form == RT_UCD_NFKC)
        compose(&a);
    *out = a.p;
    return a.n;
}

/* ---- names ------------------------------------------------------------------------------- */

/* Hangul syllable names are built from the short names of their jamo (Unicode §3.12). */
static const char *const jamo_l[L_COUNT] = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
                                            "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
static const char *const jamo_v[V_COUNT] = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
                                            "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
static const char *const jamo_t[T_COUNT] = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG",
                                            "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
                                            "SS", "NG", "J", "C", "K", "T", "P", "H"};
static const char HANGUL_PREFIX[] = "HANGUL SYLLABLE ";

/* A name being decoded from the phrasebook: its words' numbers. */
typedef struct NameWords {
    int n;
    uint16_t w[UCD_MOST_WORDS + 1];
} NameWords;

/* Decodes the entry at book[pos] into nw (which holds the previous entry's words); returns the
 * position of the next entry. */
static uint32_t decode_entry(uint32_t pos, NameWords *nw)
{
    unsigned head = ucd_phrasebook[pos++];
    int n = (int)(head >> 4);
    for (unsigned k = head & 15; k > 0; k--) {
        unsigned b = ucd_phrasebook[pos++];
        if (b >= UCD_ONE_BYTE_WORDS)
            b = UCD_ONE_BYTE_WORDS + ((b - UCD_ONE_BYTE_WORDS) << 8 | ucd_phrasebook[pos++]);
        nw->w[n++] = (uint16_t)b;
    }
    nw->n = n;
    return pos;
}

static void entry_words(unsigned entry, NameWords *nw)
{
    unsigned first = entry - entry % UCD_ANCHOR;
    uint32_t pos = ucd_phrase_anchors[entry / UCD_ANCHOR];
    nw->n = 0;
    for (unsigned e = first; e <= entry; e++)
        pos = decode_entry(pos, nw);
}

/* Writes the words as a NUL-terminated name; returns its length. */
static size_t render(const NameWords *nw, char *buf)
{
    size_t len = 0;
    for (int i = 0; i < nw->n; i++) {
        unsigned w = nw->w[i];
        uint32_t off = ucd_word_offsets[w];
        for (size_t k = 0; k < sizeof ucd_word_banks / sizeof ucd_word_banks[0]; k++)
            off += w >= ucd_word_banks[k] ? 0x10000 : 0;
        if (i)
            buf[len++] = ' ';
        unsigned c;
        do {
            c = ucd_lexicon[off++];
            buf[len++] = (char)(c & 0x7F);
        } while (!(c & 0x80));
    }
    buf[len] = 0;
    return len;
}

bool rt_ucd_name(uint32_t cp, char *buf)
{
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        uint32_t s = cp - S_BASE;
        strcpy(buf, HANGUL_PREFIX);
        strcat(buf, jamo_l[s / (V_COUNT * T_COUNT)]);
        strcat(buf, jamo_v[s / T_COUNT % V_COUNT]);
        strcat(buf, jamo_t[s % T_COUNT]);
        return true;
    }
    for (size_t i = 0; i < sizeof ucd_name_ranges / sizeof ucd_name_ranges[0]; i++) {
        if (cp >= ucd_name_ranges[i].first && cp <= ucd_name_ranges[i].last) {
            size_t n = strlen(ucd_name_ranges[i].prefix);
            memcpy(buf, ucd_name_ranges[i].prefix, n);
            static const char hex[] = "0123456789ABCDEF";
            int digits = cp > 0xFFFF ? 5 : 4;
            buf[n++] = '-';
            for (int d = digits - 1; d >= 0; d--)
                buf[n++] = hex[cp >> (4 * d) & 15];
            buf[n] = 0;
            return true;
        }
    }
    size_t lo = 0, hi = sizeof ucd_name_runs / sizeof ucd_name_runs[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (cp < ucd_name_runs[m].first)
            hi = m;
        else if (cp >= ucd_name_runs[m].first + ucd_name_runs[m].count)
            lo = m + 1;
        else {
            NameWords nw;
            entry_words(ucd_name_runs[m].entry + (cp - ucd_name_runs[m].first), &nw);
            render(&nw, buf);
            return true;
        }
    }
    return false;
}

/* The code point whose name is entry (entries are numbered in code point order). */
static uint32_t entry_code(unsigned entry)
{
    size_t lo = 0, hi = sizeof ucd_name_runs / sizeof ucd_name_runs[0];
    while (hi - lo > 1) {
        size_t m = (lo + hi) / 2;
        if (entry < ucd_name_runs[m].entry)
            hi = m;
        else
            lo = m;
    }
    return ucd_name_runs[lo].first + (entry - ucd_name_runs[lo].entry);
}

/* Name lookup goes through a hash table of entry numbers, built at the first lookup (about a
 * millisecond) rather than stored in the binary.  A name's hash combines its words' hashes, so
 * the table is built from word numbers without spelling the names out. */
#define ENTRIES (UCD_NAMES + UCD_ALIASES + UCD_SEQUENCES)
#define NWORDS (sizeof ucd_word_offsets / sizeof ucd_word_offsets[0])
#define HASH_SLOTS 65536u
_Static_assert(ENTRIES < HASH_SLOTS * 3 / 4, "name hash table too full");
static uint16_t *name_hash;  /* entry + 1, 0 for an empty slot */

static uint32_t hash_word(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t hash_add(uint32_t h, uint32_t word) { return (h ^ word) * 0x9E3779B1u + 1; }

/* The hash of a name: of its space-separated words. */
static uint32_t hash_name(const char *s, size_t n)
{
    uint32_t h = 0;
    const char *e = s + n;
    for (;;) {
        const char *sp = memchr(s, ' ', (size_t)(e - s));
        const char *end = sp ? sp : e;
        h = hash_add(h, hash_word(s, (size_t)(end - s)));
        if (!sp)
            return h;
        s = sp + 1;
    }
}

static bool build_name_hash(void)
{
    uint32_t *word_hash = malloc(NWORDS * sizeof *word_hash);
    name_hash = calloc(HASH_SLOTS, sizeof *name_hash);
    if (!word_hash || !name_hash) {
        free(word_hash);
        free(name_hash);
        name_hash = NULL;
        return false;
    }
    uint32_t off = 0;
    for (size_t w = 0; w < NWORDS; w++) {
        uint32_t start = off;
        while (!(ucd_lexicon[off] & 0x80))
            off++;
        off++;
        char word[RT_UCD_NAME_MAX];
        for (uint32_t k = start; k < off; k++)
            word[k - start] = (char)(ucd_lexicon[k] & 0x7F);
        word_hash[w] = hash_word(word, off - start);
    }
    NameWords nw = {0};
    uint32_t pos = 0;
    for (unsigned e = 0; e < ENTRIES; e++) {
        pos = decode_entry(pos, &nw);
        uint32_t h = 0;
        for (int i = 0; i < nw.n; i++)
            h = hash_add(h, word_hash[nw.w[i]]);
        h &= HASH_SLOTS - 1;
        while (name_hash[h])
            h = (h + 1) & (HASH_SLOTS - 1);
        name_hash[h] = (uint16_t)(e + 1);
    }
    free(word_hash);
    return true;
}

/* Longest short name in names[0..n) that starts s[0..len); its index, or -1. */
static int jamo_prefix(const char *s, size_t len, const char *const *names, int n, size_t *used)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(names[i]);
        if (k <= len && memcmp(s, names[i], k) == 0 && (best < 0 || k > best_len))
            best = i, best_len = k;
    }
    *used = best_len;
    return best;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool is_unified_ideograph(uint32_t cp)
{
    for (size_t i = 0; i < sizeof ucd_name_ranges / sizeof ucd_name_ranges[0]; i++)
        if (cp >= ucd_name_ranges[i].first && cp <= ucd_name_ranges[i].last)
            return strcmp(ucd_name_ranges[i].prefix, "CJK UNIFIED IDEOGRAPH") == 0;
    return false;
}

/* The algorithmically named characters, as CPython reads them, all in capitals: Hangul
 * syllables from jamo short names, unified ideographs with 4 or 5 hex digits.  Returns 1
 * (found), 0 (not found), or -1 when the name is not of these forms. */
static int lookup_algorithmic(const char *name, size_t len, uint32_t *out)
{
    size_t hp = sizeof HANGUL_PREFIX - 1;
    if (len >= hp && memcmp(name, HANGUL_PREFIX, hp) == 0) {
        const char *s = name + hp;
        size_t left = len - hp, k;
        int l = jamo_prefix(s, left, jamo_l, L_COUNT, &k);
        s += k, left -= k;
        int v = jamo_prefix(s, left, jamo_v, V_COUNT, &k);
        s += k, left -= k;
        int t = jamo_prefix(s, left, jamo_t, T_COUNT, &k);
        if (l < 0 || v < 0 || t < 0 || left != k)
            return 0;
        *out = S_BASE + ((uint32_t)l * V_COUNT + (uint32_t)v) * T_COUNT + (uint32_t)t;
        return 1;
    }
    static const char cjk[] = "CJK UNIFIED IDEOGRAPH-";
    size_t cp_ = sizeof cjk - 1;
    if (len >= cp_ && memcmp(name, cjk, cp_) == 0) {
        if (len - cp_ != 4 && len - cp_ != 5)
            return 0;
        uint32_t v = 0;
        for (size_t i = cp_; i < len; i++) {
            int d = hex_digit(name[i]);
            if (d < 0)
                return 0;
            v = v * 16 + (uint32_t)d;
        }
        if (!is_unified_ideograph(v))
            return 0;
        *out = v;
        return 1;
    }
    return -1;
}

/* Other names of the form PREFIX-HEX are stored by CPython in full, so only the exact name (in
 * any case) is found; unified ideographs only as lookup_algorithmic reads them. */
static bool lookup_ranges(const char *upper, size_t len, uint32_t *out)
{
    const char *dash = memchr(upper, '-', len);
    while (dash && memchr(dash + 1, '-', len - (size_t)(dash + 1 - upper)))
        dash = memchr(dash + 1, '-', len - (size_t)(dash + 1 - upper));
    if (!dash || len - (size_t)(dash + 1 - upper) > 5)
        return false;
    uint32_t v = 0;
    for (const char *p = dash + 1; p < upper + len; p++) {
        int d = hex_digit(*p);
        if (d < 0)
            return false;
        v = v * 16 + (uint32_t)d;
    }
    char buf[RT_UCD_NAME_MAX];
    if (v > 0x10FFFF || is_unified_ideograph(v) || !rt_ucd_name(v, buf) || strlen(buf) != len ||
        memcmp(buf, upper, len) != 0)
        return false;
    *out = v;
    return true;
}

int rt_ucd_lookup(const char *name, size_t len, int kinds, uint32_t *out)
{
    char upper[RT_UCD_NAME_MAX];
    if (len >= RT_UCD_NAME_MAX)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        upper[i] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    }
    upper[len] = 0;
    int r = lookup_algorithmic(name, len, out);
    if (r >= 0)
        return r;
    if (lookup_ranges(upper, len, out))
        return 1;
    if (!name_hash && !build_name_hash())
        return 0;
    char buf[RT_UCD_NAME_MAX];
    for (uint32_t h = hash_name(upper, len) & (HASH_SLOTS - 1); name_hash[h]; h = (h + 1) & (HASH_SLOTS - 1)) {
        unsigned e = name_hash[h] - 1u;
        NameWords nw;
        entry_words(e, &nw);
        if (render(&nw, buf) != len || memcmp(buf, upper, len) != 0)
            continue;
        if (e < UCD_NAMES) {
            out[0] = entry_code(e);
            return 1;
        }
        if (e < UCD_NAMES + UCD_ALIASES) {
            out[0] = ucd_alias_targets[e - UCD_NAMES];
            return kinds & RT_UCD_ALIASES ? 1 : 0;
        }
        if (!(kinds & RT_UCD_SEQUENCES))
            return 0;
        unsigned s = e - UCD_NAMES - UCD_ALIASES;
        int n = ucd_sequence_start[s + 1] - ucd_sequence_start[s];
        memcpy(out, &ucd_sequence_data[ucd_sequence_start[s]], (size_t)n * sizeof *out);
        return n;
    }
    return 0;
}
