/* stdlib/_sre_engine.c — the matching engine of the _sre module: runs the
 * opcode lists that CPython's re/_compiler.py produces, with the semantics
 * of CPython's Modules/_sre/sre_lib.h, over a subject of 1-byte characters
 * (bytes, ASCII str) or 4-byte code points (any other str).
 *
 * The matcher itself (stdlib/_sre_match.h) is included once per character
 * width; this file holds what does not depend on it: character classes,
 * case mappings, character sets, and the stacks.  See stdlib/_sre.h for how
 * backtracking is represented. */
#include <stdlib.h>
#include <string.h>

#include "runtime/unicode_db.h"
#include "stdlib/_sre.h"

/* ---- character classes and case ------------------------------------------------------ */

static inline bool ascii_isdigit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
static inline bool ascii_isalpha(uint32_t ch) { return (ch | 32) >= 'a' && (ch | 32) <= 'z'; }
static inline bool ascii_isword(uint32_t ch) { return ascii_isdigit(ch) || ascii_isalpha(ch) || ch == '_'; }
static inline bool ascii_isspace(uint32_t ch) { return ch == ' ' || (ch >= 9 && ch <= 13); }

static inline uint32_t lower_ascii(uint32_t ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
static inline uint32_t upper_ascii(uint32_t ch) { return ch >= 'a' && ch <= 'z' ? ch - 32 : ch; }

/* The first code point of a full case mapping (UTF-8): what CPython's
 * _PyUnicode_ToLowercase/ToUppercase return for characters with one. */
static uint32_t first_code_point(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80)
        return p[0];
    if (p[0] < 0xE0)
        return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
    if (p[0] < 0xF0)
        return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
           (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

uint32_t sre_lower_unicode(uint32_t ch)
{
    if (ch < 128)
        return lower_ascii(ch);
    const RtUcdRecord *r = rt_ucd(ch);
    if (r->special)
        return first_code_point(rt_ucd_full_case(r, RT_UCD_TO_LOWER));
    return (uint32_t)((int32_t)ch + r->lower);
}

uint32_t sre_upper_unicode(uint32_t ch)
{
    if (ch < 128)
        return upper_ascii(ch);
    const RtUcdRecord *r = rt_ucd(ch);
    if (r->special)
        return first_code_point(rt_ucd_full_case(r, RT_UCD_TO_UPPER));
    return (uint32_t)((int32_t)ch + r->upper);
}

bool sre_unicode_iscased(uint32_t ch)
{
    return ch != sre_lower_unicode(ch) || ch != sre_upper_unicode(ch);
}

static bool uni_isword(uint32_t ch)
{
    if (ch < 128)
        return ascii_isword(ch);
    return (rt_ucd(ch)->flags & (RT_UCD_ALPHA | RT_UCD_DECIMAL | RT_UCD_DIGIT | RT_UCD_NUMERIC)) != 0;
}

/* str.isspace: ASCII's whitespace includes \x1c-\x1f. */
static bool uni_isspace(uint32_t ch)
{
    if (ch < 128)
        return ascii_isspace(ch) || (ch >= 0x1C && ch <= 0x1F);
    return (rt_ucd(ch)->flags & RT_UCD_SPACE) != 0;
}

static bool uni_islinebreak(uint32_t ch)
{
    return (ch >= 10 && ch <= 13) || (ch >= 0x1C && ch <= 0x1E) || ch == 0x85 || ch == 0x2028 ||
           ch == 0x2029;
}

/* The "locale" of minipy is always C's: only ASCII letters have case. */
static inline bool loc_isword(uint32_t ch) { return ch < 128 && ascii_isword(ch); }

static bool char_loc_ignore(uint32_t pattern, uint32_t ch)
{
    return ch == pattern || (ch < 256 && (lower_ascii(ch) == pattern || upper_ascii(ch) == pattern));
}

static bool category(uint32_t cat, uint32_t ch)
{
    switch (cat) {
    case SRE_CAT_DIGIT: return ascii_isdigit(ch);
    case SRE_CAT_NOT_DIGIT: return !ascii_isdigit(ch);
    case SRE_CAT_SPACE: return ascii_isspace(ch);
    case SRE_CAT_NOT_SPACE: return !ascii_isspace(ch);
    case SRE_CAT_WORD: return ch < 128 && ascii_isword(ch);
    case SRE_CAT_NOT_WORD: return !(ch < 128 && ascii_isword(ch));
    case SRE_CAT_LINEBREAK: return ch == '\n';
    case SRE_CAT_NOT_LINEBREAK: return ch != '\n';
    case SRE_CAT_LOC_WORD: return loc_isword(ch);
    case SRE_CAT_LOC_NOT_WORD: return !loc_isword(ch);
    case SRE_CAT_UNI_DIGIT: return ch < 128 ? ascii_isdigit(ch) : (rt_ucd(ch)->flags & RT_UCD_DECIMAL) != 0;
    case SRE_CAT_UNI_NOT_DIGIT: return !(ch < 128 ? ascii_isdigit(ch) : (rt_ucd(ch)->flags & RT_UCD_DECIMAL) != 0);
    case SRE_CAT_UNI_SPACE: return uni_isspace(ch);
    case SRE_CAT_UNI_NOT_SPACE: return !uni_isspace(ch);
    case SRE_CAT_UNI_WORD: return uni_isword(ch);
    case SRE_CAT_UNI_NOT_WORD: return !uni_isword(ch);
    case SRE_CAT_UNI_LINEBREAK: return uni_islinebreak(ch);
    case SRE_CAT_UNI_NOT_LINEBREAK: return !uni_islinebreak(ch);
    }
    return false;
}

/* Is ch in the set at `set` (a list of set items ended by FAILURE)? */
static bool in_charset(const uint32_t *set, uint32_t ch)
{
    bool ok = true;
    for (;;) {
        switch (*set++) {
        case SRE_OP_FAILURE:
            return !ok;
        case SRE_OP_LITERAL:
            if (ch == set[0])
                return ok;
            set++;
            break;
        case SRE_OP_CATEGORY:
            if (category(set[0], ch))
                return ok;
            set++;
            break;
        case SRE_OP_CHARSET:
            if (ch < 256 && (set[ch / 32] & (1u << (ch & 31))))
                return ok;
            set += 8;
            break;
        case SRE_OP_RANGE:
            if (set[0] <= ch && ch <= set[1])
                return ok;
            set += 2;
            break;
        case SRE_OP_RANGE_UNI_IGNORE: {
            /* ch is already lower-cased: try its upper case too */
            if (set[0] <= ch && ch <= set[1])
                return ok;
            uint32_t up = sre_upper_unicode(ch);
            if (set[0] <= up && up <= set[1])
                return ok;
            set += 2;
            break;
        }
        case SRE_OP_NEGATE:
            ok = !ok;
            break;
        case SRE_OP_BIGCHARSET: {
            /* <count> <256 block numbers, one byte each> <count blocks of 256 bits> */
            uint32_t count = *set++;
            int block = ch < 0x10000 ? ((const uint8_t *)set)[ch >> 8] : -1;
            set += 64;
            if (block >= 0 && (set[((uint32_t)block * 256 + (ch & 255)) / 32] & (1u << (ch & 31))))
                return ok;
            set += count * 8;
            break;
        }
        default:
            return false;
        }
    }
}

static bool in_charset_loc_ignore(const uint32_t *set, uint32_t ch)
{
    uint32_t lo = ch < 256 ? lower_ascii(ch) : ch;
    if (in_charset(set, lo))
        return true;
    uint32_t up = ch < 256 ? upper_ascii(ch) : ch;
    return up != lo && in_charset(set, up);
}

/* Does one character match the single-character item at `item` (the
 * opcodes a REPEAT_ONE body, and a branch's first op, may be)? */
static bool match_one(const uint32_t *item, uint32_t ch)
{
    switch (item[0]) {
    case SRE_OP_LITERAL: return ch == item[1];
    case SRE_OP_NOT_LITERAL: return ch != item[1];
    case SRE_OP_ANY: return ch != '\n';
    case SRE_OP_ANY_ALL: return true;
    case SRE_OP_IN: return in_charset(item + 2, ch);
    case SRE_OP_CATEGORY: return category(item[1], ch);
    case SRE_OP_LITERAL_IGNORE: return lower_ascii(ch) == item[1];
    case SRE_OP_NOT_LITERAL_IGNORE: return lower_ascii(ch) != item[1];
    case SRE_OP_LITERAL_UNI_IGNORE: return sre_lower_unicode(ch) == item[1];
    case SRE_OP_NOT_LITERAL_UNI_IGNORE: return sre_lower_unicode(ch) != item[1];
    case SRE_OP_LITERAL_LOC_IGNORE: return char_loc_ignore(item[1], ch);
    case SRE_OP_NOT_LITERAL_LOC_IGNORE: return !char_loc_ignore(item[1], ch);
    case SRE_OP_IN_IGNORE: return in_charset(item + 2, lower_ascii(ch));
    case SRE_OP_IN_UNI_IGNORE: return in_charset(item + 2, sre_lower_unicode(ch));
    case SRE_OP_IN_LOC_IGNORE: return in_charset_loc_ignore(item + 2, ch);
    }
    return false;
}

/* ---- the stacks ------------------------------------------------------------------------ */

/* The stacks of the last finished match, kept (up to a size) for the next
 * one: a deep match then reuses memory it has already touched instead of
 * faulting in fresh pages every call. */
#define SPARE_MAX ((size_t)16 << 20)
static struct {
    SreChoice *cp;
    size_t cpcap;
    SreTrail *trail;
    size_t trailcap;
    int64_t *mem;
    size_t memcap;
} spare;

#define KEEP_OR_FREE(field, cap, size)                                          \
    do {                                                                        \
        if (st->field && !spare.field && st->cap * (size) <= SPARE_MAX) {       \
            spare.field = st->field;                                            \
            spare.cap = st->cap;                                                \
        } else {                                                                \
            free(st->field);                                                    \
        }                                                                       \
    } while (0)

#define TAKE_SPARE(field, cap)                                                  \
    do {                                                                        \
        if (!st->field && spare.field) {                                        \
            st->field = spare.field;                                            \
            st->cap = spare.cap;                                                \
            spare.field = NULL;                                                 \
        }                                                                       \
    } while (0)

void sre_state_free(SreState *st)
{
    KEEP_OR_FREE(cp, cpcap, sizeof(SreChoice));
    KEEP_OR_FREE(trail, trailcap, sizeof(SreTrail));
    KEEP_OR_FREE(mem, memcap, sizeof(int64_t));
    st->cp = NULL;
    st->trail = NULL;
    st->mem = NULL;
    st->ncp = st->cpcap = st->ntrail = st->trailcap = st->nmem = st->memcap = 0;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

/* A fresh attempt: the fixed words, all marks unset, no choices. */
static bool reset(SreState *st)
{
    TAKE_SPARE(cp, cpcap);
    TAKE_SPARE(trail, trailcap);
    TAKE_SPARE(mem, memcap);
    size_t need = SRE_MEM_MARKS + 2 * (size_t)st->ngroups;
    if (need > st->memcap && !grow((void **)&st->mem, &st->memcap, need, sizeof(int64_t)))
        return false;
    st->mem[SRE_MEM_LASTINDEX] = -1;
    st->mem[SRE_MEM_REPEAT] = -1;
    st->mem[SRE_MEM_CTX] = -1;
    for (size_t i = SRE_MEM_MARKS; i < need; i++)
        st->mem[i] = -1;
    st->nmem = need;
    st->ncp = 0;
    st->ntrail = 0;
    return true;
}

/* Write a mem word, logging the old value when a choice point older than
 * the word may backtrack over this write. */
static inline bool mem_set(SreState *st, size_t slot, int64_t v)
{
    if (st->mem[slot] == v)
        return true;
    if (st->ncp && slot < st->cp[st->ncp - 1].mem_h) {
        if (st->ntrail == st->trailcap &&
            !grow((void **)&st->trail, &st->trailcap, st->ntrail + 1, sizeof(SreTrail)))
            return false;
        st->trail[st->ntrail].slot = slot;
        st->trail[st->ntrail].old = st->mem[slot];
        st->ntrail++;
    }
    st->mem[slot] = v;
    return true;
}

/* n new words at the end of mem; their index, or -1 (no memory). */
static inline int64_t mem_alloc(SreState *st, size_t n)
{
    if (st->nmem + n > st->memcap && !grow((void **)&st->mem, &st->memcap, st->nmem + n, sizeof(int64_t)))
        return -1;
    int64_t at = (int64_t)st->nmem;
    st->nmem += n;
    return at;
}

/* Does the character match the single-character op at pc?  ASCII through
 * the op's bitmap. */
static inline bool unit_at(const SreCode *c, uint32_t pc, uint32_t ch)
{
    if (ch < 128)
        return (c->maps[c->aux[pc]][ch >> 6] >> (ch & 63)) & 1;
    return match_one(c->code + pc, ch);
}

static inline SreChoice *push_choice(SreState *st, uint32_t kind, uint32_t pc, int64_t pos)
{
    if (st->ncp == st->cpcap && !grow((void **)&st->cp, &st->cpcap, st->ncp + 1, sizeof(SreChoice)))
        return NULL;
    SreChoice *c = &st->cp[st->ncp++];
    c->kind = kind;
    c->pc = pc;
    c->pos = pos;
    c->trail_h = st->ntrail;
    c->mem_h = st->nmem;
    c->a = c->b = 0;
    return c;
}

/* Undo everything done since choice c was pushed (c stays on the stack). */
static inline void undo_to(SreState *st, const SreChoice *c)
{
    size_t h = c->trail_h;
    while (st->ntrail > h) {
        st->ntrail--;
        st->mem[st->trail[st->ntrail].slot] = st->trail[st->ntrail].old;
    }
    st->nmem = c->mem_h;
}

/* Record the ASCII bitmap of the single-character op at pc. */
static bool note_unit(SreCode *c, uint32_t pc)
{
    if (c->nmaps == c->capmaps && !grow((void **)&c->maps, &c->capmaps, c->nmaps + 1, sizeof c->maps[0])) {
        c->oom = true;
        return false;
    }
    uint64_t *m = c->maps[c->nmaps];
    m[0] = m[1] = 0;
    uint32_t op = c->code[pc], lit = c->code[pc + 1];
    if (op == SRE_OP_LITERAL) {
        if (lit < 128)
            m[lit >> 6] = 1ull << (lit & 63);
    } else {
        for (uint32_t ch = 0; ch < 128; ch++)
            if (match_one(c->code + pc, ch))
                m[ch >> 6] |= 1ull << (ch & 63);
    }
    c->aux[pc] = (uint32_t)c->nmaps++;
    return true;
}

/* ---- code validation ------------------------------------------------------------------ */

/* The engine trusts the code it runs, so _sre.compile() checks what a code
 * list could do wrong before accepting it (CPython's _validate): operands
 * and skips inside their block, marks within the groups, sub-patterns
 * closed by SUCCESS, repeat bodies of the right shape.  Bad code raises
 * RuntimeError("invalid SRE code").  On the way, every single-character
 * op gets a bitmap of the ASCII characters it matches (SreCode.aux/maps). */

static bool valid_charset(const uint32_t *code, uint32_t pc, uint32_t end)
{
    while (pc < end) {
        switch (code[pc]) {
        case SRE_OP_FAILURE:
            return pc + 1 == end;
        case SRE_OP_LITERAL:
            pc += 2;
            break;
        case SRE_OP_CATEGORY:
            if (pc + 1 >= end || code[pc + 1] > SRE_CAT_UNI_NOT_LINEBREAK)
                return false;
            pc += 2;
            break;
        case SRE_OP_RANGE:
        case SRE_OP_RANGE_UNI_IGNORE:
            pc += 3;
            break;
        case SRE_OP_NEGATE:
            pc++;
            break;
        case SRE_OP_CHARSET:
            pc += 9;
            break;
        case SRE_OP_BIGCHARSET: {
            if (pc + 66 > end)
                return false;
            uint32_t count = code[pc + 1];
            const uint8_t *blocks = (const uint8_t *)(code + pc + 2);
            for (int i = 0; i < 256; i++)
                if (blocks[i] >= count)
                    return false;
            if (count > (end - pc - 66) / 8)
                return false;
            pc += 66 + count * 8;
            break;
        }
        default:
            return false;
        }
    }
    return false;
}

static bool is_unit_op(uint32_t op)
{
    switch (op) {
    case SRE_OP_LITERAL: case SRE_OP_NOT_LITERAL: case SRE_OP_ANY: case SRE_OP_ANY_ALL:
    case SRE_OP_IN: case SRE_OP_CATEGORY: case SRE_OP_LITERAL_IGNORE: case SRE_OP_NOT_LITERAL_IGNORE:
    case SRE_OP_LITERAL_UNI_IGNORE: case SRE_OP_NOT_LITERAL_UNI_IGNORE: case SRE_OP_LITERAL_LOC_IGNORE:
    case SRE_OP_NOT_LITERAL_LOC_IGNORE: case SRE_OP_IN_IGNORE: case SRE_OP_IN_UNI_IGNORE:
    case SRE_OP_IN_LOC_IGNORE:
        return true;
    }
    return false;
}

static bool valid_block(const uint32_t *code, uint32_t pc, uint32_t end, SreCode *c, int depth);

/* A sub-pattern [pc, end) that must finish with SUCCESS. */
static bool valid_sub(const uint32_t *code, uint32_t pc, uint32_t end, SreCode *c, int depth)
{
    return end > pc && code[end - 1] == SRE_OP_SUCCESS && valid_block(code, pc, end - 1, c, depth);
}

/* The end of the op at pc whose skip word is code[pc + 1], or 0. */
static uint32_t skip_end(const uint32_t *code, uint32_t pc, uint32_t end)
{
    if (pc + 1 >= end || code[pc + 1] == 0 || code[pc + 1] > end - pc - 1)
        return 0;
    return pc + 1 + code[pc + 1];
}

static bool valid_block(const uint32_t *code, uint32_t pc, uint32_t end, SreCode *c, int depth)
{
    if (depth > 5000) /* deeper than re/_parser.py can nest under the recursion limit */
        return false;
    while (pc < end) {
        uint32_t op = code[pc], to;
        switch (op) {
        case SRE_OP_FAILURE: case SRE_OP_SUCCESS:
            pc++;
            break;
        case SRE_OP_ANY: case SRE_OP_ANY_ALL:
            if (!note_unit(c, pc))
                return false;
            pc++;
            break;
        case SRE_OP_AT:
            if (pc + 1 >= end || code[pc + 1] > SRE_AT_UNI_NON_BOUNDARY)
                return false;
            pc += 2;
            break;
        case SRE_OP_CATEGORY:
            if (pc + 1 >= end || code[pc + 1] > SRE_CAT_UNI_NOT_LINEBREAK)
                return false;
            /* fall through */
        case SRE_OP_LITERAL: case SRE_OP_NOT_LITERAL: case SRE_OP_LITERAL_IGNORE:
        case SRE_OP_NOT_LITERAL_IGNORE: case SRE_OP_LITERAL_UNI_IGNORE: case SRE_OP_NOT_LITERAL_UNI_IGNORE:
        case SRE_OP_LITERAL_LOC_IGNORE: case SRE_OP_NOT_LITERAL_LOC_IGNORE:
            if (pc + 1 >= end || !note_unit(c, pc))
                return false;
            pc += 2;
            break;
        case SRE_OP_MARK:
            if (pc + 1 >= end || code[pc + 1] >= 2 * c->groups)
                return false;
            pc += 2;
            break;
        case SRE_OP_GROUPREF: case SRE_OP_GROUPREF_IGNORE: case SRE_OP_GROUPREF_UNI_IGNORE:
        case SRE_OP_GROUPREF_LOC_IGNORE:
            if (pc + 1 >= end || code[pc + 1] >= c->groups)
                return false;
            pc += 2;
            break;
        case SRE_OP_IN: case SRE_OP_IN_IGNORE: case SRE_OP_IN_UNI_IGNORE: case SRE_OP_IN_LOC_IGNORE:
            if (!(to = skip_end(code, pc, end)) || !valid_charset(code, pc + 2, to) || !note_unit(c, pc))
                return false;
            pc = to;
            break;
        case SRE_OP_INFO: {
            if (!(to = skip_end(code, pc, end)) || to < pc + 5)
                return false;
            uint32_t flags = code[pc + 2];
            if (flags & SRE_INFO_PREFIX) {
                if (to < pc + 7)
                    return false;
                uint32_t plen = code[pc + 5];
                if (plen > (to - pc - 7) / 2 || code[pc + 6] > plen)
                    return false;
            } else if ((flags & SRE_INFO_CHARSET) && !valid_charset(code, pc + 5, to)) {
                return false;
            }
            pc = to;
            break;
        }
        case SRE_OP_JUMP:
            if (!(to = skip_end(code, pc, end)))
                return false;
            pc = to;
            break;
        case SRE_OP_BRANCH: {
            /* alternatives: <skip> body <JUMP> <to the common end> ... 0 */
            uint32_t alt = pc + 1, target = 0;
            for (;;) {
                if (alt >= end)
                    return false;
                uint32_t skip = code[alt];
                if (skip == 0)
                    break;
                if (skip < 3 || skip > end - alt)
                    return false;
                uint32_t jmp = alt + skip - 2;
                if (code[jmp] != SRE_OP_JUMP || !valid_block(code, alt + 1, jmp, c, depth + 1) ||
                    !(to = skip_end(code, jmp, end)) || (target && to != target))
                    return false;
                target = to;
                alt += skip;
            }
            if (target && target != alt + 1)
                return false;
            pc = alt + 1;
            break;
        }
        case SRE_OP_REPEAT_ONE: case SRE_OP_MIN_REPEAT_ONE: case SRE_OP_POSSESSIVE_REPEAT_ONE:
            /* <op> <skip> <min> <max> item <SUCCESS> */
            if (!(to = skip_end(code, pc, end)) || to < pc + 6 || code[pc + 2] > code[pc + 3] ||
                code[to - 1] != SRE_OP_SUCCESS || !is_unit_op(code[pc + 4]) ||
                !valid_block(code, pc + 4, to - 1, c, depth + 1))
                return false;
            {
                uint32_t unit = code[pc + 4];
                uint32_t width = unit == SRE_OP_ANY || unit == SRE_OP_ANY_ALL ? 1
                                 : (unit == SRE_OP_IN || unit == SRE_OP_IN_IGNORE || unit == SRE_OP_IN_UNI_IGNORE ||
                                    unit == SRE_OP_IN_LOC_IGNORE) ? 1 + code[pc + 5] : 2;
                if (pc + 4 + width != to - 1)
                    return false;
            }
            pc = to;
            break;
        case SRE_OP_REPEAT: case SRE_OP_POSSESSIVE_REPEAT:
            /* <op> <skip> <min> <max> body <MAX_UNTIL|MIN_UNTIL|SUCCESS> */
            if (!(to = skip_end(code, pc, end)) || to < pc + 4 || to >= end || code[pc + 2] > code[pc + 3] ||
                !valid_block(code, pc + 4, to, c, depth + 1))
                return false;
            if (op == SRE_OP_REPEAT ? code[to] != SRE_OP_MAX_UNTIL && code[to] != SRE_OP_MIN_UNTIL
                                    : code[to] != SRE_OP_SUCCESS)
                return false;
            pc = to + 1;
            break;
        case SRE_OP_GROUPREF_EXISTS: {
            /* <op> <group> <skip> yes [<JUMP> <skip> no] */
            if (pc + 2 >= end || code[pc + 1] >= c->groups)
                return false;
            uint32_t skip = code[pc + 2];
            if (skip < 2 || skip > end - pc - 1)
                return false;
            uint32_t no = pc + 1 + skip;
            if (no >= pc + 5 && code[no - 2] == SRE_OP_JUMP && (to = skip_end(code, no - 2, end)) &&
                valid_block(code, pc + 3, no - 2, c, depth + 1) &&
                valid_block(code, no, to, c, depth + 1)) {
                pc = to;
                break;
            }
            if (!valid_block(code, pc + 3, no, c, depth + 1))
                return false;
            pc = no;
            break;
        }
        case SRE_OP_ASSERT: case SRE_OP_ASSERT_NOT:
            if (!(to = skip_end(code, pc, end)) || to < pc + 4 || !valid_sub(code, pc + 3, to, c, depth + 1))
                return false;
            pc = to;
            break;
        case SRE_OP_ATOMIC_GROUP:
            if (!(to = skip_end(code, pc, end)) || !valid_sub(code, pc + 2, to, c, depth + 1))
                return false;
            pc = to;
            break;
        default:
            return false;
        }
    }
    return pc == end;
}

/* The ASCII map of what the first character of a match may be, when the
 * code at pc must consume one (a single-character op, a BRANCH of them, a
 * one-character repeat taken at least once), after any MARKs. */
static bool first_map(const SreCode *c, uint32_t pc, uint64_t map[2])
{
    const uint32_t *code = c->code;
    while (code[pc] == SRE_OP_MARK)
        pc += 2;
    switch (code[pc]) {
    case SRE_OP_BRANCH: {
        uint64_t m[2] = {0, 0};
        for (uint32_t alt = pc + 1; code[alt]; alt += code[alt]) {
            uint64_t a[2];
            if (!first_map(c, alt + 1, a))
                return false;
            m[0] |= a[0];
            m[1] |= a[1];
        }
        map[0] = m[0];
        map[1] = m[1];
        return true;
    }
    case SRE_OP_REPEAT_ONE:
    case SRE_OP_MIN_REPEAT_ONE:
    case SRE_OP_POSSESSIVE_REPEAT_ONE:
        if (code[pc + 2] == 0)
            return false;
        pc += 4;
        break;
    }
    if (c->aux[pc] == UINT32_MAX)
        return false;
    map[0] = c->maps[c->aux[pc]][0];
    map[1] = c->maps[c->aux[pc]][1];
    return true;
}

int sre_prepare(SreCode *c)
{
    c->aux = malloc((c->size + 1) * sizeof(uint32_t));
    if (!c->aux)
        return -1;
    for (size_t i = 0; i <= c->size; i++)
        c->aux[i] = UINT32_MAX;
    if (c->size > UINT32_MAX - 8 || !valid_block(c->code, 0, (uint32_t)c->size, c, 0))
        return c->oom ? -1 : 0;
    uint32_t body = c->code[0] == SRE_OP_INFO ? 1 + c->code[1] : 0;
    c->first = SRE_FIRST_ANY;
    if (c->code[body] == SRE_OP_AT && c->code[body + 1] == SRE_AT_BEGINNING_LINE)
        c->first = SRE_FIRST_LINE;
    else if (first_map(c, body, c->first_map))
        c->first = SRE_FIRST_MAP;
    return 1;
}

void sre_code_free(SreCode *c)
{
    free(c->code);
    free(c->aux);
    free(c->maps);
    c->code = NULL;
    c->aux = NULL;
    c->maps = NULL;
}

/* Choice point kinds. */
enum {
    CP_BRANCH,          /* pc: the next alternative's skip word */
    CP_REPEAT_ONE,      /* pc: the op; a: the count taken */
    CP_MIN_REPEAT_ONE,  /* pc: the op; a: the count taken */
    CP_MAX_UNTIL_TAIL,  /* pc: the tail; a: the repeat record */
    CP_MIN_UNTIL_MORE,  /* pc: the op; a: the repeat record; b: the count */
    /* sub-match barriers: pc is the op, pos where it started */
    CP_ASSERT, CP_ASSERT_NOT, CP_ATOMIC,
    CP_POSS,            /* a: iterations so far; b: this one is optional */
    CP_DEAD,            /* a barrier whose sub-match decided failure */
};

#define SRE_CHAR uint8_t
#define SRE(name) name##_1
#include "stdlib/_sre_match.h"
#undef SRE_CHAR
#undef SRE

#define SRE_CHAR uint32_t
#define SRE(name) name##_4
#include "stdlib/_sre_match.h"
#undef SRE_CHAR
#undef SRE

int sre_match(SreState *st)
{
    if (!reset(st))
        return SRE_ERROR_MEMORY;
    st->ptr = st->start;
    return st->charsize == 1 ? run_1(st, 0, true) : run_4(st, 0, true);
}

int sre_search(SreState *st)
{
    return st->charsize == 1 ? search_1(st) : search_4(st);
}
