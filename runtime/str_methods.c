/* runtime/str_methods.c — str's methods, with CPython's semantics and error
 * messages.  Indexes given to and returned by methods count code points;
 * the work is done on UTF-8 bytes, converting only at the edges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/unicode_db.h"

/* Argument count check excluding self, with CPython 3.11's wording, which depends on how each
 * str method parses its arguments: METH_NOARGS/METH_O name the type ("str.upper() takes no
 * arguments (1 given)"), the old PyArg_ParseTuple ones (find, count, startswith ...) say
 * "find() takes at least 1 argument (0 given)", Argument Clinic ones "center expected ...". */
static bool str_nargs(VM *vm, const char *name, int n, int lo, int hi)
{
    if (n >= lo && n <= hi)
        return true;
    bool dunder = name[0] == '_';
    if (hi == 0 && !dunder)
        rt_raise(vm, &rt_exc_TypeError, "str.%s() takes no arguments (%d given)", name, n);
    else if (lo == 1 && hi == 1 && !dunder)
        rt_raise(vm, &rt_exc_TypeError, "str.%s() takes exactly one argument (%d given)", name, n);
    else if (lo == 1 && hi == 3)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d argument%s (%d given)", name,
                 n < lo ? "at least" : "at most", n < lo ? lo : hi, (n < lo ? lo : hi) == 1 ? "" : "s", n);
    else
        return rt_check_nargs(vm, name, n, lo, hi);
    return false;
}
#define NARGS(name, lo, hi) str_nargs(vm, name, argc - 1, lo, hi)

/* Positional-count check for the keyword-accepting methods parsed by rt_parse_args (whose
 * own message would count self): "split() takes at most 2 arguments (5 given)". */
static bool max_pos(VM *vm, const char *name, int argc, Value kw, int hi)
{
    int n = argc - 1;  /* argc counts positional arguments only */
    if (n <= hi)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes at most %d argument%s (%d given)", name, hi,
             hi == 1 ? "" : "s", n);
    return false;
}

static inline Str *S(Value v) { return v_str(v); }

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static inline uint32_t cp_at(const char *s, size_t n, size_t *k)
{
    uint32_t cp;
    *k = rt_utf8_decode(s, n, &cp);
    if (!*k) {
        *k = 1;
        return (unsigned char)s[0];
    }
    return cp;
}

/* Start of the code point that ends just before byte offset off. */
static size_t prev_cp(const char *s, size_t off)
{
    do
        off--;
    while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80);
    return off;
}

/* Whether character c has all of the RT_UCD_* flags (the generated Unicode database). */
static inline bool u_has(uint32_t c, unsigned flags) { return (rt_ucd(c)->flags & flags) == flags; }

static bool u_isspace(uint32_t c)
{
    if (c < 128)
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    return u_has(c, RT_UCD_SPACE);
}

/* CPython's _PyUnicode_TransformDecimalAndSpaceToASCII, for int() and float() of a str: Unicode
 * decimal digits become ASCII digits, Unicode spaces ' ', any other non-ASCII character '?'.
 * Returns a malloc'd NUL-terminated buffer (free() it), or NULL when out of memory. */
char *rt_unicode_number_ascii(const char *s, size_t len, size_t *outlen)
{
    char *o = malloc(len + 1);
    if (!o)
        return NULL;
    size_t n = 0, i = 0, k;
    while (i < len) {
        uint32_t c = cp_at(s + i, len - i, &k);
        i += k;
        if (c < 128) {
            o[n++] = (char)c;
        } else if (u_isspace(c)) {
            o[n++] = ' ';
        } else {
            int d = rt_ucd(c)->flags & RT_UCD_DECIMAL ? rt_ucd(c)->decimal : -1;
            char r = d >= 0 ? (char)('0' + d) : '?';
            o[n++] = r;
        }
    }
    o[n] = 0;
    *outlen = n;
    return o;
}

static bool need_str(VM *vm, Value v, const char *fmt)
{
    if (v_is_str(v))
        return true;
    rt_raise(vm, &rt_exc_TypeError, fmt, rt_type_name(v));
    return false;
}

/* CPython's ADJUST_INDICES on optional start/end (None allowed), in code points. */
static bool adjust(VM *vm, int argc, Value *argv, int first, int64_t len, int64_t *start, int64_t *end)
{
    int64_t s = 0, e = len;
    for (int k = 0; k < 2; k++) {
        if (argc > first + k && argv[first + k] != rt_None) {
            Value v = argv[first + k];
            if (!rt_is_int(v) && !rt_lookup_type_attr(v_type(v), vm->names.__index__)) {
                rt_raise(vm, &rt_exc_TypeError,
                         "slice indices must be integers or None or have an __index__ method");
                return false;
            }
            Value iv = rt_index(vm, v);
            int64_t x;
            if (!iv)
                return false;
            if (rt_int_is_big(iv))
                x = rt_int_sign(iv) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
            else if (!rt_as_i64(vm, iv, &x))
                return false;
            *(k ? &e : &s) = x;
        }
    }
    if (e > len)
        e = len;
    else if (e < 0) {
        e += len;
        if (e < 0)
            e = 0;
    }
    if (s < 0) {
        s += len;
        if (s < 0)
            s = 0;
    }
    *start = s;
    *end = e;
    return true;
}

static size_t off_of(Str *s, int64_t cp) { return rt_str_offset(s, (size_t)cp); }
static int64_t cp_of(Str *s, size_t off) { return s->ascii ? (int64_t)off : (int64_t)cp_count(s->data, off); }

/* Last occurrence of needle in hay[0..n): byte offset or -1. */
static int64_t rfind_bytes(const char *hay, size_t n, const char *nd, size_t m)
{
    if (m > n)
        return -1;
    if (m == 0)
        return (int64_t)n;
    for (size_t i = n - m + 1; i-- > 0;) {
        const char *p = memrchr(hay, nd[0], i + 1);
        if (!p)
            return -1;
        i = (size_t)(p - hay);
        if (memcmp(p, nd, m) == 0)
            return (int64_t)i;
    }
    return -1;
}

/* find/rfind/index/rindex/count share this: mode 0 find, 1 rfind, 2 count. */
static Value find_common(VM *vm, int argc, Value *argv, const char *name, int mode, bool raise)
{
    if (!NARGS(name, 1, 3))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "must be str, not %s", rt_type_name(argv[1]));
    Str *s = S(argv[0]), *sub = S(argv[1]);
    int64_t start, end;
    if (!adjust(vm, argc, argv, 2, (int64_t)s->nchars, &start, &end))
        return VNULL;
    if (mode == 2) {
        if (start > end || start > (int64_t)s->nchars)
            return v_from_small(0);
        if (sub->len == 0)
            return v_from_small(end - start + 1);
        size_t a = off_of(s, start), b = off_of(s, end);
        int64_t cnt = 0;
        const char *p = s->data + a, *lim = s->data + b;
        while ((size_t)(lim - p) >= sub->len) {
            const char *f = memmem(p, (size_t)(lim - p), sub->data, sub->len);
            if (!f)
                break;
            cnt++;
            p = f + sub->len;
        }
        return v_from_small(cnt);
    }
    int64_t r = -1;
    if (start <= end && start <= (int64_t)s->nchars) {
        size_t a = off_of(s, start), b = off_of(s, end);
        if (mode == 0) {
            const char *f = sub->len == 0 ? s->data + a : memmem(s->data + a, b - a, sub->data, sub->len);
            if (f)
                r = cp_of(s, (size_t)(f - s->data));
        } else {
            int64_t f = rfind_bytes(s->data + a, b - a, sub->data, sub->len);
            if (f >= 0)
                r = cp_of(s, a + (size_t)f);
        }
    }
    if (r < 0 && raise)
        return rt_raise(vm, &rt_exc_ValueError, "substring not found");
    return v_from_small(r);
}

static Value m_find(VM *vm, int argc, Value *argv, Value kw) { return find_common(vm, argc, argv, "find", 0, false); }
static Value m_rfind(VM *vm, int argc, Value *argv, Value kw) { return find_common(vm, argc, argv, "rfind", 1, false); }
static Value m_index(VM *vm, int argc, Value *argv, Value kw) { return find_common(vm, argc, argv, "index", 0, true); }
static Value m_rindex(VM *vm, int argc, Value *argv, Value kw) { return find_common(vm, argc, argv, "rindex", 1, true); }
static Value m_count(VM *vm, int argc, Value *argv, Value kw) { return find_common(vm, argc, argv, "count", 2, false); }

static Value starts_ends(VM *vm, int argc, Value *argv, bool ends)
{
    const char *name = ends ? "endswith" : "startswith";
    if (!NARGS(name, 1, 3))
        return VNULL;
    Str *s = S(argv[0]);
    int64_t start, end;
    if (!adjust(vm, argc, argv, 2, (int64_t)s->nchars, &start, &end))
        return VNULL;
    Value pre = argv[1];
    bool tuple = v_is(pre, &rt_tuple_type);
    size_t np = tuple ? v_tuple(pre)->len : 1;
    for (size_t k = 0; k < np; k++) {
        Value p = tuple ? v_tuple(pre)->items[k] : pre;
        if (!v_is_str(p)) {
            if (tuple)
                return rt_raise(vm, &rt_exc_TypeError, "tuple for %s must only contain str, not %s", name,
                                rt_type_name(p));
            return rt_raise(vm, &rt_exc_TypeError, "%s first arg must be str or a tuple of str, not %s", name,
                            rt_type_name(p));
        }
        if (start > (int64_t)s->nchars)
            continue;
        Str *x = S(p);
        size_t a = off_of(s, start), b = start <= end ? off_of(s, end) : a;
        if (start > end)
            continue;
        if (b - a < x->len)
            continue;
        if (memcmp(s->data + (ends ? b - x->len : a), x->data, x->len) == 0)
            return rt_True;
    }
    return rt_False;
}

static Value m_startswith(VM *vm, int argc, Value *argv, Value kw) { return starts_ends(vm, argc, argv, false); }
static Value m_endswith(VM *vm, int argc, Value *argv, Value kw) { return starts_ends(vm, argc, argv, true); }

/* ---- split family -------------------------------------------------------------- */

static bool push_sub(VM *vm, Value list, Value s, size_t a, size_t b)
{
    Value part = rt_str_substr(vm, s, a, b);
    return part && rt_list_append(vm, list, part);
}

/* split()/rsplit(): their arguments, and the empty result list in *res. */
static bool split_args(VM *vm, const char *name, int argc, Value *argv, Value kw, Value *sep, int64_t *maxsplit,
                       Value *res)
{
    static const char *const names[] = {"self", "sep", "maxsplit", NULL};
    Value a[3];
    if (!max_pos(vm, name, argc, kw, 2) || !rt_parse_args(vm, name, argc, argv, kw, names, 1, 1, a))
        return false;
    *sep = a[1] && a[1] != rt_None ? a[1] : VNULL;
    *maxsplit = -1;
    if (a[2] && !rt_as_i64(vm, a[2], maxsplit))
        return false;
    if (*maxsplit < 0)
        *maxsplit = INT64_MAX;
    if (*sep) {
        if (!need_str(vm, *sep, "must be str or None, not %s"))
            return false;
        if (S(*sep)->len == 0) {
            rt_raise(vm, &rt_exc_ValueError, "empty separator");
            return false;
        }
    }
    *res = rt_list_new(vm, 0);
    return *res != VNULL;
}

/* split()/rsplit() without sep: the end of the run of spaces (space) or of non-spaces
 * (!space) that starts at byte i, forward or, for skip_back, backward from i. */
static size_t skip_fwd(const char *d, size_t n, size_t i, bool space)
{
    size_t k;
    while (i < n && u_isspace(cp_at(d + i, n - i, &k)) == space)
        i += k;
    return i;
}

static size_t skip_back(const char *d, size_t n, size_t i, bool space)
{
    size_t k;
    while (i > 0) {
        size_t p = prev_cp(d, i);
        if (u_isspace(cp_at(d + p, n - p, &k)) != space)
            break;
        i = p;
    }
    return i;
}

static Value m_split(VM *vm, int argc, Value *argv, Value kw)
{
    Value sep;
    int64_t maxsplit;
    Value res;
    if (!split_args(vm, "split", argc, argv, kw, &sep, &maxsplit, &res))
        return VNULL;
    Value self = argv[0];
    Str *s = S(self);
    const char *d = s->data;
    size_t n = s->len, i = 0;
    if (!sep) {
        while (maxsplit-- > 0) {
            i = skip_fwd(d, n, i, true);
            if (i == n)
                break;
            size_t j = i;
            i = skip_fwd(d, n, i, false);
            if (!push_sub(vm, res, self, j, i))
                return VNULL;
        }
        if (i < n) {
            i = skip_fwd(d, n, i, true);
            if (i != n && !push_sub(vm, res, self, i, n))
                return VNULL;
        }
        return res;
    }
    Str *sp = S(sep);
    while (maxsplit-- > 0) {
        const char *f = memmem(d + i, n - i, sp->data, sp->len);
        if (!f)
            break;
        size_t j = (size_t)(f - d);
        if (!push_sub(vm, res, self, i, j))
            return VNULL;
        i = j + sp->len;
    }
    return push_sub(vm, res, self, i, n) ? res : VNULL;
}

static bool list_reverse(Value list)
{
    List *l = v_list(list);
    for (size_t a = 0, b = l->len ? l->len - 1 : 0; a < b; a++, b--) {
        Value t = l->items[a];
        l->items[a] = l->items[b];
        l->items[b] = t;
    }
    return true;
}

static Value m_rsplit(VM *vm, int argc, Value *argv, Value kw)
{
    Value sep;
    int64_t maxsplit;
    Value res;
    if (!split_args(vm, "rsplit", argc, argv, kw, &sep, &maxsplit, &res))
        return VNULL;
    Value self = argv[0];
    Str *s = S(self);
    const char *d = s->data;
    size_t i = s->len;
    if (!sep) {
        while (maxsplit-- > 0) {
            i = skip_back(d, s->len, i, true);
            if (i == 0)
                break;
            size_t j = i;
            i = skip_back(d, s->len, i, false);
            if (!push_sub(vm, res, self, i, j))
                return VNULL;
        }
        if (i > 0) {
            i = skip_back(d, s->len, i, true);
            if (i != 0 && !push_sub(vm, res, self, 0, i))
                return VNULL;
        }
        list_reverse(res);
        return res;
    }
    Str *sp = S(sep);
    while (maxsplit-- > 0) {
        int64_t f = rfind_bytes(d, i, sp->data, sp->len);
        if (f < 0)
            break;
        if (!push_sub(vm, res, self, (size_t)f + sp->len, i))
            return VNULL;
        i = (size_t)f;
    }
    if (!push_sub(vm, res, self, 0, i))
        return VNULL;
    list_reverse(res);
    return res;
}

static Value m_splitlines(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "keepends", NULL};
    Value a[2];
    if (!max_pos(vm, "splitlines", argc, kw, 1) || !rt_parse_args(vm, "splitlines", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int keep = 0;
    if (a[1] && (keep = rt_truthy(vm, a[1])) < 0)
        return VNULL;
    Value self = a[0];
    Str *s = S(self);
    Value res = rt_list_new(vm, 0);
    if (!res)
        return VNULL;
    const char *d = s->data;
    size_t n = s->len, i = 0, start = 0;
    while (i < n) {
        size_t k;
        uint32_t c = cp_at(d + i, n - i, &k);
        bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
                   c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!brk) {
            i += k;
            continue;
        }
        size_t eol = i;
        i += k;
        if (c == '\r' && i < n && d[i] == '\n')
            i++;
        if (!push_sub(vm, res, self, start, keep ? i : eol))
            return VNULL;
        start = i;
    }
    if (start < n && !push_sub(vm, res, self, start, n))
        return VNULL;
    return res;
}

static Value m_join(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("join", 1, 1))
        return VNULL;
    Type *t = v_type(argv[1]);
    if (!t->iter && !rt_lookup_type_attr(t, vm->names.__getitem__))
        return rt_raise(vm, &rt_exc_TypeError, "can only join an iterable");
    return rt_str_join(vm, argv[0], argv[1]);
}

static Value partition_impl(VM *vm, int argc, Value *argv, bool right)
{
    if (!NARGS(right ? "rpartition" : "partition", 1, 1))
        return VNULL;
    if (!need_str(vm, argv[1], "must be str, not %s"))
        return VNULL;
    Value self = argv[0];
    Str *s = S(self), *sep = S(argv[1]);
    if (sep->len == 0)
        return rt_raise(vm, &rt_exc_ValueError, "empty separator");
    int64_t f;
    if (right) {
        f = rfind_bytes(s->data, s->len, sep->data, sep->len);
    } else {
        const char *p = memmem(s->data, s->len, sep->data, sep->len);
        f = p ? p - s->data : -1;
    }
    Value empty = rt_str_new(vm, "", 0);
    if (f < 0)
        return right ? rt_tuple_pack(vm, 3, empty, empty, self) : rt_tuple_pack(vm, 3, self, empty, empty);
    Value a = rt_str_substr(vm, self, 0, (size_t)f);
    Value c = a ? rt_str_substr(vm, self, (size_t)f + sep->len, s->len) : VNULL;
    return c ? rt_tuple_pack(vm, 3, a, argv[1], c) : VNULL;
}

static Value m_partition(VM *vm, int argc, Value *argv, Value kw) { return partition_impl(vm, argc, argv, false); }
static Value m_rpartition(VM *vm, int argc, Value *argv, Value kw) { return partition_impl(vm, argc, argv, true); }

/* ---- strip / replace ---------------------------------------------------------------- */

static bool in_chars(Str *chars, uint32_t c)
{
    if (!chars)
        return u_isspace(c);
    if (c < 128 && chars->ascii)
        return memchr(chars->data, (int)c, chars->len) != NULL;
    size_t i = 0, k;
    while (i < chars->len) {
        if (cp_at(chars->data + i, chars->len - i, &k) == c)
            return true;
        i += k;
    }
    return false;
}

static Value strip_impl(VM *vm, int argc, Value *argv, int which, const char *name)
{
    if (!NARGS(name, 0, 1))
        return VNULL;
    Str *chars = NULL;
    if (argc > 1 && argv[1] != rt_None) {
        if (!v_is_str(argv[1]))
            return rt_raise(vm, &rt_exc_TypeError, "%s arg must be None or str", name);
        chars = S(argv[1]);
    }
    Str *s = S(argv[0]);
    size_t a = 0, b = s->len, k;
    if (which & 1)
        while (a < b && in_chars(chars, cp_at(s->data + a, b - a, &k)))
            a += k;
    if (which & 2)
        while (b > a) {
            size_t p = prev_cp(s->data, b);
            if (!in_chars(chars, cp_at(s->data + p, b - p, &k)))
                break;
            b = p;
        }
    return rt_str_substr(vm, argv[0], a, b);
}

static Value m_strip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 3, "strip"); }
static Value m_lstrip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 1, "lstrip"); }
static Value m_rstrip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 2, "rstrip"); }

static Value m_replace(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("replace", 2, 3))
        return VNULL;
    for (int i = 1; i <= 2; i++)
        if (!v_is_str(argv[i]))
            return rt_raise(vm, &rt_exc_TypeError, "replace() argument %d must be str, not %s", i,
                            rt_type_name(argv[i]));
    int64_t count = -1;
    if (argc > 3 && !rt_as_i64(vm, argv[3], &count))
        return VNULL;
    Str *s = S(argv[0]), *old = S(argv[1]), *nw = S(argv[2]);
    if (count == 0 || (old->len > 0 && (old->len > s->len || !memmem(s->data, s->len, old->data, old->len))))
        return rt_str_exact(vm, argv[0]);
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    size_t i = 0;
    if (old->len == 0) {
        size_t k;
        while (ok) {
            if (count != 0) {
                ok = sb_add(vm, &b, nw->data, nw->len);
                if (count > 0)
                    count--;
            }
            if (i >= s->len)
                break;
            cp_at(s->data + i, s->len - i, &k);
            ok = ok && sb_add(vm, &b, s->data + i, k);
            i += k;
        }
    } else {
        while (ok && count != 0) {
            const char *f = memmem(s->data + i, s->len - i, old->data, old->len);
            if (!f)
                break;
            size_t j = (size_t)(f - s->data);
            ok = sb_add(vm, &b, s->data + i, j - i) && sb_add(vm, &b, nw->data, nw->len);
            i = j + old->len;
            if (count > 0)
                count--;
        }
        ok = ok && sb_add(vm, &b, s->data + i, s->len - i);
    }
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value m_removeprefix(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("removeprefix", 1, 1))
        return VNULL;
    if (!need_str(vm, argv[1], "removeprefix() argument must be str, not %s"))
        return VNULL;
    Str *s = S(argv[0]), *p = S(argv[1]);
    if (p->len <= s->len && memcmp(s->data, p->data, p->len) == 0)
        return rt_str_substr(vm, argv[0], p->len, s->len);
    return rt_str_exact(vm, argv[0]);
}

static Value m_removesuffix(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("removesuffix", 1, 1))
        return VNULL;
    if (!need_str(vm, argv[1], "removesuffix() argument must be str, not %s"))
        return VNULL;
    Str *s = S(argv[0]), *p = S(argv[1]);
    if (p->len && p->len <= s->len && memcmp(s->data + s->len - p->len, p->data, p->len) == 0)
        return rt_str_substr(vm, argv[0], 0, s->len - p->len);
    return rt_str_exact(vm, argv[0]);
}

/* ---- case mapping ---------------------------------------------------------------------- */

enum { C_UPPER, C_LOWER, C_SWAP, C_TITLE, C_CAP, C_FOLD };

/* Titlecase letters (DŽ-style digraphs, Greek with prosgegrammeni) are neither upper nor lower. */
static bool u_istitlecase(uint32_t c) { return c >= 128 && u_has(c, RT_UCD_TITLE); }
static bool u_cased(uint32_t c) { return c < 128 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : u_has(c, RT_UCD_CASED); }
static bool u_isupper(uint32_t c) { return c < 128 ? (c >= 'A' && c <= 'Z') : u_has(c, RT_UCD_UPPER); }
static bool u_islower(uint32_t c) { return c < 128 ? (c >= 'a' && c <= 'z') : u_has(c, RT_UCD_LOWER); }
static uint32_t u_upper(uint32_t c) { return c < 128 ? (c >= 'a' && c <= 'z' ? c - 32 : c) : c + (uint32_t)rt_ucd(c)->upper; }
static uint32_t u_title(uint32_t c) { return c < 128 ? (c >= 'a' && c <= 'z' ? c - 32 : c) : c + (uint32_t)rt_ucd(c)->title; }
static uint32_t u_lower(uint32_t c) { return c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : c + (uint32_t)rt_ucd(c)->lower; }

/* The full mapping of c for mode (one of C_UPPER, C_TITLE, C_LOWER, C_FOLD) when it is not the
 * simple one-to-one mapping, else NULL. */
static const char *special_case(uint32_t c, int mode)
{
    if (c < 0xB5)
        return NULL;
    const RtUcdRecord *r = rt_ucd(c);
    if (!r->special)
        return NULL;
    int which = mode == C_UPPER ? RT_UCD_TO_UPPER : mode == C_TITLE ? RT_UCD_TO_TITLE
              : mode == C_LOWER ? RT_UCD_TO_LOWER : RT_UCD_TO_FOLD;
    return rt_ucd_full_case(r, which);
}

static bool u_case_ignorable(uint32_t c)
{
    return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || (c >= 128 && u_has(c, RT_UCD_CASE_IGNORABLE));
}

/* CPython's final-sigma rule for the capital sigma spanning bytes [a, b) of d[0..n): ς when
 * preceded by a cased letter and not followed by one (case-ignorable characters skipped). */
static uint32_t lower_sigma(const char *d, size_t n, size_t a, size_t b)
{
    size_t k;
    uint32_t c = 0;
    bool found = false;
    while (a > 0) {
        a = prev_cp(d, a);
        c = cp_at(d + a, n - a, &k);
        if (!u_case_ignorable(c)) {
            found = true;
            break;
        }
    }
    if (!found || !u_cased(c))
        return 0x3C3;
    while (b < n) {
        c = cp_at(d + b, n - b, &k);
        if (!u_case_ignorable(c))
            return u_cased(c) ? 0x3C3 : 0x3C2;
        b += k;
    }
    return 0x3C2;
}

static Value case_map(VM *vm, Value self, int mode)
{
    Str *s = S(self);
    if (s->ascii) {
        Str *o = rt_str_raw(vm, s->len);
        if (!o)
            return VNULL;
        bool prev_cased = false;
        for (size_t i = 0; i < s->len; i++) {
            uint32_t c = (unsigned char)s->data[i], r = c;
            switch (mode) {
            case C_UPPER: r = u_upper(c); break;
            case C_LOWER: case C_FOLD: r = u_lower(c); break;
            case C_SWAP: r = u_isupper(c) ? u_lower(c) : u_upper(c); break;
            case C_TITLE: r = prev_cased ? u_lower(c) : u_upper(c); prev_cased = u_cased(c); break;
            case C_CAP: r = i == 0 ? u_upper(c) : u_lower(c); break;
            }
            o->data[i] = (char)r;
        }
        o->nchars = s->len;
        o->ascii = true;
        return v_from(o);
    }
    StrBuf b;
    sb_init(&b);
    bool prev_cased = false, first = true, ok = true;
    size_t i = 0, k;
    while (i < s->len && ok) {
        size_t at = i;
        uint32_t c = cp_at(s->data + i, s->len - i, &k);
        i += k;
        /* which mapping this character gets */
        int how = -1; /* -1: unchanged */
        switch (mode) {
        case C_UPPER: how = C_UPPER; break;
        case C_LOWER: how = C_LOWER; break;
        case C_FOLD: how = C_FOLD; break;
        case C_SWAP: how = u_isupper(c) ? C_LOWER : u_islower(c) ? C_UPPER : -1; break;
        case C_TITLE: how = prev_cased ? C_LOWER : C_TITLE; prev_cased = u_cased(c); break;
        case C_CAP: how = first ? C_TITLE : C_LOWER; break;
        }
        first = false;
        if (how < 0) {
            ok = sb_add(vm, &b, s->data + at, k);
            continue;
        }
        const char *full = special_case(c, how);
        if (full) {
            ok = sb_adds(vm, &b, full);
            continue;
        }
        uint32_t r = how == C_UPPER ? u_upper(c) : how == C_TITLE ? u_title(c) : u_lower(c);
        if (c == 0x3A3 && how == C_LOWER)
            r = lower_sigma(s->data, s->len, at, i);
        char out[4];
        ok = sb_add(vm, &b, out, rt_utf8_encode(r, out));
    }
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

#define CASE_METHOD(fn, name, mode)                                   \
    static Value fn(VM *vm, int argc, Value *argv, Value kw)          \
    {                                                                 \
        if (!NARGS(name, 0, 0))                                       \
            return VNULL;                                             \
        return case_map(vm, argv[0], mode);                           \
    }
CASE_METHOD(m_upper, "upper", C_UPPER)
CASE_METHOD(m_lower, "lower", C_LOWER)
CASE_METHOD(m_casefold, "casefold", C_FOLD)
CASE_METHOD(m_swapcase, "swapcase", C_SWAP)
CASE_METHOD(m_title, "title", C_TITLE)
CASE_METHOD(m_capitalize, "capitalize", C_CAP)

/* ---- predicates ------------------------------------------------------------------------ */

static bool u_isdigit(uint32_t c) { return c < 128 ? (c >= '0' && c <= '9') : u_has(c, RT_UCD_DECIMAL); }
static bool u_isalpha(uint32_t c) { return c < 128 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : u_has(c, RT_UCD_ALPHA); }
static bool u_isnumeric(uint32_t c) { return c < 128 ? (c >= '0' && c <= '9') : u_has(c, RT_UCD_NUMERIC); }
static bool u_isdigit_full(uint32_t c) { return c < 128 ? (c >= '0' && c <= '9') : u_has(c, RT_UCD_DIGIT); }
/* str.isalnum: isalpha or isdecimal or isdigit or isnumeric (numeric includes the others). */
static bool u_isalnum(uint32_t c) { return u_isalpha(c) || u_isnumeric(c); }
static bool u_isprint(uint32_t c) { return rt_unicode_isprintable(c); }
/* declared in str.h: repr() escapes what this rejects */
bool rt_unicode_isprintable(uint32_t cp)
{
    if (cp < 128)
        return cp >= 0x20 && cp < 0x7F;
    return u_has(cp, RT_UCD_PRINTABLE);
}
static bool u_isascii(uint32_t c) { return c < 128; }

/* all(pred) over a nonempty string (empty_ok: '' gives True, for isascii/isprintable). */
static Value all_pred(VM *vm, int argc, Value *argv, bool (*pred)(uint32_t), const char *name, bool empty_ok)
{
    if (!NARGS(name, 0, 0))
        return VNULL;
    Str *s = S(argv[0]);
    if (s->len == 0)
        return rt_bool(empty_ok);
    size_t i = 0, k;
    while (i < s->len) {
        if (!pred(cp_at(s->data + i, s->len - i, &k)))
            return rt_False;
        i += k;
    }
    return rt_True;
}

#define PRED_METHOD(fn, name, pred, empty_ok) \
    static Value fn(VM *vm, int argc, Value *argv, Value kw) { return all_pred(vm, argc, argv, pred, name, empty_ok); }
PRED_METHOD(m_isdigit, "isdigit", u_isdigit_full, false)
PRED_METHOD(m_isdecimal, "isdecimal", u_isdigit, false)
PRED_METHOD(m_isnumeric, "isnumeric", u_isnumeric, false)
PRED_METHOD(m_isalpha, "isalpha", u_isalpha, false)
PRED_METHOD(m_isalnum, "isalnum", u_isalnum, false)
PRED_METHOD(m_isspace, "isspace", u_isspace, false)
PRED_METHOD(m_isprintable, "isprintable", u_isprint, true)
PRED_METHOD(m_isascii, "isascii", u_isascii, true)

static Value case_pred(VM *vm, int argc, Value *argv, bool upper)
{
    if (!NARGS(upper ? "isupper" : "islower", 0, 0))
        return VNULL;
    Str *s = S(argv[0]);
    bool cased = false;
    size_t i = 0, k;
    while (i < s->len) {
        uint32_t c = cp_at(s->data + i, s->len - i, &k);
        i += k;
        if ((upper ? u_islower(c) : u_isupper(c)) || u_istitlecase(c))
            return rt_False;
        if (upper ? u_isupper(c) : u_islower(c))
            cased = true;
    }
    return rt_bool(cased);
}

static Value m_isupper(VM *vm, int argc, Value *argv, Value kw) { return case_pred(vm, argc, argv, true); }
static Value m_islower(VM *vm, int argc, Value *argv, Value kw) { return case_pred(vm, argc, argv, false); }

static Value m_istitle(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("istitle", 0, 0))
        return VNULL;
    Str *s = S(argv[0]);
    bool cased = false, prev_cased = false;
    size_t i = 0, k;
    while (i < s->len) {
        uint32_t c = cp_at(s->data + i, s->len - i, &k);
        i += k;
        if (u_isupper(c) || u_istitlecase(c)) {
            if (prev_cased)
                return rt_False;
            prev_cased = cased = true;
        } else if (u_islower(c)) {
            if (!prev_cased)
                return rt_False;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return rt_bool(cased);
}

static Value m_isidentifier(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("isidentifier", 0, 0))
        return VNULL;
    Str *s = S(argv[0]);
    if (s->len == 0)
        return rt_False;
    size_t i = 0, k;
    bool first = true;
    while (i < s->len) {
        uint32_t c = cp_at(s->data + i, s->len - i, &k);
        i += k;
        bool ok = c < 128 ? (c == '_' || u_isalpha(c) || (!first && c >= '0' && c <= '9'))
                          : u_has(c, first ? RT_UCD_XID_START : RT_UCD_XID_CONTINUE);
        if (!ok)
            return rt_False;
        first = false;
    }
    return rt_True;
}

/* ---- padding ------------------------------------------------------------------------------ */

static Value pad(VM *vm, Value self, int64_t left, int64_t right, Value fill)
{
    Str *s = S(self), *f = fill ? S(fill) : NULL;
    if (left <= 0 && right <= 0)
        return rt_str_exact(vm, self);
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    size_t flen = f ? f->len : 1;
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (int64_t i = 0; i < left && ok; i++)
        ok = f ? sb_add(vm, &b, f->data, flen) : sb_addc(vm, &b, ' ');
    ok = ok && sb_add(vm, &b, s->data, s->len);
    for (int64_t i = 0; i < right && ok; i++)
        ok = f ? sb_add(vm, &b, f->data, flen) : sb_addc(vm, &b, ' ');
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value justify(VM *vm, int argc, Value *argv, const char *name, int how)
{
    if (!NARGS(name, 1, 2))
        return VNULL;
    int64_t width;
    if (!rt_as_i64(vm, argv[1], &width))
        return VNULL;
    Value fill = VNULL;
    if (argc > 2) {
        fill = argv[2];
        if (!v_is_str(fill))
            return rt_raise(vm, &rt_exc_TypeError,
                            "%s() argument 2 must be str of length 1, not %s", name, rt_type_name(fill));
        if (S(fill)->nchars != 1)
            return rt_raise(vm, &rt_exc_TypeError, "The fill character must be exactly one character long");
    }
    int64_t n = (int64_t)S(argv[0])->nchars, padn = width - n;
    if (padn <= 0)
        return rt_str_exact(vm, argv[0]);
    if (how == 0)
        return pad(vm, argv[0], 0, padn, fill);
    if (how == 1)
        return pad(vm, argv[0], padn, 0, fill);
    int64_t left = padn / 2 + (padn & width & 1);
    return pad(vm, argv[0], left, padn - left, fill);
}

static Value m_ljust(VM *vm, int argc, Value *argv, Value kw) { return justify(vm, argc, argv, "ljust", 0); }
static Value m_rjust(VM *vm, int argc, Value *argv, Value kw) { return justify(vm, argc, argv, "rjust", 1); }
static Value m_center(VM *vm, int argc, Value *argv, Value kw) { return justify(vm, argc, argv, "center", 2); }

static Value m_zfill(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("zfill", 1, 1))
        return VNULL;
    int64_t width;
    if (!rt_as_i64(vm, argv[1], &width))
        return VNULL;
    Str *s = S(argv[0]);
    int64_t fill = width - (int64_t)s->nchars;
    if (fill <= 0)
        return rt_str_exact(vm, argv[0]);
    Str *o = rt_str_raw(vm, s->len + (size_t)fill);
    if (!o)
        return VNULL;
    size_t sign = s->len && (s->data[0] == '+' || s->data[0] == '-');
    memcpy(o->data, s->data, sign);
    memset(o->data + sign, '0', (size_t)fill);
    memcpy(o->data + sign + fill, s->data + sign, s->len - sign);
    o->nchars = s->nchars + (size_t)fill;
    o->ascii = s->ascii;
    return v_from(o);
}

static Value m_expandtabs(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "tabsize", NULL};
    Value a[2];
    if (!max_pos(vm, "expandtabs", argc, kw, 1) || !rt_parse_args(vm, "expandtabs", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int64_t tab = 8;
    if (a[1] && !rt_as_i64(vm, a[1], &tab))
        return VNULL;
    Str *s = S(a[0]);
    if (!memchr(s->data, '\t', s->len))
        return a[0];
    StrBuf b;
    sb_init(&b);
    int64_t col = 0;
    bool ok = true;
    for (size_t i = 0; i < s->len && ok; i++) {
        char c = s->data[i];
        if (c == '\t') {
            if (tab > 0) {
                int64_t n = tab - col % tab;
                for (int64_t j = 0; j < n && ok; j++)
                    ok = sb_addc(vm, &b, ' ');
                col += n;
            }
        } else {
            ok = sb_addc(vm, &b, c);
            if (c == '\n' || c == '\r')
                col = 0;
            else if (((unsigned char)c & 0xC0) != 0x80)
                col++;
        }
    }
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* ---- encode, translate ---------------------------------------------------------------------- */

static Value m_encode(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "encoding", "errors", NULL};
    Value a[3];
    if (!max_pos(vm, "encode", argc, kw, 2) || !rt_parse_args(vm, "encode", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "encode() argument '%s' must be str, not %s", names[i],
                            rt_type_name(a[i]));
    return rt_str_encode(vm, a[0], a[1] ? v_cstr(a[1]) : "utf-8", a[2] ? v_cstr(a[2]) : "strict");
}

static Value m_maketrans(VM *vm, int argc, Value *argv, Value kw)
{
    /* registered as a classmethod: argv[0] is the class */
    if (!rt_check_nargs(vm, "maketrans", argc - 1, 1, 3))
        return VNULL;
    Value d = rt_dict_new(vm);
    if (!d)
        return VNULL;
    if (argc == 2) {
        if (!v_is(argv[1], &rt_dict_type))
            return rt_raise(vm, &rt_exc_TypeError, "if you give only one argument to maketrans it must be a dict");
        Value k, v;
        for (size_t pos = 0; rt_dict_next(v_dict(argv[1]), &pos, &k, &v);) {
            Value key = k;
            if (v_is_str(k)) {
                if (S(k)->nchars != 1)
                    return rt_raise(vm, &rt_exc_ValueError, "string keys in translate table must be of length 1");
                size_t n;
                key = v_from_small(cp_at(S(k)->data, S(k)->len, &n));
            } else if (!rt_is_int(k)) {
                return rt_raise(vm, &rt_exc_TypeError, "keys in translate table must be strings or integers");
            }
            if (!rt_dict_set(vm, v_dict(d), key, v))
                return VNULL;
        }
        return d;
    }
    if (!v_is_str(argv[1]) || !v_is_str(argv[2]))
        return rt_raise(vm, &rt_exc_TypeError, "maketrans() argument 2 must be str, not %s",
                        rt_type_name(v_is_str(argv[1]) ? argv[2] : argv[1]));
    Str *x = S(argv[1]), *y = S(argv[2]);
    if (x->nchars != y->nchars)
        return rt_raise(vm, &rt_exc_ValueError, "the first two maketrans arguments must have equal length");
    size_t i = 0, j = 0, k1, k2;
    while (i < x->len) {
        uint32_t a = cp_at(x->data + i, x->len - i, &k1), b = cp_at(y->data + j, y->len - j, &k2);
        if (!rt_dict_set(vm, v_dict(d), v_from_small(a), v_from_small(b)))
            return VNULL;
        i += k1;
        j += k2;
    }
    if (argc > 3) {
        if (!v_is_str(argv[3]))
            return rt_raise(vm, &rt_exc_TypeError, "maketrans() argument 3 must be str, not %s", rt_type_name(argv[3]));
        Str *z = S(argv[3]);
        for (i = 0; i < z->len; i += k1)
            if (!rt_dict_set(vm, v_dict(d), v_from_small(cp_at(z->data + i, z->len - i, &k1)), rt_None))
                return VNULL;
    }
    return d;
}

static Value m_translate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("translate", 1, 1))
        return VNULL;
    Str *s = S(argv[0]);
    Value table = argv[1];
    StrBuf b;
    sb_init(&b);
    size_t i = 0, k;
    while (i < s->len) {
        uint32_t c = cp_at(s->data + i, s->len - i, &k);
        Value r;
        if (v_is(table, &rt_dict_type)) {
            bool err = false;
            r = rt_dict_get(vm, v_dict(table), v_from_small(c), &err);
            if (err)
                goto fail;
        } else {
            r = rt_getitem(vm, table, v_from_small(c));
            if (!r) {
                if (!rt_exc_clear_if(vm, &rt_exc_LookupError))
                    goto fail;
            }
        }
        bool ok;
        if (!r) {
            ok = sb_add(vm, &b, s->data + i, k);
        } else if (r == rt_None) {
            ok = true;
        } else if (rt_is_int(r)) {
            int64_t cp;
            if (!rt_as_i64(vm, r, &cp))
                goto fail;
            if (cp < 0 || cp > 0x10FFFF) {
                rt_raise(vm, &rt_exc_ValueError, "character mapping must be in range(0x110000)");
                goto fail;
            }
            char out[4];
            ok = sb_add(vm, &b, out, rt_utf8_encode((uint32_t)cp, out));
        } else if (v_is_str(r)) {
            ok = sb_add_value_str(vm, &b, r);
        } else {
            rt_raise(vm, &rt_exc_TypeError, "character mapping must return integer, None or str");
            goto fail;
        }
        if (!ok)
            goto fail;
        i += k;
    }
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

/* ---- dunders -------------------------------------------------------------------------------- */

static Value m_format(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__format__", 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "format() argument 2 must be str, not %s", rt_type_name(argv[1]));
    return rt_format_str(vm, argv[0], v_cstr(argv[1]), S(argv[1])->len);
}

static Value m_len(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__len__", 0, 0))
        return VNULL;
    return v_from_small((int64_t)S(argv[0])->nchars);
}

static Value m_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__getitem__", 1, 1))
        return VNULL;
    return rt_str_type.getitem(vm, argv[0], argv[1]);
}

static Value m_contains(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__contains__", 1, 1))
        return VNULL;
    int r = rt_str_type.contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value m_add(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__add__", 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_NotImplemented;
    return rt_str_concat(vm, argv[0], argv[1]);
}

static Value m_mul(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__mul__", 1, 1))
        return VNULL;
    return rt_str_type.binop[BIN_MUL](vm, argv[0], argv[1]);
}

static Value m_mod(VM *vm, int argc, Value *argv, Value kw)
{
    if (!NARGS("__mod__", 1, 1))
        return VNULL;
    return rt_str_mod(vm, argv[0], argv[1]);
}

static const NativeDef str_methods[] = {
    {"split", m_split, NF_KEYWORDS},
    {"rsplit", m_rsplit, NF_KEYWORDS},
    {"splitlines", m_splitlines, NF_KEYWORDS},
    {"join", m_join, 0},
    {"strip", m_strip, 0},
    {"lstrip", m_lstrip, 0},
    {"rstrip", m_rstrip, 0},
    {"replace", m_replace, 0},
    {"find", m_find, 0},
    {"rfind", m_rfind, 0},
    {"index", m_index, 0},
    {"rindex", m_rindex, 0},
    {"count", m_count, 0},
    {"startswith", m_startswith, 0},
    {"endswith", m_endswith, 0},
    {"upper", m_upper, 0},
    {"lower", m_lower, 0},
    {"casefold", m_casefold, 0},
    {"capitalize", m_capitalize, 0},
    {"title", m_title, 0},
    {"swapcase", m_swapcase, 0},
    {"center", m_center, 0},
    {"ljust", m_ljust, 0},
    {"rjust", m_rjust, 0},
    {"zfill", m_zfill, 0},
    {"isdigit", m_isdigit, 0},
    {"isdecimal", m_isdecimal, 0},
    {"isnumeric", m_isnumeric, 0},
    {"isalpha", m_isalpha, 0},
    {"isalnum", m_isalnum, 0},
    {"isspace", m_isspace, 0},
    {"isupper", m_isupper, 0},
    {"islower", m_islower, 0},
    {"istitle", m_istitle, 0},
    {"isidentifier", m_isidentifier, 0},
    {"isprintable", m_isprintable, 0},
    {"isascii", m_isascii, 0},
    {"partition", m_partition, 0},
    {"rpartition", m_rpartition, 0},
    {"expandtabs", m_expandtabs, NF_KEYWORDS},
    {"removeprefix", m_removeprefix, 0},
    {"removesuffix", m_removesuffix, 0},
    {"format", rt_str_format_method, NF_KEYWORDS},
    {"format_map", rt_str_format_map_method, 0},
    {"encode", m_encode, NF_KEYWORDS},
    {"maketrans", m_maketrans, NF_CLASSMETHOD},
    {"translate", m_translate, 0},
    {"__format__", m_format, 0},
    {"__len__", m_len, 0},
    {"__getitem__", m_getitem, 0},
    {"__contains__", m_contains, 0},
    {"__add__", m_add, 0},
    {"__mul__", m_mul, 0},
    {"__rmul__", m_mul, 0},
    {"__mod__", m_mod, 0},
    {NULL, NULL, 0},
};

bool rt_str_methods_init(VM *vm) { return rt_add_methods(vm, &rt_str_type, str_methods); }
