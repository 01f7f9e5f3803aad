/* stdlib/_json.c — the _json accelerator CPython's Lib/json uses when it is
 * present, after Modules/_json.c: scanstring, encode_basestring(_ascii),
 * make_scanner (c_make_scanner: the recursive JSON parser over a
 * JSONDecoder's settings) and make_encoder (c_make_encoder: one-shot
 * encoding of a value to a list holding one str).
 *
 * Strings are UTF-8 with code-point positions at the Python level: the
 * parser walks bytes and converts byte offsets to code-point indices only
 * where a position leaves the module (results and error positions). */
#include <math.h>
#include <string.h>
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/import.h"

/* ---- positions -------------------------------------------------------------- */

/* The document being parsed: byte data plus a cache of the last byte ->
 * code-point conversion (positions mostly move forward). */
typedef struct JDoc {
    Value str;
    const unsigned char *s;
    size_t len;
    bool ascii;
    size_t cache_b, cache_c;
} JDoc;

static void jdoc_init(JDoc *d, Value str)
{
    Str *s = v_str(str);
    d->str = str;
    d->s = (const unsigned char *)s->data;
    d->len = s->len;
    d->ascii = s->ascii;
    d->cache_b = d->cache_c = 0;
}

/* Code-point index of byte offset b. */
static size_t jdoc_char(JDoc *d, size_t b)
{
    if (d->ascii)
        return b;
    if (b < d->cache_b)
        d->cache_b = d->cache_c = 0;
    size_t c = d->cache_c;
    for (size_t i = d->cache_b; i < b; i++)
        if ((d->s[i] & 0xC0) != 0x80)
            c++;
    d->cache_b = b;
    d->cache_c = c;
    return c;
}

/* Byte offset of code-point index c (c <= nchars). */
static size_t jdoc_byte(JDoc *d, size_t c)
{
    return rt_str_offset(v_str(d->str), c);
}

/* Byte offset n code points after b, or SIZE_MAX when the text ends first. */
static size_t jdoc_skip(JDoc *d, size_t b, size_t n)
{
    while (n--) {
        if (b >= d->len)
            return SIZE_MAX;
        b++;
        while (b < d->len && (d->s[b] & 0xC0) == 0x80)
            b++;
    }
    return b;
}

/* ---- errors ----------------------------------------------------------------- */

/* JSONDecodeError(msg, doc, pos), the class json.decoder defines. */
static Value raise_errmsg(VM *vm, JDoc *d, const char *msg, size_t bytepos)
{
    Value pkg = vm_import(vm, rt_str_intern_cstr(vm, "json.decoder"), NULL, rt_None, 0);
    Value mod = pkg ? rt_getattr_cstr(vm, pkg, "decoder") : VNULL;
    Value cls = mod ? rt_getattr_cstr(vm, mod, "JSONDecodeError") : VNULL;
    if (!cls)
        return VNULL;
    Value args[3] = {rt_str_from_cstr(vm, msg), d->str,
                     rt_int_from_i64(vm, (int64_t)jdoc_char(d, bytepos))};
    Value exc = rt_call(vm, cls, 3, args, VNULL);
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

static Value raise_stop_iteration(VM *vm, int64_t idx)
{
    Value exc = rt_call1(vm, v_from(&rt_exc_StopIteration), rt_int_from_i64(vm, idx));
    return exc ? rt_raise_value(vm, exc) : VNULL;
}

/* ---- scanstring --------------------------------------------------------------- */

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* Four hex digits at byte p (known to be present), or -1. */
static int32_t read_hex4(const unsigned char *p)
{
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* A \uXXXX escape whose 'u' is at byte u: appends the code point (joining a
 * surrogate pair as CPython does) and sets *end past it. */
static bool scan_unicode_escape(VM *vm, JDoc *d, size_t u, StrBuf *b, size_t *end)
{
    size_t next = u + 1;
    /* CPython needs a character after the four digits ("end >= len"). */
    if (jdoc_skip(d, next, 4) == SIZE_MAX || jdoc_skip(d, next, 4) >= d->len) {
        raise_errmsg(vm, d, "Invalid \\uXXXX escape", u);
        return false;
    }
    int32_t c = read_hex4(d->s + next);
    if (c < 0) {
        raise_errmsg(vm, d, "Invalid \\uXXXX escape", u);
        return false;
    }
    next += 4;
    size_t after = jdoc_skip(d, next, 6);
    if (c >= 0xD800 && c <= 0xDBFF && after != SIZE_MAX && after < d->len &&
        d->s[next] == '\\' && d->s[next + 1] == 'u') {
        int32_t c2 = read_hex4(d->s + next + 2);
        if (c2 < 0) {
            raise_errmsg(vm, d, "Invalid \\uXXXX escape", next + 1);
            return false;
        }
        if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
            next += 6;
        }
    }
    char out[4];
    *end = next;
    return sb_add(vm, b, out, rt_utf8_encode((uint32_t)c, out));
}

static char simple_escape(unsigned c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

/* The string whose opening quote is just before byte `end`; *next_end: the
 * byte after its closing quote. */
static Value scan_string(VM *vm, JDoc *d, size_t end, bool strict, size_t *next_end)
{
    size_t begin = end - 1;
    StrBuf b;
    sb_init(&b);
    for (;;) {
        size_t next = end;
        unsigned c = 0;
        for (; next < d->len; next++) {
            c = d->s[next];
            if (c == '"' || c == '\\')
                break;
            if (c <= 0x1f && strict) {
                sb_free(&b);
                return raise_errmsg(vm, d, "Invalid control character at", next);
            }
        }
        if (next >= d->len) {
            sb_free(&b);
            return raise_errmsg(vm, d, "Unterminated string starting at", begin);
        }
        if (c == '"' && b.len == 0) {
            *next_end = next + 1;
            return rt_str_substr(vm, d->str, end, next);
        }
        if (!sb_add(vm, &b, (const char *)d->s + end, next - end))
            goto fail;
        if (c == '"') {
            *next_end = next + 1;
            return sb_finish(vm, &b);
        }
        next++; /* the backslash */
        if (next == d->len) {
            sb_free(&b);
            return raise_errmsg(vm, d, "Unterminated string starting at", begin);
        }
        c = d->s[next];
        if (c != 'u') {
            char e = simple_escape(c);
            if (!e) {
                sb_free(&b);
                return raise_errmsg(vm, d, "Invalid \\escape", next - 1);
            }
            if (!sb_addc(vm, &b, e))
                goto fail;
            end = next + 1;
        } else if (!scan_unicode_escape(vm, d, next, &b, &end)) {
            goto fail;
        }
    }
fail:
    sb_free(&b);
    return VNULL;
}

static Value json_scanstring(VM *vm, int argc, Value *argv, Value kwnames)
{
    /* CPython parses "On|p:scanstring": positional only, end converted first. */
    if (!mp_no_kw(vm, "scanstring", kwnames) || !rt_check_nargs(vm, "scanstring", argc, 2, 3))
        return VNULL;
    Value v[3] = {argv[0], argv[1], argc > 2 ? argv[2] : VNULL};
    int64_t end;
    if (!mp_as_ssize(vm, v[1], &end))
        return VNULL;
    int strict = v[2] ? rt_truthy(vm, v[2]) : 1;
    if (strict < 0)
        return VNULL;
    if (!v_is_str(v[0]))
        return rt_raise(vm, &rt_exc_TypeError, "first argument must be a string, not %.80s",
                        rt_type_name(v[0]));
    JDoc d;
    jdoc_init(&d, v[0]);
    if (end < 0 || (size_t)end > v_str(v[0])->nchars)
        return rt_raise(vm, &rt_exc_ValueError, "end is out of bounds");
    size_t next;
    Value s = scan_string(vm, &d, jdoc_byte(&d, (size_t)end), strict, &next);
    if (!s)
        return VNULL;
    return rt_tuple_pack(vm, 2, s, rt_int_from_i64(vm, (int64_t)jdoc_char(&d, next)));
}

/* ---- encode_basestring(_ascii) ------------------------------------------------- */

static bool add_u_escape(VM *vm, StrBuf *b, uint32_t c)
{
    return sb_printf(vm, b, "\\u%04x", (unsigned)c);
}

/* Append the JSON form of str value s; ascii_only escapes all non-ASCII. */
static bool encode_str_into(VM *vm, StrBuf *b, Value s, bool ascii_only)
{
    const unsigned char *p = (const unsigned char *)v_str(s)->data;
    size_t n = v_str(s)->len, run = 0;
    if (!sb_addc(vm, b, '"'))
        return false;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c >= ' ' && c != '\\' && c != '"' && (c < 0x7f || !ascii_only)) {
            i++;
            continue;
        }
        if (!sb_add(vm, b, (const char *)p + run, i - run))
            return false;
        const char *esc = NULL;
        switch (c) {
        case '\\': esc = "\\\\"; break;
        case '"': esc = "\\\""; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        }
        if (esc) {
            if (!sb_adds(vm, b, esc))
                return false;
            i++;
        } else if (c < 0x80) {
            if (!add_u_escape(vm, b, c))
                return false;
            i++;
        } else {
            uint32_t cp;
            size_t k = rt_utf8_decode((const char *)p + i, n - i, &cp);
            i += k ? k : 1;
            bool ok = cp >= 0x10000 ? add_u_escape(vm, b, 0xD800 + ((cp - 0x10000) >> 10)) &&
                                          add_u_escape(vm, b, 0xDC00 + ((cp - 0x10000) & 0x3FF))
                                    : add_u_escape(vm, b, cp);
            if (!ok)
                return false;
        }
        run = i;
    }
    return sb_add(vm, b, (const char *)p + run, n - run) && sb_addc(vm, b, '"');
}

static Value encode_basestring_common(VM *vm, int argc, Value *argv, Value kwnames,
                                      const char *fname, bool ascii_only)
{
    if (!mp_no_kw(vm, fname, kwnames) || !rt_check_nargs(vm, fname, argc, 1, 1))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "first argument must be a string, not %.80s",
                        rt_type_name(argv[0]));
    StrBuf b;
    sb_init(&b);
    if (!encode_str_into(vm, &b, argv[0], ascii_only)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value json_encode_basestring_ascii(VM *vm, int argc, Value *argv, Value kwnames)
{
    return encode_basestring_common(vm, argc, argv, kwnames, "encode_basestring_ascii", true);
}

static Value json_encode_basestring(VM *vm, int argc, Value *argv, Value kwnames)
{
    return encode_basestring_common(vm, argc, argv, kwnames, "encode_basestring", false);
}

/* ---- the scanner --------------------------------------------------------------- */

typedef struct Scanner {
    Obj hdr;
    Value strict; /* rt_True / rt_False */
    Value object_hook, object_pairs_hook, parse_float, parse_int, parse_constant;
} Scanner;

static Type scanner_type;

static void scanner_trace(VM *vm, Obj *o)
{
    Scanner *s = (Scanner *)o;
    rt_gc_mark(vm, s->strict);
    rt_gc_mark(vm, s->object_hook);
    rt_gc_mark(vm, s->object_pairs_hook);
    rt_gc_mark(vm, s->parse_float);
    rt_gc_mark(vm, s->parse_int);
    rt_gc_mark(vm, s->parse_constant);
}

static Value scanner_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"context", NULL};
    Value ctx;
    if (!rt_parse_args(vm, "make_scanner", argc, argv, kwnames, names, 0, 1, &ctx))
        return VNULL;
    Value strict = rt_getattr_cstr(vm, ctx, "strict");
    int st = strict ? rt_truthy(vm, strict) : -1;
    if (st < 0)
        return VNULL;
    Value oh = rt_getattr_cstr(vm, ctx, "object_hook");
    Value oph = oh ? rt_getattr_cstr(vm, ctx, "object_pairs_hook") : VNULL;
    Value pf = oph ? rt_getattr_cstr(vm, ctx, "parse_float") : VNULL;
    Value pi = pf ? rt_getattr_cstr(vm, ctx, "parse_int") : VNULL;
    Value pc = pi ? rt_getattr_cstr(vm, ctx, "parse_constant") : VNULL;
    if (!pc)
        return VNULL;
    Scanner *s = rt_alloc(vm, type, type->instance_size);
    if (!s)
        return VNULL;
    s->strict = rt_bool(st);
    s->object_hook = oh;
    s->object_pairs_hook = oph;
    s->parse_float = pf;
    s->parse_int = pi;
    s->parse_constant = pc;
    return v_from(s);
}

/* One parse: the scanner's settings, the document and the key memo. */
typedef struct ScanCtx {
    Scanner *s;
    JDoc *d;
    Dict *memo;
} ScanCtx;

static Value scan_once(VM *vm, ScanCtx *x, size_t idx, size_t *next);

static bool is_ws(unsigned c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t skip_ws(JDoc *d, size_t i)
{
    while (i < d->len && is_ws(d->s[i]))
        i++;
    return i;
}

static bool at(JDoc *d, size_t i, unsigned c) { return i < d->len && d->s[i] == c; }

static Value parse_object(VM *vm, ScanCtx *x, size_t idx, size_t *next)
{
    JDoc *d = x->d;
    bool pairs = x->s->object_pairs_hook != rt_None;
    Value rval = pairs ? rt_list_new(vm, 0) : rt_dict_new(vm);
    if (!rval)
        return VNULL;
    idx = skip_ws(d, idx);
    if (!at(d, idx, '}')) {
        for (;;) {
            if (!at(d, idx, '"'))
                return raise_errmsg(vm, d, "Expecting property name enclosed in double quotes", idx);
            size_t after;
            Value key = scan_string(vm, d, idx + 1, x->s->strict == rt_True, &after);
            if (!key)
                return VNULL;
            bool err = false;
            Value memo = rt_dict_get(vm, x->memo, key, &err);
            if (err)
                return VNULL;
            if (memo)
                key = memo;
            else if (!rt_dict_set(vm, x->memo, key, key))
                return VNULL;
            idx = skip_ws(d, after);
            if (!at(d, idx, ':'))
                return raise_errmsg(vm, d, "Expecting ':' delimiter", idx);
            idx = skip_ws(d, idx + 1);
            Value val = scan_once(vm, x, idx, &after);
            if (!val)
                return VNULL;
            if (pairs) {
                Value item = rt_tuple_pack(vm, 2, key, val);
                if (!item || !rt_list_append(vm, rval, item))
                    return VNULL;
            } else if (!rt_dict_set(vm, v_dict(rval), key, val)) {
                return VNULL;
            }
            idx = skip_ws(d, after);
            if (at(d, idx, '}'))
                break;
            if (!at(d, idx, ','))
                return raise_errmsg(vm, d, "Expecting ',' delimiter", idx);
            idx = skip_ws(d, idx + 1);
        }
    }
    *next = idx + 1;
    if (pairs)
        return rt_call1(vm, x->s->object_pairs_hook, rval);
    if (x->s->object_hook != rt_None)
        return rt_call1(vm, x->s->object_hook, rval);
    return rval;
}

static Value parse_array(VM *vm, ScanCtx *x, size_t idx, size_t *next)
{
    JDoc *d = x->d;
    Value rval = rt_list_new(vm, 0);
    if (!rval)
        return VNULL;
    idx = skip_ws(d, idx);
    if (!at(d, idx, ']')) {
        for (;;) {
            size_t after;
            Value val = scan_once(vm, x, idx, &after);
            if (!val || !rt_list_append(vm, rval, val))
                return VNULL;
            idx = skip_ws(d, after);
            if (at(d, idx, ']'))
                break;
            if (!at(d, idx, ','))
                return raise_errmsg(vm, d, "Expecting ',' delimiter", idx);
            idx = skip_ws(d, idx + 1);
        }
    }
    *next = idx + 1;
    return rval;
}

static bool is_digit(JDoc *d, size_t i) { return i < d->len && d->s[i] >= '0' && d->s[i] <= '9'; }

/* A number at byte start, as json.scanner's NUMBER_RE matches it; no match:
 * StopIteration(start). */
static Value match_number(VM *vm, ScanCtx *x, size_t start, size_t *next)
{
    JDoc *d = x->d;
    size_t idx = start;
    bool is_float = false;
    if (at(d, idx, '-'))
        idx++;
    if (at(d, idx, '0')) {
        idx++;
    } else if (is_digit(d, idx)) {
        while (is_digit(d, idx))
            idx++;
    } else {
        return raise_stop_iteration(vm, (int64_t)jdoc_char(d, start));
    }
    if (at(d, idx, '.') && is_digit(d, idx + 1)) {
        is_float = true;
        idx += 2;
        while (is_digit(d, idx))
            idx++;
    }
    if (at(d, idx, 'e') || at(d, idx, 'E')) {
        size_t e = idx + 1;
        if (at(d, e, '-') || at(d, e, '+'))
            e++;
        if (is_digit(d, e)) {
            while (is_digit(d, e))
                e++;
            is_float = true;
            idx = e;
        }
    }
    *next = idx;
    const char *p = (const char *)d->s + start;
    size_t n = idx - start;
    Value custom = is_float ? x->s->parse_float : x->s->parse_int;
    if (custom != v_from(is_float ? &rt_float_type : &rt_int_type)) {
        Value numstr = rt_str_new_ascii(vm, p, n);
        return numstr ? rt_call1(vm, custom, numstr) : VNULL;
    }
    return is_float ? rt_float_from_string(vm, p, n) : rt_int_from_string(vm, p, n, 10);
}

static bool match_word(JDoc *d, size_t idx, const char *w)
{
    size_t n = strlen(w);
    return idx + n <= d->len && memcmp(d->s + idx, w, n) == 0;
}

static Value parse_constant(VM *vm, ScanCtx *x, const char *name, size_t idx, size_t *next)
{
    *next = idx + strlen(name);
    Value s = rt_str_from_cstr(vm, name);
    return s ? rt_call1(vm, x->s->parse_constant, s) : VNULL;
}

static Value scan_nested(VM *vm, ScanCtx *x, size_t idx, size_t *next, bool object)
{
    if (!rt_enter_c(vm, object ? " while decoding a JSON object from a unicode string"
                               : " while decoding a JSON array from a unicode string"))
        return VNULL;
    Value r = object ? parse_object(vm, x, idx, next) : parse_array(vm, x, idx, next);
    rt_leave_c(vm);
    return r;
}

static Value scan_once(VM *vm, ScanCtx *x, size_t idx, size_t *next)
{
    JDoc *d = x->d;
    if (idx >= d->len)
        return raise_stop_iteration(vm, (int64_t)jdoc_char(d, idx));
    switch (d->s[idx]) {
    case '"':
        return scan_string(vm, d, idx + 1, x->s->strict == rt_True, next);
    case '{':
        return scan_nested(vm, x, idx + 1, next, true);
    case '[':
        return scan_nested(vm, x, idx + 1, next, false);
    case 'n':
        if (match_word(d, idx, "null")) {
            *next = idx + 4;
            return rt_None;
        }
        break;
    case 't':
        if (match_word(d, idx, "true")) {
            *next = idx + 4;
            return rt_True;
        }
        break;
    case 'f':
        if (match_word(d, idx, "false")) {
            *next = idx + 5;
            return rt_False;
        }
        break;
    case 'N':
        if (match_word(d, idx, "NaN"))
            return parse_constant(vm, x, "NaN", idx, next);
        break;
    case 'I':
        if (match_word(d, idx, "Infinity"))
            return parse_constant(vm, x, "Infinity", idx, next);
        break;
    case '-':
        if (match_word(d, idx, "-Infinity"))
            return parse_constant(vm, x, "-Infinity", idx, next);
        break;
    }
    return match_number(vm, x, idx, next);
}

static Value scanner_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"string", "idx", NULL};
    Value v[2];
    if (!rt_parse_args(vm, "scan_once", argc, argv, kwnames, names, 0, 2, v))
        return VNULL;
    int64_t idx;
    if (!mp_as_ssize(vm, v[1], &idx))
        return VNULL;
    if (!v_is_str(v[0]))
        return rt_raise(vm, &rt_exc_TypeError, "first argument must be a string, not %.80s",
                        rt_type_name(v[0]));
    if (idx < 0)
        return rt_raise(vm, &rt_exc_ValueError, "idx cannot be negative");
    JDoc d;
    jdoc_init(&d, v[0]);
    if ((size_t)idx >= v_str(v[0])->nchars)
        return raise_stop_iteration(vm, idx);
    Value memo = rt_dict_new(vm);
    if (!memo)
        return VNULL;
    ScanCtx x = {(Scanner *)v_obj(self), &d, v_dict(memo)};
    size_t next;
    Value r = scan_once(vm, &x, jdoc_byte(&d, (size_t)idx), &next);
    if (!r)
        return VNULL;
    return rt_tuple_pack(vm, 2, r, rt_int_from_i64(vm, (int64_t)jdoc_char(&d, next)));
}

static Type scanner_type = {
    .name = "_json.Scanner", .instance_size = sizeof(Scanner), .trace = scanner_trace,
    .call = scanner_call, .flags = TF_BASETYPE,
};

/* ---- the encoder --------------------------------------------------------------- */

typedef struct Encoder {
    Obj hdr;
    Value markers, defaultfn, encoder, indent, key_separator, item_separator;
    bool sort_keys, skipkeys, allow_nan;
    int fast;  /* 0: call encoder; 1: encode_basestring_ascii; 2: encode_basestring */
} Encoder;

static void encoder_trace(VM *vm, Obj *o)
{
    Encoder *e = (Encoder *)o;
    rt_gc_mark(vm, e->markers);
    rt_gc_mark(vm, e->defaultfn);
    rt_gc_mark(vm, e->encoder);
    rt_gc_mark(vm, e->indent);
    rt_gc_mark(vm, e->key_separator);
    rt_gc_mark(vm, e->item_separator);
}

static NativeFn native_fn_of(Value v);

static Value encoder_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"markers", "default", "encoder", "indent",
                                        "key_separator", "item_separator", "sort_keys",
                                        "skipkeys", "allow_nan", NULL};
    Value v[9];
    if (!rt_parse_args(vm, "make_encoder", argc, argv, kwnames, names, 0, 9, v))
        return VNULL;
    if (v[0] != rt_None && !v_isa(v[0], &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "make_encoder() argument 1 must be dict or None, not %.200s",
                        rt_type_name(v[0]));
    for (int i = 4; i <= 5; i++)
        if (!v_is_str(v[i]))
            return rt_raise(vm, &rt_exc_TypeError, "make_encoder() argument %d must be str, not %.200s",
                            i + 1, rt_type_name(v[i]));
    int flags[3];
    for (int i = 0; i < 3; i++)
        if ((flags[i] = rt_truthy(vm, v[6 + i])) < 0)
            return VNULL;
    Encoder *e = rt_alloc(vm, type, type->instance_size);
    if (!e)
        return VNULL;
    e->markers = v[0];
    e->defaultfn = v[1];
    e->encoder = v[2];
    e->indent = v[3];
    e->key_separator = v[4];
    e->item_separator = v[5];
    e->sort_keys = flags[0];
    e->skipkeys = flags[1];
    e->allow_nan = flags[2];
    NativeFn f = native_fn_of(v[2]);
    e->fast = f == json_encode_basestring_ascii ? 1 : f == json_encode_basestring ? 2 : 0;
    return v_from(e);
}

static bool encode_obj(VM *vm, Encoder *e, StrBuf *b, Value obj);

static bool encode_string(VM *vm, Encoder *e, StrBuf *b, Value s)
{
    if (e->fast)
        return encode_str_into(vm, b, s, e->fast == 1);
    Value r = rt_call1(vm, e->encoder, s);
    if (!r)
        return false;
    if (!v_is_str(r)) {
        rt_raise(vm, &rt_exc_TypeError, "encoder() must return a string, not %.80s", rt_type_name(r));
        return false;
    }
    return sb_add_value_str(vm, b, r);
}

static bool encode_float(VM *vm, Encoder *e, StrBuf *b, double f)
{
    if (!isfinite(f)) {
        if (!e->allow_nan) {
            rt_raise(vm, &rt_exc_ValueError, "Out of range float values are not JSON compliant");
            return false;
        }
        return sb_adds(vm, b, f > 0 ? "Infinity" : f < 0 ? "-Infinity" : "NaN");
    }
    Value r = rt_float_repr(vm, f);
    return r && sb_add_value_str(vm, b, r);
}

static bool encode_int(VM *vm, StrBuf *b, Value i)
{
    if (v_is_small(i))
        return sb_printf(vm, b, "%lld", (long long)v_small(i));
    Value r = rt_int_repr(vm, i);
    return r && sb_add_value_str(vm, b, r);
}

/* markers[id(obj)] = obj, or "Circular reference detected"; *ident: the key
 * to remove afterwards (VNULL when markers is None). */
static bool mark_enter(VM *vm, Encoder *e, Value obj, Value *ident)
{
    *ident = VNULL;
    if (e->markers == rt_None)
        return true;
    Value id = rt_int_from_i64(vm, (int64_t)(uintptr_t)obj);
    bool err = false;
    if (!id)
        return false;
    if (rt_dict_get(vm, v_dict(e->markers), id, &err) || err) {
        if (!err)
            rt_raise(vm, &rt_exc_ValueError, "Circular reference detected");
        return false;
    }
    *ident = id;
    return rt_dict_set(vm, v_dict(e->markers), id, obj);
}

static bool mark_leave(VM *vm, Encoder *e, Value ident)
{
    return !ident || rt_dict_del(vm, v_dict(e->markers), ident) >= 0;
}

static bool encode_list(VM *vm, Encoder *e, StrBuf *b, Value seq)
{
    size_t n = v_is(seq, &rt_list_type) || v_isa(seq, &rt_list_type) ? v_list(seq)->len
                                                                     : v_tuple(seq)->len;
    if (n == 0)
        return sb_adds(vm, b, "[]");
    Value ident;
    if (!mark_enter(vm, e, seq, &ident) || !sb_addc(vm, b, '['))
        return false;
    bool is_list = v_isa(seq, &rt_list_type);
    /* A list may change length under a default() call; re-read it each time. */
    for (size_t i = 0; i < (is_list ? v_list(seq)->len : n); i++) {
        if (i && !sb_add_value_str(vm, b, e->item_separator))
            return false;
        Value item = is_list ? v_list(seq)->items[i] : v_tuple(seq)->items[i];
        if (!encode_obj(vm, e, b, item))
            return false;
    }
    return mark_leave(vm, e, ident) && sb_addc(vm, b, ']');
}

/* The str form of a dict key; VNULL with no exception: skip it. */
static Value dict_key_str(VM *vm, Encoder *e, Value key, bool *error)
{
    *error = false;
    if (v_is_str(key))
        return key;
    StrBuf kb;
    sb_init(&kb);
    bool ok;
    if (v_isa(key, &rt_float_type))
        ok = encode_float(vm, e, &kb, v_float(key)->d);
    else if (key == rt_True || key == rt_False || key == rt_None)
        ok = sb_adds(vm, &kb, key == rt_True ? "true" : key == rt_False ? "false" : "null");
    else if (rt_is_int(key))
        ok = encode_int(vm, &kb, key);
    else {
        sb_free(&kb);
        if (e->skipkeys)
            return VNULL;
        *error = true;
        return rt_raise(vm, &rt_exc_TypeError,
                        "keys must be str, int, float, bool or None, not %.100s", rt_type_name(key));
    }
    if (!ok) {
        sb_free(&kb);
        *error = true;
        return VNULL;
    }
    Value r = sb_finish(vm, &kb);
    *error = !r;
    return r;
}

static bool encode_dict(VM *vm, Encoder *e, StrBuf *b, Value dct)
{
    Dict *dd = v_dict(dct);
    if (dd->used == 0)
        return sb_adds(vm, b, "{}");
    Value ident;
    if (!mark_enter(vm, e, dct, &ident) || !sb_addc(vm, b, '{'))
        return false;
    /* A snapshot of the items, as CPython's PyMapping_Items: default() may
     * change the dict.  An exact dict unsorted: keys and values side by side
     * in one tuple; otherwise the list of items() pairs (sorted as tuples). */
    Value flat = VNULL, items = VNULL;
    size_t n;
    if (v_is(dct, &rt_dict_type) && !e->sort_keys) {
        if (!(flat = rt_tuple_new(vm, 2 * dd->used)))
            return false;
        Value k, v;
        n = 0;
        for (size_t pos = 0; rt_dict_next(dd, &pos, &k, &v); n++) {
            v_tuple(flat)->items[2 * n] = k;
            v_tuple(flat)->items[2 * n + 1] = v;
        }
    } else {
        items = rt_call_method(vm, dct, "items", 0, NULL);
        items = items ? rt_list_from_iter(vm, items) : VNULL;
        if (!items || (e->sort_keys && !rt_list_sort(vm, items, rt_None, false)))
            return false;
        n = v_list(items)->len;
    }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        Value key, value;
        if (flat) {
            key = v_tuple(flat)->items[2 * i];
            value = v_tuple(flat)->items[2 * i + 1];
        } else {
            Value item = v_list(items)->items[i];
            if (!v_is(item, &rt_tuple_type) || v_tuple(item)->len != 2) {
                rt_raise(vm, &rt_exc_ValueError, "items must return 2-tuples");
                return false;
            }
            key = v_tuple(item)->items[0];
            value = v_tuple(item)->items[1];
        }
        bool err;
        Value kstr = dict_key_str(vm, e, key, &err);
        if (err)
            return false;
        if (!kstr)
            continue;
        if (!first && !sb_add_value_str(vm, b, e->item_separator))
            return false;
        first = false;
        if (!encode_string(vm, e, b, kstr) || !sb_add_value_str(vm, b, e->key_separator) ||
            !encode_obj(vm, e, b, value))
            return false;
    }
    return mark_leave(vm, e, ident) && sb_addc(vm, b, '}');
}

static bool encode_nested(VM *vm, Encoder *e, StrBuf *b, Value obj, int kind)
{
    if (!rt_enter_c(vm, " while encoding a JSON object"))
        return false;
    bool ok = kind == 0 ? encode_list(vm, e, b, obj) : encode_dict(vm, e, b, obj);
    rt_leave_c(vm);
    return ok;
}

static bool encode_other(VM *vm, Encoder *e, StrBuf *b, Value obj)
{
    Value ident;
    if (!mark_enter(vm, e, obj, &ident))
        return false;
    Value newobj = rt_call1(vm, e->defaultfn, obj);
    if (!newobj || !rt_enter_c(vm, " while encoding a JSON object"))
        return false;
    bool ok = encode_obj(vm, e, b, newobj);
    rt_leave_c(vm);
    return ok && mark_leave(vm, e, ident);
}

static bool encode_obj(VM *vm, Encoder *e, StrBuf *b, Value obj)
{
    if (obj == rt_None)
        return sb_adds(vm, b, "null");
    if (obj == rt_True)
        return sb_adds(vm, b, "true");
    if (obj == rt_False)
        return sb_adds(vm, b, "false");
    if (v_is_str(obj))
        return encode_string(vm, e, b, obj);
    if (rt_is_int(obj))
        return encode_int(vm, b, obj);
    if (v_isa(obj, &rt_float_type))
        return encode_float(vm, e, b, v_float(obj)->d);
    if (v_isa(obj, &rt_list_type) || v_isa(obj, &rt_tuple_type))
        return encode_nested(vm, e, b, obj, 0);
    if (v_isa(obj, &rt_dict_type))
        return encode_nested(vm, e, b, obj, 1);
    return encode_other(vm, e, b, obj);
}

static Value encoder_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"obj", "_current_indent_level", NULL};
    Value v[2];
    if (!rt_parse_args(vm, "_iterencode", argc, argv, kwnames, names, 0, 2, v))
        return VNULL;
    int64_t level;
    if (!mp_as_ssize(vm, v[1], &level))
        return VNULL;
    Encoder *e = (Encoder *)v_obj(self);
    if (e->indent != rt_None)
        return rt_raise(vm, &rt_exc_NotImplementedError, "_json encoder with an indent");
    StrBuf b;
    sb_init(&b);
    if (!encode_obj(vm, e, &b, v[0])) {
        sb_free(&b);
        return VNULL;
    }
    /* CPython 3.11 returns its accumulator's list of chunks; here one chunk. */
    Value s = sb_finish(vm, &b);
    return s ? rt_list_from(vm, 1, &s) : VNULL;
}

static Type encoder_type = {
    .name = "_json.Encoder", .instance_size = sizeof(Encoder), .trace = encoder_trace,
    .call = encoder_call, .flags = TF_BASETYPE,
};

/* ---- the module ------------------------------------------------------------------ */

static const NativeDef json_functions[] = {
    {"scanstring", json_scanstring, NF_KEYWORDS},
    {"encode_basestring_ascii", json_encode_basestring_ascii, NF_KEYWORDS},
    {"encode_basestring", json_encode_basestring, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static NativeFn native_fn_of(Value v)
{
    return v_is(v, &rt_native_type) ? ((NativeFunction *)v_obj(v))->fn : NULL;
}

Value mp_json_module_init(VM *vm)
{
    scanner_type.new = scanner_new;
    encoder_type.new = encoder_new;
    Dict *d;
    Value m = mp_new_module(vm, "_json", &d);
    if (!m || !rt_add_functions(vm, d, json_functions, rt_str_intern_cstr(vm, "_json")))
        return VNULL;
    if (!mp_type_ready(vm, &scanner_type, NULL) || !mp_type_ready(vm, &encoder_type, NULL))
        return VNULL;
    if (!rt_dict_set_cstr(vm, d, "make_scanner", v_from(&scanner_type)) ||
        !rt_dict_set_cstr(vm, d, "make_encoder", v_from(&encoder_type)))
        return VNULL;
    return m;
}
