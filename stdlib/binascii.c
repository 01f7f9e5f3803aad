/* stdlib/binascii.c — the binascii module (used by base64.py, uu, email),
 * after CPython's Modules/binascii.c: hex, base64 (with strict_mode), uu,
 * crc32 and crc_hqx, binascii.Error / binascii.Incomplete with CPython's
 * messages, and quoted-printable (a2b_qp, b2a_qp). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static Value binascii_error, binascii_incomplete;

static Value raise_error(VM *vm, const char *msg)
{
    Value s = rt_str_from_cstr(vm, msg);
    Value e = s ? rt_call1(vm, binascii_error, s) : VNULL;
    return e ? rt_raise_value(vm, e) : VNULL;
}

/* ---- argument kinds ---------------------------------------------------------------- */

typedef struct Buf {
    const uint8_t *p;
    size_t n;
} Buf;

/* b2a_* input: any bytes-like object, read transiently: no Python may run
 * while the pointer is held, so a caller that converts more arguments after
 * it (which may run __index__/__bool__) fetches the buffer again. */
static bool bytes_arg(VM *vm, Value v, Buf *b)
{
    RtBuffer rb;
    if (!rt_get_buffer(vm, v, &rb, 0))
        return false;
    b->p = rb.ptr;
    b->n = rb.len;
    return true;
}

/* a2b_* input: bytes or an ASCII-only str. */
static bool ascii_arg(VM *vm, Value v, Buf *b)
{
    if (v_is_str(v)) {
        if (!v_str(v)->ascii) {
            rt_raise(vm, &rt_exc_ValueError, "string argument should contain only ASCII characters");
            return false;
        }
        b->p = (const uint8_t *)v_cstr(v);
        b->n = v_str(v)->len;
        return true;
    }
    if (rt_has_buffer(v))
        return bytes_arg(vm, v, b);
    rt_raise(vm, &rt_exc_TypeError, "argument should be bytes, buffer or ASCII string, not '%s'",
             rt_type_name(v));
    return false;
}

/* Output through a malloc'd scratch buffer turned into bytes at the end. */
static Value finish(VM *vm, uint8_t *out, size_t n)
{
    Value r = rt_bytes_new(vm, out, n);
    free(out);
    return r;
}

static uint8_t *scratch(VM *vm, size_t n)
{
    uint8_t *p = malloc(n ? n : 1);
    if (!p)
        rt_no_memory(vm);
    return p;
}

/* ---- hex ------------------------------------------------------------------------------ */

static Value do_hexlify(VM *vm, const char *fname, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"data", "sep", "bytes_per_sep", NULL};
    Value a[3];
    Buf b;
    if (!rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 1, a) || !bytes_arg(vm, a[0], &b))
        return VNULL;
    int64_t per = 1;
    char sep = 0;
    if (a[1]) {
        int64_t n = rt_len(vm, a[1]);
        if (n < 0)
            return VNULL;
        if (n != 1)
            return rt_raise(vm, &rt_exc_ValueError, "sep must be length 1.");
        if (v_is_str(a[1])) {
            if (!v_str(a[1])->ascii)
                return rt_raise(vm, &rt_exc_ValueError, "sep must be ASCII.");
            sep = v_cstr(a[1])[0];
        } else if (rt_isinstance_type(a[1], &rt_bytes_type)) {
            sep = (char)((Bytes *)v_obj(a[1]))->data[0];
        } else {
            return rt_raise(vm, &rt_exc_TypeError, "sep must be str or bytes.");
        }
    }
    if (a[2] && !mp_as_ssize(vm, a[2], &per))
        return VNULL;
    static const char hexdig[] = "0123456789abcdef";
    size_t group = per < 0 ? (size_t)-per : (size_t)per;
    bool use_sep = a[1] && group && b.n;
    size_t nsep = use_sep ? (b.n - 1) / group : 0;
    uint8_t *out = scratch(vm, b.n * 2 + nsep);
    if (!out)
        return VNULL;
    size_t o = 0;
    for (size_t i = 0; i < b.n; i++) {
        /* Groups count from the right for a positive bytes_per_sep. */
        if (use_sep && i) {
            size_t from_end = b.n - i;
            if (per > 0 ? from_end % group == 0 : i % group == 0)
                out[o++] = (uint8_t)sep;
        }
        out[o++] = (uint8_t)hexdig[b.p[i] >> 4];
        out[o++] = (uint8_t)hexdig[b.p[i] & 15];
    }
    return finish(vm, out, o);
}

static Value ba_hexlify(VM *vm, int argc, Value *argv, Value kw)
{
    return do_hexlify(vm, "hexlify", argc, argv, kw);
}

static Value ba_b2a_hex(VM *vm, int argc, Value *argv, Value kw)
{
    return do_hexlify(vm, "b2a_hex", argc, argv, kw);
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static Value do_unhexlify(VM *vm, const char *qname, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"hexstr", NULL};
    Value a;
    Buf b;
    if (!rt_parse_args(vm, qname, argc, argv, kwnames, names, 0, 1, &a) || !ascii_arg(vm, a, &b))
        return VNULL;
    if (b.n % 2)
        return raise_error(vm, "Odd-length string");
    uint8_t *out = scratch(vm, b.n / 2);
    if (!out)
        return VNULL;
    for (size_t i = 0; i < b.n; i += 2) {
        int hi = hexval(b.p[i]), lo = hexval(b.p[i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return raise_error(vm, "Non-hexadecimal digit found");
        }
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return finish(vm, out, b.n / 2);
}

static Value ba_unhexlify(VM *vm, int argc, Value *argv, Value kw)
{
    return do_unhexlify(vm, "unhexlify", argc, argv, kw);
}

static Value ba_a2b_hex(VM *vm, int argc, Value *argv, Value kw)
{
    return do_unhexlify(vm, "a2b_hex", argc, argv, kw);
}

/* ---- base64 ------------------------------------------------------------------------- */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64val(uint8_t c)
{
    const char *p = c ? strchr(b64chars, c) : NULL;
    return p ? (int)(p - b64chars) : -1;
}

/* The keyword-only flag of a one-positional-argument function. */
static bool one_pos_one_flag(VM *vm, const char *fname, const char *flag, int argc, Value *argv,
                             Value kwnames, Value *data, bool *value, bool dflt)
{
    static const char *names[3] = {"data", NULL, NULL};
    names[1] = flag;
    Value a[2];
    if (argc > 1) {
        rt_raise(vm, &rt_exc_TypeError, "%s() takes exactly 1 positional argument (%d given)",
                 fname, argc);
        return false;
    }
    if (!rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 1, a))
        return false;
    *data = a[0];
    *value = dflt;
    if (a[1]) {
        int t = rt_truthy(vm, a[1]);
        if (t < 0)
            return false;
        *value = t;
    }
    return true;
}

static Value ba_b2a_base64(VM *vm, int argc, Value *argv, Value kw)
{
    Value data;
    bool newline;
    Buf b;
    if (!one_pos_one_flag(vm, "b2a_base64", "newline", argc, argv, kw, &data, &newline, true) ||
        !bytes_arg(vm, data, &b))
        return VNULL;
    uint8_t *out = scratch(vm, (b.n + 2) / 3 * 4 + 1);
    if (!out)
        return VNULL;
    size_t o = 0, i = 0;
    for (; i + 2 < b.n; i += 3) {
        uint32_t v = (uint32_t)b.p[i] << 16 | (uint32_t)b.p[i + 1] << 8 | b.p[i + 2];
        out[o++] = (uint8_t)b64chars[v >> 18];
        out[o++] = (uint8_t)b64chars[(v >> 12) & 63];
        out[o++] = (uint8_t)b64chars[(v >> 6) & 63];
        out[o++] = (uint8_t)b64chars[v & 63];
    }
    if (i < b.n) {
        uint32_t v = (uint32_t)b.p[i] << 16 | (i + 1 < b.n ? (uint32_t)b.p[i + 1] << 8 : 0);
        out[o++] = (uint8_t)b64chars[v >> 18];
        out[o++] = (uint8_t)b64chars[(v >> 12) & 63];
        out[o++] = i + 1 < b.n ? (uint8_t)b64chars[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    if (newline)
        out[o++] = '\n';
    return finish(vm, out, o);
}

/* CPython's decoder: invalid characters are skipped (errors in strict
 * mode); padding ends the data once a quad is complete. */
static Value ba_a2b_base64(VM *vm, int argc, Value *argv, Value kw)
{
    Value data;
    bool strict;
    Buf b;
    if (!one_pos_one_flag(vm, "a2b_base64", "strict_mode", argc, argv, kw, &data, &strict, false) ||
        !ascii_arg(vm, data, &b))
        return VNULL;
    if (strict && b.n > 0 && b.p[0] == '=')
        return raise_error(vm, "Leading padding not allowed");
    uint8_t *out = scratch(vm, b.n / 4 * 3 + 3);
    if (!out)
        return VNULL;
    size_t o = 0;
    int quad = 0, pads = 0;
    bool padding_started = false;
    unsigned leftchar = 0;
    const char *err = NULL;
    for (size_t i = 0; i < b.n && !err; i++) {
        uint8_t c = b.p[i];
        if (c == '=') {
            padding_started = true;
            if (strict && quad == 0) {
                err = "Excess padding not allowed";
                break;
            }
            if (quad >= 2 && quad + ++pads >= 4) {
                if (strict && i + 1 < b.n)
                    err = "Excess data after padding";
                goto done;
            }
            continue;
        }
        int v = b64val(c);
        if (v < 0) {
            if (strict)
                err = "Only base64 data is allowed";
            continue;
        }
        if (strict && padding_started) {
            err = "Discontinuous padding not allowed";
            break;
        }
        pads = 0;
        switch (quad) {
        case 0: quad = 1; leftchar = (unsigned)v; break;
        case 1: quad = 2; out[o++] = (uint8_t)(leftchar << 2 | (unsigned)v >> 4); leftchar = (unsigned)v & 0x0f; break;
        case 2: quad = 3; out[o++] = (uint8_t)(leftchar << 4 | (unsigned)v >> 2); leftchar = (unsigned)v & 0x03; break;
        default: quad = 0; out[o++] = (uint8_t)(leftchar << 6 | (unsigned)v); leftchar = 0; break;
        }
    }
    if (!err && quad == 1) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 more "
                 "than a multiple of 4",
                 o / 3 * 4 + 1);
        free(out);
        return raise_error(vm, msg);
    }
    if (!err && quad != 0)
        err = "Incorrect padding";
done:
    if (err) {
        free(out);
        return raise_error(vm, err);
    }
    return finish(vm, out, o);
}

/* ---- uu -------------------------------------------------------------------------------- */

static Value ba_b2a_uu(VM *vm, int argc, Value *argv, Value kw)
{
    Value data;
    bool backtick;
    Buf b;
    if (!one_pos_one_flag(vm, "b2a_uu", "backtick", argc, argv, kw, &data, &backtick, false) ||
        !bytes_arg(vm, data, &b))
        return VNULL;
    if (b.n > 45)
        return raise_error(vm, "At most 45 bytes at once");
    uint8_t *out = scratch(vm, 2 + (b.n + 2) / 3 * 4);
    if (!out)
        return VNULL;
    size_t o = 0;
    out[o++] = backtick && !b.n ? '`' : (uint8_t)(' ' + b.n);
    unsigned leftchar = 0;
    int leftbits = 0;
    for (int64_t len = (int64_t)b.n, i = 0; len > 0 || leftbits != 0; len--, i++) {
        leftchar = (leftchar << 8) | (len > 0 ? b.p[i] : 0);
        leftbits += 8;
        while (leftbits >= 6) {
            unsigned ch = (leftchar >> (leftbits - 6)) & 0x3f;
            leftbits -= 6;
            out[o++] = backtick && !ch ? '`' : (uint8_t)(ch + ' ');
        }
    }
    out[o++] = '\n';
    return finish(vm, out, o);
}

static Value ba_a2b_uu(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"data", NULL};
    Value a;
    Buf b;
    if (!rt_parse_args(vm, "a2b_uu", argc, argv, kw, names, 1, 1, &a) || !ascii_arg(vm, a, &b))
        return VNULL;
    const uint8_t *p = b.p;
    int64_t len = (int64_t)b.n;
    /* The first byte is the length (an empty line reads as its NUL). */
    size_t binlen = ((unsigned)(len > 0 ? *p : 0) - ' ') & 077;
    p++;
    len--;
    uint8_t *out = scratch(vm, binlen);
    if (!out)
        return VNULL;
    size_t o = 0;
    unsigned leftchar = 0;
    int leftbits = 0;
    for (; binlen > 0; len--, p++) {
        unsigned ch = len > 0 ? *p : 0;
        if (ch == '\n' || ch == '\r' || len <= 0) {
            ch = 0;
        } else {
            if (ch < ' ' || ch > ' ' + 64) {
                free(out);
                return raise_error(vm, "Illegal char");
            }
            ch = (ch - ' ') & 077;
        }
        leftchar = (leftchar << 6) | ch;
        leftbits += 6;
        if (leftbits >= 8) {
            leftbits -= 8;
            out[o++] = (uint8_t)(leftchar >> leftbits);
            leftchar &= (1u << leftbits) - 1;
            binlen--;
        }
    }
    while (len-- > 0) {
        unsigned ch = *p++;
        if (ch != ' ' && ch != ' ' + 64 && ch != '\n' && ch != '\r') {
            free(out);
            return raise_error(vm, "Trailing garbage");
        }
    }
    return finish(vm, out, o);
}

/* ---- checksums ---------------------------------------------------------------------- */

static uint32_t crc32_table[256];
static uint16_t crc_hqx_table[256];

static void make_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc32_table[i] = c;
        uint16_t h = (uint16_t)(i << 8);
        for (int k = 0; k < 8; k++)
            h = (uint16_t)(h & 0x8000 ? (h << 1) ^ 0x1021 : h << 1);
        crc_hqx_table[i] = h;
    }
}

/* An unsigned int argument taken modulo 2**32 (Clinic's bitwise converter). */
static bool masked_u32(VM *vm, Value v, uint32_t *out)
{
    Value i = rt_index(vm, v);
    Value m = i ? rt_int_binop(vm, BIN_AND, i, rt_int_from_i64(vm, 0xffffffff)) : VNULL;
    if (!m)
        return false;
    *out = (uint32_t)v_small(m);
    return true;
}

static Value ba_crc32(VM *vm, int argc, Value *argv, Value kw)
{
    Buf b;
    uint32_t crc = 0;
    if (!mp_check_positional(vm, "crc32", argc, 1, 2) || !bytes_arg(vm, argv[0], &b) ||
        (argc == 2 && !masked_u32(vm, argv[1], &crc)) || !bytes_arg(vm, argv[0], &b))
        return VNULL;
    crc = ~crc;
    for (size_t i = 0; i < b.n; i++)
        crc = crc32_table[(crc ^ b.p[i]) & 0xff] ^ (crc >> 8);
    return rt_int_from_i64(vm, (int64_t)(uint32_t)~crc);
}

static Value ba_crc_hqx(VM *vm, int argc, Value *argv, Value kw)
{
    Buf b;
    uint32_t crc;
    if (!mp_check_positional(vm, "crc_hqx", argc, 2, 2) || !bytes_arg(vm, argv[0], &b) ||
        !masked_u32(vm, argv[1], &crc) || !bytes_arg(vm, argv[0], &b))
        return VNULL;
    crc &= 0xffff;
    for (size_t i = 0; i < b.n; i++)
        crc = ((crc << 8) & 0xff00) ^ crc_hqx_table[((crc >> 8) ^ b.p[i]) & 0xff];
    return v_from_small(crc);
}

/* ---- quoted-printable -------------------------------------------------------------- */

static bool flag_arg(VM *vm, Value v, bool dflt, bool *out)
{
    int t = v ? rt_truthy(vm, v) : dflt;
    if (t < 0)
        return false;
    *out = t;
    return true;
}

static Value ba_a2b_qp(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"data", "header", NULL};
    Value a[2];
    Buf b;
    bool header;
    if (!rt_parse_args(vm, "a2b_qp", argc, argv, kw, names, 0, 1, a) || !ascii_arg(vm, a[0], &b) ||
        !flag_arg(vm, a[1], false, &header) || !ascii_arg(vm, a[0], &b))
        return VNULL;
    uint8_t *out = scratch(vm, b.n);
    if (!out)
        return VNULL;
    size_t i = 0, o = 0, n = b.n;
    const uint8_t *d = b.p;
    while (i < n) {
        if (d[i] == '=') {
            if (++i >= n)
                break;
            if (d[i] == '\n' || d[i] == '\r') { /* soft line break */
                while (i < n && d[i] != '\n')
                    i++;
                if (i < n)
                    i++;
            } else if (d[i] == '=') { /* broken encoders double the '=' */
                out[o++] = '=';
                i++;
            } else if (i + 1 < n && hexval(d[i]) >= 0 && hexval(d[i + 1]) >= 0) {
                out[o++] = (uint8_t)(hexval(d[i]) << 4 | hexval(d[i + 1]));
                i += 2;
            } else {
                out[o++] = '=';
            }
        } else if (header && d[i] == '_') {
            out[o++] = ' ';
            i++;
        } else {
            out[o++] = d[i++];
        }
    }
    return finish(vm, out, o);
}

#define QP_MAXLINE 76

/* CPython's encoder: lines of at most 76 characters with '=' soft breaks,
 * the line ends of the input kept (CRLF if the first line end is one). */
static Value ba_b2a_qp(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"data", "quotetabs", "istext", "header", NULL};
    static const char hexu[] = "0123456789ABCDEF";
    Value a[4];
    Buf b;
    bool quotetabs, istext, header;
    if (!rt_parse_args(vm, "b2a_qp", argc, argv, kw, names, 0, 1, a) || !bytes_arg(vm, a[0], &b) ||
        !flag_arg(vm, a[1], false, &quotetabs) || !flag_arg(vm, a[2], true, &istext) ||
        !flag_arg(vm, a[3], false, &header) || !bytes_arg(vm, a[0], &b))
        return VNULL;
    const uint8_t *d = b.p;
    size_t n = b.n;
    const uint8_t *nl = memchr(d, '\n', n);
    bool crlf = nl && nl > d && nl[-1] == '\r';
    uint8_t *out = scratch(vm, n * 6 + 4);
    if (!out)
        return VNULL;
    size_t i = 0, o = 0, linelen = 0;
    while (i < n) {
        uint8_t c = d[i];
        bool last = i + 1 == n;
        bool encode = c > 126 || c == '=' || (header && c == '_') ||
                      (c == '.' && linelen == 0 &&
                       (last || d[i + 1] == '\n' || d[i + 1] == '\r' || d[i + 1] == 0)) ||
                      (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && last) ||
                      (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
        if (encode) {
            if (linelen + 3 >= QP_MAXLINE) {
                out[o++] = '=';
                if (crlf)
                    out[o++] = '\r';
                out[o++] = '\n';
                linelen = 0;
            }
            out[o++] = '=';
            out[o++] = (uint8_t)hexu[c >> 4];
            out[o++] = (uint8_t)hexu[c & 15];
            i++;
            linelen += 3;
        } else if (istext && (c == '\n' || (i + 1 < n && c == '\r' && d[i + 1] == '\n'))) {
            linelen = 0;
            /* Whitespace at the end of a line is encoded. */
            if (o && (out[o - 1] == ' ' || out[o - 1] == '\t')) {
                uint8_t w = out[o - 1];
                out[o - 1] = '=';
                out[o++] = (uint8_t)hexu[w >> 4];
                out[o++] = (uint8_t)hexu[w & 15];
            }
            if (crlf)
                out[o++] = '\r';
            out[o++] = '\n';
            i += c == '\r' ? 2 : 1;
        } else {
            if (!last && d[i + 1] != '\n' && linelen + 1 >= QP_MAXLINE) {
                out[o++] = '=';
                if (crlf)
                    out[o++] = '\r';
                out[o++] = '\n';
                linelen = 0;
            }
            linelen++;
            out[o++] = header && c == ' ' ? '_' : c;
            i++;
        }
    }
    return finish(vm, out, o);
}

/* ---- the module ------------------------------------------------------------------------- */

static const NativeDef binascii_functions[] = {
    {"a2b_uu", ba_a2b_uu, NF_KEYWORDS},
    {"b2a_uu", ba_b2a_uu, NF_KEYWORDS},
    {"a2b_base64", ba_a2b_base64, NF_KEYWORDS},
    {"b2a_base64", ba_b2a_base64, NF_KEYWORDS},
    {"crc_hqx", ba_crc_hqx, 0},
    {"crc32", ba_crc32, 0},
    {"b2a_hex", ba_b2a_hex, NF_KEYWORDS},
    {"hexlify", ba_hexlify, NF_KEYWORDS},
    {"a2b_hex", ba_a2b_hex, NF_KEYWORDS},
    {"unhexlify", ba_unhexlify, NF_KEYWORDS},
    {"a2b_qp", ba_a2b_qp, NF_KEYWORDS},
    {"b2a_qp", ba_b2a_qp, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static Value make_exception(VM *vm, const char *name, Type *base)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(base)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "binascii")))
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, name), bases, ns);
}

Value mp_binascii_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "binascii", &d);
    if (!m || !rt_add_functions(vm, d, binascii_functions, rt_str_intern_cstr(vm, "binascii")))
        return VNULL;
    if (!binascii_error) {
        make_tables();
        rt_gc_add_root(vm, &binascii_error);
        rt_gc_add_root(vm, &binascii_incomplete);
        if (!(binascii_error = make_exception(vm, "Error", &rt_exc_ValueError)) ||
            !(binascii_incomplete = make_exception(vm, "Incomplete", &rt_exc_Exception)))
            return VNULL;
    }
    if (!rt_dict_set_cstr(vm, d, "Error", binascii_error) ||
        !rt_dict_set_cstr(vm, d, "Incomplete", binascii_incomplete))
        return VNULL;
    return m;
}
