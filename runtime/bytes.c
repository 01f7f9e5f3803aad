/* runtime/bytes.c — immutable byte strings, and the codecs between str and
 * bytes (utf-8, ascii, latin-1) with CPython's error messages.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/containers_int.h"
#include "runtime/buffer.h"

static inline Bytes *v_bytes(Value v) { return (Bytes *)v_obj(v); }
static inline bool is_bytes(Value v) { return v_isa(v, &rt_bytes_type); }

Value rt_bytes_new(VM *vm, const uint8_t *data, size_t len)
{
    Bytes *b = rt_alloc(vm, &rt_bytes_type, sizeof(Bytes) + len + 1);
    if (!b)
        return VNULL;
    b->hash = -1;
    b->len = len;
    if (len)
        memcpy(b->data, data, len);
    b->data[len] = 0;
    return v_from(b);
}

static Bytes *bytes_raw(VM *vm, size_t len)
{
    Bytes *b = rt_alloc(vm, &rt_bytes_type, sizeof(Bytes) + len + 1);
    if (b) {
        b->hash = -1;
        b->len = len;
        b->data[len] = 0;
    }
    return b;
}

/* b'...' with CPython's choice of quote; prefix/suffix wrap it
 * (bytearray(b'...')). */
Value rt_bytes_repr_data(VM *vm, const uint8_t *p, size_t n, const char *prefix, const char *suffix)
{
    bool sq = n && memchr(p, '\'', n) != NULL, dq = n && memchr(p, '"', n) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    StrBuf sb;
    sb_init(&sb);
    bool ok = sb_add(vm, &sb, prefix, strlen(prefix)) && sb_addc(vm, &sb, 'b') && sb_addc(vm, &sb, q);
    for (size_t i = 0; i < n && ok; i++) {
        uint8_t c = p[i];
        /* bytearray's repr escapes ' even inside "..." (CPython's quirk) */
        if (c == q || c == '\\' || (c == '\'' && *prefix)) {
            ok = sb_addc(vm, &sb, '\\') && sb_addc(vm, &sb, (char)c);
        } else if (c == '\t') {
            ok = sb_add(vm, &sb, "\\t", 2);
        } else if (c == '\n') {
            ok = sb_add(vm, &sb, "\\n", 2);
        } else if (c == '\r') {
            ok = sb_add(vm, &sb, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7F) {
            ok = sb_printf(vm, &sb, "\\x%02x", c);
        } else {
            ok = sb_addc(vm, &sb, (char)c);
        }
    }
    if (!ok || !sb_addc(vm, &sb, q) || !sb_add(vm, &sb, suffix, strlen(suffix))) {
        sb_free(&sb);
        return VNULL;
    }
    return sb_finish(vm, &sb);
}

Value rt_bytes_repr(VM *vm, Value v)
{
    Bytes *b = v_bytes(v);
    return rt_bytes_repr_data(vm, b->data, b->len, "", "");
}

/* ---- bytes-like views, shared with bytearray ----------------------------------------------- */

BView rt_bytes_view(Value v)
{
    if (rt_is_bytearray(v)) {
        ByteArray *a = v_bytearray(v);
        return (BView){a->data ? a->data : (const uint8_t *)"", a->len};
    }
    return (BView){v_bytes(v)->data, v_bytes(v)->len};
}

/* Results of a bytearray receiver are bytearrays; of bytes, bytes. */
static bool like_bytearray(Value like)
{
    if (v_is_obj(like) && v_obj(like)->type == &rt_type_type)
        return rt_is_subtype((Type *)v_obj(like), &rt_bytearray_type);
    return rt_is_bytearray(like);
}

/* A new result of len bytes (uninitialised) of like's kind; *data to fill. */
static Value out_raw(VM *vm, Value like, size_t len, uint8_t **data)
{
    if (like_bytearray(like)) {
        Value r = rt_bytearray_new(vm, NULL, len);
        if (r)
            *data = v_bytearray(r)->data;
        return r;
    }
    Bytes *b = bytes_raw(vm, len);
    if (b)
        *data = b->data;
    return b ? v_from(b) : VNULL;
}

Value rt_bytes_like_new(VM *vm, Value like, const uint8_t *data, size_t len)
{
    uint8_t *p;
    Value r = out_raw(vm, like, len, &p);
    if (r && len) {
        if (data)
            memcpy(p, data, len);
        else
            memset(p, 0, len);
    }
    return r;
}

static Type *buffer_type(Value v)
{
    for (Type *t = v_type(v); t; t = t->base)
        if (t->getbuffer)
            return t;
    return NULL;
}

bool rt_has_buffer(Value v) { return !v_is_small(v) && buffer_type(v) != NULL; }

bool rt_get_buffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    Type *t = v_is_small(v) ? NULL : buffer_type(v);
    if (!t) {
        rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'", rt_type_name(v));
        return false;
    }
    buf->obj = v;
    return t->getbuffer(vm, v, buf, flags);
}

void rt_exports_retain(RtExports *e)
{
    if (e) {
        e->count++;
        e->refs++;
    }
}

void rt_exports_unref(RtExports *e)
{
    if (e && --e->refs == 0)
        free(e);
}

void rt_buffer_release(VM *vm, RtBuffer *buf)
{
    if (buf->exports) {
        buf->exports->count--;
        rt_exports_unref(buf->exports);
        buf->exports = NULL;
    }
}

static bool bytes_getbuffer(VM *vm, Value v, RtBuffer *buf, int flags)
{
    if (flags & RT_BUF_WRITABLE) {
        rt_raise(vm, &rt_exc_TypeError, "cannot use a bytes object as a writable buffer");
        return false;
    }
    Bytes *b = v_bytes(v);
    *buf = (RtBuffer){b->data, b->len, true, 1, "B", v, NULL};
    return true;
}

/* A transient view of a bytes-like argument (see buffer.h). */
static bool arg_view(VM *vm, Value v, BView *out)
{
    if (is_bytes(v)) {
        *out = (BView){v_bytes(v)->data, v_bytes(v)->len};
        return true;
    }
    RtBuffer buf;
    if (!rt_get_buffer(vm, v, &buf, 0))
        return false;
    *out = (BView){buf.ptr, buf.len};
    return true;
}

/* ---- codecs ---------------------------------------------------------------------- */

static int codec_kind(const char *enc)
{
    char norm[32];
    size_t n = 0;
    for (const char *p = enc; *p && n < sizeof norm - 1; p++)
        norm[n++] = (char)(*p == '_' ? '-' : tolower((unsigned char)*p));
    norm[n] = 0;
    if (!strcmp(norm, "utf-8") || !strcmp(norm, "utf8") || !strcmp(norm, "u8"))
        return 0;
    if (!strcmp(norm, "ascii") || !strcmp(norm, "us-ascii"))
        return 1;
    if (!strcmp(norm, "latin-1") || !strcmp(norm, "latin1") || !strcmp(norm, "iso-8859-1") ||
        !strcmp(norm, "iso8859-1") || !strcmp(norm, "l1"))
        return 2;
    return -1;
}

static const char *codec_name(int kind) { return kind == 0 ? "utf-8" : kind == 1 ? "ascii" : "latin-1"; }

RtCodecHooks rt_codec_hooks;

/* Make sure the _codecs module of this VM is built (it sets the hooks). */
static bool codec_hooks_ready(VM *vm)
{
    if (rt_codec_hooks.encode && rt_dict_get_cstr(vm, vm->modules, "_codecs"))
        return true;
    Value imp = rt_dict_get_cstr(vm, vm->builtins, "__import__");
    Value name = rt_str_from_cstr(vm, "_codecs");
    if (!imp || !name || !rt_call1(vm, imp, name))
        return false;
    if (!rt_codec_hooks.encode) {
        rt_raise(vm, &rt_exc_SystemError, "_codecs did not register its hooks");
        return false;
    }
    return true;
}

static Value codec_decode(VM *vm, Value bytes, const char *encoding, const char *errors)
{
    if (!v_is(bytes, &rt_bytes_type) && !(bytes = rt_buffer_to_bytes(vm, bytes)))
        return VNULL;
    return codec_hooks_ready(vm) ? rt_codec_hooks.decode(vm, bytes, encoding, errors) : VNULL;
}

static Value codec_encode(VM *vm, Value str, const char *encoding, const char *errors)
{
    return codec_hooks_ready(vm) ? rt_codec_hooks.encode(vm, str, encoding, errors) : VNULL;
}

/* The error handlers the native paths below apply themselves; any other
 * hands the whole conversion to the codec registry at the first error. */
static bool native_errors(const char *errors, bool *replace, bool *ignore)
{
    *replace = !strcmp(errors, "replace");
    *ignore = !strcmp(errors, "ignore");
    return *replace || *ignore || !strcmp(errors, "strict");
}

/* Why UTF-8 decoding fails at p[0..len): CPython's reason and the bad span. */
static const char *utf8_error(const uint8_t *p, size_t len, size_t *span)
{
    uint8_t c = p[0];
    *span = 1;
    if (c < 0xC2 || c > 0xF4)
        return "invalid start byte";
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < need; k++) {
        if (k >= len)
            return (*span = k, "unexpected end of data");
        uint8_t lo = 0x80, hi = 0xBF;
        if (k == 1) {
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        if (p[k] < lo || p[k] > hi)
            return (*span = k, "invalid continuation byte");
    }
    return "invalid start byte";
}

/* Raise UnicodeDecodeError(encoding, bytes, start, end, reason). */
static Value raise_decode_error(VM *vm, const char *encoding, Value bytes, size_t start, size_t end,
                                const char *reason)
{
    if (!v_is(bytes, &rt_bytes_type) && !(bytes = rt_buffer_to_bytes(vm, bytes)))
        return VNULL;
    return rt_raise_unicode_error(vm, &rt_exc_UnicodeDecodeError, encoding, bytes, start, end, reason);
}

Value rt_raise_unicode_error(VM *vm, Type *type, const char *encoding, Value object, size_t start,
                             size_t end, const char *reason)
{
    Value items[5] = {rt_str_from_cstr(vm, encoding), object, v_from_small((int64_t)start),
                      v_from_small((int64_t)end), rt_str_from_cstr(vm, reason)};
    if (!items[0] || !items[4])
        return VNULL;
    Value args = rt_tuple_from(vm, 5, items);
    Value exc = args ? rt_exc_new(vm, type, args) : VNULL;
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

Value rt_bytes_decode(VM *vm, Value bytes, const char *encoding, const char *errors)
{
    int kind = codec_kind(encoding);
    if (kind < 0)
        return codec_decode(vm, bytes, encoding, errors);
    BView b = rt_bytes_view(bytes);
    const uint8_t *p = b.data;
    size_t n = b.len;
    size_t bad;
    if (kind == 0 && rt_utf8_valid_strict((const char *)p, n, &bad))
        return rt_str_new(vm, (const char *)p, n);
    bool replace, ignore, native = native_errors(errors, &replace, &ignore);
    StrBuf sb;
    sb_init(&sb);
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            if (!sb_addc(vm, &sb, (char)c))
                goto fail;
            i++;
            continue;
        }
        if (kind == 2) {
            char out[4];
            if (!sb_add(vm, &sb, out, rt_utf8_encode(c, out)))
                goto fail;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = kind == 0 ? rt_utf8_decode_strict((const char *)p + i, n - i, &cp) : 0;
        if (k) {
            if (!sb_add(vm, &sb, (const char *)p + i, k))
                goto fail;
            i += k;
            continue;
        }
        if (!native) {
            sb_free(&sb);
            return codec_decode(vm, bytes, encoding, errors);
        }
        size_t span = 1;
        const char *reason = kind == 0 ? utf8_error(p + i, n - i, &span) : "ordinal not in range(128)";
        if (replace) {
            if (!sb_add(vm, &sb, "\xEF\xBF\xBD", 3))
                goto fail;
            i += span;
        } else if (ignore) {
            i += span;
        } else {
            sb_free(&sb);
            return raise_decode_error(vm, codec_name(kind), bytes, i, i + span, reason);
        }
    }
    return sb_finish(vm, &sb);
fail:
    sb_free(&sb);
    return VNULL;
}

Value rt_str_encode(VM *vm, Value str, const char *encoding, const char *errors)
{
    int kind = codec_kind(encoding);
    if (kind < 0)
        return codec_encode(vm, str, encoding, errors);
    Str *s = v_str(str);
    if (s->ascii || (kind == 0 && !rt_utf8_has_surrogate(s->data, s->len, NULL)))
        return rt_bytes_new(vm, (const uint8_t *)s->data, s->len);
    if (kind == 0)
        return codec_encode(vm, str, encoding, errors);
    bool replace, ignore;
    native_errors(errors, &replace, &ignore);
    uint32_t limit = kind == 1 ? 128 : 256;
    uint8_t *out = malloc(s->len + 1);
    if (!out)
        return rt_no_memory(vm);
    size_t n = 0, i = 0;
    while (i < s->len) {
        uint32_t cp;
        size_t k = rt_utf8_decode(s->data + i, s->len - i, &cp);
        if (!k) {
            cp = (uint8_t)s->data[i];
            k = 1;
        }
        if (cp < limit) {
            out[n++] = (uint8_t)cp;
        } else if (replace) {
            out[n++] = '?';
        } else if (!ignore) {
            /* strict and the other handlers: the registry's codec builds the
             * exception (with the whole run of unencodable characters). */
            free(out);
            return codec_encode(vm, str, encoding, errors);
        }
        i += k;
    }
    Value r = rt_bytes_new(vm, out, n);
    free(out);
    return r;
}

/* ---- slots ------------------------------------------------------------------------ */

Value rt_buffer_to_bytes(VM *vm, Value v)
{
    if (v_is(v, &rt_memoryview_type))
        return rt_memoryview_tobytes(vm, v);
    BView b;
    return arg_view(vm, v, &b) ? rt_bytes_new(vm, b.data, b.len) : VNULL;
}

static Value bytes_repr_slot(VM *vm, Value v) { return rt_bytes_repr(vm, v); }

static int64_t bytes_hash(VM *vm, Value v)
{
    Bytes *b = v_bytes(v);
    if (b->hash == -1) {
        int64_t h = (int64_t)XXH3_64bits(b->data, b->len);
        b->hash = h == -1 ? -2 : h;
    }
    return b->hash;
}

static int view_cmp(BView x, BView y)
{
    size_t n = x.len < y.len ? x.len : y.len;
    int c = n ? memcmp(x.data, y.data, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return (x.len > y.len) - (x.len < y.len);
}

/* bytes compares only with bytes; bytearray with any buffer (so bytes ==
 * bytearray through the reflected operation), as CPython. */
Value rt_bytes_like_compare(VM *vm, Value a, Value b, CmpOp op)
{
    BView x, y;
    if (rt_is_bytearray(a) || rt_is_bytearray(b)) {
        if (!rt_has_buffer(a) || !rt_has_buffer(b))
            return rt_NotImplemented;
        if (!arg_view(vm, a, &x) || !arg_view(vm, b, &y))
            return VNULL;
    } else {
        if (!rt_isinstance_type(a, &rt_bytes_type) || !rt_isinstance_type(b, &rt_bytes_type))
            return rt_NotImplemented;
        x = rt_bytes_view(a);
        y = rt_bytes_view(b);
    }
    if (op == CMP_EQ || op == CMP_NE) {
        bool eq = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
        return rt_bool(op == CMP_EQ ? eq : !eq);
    }
    int c = view_cmp(x, y);
    switch (op) {
    case CMP_LT: return rt_bool(c < 0);
    case CMP_LE: return rt_bool(c <= 0);
    case CMP_GT: return rt_bool(c > 0);
    default: return rt_bool(c >= 0);
    }
}

static int64_t bytes_len(VM *vm, Value v) { return (int64_t)v_bytes(v)->len; }

Value rt_bytes_like_getitem(VM *vm, Value v, Value key)
{
    BView b = rt_bytes_view(v);
    bool ba = rt_is_bytearray(v);
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, (int64_t)b.len, &start, &stop, &step);
        if (n < 0)
            return VNULL;
        b = rt_bytes_view(v); /* __index__ of the bounds may have run code */
        if (step == 1)
            return rt_bytes_like_new(vm, v, b.data + start, (size_t)n);
        uint8_t *o;
        Value r = out_raw(vm, v, (size_t)n, &o);
        if (!r)
            return VNULL;
        for (int64_t k = 0, i = start; k < n; k++, i += step)
            o[k] = b.data[i];
        return r;
    }
    const char *what = ba ? "bytearray" : "byte";
    if (!rt_is_int(key) && !rt_lookup_type_attr(v_type(key), vm->names.__index__))
        return rt_raise(vm, &rt_exc_TypeError, "%s indices must be integers or slices, not %s", what,
                        rt_type_name(key));
    int64_t i;
    if (!ct_index_value(vm, key, what, &i))
        return VNULL;
    b = rt_bytes_view(v);
    if (i < 0)
        i += (int64_t)b.len;
    if (i < 0 || i >= (int64_t)b.len)
        return rt_raise(vm, &rt_exc_IndexError, ba ? "bytearray index out of range" : "index out of range");
    return v_from_small(b.data[i]);
}

int rt_bytes_like_contains(VM *vm, Value v, Value item)
{
    BView b = rt_bytes_view(v);
    if (rt_has_buffer(item)) {
        BView n;
        if (!arg_view(vm, item, &n))
            return -1;
        return n.len == 0 || (b.len && memmem(b.data, b.len, n.data, n.len) != NULL);
    }
    if (!rt_is_int(item)) {
        rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'", rt_type_name(item));
        return -1;
    }
    int64_t c;
    if (!rt_as_i64(vm, item, &c))
        return -1;
    if (c < 0 || c > 255) {
        rt_raise(vm, &rt_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    b = rt_bytes_view(v);
    return b.len && memchr(b.data, (int)c, b.len) != NULL;
}

Value rt_bytes_like_add(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_bytes_type) && !rt_is_bytearray(a))
        return rt_NotImplemented;
    if (!rt_has_buffer(b)) {
        if (v_type(b)->flags & TF_CLASS)
            return rt_NotImplemented;
        return rt_raise(vm, &rt_exc_TypeError, "can't concat %s to %s", rt_type_name(b),
                        rt_is_bytearray(a) ? "bytearray" : "bytes");
    }
    BView x = rt_bytes_view(a), y;
    if (!arg_view(vm, b, &y))
        return VNULL;
    uint8_t *o;
    Value r = out_raw(vm, a, x.len + y.len, &o);
    if (!r)
        return VNULL;
    x = rt_bytes_view(a); /* a may be b's exporter: views re-read after the allocation */
    if (!arg_view(vm, b, &y))
        return VNULL;
    if (x.len)
        memcpy(o, x.data, x.len);
    if (y.len)
        memcpy(o + x.len, y.data, y.len);
    return r;
}

Value rt_bytes_like_mul(VM *vm, Value a, Value b)
{
    bool a_seq = rt_isinstance_type(a, &rt_bytes_type) || rt_is_bytearray(a);
    Value s = a_seq ? a : b, n = a_seq ? b : a;
    if (!rt_isinstance_type(s, &rt_bytes_type) && !rt_is_bytearray(s))
        return rt_NotImplemented;
    if (!rt_is_int(n)) {
        if (v_type(n)->flags & TF_CLASS)
            return rt_NotImplemented;
        return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                        rt_type_name(n));
    }
    int64_t k;
    if (!rt_as_i64(vm, n, &k))
        return VNULL;
    BView x = rt_bytes_view(s);
    if (k <= 0 || x.len == 0)
        return rt_bytes_like_new(vm, s, NULL, 0);
    if ((uint64_t)k > ((uint64_t)1 << 40) / x.len)
        return rt_no_memory(vm);
    uint8_t *o;
    Value r = out_raw(vm, s, x.len * (size_t)k, &o);
    if (!r)
        return VNULL;
    x = rt_bytes_view(s);
    for (int64_t i = 0; i < k; i++)
        memcpy(o + (size_t)i * x.len, x.data, x.len);
    return r;
}

/* The bytes of x for bytes(x)/bytearray(x), x not a str: a buffer, an int
 * count, or an iterable of ints in range(256). */
bool rt_bytes_from_object(VM *vm, Value x, uint8_t **out, size_t *len, const char *tname)
{
    if (v_is(x, &rt_memoryview_type)) { /* possibly strided: its logical bytes */
        x = rt_memoryview_tobytes(vm, x);
        if (!x)
            return false;
    }
    if (rt_has_buffer(x)) {
        BView v;
        if (!arg_view(vm, x, &v))
            return false;
        *out = malloc(v.len + 1);
        if (!*out)
            return rt_no_memory(vm), false;
        if (v.len)
            memcpy(*out, v.data, v.len);
        *len = v.len;
        return true;
    }
    if (rt_is_int(x) || (!v_is_small(x) && rt_lookup_type_attr(v_type(x), vm->names.__index__))) {
        Value iv = rt_index(vm, x);
        int64_t n;
        if (!iv || !rt_as_i64(vm, iv, &n))
            return false;
        if (n < 0) {
            rt_raise(vm, &rt_exc_ValueError, "negative count");
            return false;
        }
        *out = calloc((size_t)n + 1, 1);
        if (!*out)
            return rt_no_memory(vm), false;
        *len = (size_t)n;
        return true;
    }
    if (!v_type(x)->iter && !v_type(x)->getitem) {
        rt_raise(vm, &rt_exc_TypeError, "cannot convert '%s' object to %s", rt_type_name(x), tname);
        return false;
    }
    Value lst = rt_list_from_iter(vm, x);
    if (!lst)
        return false;
    List *l = v_list(lst);
    for (size_t i = 0; i < l->len; i++) {
        Value it = l->items[i];
        int64_t c;
        if (!rt_is_int(it) && !rt_lookup_type_attr(v_type(it), vm->names.__index__)) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer", rt_type_name(it));
            return false;
        }
        Value iv = rt_index(vm, it);
        if (!iv)
            return false;
        if (!rt_as_i64(vm, iv, &c) || c < 0 || c > 255) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_ValueError, strcmp(tname, "bytes") ? "byte must be in range(0, 256)"
                                                                     : "bytes must be in range(0, 256)");
            return false;
        }
        v_list(lst)->items[i] = v_from_small(c);
    }
    *out = malloc(l->len + 1);
    if (!*out)
        return rt_no_memory(vm), false;
    for (size_t i = 0; i < l->len; i++)
        (*out)[i] = (uint8_t)v_small(l->items[i]);
    *len = l->len;
    return true;
}

/* bytes(), bytes(n), bytes(iterable_of_ints), bytes(str, encoding[, errors]) */
static Value bytes_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "bytes", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Value x = a[0];
    if (!x)
        return rt_bytes_new(vm, NULL, 0);
    if (v_is_str(x)) {
        if (!a[1])
            return rt_raise(vm, &rt_exc_TypeError, "string argument without an encoding");
        if (!v_is_str(a[1]))
            return rt_raise(vm, &rt_exc_TypeError, "bytes() argument 'encoding' must be str, not %s",
                            rt_type_name(a[1]));
        return rt_str_encode(vm, x, v_cstr(a[1]), a[2] && v_is_str(a[2]) ? v_cstr(a[2]) : "strict");
    }
    if (a[1] || a[2])
        return rt_raise(vm, &rt_exc_TypeError,
                        a[1] ? "encoding without a string argument" : "errors without a string argument");
    if (v_is(x, &rt_bytes_type))
        return x;
    if (!v_is_small(x) && v_obj(x)->type != &rt_bytearray_type && v_obj(x)->type != &rt_memoryview_type) {
        Value r = rt_call_special(vm, x, rt_str_intern_cstr(vm, "__bytes__"), 0, NULL, &(bool){false});
        if (r && !rt_isinstance_type(r, &rt_bytes_type))
            return rt_raise(vm, &rt_exc_TypeError, "__bytes__ returned non-bytes (type %s)", rt_type_name(r));
        if (r || vm->exc)
            return r;
    }
    uint8_t *data;
    size_t n;
    if (!rt_bytes_from_object(vm, x, &data, &n, "bytes"))
        return VNULL;
    Value r = rt_bytes_new(vm, data, n);
    free(data);
    return r;
}

/* ---- iterator ------------------------------------------------------------------------- */

typedef struct BytesIter {
    Obj hdr;
    Value bytes;
    size_t pos;
} BytesIter;

static void bytes_iter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((BytesIter *)o)->bytes); }

static Value bytes_iter_next(VM *vm, Value it)
{
    BytesIter *i = (BytesIter *)v_obj(it);
    if (!i->bytes)
        return VNULL;
    BView b = rt_bytes_view(i->bytes);
    if (i->pos >= b.len) {
        i->bytes = VNULL;
        return VNULL;
    }
    return v_from_small(b.data[i->pos++]);
}

static Value bytes_iter_self(VM *vm, Value v) { return v; }

static Type bytes_iter_type = {
    .name = "bytes_iterator",
    .instance_size = sizeof(BytesIter),
    .trace = bytes_iter_trace,
    .iter = bytes_iter_self,
    .next = bytes_iter_next,
};

static Type bytearray_iter_type = {
    .name = "bytearray_iterator",
    .instance_size = sizeof(BytesIter),
    .trace = bytes_iter_trace,
    .iter = bytes_iter_self,
    .next = bytes_iter_next,
};

Value rt_bytes_like_iter(VM *vm, Value v)
{
    BytesIter *i = rt_alloc(vm, rt_is_bytearray(v) ? &bytearray_iter_type : &bytes_iter_type, sizeof(BytesIter));
    if (!i)
        return VNULL;
    i->bytes = v;
    i->pos = 0;
    return v_from(i);
}

/* ---- methods ---------------------------------------------------------------------------- */

static bool b_nargs_t(VM *vm, Value self, const char *name, int n, int lo, int hi);
static bool b_index(VM *vm, Value v, int64_t *out);
/* Every method has its receiver in argv[0]: messages name its type. */
#define b_nargs(vm, name, n, lo, hi) b_nargs_t(vm, argv[0], name, n, lo, hi)
static const uint8_t *mem_rfind(const uint8_t *h, size_t n, const uint8_t *nd, size_t m);


static Value m_decode(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "encoding", "errors", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "decode", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "decode() argument '%s' must be str, not %s", names[i],
                            rt_type_name(a[i]));
    return rt_bytes_decode(vm, a[0], a[1] ? v_cstr(a[1]) : "utf-8", a[2] ? v_cstr(a[2]) : "strict");
}

/* hex(sep=None, bytes_per_sep=1): groups of |bytes_per_sep| bytes counted
 * from the right (positive) or the left (negative), as CPython. */
Value rt_hex_view(VM *vm, const uint8_t *p, size_t n, Value sepv, Value perv)
{
    char sep = 0;
    int64_t per = 1;
    if (sepv && sepv != rt_None) {
        int64_t sl = rt_len(vm, sepv);
        if (sl < 0)
            return VNULL;
        if (sl != 1)
            return rt_raise(vm, &rt_exc_ValueError, "sep must be length 1.");
        if (v_is_str(sepv)) {
            sep = v_cstr(sepv)[0];
        } else if (rt_isinstance_type(sepv, &rt_bytes_type)) {
            sep = (char)rt_bytes_view(sepv).data[0];
        } else {
            return rt_raise(vm, &rt_exc_TypeError, "sep must be str or bytes.");
        }
        if ((unsigned char)sep >= 0x80)
            return rt_raise(vm, &rt_exc_ValueError, "sep must be ASCII.");
        if (perv && !b_index(vm, perv, &per))
            return VNULL;
    }
    size_t group = per < 0 ? (size_t)-per : (size_t)per;
    size_t nsep = sep && n && group ? (n - 1) / group : 0;
    Str *s = rt_str_raw(vm, n * 2 + nsep);
    if (!s)
        return VNULL;
    char *o = s->data;
    for (size_t i = 0; i < n; i++) {
        if (nsep && i) {
            size_t at = per < 0 ? i : n - i; /* bytes before (left) / after (right) this point */
            if (at % group == 0)
                *o++ = sep;
        }
        *o++ = "0123456789abcdef"[p[i] >> 4];
        *o++ = "0123456789abcdef"[p[i] & 15];
    }
    s->nchars = s->len;
    s->ascii = true;
    return v_from(s);
}

static Value m_hex(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "sep", "bytes_per_sep", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "hex", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    BView b = rt_bytes_view(argv[0]);
    return rt_hex_view(vm, b.data, b.len, a[1], a[2]);
}

static Value m_fromhex(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "fromhex", argc - 1, 1, 1))
        return VNULL;
    return rt_bytes_fromhex(vm, argv[0], argv[1]);
}

static bool hex_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* cls.fromhex(s): bytes or bytearray; a subclass is called with it. */
Value rt_bytes_fromhex(VM *vm, Value cls, Value str)
{
    if (!v_is_str(str))
        return rt_raise(vm, &rt_exc_TypeError, "fromhex() argument must be str, not %s", rt_type_name(str));
    Str *s = v_str(str);
    uint8_t *out = malloc(s->len / 2 + 1);
    if (!out)
        return rt_no_memory(vm);
    size_t n = 0, i = 0;
    while (i < s->len) {
        if (hex_space(s->data[i])) {
            i++;
            continue;
        }
        int hi = isxdigit((unsigned char)s->data[i]) ? s->data[i] : -1;
        int lo = i + 1 < s->len && isxdigit((unsigned char)s->data[i + 1]) ? s->data[i + 1] : -1;
        if (hi < 0 || lo < 0) {
            free(out);
            return rt_raise(vm, &rt_exc_ValueError,
                            "non-hexadecimal number found in fromhex() arg at position %zu", hi < 0 ? i : i + 1);
        }
        hi = isdigit(hi) ? hi - '0' : (tolower(hi) - 'a' + 10);
        lo = isdigit(lo) ? lo - '0' : (tolower(lo) - 'a' + 10);
        out[n++] = (uint8_t)(hi * 16 + lo);
        i += 2;
    }
    Value r = rt_bytes_like_new(vm, cls, out, n);
    free(out);
    Type *t = (Type *)v_obj(cls);
    if (r && (t->flags & TF_CLASS))
        r = rt_call1(vm, cls, r);
    return r;
}

/* Resolve optional start/end arguments against len (slice semantics). */
static bool bounds(VM *vm, int argc, Value *argv, int first, size_t len, size_t *start, size_t *end)
{
    int64_t s = 0, e = (int64_t)len;
    if (argc > first && argv[first] != rt_None && !rt_as_i64(vm, argv[first], &s))
        return false;
    if (argc > first + 1 && argv[first + 1] != rt_None && !rt_as_i64(vm, argv[first + 1], &e))
        return false;
    if (s < 0)
        s = s + (int64_t)len < 0 ? 0 : s + (int64_t)len;
    if (e < 0)
        e = e + (int64_t)len < 0 ? 0 : e + (int64_t)len;
    if (e > (int64_t)len)
        e = (int64_t)len;
    *start = (size_t)s;
    *end = (size_t)e;
    return true;
}

static Value fix_endswith(VM *vm, int argc, Value *argv, bool ends, const char *name)
{
    if (!b_nargs(vm, name, argc - 1, 1, 3))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    size_t s, e;
    if (!bounds(vm, argc, argv, 2, b->len, &s, &e))
        return VNULL;
    Value pre = argv[1];
    size_t np = v_is(pre, &rt_tuple_type) ? v_tuple(pre)->len : 1;
    for (size_t k = 0; k < np; k++) {
        Value p = v_is(pre, &rt_tuple_type) ? v_tuple(pre)->items[k] : pre;
        BView x;
        if (!rt_has_buffer(p))
            return rt_raise(vm, &rt_exc_TypeError,
                            "%s first arg must be bytes or a tuple of bytes, not %s", name, rt_type_name(p));
        if (!arg_view(vm, p, &x))
            return VNULL;
        if (s > e || e - s < x.len)
            continue;
        if (x.len && memcmp(b->data + (ends ? e - x.len : s), x.data, x.len) == 0)
            return rt_True;
    }
    return rt_False;
}

static Value m_startswith(VM *vm, int argc, Value *argv, Value kw) { return fix_endswith(vm, argc, argv, false, "startswith"); }
static Value m_endswith(VM *vm, int argc, Value *argv, Value kw) { return fix_endswith(vm, argc, argv, true, "endswith"); }

/* Needle for find/count/index: bytes or an int byte. */
static bool needle(VM *vm, Value v, const uint8_t **p, size_t *n, uint8_t *tmp)
{
    if (rt_has_buffer(v)) {
        BView x;
        if (!arg_view(vm, v, &x))
            return false;
        *p = x.data;
        *n = x.len;
        return true;
    }
    int64_t c;
    if (rt_is_int(v) && rt_as_i64(vm, v, &c)) {
        if (c < 0 || c > 255) {
            rt_raise(vm, &rt_exc_ValueError, "byte must be in range(0, 256)");
            return false;
        }
        *tmp = (uint8_t)c;
        *p = tmp;
        *n = 1;
        return true;
    }
    rt_raise(vm, &rt_exc_TypeError, "argument should be integer or bytes-like object, not '%s'",
             rt_type_name(v));
    return false;
}

static Value find_impl(VM *vm, int argc, Value *argv, const char *name, int mode)
{
    if (!b_nargs(vm, name, argc - 1, 1, 3))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    const uint8_t *p;
    size_t n, s, e;
    uint8_t tmp;
    if (!needle(vm, argv[1], &p, &n, &tmp) || !bounds(vm, argc, argv, 2, b->len, &s, &e))
        return VNULL;
    if (mode == 2) { /* count */
        if (s > e)
            return v_from_small(0);
        if (n == 0)
            return v_from_small((int64_t)(e - s + 1));
        int64_t cnt = 0;
        size_t i = s;
        while (i + n <= e) {
            const uint8_t *f = memmem(b->data + i, e - i, p, n);
            if (!f)
                break;
            cnt++;
            i = (size_t)(f - b->data) + n;
        }
        return v_from_small(cnt);
    }
    int64_t r = -1;
    if (s <= e && e - s >= n) {
        const uint8_t *f = mode >= 3 ? mem_rfind(b->data + s, e - s, p, n) : memmem(b->data + s, e - s, p, n);
        if (f)
            r = f - b->data;
    }
    if (r < 0 && (mode == 1 || mode == 4))
        return rt_raise(vm, &rt_exc_ValueError, "subsection not found");
    return v_from_small(r);
}

static Value m_find(VM *vm, int argc, Value *argv, Value kw) { return find_impl(vm, argc, argv, "find", 0); }
static Value m_index(VM *vm, int argc, Value *argv, Value kw) { return find_impl(vm, argc, argv, "index", 1); }
static Value m_count(VM *vm, int argc, Value *argv, Value kw) { return find_impl(vm, argc, argv, "count", 2); }
static Value m_rfind(VM *vm, int argc, Value *argv, Value kw) { return find_impl(vm, argc, argv, "rfind", 3); }
static Value m_rindex(VM *vm, int argc, Value *argv, Value kw) { return find_impl(vm, argc, argv, "rindex", 4); }

static bool b_space(uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static Value m_split(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "sep", "maxsplit", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "split", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int64_t maxsplit = -1;
    if (a[2] && !rt_as_i64(vm, a[2], &maxsplit))
        return VNULL;
    BView bv = rt_bytes_view(a[0]), *b = &bv;
    Value res = rt_list_new(vm, 0);
    if (!res)
        return VNULL;
    size_t i = 0, n = b->len;
    if (!a[1] || a[1] == rt_None) {
        while (true) {
            while (i < n && b_space(b->data[i]))
                i++;
            if (i >= n)
                break;
            size_t j = i;
            if (maxsplit == 0)
                j = n;
            else
                while (j < n && !b_space(b->data[j]))
                    j++;
            Value part = rt_bytes_like_new(vm, argv[0], b->data + i, j - i);
            if (!part || !rt_list_append(vm, res, part))
                return VNULL;
            if (maxsplit > 0)
                maxsplit--;
            i = j;
            if (j >= n)
                break;
        }
        return res;
    }
    BView sv, *sep = &sv;
    if (!arg_view(vm, a[1], &sv))
        return VNULL;
    if (sep->len == 0)
        return rt_raise(vm, &rt_exc_ValueError, "empty separator");
    while (maxsplit != 0) {
        const uint8_t *f = i <= n ? memmem(b->data + i, n - i, sep->data, sep->len) : NULL;
        if (!f)
            break;
        size_t j = (size_t)(f - b->data);
        Value part = rt_bytes_like_new(vm, argv[0], b->data + i, j - i);
        if (!part || !rt_list_append(vm, res, part))
            return VNULL;
        i = j + sep->len;
        if (maxsplit > 0)
            maxsplit--;
    }
    Value part = rt_bytes_like_new(vm, argv[0], b->data + i, n - i);
    if (!part || !rt_list_append(vm, res, part))
        return VNULL;
    return res;
}

static Value m_join(VM *vm, int argc, Value *argv, Value kw)
{
    if (!b_nargs(vm, "join", argc - 1, 1, 1))
        return VNULL;
    Value lst = rt_list_from_iter(vm, argv[1]);
    if (!lst)
        return VNULL;
    List *l = v_list(lst);
    BView sep = rt_bytes_view(argv[0]), x;
    size_t total = l->len ? sep.len * (l->len - 1) : 0;
    for (size_t i = 0; i < l->len; i++) {
        if (!rt_has_buffer(l->items[i]))
            return rt_raise(vm, &rt_exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found",
                            i, rt_type_name(l->items[i]));
        if (!arg_view(vm, l->items[i], &x)) {
            if (rt_exc_clear_if(vm, &rt_exc_BufferError)) /* a strided memoryview */
                rt_raise(vm, &rt_exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found", i,
                         rt_type_name(l->items[i]));
            return VNULL;
        }
        total += x.len;
    }
    uint8_t *p;
    Value r = out_raw(vm, argv[0], total, &p);
    if (!r)
        return VNULL;
    sep = rt_bytes_view(argv[0]);
    for (size_t i = 0; i < l->len; i++) {
        if (i && sep.len) {
            memcpy(p, sep.data, sep.len);
            p += sep.len;
        }
        if (!arg_view(vm, l->items[i], &x))
            return VNULL;
        if (x.len)
            memcpy(p, x.data, x.len);
        p += x.len;
    }
    return r;
}

static Value strip_impl(VM *vm, int argc, Value *argv, int which, const char *name)
{
    if (!rt_check_nargs(vm, name, argc - 1, 0, 1))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    const uint8_t *chars = NULL;
    size_t nchars = 0;
    if (argc > 1 && argv[1] != rt_None) {
        BView cv;
        if (!arg_view(vm, argv[1], &cv))
            return VNULL;
        chars = cv.data;
        nchars = cv.len;
    }
#define IS_STRIP(c) (chars ? nchars && memchr(chars, (c), nchars) != NULL : b_space(c))
    size_t s = 0, e = b->len;
    if (which & 1)
        while (s < e && IS_STRIP(b->data[s]))
            s++;
    if (which & 2)
        while (e > s && IS_STRIP(b->data[e - 1]))
            e--;
#undef IS_STRIP
    return rt_bytes_like_new(vm, argv[0], b->data + s, e - s);
}

static Value m_strip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 3, "strip"); }
static Value m_lstrip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 1, "lstrip"); }
static Value m_rstrip(VM *vm, int argc, Value *argv, Value kw) { return strip_impl(vm, argc, argv, 2, "rstrip"); }

static Value m_replace(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "replace", argc - 1, 2, 3))
        return VNULL;
    int64_t count = -1;
    if (argc > 3 && !rt_as_i64(vm, argv[3], &count))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), ov, nv, *b = &bv, *old = &ov, *nw = &nv;
    if (!arg_view(vm, argv[1], &ov) || !arg_view(vm, argv[2], &nv))
        return VNULL;
    StrBuf sb;
    sb_init(&sb);
    size_t i = 0;
    bool ok = true;
    if (old->len == 0) {
        for (; i <= b->len && ok; i++) {
            if (count != 0) {
                ok = sb_add(vm, &sb, (const char *)nw->data, nw->len);
                if (count > 0)
                    count--;
            }
            if (i < b->len)
                ok = ok && sb_addc(vm, &sb, (char)b->data[i]);
        }
    } else {
        while (ok && count != 0) {
            const uint8_t *f = memmem(b->data + i, b->len - i, old->data, old->len);
            if (!f)
                break;
            size_t j = (size_t)(f - b->data);
            ok = sb_add(vm, &sb, (const char *)b->data + i, j - i) &&
                 sb_add(vm, &sb, (const char *)nw->data, nw->len);
            i = j + old->len;
            if (count > 0)
                count--;
        }
        ok = ok && sb_add(vm, &sb, (const char *)b->data + i, b->len - i);
    }
    if (!ok) {
        sb_free(&sb);
        return VNULL;
    }
    Value r = rt_bytes_like_new(vm, argv[0], (const uint8_t *)sb.data, sb.len);
    sb_free(&sb);
    return r;
}

static Value case_impl(VM *vm, int argc, Value *argv, bool upper)
{
    if (!b_nargs(vm, upper ? "upper" : "lower", argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    uint8_t *o;
    Value r = out_raw(vm, argv[0], b->len, &o);
    if (!r)
        return VNULL;
    for (size_t i = 0; i < b->len; i++) {
        uint8_t c = b->data[i];
        o[i] = upper ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return r;
}

static Value m_upper(VM *vm, int argc, Value *argv, Value kw) { return case_impl(vm, argc, argv, true); }
static Value m_lower(VM *vm, int argc, Value *argv, Value kw) { return case_impl(vm, argc, argv, false); }

static Value class_test(VM *vm, int argc, Value *argv, int (*pred)(int), const char *name)
{
    if (!b_nargs(vm, name, argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    if (b->len == 0)
        return rt_False;
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] >= 0x80 || !pred(b->data[i]))
            return rt_False;
    return rt_True;
}

static Value m_isdigit(VM *vm, int argc, Value *argv, Value kw) { return class_test(vm, argc, argv, isdigit, "isdigit"); }
static Value m_isalpha(VM *vm, int argc, Value *argv, Value kw) { return class_test(vm, argc, argv, isalpha, "isalpha"); }
static Value m_isalnum(VM *vm, int argc, Value *argv, Value kw) { return class_test(vm, argc, argv, isalnum, "isalnum"); }
static Value m_isspace(VM *vm, int argc, Value *argv, Value kw) { return class_test(vm, argc, argv, isspace, "isspace"); }

/* ---- argument checks with CPython's bytes wording --------------------------------------- */

static bool b_nargs_t(VM *vm, Value self, const char *name, int n, int lo, int hi)
{
    const char *tn = rt_is_bytearray(self) ? "bytearray" : "bytes";
    if (n >= lo && n <= hi)
        return true;
    if (hi == 0)
        rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes no arguments (%d given)", tn, name, n);
    else if (lo == 1 && hi == 1)
        rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes exactly one argument (%d given)", tn, name, n);
    else if (lo == 0 || (lo == 1 && hi == 3))
        rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d argument%s (%d given)", name,
                 n < lo ? "at least" : "at most", n < lo ? lo : hi, (n < lo ? lo : hi) == 1 ? "" : "s", n);
    else
        return rt_check_nargs(vm, name, n, lo, hi);
    return false;
}

static bool b_index(VM *vm, Value v, int64_t *out)
{
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer", rt_type_name(v));
        return false;
    }
    return rt_as_i64(vm, v, out);
}

/* ---- padding: center/ljust/rjust/zfill ---------------------------------------------------- */

static Value pad_bytes(VM *vm, Value self, size_t left, size_t right, uint8_t fill)
{
    uint8_t *o;
    Value r = out_raw(vm, self, left + rt_bytes_view(self).len + right, &o);
    if (!r)
        return VNULL;
    BView b = rt_bytes_view(self);
    memset(o, fill, left);
    if (b.len)
        memcpy(o + left, b.data, b.len);
    memset(o + left + b.len, fill, right);
    return r;
}

static Value just_impl(VM *vm, int argc, Value *argv, const char *name, int mode)
{
    if (!b_nargs(vm, name, argc - 1, 1, 2))
        return VNULL;
    int64_t width;
    if (!b_index(vm, argv[1], &width))
        return VNULL;
    uint8_t fill = ' ';
    if (argc > 2) {
        if ((!is_bytes(argv[2]) && !rt_is_bytearray(argv[2])) || rt_bytes_view(argv[2]).len != 1)
            return rt_raise(vm, &rt_exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %s",
                            name, rt_type_name(argv[2]));
        fill = rt_bytes_view(argv[2]).data[0];
    }
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    if (width <= (int64_t)b->len)
        return rt_bytes_like_new(vm, argv[0], b->data, b->len);
    size_t marg = (size_t)width - b->len, left;
    if (mode == 0) /* CPython's centering rounds the odd column by width's parity */
        left = marg / 2 + (marg & (size_t)width & 1);
    else
        left = mode < 0 ? 0 : marg;
    return pad_bytes(vm, argv[0], left, marg - left, fill);
}

static Value m_center(VM *vm, int argc, Value *argv, Value kw) { return just_impl(vm, argc, argv, "center", 0); }
static Value m_ljust(VM *vm, int argc, Value *argv, Value kw) { return just_impl(vm, argc, argv, "ljust", -1); }
static Value m_rjust(VM *vm, int argc, Value *argv, Value kw) { return just_impl(vm, argc, argv, "rjust", 1); }

static Value m_zfill(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t width;
    if (!b_nargs(vm, "zfill", argc - 1, 1, 1) || !b_index(vm, argv[1], &width))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    if (width <= (int64_t)b->len)
        return rt_bytes_like_new(vm, argv[0], b->data, b->len);
    size_t fill = (size_t)width - b->len;
    Value r = pad_bytes(vm, argv[0], fill, 0, '0');
    if (r && b->len && (b->data[0] == '+' || b->data[0] == '-')) {
        uint8_t *o = (uint8_t *)rt_bytes_view(r).data;
        o[0] = b->data[0];
        o[fill] = '0';
    }
    return r;
}

static Value m_expandtabs(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "tabsize", NULL};
    Value a[2];
    if (!b_nargs(vm, "expandtabs", argc - 1, 0, 1) || !rt_parse_args(vm, "expandtabs", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int64_t tab = 8;
    if (a[1] && !b_index(vm, a[1], &tab))
        return VNULL;
    BView bv = rt_bytes_view(a[0]), *b = &bv;
    StrBuf sb;
    sb_init(&sb);
    size_t col = 0;
    bool ok = true;
    for (size_t i = 0; i < b->len && ok; i++) {
        uint8_t c = b->data[i];
        if (c == '\t') {
            if (tab > 0) {
                size_t n = (size_t)tab - col % (size_t)tab;
                for (size_t k = 0; k < n && ok; k++)
                    ok = sb_addc(vm, &sb, ' ');
                col += n;
            }
        } else {
            ok = sb_addc(vm, &sb, (char)c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    Value r = ok ? rt_bytes_like_new(vm, argv[0], (const uint8_t *)sb.data, sb.len) : VNULL;
    sb_free(&sb);
    return r;
}

/* ---- ASCII case and classes --------------------------------------------------------------- */

static bool a_lower(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool a_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }

enum { BC_TITLE, BC_SWAP, BC_CAP };

static Value bcase(VM *vm, int argc, Value *argv, int mode, const char *name)
{
    if (!b_nargs(vm, name, argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    uint8_t *o;
    Value r = out_raw(vm, argv[0], b->len, &o);
    if (!r)
        return VNULL;
    bool prev_cased = false;
    for (size_t i = 0; i < b->len; i++) {
        uint8_t c = b->data[i];
        bool up;
        if (mode == BC_SWAP)
            up = a_lower(c);
        else if (mode == BC_CAP)
            up = i == 0;
        else
            up = !prev_cased;
        prev_cased = a_lower(c) || a_upper(c);
        o[i] = up ? (a_lower(c) ? c - 32 : c) : (a_upper(c) ? c + 32 : c);
    }
    return r;
}

static Value m_title(VM *vm, int argc, Value *argv, Value kw) { return bcase(vm, argc, argv, BC_TITLE, "title"); }
static Value m_swapcase(VM *vm, int argc, Value *argv, Value kw) { return bcase(vm, argc, argv, BC_SWAP, "swapcase"); }
static Value m_capitalize(VM *vm, int argc, Value *argv, Value kw) { return bcase(vm, argc, argv, BC_CAP, "capitalize"); }

static Value m_isascii(VM *vm, int argc, Value *argv, Value kw)
{
    if (!b_nargs(vm, "isascii", argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] >= 0x80)
            return rt_False;
    return rt_True;
}

/* islower/isupper: some cased byte and none of the other case. */
static Value case_test(VM *vm, int argc, Value *argv, bool upper)
{
    if (!b_nargs(vm, upper ? "isupper" : "islower", argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    bool cased = false;
    for (size_t i = 0; i < b->len; i++) {
        uint8_t c = b->data[i];
        if (upper ? a_lower(c) : a_upper(c))
            return rt_False;
        cased |= upper ? a_upper(c) : a_lower(c);
    }
    return cased ? rt_True : rt_False;
}

static Value m_isupper(VM *vm, int argc, Value *argv, Value kw) { return case_test(vm, argc, argv, true); }
static Value m_islower(VM *vm, int argc, Value *argv, Value kw) { return case_test(vm, argc, argv, false); }

static Value m_istitle(VM *vm, int argc, Value *argv, Value kw)
{
    if (!b_nargs(vm, "istitle", argc - 1, 0, 0))
        return VNULL;
    BView bv = rt_bytes_view(argv[0]), *b = &bv;
    bool cased = false, prev = false;
    for (size_t i = 0; i < b->len; i++) {
        uint8_t c = b->data[i];
        if (a_upper(c)) {
            if (prev)
                return rt_False;
            prev = cased = true;
        } else if (a_lower(c)) {
            if (!prev)
                return rt_False;
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return cased ? rt_True : rt_False;
}

/* ---- translate / maketrans ------------------------------------------------------------------ */

static Value m_maketrans(VM *vm, int argc, Value *argv, Value kw)
{
    BView fv, tv, *f = &fv, *t = &tv;
    if (!rt_check_nargs(vm, "maketrans", argc - 1, 2, 2) || !arg_view(vm, argv[1], &fv) ||
        !arg_view(vm, argv[2], &tv))
        return VNULL;
    if (f->len != t->len)
        return rt_raise(vm, &rt_exc_ValueError, "maketrans arguments must have same length");
    uint8_t tbl[256];
    for (int i = 0; i < 256; i++)
        tbl[i] = (uint8_t)i;
    for (size_t i = 0; i < f->len; i++)
        tbl[f->data[i]] = t->data[i];
    return rt_bytes_new(vm, tbl, 256);
}

static Value m_translate(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "table", "delete", NULL};
    Value a[3];
    if (argc - 1 > 2)
        return rt_raise(vm, &rt_exc_TypeError, "translate() takes at most 2 arguments (%d given)", argc - 1);
    if (argc < 2)
        return rt_raise(vm, &rt_exc_TypeError, "translate() takes at least 1 positional argument (0 given)");
    if (!rt_parse_args(vm, "translate", argc, argv, kw, names, 2, 2, a))
        return VNULL;
    BView tv = {NULL, 0}, dv;
    if (a[1] != rt_None && !arg_view(vm, a[1], &tv))
        return VNULL;
    if (a[1] != rt_None && tv.len != 256)
        return rt_raise(vm, &rt_exc_ValueError, "translation table must be 256 characters long");
    if (a[2] && !arg_view(vm, a[2], &dv))
        return VNULL;
    bool del[256] = {false};
    if (a[2])
        for (size_t i = 0; i < dv.len; i++)
            del[dv.data[i]] = true;
    BView bv = rt_bytes_view(a[0]), *b = &bv;
    const uint8_t *tbl = tv.data;
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += !del[b->data[i]];
    uint8_t *o;
    Value r = out_raw(vm, a[0], n, &o);
    if (!r)
        return VNULL;
    n = 0;
    for (size_t i = 0; i < b->len; i++)
        if (!del[b->data[i]])
            o[n++] = tbl ? tbl[b->data[i]] : b->data[i];
    return r;
}

/* ---- partition / removeprefix ------------------------------------------------------------------ */

static const uint8_t *mem_rfind(const uint8_t *h, size_t n, const uint8_t *nd, size_t m)
{
    if (m > n)
        return NULL;
    for (size_t i = n - m + 1; i-- > 0;)
        if (memcmp(h + i, nd, m) == 0)
            return h + i;
    return NULL;
}

static Value partition_impl(VM *vm, int argc, Value *argv, bool right)
{
    BView bv, sv, *b = &bv, *sep = &sv;
    if (!b_nargs(vm, right ? "rpartition" : "partition", argc - 1, 1, 1) || !arg_view(vm, argv[1], &sv))
        return VNULL;
    bv = rt_bytes_view(argv[0]);
    if (sep->len == 0)
        return rt_raise(vm, &rt_exc_ValueError, "empty separator");
    const uint8_t *f = right ? mem_rfind(b->data, b->len, sep->data, sep->len)
                             : memmem(b->data, b->len, sep->data, sep->len);
    Value t = rt_tuple_new(vm, 3);
    if (!t)
        return VNULL;
    Value parts[3];
    if (!f) {
        Value e = rt_bytes_like_new(vm, argv[0], NULL, 0), w = rt_bytes_like_new(vm, argv[0], b->data, b->len);
        parts[0] = right ? e : w;
        parts[1] = e;
        parts[2] = right ? w : e;
    } else {
        size_t j = (size_t)(f - b->data);
        parts[0] = rt_bytes_like_new(vm, argv[0], b->data, j);
        parts[1] = !rt_is_bytearray(argv[0]) ? argv[1] : rt_bytes_like_new(vm, argv[0], sep->data, sep->len);
        parts[2] = rt_bytes_like_new(vm, argv[0], b->data + j + sep->len, b->len - j - sep->len);
    }
    for (int k = 0; k < 3; k++) {
        if (!parts[k])
            return VNULL;
        v_tuple(t)->items[k] = parts[k];
    }
    return t;
}

static Value m_partition(VM *vm, int argc, Value *argv, Value kw) { return partition_impl(vm, argc, argv, false); }
static Value m_rpartition(VM *vm, int argc, Value *argv, Value kw) { return partition_impl(vm, argc, argv, true); }

static Value remove_impl(VM *vm, int argc, Value *argv, bool suffix)
{
    BView bv, xv, *b = &bv, *x = &xv;
    if (!b_nargs(vm, suffix ? "removesuffix" : "removeprefix", argc - 1, 1, 1) || !arg_view(vm, argv[1], &xv))
        return VNULL;
    bv = rt_bytes_view(argv[0]);
    if (x->len <= b->len && x->len && memcmp(b->data + (suffix ? b->len - x->len : 0), x->data, x->len) == 0)
        return rt_bytes_like_new(vm, argv[0], b->data + (suffix ? 0 : x->len), b->len - x->len);
    return rt_bytes_like_new(vm, argv[0], b->data, b->len);
}

static Value m_removeprefix(VM *vm, int argc, Value *argv, Value kw) { return remove_impl(vm, argc, argv, false); }
static Value m_removesuffix(VM *vm, int argc, Value *argv, Value kw) { return remove_impl(vm, argc, argv, true); }

/* ---- rsplit / splitlines ------------------------------------------------------------------------ */

static Value m_rsplit(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "sep", "maxsplit", NULL};
    Value a[3];
    if (!b_nargs(vm, "rsplit", argc - 1, 0, 2) || !rt_parse_args(vm, "rsplit", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int64_t maxsplit = -1;
    if (a[2] && !b_index(vm, a[2], &maxsplit))
        return VNULL;
    BView bv = rt_bytes_view(a[0]), *b = &bv;
    Value res = rt_list_new(vm, 0);
    if (!res)
        return VNULL;
    size_t e = b->len;
    if (!a[1] || a[1] == rt_None) {
        while (true) {
            while (e > 0 && b_space(b->data[e - 1]))
                e--;
            if (e == 0)
                break;
            size_t s = e;
            if (maxsplit == 0) { /* the rest, as is */
                s = 0;
            } else {
                while (s > 0 && !b_space(b->data[s - 1]))
                    s--;
            }
            Value part = rt_bytes_like_new(vm, argv[0], b->data + s, e - s);
            if (!part || !rt_list_append(vm, res, part))
                return VNULL;
            if (maxsplit > 0)
                maxsplit--;
            e = s;
        }
    } else {
        BView sv, *sep = &sv;
        if (!arg_view(vm, a[1], &sv))
            return VNULL;
        if (sep->len == 0)
            return rt_raise(vm, &rt_exc_ValueError, "empty separator");
        while (maxsplit != 0) {
            const uint8_t *f = mem_rfind(b->data, e, sep->data, sep->len);
            if (!f)
                break;
            size_t j = (size_t)(f - b->data);
            Value part = rt_bytes_like_new(vm, argv[0], b->data + j + sep->len, e - j - sep->len);
            if (!part || !rt_list_append(vm, res, part))
                return VNULL;
            e = j;
            if (maxsplit > 0)
                maxsplit--;
        }
        Value part = rt_bytes_like_new(vm, argv[0], b->data, e);
        if (!part || !rt_list_append(vm, res, part))
            return VNULL;
    }
    List *l = v_list(res); /* collected right to left */
    for (size_t i = 0, j = l->len; i + 1 < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
    return res;
}

static Value m_splitlines(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "keepends", NULL};
    Value a[2];
    if (!b_nargs(vm, "splitlines", argc - 1, 0, 1) || !rt_parse_args(vm, "splitlines", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int keep = 0;
    if (a[1] && (keep = rt_truthy(vm, a[1])) < 0)
        return VNULL;
    BView bv = rt_bytes_view(a[0]), *b = &bv;
    Value res = rt_list_new(vm, 0);
    if (!res)
        return VNULL;
    size_t i = 0;
    while (i < b->len) {
        size_t j = i;
        while (j < b->len && b->data[j] != '\n' && b->data[j] != '\r')
            j++;
        size_t eol = j;
        if (j < b->len)
            j += (b->data[j] == '\r' && j + 1 < b->len && b->data[j + 1] == '\n') ? 2 : 1;
        Value part = rt_bytes_like_new(vm, argv[0], b->data + i, (keep ? j : eol) - i);
        if (!part || !rt_list_append(vm, res, part))
            return VNULL;
        i = j;
    }
    return res;
}

/* ---- printf-style % ------------------------------------------------------------------------ */

/* The bytes for %s/%b: bytes itself or __bytes__()'s result. */
static Value bytes_of(VM *vm, Value arg)
{
    if (is_bytes(arg))
        return arg;
    if (rt_has_buffer(arg)) {
        BView v;
        return arg_view(vm, arg, &v) ? rt_bytes_new(vm, v.data, v.len) : VNULL;
    }
    if (!rt_lookup_type_attr(v_type(arg), rt_str_intern_cstr(vm, "__bytes__")))
        return rt_raise(vm, &rt_exc_TypeError,
                        "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
                        rt_type_name(arg));
    Value r = rt_call_method(vm, arg, "__bytes__", 0, NULL);
    if (r && !is_bytes(r))
        return rt_raise(vm, &rt_exc_TypeError, "__bytes__ returned non-bytes (type %s)", rt_type_name(r));
    return r;
}

Value rt_bytes_like_mod(VM *vm, Value fmtv, Value args)
{
    if (!rt_isinstance_type(fmtv, &rt_bytes_type) && !rt_is_bytearray(fmtv))
        return rt_NotImplemented;
    /* A bytearray format is copied: formatting may run code that resizes it. */
    Value fcopy = is_bytes(fmtv) ? fmtv : rt_bytes_new(vm, rt_bytes_view(fmtv).data, rt_bytes_view(fmtv).len);
    if (!fcopy)
        return VNULL;
    BView fb = rt_bytes_view(fcopy);
    const char *f = (const char *)fb.data;
    size_t n = fb.len, i = 0;
    PfArgs a;
    rt_pf_args_init(args, &a);
    StrBuf sb;
    sb_init(&sb);
    while (i < n) {
        const char *pct = memchr(f + i, '%', n - i);
        size_t lit_end = pct ? (size_t)(pct - f) : n;
        if (!sb_add(vm, &sb, f + i, lit_end - i))
            goto fail;
        if (!pct)
            break;
        i = lit_end + 1;
        PfSpec sp;
        if (!rt_pf_parse(vm, f, n, &i, &a, true, &sp))
            goto fail;
        Value arg = sp.arg;
        switch (sp.conv) {
        case '%':
            if (!sb_addc(vm, &sb, '%'))
                goto fail;
            break;
        case 's': case 'b': case 'r': case 'a': {
            Value v = (sp.conv == 's' || sp.conv == 'b') ? bytes_of(vm, arg) : rt_ascii(vm, arg);
            if (!v)
                goto fail;
            const char *p = is_bytes(v) ? (const char *)v_bytes(v)->data : v_str(v)->data;
            size_t len = is_bytes(v) ? v_bytes(v)->len : v_str(v)->len;
            if (sp.prec >= 0 && (size_t)sp.prec < len)
                len = (size_t)sp.prec;
            if (!rt_pf_pad(vm, &sb, p, len, len, sp.width, sp.left))
                goto fail;
            break;
        }
        case 'c': {
            uint8_t ch;
            if ((is_bytes(arg) || rt_is_bytearray(arg)) && rt_bytes_view(arg).len == 1) {
                ch = rt_bytes_view(arg).data[0];
            } else if (rt_is_int(arg)) {
                int64_t cp;
                if (!rt_as_i64(vm, arg, &cp) || cp < 0 || cp > 255) {
                    vm->exc = VNULL;
                    rt_raise(vm, &rt_exc_OverflowError, "%%c arg not in range(256)");
                    goto fail;
                }
                ch = (uint8_t)cp;
            } else {
                rt_raise(vm, &rt_exc_TypeError, "%%c requires an integer in range(256) or a single byte");
                goto fail;
            }
            if (!rt_pf_pad(vm, &sb, (const char *)&ch, 1, 1, sp.width, sp.left))
                goto fail;
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            if (!rt_pf_number(vm, &sb, &sp))
                goto fail;
            break;
        default:
            if ((unsigned char)sp.conv < 0x80)
                rt_raise(vm, &rt_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu", sp.conv,
                         (unsigned)sp.conv, i - 1);
            else
                rt_raise(vm, &rt_exc_ValueError, "unsupported format character '\\x%x' (0x%x) at index %zu",
                         (unsigned char)sp.conv, (unsigned char)sp.conv, i - 1);
            goto fail;
        }
    }
    if (!rt_pf_finish(vm, &a, "bytes"))
        goto fail;
    Value r = rt_bytes_like_new(vm, fmtv, (const uint8_t *)sb.data, sb.len);
    sb_free(&sb);
    return r;
fail:
    sb_free(&sb);
    return VNULL;
}

static const NativeDef bytes_methods[] = {
    {"decode", m_decode, NF_KEYWORDS},
    {"hex", m_hex, NF_KEYWORDS},
    {"fromhex", m_fromhex, NF_CLASSMETHOD},
    {"startswith", m_startswith, 0},
    {"endswith", m_endswith, 0},
    {"find", m_find, 0},
    {"index", m_index, 0},
    {"count", m_count, 0},
    {"split", m_split, NF_KEYWORDS},
    {"join", m_join, 0},
    {"strip", m_strip, 0},
    {"lstrip", m_lstrip, 0},
    {"rstrip", m_rstrip, 0},
    {"replace", m_replace, 0},
    {"upper", m_upper, 0},
    {"lower", m_lower, 0},
    {"isdigit", m_isdigit, 0},
    {"isalpha", m_isalpha, 0},
    {"isalnum", m_isalnum, 0},
    {"isspace", m_isspace, 0},
    {"rfind", m_rfind, 0},
    {"rindex", m_rindex, 0},
    {"center", m_center, 0},
    {"ljust", m_ljust, 0},
    {"rjust", m_rjust, 0},
    {"zfill", m_zfill, 0},
    {"expandtabs", m_expandtabs, NF_KEYWORDS},
    {"title", m_title, 0},
    {"swapcase", m_swapcase, 0},
    {"capitalize", m_capitalize, 0},
    {"isascii", m_isascii, 0},
    {"isupper", m_isupper, 0},
    {"islower", m_islower, 0},
    {"istitle", m_istitle, 0},
    {"maketrans", m_maketrans, NF_CLASSMETHOD},
    {"translate", m_translate, NF_KEYWORDS},
    {"partition", m_partition, 0},
    {"rpartition", m_rpartition, 0},
    {"removeprefix", m_removeprefix, 0},
    {"removesuffix", m_removesuffix, 0},
    {"rsplit", m_rsplit, NF_KEYWORDS},
    {"splitlines", m_splitlines, NF_KEYWORDS},
    {NULL, NULL, 0},
};

const NativeDef *const rt_bytes_shared_methods = bytes_methods;

/* bytes.__bytes__(): the value as exact bytes (a subclass instance copied). */
static Value m_bytes_dunder(VM *vm, int argc, Value *argv, Value kw)
{
    if (!b_nargs(vm, "__bytes__", argc - 1, 0, 0))
        return VNULL;
    if (is_bytes(argv[0]))
        return argv[0];
    BView b = rt_bytes_view(argv[0]);
    return rt_bytes_new(vm, b.data, b.len);
}

static Value m_getnewargs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!b_nargs(vm, "__getnewargs__", argc - 1, 0, 0))
        return VNULL;
    BView b = rt_bytes_view(argv[0]);
    Value t = rt_tuple_new(vm, 1), c = rt_bytes_new(vm, b.data, b.len);
    if (!t || !c)
        return VNULL;
    v_tuple(t)->items[0] = c;
    return t;
}

static const NativeDef bytes_only_methods[] = {
    {"__bytes__", m_bytes_dunder, 0},
    {"__getnewargs__", m_getnewargs, 0},
    {NULL, NULL, 0},
};

static Value bytes_richcompare(VM *vm, Value a, Value b, CmpOp op) { return rt_bytes_like_compare(vm, a, b, op); }

Type rt_bytes_type = {
    .name = "bytes",
    .instance_size = sizeof(Bytes),
    .repr = bytes_repr_slot,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = rt_bytes_like_iter,
    .getitem = rt_bytes_like_getitem,
    .len = bytes_len,
    .contains = rt_bytes_like_contains,
    .binop = {[BIN_ADD] = rt_bytes_like_add, [BIN_MUL] = rt_bytes_like_mul, [BIN_MOD] = rt_bytes_like_mod},
    .new = bytes_new,
    .getbuffer = bytes_getbuffer,
};

bool rt_bytes_type_init(VM *vm)
{
    return rt_type_ready(vm, &rt_bytes_type) && rt_type_ready(vm, &bytes_iter_type) &&
           rt_type_ready(vm, &bytearray_iter_type) && rt_add_methods(vm, &rt_bytes_type, rt_bytes_shared_methods) &&
           rt_add_methods(vm, &rt_bytes_type, bytes_only_methods) &&
           rt_bytearray_init(vm) && rt_memoryview_init(vm);
}
