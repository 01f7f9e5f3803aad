/* runtime/str.c — str core: construction, interning, hashing, repr, indexing
 * and slicing, the type's slots, StrBuf and the UTF-8 helpers.  Methods are
 * in str_methods.c, formatting in format.c.
 *
 * A Str holds NUL-terminated UTF-8.  `ascii` (len == nchars) makes indexing
 * O(1); other strings walk code points.  Code-point order equals the byte
 * order of UTF-8, so comparisons are memcmp.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/buffer.h"
#include "runtime/callable.h"

/* One-character ASCII strings and '' are interned once per VM start-up and
 * shared (vm->ascii_chars, vm->empty_str): indexing and iteration over ASCII
 * text never allocate. */

/* ---- UTF-8 ------------------------------------------------------------------- */

static size_t utf8_decode(const char *s, size_t len, uint32_t *cp, bool surrogates)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (len < 2 || (p[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        if (len < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        uint32_t v = ((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F);
        if (v < 0x800 || (!surrogates && v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return 3;
    }
    if (c < 0xF5) {
        if (len < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        uint32_t v = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3F);
        if (v < 0x10000 || v > 0x10FFFF)
            return 0;
        *cp = v;
        return 4;
    }
    return 0;
}

/* str data may hold lone surrogates (U+D800..U+DFFF, as 3-byte sequences:
 * what surrogateescape and '\udc80' literals make); text from outside
 * (bytes.decode, files) is checked with the strict forms, which refuse them. */
size_t rt_utf8_decode(const char *s, size_t len, uint32_t *cp) { return utf8_decode(s, len, cp, true); }
size_t rt_utf8_decode_strict(const char *s, size_t len, uint32_t *cp) { return utf8_decode(s, len, cp, false); }

size_t rt_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool utf8_valid(const char *s, size_t len, size_t *bad_offset, bool surrogates)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp, surrogates);
        if (!n) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

bool rt_utf8_valid(const char *s, size_t len, size_t *bad) { return utf8_valid(s, len, bad, true); }
bool rt_utf8_valid_strict(const char *s, size_t len, size_t *bad) { return utf8_valid(s, len, bad, false); }

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    /* 8 bytes at a time while all ASCII */
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
        n += 8;
    }
    for (; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* ---- construction ------------------------------------------------------------- */

Str *rt_str_raw(VM *vm, size_t len)
{
    Str *s = rt_alloc(vm, &rt_str_type, sizeof(Str) + len + 1);
    if (!s)
        return NULL;
    s->hash = -1;
    s->len = len;
    s->data[len] = 0;
    return s;
}

Value rt_str_seal(Str *s)
{
    s->nchars = count_chars(s->data, s->len);
    s->ascii = s->nchars == s->len;
    return v_from(s);
}

Value rt_str_new(VM *vm, const char *s, size_t len)
{
    if (len <= 1) {
        if (len == 0 && vm->empty_str)
            return vm->empty_str;
        if (len == 1 && (unsigned char)s[0] < 128 && vm->ascii_chars[(unsigned char)s[0]])
            return vm->ascii_chars[(unsigned char)s[0]];
    }
    Str *o = rt_str_raw(vm, len);
    if (!o)
        return VNULL;
    memcpy(o->data, s, len);
    return rt_str_seal(o);
}

Value rt_str_new_ascii(VM *vm, const char *s, size_t len)
{
    if (len == 1 && vm->ascii_chars[(unsigned char)s[0]])
        return vm->ascii_chars[(unsigned char)s[0]];
    Str *o = rt_str_raw(vm, len);
    if (!o)
        return VNULL;
    memcpy(o->data, s, len);
    o->nchars = len;
    o->ascii = true;
    return v_from(o);
}

Value rt_str_from_cstr(VM *vm, const char *s) { return rt_str_new(vm, s, strlen(s)); }

Value rt_str_char(VM *vm, uint32_t cp)
{
    if (cp < 128 && vm->ascii_chars[cp])
        return vm->ascii_chars[cp];
    char buf[4];
    return rt_str_new(vm, buf, rt_utf8_encode(cp, buf));
}

Value rt_str_printf(VM *vm, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return rt_raise(vm, &rt_exc_SystemError, "bad format");
    if ((size_t)n < sizeof small)
        return rt_str_new(vm, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return rt_no_memory(vm);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    Value r = rt_str_new(vm, big, (size_t)n);
    free(big);
    return r;
}

/* ---- hashing and interning ------------------------------------------------------- */

static inline int64_t hash_bytes(const char *s, size_t len)
{
    int64_t h = (int64_t)XXH3_64bits(s, len);
    return h == -1 ? -2 : h;
}

int64_t rt_str_hash(Value v)
{
    Str *s = v_str(v);
    if (s->hash == -1)
        s->hash = hash_bytes(s->data, s->len);
    return s->hash;
}

static bool intern_grow(VM *vm)
{
    /* Start at 4096: start-up interns ~900 names and a module of a few
     * thousand lines as many again, so smaller tables only grow twice. */
    size_t ncap = vm->interned_cap ? vm->interned_cap * 2 : 4096;
    Str **t = calloc(ncap, sizeof *t);
    if (!t) {
        rt_no_memory(vm);
        return false;
    }
    for (size_t i = 0; i < vm->interned_cap; i++) {
        Str *s = vm->interned[i];
        if (!s)
            continue;
        size_t j = (size_t)s->hash & (ncap - 1);
        while (t[j])
            j = (j + 1) & (ncap - 1);
        t[j] = s;
    }
    free(vm->interned);
    vm->interned = t;
    vm->interned_cap = ncap;
    return true;
}

/* The slot for (s, len, h): an existing equal str, or the empty slot. */
static Str **intern_slot(VM *vm, const char *s, size_t len, int64_t h)
{
    size_t mask = vm->interned_cap - 1, j = (size_t)h & mask;
    for (;;) {
        Str *e = vm->interned[j];
        if (!e || (e->hash == h && e->len == len && memcmp(e->data, s, len) == 0))
            return &vm->interned[j];
        j = (j + 1) & mask;
    }
}

Value rt_str_intern(VM *vm, const char *s, size_t len)
{
    if ((vm->ninterned + 1) * 2 > vm->interned_cap && !intern_grow(vm))
        return VNULL;
    int64_t h = hash_bytes(s, len);
    Str **slot = intern_slot(vm, s, len, h);
    if (*slot)
        return v_from(*slot);
    Str *o = rt_str_raw(vm, len);
    if (!o)
        return VNULL;
    memcpy(o->data, s, len);
    rt_str_seal(o);
    o->hash = h;
    o->interned = true;
    slot = intern_slot(vm, s, len, h); /* the allocation may not move the table, but be safe */
    *slot = o;
    vm->ninterned++;
    return v_from(o);
}

Value rt_str_intern_cstr(VM *vm, const char *s) { return rt_str_intern(vm, s, strlen(s)); }

Value rt_str_intern_value(VM *vm, Value str)
{
    Str *s = v_str(str);
    if (s->interned)
        return str;
    if (!v_is_str_exact(str)) {
        /* Only exact strs are interned: a subclass instance is copied. */
        if (!(str = rt_str_exact(vm, str)))
            return VNULL;
        s = v_str(str);
        if (s->interned)
            return str;
    }
    if ((vm->ninterned + 1) * 2 > vm->interned_cap && !intern_grow(vm))
        return VNULL;
    int64_t h = rt_str_hash(str);
    Str **slot = intern_slot(vm, s->data, s->len, h);
    if (*slot)
        return v_from(*slot);
    s->interned = true;
    *slot = s;
    vm->ninterned++;
    return str;
}

/* ---- comparison and concatenation ------------------------------------------------ */

bool rt_str_equal(Value a, Value b)
{
    if (a == b)
        return true;
    Str *x = v_str(a), *y = v_str(b);
    if (x->len != y->len)
        return false;
    if (x->interned && y->interned)
        return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash)
        return false;
    return memcmp(x->data, y->data, x->len) == 0;
}

int rt_str_cmp(Value a, Value b)
{
    Str *x = v_str(a), *y = v_str(b);
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, n);
    if (c)
        return c < 0 ? -1 : 1;
    return (x->len > y->len) - (x->len < y->len);
}

Value rt_str_concat(VM *vm, Value a, Value b)
{
    Str *x = v_str(a), *y = v_str(b);
    if (y->len == 0 && v_is_str_exact(a))
        return a;
    if (x->len == 0 && v_is_str_exact(b))
        return b;
    Str *o = rt_str_raw(vm, x->len + y->len);
    if (!o)
        return VNULL;
    memcpy(o->data, x->data, x->len);
    memcpy(o->data + x->len, y->data, y->len);
    o->nchars = x->nchars + y->nchars;
    o->ascii = x->ascii && y->ascii;
    return v_from(o);
}

/* ---- repr ------------------------------------------------------------------------- */

/* Append repr of UTF-8 text; ascii_only escapes every non-ASCII code point (ascii()). */
bool rt_str_repr_into(VM *vm, StrBuf *b, const char *s, size_t len, bool ascii_only)
{
    bool has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    if (!sb_addc(vm, b, q))
        return false;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t start = i;
        /* a run of plain printable ASCII */
        while (i < len && (c = (unsigned char)s[i]) >= 0x20 && c < 0x7F && c != '\\' && c != (unsigned char)q)
            i++;
        if (i > start && !sb_add(vm, b, s + start, i - start))
            return false;
        if (i >= len)
            break;
        char esc[16];
        int n;
        if (c == '\\' || c == (unsigned char)q) {
            esc[0] = '\\';
            esc[1] = (char)c;
            n = 2;
            i++;
        } else if (c == '\n') {
            n = sprintf(esc, "\\n");
            i++;
        } else if (c == '\r') {
            n = sprintf(esc, "\\r");
            i++;
        } else if (c == '\t') {
            n = sprintf(esc, "\\t");
            i++;
        } else if (c < 0x80) {
            n = sprintf(esc, "\\x%02x", c);
            i++;
        } else {
            uint32_t cp;
            size_t k = rt_utf8_decode(s + i, len - i, &cp);
            if (!k) { /* not valid UTF-8: show the byte */
                n = sprintf(esc, "\\x%02x", c);
                i++;
            } else if (!ascii_only && rt_unicode_isprintable(cp)) {
                if (!sb_add(vm, b, s + i, k))
                    return false;
                i += k;
                continue;
            } else {
                i += k;
                if (cp < 0x100)
                    n = sprintf(esc, "\\x%02x", cp);
                else if (cp < 0x10000)
                    n = sprintf(esc, "\\u%04x", cp);
                else
                    n = sprintf(esc, "\\U%08x", cp);
            }
        }
        if (!sb_add(vm, b, esc, (size_t)n))
            return false;
    }
    return sb_addc(vm, b, q);
}

Value rt_str_repr(VM *vm, Value v)
{
    Str *s = v_str(v);
    StrBuf b;
    sb_init(&b);
    if (!rt_str_repr_into(vm, &b, s->data, s->len, false)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* ---- indexing ----------------------------------------------------------------------- */

/* Byte offset of code point i (0 <= i <= nchars). */
size_t rt_str_offset(Str *s, size_t i)
{
    if (s->ascii)
        return i;
    if (i >= s->nchars)
        return s->len;
    const unsigned char *p = (const unsigned char *)s->data;
    size_t off = 0;
    while (i) {
        off++;
        while ((p[off] & 0xC0) == 0x80)
            off++;
        i--;
    }
    return off;
}

Value rt_str_getitem_index(VM *vm, Value v, int64_t i)
{
    Str *s = v_str(v);
    if (i < 0)
        i += (int64_t)s->nchars;
    if (i < 0 || i >= (int64_t)s->nchars)
        return rt_raise(vm, &rt_exc_IndexError, "string index out of range");
    if (s->ascii)
        return vm->ascii_chars[(unsigned char)s->data[i]];
    size_t off = rt_str_offset(s, (size_t)i);
    uint32_t cp;
    size_t k = rt_utf8_decode(s->data + off, s->len - off, &cp);
    return rt_str_new(vm, s->data + off, k ? k : 1);
}

/* A str subclass instance as an exact str (methods that return their
 * receiver unchanged return a str, as CPython's). */
Value rt_str_exact(VM *vm, Value v)
{
    if (v_is_str_exact(v))
        return v;
    Str *s = v_str(v);
    return s->ascii ? rt_str_new_ascii(vm, s->data, s->len) : rt_str_new(vm, s->data, s->len);
}

Value rt_str_substr(VM *vm, Value v, size_t from, size_t to)
{
    Str *s = v_str(v);
    if (from == 0 && to == s->len && v_is_str_exact(v))
        return v;
    if (s->ascii)
        return rt_str_new_ascii(vm, s->data + from, to - from);
    return rt_str_new(vm, s->data + from, to - from);
}

static Value str_slice(VM *vm, Value v, Value slice)
{
    Str *s = v_str(v);
    int64_t start, stop, step;
    int64_t n = rt_slice_indices(vm, slice, (int64_t)s->nchars, &start, &stop, &step);
    if (n < 0)
        return VNULL;
    if (n == 0)
        return vm->empty_str;
    if (step == 1) {
        size_t a = rt_str_offset(s, (size_t)start);
        size_t b = s->ascii ? (size_t)stop : a;
        if (!s->ascii) {
            const unsigned char *p = (const unsigned char *)s->data;
            for (int64_t k = 0; k < n; k++) {
                b++;
                while (b < s->len && (p[b] & 0xC0) == 0x80)
                    b++;
            }
        }
        return rt_str_substr(vm, v, a, b);
    }
    if (s->ascii) {
        Str *o = rt_str_raw(vm, (size_t)n);
        if (!o)
            return VNULL;
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            o->data[k] = s->data[i];
        o->nchars = (size_t)n;
        o->ascii = true;
        return v_from(o);
    }
    /* general case: offsets of every code point, then gather */
    size_t *offs = malloc((s->nchars + 1) * sizeof *offs);
    if (!offs)
        return rt_no_memory(vm);
    const unsigned char *p = (const unsigned char *)s->data;
    for (size_t i = 0, off = 0; i <= s->nchars; i++) {
        offs[i] = off;
        if (off < s->len) {
            off++;
            while (off < s->len && (p[off] & 0xC0) == 0x80)
                off++;
        }
    }
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (int64_t k = 0, i = start; k < n && ok; k++, i += step)
        ok = sb_add(vm, &b, s->data + offs[i], offs[i + 1] - offs[i]);
    free(offs);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value str_getitem(VM *vm, Value v, Value key)
{
    if (v_is_small(key))
        return rt_str_getitem_index(vm, v, v_small(key));
    if (v_is(key, &rt_slice_type))
        return str_slice(vm, v, key);
    if (!rt_is_int(key) && !rt_lookup_type_attr(v_type(key), vm->names.__index__))
        return rt_raise(vm, &rt_exc_TypeError, "string indices must be integers, not '%s'",
                        rt_type_name(key));
    int64_t i;
    if (!rt_seq_index(vm, key, (int64_t)v_str(v)->nchars, "string", &i))
        return VNULL;
    return rt_str_getitem_index(vm, v, i);
}

/* ---- slots ---------------------------------------------------------------------------- */

static Value str_str(VM *vm, Value v)
{
    if (v_obj(v)->type == &rt_str_type)
        return v;
    Str *s = v_str(v);
    return rt_str_new(vm, s->data, s->len);
}

static int64_t str_hash_slot(VM *vm, Value v) { return rt_str_hash(v); }

static Value str_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!v_isa(a, &rt_str_type) || !v_isa(b, &rt_str_type))
        return rt_NotImplemented;
    if (op == CMP_EQ)
        return rt_bool(rt_str_equal(a, b));
    if (op == CMP_NE)
        return rt_bool(!rt_str_equal(a, b));
    int c = rt_str_cmp(a, b);
    switch (op) {
    case CMP_LT: return rt_bool(c < 0);
    case CMP_LE: return rt_bool(c <= 0);
    case CMP_GT: return rt_bool(c > 0);
    default: return rt_bool(c >= 0);
    }
}

static int str_truth(VM *vm, Value v) { return v_str(v)->len != 0; }
static int64_t str_len(VM *vm, Value v) { return (int64_t)v_str(v)->nchars; }

static int str_contains(VM *vm, Value s, Value item)
{
    if (!v_is_str(item)) {
        rt_raise(vm, &rt_exc_TypeError, "'in <string>' requires string as left operand, not %s",
                 rt_type_name(item));
        return -1;
    }
    Str *h = v_str(s), *n = v_str(item);
    if (n->len == 0)
        return 1;
    return memmem(h->data, h->len, n->data, n->len) != NULL;
}

static Value str_add(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_str_type))
        return rt_NotImplemented;
    if (v_isa(b, &rt_str_type))
        return rt_str_concat(vm, a, b);
    if ((v_type(b)->flags & TF_CLASS) && rt_lookup_type_attr(v_type(b), rt_str_intern_cstr(vm, "__radd__")))
        return rt_NotImplemented;
    return rt_raise(vm, &rt_exc_TypeError, "can only concatenate str (not \"%s\") to str", rt_type_name(b));
}

Value rt_str_repeat(VM *vm, Value v, int64_t n)
{
    Str *s = v_str(v);
    if (n <= 0 || s->len == 0)
        return vm->empty_str;
    if (n == 1)
        return v;
    if ((uint64_t)n > ((uint64_t)1 << 40) / s->len)
        return rt_no_memory(vm);
    size_t total = s->len * (size_t)n;
    Str *o = rt_str_raw(vm, total);
    if (!o)
        return VNULL;
    if (s->len == 1) {
        memset(o->data, s->data[0], total);
    } else {
        memcpy(o->data, s->data, s->len);
        size_t done = s->len;
        while (done < total) {
            size_t k = done < total - done ? done : total - done;
            memcpy(o->data + done, o->data, k);
            done += k;
        }
    }
    o->nchars = s->nchars * (size_t)n;
    o->ascii = s->ascii;
    return v_from(o);
}

/* seq * n where seq is str: the count operand (int or __index__). */
static Value str_mul(VM *vm, Value a, Value b)
{
    Value s = v_isa(a, &rt_str_type) ? a : b, n = s == a ? b : a;
    if (!v_isa(s, &rt_str_type))
        return rt_NotImplemented;
    if (!rt_is_int(n)) {
        if (v_type(n)->flags & TF_CLASS) {
            if (!rt_lookup_type_attr(v_type(n), vm->names.__index__))
                return rt_NotImplemented;
        } else {
            return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                            rt_type_name(n));
        }
        n = rt_index(vm, n);
        if (!n)
            return VNULL;
    }
    if (rt_int_is_big(n)) {
        if (rt_int_sign(n) < 0)
            return vm->empty_str;
        if (v_str(s)->len == 0)
            return vm->empty_str;
        return rt_raise(vm, &rt_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    int64_t k;
    if (!rt_as_i64(vm, n, &k))
        return VNULL;
    return rt_str_repeat(vm, s, k);
}

static Value str_mod(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_str_type))
        return rt_NotImplemented;
    return rt_str_mod(vm, a, b);
}

/* str(object='') / str(object=b'', encoding='utf-8', errors='strict') */
static Value str_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    Value a[3];
    if (argc == 1 && (!kwnames || kwnames == rt_None || v_tuple(kwnames)->len == 0))
        return rt_str(vm, argv[0]);
    if (argc > 3)
        return rt_raise(vm, &rt_exc_TypeError, "str() takes at most 3 arguments (%d given)", argc);
    if (!rt_parse_args(vm, "str", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    if (!a[0] && !a[1] && !a[2])
        return vm->empty_str;
    if (!a[1] && !a[2])
        return rt_str(vm, a[0]);
    if (!a[0])
        return vm->empty_str;
    if (a[1] && !v_is_str(a[1]))
        return rt_raise(vm, &rt_exc_TypeError, "str() argument 'encoding' must be str, not %s",
                        rt_type_name(a[1]));
    if (a[2] && !v_is_str(a[2]))
        return rt_raise(vm, &rt_exc_TypeError, "str() argument 'errors' must be str, not %s",
                        rt_type_name(a[2]));
    if (v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "decoding str is not supported");
    if (!rt_has_buffer(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                        rt_type_name(a[0]));
    if (!v_is(a[0], &rt_bytes_type) && !rt_is_bytearray(a[0])) { /* memoryview: decode a copy */
        RtBuffer b;
        if (!rt_get_buffer(vm, a[0], &b, 0) || !(a[0] = rt_bytes_new(vm, b.ptr, b.len)))
            return VNULL;
    }
    return rt_bytes_decode(vm, a[0], a[1] ? v_cstr(a[1]) : "utf-8", a[2] ? v_cstr(a[2]) : "strict");
}

/* ---- iteration ---------------------------------------------------------------------- */

typedef struct StrIter {
    Obj hdr;
    Value str;
    size_t off;
} StrIter;

static void str_iter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((StrIter *)o)->str); }

static Value str_iter_next(VM *vm, Value it)
{
    StrIter *i = (StrIter *)v_obj(it);
    Str *s = v_str(i->str);
    if (i->off >= s->len)
        return VNULL;
    unsigned char c = (unsigned char)s->data[i->off];
    if (c < 0x80) {
        i->off++;
        return vm->ascii_chars[c];
    }
    size_t k = 1;
    while (i->off + k < s->len && ((unsigned char)s->data[i->off + k] & 0xC0) == 0x80)
        k++;
    Value r = rt_str_new(vm, s->data + i->off, k);
    i->off += k;
    return r;
}

static Value iter_self(VM *vm, Value it) { return it; }

Type rt_str_iter_type = {
    .name = "str_iterator",
    .instance_size = sizeof(StrIter),
    .trace = str_iter_trace,
    .iter = iter_self,
    .next = str_iter_next,
};

static Value str_iter(VM *vm, Value v)
{
    StrIter *i = rt_alloc(vm, &rt_str_iter_type, sizeof(StrIter));
    if (!i)
        return VNULL;
    i->str = v;
    i->off = 0;
    return v_from(i);
}

static Value str_repr_slot(VM *vm, Value v) { return rt_str_repr(vm, v); }

Type rt_str_type = {
    .name = "str",
    .instance_size = sizeof(Str),
    .repr = str_repr_slot,
    .str = str_str,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .truth = str_truth,
    .iter = str_iter,
    .getitem = str_getitem,
    .len = str_len,
    .contains = str_contains,
    .binop = {[BIN_ADD] = str_add, [BIN_MUL] = str_mul, [BIN_MOD] = str_mod},
    .new = str_new,
};

/* ---- join --------------------------------------------------------------------------------- */

Value rt_str_join(VM *vm, Value sep, Value iterable)
{
    Value seq = iterable;
    if (!v_is(seq, &rt_list_type) && !v_is(seq, &rt_tuple_type)) {
        seq = rt_list_from_iter(vm, iterable);
        if (!seq)
            return VNULL;
    }
    bool is_list = v_is(seq, &rt_list_type);
    size_t n = is_list ? v_list(seq)->len : v_tuple(seq)->len;
    Value *items = is_list ? v_list(seq)->items : v_tuple(seq)->items;
    if (n == 0)
        return vm->empty_str;
    if (n == 1 && v_is(items[0], &rt_str_type))
        return items[0];
    Str *sp = v_str(sep);
    size_t total = sp->len * (n - 1), nchars = sp->nchars * (n - 1);
    bool ascii = sp->ascii;
    for (size_t i = 0; i < n; i++) {
        if (!v_is_str(items[i]))
            return rt_raise(vm, &rt_exc_TypeError, "sequence item %zu: expected str instance, %s found", i,
                            rt_type_name(items[i]));
        Str *s = v_str(items[i]);
        total += s->len;
        nchars += s->nchars;
        ascii &= s->ascii;
    }
    Str *o = rt_str_raw(vm, total);
    if (!o)
        return VNULL;
    /* the list may not change here: nothing below runs Python code */
    items = is_list ? v_list(seq)->items : v_tuple(seq)->items;
    char *p = o->data;
    for (size_t i = 0; i < n; i++) {
        if (i && sp->len) {
            memcpy(p, sp->data, sp->len);
            p += sp->len;
        }
        Str *s = v_str(items[i]);
        memcpy(p, s->data, s->len);
        p += s->len;
    }
    o->nchars = nchars;
    o->ascii = ascii;
    return v_from(o);
}

/* ---- StrBuf --------------------------------------------------------------------------------- */

void sb_init(StrBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sb_free(StrBuf *b)
{
    free(b->data);
    sb_init(b);
}

static bool sb_reserve(VM *vm, StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t ncap = b->cap ? b->cap * 2 : 64;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *d = realloc(b->data, ncap);
    if (!d) {
        rt_no_memory(vm);
        return false;
    }
    b->data = d;
    b->cap = ncap;
    return true;
}

bool sb_add(VM *vm, StrBuf *b, const char *s, size_t len)
{
    if (!sb_reserve(vm, b, len))
        return false;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    return true;
}

bool sb_adds(VM *vm, StrBuf *b, const char *s) { return sb_add(vm, b, s, strlen(s)); }

bool sb_addc(VM *vm, StrBuf *b, char c)
{
    if (b->len + 2 > b->cap && !sb_reserve(vm, b, 1))
        return false;
    b->data[b->len++] = c;
    return true;
}

bool sb_printf(VM *vm, StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[128];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return true;
    if ((size_t)n < sizeof tmp)
        return sb_add(vm, b, tmp, (size_t)n);
    if (!sb_reserve(vm, b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

bool sb_add_value_str(VM *vm, StrBuf *b, Value str)
{
    return sb_add(vm, b, v_str(str)->data, v_str(str)->len);
}

Value sb_finish(VM *vm, StrBuf *b)
{
    Value r = rt_str_new(vm, b->data ? b->data : "", b->len);
    sb_free(b);
    return r;
}

/* ---- start-up ---------------------------------------------------------------------------- */

bool rt_str_init(VM *vm)
{
    vm->empty_str = VNULL;
    memset(vm->ascii_chars, 0, sizeof vm->ascii_chars);
    if (!rt_type_ready(vm, &rt_str_type) || !rt_type_ready(vm, &rt_str_iter_type))
        return false;
    vm->empty_str = rt_str_intern(vm, "", 0);
    if (!vm->empty_str)
        return false;
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        Value s = rt_str_intern(vm, &ch, 1);
        if (!s)
            return false;
        vm->ascii_chars[c] = s;
    }
    return rt_str_methods_init(vm) && rt_bytes_type_init(vm);
}

bool rt_utf8_has_surrogate(const char *s, size_t len, size_t *at)
{
    const char *p = s, *end = s + len;
    while ((p = memchr(p, 0xED, (size_t)(end - p))) != NULL) {
        if (p + 1 < end && (unsigned char)p[1] >= 0xA0) {
            if (at)
                *at = (size_t)(p - s);
            return true;
        }
        p++;
    }
    return false;
}
