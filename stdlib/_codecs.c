/* stdlib/_codecs.c — the _codecs module under CPython's codecs.py and
 * encodings package (CPython's Modules/_codecsmodule.c, Python/codecs.c and
 * the codecs of Objects/unicodeobject.c): the codec registry and its
 * search functions, the error-handler registry with the standard handlers,
 * and the codecs the modules of the encodings package call (UTF-8/7/16/32, Latin-1,
 * ASCII, charmap, the escape codecs), each with `errors=` and, where CPython
 * has it, `final` for incremental decoding.
 *
 * A str's data is UTF-8 that may hold lone surrogates (runtime/str.h):
 * encoders walk its code points, decoders build UTF-8 in a StrBuf.  On an
 * error a codec builds the Unicode*Error CPython would (encoding, object,
 * start, end, reason) and hands it to the handler named by `errors`, which
 * returns (replacement, new position).  str.encode / bytes.decode reach the
 * registry through rt_codec_hooks (set when this module is built), so the
 * runtime never includes stdlib. */
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/unicode_db.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/import.h"

/* ---- registry state (rooted C globals, reset each time the module is built) ---- */

static Value search_path;     /* list of search functions */
static Value search_cache;    /* dict: normalized name -> CodecInfo */
static Value error_registry;  /* dict: name -> handler */
static bool encodings_imported;

/* ---- small helpers -------------------------------------------------------------- */

/* A str's code points, malloc'd (free() them). */
typedef struct Cps {
    uint32_t *p;
    size_t n;
} Cps;

static bool cps_from_str(VM *vm, Value s, Cps *c)
{
    Str *st = v_str(s);
    c->n = st->nchars;
    c->p = malloc((st->nchars + 1) * sizeof(uint32_t));
    if (!c->p) {
        rt_no_memory(vm);
        return false;
    }
    size_t i = 0, k = 0;
    while (i < st->len) {
        uint32_t cp;
        size_t len = rt_utf8_decode(st->data + i, st->len - i, &cp);
        if (!len) {
            cp = (uint8_t)st->data[i];
            len = 1;
        }
        c->p[k++] = cp;
        i += len;
    }
    c->n = k;
    return true;
}

static bool sb_put_cp(VM *vm, StrBuf *b, uint32_t cp)
{
    char out[4];
    return sb_add(vm, b, out, rt_utf8_encode(cp, out));
}

static Value sb_to_bytes(VM *vm, StrBuf *b)
{
    Value r = rt_bytes_new(vm, (const uint8_t *)(b->data ? b->data : ""), b->len);
    sb_free(b);
    return r;
}

static Value pair(VM *vm, Value a, int64_t n)
{
    if (!a)
        return VNULL;
    Value items[2] = {a, rt_int_from_i64(vm, n)};
    return items[1] ? rt_tuple_from(vm, 2, items) : VNULL;
}

/* errors argument: str or None (-> "strict"). */
static bool arg_errors(VM *vm, const char *fname, int argi, Value v, const char **out)
{
    if (!v || v == rt_None) {
        *out = "strict";
        return true;
    }
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str or None, not %s", fname, argi,
                 rt_type_name(v));
        return false;
    }
    *out = v_cstr(v);
    return true;
}

static bool arg_str(VM *vm, const char *fname, int argi, Value v)
{
    if (v_is_str(v))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str, not %s", fname, argi, rt_type_name(v));
    return false;
}

/* A bytes-like argument as a bytes object (copied unless already bytes), so a
 * handler that mutates the original cannot move the memory under us. */
static Value arg_bytes(VM *vm, const char *fname, int argi, Value v, bool accept_str)
{
    if (v_is(v, &rt_bytes_type))
        return v;
    if (accept_str && v_is_str(v))
        return rt_bytes_new(vm, (const uint8_t *)v_cstr(v), v_str(v)->len);
    if (!rt_has_buffer(v)) {
        if (accept_str)
            return rt_raise(vm, &rt_exc_TypeError, "%s() argument %d must be str or bytes-like object, not %s",
                            fname, argi, rt_type_name(v));
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'", rt_type_name(v));
    }
    return rt_buffer_to_bytes(vm, v);
}

static bool arg_bool(VM *vm, Value v, bool dflt, bool *out)
{
    if (!v) {
        *out = dflt;
        return true;
    }
    int t = rt_truthy(vm, v);
    if (t < 0)
        return false;
    *out = t;
    return true;
}

static bool arg_int(VM *vm, Value v, int64_t dflt, int64_t *out)
{
    if (!v) {
        *out = dflt;
        return true;
    }
    return mp_as_ssize(vm, v, out);
}

/* ---- error handlers ---------------------------------------------------------------- */

static Value unicode_error(VM *vm, Type *t, const char *encoding, Value obj, size_t start, size_t end,
                           const char *reason)
{
    Value items[5];
    items[0] = rt_str_from_cstr(vm, encoding);
    items[1] = obj;
    items[2] = rt_int_from_i64(vm, (int64_t)start);
    items[3] = rt_int_from_i64(vm, (int64_t)end);
    items[4] = rt_str_from_cstr(vm, reason);
    if (!items[0] || !items[4])
        return VNULL;
    Value args = rt_tuple_from(vm, 5, items);
    return args ? rt_exc_new(vm, t, args) : VNULL;
}

static Value lookup_error(VM *vm, const char *name)
{
    Value h = rt_dict_get_cstr(vm, v_dict(error_registry), name);
    if (!h)
        return rt_raise(vm, &rt_exc_LookupError, "unknown error handler name '%s'", name);
    return h;
}

/* Call the handler for errors on exc; check its (replacement, newpos)
 * result.  len: the length of the object (for negative positions). */
static bool call_handler(VM *vm, const char *errors, Value exc, bool encoding, size_t len, Value *rep,
                         size_t *newpos)
{
    Value h = lookup_error(vm, errors);
    if (!h)
        return false;
    Value r = rt_call1(vm, h, exc);
    if (!r)
        return false;
    if (!v_is(r, &rt_tuple_type) || v_tuple(r)->len != 2 ||
        !(v_is_str(v_tuple(r)->items[0]) || (encoding && v_is(v_tuple(r)->items[0], &rt_bytes_type))) ||
        !rt_is_int(v_tuple(r)->items[1])) {
        rt_raise(vm, &rt_exc_TypeError, encoding ? "encoding error handler must return (str/bytes, int) tuple"
                                                 : "decoding error handler must return (str, int) tuple");
        return false;
    }
    int64_t pos;
    if (!mp_as_ssize(vm, v_tuple(r)->items[1], &pos))
        return false;
    if (pos < 0)
        pos += (int64_t)len;
    if (pos < 0 || pos > (int64_t)len) {
        rt_raise(vm, &rt_exc_IndexError, "position %lld from error handler out of bounds",
                 (long long)v_small(v_tuple(r)->items[1]));
        return false;
    }
    *rep = v_tuple(r)->items[0];
    *newpos = (size_t)pos;
    return true;
}

/* ---- the encoding engine --------------------------------------------------------- */

typedef struct Enc Enc;
struct Enc {
    const char *name;   /* the encoding the exceptions name */
    const char *reason;
    /* Append cp's encoding: 1, 0 when cp cannot be encoded, -1 on exception. */
    int (*put)(VM *vm, Enc *e, StrBuf *out, uint32_t cp);
    bool rep_ascii;     /* str replacements must be ASCII (the UTF codecs) */
    int unit;           /* UTF-16/32: 2 or 4; errors one character at a time, bytes
                         * replacements whole units (else 0) */
    uint32_t limit;     /* ascii / latin-1 */
    bool big;           /* UTF-16/32 byte order */
    Value mapping;      /* charmap */
    struct EncodingMap *map; /* charmap with an EncodingMap (mapping is it) */
};

static int put_limit(VM *vm, Enc *e, StrBuf *out, uint32_t cp)
{
    if (cp >= e->limit)
        return 0;
    return sb_addc(vm, out, (char)cp) ? 1 : -1;
}

static int put_utf8(VM *vm, Enc *e, StrBuf *out, uint32_t cp)
{
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    return sb_put_cp(vm, out, cp) ? 1 : -1;
}

static bool put_unit(VM *vm, StrBuf *out, uint32_t u, int width, bool big)
{
    char b[4];
    for (int i = 0; i < width; i++)
        b[big ? width - 1 - i : i] = (char)((u >> (8 * i)) & 0xff);
    return sb_add(vm, out, b, (size_t)width);
}

static int put_utf16(VM *vm, Enc *e, StrBuf *out, uint32_t cp)
{
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        return put_unit(vm, out, 0xD800 | (cp >> 10), 2, e->big) &&
                       put_unit(vm, out, 0xDC00 | (cp & 0x3FF), 2, e->big)
                   ? 1
                   : -1;
    }
    return put_unit(vm, out, cp, 2, e->big) ? 1 : -1;
}

static int put_utf32(VM *vm, Enc *e, StrBuf *out, uint32_t cp)
{
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    return put_unit(vm, out, cp, 4, e->big) ? 1 : -1;
}

/* charmap: mapping[ord(c)] is an int (0..255), bytes, or None/missing. */
static int em_lookup(struct EncodingMap *m, uint32_t cp);
static Type encoding_map_type;

static int put_charmap(VM *vm, Enc *e, StrBuf *out, uint32_t cp)
{
    if (e->map) {
        int b = em_lookup(e->map, cp);
        if (b < 0)
            return 0;
        return sb_addc(vm, out, (char)b) ? 1 : -1;
    }
    Value key = rt_int_from_i64(vm, cp);
    Value v = key ? rt_getitem(vm, e->mapping, key) : VNULL;
    if (!v) {
        if (rt_exc_clear_if(vm, &rt_exc_LookupError))
            return 0;
        return -1;
    }
    if (v == rt_None)
        return 0;
    if (rt_is_int(v)) {
        int64_t b;
        if (!mp_as_ssize(vm, v, &b))
            return -1;
        if (b < 0 || b > 255) {
            rt_raise(vm, &rt_exc_TypeError, "character mapping must be in range(256)");
            return -1;
        }
        return sb_addc(vm, out, (char)b) ? 1 : -1;
    }
    if (v_is(v, &rt_bytes_type)) {
        BView bv = rt_bytes_view(v);
        return sb_add(vm, out, (const char *)bv.data, bv.len) ? 1 : -1;
    }
    rt_raise(vm, &rt_exc_TypeError, "character mapping must return integer, bytes or None, not %s",
             rt_type_name(v));
    return -1;
}

/* Whether cp encodes (without keeping the output). */
static int can_encode(VM *vm, Enc *e, uint32_t cp)
{
    StrBuf tmp;
    sb_init(&tmp);
    int r = e->put(vm, e, &tmp, cp);
    sb_free(&tmp);
    return r;
}

static Value raise_encode(VM *vm, Enc *e, Value str, size_t start, size_t end)
{
    Value exc = unicode_error(vm, &rt_exc_UnicodeEncodeError, e->name, str, start, end, e->reason);
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

/* Encode the str's code points c into out with the errors handler. */
static bool encode_run(VM *vm, Enc *e, Value str, const Cps *c, const char *errors, StrBuf *out)
{
    bool strict = !strcmp(errors, "strict"), ignore = !strcmp(errors, "ignore"),
         replace = !strcmp(errors, "replace");
    size_t i = 0;
    while (i < c->n) {
        int r = e->put(vm, e, out, c->p[i]);
        if (r < 0)
            return false;
        if (r) {
            i++;
            continue;
        }
        size_t end = i + 1;
        while (!e->unit && end < c->n) {
            int k = can_encode(vm, e, c->p[end]);
            if (k < 0)
                return false;
            if (k)
                break;
            end++;
        }
        if (strict) {
            raise_encode(vm, e, str, i, end);
            return false;
        }
        if (ignore) {
            i = end;
            continue;
        }
        if (replace) {
            for (size_t k = i; k < end; k++) {
                int q = e->put(vm, e, out, '?');
                if (q <= 0) {
                    if (q == 0)
                        raise_encode(vm, e, str, i, end);
                    return false;
                }
            }
            i = end;
            continue;
        }
        Value exc = unicode_error(vm, &rt_exc_UnicodeEncodeError, e->name, str, i, end, e->reason);
        Value rep;
        size_t newpos;
        if (!exc || !call_handler(vm, errors, exc, true, c->n, &rep, &newpos))
            return false;
        /* The UTF-16/32 encoders blame the character before the new position. */
        size_t bs = e->unit ? (newpos ? newpos - 1 : 0) : i, be = e->unit ? newpos : end;
        if (v_is(rep, &rt_bytes_type)) {
            BView bv = rt_bytes_view(rep);
            if (e->unit && bv.len % (size_t)e->unit) {
                raise_encode(vm, e, str, bs, be);
                return false;
            }
            if (!sb_add(vm, out, (const char *)bv.data, bv.len))
                return false;
        } else {
            Cps rc;
            if (!cps_from_str(vm, rep, &rc))
                return false;
            for (size_t k = 0; k < rc.n; k++) {
                int q = e->rep_ascii && rc.p[k] >= 128 ? 0 : e->put(vm, e, out, rc.p[k]);
                if (q <= 0) {
                    free(rc.p);
                    if (q == 0)
                        raise_encode(vm, e, str, bs, be);
                    return false;
                }
            }
            free(rc.p);
        }
        i = newpos;
    }
    return true;
}

static Value encode_str(VM *vm, Enc *e, Value str, const char *errors, StrBuf *out)
{
    Cps c;
    if (!cps_from_str(vm, str, &c)) {
        sb_free(out);
        return VNULL;
    }
    bool ok = encode_run(vm, e, str, &c, errors, out);
    free(c.p);
    if (!ok) {
        sb_free(out);
        return VNULL;
    }
    return pair(vm, sb_to_bytes(vm, out), (int64_t)c.n);
}

/* ---- the decoding engine ------------------------------------------------------------ */

typedef struct Dec {
    VM *vm;
    const char *name;   /* the encoding the exceptions name */
    Value obj;          /* the input, a bytes object */
    const uint8_t *p;
    size_t n;
    const char *errors;
    StrBuf out;
} Dec;

static void dec_init(Dec *d, VM *vm, const char *name, Value bytes, const char *errors)
{
    d->vm = vm;
    d->name = name;
    d->obj = bytes;
    BView b = rt_bytes_view(bytes);
    d->p = b.data;
    d->n = b.len;
    d->errors = errors;
    sb_init(&d->out);
}

/* A decoding error over [start, end): append the handler's replacement and
 * set *pos where decoding continues.  false: exception. */
static bool dec_error(Dec *d, const char *reason, size_t start, size_t end, size_t *pos)
{
    VM *vm = d->vm;
    if (!strcmp(d->errors, "ignore")) {
        *pos = end;
        return true;
    }
    if (!strcmp(d->errors, "replace")) {
        *pos = end;
        return sb_add(vm, &d->out, "\xEF\xBF\xBD", 3);
    }
    Value exc = unicode_error(vm, &rt_exc_UnicodeDecodeError, d->name, d->obj, start, end, reason);
    if (!exc)
        return false;
    if (!strcmp(d->errors, "strict"))
        return rt_raise_value(vm, exc), false;
    Value rep;
    if (!call_handler(vm, d->errors, exc, false, d->n, &rep, pos))
        return false;
    return sb_add_value_str(vm, &d->out, rep);
}

static Value dec_result(Dec *d, bool ok, size_t consumed)
{
    if (!ok) {
        sb_free(&d->out);
        return VNULL;
    }
    return pair(d->vm, sb_finish(d->vm, &d->out), (int64_t)consumed);
}

/* ---- UTF-8 -------------------------------------------------------------------------- */

/* Why UTF-8 decoding fails at p[0..len): CPython's reason and the bad span;
 * *incomplete when the bytes are a valid prefix cut by the end of data. */
static const char *utf8_error(const uint8_t *p, size_t len, size_t *span, bool *incomplete)
{
    uint8_t c = p[0];
    *span = 1;
    *incomplete = false;
    if (c < 0xC2 || c > 0xF4)
        return "invalid start byte";
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < need; k++) {
        if (k >= len) {
            *span = k;
            *incomplete = true;
            return "unexpected end of data";
        }
        uint8_t lo = 0x80, hi = 0xBF;
        if (k == 1) {
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        if (p[k] < lo || p[k] > hi) {
            *span = k;
            return "invalid continuation byte";
        }
    }
    return "invalid start byte";
}

static bool utf8_decode_into(Dec *d, bool final, size_t *consumed)
{
    size_t i = 0;
    while (i < d->n) {
        size_t run = i;
        while (run < d->n && d->p[run] < 0x80)
            run++;
        if (run > i && !sb_add(d->vm, &d->out, (const char *)d->p + i, run - i))
            return false;
        i = run;
        if (i >= d->n)
            break;
        uint32_t cp;
        size_t k = rt_utf8_decode_strict((const char *)d->p + i, d->n - i, &cp);
        if (k) {
            if (!sb_add(d->vm, &d->out, (const char *)d->p + i, k))
                return false;
            i += k;
            continue;
        }
        size_t span;
        bool incomplete;
        const char *why = utf8_error(d->p + i, d->n - i, &span, &incomplete);
        if (incomplete && !final)
            break;
        if (!dec_error(d, why, i, i + span, &i))
            return false;
    }
    *consumed = i;
    return true;
}

static Value utf8_decode(VM *vm, Value bytes, const char *errors, bool final)
{
    BView b = rt_bytes_view(bytes);
    size_t bad;
    if (rt_utf8_valid_strict((const char *)b.data, b.len, &bad))
        return pair(vm, rt_str_new(vm, (const char *)b.data, b.len), (int64_t)b.len);
    Dec d;
    dec_init(&d, vm, "utf-8", bytes, errors);
    size_t consumed = 0;
    bool ok = utf8_decode_into(&d, final, &consumed);
    return dec_result(&d, ok, consumed);
}

static Value utf8_encode(VM *vm, Value str, const char *errors)
{
    Str *s = v_str(str);
    if (s->ascii || !rt_utf8_has_surrogate(s->data, s->len, NULL))
        return pair(vm, rt_bytes_new(vm, (const uint8_t *)s->data, s->len), (int64_t)s->nchars);
    Enc e = {.name = "utf-8", .reason = "surrogates not allowed", .put = put_utf8, .rep_ascii = true};
    StrBuf out;
    sb_init(&out);
    return encode_str(vm, &e, str, errors, &out);
}

/* ---- ASCII and Latin-1 ------------------------------------------------------------- */

static Value limit_encode(VM *vm, Value str, const char *errors, uint32_t limit)
{
    Str *s = v_str(str);
    if (s->ascii)
        return pair(vm, rt_bytes_new(vm, (const uint8_t *)s->data, s->len), (int64_t)s->nchars);
    Enc e = {.name = limit == 128 ? "ascii" : "latin-1",
             .reason = limit == 128 ? "ordinal not in range(128)" : "ordinal not in range(256)",
             .put = put_limit,
             .limit = limit};
    StrBuf out;
    sb_init(&out);
    return encode_str(vm, &e, str, errors, &out);
}

static Value latin1_decode(VM *vm, Value bytes)
{
    BView b = rt_bytes_view(bytes);
    StrBuf out;
    sb_init(&out);
    for (size_t i = 0; i < b.len; i++)
        if (!sb_put_cp(vm, &out, b.data[i])) {
            sb_free(&out);
            return VNULL;
        }
    return pair(vm, sb_finish(vm, &out), (int64_t)b.len);
}

static Value ascii_decode(VM *vm, Value bytes, const char *errors)
{
    Dec d;
    dec_init(&d, vm, "ascii", bytes, errors);
    size_t i = 0;
    bool ok = true;
    while (ok && i < d.n) {
        if (d.p[i] < 0x80)
            ok = sb_addc(vm, &d.out, (char)d.p[i++]);
        else
            ok = dec_error(&d, "ordinal not in range(128)", i, i + 1, &i);
    }
    return dec_result(&d, ok, d.n);
}

/* ---- UTF-16 and UTF-32 --------------------------------------------------------------- */

/* byteorder: 0 native with a BOM, -1 little, 1 big endian. */
static Value utf_wide_encode(VM *vm, Value str, const char *errors, int64_t byteorder, int width)
{
    static const char *const names16[] = {"utf-16-le", "utf-16", "utf-16-be"};
    static const char *const names32[] = {"utf-32-le", "utf-32", "utf-32-be"};
    int bo = byteorder < 0 ? -1 : byteorder > 0 ? 1 : 0;
    Enc e = {.name = (width == 2 ? names16 : names32)[bo + 1],
             .reason = "surrogates not allowed",
             .put = width == 2 ? put_utf16 : put_utf32,
             .rep_ascii = true,
             .unit = width,
             .big = bo > 0};
    StrBuf out;
    sb_init(&out);
    if (bo == 0 && !put_unit(vm, &out, 0xFEFF, width, false))
        return VNULL;
    return encode_str(vm, &e, str, errors, &out);
}

static uint32_t get_unit(const uint8_t *p, int width, bool big)
{
    uint32_t u = 0;
    for (int i = 0; i < width; i++)
        u |= (uint32_t)p[big ? width - 1 - i : i] << (8 * i);
    return u;
}

/* *byteorder: in, the order to use (0: look for a BOM, little endian
 * without one); out, the order a BOM set.  Returns (str, consumed). */
static Value utf16_decode(VM *vm, Value bytes, const char *errors, int *byteorder, bool final)
{
    BView b = rt_bytes_view(bytes);
    size_t i = 0;
    int bo = *byteorder;
    if (bo == 0 && b.len >= 2) {
        uint32_t bom = get_unit(b.data, 2, false);
        if (bom == 0xFEFF) {
            bo = -1;
            i = 2;
        } else if (bom == 0xFFFE) {
            bo = 1;
            i = 2;
        }
    }
    if (*byteorder == 0 && i)
        *byteorder = bo;
    bool big = bo > 0;
    Dec d;
    dec_init(&d, vm, big ? "utf-16-be" : "utf-16-le", bytes, errors);
    bool ok = true;
    while (ok && i < d.n) {
        if (d.n - i < 2) {
            if (!final)
                break;
            ok = dec_error(&d, "truncated data", i, d.n, &i);
            continue;
        }
        uint32_t u = get_unit(d.p + i, 2, big);
        if (u < 0xD800 || u > 0xDFFF) {
            ok = sb_put_cp(vm, &d.out, u);
            i += 2;
            continue;
        }
        if (u >= 0xDC00) {
            ok = dec_error(&d, "illegal encoding", i, i + 2, &i);
            continue;
        }
        if (d.n - i < 4) {
            if (!final)
                break;
            ok = dec_error(&d, "unexpected end of data", i, d.n, &i);
            continue;
        }
        uint32_t u2 = get_unit(d.p + i + 2, 2, big);
        if (u2 < 0xDC00 || u2 > 0xDFFF) {
            ok = dec_error(&d, "illegal UTF-16 surrogate", i, i + 2, &i);
            continue;
        }
        ok = sb_put_cp(vm, &d.out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
        i += 4;
    }
    return dec_result(&d, ok, i);
}

static Value utf32_decode(VM *vm, Value bytes, const char *errors, int *byteorder, bool final)
{
    BView b = rt_bytes_view(bytes);
    size_t i = 0;
    int bo = *byteorder;
    if (bo == 0 && b.len >= 4) {
        uint32_t bom = get_unit(b.data, 4, false);
        if (bom == 0xFEFF) {
            bo = -1;
            i = 4;
        } else if (bom == 0xFFFE0000u) {
            bo = 1;
            i = 4;
        }
    }
    if (*byteorder == 0 && i)
        *byteorder = bo;
    bool big = bo > 0;
    Dec d;
    dec_init(&d, vm, big ? "utf-32-be" : "utf-32-le", bytes, errors);
    bool ok = true;
    while (ok && i < d.n) {
        if (d.n - i < 4) {
            if (!final)
                break;
            ok = dec_error(&d, "truncated data", i, d.n, &i);
            continue;
        }
        uint32_t u = get_unit(d.p + i, 4, big);
        if (u > 0x10FFFF)
            ok = dec_error(&d, "code point not in range(0x110000)", i, i + 4, &i);
        else if (u >= 0xD800 && u <= 0xDFFF)
            ok = dec_error(&d, "code point in surrogate code point range(0xd800, 0xe000)", i, i + 4, &i);
        else {
            ok = sb_put_cp(vm, &d.out, u);
            i += 4;
        }
    }
    return dec_result(&d, ok, i);
}

/* ---- UTF-7 (RFC 2152, as CPython: Set O and whitespace written directly) ---- */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static bool is_b64(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

static uint32_t from_b64(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                                                                              : c == '+'              ? 62
                                                                                                      : 63;
}

/* Characters written as themselves: RFC 2152's Set D, Set O and whitespace;
 * '+', '\\', '~' and controls go into base64. */
static bool utf7_direct(uint32_t c)
{
    if (c == 0 || c >= 128)
        return false;
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ')
        return true;
    if (c < 32 || c == 127 || c == '+' || c == '\\' || c == '~')
        return false;
    return true;
}

static Value utf7_encode(VM *vm, Value str)
{
    Cps c;
    if (!cps_from_str(vm, str, &c))
        return VNULL;
    StrBuf out;
    sb_init(&out);
    bool shift = false, ok = true;
    unsigned bits = 0;
    uint64_t buf = 0;
    for (size_t i = 0; ok && i < c.n; i++) {
        uint32_t ch = c.p[i];
        if (utf7_direct(ch)) {
            if (shift) {
                if (bits)
                    ok = sb_addc(vm, &out, b64chars[(buf << (6 - bits)) & 0x3f]);
                bits = 0;
                buf = 0;
                shift = false;
                if (is_b64(ch) || ch == '-')
                    ok = ok && sb_addc(vm, &out, '-');
            }
            ok = ok && sb_addc(vm, &out, (char)ch);
            continue;
        }
        if (!shift && ch == '+') {
            ok = sb_add(vm, &out, "+-", 2);
            continue;
        }
        if (!shift) {
            ok = sb_addc(vm, &out, '+');
            shift = true;
        }
        uint32_t units[2];
        int nu = 0;
        if (ch >= 0x10000) {
            units[nu++] = 0xD800 | ((ch - 0x10000) >> 10);
            units[nu++] = 0xDC00 | ((ch - 0x10000) & 0x3FF);
        } else {
            units[nu++] = ch;
        }
        for (int k = 0; k < nu && ok; k++) {
            bits += 16;
            buf = (buf << 16) | units[k];
            while (ok && bits >= 6) {
                ok = sb_addc(vm, &out, b64chars[(buf >> (bits - 6)) & 0x3f]);
                bits -= 6;
            }
            buf &= (1u << bits) - 1;
        }
    }
    if (ok && bits)
        ok = sb_addc(vm, &out, b64chars[(buf << (6 - bits)) & 0x3f]);
    if (ok && shift)
        ok = sb_addc(vm, &out, '-');
    free(c.p);
    if (!ok) {
        sb_free(&out);
        return VNULL;
    }
    return pair(vm, sb_to_bytes(vm, &out), (int64_t)c.n);
}

static Value utf7_decode(VM *vm, Value bytes, const char *errors, bool final)
{
    Dec d;
    dec_init(&d, vm, "utf7", bytes, errors);
    size_t i = 0, startinpos = 0, shift_out = 0;
    bool shift = false, ok = true;
    unsigned bits = 0;
    uint64_t buf = 0;
    uint32_t surrogate = 0;
restart:
    while (ok && i < d.n) {
        uint8_t ch = d.p[i];
        if (shift) {
            if (is_b64(ch)) {
                buf = (buf << 6) | from_b64(ch);
                bits += 6;
                i++;
                if (bits >= 16) {
                    uint32_t u = (uint32_t)(buf >> (bits - 16)) & 0xFFFF;
                    bits -= 16;
                    buf &= (1u << bits) - 1;
                    if (surrogate) {
                        if (u >= 0xDC00 && u <= 0xDFFF) {
                            ok = sb_put_cp(vm, &d.out, 0x10000 + ((surrogate - 0xD800) << 10) + (u - 0xDC00));
                            surrogate = 0;
                            continue;
                        }
                        ok = sb_put_cp(vm, &d.out, surrogate);
                        surrogate = 0;
                    }
                    if (u >= 0xD800 && u <= 0xDBFF)
                        surrogate = u;
                    else
                        ok = ok && sb_put_cp(vm, &d.out, u);
                }
                continue;
            }
            shift = false;
            if (bits > 6) {
                i++;
                ok = dec_error(&d, "partial character in shift sequence", startinpos, i, &i);
                continue;
            }
            if (buf != 0) {
                i++;
                ok = dec_error(&d, "non-zero padding bits in shift sequence", startinpos, i, &i);
                continue;
            }
            if (surrogate && ch < 128 && ch != '+')
                ok = sb_put_cp(vm, &d.out, surrogate);
            surrogate = 0;
            if (ch == '-')
                i++;
            continue;
        }
        if (ch == '+') {
            startinpos = i;
            i++;
            if (i < d.n && d.p[i] == '-') {
                i++;
                ok = sb_addc(vm, &d.out, '+');
            } else if (i < d.n && !is_b64(d.p[i])) {
                i++;
                ok = dec_error(&d, "ill-formed sequence", startinpos, i, &i);
            } else {
                shift = true;
                surrogate = 0;
                shift_out = d.out.len;
                bits = 0;
                buf = 0;
            }
            continue;
        }
        if (ch < 128) {
            ok = sb_addc(vm, &d.out, (char)ch);
            i++;
            continue;
        }
        startinpos = i++;
        ok = dec_error(&d, "unexpected special character", startinpos, i, &i);
    }
    if (ok && shift && final) {
        shift = false;
        if (surrogate || bits >= 6 || (bits > 0 && buf != 0)) {
            ok = dec_error(&d, "unterminated shift sequence", startinpos, d.n, &i);
            if (ok && i < d.n)
                goto restart;
        }
    }
    size_t consumed = i;
    if (ok && shift && !final) {
        d.out.len = shift_out; /* back off to the start of the shift sequence */
        consumed = startinpos;
    }
    return dec_result(&d, ok, consumed);
}

/* ---- charmap ------------------------------------------------------------------------- */

static Value charmap_decode(VM *vm, Value bytes, const char *errors, Value mapping)
{
    if (!mapping || mapping == rt_None)
        return latin1_decode(vm, bytes);
    Dec d;
    dec_init(&d, vm, "charmap", bytes, errors);
    size_t i = 0;
    bool ok = true;
    Cps table = {NULL, 0};
    if (v_is_str(mapping) && !cps_from_str(vm, mapping, &table))
        return VNULL;
    while (ok && i < d.n) {
        uint8_t b = d.p[i];
        if (table.p) {
            if (b < table.n && table.p[b] != 0xFFFE) {
                ok = sb_put_cp(vm, &d.out, table.p[b]);
                i++;
            } else {
                ok = dec_error(&d, "character maps to <undefined>", i, i + 1, &i);
            }
            continue;
        }
        Value v = rt_getitem(vm, mapping, v_from_small(b));
        if (!v) {
            if (!rt_exc_clear_if(vm, &rt_exc_LookupError)) {
                ok = false;
                break;
            }
            v = rt_None;
        }
        if (rt_is_int(v)) {
            int64_t cp;
            if (!mp_as_ssize(vm, v, &cp)) {
                ok = false;
                break;
            }
            if (cp < 0 || cp > 0x10FFFF) {
                rt_raise(vm, &rt_exc_TypeError, "character mapping must be in range(0x110000)");
                ok = false;
                break;
            }
            if (cp == 0xFFFE) {
                ok = dec_error(&d, "character maps to <undefined>", i, i + 1, &i);
                continue;
            }
            ok = sb_put_cp(vm, &d.out, (uint32_t)cp);
            i++;
        } else if (v_is_str(v)) {
            if (v_str(v)->len == 3 && !memcmp(v_cstr(v), "\xEF\xBF\xBE", 3)) {
                ok = dec_error(&d, "character maps to <undefined>", i, i + 1, &i);
                continue;
            }
            ok = sb_add_value_str(vm, &d.out, v);
            i++;
        } else if (v == rt_None) {
            ok = dec_error(&d, "character maps to <undefined>", i, i + 1, &i);
        } else {
            rt_raise(vm, &rt_exc_TypeError, "character mapping must return integer, None or str");
            ok = false;
        }
    }
    free(table.p);
    return dec_result(&d, ok, d.n);
}

static Value charmap_encode(VM *vm, Value str, const char *errors, Value mapping)
{
    if (!mapping || mapping == rt_None)
        return limit_encode(vm, str, errors, 256);
    Enc e = {.name = "charmap", .reason = "character maps to <undefined>", .put = put_charmap, .mapping = mapping,
             .map = v_is(mapping, &encoding_map_type) ? (struct EncodingMap *)v_obj(mapping) : NULL};
    StrBuf out;
    sb_init(&out);
    return encode_str(vm, &e, str, errors, &out);
}

/* charmap_build(decoding_table): CPython's EncodingMap when the table maps
 * '\0' to 0 and otherwise only BMP characters (the standard 8-bit codecs),
 * else a dict {ord(char): byte}.  The map keeps its (character, byte)
 * pairs sorted for binary search, plus CPython's trie block counts so
 * size() reports what CPython's does. */
typedef struct EncodingMap {
    Obj hdr;
    int count2, count3;
    int n;
    uint32_t key[256]; /* character << 8 | byte, sorted */
} EncodingMap;

static Value em_size(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "size", argc - 1, 0, 0))
        return VNULL;
    EncodingMap *m = (EncodingMap *)v_obj(argv[0]);
    return v_from_small(63 + 16 * m->count2 + 128 * m->count3);
}

static const NativeDef em_methods[] = {{"size", em_size, 0}, {NULL, NULL, 0}};

static Type encoding_map_type = {
    .name = "EncodingMap",
    .instance_size = sizeof(EncodingMap),
};

/* The byte cp encodes to, or -1. */
static int em_lookup(EncodingMap *m, uint32_t cp)
{
    if (cp == 0)
        return 0;
    if (cp > 0xFFFF)
        return -1;
    int lo = 0, hi = m->n; /* the last entry with key >> 8 == cp: later bytes win, as in CPython's trie */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if ((m->key[mid] >> 8) <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && (m->key[lo - 1] >> 8) == cp ? (int)(m->key[lo - 1] & 0xff) : -1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static Value charmap_build(VM *vm, Value table)
{
    Cps c;
    if (!cps_from_str(vm, table, &c))
        return VNULL;
    if (c.n == 0) {
        free(c.p);
        return rt_raise(vm, &rt_exc_TypeError, "bad argument type for built-in operation");
    }
    size_t len = c.n < 256 ? c.n : 256;
    bool need_dict = c.p[0] != 0;
    unsigned char level1[32], level2[512];
    memset(level1, 0xFF, sizeof level1);
    memset(level2, 0xFF, sizeof level2);
    int count2 = 0, count3 = 0;
    for (size_t i = 1; i < len && !need_dict; i++) {
        uint32_t ch = c.p[i];
        if (ch == 0 || ch > 0xFFFF) {
            need_dict = true;
            break;
        }
        if (ch == 0xFFFE)
            continue;
        if (level1[ch >> 11] == 0xFF)
            level1[ch >> 11] = (unsigned char)count2++;
        if (level2[ch >> 7] == 0xFF)
            level2[ch >> 7] = (unsigned char)count3++;
    }
    if (count2 >= 0xFF || count3 >= 0xFF)
        need_dict = true;
    if (need_dict) {
        Value d = rt_dict_new(vm);
        for (size_t i = 0; d && i < len; i++) {
            Value k = rt_int_from_i64(vm, c.p[i]);
            if (!k || !rt_dict_set(vm, v_dict(d), k, v_from_small((int64_t)i)))
                d = VNULL;
        }
        free(c.p);
        return d;
    }
    EncodingMap *m = rt_alloc(vm, &encoding_map_type, sizeof(EncodingMap));
    if (!m) {
        free(c.p);
        return VNULL;
    }
    m->count2 = count2;
    m->count3 = count3;
    m->n = 0;
    for (size_t i = 1; i < len; i++)
        if (c.p[i] != 0xFFFE)
            m->key[m->n++] = c.p[i] << 8 | (uint32_t)i;
    free(c.p);
    qsort(m->key, (size_t)m->n, sizeof m->key[0], cmp_u32);
    return v_from(m);
}

/* ---- unicode_escape and raw_unicode_escape ---------------------------------------------- */

static bool put_hex_escape(VM *vm, StrBuf *out, uint32_t cp)
{
    if (cp < 0x100)
        return sb_printf(vm, out, "\\x%02x", cp);
    if (cp < 0x10000)
        return sb_printf(vm, out, "\\u%04x", cp);
    return sb_printf(vm, out, "\\U%08x", cp);
}

static Value escape_encode_str(VM *vm, Value str, bool raw)
{
    Cps c;
    if (!cps_from_str(vm, str, &c))
        return VNULL;
    StrBuf out;
    sb_init(&out);
    bool ok = true;
    for (size_t i = 0; ok && i < c.n; i++) {
        uint32_t ch = c.p[i];
        if (raw) {
            ok = ch < 0x100 ? sb_addc(vm, &out, (char)ch) : put_hex_escape(vm, &out, ch);
            continue;
        }
        if (ch == '\\')
            ok = sb_add(vm, &out, "\\\\", 2);
        else if (ch == '\t')
            ok = sb_add(vm, &out, "\\t", 2);
        else if (ch == '\n')
            ok = sb_add(vm, &out, "\\n", 2);
        else if (ch == '\r')
            ok = sb_add(vm, &out, "\\r", 2);
        else if (ch < 0x20 || ch >= 0x7f)
            ok = put_hex_escape(vm, &out, ch);
        else
            ok = sb_addc(vm, &out, (char)ch);
    }
    free(c.p);
    if (!ok) {
        sb_free(&out);
        return VNULL;
    }
    return pair(vm, sb_to_bytes(vm, &out), (int64_t)c.n);
}

static int hexval(uint8_t c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* One \x, \u or \U escape's hex digits at d->p[*i]: 0 done (*cp set), 1
 * incomplete at the end of data, 2 a bad digit (*i at it). */
static int read_hex(Dec *d, size_t *i, int count, uint32_t *cp)
{
    uint32_t v = 0;
    for (; count; count--, (*i)++) {
        if (*i >= d->n)
            return 1;
        int h = hexval(d->p[*i]);
        if (h < 0)
            return 2;
        v = (v << 4) | (uint32_t)h;
    }
    *cp = v;
    return 0;
}

/* DeprecationWarning "invalid escape sequence '\\q'" for the first unknown
 * escape, attributed to the Python caller (CPython's PyErr_WarnFormat). */
static bool warn_invalid_escape(VM *vm, int c)
{
    if (c < 0)
        return true;
    Value w = vm_import(vm, rt_str_intern_cstr(vm, "warnings"), NULL, rt_None, 0);
    Value warn = w ? rt_getattr_cstr(vm, w, "warn") : VNULL;
    char ch[4];
    size_t n = rt_utf8_encode((uint32_t)c, ch);
    Value msg = warn ? rt_str_printf(vm, "invalid escape sequence '\\%.*s'", (int)n, ch) : VNULL;
    if (!msg)
        return false;
    Value args[3] = {msg, v_from(&rt_exc_DeprecationWarning), v_from_small(1)};
    return rt_call(vm, warn, 3, args, VNULL) != VNULL;
}

static Value unicode_escape_decode(VM *vm, Value bytes, const char *errors, bool final)
{
    int first_invalid = -1;
    Dec d;
    dec_init(&d, vm, "unicodeescape", bytes, errors);
    size_t i = 0, consumed = 0;
    bool ok = true, stop = false;
    while (ok && !stop && i < d.n) {
        uint8_t c = d.p[i];
        if (c != '\\') {
            ok = c < 0x80 ? sb_addc(vm, &d.out, (char)c) : sb_put_cp(vm, &d.out, c);
            i++;
            continue;
        }
        size_t start = i++;
        const char *msg = NULL;
        bool incomplete = false;
        if (i >= d.n) {
            msg = "\\ at end of string";
            incomplete = true;
        } else {
            c = d.p[i++];
            uint32_t cp = 0;
            int count = 0;
            switch (c) {
            case '\n': continue;
            case '\\': ok = sb_addc(vm, &d.out, '\\'); continue;
            case '\'': ok = sb_addc(vm, &d.out, '\''); continue;
            case '\"': ok = sb_addc(vm, &d.out, '\"'); continue;
            case 'b': ok = sb_addc(vm, &d.out, '\b'); continue;
            case 'f': ok = sb_addc(vm, &d.out, '\f'); continue;
            case 't': ok = sb_addc(vm, &d.out, '\t'); continue;
            case 'n': ok = sb_addc(vm, &d.out, '\n'); continue;
            case 'r': ok = sb_addc(vm, &d.out, '\r'); continue;
            case 'v': ok = sb_addc(vm, &d.out, '\v'); continue;
            case 'a': ok = sb_addc(vm, &d.out, '\a'); continue;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
                cp = c - '0';
                for (int k = 0; k < 2 && i < d.n && d.p[i] >= '0' && d.p[i] <= '7'; k++)
                    cp = (cp << 3) + (d.p[i++] - '0');
                ok = sb_put_cp(vm, &d.out, cp);
                continue;
            case 'x': count = 2; msg = "truncated \\xXX escape"; break;
            case 'u': count = 4; msg = "truncated \\uXXXX escape"; break;
            case 'U': count = 8; msg = "truncated \\UXXXXXXXX escape"; break;
            case 'N': {
                msg = "malformed \\N character escape";
                if (i >= d.n) {
                    incomplete = true;
                    break;
                }
                if (d.p[i] != '{')
                    break;
                size_t name = ++i;
                while (i < d.n && d.p[i] != '}')
                    i++;
                if (i >= d.n) {
                    incomplete = true;
                    break;
                }
                size_t namelen = i - name;
                if (!namelen)
                    break;
                i++;
                uint32_t found[RT_UCD_SEQ_MAX];
                if (rt_ucd_lookup((const char *)d.p + name, namelen, RT_UCD_ALIASES, found) == 1) {
                    ok = sb_put_cp(vm, &d.out, found[0]);
                    continue;
                }
                msg = "unknown Unicode character name";
                break;
            }
            default:
                if (first_invalid < 0)
                    first_invalid = c;
                ok = sb_addc(vm, &d.out, '\\') && sb_put_cp(vm, &d.out, c);
                continue;
            }
            if (count) {
                int r = read_hex(&d, &i, count, &cp);
                if (r == 0) {
                    if (cp <= 0x10FFFF) {
                        ok = sb_put_cp(vm, &d.out, cp);
                        continue;
                    }
                    msg = "illegal Unicode character";
                } else if (r == 1) {
                    incomplete = true;
                }
            }
        }
        if (incomplete && !final) {
            consumed = start;
            stop = true;
            break;
        }
        ok = dec_error(&d, msg, start, i, &i);
    }
    if (!stop)
        consumed = i;
    if (ok && !warn_invalid_escape(vm, first_invalid))
        ok = false;
    return dec_result(&d, ok, consumed);
}

static Value raw_unicode_escape_decode(VM *vm, Value bytes, const char *errors, bool final)
{
    Dec d;
    dec_init(&d, vm, "rawunicodeescape", bytes, errors);
    size_t i = 0, consumed = 0;
    bool ok = true, stop = false;
    while (ok && i < d.n) {
        uint8_t c = d.p[i++];
        if (c != '\\') {
            ok = sb_put_cp(vm, &d.out, c);
            continue;
        }
        size_t start = i - 1;
        if (i >= d.n) {
            if (final) {
                ok = sb_addc(vm, &d.out, '\\');
                continue;
            }
            consumed = start;
            stop = true;
            break;
        }
        c = d.p[i++];
        if (c != 'u' && c != 'U') {
            ok = sb_addc(vm, &d.out, '\\') && sb_put_cp(vm, &d.out, c);
            continue;
        }
        int count = c == 'u' ? 4 : 8;
        const char *msg = count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
        uint32_t cp;
        int r = read_hex(&d, &i, count, &cp);
        if (r == 0) {
            if (cp <= 0x10FFFF) {
                ok = sb_put_cp(vm, &d.out, cp);
                continue;
            }
            msg = "\\Uxxxxxxxx out of range";
        } else if (r == 1 && !final) {
            consumed = start;
            stop = true;
            break;
        }
        ok = dec_error(&d, msg, start, i, &i);
    }
    if (!stop)
        consumed = i;
    return dec_result(&d, ok, consumed);
}

/* escape_encode(bytes): the body of its repr, with ' escaped. */
static Value escape_encode(VM *vm, Value bytes)
{
    BView b = rt_bytes_view(bytes);
    StrBuf out;
    sb_init(&out);
    bool ok = true;
    for (size_t i = 0; ok && i < b.len; i++) {
        uint8_t c = b.data[i];
        if (c == '\'' || c == '\\')
            ok = sb_addc(vm, &out, '\\') && sb_addc(vm, &out, (char)c);
        else if (c == '\t')
            ok = sb_add(vm, &out, "\\t", 2);
        else if (c == '\n')
            ok = sb_add(vm, &out, "\\n", 2);
        else if (c == '\r')
            ok = sb_add(vm, &out, "\\r", 2);
        else if (c < 0x20 || c >= 0x7f)
            ok = sb_printf(vm, &out, "\\x%02x", c);
        else
            ok = sb_addc(vm, &out, (char)c);
    }
    if (!ok) {
        sb_free(&out);
        return VNULL;
    }
    return pair(vm, sb_to_bytes(vm, &out), (int64_t)b.len);
}

/* escape_decode(bytes): bytes literal escapes; \x errors by errors. */
static Value escape_decode(VM *vm, Value bytes, const char *errors)
{
    BView b = rt_bytes_view(bytes);
    StrBuf out;
    sb_init(&out);
    size_t i = 0;
    bool ok = true;
    const uint8_t *p = b.data;
    int first_invalid = -1;
    while (ok && i < b.len) {
        if (p[i] != '\\') {
            ok = sb_addc(vm, &out, (char)p[i++]);
            continue;
        }
        i++;
        if (i >= b.len) {
            sb_free(&out);
            return rt_raise(vm, &rt_exc_ValueError, "Trailing \\ in string");
        }
        uint8_t c = p[i++];
        switch (c) {
        case '\n': break;
        case '\\': ok = sb_addc(vm, &out, '\\'); break;
        case '\'': ok = sb_addc(vm, &out, '\''); break;
        case '\"': ok = sb_addc(vm, &out, '\"'); break;
        case 'b': ok = sb_addc(vm, &out, '\b'); break;
        case 'f': ok = sb_addc(vm, &out, '\f'); break;
        case 't': ok = sb_addc(vm, &out, '\t'); break;
        case 'n': ok = sb_addc(vm, &out, '\n'); break;
        case 'r': ok = sb_addc(vm, &out, '\r'); break;
        case 'v': ok = sb_addc(vm, &out, '\v'); break;
        case 'a': ok = sb_addc(vm, &out, '\a'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = c - '0';
            for (int k = 0; k < 2 && i < b.len && p[i] >= '0' && p[i] <= '7'; k++)
                v = (v << 3) + (p[i++] - '0');
            ok = sb_addc(vm, &out, (char)(v & 0xff));
            break;
        }
        case 'x':
            if (i + 1 < b.len && hexval(p[i]) >= 0 && hexval(p[i + 1]) >= 0) {
                ok = sb_addc(vm, &out, (char)((hexval(p[i]) << 4) | hexval(p[i + 1])));
                i += 2;
                break;
            }
            if (!strcmp(errors, "strict")) {
                sb_free(&out);
                return rt_raise(vm, &rt_exc_ValueError, "invalid \\x escape at position %zu", i - 2);
            }
            if (!strcmp(errors, "replace")) {
                ok = sb_addc(vm, &out, '?');
            } else if (strcmp(errors, "ignore")) {
                sb_free(&out);
                return rt_raise(vm, &rt_exc_ValueError, "decoding error; unknown error handling code: %s",
                                errors);
            }
            /* skip the hex digits that were there */
            if (i < b.len && hexval(p[i]) >= 0)
                i++;
            break;
        default:
            if (first_invalid < 0)
                first_invalid = c;
            ok = sb_addc(vm, &out, '\\') && sb_addc(vm, &out, (char)c);
        }
    }
    if (ok && !warn_invalid_escape(vm, first_invalid))
        ok = false;
    if (!ok) {
        sb_free(&out);
        return VNULL;
    }
    return pair(vm, sb_to_bytes(vm, &out), (int64_t)b.len);
}

/* ---- the standard error handlers (what lookup_error returns) ------------------------ */

enum { UE_ENCODE, UE_DECODE, UE_TRANSLATE };

/* The exception's kind and its clamped start/end and object, as CPython's
 * PyUnicode*Error_Get* read them; TypeError for other exceptions. */
static bool handler_exc(VM *vm, Value exc, int *kind, size_t *start, size_t *end, Value *obj)
{
    if (rt_isinstance_type(exc, &rt_exc_UnicodeEncodeError))
        *kind = UE_ENCODE;
    else if (rt_isinstance_type(exc, &rt_exc_UnicodeDecodeError))
        *kind = UE_DECODE;
    else if (rt_isinstance_type(exc, &rt_exc_UnicodeTranslateError))
        *kind = UE_TRANSLATE;
    else {
        rt_raise(vm, &rt_exc_TypeError, "don't know how to handle %s in error callback", rt_type_name(exc));
        return false;
    }
    Value o = rt_getattr_cstr(vm, exc, "object");
    if (!o)
        return false;
    bool want_bytes = *kind == UE_DECODE;
    if (want_bytes ? !v_is(o, &rt_bytes_type) : !v_is_str(o)) {
        rt_raise(vm, &rt_exc_TypeError, "%s attribute must be %s", "object", want_bytes ? "bytes" : "unicode");
        return false;
    }
    size_t len = want_bytes ? rt_bytes_view(o).len : v_str(o)->nchars;
    int64_t s, e;
    Value sv = rt_getattr_cstr(vm, exc, "start"), ev = sv ? rt_getattr_cstr(vm, exc, "end") : VNULL;
    if (!ev || !mp_as_ssize(vm, sv, &s) || !mp_as_ssize(vm, ev, &e))
        return false;
    if (s < 0)
        s = 0;
    if ((size_t)s >= len)
        s = len ? (int64_t)len - 1 : 0;
    if (e < 1)
        e = 1;
    if ((size_t)e > len)
        e = (int64_t)len;
    *start = (size_t)s;
    *end = (size_t)e;
    *obj = o;
    return true;
}

/* The code points [start, end) of str o. */
static bool cps_range(VM *vm, Value o, size_t start, size_t end, Cps *c)
{
    if (!cps_from_str(vm, o, c))
        return false;
    if (end < start)
        end = start;
    memmove(c->p, c->p + start, (end - start) * sizeof(uint32_t));
    c->n = end - start;
    return true;
}

static Value handler_result(VM *vm, Value rep, size_t pos) { return pair(vm, rep, (int64_t)pos); }

static Value h_strict(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "strict_errors", argc, 1, 1))
        return VNULL;
    if (!rt_isinstance_type(argv[0], &rt_exc_BaseException))
        return rt_raise(vm, &rt_exc_TypeError, "codec must pass exception instance");
    return rt_raise_value(vm, argv[0]);
}

static Value h_ignore(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "ignore_errors", argc, 1, 1) || !handler_exc(vm, argv[0], &kind, &start, &end, &o))
        return VNULL;
    return handler_result(vm, rt_str_from_cstr(vm, ""), end);
}

static Value h_replace(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "replace_errors", argc, 1, 1) || !handler_exc(vm, argv[0], &kind, &start, &end, &o))
        return VNULL;
    if (kind == UE_DECODE)
        return handler_result(vm, rt_str_new(vm, "\xEF\xBF\xBD", 3), end);
    StrBuf b;
    sb_init(&b);
    for (size_t i = start; i < end; i++)
        if (!(kind == UE_ENCODE ? sb_addc(vm, &b, '?') : sb_add(vm, &b, "\xEF\xBF\xBD", 3))) {
            sb_free(&b);
            return VNULL;
        }
    return handler_result(vm, sb_finish(vm, &b), end);
}

static Value h_backslashreplace(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "backslashreplace_errors", argc, 1, 1) ||
        !handler_exc(vm, argv[0], &kind, &start, &end, &o))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    if (kind == UE_DECODE) {
        BView bv = rt_bytes_view(o);
        for (size_t i = start; ok && i < end; i++)
            ok = sb_printf(vm, &b, "\\x%02x", bv.data[i]);
    } else {
        Cps c;
        if (!cps_range(vm, o, start, end, &c))
            return VNULL;
        for (size_t i = 0; ok && i < c.n; i++)
            ok = put_hex_escape(vm, &b, c.p[i]);
        free(c.p);
    }
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return handler_result(vm, sb_finish(vm, &b), end);
}

static bool encode_only(VM *vm, int kind, Value exc)
{
    if (kind == UE_ENCODE)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "don't know how to handle %s in error callback", rt_type_name(exc));
    return false;
}

static Value h_xmlcharrefreplace(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "xmlcharrefreplace_errors", argc, 1, 1) ||
        !handler_exc(vm, argv[0], &kind, &start, &end, &o) || !encode_only(vm, kind, argv[0]))
        return VNULL;
    Cps c;
    if (!cps_range(vm, o, start, end, &c))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (size_t i = 0; ok && i < c.n; i++)
        ok = sb_printf(vm, &b, "&#%u;", c.p[i]);
    free(c.p);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return handler_result(vm, sb_finish(vm, &b), end);
}

static Value h_namereplace(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "namereplace_errors", argc, 1, 1) ||
        !handler_exc(vm, argv[0], &kind, &start, &end, &o) || !encode_only(vm, kind, argv[0]))
        return VNULL;
    Cps c;
    if (!cps_range(vm, o, start, end, &c))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    char name[RT_UCD_NAME_MAX];
    for (size_t i = 0; ok && i < c.n; i++)
        ok = rt_ucd_name(c.p[i], name) ? sb_printf(vm, &b, "\\N{%s}", name) : put_hex_escape(vm, &b, c.p[i]);
    free(c.p);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return handler_result(vm, sb_finish(vm, &b), end);
}

static Value h_surrogateescape(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "surrogateescape_errors", argc, 1, 1) ||
        !handler_exc(vm, argv[0], &kind, &start, &end, &o))
        return VNULL;
    if (kind == UE_ENCODE) {
        Cps c;
        if (!cps_range(vm, o, start, end, &c))
            return VNULL;
        uint8_t *out = malloc(c.n + 1);
        if (!out) {
            free(c.p);
            return rt_no_memory(vm);
        }
        for (size_t i = 0; i < c.n; i++) {
            if (c.p[i] < 0xDC80 || c.p[i] > 0xDCFF) {
                free(c.p);
                free(out);
                return rt_raise_value(vm, argv[0]);
            }
            out[i] = (uint8_t)(c.p[i] - 0xDC00);
        }
        Value r = rt_bytes_new(vm, out, c.n);
        free(c.p);
        free(out);
        return handler_result(vm, r, end);
    }
    if (kind != UE_DECODE)
        return encode_only(vm, UE_DECODE + 10, argv[0]), VNULL;
    BView bv = rt_bytes_view(o);
    StrBuf b;
    sb_init(&b);
    size_t consumed = 0;
    while (consumed < 4 && start + consumed < end && bv.data[start + consumed] >= 128) {
        if (!sb_put_cp(vm, &b, 0xDC00 + bv.data[start + consumed])) {
            sb_free(&b);
            return VNULL;
        }
        consumed++;
    }
    if (!consumed) {
        sb_free(&b);
        return rt_raise_value(vm, argv[0]);
    }
    return handler_result(vm, sb_finish(vm, &b), start + consumed);
}

/* The UTF codec an encoding name means, for surrogatepass: its unit width
 * (1 for UTF-8), byte order; false when it is none of them. */
static bool standard_utf(const char *enc, int *width, bool *big)
{
    if (strncasecmp(enc, "utf", 3) != 0)
        return !strcmp(enc, "CP_UTF8") ? (*width = 1, *big = false, true) : false;
    enc += 3;
    if (*enc == '-' || *enc == '_')
        enc++;
    if (!strcmp(enc, "8"))
        return *width = 1, *big = false, true;
    if (strncmp(enc, "16", 2) && strncmp(enc, "32", 2))
        return false;
    *width = enc[0] == '1' ? 2 : 4;
    enc += 2;
    *big = false;
    if (!*enc)
        return true;
    if (*enc != '-' && *enc != '_')
        return false;
    enc++;
    if (strcasecmp(enc, "be") == 0)
        return *big = true, true;
    return strcasecmp(enc, "le") == 0;
}

static Value h_surrogatepass(VM *vm, int argc, Value *argv, Value kw)
{
    int kind;
    size_t start, end;
    Value o;
    if (!rt_check_nargs(vm, "surrogatepass_errors", argc, 1, 1) ||
        !handler_exc(vm, argv[0], &kind, &start, &end, &o))
        return VNULL;
    if (kind == UE_TRANSLATE)
        return encode_only(vm, kind, argv[0]), VNULL;
    Value encv = rt_getattr_cstr(vm, argv[0], "encoding");
    if (!encv)
        return VNULL;
    int width;
    bool big;
    if (!v_is_str(encv) || !standard_utf(v_cstr(encv), &width, &big))
        return rt_raise_value(vm, argv[0]);
    if (kind == UE_ENCODE) {
        Cps c;
        if (!cps_range(vm, o, start, end, &c))
            return VNULL;
        StrBuf b;
        sb_init(&b);
        for (size_t i = 0; i < c.n; i++) {
            bool ok;
            if (c.p[i] < 0xD800 || c.p[i] > 0xDFFF) {
                free(c.p);
                sb_free(&b);
                return rt_raise_value(vm, argv[0]);
            }
            ok = width == 1 ? sb_put_cp(vm, &b, c.p[i]) : put_unit(vm, &b, c.p[i], width, big);
            if (!ok) {
                free(c.p);
                sb_free(&b);
                return VNULL;
            }
        }
        free(c.p);
        return handler_result(vm, sb_to_bytes(vm, &b), end);
    }
    BView bv = rt_bytes_view(o);
    const uint8_t *p = bv.data + start;
    size_t bytelen = width == 1 ? 3 : (size_t)width;
    uint32_t ch = 0;
    if (bv.len - start >= bytelen) {
        if (width == 1) {
            if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80)
                ch = ((p[0] & 0x0fu) << 12) + ((p[1] & 0x3fu) << 6) + (p[2] & 0x3fu);
        } else {
            ch = get_unit(p, width, big);
        }
    }
    if (ch < 0xD800 || ch > 0xDFFF)
        return rt_raise_value(vm, argv[0]);
    return handler_result(vm, rt_str_char(vm, ch), start + bytelen);
}

static const NativeDef handler_defs[] = {
    {"strict_errors", h_strict, 0},
    {"ignore_errors", h_ignore, 0},
    {"replace_errors", h_replace, 0},
    {"xmlcharrefreplace_errors", h_xmlcharrefreplace, 0},
    {"backslashreplace_errors", h_backslashreplace, 0},
    {"namereplace_errors", h_namereplace, 0},
    {"surrogateescape", h_surrogateescape, 0},
    {"surrogatepass", h_surrogatepass, 0},
    {NULL, NULL, 0},
};

/* Registry names of the handlers above, in the same order. */
static const char *const handler_names[] = {
    "strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace",
    "surrogateescape", "surrogatepass",
};

/* ---- the codec registry -------------------------------------------------------------- */

/* CPython's normalization: lower case; each run of characters other than
 * letters, digits and '.' becomes one '_' (none at the ends). */
static char *normalize_encoding(VM *vm, const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    if (!out) {
        rt_no_memory(vm);
        return NULL;
    }
    bool punct = false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool keep = (c < 128 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) ||
                    c == '.';
        if (!keep) {
            punct = true;
            continue;
        }
        if (punct && o != out)
            *o++ = '_';
        punct = false;
        *o++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    *o = 0;
    return out;
}

/* The first lookup (or register) imports the encodings package, whose
 * search function then serves every standard codec (as CPython's
 * _PyCodecRegistry_Init). */
static bool registry_init(VM *vm)
{
    if (encodings_imported)
        return true;
    encodings_imported = true;
    Value m = vm_import(vm, rt_str_intern_cstr(vm, "encodings"), NULL, rt_None, 0);
    return m != VNULL;
}

static Value codec_lookup(VM *vm, const char *encoding)
{
    if (!registry_init(vm))
        return VNULL;
    char *norm = normalize_encoding(vm, encoding);
    if (!norm)
        return VNULL;
    Value key = rt_str_from_cstr(vm, norm);
    free(norm);
    if (!key)
        return VNULL;
    Value hit = rt_dict_get_str(v_dict(search_cache), key);
    if (hit)
        return hit;
    List *l = v_list(search_path);
    if (l->len == 0)
        return rt_raise(vm, &rt_exc_LookupError, "no codec search functions registered: can't find encoding");
    for (size_t i = 0; i < v_list(search_path)->len; i++) {
        Value r = rt_call1(vm, v_list(search_path)->items[i], key);
        if (!r)
            return VNULL;
        if (r == rt_None)
            continue;
        if (!rt_isinstance_type(r, &rt_tuple_type) || v_tuple(r)->len != 4)
            return rt_raise(vm, &rt_exc_TypeError, "codec search functions must return 4-tuples");
        if (!rt_dict_set_str(vm, v_dict(search_cache), key, r))
            return VNULL;
        return r;
    }
    return rt_raise(vm, &rt_exc_LookupError, "unknown encoding: %s", encoding);
}

/* Whether exc can be re-raised as "<op> with '<codec>' codec failed (...)":
 * CPython's _PyErr_TrySetFromCause accepts exceptions whose type keeps
 * BaseException's __init__/__new__ and that carry no other state. */
static bool wrappable(VM *vm, Value exc)
{
    static Type *const own_init[] = {&rt_exc_OSError, &rt_exc_SyntaxError, &rt_exc_ImportError,
                                     &rt_exc_StopIteration, &rt_exc_SystemExit, &rt_exc_UnicodeEncodeError,
                                     &rt_exc_UnicodeDecodeError, &rt_exc_UnicodeTranslateError,
                                     &rt_exc_BaseExceptionGroup};
    Type *t = v_type(exc);
    for (size_t i = 0; i < sizeof own_init / sizeof *own_init; i++)
        if (rt_is_subtype(t, own_init[i]))
            return false;
    Exception *e = (Exception *)v_obj(exc);
    if (e->dict && e->dict->used)
        return false;
    Tuple *mro = v_tuple(t->mro);
    for (size_t i = 0; i < mro->len; i++) {
        Type *k = (Type *)v_obj(mro->items[i]);
        if (!(k->flags & TF_CLASS))
            break;
        if (rt_dict_get_str(k->dict, vm->names.__init__) || rt_dict_get_str(k->dict, vm->names.__new__))
            return false;
    }
    return true;
}

static void wrap_codec_error(VM *vm, const char *op, const char *encoding)
{
    Value exc = vm->exc;
    if (!exc || !wrappable(vm, exc))
        return;
    Value s = rt_str(vm, exc);
    if (!s) {
        vm->exc = exc;
        return;
    }
    vm->exc = VNULL;
    Value msg = rt_str_printf(vm, "%s with '%s' codec failed (%s: %s)", op, encoding, rt_type_name(exc), v_cstr(s));
    Value args = msg ? rt_tuple_from(vm, 1, &msg) : VNULL;
    Value nexc = args ? rt_exc_new(vm, v_type(exc), args) : VNULL;
    if (!nexc) {
        vm->exc = exc;
        return;
    }
    Exception *ne = (Exception *)v_obj(nexc);
    ne->cause = exc;
    ne->suppress_context = true;
    ne->traceback = ((Exception *)v_obj(exc))->traceback;
    vm->exc = nexc;
}

/* codec[index](obj, errors): the result's first item. */
static Value codec_call(VM *vm, Value codec, int index, Value obj, const char *encoding, const char *errors,
                        bool wrap)
{
    Value f = rt_getitem(vm, codec, v_from_small(index));
    if (!f)
        return VNULL;
    Value args[2] = {obj, VNULL};
    int argc = 1;
    if (errors) {
        if (!(args[1] = rt_str_from_cstr(vm, errors)))
            return VNULL;
        argc = 2;
    }
    Value r = rt_call(vm, f, argc, args, VNULL);
    if (!r) {
        if (wrap)
            wrap_codec_error(vm, index == 0 ? "encoding" : "decoding", encoding);
        return VNULL;
    }
    if (!rt_isinstance_type(r, &rt_tuple_type) || v_tuple(r)->len != 2)
        return rt_raise(vm, &rt_exc_TypeError, index == 0 ? "encoder must return a tuple (object, integer)"
                                                           : "decoder must return a tuple (object, integer)");
    return v_tuple(r)->items[0];
}

/* A codec for str.encode / bytes.decode: refuses codecs whose CodecInfo
 * says _is_text_encoding = False. */
static Value text_codec(VM *vm, const char *encoding, const char *alternative)
{
    Value codec = codec_lookup(vm, encoding);
    if (!codec)
        return VNULL;
    Value flag = rt_getattr_opt(vm, codec, rt_str_intern_cstr(vm, "_is_text_encoding"));
    if (!flag && vm->exc)
        return VNULL;
    if (flag) {
        int t = rt_truthy(vm, flag);
        if (t < 0)
            return VNULL;
        if (!t)
            return rt_raise(vm, &rt_exc_LookupError, "'%s' is not a text encoding; use %s to handle arbitrary codecs",
                            encoding, alternative);
    }
    return codec;
}

/* The codecs str.encode / bytes.decode call without the registry (so
 * without wrapping their errors), as CPython's PyUnicode_Decode and
 * PyUnicode_AsEncodedString: 0 none, else 8, 16, 32, 1 (latin-1), 7 (ascii). */
static int direct_codec(VM *vm, const char *encoding)
{
    char *norm = normalize_encoding(vm, encoding);
    if (!norm) {
        vm->exc = VNULL;
        return 0;
    }
    int r = 0;
    const char *p = norm;
    if (!strncmp(p, "utf", 3)) {
        p += 3 + (p[3] == '_');
        r = !strcmp(p, "8") ? 8 : !strcmp(p, "16") ? 16 : !strcmp(p, "32") ? 32 : 0;
    } else if (!strcmp(p, "ascii") || !strcmp(p, "us_ascii")) {
        r = 7;
    } else if (!strcmp(p, "latin1") || !strcmp(p, "latin_1") || !strcmp(p, "iso_8859_1") || !strcmp(p, "iso8859_1")) {
        r = 1;
    }
    free(norm);
    return r;
}

static Value first(Value pair_) { return pair_ ? v_tuple(pair_)->items[0] : VNULL; }

/* str.encode(encoding, errors) for what the runtime does not do itself. */
static Value text_encode(VM *vm, Value str, const char *encoding, const char *errors)
{
    switch (direct_codec(vm, encoding)) {
    case 8: return first(utf8_encode(vm, str, errors));
    case 16: return first(utf_wide_encode(vm, str, errors, 0, 2));
    case 32: return first(utf_wide_encode(vm, str, errors, 0, 4));
    case 7: return first(limit_encode(vm, str, errors, 128));
    case 1: return first(limit_encode(vm, str, errors, 256));
    }
    Value codec = text_codec(vm, encoding, "codecs.encode()");
    if (!codec)
        return VNULL;
    Value r = codec_call(vm, codec, 0, str, encoding, errors, true);
    if (!r)
        return VNULL;
    if (v_is(r, &rt_bytes_type))
        return r;
    if (rt_is_bytearray(r))
        return rt_bytes_new(vm, v_bytearray(r)->data, v_bytearray(r)->len);
    return rt_raise(vm, &rt_exc_TypeError,
                    "'%s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                    encoding, rt_type_name(r));
}

static Value text_decode(VM *vm, Value bytes, const char *encoding, const char *errors)
{
    int bo = 0;
    switch (direct_codec(vm, encoding)) {
    case 8: return first(utf8_decode(vm, bytes, errors, true));
    case 16: return first(utf16_decode(vm, bytes, errors, &bo, true));
    case 32: return first(utf32_decode(vm, bytes, errors, &bo, true));
    case 7: return first(ascii_decode(vm, bytes, errors));
    case 1: return first(latin1_decode(vm, bytes));
    }
    Value codec = text_codec(vm, encoding, "codecs.decode()");
    if (!codec)
        return VNULL;
    Value r = codec_call(vm, codec, 1, bytes, encoding, errors, true);
    if (!r)
        return VNULL;
    if (!v_is_str(r))
        return rt_raise(vm, &rt_exc_TypeError,
                        "'%s' decoder returned '%s' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                        encoding, rt_type_name(r));
    return r;
}

/* ---- module functions: the registry ------------------------------------------------------ */

static bool is_callable(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (!t->call)
        return false;
    return !(t->flags & TF_CLASS) || rt_lookup_type_attr(t, vm->names.__call__) != VNULL;
}

static Value m_register(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "register", argc, 1, 1))
        return VNULL;
    if (!is_callable(vm, argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "argument must be callable");
    if (!registry_init(vm))
        return VNULL;
    return rt_list_append(vm, search_path, argv[0]) ? rt_None : VNULL;
}

static Value m_unregister(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "unregister", argc, 1, 1))
        return VNULL;
    List *l = v_list(search_path);
    for (size_t i = 0; i < l->len; i++) {
        if (l->items[i] != argv[0])
            continue;
        memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Value));
        l->len--;
        Value fresh = rt_dict_new(vm);
        if (!fresh)
            return VNULL;
        search_cache = fresh;
        break;
    }
    return rt_None;
}

static Value m_lookup(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "lookup", argc, 1, 1))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "lookup() argument must be str, not %s", rt_type_name(argv[0]));
    return codec_lookup(vm, v_cstr(argv[0]));
}

static Value m_forget_codec(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_forget_codec", argc, 1, 1))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "_forget_codec() argument must be str, not %s", rt_type_name(argv[0]));
    char *norm = normalize_encoding(vm, v_cstr(argv[0]));
    if (!norm)
        return VNULL;
    Value key = rt_str_from_cstr(vm, norm);
    free(norm);
    if (!key || rt_dict_del(vm, v_dict(search_cache), key) < 0)
        return VNULL;
    return rt_None;
}

/* encode(obj, encoding='utf-8', errors='strict') and decode(...). */
static Value encode_or_decode(VM *vm, int argc, Value *argv, Value kw, int index)
{
    static const char *const names[] = {"obj", "encoding", "errors", NULL};
    const char *fname = index == 0 ? "encode" : "decode";
    Value a[3];
    if (!rt_parse_args(vm, fname, argc, argv, kw, names, 0, 1, a))
        return VNULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "%s() argument '%s' must be str, not %s", fname, names[i],
                            rt_type_name(a[i]));
    const char *encoding = a[1] ? v_cstr(a[1]) : "utf-8";
    Value codec = codec_lookup(vm, encoding);
    if (!codec)
        return VNULL;
    return codec_call(vm, codec, index, a[0], encoding, a[2] ? v_cstr(a[2]) : "strict", true);
}

static Value m_encode(VM *vm, int argc, Value *argv, Value kw) { return encode_or_decode(vm, argc, argv, kw, 0); }
static Value m_decode(VM *vm, int argc, Value *argv, Value kw) { return encode_or_decode(vm, argc, argv, kw, 1); }

static Value m_register_error(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "register_error", argc, 2, 2) || !arg_str(vm, "register_error", 1, argv[0]))
        return VNULL;
    if (!is_callable(vm, argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "handler must be callable");
    return rt_dict_set_str(vm, v_dict(error_registry), argv[0], argv[1]) ? rt_None : VNULL;
}

static Value m_lookup_error(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "lookup_error", argc, 1, 1) || !arg_str(vm, "lookup_error", 1, argv[0]))
        return VNULL;
    return lookup_error(vm, v_cstr(argv[0]));
}

/* ---- module functions: the codecs ------------------------------------------------------------ */

/* f(str, errors=None, /) */
#define ENCODER(fname, body)                                                        \
    static Value m_##fname(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                               \
        const char *errors;                                                         \
        if (!mp_no_kw(vm, #fname, kw) || !rt_check_nargs(vm, #fname, argc, 1, 2) || \
            !arg_str(vm, #fname, 1, argv[0]) ||                                     \
            !arg_errors(vm, #fname, 2, argc > 1 ? argv[1] : VNULL, &errors))        \
            return VNULL;                                                           \
        Value str = argv[0];                                                        \
        return body;                                                                \
    }

ENCODER(utf_8_encode, utf8_encode(vm, str, errors))
ENCODER(utf_7_encode, ((void)errors, utf7_encode(vm, str)))
ENCODER(utf_16_le_encode, utf_wide_encode(vm, str, errors, -1, 2))
ENCODER(utf_16_be_encode, utf_wide_encode(vm, str, errors, 1, 2))
ENCODER(utf_32_le_encode, utf_wide_encode(vm, str, errors, -1, 4))
ENCODER(utf_32_be_encode, utf_wide_encode(vm, str, errors, 1, 4))
ENCODER(latin_1_encode, limit_encode(vm, str, errors, 256))
ENCODER(ascii_encode, limit_encode(vm, str, errors, 128))
ENCODER(unicode_escape_encode, ((void)errors, escape_encode_str(vm, str, false)))
ENCODER(raw_unicode_escape_encode, ((void)errors, escape_encode_str(vm, str, true)))

/* utf_16_encode(str, errors=None, byteorder=0, /) */
static Value wide_encode_bo(VM *vm, const char *fname, int argc, Value *argv, Value kw, int width)
{
    const char *errors;
    int64_t bo;
    if (!mp_no_kw(vm, fname, kw) || !rt_check_nargs(vm, fname, argc, 1, 3) || !arg_str(vm, fname, 1, argv[0]) ||
        !arg_errors(vm, fname, 2, argc > 1 ? argv[1] : VNULL, &errors) || !arg_int(vm, argc > 2 ? argv[2] : VNULL, 0, &bo))
        return VNULL;
    return utf_wide_encode(vm, argv[0], errors, bo, width);
}
static Value m_utf_16_encode(VM *vm, int argc, Value *argv, Value kw)
{
    return wide_encode_bo(vm, "utf_16_encode", argc, argv, kw, 2);
}
static Value m_utf_32_encode(VM *vm, int argc, Value *argv, Value kw)
{
    return wide_encode_bo(vm, "utf_32_encode", argc, argv, kw, 4);
}

/* f(data, errors=None, final=False, /) -> (str, consumed) */
typedef struct DecArgs {
    Value bytes;
    const char *errors;
    bool final;
    Value extra; /* mapping / byteorder, or VNULL */
} DecArgs;

static bool dec_args(VM *vm, const char *fname, int argc, Value *argv, Value kw, int maxargs, bool final_dflt,
                     bool accept_str, int extra_at, DecArgs *d)
{
    if (!mp_no_kw(vm, fname, kw) || !rt_check_nargs(vm, fname, argc, 1, maxargs))
        return false;
    d->bytes = arg_bytes(vm, fname, 1, argv[0], accept_str);
    if (!d->bytes || !arg_errors(vm, fname, 2, argc > 1 ? argv[1] : VNULL, &d->errors))
        return false;
    d->extra = extra_at && argc > extra_at ? argv[extra_at] : VNULL;
    int final_at = extra_at == 2 ? 3 : 2;
    return arg_bool(vm, maxargs > final_at && argc > final_at ? argv[final_at] : VNULL, final_dflt, &d->final);
}

static Value m_utf_8_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "utf_8_decode", argc, argv, kw, 3, false, false, 0, &d) ? utf8_decode(vm, d.bytes, d.errors, d.final)
                                                                                : VNULL;
}
static Value m_utf_7_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "utf_7_decode", argc, argv, kw, 3, false, false, 0, &d) ? utf7_decode(vm, d.bytes, d.errors, d.final)
                                                                                : VNULL;
}

static Value wide_decode(VM *vm, const char *fname, int argc, Value *argv, Value kw, int width, int bo)
{
    DecArgs d;
    if (!dec_args(vm, fname, argc, argv, kw, 3, false, false, 0, &d))
        return VNULL;
    return width == 2 ? utf16_decode(vm, d.bytes, d.errors, &bo, d.final) : utf32_decode(vm, d.bytes, d.errors, &bo, d.final);
}
static Value m_utf_16_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_16_decode", argc, argv, kw, 2, 0); }
static Value m_utf_16_le_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_16_le_decode", argc, argv, kw, 2, -1); }
static Value m_utf_16_be_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_16_be_decode", argc, argv, kw, 2, 1); }
static Value m_utf_32_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_32_decode", argc, argv, kw, 4, 0); }
static Value m_utf_32_le_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_32_le_decode", argc, argv, kw, 4, -1); }
static Value m_utf_32_be_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_decode(vm, "utf_32_be_decode", argc, argv, kw, 4, 1); }

/* utf_16_ex_decode(data, errors=None, byteorder=0, final=False, /) -> (str, consumed, byteorder) */
static Value wide_ex_decode(VM *vm, const char *fname, int argc, Value *argv, Value kw, int width)
{
    DecArgs d;
    int64_t bo64;
    if (!dec_args(vm, fname, argc, argv, kw, 4, false, false, 2, &d) || !arg_int(vm, d.extra, 0, &bo64))
        return VNULL;
    int bo = bo64 < 0 ? -1 : bo64 > 0 ? 1 : 0;
    Value r = width == 2 ? utf16_decode(vm, d.bytes, d.errors, &bo, d.final) : utf32_decode(vm, d.bytes, d.errors, &bo, d.final);
    if (!r)
        return VNULL;
    Value items[3] = {v_tuple(r)->items[0], v_tuple(r)->items[1], v_from_small(bo)};
    return rt_tuple_from(vm, 3, items);
}
static Value m_utf_16_ex_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_ex_decode(vm, "utf_16_ex_decode", argc, argv, kw, 2); }
static Value m_utf_32_ex_decode(VM *vm, int argc, Value *argv, Value kw) { return wide_ex_decode(vm, "utf_32_ex_decode", argc, argv, kw, 4); }

static Value m_latin_1_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "latin_1_decode", argc, argv, kw, 2, true, false, 0, &d) ? latin1_decode(vm, d.bytes) : VNULL;
}
static Value m_ascii_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "ascii_decode", argc, argv, kw, 2, true, false, 0, &d) ? ascii_decode(vm, d.bytes, d.errors) : VNULL;
}
static Value m_unicode_escape_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "unicode_escape_decode", argc, argv, kw, 3, true, true, 0, &d)
               ? unicode_escape_decode(vm, d.bytes, d.errors, d.final)
               : VNULL;
}
static Value m_raw_unicode_escape_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "raw_unicode_escape_decode", argc, argv, kw, 3, true, true, 0, &d)
               ? raw_unicode_escape_decode(vm, d.bytes, d.errors, d.final)
               : VNULL;
}
static Value m_charmap_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "charmap_decode", argc, argv, kw, 3, true, false, 2, &d)
               ? charmap_decode(vm, d.bytes, d.errors, d.extra)
               : VNULL;
}
static Value m_escape_decode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    return dec_args(vm, "escape_decode", argc, argv, kw, 2, true, true, 0, &d) ? escape_decode(vm, d.bytes, d.errors)
                                                                               : VNULL;
}
static Value m_readbuffer_encode(VM *vm, int argc, Value *argv, Value kw)
{
    DecArgs d;
    if (!dec_args(vm, "readbuffer_encode", argc, argv, kw, 2, true, true, 0, &d))
        return VNULL;
    return pair(vm, d.bytes, (int64_t)rt_bytes_view(d.bytes).len);
}

static Value m_escape_encode(VM *vm, int argc, Value *argv, Value kw)
{
    const char *errors;
    if (!mp_no_kw(vm, "escape_encode", kw) || !rt_check_nargs(vm, "escape_encode", argc, 1, 2))
        return VNULL;
    if (!rt_isinstance_type(argv[0], &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "escape_encode() argument 1 must be bytes, not %s", rt_type_name(argv[0]));
    if (!arg_errors(vm, "escape_encode", 2, argc > 1 ? argv[1] : VNULL, &errors))
        return VNULL;
    return escape_encode(vm, argv[0]);
}

static Value m_charmap_encode(VM *vm, int argc, Value *argv, Value kw)
{
    const char *errors;
    if (!mp_no_kw(vm, "charmap_encode", kw) || !rt_check_nargs(vm, "charmap_encode", argc, 1, 3) ||
        !arg_str(vm, "charmap_encode", 1, argv[0]) ||
        !arg_errors(vm, "charmap_encode", 2, argc > 1 ? argv[1] : VNULL, &errors))
        return VNULL;
    return charmap_encode(vm, argv[0], errors, argc > 2 ? argv[2] : VNULL);
}

static Value m_charmap_build(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "charmap_build", argc, 1, 1) || !arg_str(vm, "charmap_build", 1, argv[0]))
        return VNULL;
    return charmap_build(vm, argv[0]);
}

static const NativeDef codecs_functions[] = {
    {"register", m_register, 0},
    {"unregister", m_unregister, 0},
    {"lookup", m_lookup, 0},
    {"encode", m_encode, NF_KEYWORDS},
    {"decode", m_decode, NF_KEYWORDS},
    {"_forget_codec", m_forget_codec, 0},
    {"escape_encode", m_escape_encode, NF_KEYWORDS},
    {"escape_decode", m_escape_decode, NF_KEYWORDS},
    {"utf_8_encode", m_utf_8_encode, NF_KEYWORDS},
    {"utf_8_decode", m_utf_8_decode, NF_KEYWORDS},
    {"utf_7_encode", m_utf_7_encode, NF_KEYWORDS},
    {"utf_7_decode", m_utf_7_decode, NF_KEYWORDS},
    {"utf_16_encode", m_utf_16_encode, NF_KEYWORDS},
    {"utf_16_decode", m_utf_16_decode, NF_KEYWORDS},
    {"utf_16_le_encode", m_utf_16_le_encode, NF_KEYWORDS},
    {"utf_16_le_decode", m_utf_16_le_decode, NF_KEYWORDS},
    {"utf_16_be_encode", m_utf_16_be_encode, NF_KEYWORDS},
    {"utf_16_be_decode", m_utf_16_be_decode, NF_KEYWORDS},
    {"utf_16_ex_decode", m_utf_16_ex_decode, NF_KEYWORDS},
    {"utf_32_encode", m_utf_32_encode, NF_KEYWORDS},
    {"utf_32_decode", m_utf_32_decode, NF_KEYWORDS},
    {"utf_32_le_encode", m_utf_32_le_encode, NF_KEYWORDS},
    {"utf_32_le_decode", m_utf_32_le_decode, NF_KEYWORDS},
    {"utf_32_be_encode", m_utf_32_be_encode, NF_KEYWORDS},
    {"utf_32_be_decode", m_utf_32_be_decode, NF_KEYWORDS},
    {"utf_32_ex_decode", m_utf_32_ex_decode, NF_KEYWORDS},
    {"unicode_escape_encode", m_unicode_escape_encode, NF_KEYWORDS},
    {"unicode_escape_decode", m_unicode_escape_decode, NF_KEYWORDS},
    {"raw_unicode_escape_encode", m_raw_unicode_escape_encode, NF_KEYWORDS},
    {"raw_unicode_escape_decode", m_raw_unicode_escape_decode, NF_KEYWORDS},
    {"latin_1_encode", m_latin_1_encode, NF_KEYWORDS},
    {"latin_1_decode", m_latin_1_decode, NF_KEYWORDS},
    {"ascii_encode", m_ascii_encode, NF_KEYWORDS},
    {"ascii_decode", m_ascii_decode, NF_KEYWORDS},
    {"charmap_encode", m_charmap_encode, NF_KEYWORDS},
    {"charmap_decode", m_charmap_decode, NF_KEYWORDS},
    {"charmap_build", m_charmap_build, 0},
    {"readbuffer_encode", m_readbuffer_encode, NF_KEYWORDS},
    {"register_error", m_register_error, 0},
    {"lookup_error", m_lookup_error, 0},
    {NULL, NULL, 0},
};

Value mp_codecs_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_codecs", &d);
    Value modname = rt_str_intern_cstr(vm, "_codecs");
    if (!m || !rt_add_functions(vm, d, codecs_functions, modname))
        return VNULL;
    if (!mp_type_ready(vm, &encoding_map_type, NULL) ||
        (!rt_dict_get_cstr(vm, encoding_map_type.dict, "size") && !rt_add_methods(vm, &encoding_map_type, em_methods)))
        return VNULL;
    rt_gc_add_root(vm, &search_path);
    rt_gc_add_root(vm, &search_cache);
    rt_gc_add_root(vm, &error_registry);
    encodings_imported = false;
    if (!(search_path = rt_list_new(vm, 0)) || !(search_cache = rt_dict_new(vm)) ||
        !(error_registry = rt_dict_new(vm)))
        return VNULL;
    /* The standard handlers: built as functions of a scratch dict, then
     * entered under their registry names. */
    Value scratch = rt_dict_new(vm);
    if (!scratch || !rt_add_functions(vm, v_dict(scratch), handler_defs, rt_str_intern_cstr(vm, "builtins")))
        return VNULL;
    for (size_t i = 0; handler_defs[i].name; i++) {
        Value h = rt_dict_get_cstr(vm, v_dict(scratch), handler_defs[i].name);
        if (!h || !rt_dict_set_cstr(vm, v_dict(error_registry), handler_names[i], h))
            return VNULL;
    }
    rt_codec_hooks.encode = text_encode;
    rt_codec_hooks.decode = text_decode;
    return m;
}
