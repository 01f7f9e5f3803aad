/* vm/marshal.c — values to bytes and back (see vm/marshal.h, vm/PYC_FORMAT.md).
 *
 * The writer and the reader are mirror images: each section below holds a
 * w_* function and its r_* twin, in the same field order.  Every value is a
 * one-byte tag followed by fixed-width little-endian fields.  Every str gets
 * a slot in a table as it is first written; later occurrences of the same
 * content are written as a reference to that slot, so names shared by many
 * code objects are stored once. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/code.h"
#include "runtime/complex.h"
#include "vm/marshal.h"

enum {
    TAG_NONE = 'N',
    TAG_TRUE = 'T',
    TAG_FALSE = 'F',
    TAG_ELLIPSIS = '.',
    TAG_INT32 = 'i',     /* int32 */
    TAG_INT64 = 'I',     /* int64 */
    TAG_BIGINT = 'l',    /* u8 sign, u32 n, n lowercase hex digits of |v| */
    TAG_FLOAT = 'g',     /* IEEE 754 binary64 */
    TAG_COMPLEX = 'y',   /* two IEEE 754 binary64: real, imag */
    TAG_STR = 'u',       /* u32 n, n bytes of UTF-8; takes the next ref slot */
    TAG_INTERNED = 'n',  /* as TAG_STR, re-interned on load */
    TAG_REF = 'r',       /* u32 slot of a str written earlier */
    TAG_BYTES = 'b',     /* u32 n, n bytes */
    TAG_TUPLE = '(',     /* u32 n, n values */
    TAG_LIST = '[',
    TAG_SET = '<',
    TAG_FROZENSET = '>',
    TAG_DICT = '{',      /* u32 n, n key/value pairs */
    TAG_CODE = 'c',
};

/* ========================================================================
 * Writer state: the output buffer and the str → slot table (open
 * addressing on the str's content hash).
 * ======================================================================== */

typedef struct RefSlot {
    Value str;     /* VNULL: empty */
    uint32_t index;
} RefSlot;

typedef struct Writer {
    VM *vm;
    StrBuf *out;
    RefSlot *slots;
    size_t mask;   /* table size - 1 (0: no table yet) */
    uint32_t nrefs;
    int depth;
    bool norefs;   /* encoding a sort key: no ref slots (see w_set) */
} Writer;

/* ========================================================================
 * Reader state.
 * ======================================================================== */

typedef struct Reader {
    VM *vm;
    const uint8_t *p, *end;
    const char *why;
    Value *refs;
    size_t nrefs, refcap;
    int depth;
} Reader;

static Value r_object(Reader *r);
static bool w_object(Writer *w, Value v);

static Value r_fail(Reader *r, const char *why)
{
    if (!r->why)
        r->why = why;
    return VNULL;
}

/* ---- fixed-width little-endian fields ----------------------------------- */

static bool w_bytes(Writer *w, const void *p, size_t n) { return sb_add(w->vm, w->out, p, n); }
static bool w_byte(Writer *w, uint8_t b) { return sb_addc(w->vm, w->out, (char)b); }

static bool w_u32(Writer *w, uint32_t x)
{
    uint8_t b[4] = {(uint8_t)x, (uint8_t)(x >> 8), (uint8_t)(x >> 16), (uint8_t)(x >> 24)};
    return w_bytes(w, b, 4);
}

static bool w_u64(Writer *w, uint64_t x)
{
    return w_u32(w, (uint32_t)x) && w_u32(w, (uint32_t)(x >> 32));
}

static inline bool r_have(Reader *r, size_t n) { return (size_t)(r->end - r->p) >= n; }

static bool r_byte(Reader *r, uint8_t *out)
{
    if (!r_have(r, 1))
        return r_fail(r, "truncated data"), false;
    *out = *r->p++;
    return true;
}

static bool r_u32(Reader *r, uint32_t *out)
{
    if (!r_have(r, 4))
        return r_fail(r, "truncated data"), false;
    const uint8_t *p = r->p;
    *out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    r->p += 4;
    return true;
}

static bool r_u64(Reader *r, uint64_t *out)
{
    uint32_t lo, hi;
    if (!r_u32(r, &lo) || !r_u32(r, &hi))
        return false;
    *out = (uint64_t)hi << 32 | lo;
    return true;
}

/* A count of items that each take at least `unit` bytes: refusing counts the
 * remaining input cannot hold keeps hostile counts from allocating. */
static bool r_count(Reader *r, size_t unit, uint32_t *n)
{
    if (!r_u32(r, n))
        return false;
    if ((uint64_t)*n * unit > (uint64_t)(r->end - r->p))
        return r_fail(r, "count exceeds remaining data"), false;
    return true;
}

/* ---- ints ---------------------------------------------------------------- */

static bool w_int(Writer *w, Value v)
{
    if (v_is_small(v)) {
        int64_t i = v_small(v);
        if (i >= INT32_MIN && i <= INT32_MAX)
            return w_byte(w, TAG_INT32) && w_u32(w, (uint32_t)(int32_t)i);
        return w_byte(w, TAG_INT64) && w_u64(w, (uint64_t)i);
    }
    Value hex = rt_int_to_base(w->vm, v, 16, false);
    if (!hex)
        return false;
    const char *s = v_cstr(hex);
    size_t n = v_str(hex)->len;
    bool neg = rt_int_sign(v) < 0;
    if (n > 0 && s[0] == '-')
        s++, n--;
    if (n > UINT32_MAX)
        return rt_raise(w->vm, &rt_exc_ValueError, "int too large to marshal"), false;
    return w_byte(w, TAG_BIGINT) && w_byte(w, neg) && w_u32(w, (uint32_t)n) && w_bytes(w, s, n);
}

static Value r_int32(Reader *r)
{
    uint32_t x;
    if (!r_u32(r, &x))
        return VNULL;
    return v_from_small((int32_t)x);
}

static Value r_int64(Reader *r)
{
    uint64_t x;
    if (!r_u64(r, &x))
        return VNULL;
    return rt_int_from_i64(r->vm, (int64_t)x);
}

static Value r_bigint(Reader *r)
{
    uint8_t neg;
    uint32_t n;
    if (!r_byte(r, &neg) || !r_count(r, 1, &n))
        return VNULL;
    if (neg > 1 || n == 0)
        return r_fail(r, "bad big int");
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return r_fail(r, "out of memory");
    buf[0] = '-';
    for (uint32_t i = 0; i < n; i++) {
        uint8_t c = r->p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            free(buf);
            return r_fail(r, "bad big int digit");
        }
        buf[i + 1] = (char)c;
    }
    r->p += n;
    Value v = rt_int_from_string(r->vm, neg ? buf : buf + 1, n + neg, 16);
    free(buf);
    return v ? v : r_fail(r, "bad big int");
}

/* ---- floats -------------------------------------------------------------- */

static bool w_float(Writer *w, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    return w_byte(w, TAG_FLOAT) && w_u64(w, bits);
}

static bool w_complex(Writer *w, double re, double im)
{
    uint64_t a, b;
    memcpy(&a, &re, 8);
    memcpy(&b, &im, 8);
    return w_byte(w, TAG_COMPLEX) && w_u64(w, a) && w_u64(w, b);
}

static Value r_complex(Reader *r)
{
    uint64_t a, b;
    double re, im;
    if (!r_u64(r, &a) || !r_u64(r, &b))
        return VNULL;
    memcpy(&re, &a, 8);
    memcpy(&im, &b, 8);
    return rt_complex_new(r->vm, re, im);
}

static Value r_float(Reader *r)
{
    uint64_t bits;
    double d;
    if (!r_u64(r, &bits))
        return VNULL;
    memcpy(&d, &bits, 8);
    return rt_float_new(r->vm, d);
}

/* ---- str, with the ref table ------------------------------------------- */

static bool w_grow_refs(Writer *w)
{
    size_t oldsize = w->mask ? w->mask + 1 : 0, size = oldsize ? oldsize * 2 : 64;
    RefSlot *slots = calloc(size, sizeof *slots);
    if (!slots)
        return rt_no_memory(w->vm), false;
    for (size_t i = 0; i < oldsize; i++) {
        if (!w->slots[i].str)
            continue;
        size_t j = (size_t)rt_str_hash(w->slots[i].str) & (size - 1);
        while (slots[j].str)
            j = (j + 1) & (size - 1);
        slots[j] = w->slots[i];
    }
    free(w->slots);
    w->slots = slots;
    w->mask = size - 1;
    return true;
}

static bool w_str(Writer *w, Value s)
{
    Str *str = v_str(s);
    if (str->len > UINT32_MAX)
        return rt_raise(w->vm, &rt_exc_ValueError, "str too large to marshal"), false;
    if (!w->norefs) {
        if ((w->nrefs + 1) * 2 > (w->mask ? w->mask + 1 : 0) && !w_grow_refs(w))
            return false;
        size_t j = (size_t)rt_str_hash(s) & w->mask;
        for (; w->slots[j].str; j = (j + 1) & w->mask) {
            if (rt_str_equal(w->slots[j].str, s))
                return w_byte(w, TAG_REF) && w_u32(w, w->slots[j].index);
        }
        w->slots[j].str = s;
        w->slots[j].index = w->nrefs++;
    }
    return w_byte(w, str->interned ? TAG_INTERNED : TAG_STR) && w_u32(w, (uint32_t)str->len) &&
           w_bytes(w, str->data, str->len);
}

static Value r_str(Reader *r, bool interned)
{
    uint32_t n;
    if (!r_count(r, 1, &n))
        return VNULL;
    const char *s = (const char *)r->p;
    size_t bad;
    if (!rt_utf8_valid(s, n, &bad))
        return r_fail(r, "invalid UTF-8 in str");
    r->p += n;
    Value v = interned ? rt_str_intern(r->vm, s, n) : rt_str_new(r->vm, s, n);
    if (!v)
        return r_fail(r, "out of memory");
    if (r->nrefs == r->refcap) {
        size_t cap = r->refcap ? r->refcap * 2 : 64;
        Value *refs = realloc(r->refs, cap * sizeof *refs);
        if (!refs)
            return r_fail(r, "out of memory");
        r->refs = refs;
        r->refcap = cap;
    }
    r->refs[r->nrefs++] = v;
    return v;
}

static Value r_ref(Reader *r)
{
    uint32_t i;
    if (!r_u32(r, &i))
        return VNULL;
    if (i >= r->nrefs)
        return r_fail(r, "bad str reference");
    return r->refs[i];
}

/* ---- bytes --------------------------------------------------------------- */

static bool w_bytes_obj(Writer *w, Value v)
{
    Bytes *b = (Bytes *)v_obj(v);
    if (b->len > UINT32_MAX)
        return rt_raise(w->vm, &rt_exc_ValueError, "bytes too large to marshal"), false;
    return w_byte(w, TAG_BYTES) && w_u32(w, (uint32_t)b->len) && w_bytes(w, b->data, b->len);
}

static Value r_bytes_obj(Reader *r)
{
    uint32_t n;
    if (!r_count(r, 1, &n))
        return VNULL;
    Value v = rt_bytes_new(r->vm, r->p, n);
    r->p += n;
    return v ? v : r_fail(r, "out of memory");
}

/* ---- tuple and list ------------------------------------------------------ */

static bool w_items(Writer *w, uint8_t tag, size_t n, const Value *items)
{
    if (n > UINT32_MAX)
        return rt_raise(w->vm, &rt_exc_ValueError, "container too large to marshal"), false;
    if (!w_byte(w, tag) || !w_u32(w, (uint32_t)n))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!w_object(w, items[i]))
            return false;
    return true;
}

static Value r_tuple(Reader *r)
{
    uint32_t n;
    if (!r_count(r, 1, &n))
        return VNULL;
    if (n == 0)
        return rt_empty_tuple;
    Value t = rt_tuple_new(r->vm, n);
    if (!t)
        return r_fail(r, "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        Value item = r_object(r);
        if (!item)
            return VNULL;
        v_tuple(t)->items[i] = item;
    }
    return t;
}

static Value r_list(Reader *r)
{
    uint32_t n;
    if (!r_count(r, 1, &n))
        return VNULL;
    Value l = rt_list_new(r->vm, n);
    if (!l)
        return r_fail(r, "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        Value item = r_object(r);
        if (!item)
            return VNULL;
        if (!rt_list_append(r->vm, l, item))
            return r_fail(r, "out of memory");
    }
    return l;
}

/* ---- dict ---------------------------------------------------------------- */

static bool w_dict(Writer *w, Value v)
{
    Dict *d = v_dict(v);
    if (!w_byte(w, TAG_DICT) || !w_u32(w, (uint32_t)d->used))
        return false;
    Value k, val;
    for (size_t pos = 0; rt_dict_next(d, &pos, &k, &val);)
        if (!w_object(w, k) || !w_object(w, val))
            return false;
    return true;
}

/* Keys may be unhashable in hostile input: the TypeError becomes a reason. */
static Value r_dict(Reader *r)
{
    uint32_t n;
    if (!r_count(r, 2, &n))
        return VNULL;
    Value d = rt_dict_new(r->vm);
    if (!d)
        return r_fail(r, "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        Value k = r_object(r);
        Value v = k ? r_object(r) : VNULL;
        if (!v)
            return VNULL;
        if (!rt_dict_set(r->vm, v_dict(d), k, v))
            return r_fail(r, "unhashable dict key");
    }
    return d;
}

/* ---- set and frozenset --------------------------------------------------
 * Iteration order depends on hashes, so the writer sorts the elements by
 * their own encoding (made without ref slots, so it does not depend on what
 * was written before): the output is the same whatever the table layout. */

typedef struct SortKey {
    Value v;
    StrBuf enc;
} SortKey;

static int sortkey_cmp(const void *a, const void *b)
{
    const StrBuf *x = &((const SortKey *)a)->enc, *y = &((const SortKey *)b)->enc;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = n ? memcmp(x->data, y->data, n) : 0;
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

static bool w_set(Writer *w, Value v)
{
    Set *s = (Set *)v_obj(v);
    size_t n = s->used, k = 0;
    SortKey *keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        return rt_no_memory(w->vm), false;
    bool ok = true;
    Value item;
    for (size_t pos = 0; ok && k < n && rt_set_next(s, &pos, &item); k++) {
        keys[k].v = item;
        sb_init(&keys[k].enc);
        Writer kw = {.vm = w->vm, .out = &keys[k].enc, .depth = w->depth, .norefs = true};
        ok = w_object(&kw, item);
    }
    if (ok)
        qsort(keys, k, sizeof *keys, sortkey_cmp);
    ok = ok && w_byte(w, v_is(v, &rt_set_type) ? TAG_SET : TAG_FROZENSET) && w_u32(w, (uint32_t)k);
    for (size_t i = 0; ok && i < k; i++)
        ok = w_object(w, keys[i].v);
    for (size_t i = 0; i < k; i++)
        sb_free(&keys[i].enc);
    free(keys);
    return ok;
}

static Value r_set(Reader *r, Type *type)
{
    uint32_t n;
    if (!r_count(r, 1, &n))
        return VNULL;
    Value s = rt_set_new(r->vm, type);
    if (!s)
        return r_fail(r, "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        Value item = r_object(r);
        if (!item)
            return VNULL;
        if (!rt_set_add(r->vm, s, item))
            return r_fail(r, "unhashable set element");
    }
    return s;
}

/* ---- code objects --------------------------------------------------------
 * u32 argcount posonlyargcount kwonlyargcount nlocals ncells nfrees
 *     stacksize flags firstlineno ninsns nexc
 * ninsns × u32 instruction words
 * ninsns × zigzag varint line deltas (from firstlineno, then each previous)
 * nexc × (u32 start, end, handler, depth)
 * consts names varnames cellvars freevars name qualname (values)
 * The filename is not stored: the importer sets it (rt_code_set_filename),
 * so the same source gives the same bytes wherever it lives.  Nor are the
 * eval loop's inline caches (caches, ncaches): they are made at run time. */

static bool w_varint(Writer *w, uint64_t x)
{
    uint8_t b[10];
    size_t n = 0;
    do {
        b[n++] = (uint8_t)((x & 0x7f) | (x > 0x7f ? 0x80 : 0));
        x >>= 7;
    } while (x);
    return w_bytes(w, b, n);
}

static bool r_varint(Reader *r, uint64_t *out)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p == r->end)
            return r_fail(r, "truncated data"), false;
        uint8_t b = *r->p++;
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = x;
            return true;
        }
    }
    return r_fail(r, "bad varint"), false;
}

static uint64_t zigzag(int64_t d) { return d >= 0 ? (uint64_t)d * 2 : (uint64_t)(-d) * 2 - 1; }
static int64_t unzigzag(uint64_t z) { return (z & 1) ? -(int64_t)(z >> 1) - 1 : (int64_t)(z >> 1); }

/* The column spans after the lines: a presence byte, then per instruction
 * end_line - line (zigzag), col + 1, end_col - col (zigzag). */
static bool r_spans(Reader *r, Code *c)
{
    if (!r_have(r, 1))
        return r_fail(r, "truncated data"), false;
    uint8_t present = *r->p++;
    if (present > 1)
        return r_fail(r, "bad span flag"), false;
    if (!present || !c->ninsns)
        return true;
    if ((uint64_t)c->ninsns * 3 > (uint64_t)(r->end - r->p))
        return r_fail(r, "count exceeds remaining data"), false;
    CodeSpan *sp = rt_malloc(r->vm, c->ninsns * sizeof(CodeSpan));
    if (!sp)
        return r_fail(r, "out of memory"), false;
    c->spans = sp;
    for (uint32_t i = 0; i < c->ninsns; i++) {
        uint64_t a, b, d;
        if (!r_varint(r, &a) || !r_varint(r, &b) || !r_varint(r, &d))
            return false;
        int64_t end_line = (int64_t)c->lines[i] + unzigzag(a);
        int64_t col = (int64_t)b - 1, end_col = col + unzigzag(d);
        if (end_line < c->lines[i] || end_line > UINT32_MAX || col > INT32_MAX || end_col < -1 ||
            end_col > INT32_MAX || (col < 0) != (end_col < 0))
            return r_fail(r, "bad position"), false;
        sp[i] = (CodeSpan){(uint32_t)end_line, (int32_t)col, (int32_t)end_col};
    }
    return true;
}

static bool w_code(Writer *w, Code *c)
{
    uint32_t head[] = {c->argcount, c->posonlyargcount, c->kwonlyargcount, c->nlocals, c->ncells,
                       c->nfrees, c->stacksize, c->flags, c->firstlineno, c->ninsns, c->nexc};
    if (!w_byte(w, TAG_CODE))
        return false;
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        if (!w_u32(w, head[i]))
            return false;
    for (uint32_t i = 0; i < c->ninsns; i++)
        if (!w_u32(w, c->insns[i]))
            return false;
    int64_t prev = c->firstlineno;
    for (uint32_t i = 0; i < c->ninsns; i++) {
        int64_t d = (int64_t)(c->lines ? c->lines[i] : 0) - prev;
        prev += d;
        if (!w_varint(w, d >= 0 ? (uint64_t)d * 2 : (uint64_t)(-d) * 2 - 1))
            return false;
    }
    if (!w_byte(w, c->spans != NULL))
        return false;
    for (uint32_t i = 0; c->spans && i < c->ninsns; i++) {
        const CodeSpan *sp = &c->spans[i];
        if (!w_varint(w, zigzag((int64_t)sp->end_line - c->lines[i])) ||
            !w_varint(w, (uint64_t)((int64_t)sp->col + 1)) ||
            !w_varint(w, zigzag((int64_t)sp->end_col - sp->col)))
            return false;
    }
    for (uint32_t i = 0; i < c->nexc; i++) {
        ExcEntry *e = &c->exctable[i];
        if (!w_u32(w, e->start) || !w_u32(w, e->end) || !w_u32(w, e->handler) || !w_u32(w, e->depth))
            return false;
    }
    Value objs[] = {c->consts, c->names, c->varnames, c->cellvars, c->freevars, c->name, c->qualname};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        if (!w_object(w, objs[i] ? objs[i] : rt_None))
            return false;
    return true;
}

/* Names are looked up by identity-fast paths in dicts: make sure every str
 * of a name tuple is interned even if the file said otherwise. */
static bool r_intern_tuple(Reader *r, Value t)
{
    Tuple *tp = v_tuple(t);
    for (size_t i = 0; i < tp->len; i++) {
        Value s = tp->items[i];
        if (!v_is_str(s))
            return r_fail(r, "name is not a str"), false;
        if (!v_str(s)->interned) {
            Value in = rt_str_intern_value(r->vm, s);
            if (!in)
                return r_fail(r, "out of memory"), false;
            tp->items[i] = in;
        }
    }
    return true;
}

static Value r_code(Reader *r)
{
    enum { ARGC, POSONLY, KWONLY, NLOCALS, NCELLS, NFREES, STACKSIZE, FLAGS, FIRSTLINE, NINSNS,
           NEXC, NHEAD };
    uint32_t h[NHEAD];
    for (int i = 0; i < NHEAD; i++)
        if (!r_u32(r, &h[i]))
            return VNULL;
    uint32_t ninsns = h[NINSNS], nexc = h[NEXC];
    /* Each instruction takes 4 bytes plus at least one for its line. */
    if ((uint64_t)ninsns * 5 + (uint64_t)nexc * 16 > (uint64_t)(r->end - r->p))
        return r_fail(r, "count exceeds remaining data");
    /* The code object owns the arrays: decode straight into them. */
    Code *c = rt_code_new(r->vm, NULL, ninsns, NULL, NULL, nexc);
    if (!c)
        return r_fail(r, "out of memory");
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (ninsns)
        memcpy(c->insns, r->p, (size_t)ninsns * 4);
    r->p += (size_t)ninsns * 4;
#else
    for (uint32_t i = 0; i < ninsns; i++)
        r_u32(r, &c->insns[i]);
#endif
    int64_t line = h[FIRSTLINE];
    for (uint32_t i = 0; i < ninsns; i++) {
        uint64_t z;
        if (r->p < r->end && *r->p < 0x80) {
            z = *r->p++; /* the common one-byte delta */
        } else if (!r_varint(r, &z)) {
            return VNULL;
        }
        /* A delta beyond the u32 range is bad anyway; refusing it first
         * keeps the int64 addition below from overflowing. */
        if ((z >> 1) > UINT32_MAX)
            return r_fail(r, "bad line number");
        line += (z & 1) ? -(int64_t)(z >> 1) - 1 : (int64_t)(z >> 1);
        if (line < 0 || line > UINT32_MAX)
            return r_fail(r, "bad line number");
        c->lines[i] = (uint32_t)line;
    }
    if (!r_spans(r, c))
        return VNULL;
    if (!r_have(r, (size_t)nexc * 16))
        return r_fail(r, "truncated data");
    for (uint32_t i = 0; i < nexc; i++) {
        ExcEntry *e = &c->exctable[i];
        r_u32(r, &e->start);
        r_u32(r, &e->end);
        r_u32(r, &e->handler);
        r_u32(r, &e->depth);
    }
    Value objs[7];
    for (int i = 0; i < 7; i++)
        if (!(objs[i] = r_object(r)))
            return VNULL;
    for (int i = 0; i < 5; i++) {
        if (!v_is(objs[i], &rt_tuple_type))
            return r_fail(r, "code field is not a tuple");
        if (i > 0 && !r_intern_tuple(r, objs[i]))
            return VNULL;
    }
    if (!v_is_str(objs[5]) || !v_is_str(objs[6]))
        return r_fail(r, "code name is not a str");
    c->argcount = h[ARGC];
    c->posonlyargcount = h[POSONLY];
    c->kwonlyargcount = h[KWONLY];
    c->nlocals = h[NLOCALS];
    c->ncells = h[NCELLS];
    c->nfrees = h[NFREES];
    c->stacksize = h[STACKSIZE];
    c->flags = h[FLAGS];
    c->firstlineno = h[FIRSTLINE];
    c->consts = objs[0];
    c->names = objs[1];
    c->varnames = objs[2];
    c->cellvars = objs[3];
    c->freevars = objs[4];
    c->name = objs[5];
    c->qualname = objs[6];
    return v_from(c);
}

/* ---- dispatch -------------------------------------------------------------- */

static bool w_object(Writer *w, Value v)
{
    if (w->depth >= MARSHAL_MAX_DEPTH)
        return rt_raise(w->vm, &rt_exc_ValueError, "object too deeply nested to marshal"), false;
    w->depth++;
    bool ok;
    Type *t = v_type(v);
    if (v == rt_None)
        ok = w_byte(w, TAG_NONE);
    else if (v == rt_True)
        ok = w_byte(w, TAG_TRUE);
    else if (v == rt_False)
        ok = w_byte(w, TAG_FALSE);
    else if (v == rt_Ellipsis)
        ok = w_byte(w, TAG_ELLIPSIS);
    else if (t == &rt_int_type)
        ok = w_int(w, v);
    else if (t == &rt_float_type)
        ok = w_float(w, v_f(v));
    else if (t == &rt_complex_type)
        ok = w_complex(w, v_complex(v)->re, v_complex(v)->im);
    else if (t == &rt_str_type)
        ok = w_str(w, v);
    else if (t == &rt_bytes_type)
        ok = w_bytes_obj(w, v);
    else if (t == &rt_tuple_type)
        ok = w_items(w, TAG_TUPLE, v_tuple(v)->len, v_tuple(v)->items);
    else if (t == &rt_list_type)
        ok = w_items(w, TAG_LIST, v_list(v)->len, v_list(v)->items);
    else if (t == &rt_dict_type)
        ok = w_dict(w, v);
    else if (t == &rt_set_type || t == &rt_frozenset_type)
        ok = w_set(w, v);
    else if (t == &rt_code_type)
        ok = w_code(w, (Code *)v_obj(v));
    else
        ok = (rt_raise(w->vm, &rt_exc_ValueError, "unmarshallable object"), false);
    w->depth--;
    return ok;
}

static Value r_object(Reader *r)
{
    if (r->depth >= MARSHAL_MAX_DEPTH)
        return r_fail(r, "data nested too deeply");
    uint8_t tag;
    if (!r_byte(r, &tag))
        return VNULL;
    r->depth++;
    Value v;
    switch (tag) {
    case TAG_NONE: v = rt_None; break;
    case TAG_TRUE: v = rt_True; break;
    case TAG_FALSE: v = rt_False; break;
    case TAG_ELLIPSIS: v = rt_Ellipsis; break;
    case TAG_INT32: v = r_int32(r); break;
    case TAG_INT64: v = r_int64(r); break;
    case TAG_BIGINT: v = r_bigint(r); break;
    case TAG_FLOAT: v = r_float(r); break;
    case TAG_COMPLEX: v = r_complex(r); break;
    case TAG_STR: v = r_str(r, false); break;
    case TAG_INTERNED: v = r_str(r, true); break;
    case TAG_REF: v = r_ref(r); break;
    case TAG_BYTES: v = r_bytes_obj(r); break;
    case TAG_TUPLE: v = r_tuple(r); break;
    case TAG_LIST: v = r_list(r); break;
    case TAG_SET: v = r_set(r, &rt_set_type); break;
    case TAG_FROZENSET: v = r_set(r, &rt_frozenset_type); break;
    case TAG_DICT: v = r_dict(r); break;
    case TAG_CODE: v = r_code(r); break;
    default: v = r_fail(r, "unknown type code"); break;
    }
    r->depth--;
    return v;
}

/* ---- entry points ---------------------------------------------------------- */

bool vm_marshal_dump(VM *vm, Value v, StrBuf *out)
{
    Writer w = {.vm = vm, .out = out};
    bool ok = w_object(&w, v);
    free(w.slots);
    return ok;
}

Value vm_marshal_load(VM *vm, const uint8_t *data, size_t len, const char **why)
{
    Reader r = {.vm = vm, .p = data, .end = data + len};
    /* Shared strings may be held only by the reference table for a while. */
    GcRoot root;
    rt_gc_push_values(vm, &root, &r.refs, &r.nrefs);
    Value v = r_object(&r);
    if (v && r.p != r.end)
        v = r_fail(&r, "extra data after the value");
    rt_gc_pop_root(vm, &root);
    free(r.refs);
    if (!v) {
        /* Allocation or hashing failures surface as a reason, not an exception. */
        vm->exc = VNULL;
        *why = r.why ? r.why : "bad marshal data";
    }
    return v;
}
