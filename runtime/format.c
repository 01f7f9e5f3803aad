/* runtime/format.c — the format-spec mini-language (format(), f-strings,
 * str.format) and printf-style `str % args`, matching CPython 3.11's output
 * and error messages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/complex.h"

/* ---- spec parsing ------------------------------------------------------------------ */

typedef struct Spec {
    char fill[5];      /* UTF-8 of the fill character */
    size_t fill_len;
    char align;        /* 0 (default), '<', '>', '^', '=' */
    char sign;         /* 0, '+', '-', ' ' */
    bool z, alt;
    int64_t width;     /* -1: none */
    char grouping;     /* 0, ',', '_' */
    int64_t precision; /* -1: none */
    char type;         /* 0: none */
} Spec;

static bool is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

/* The width and the precision of a spec: a run of digits at s[*i], at most INT32_MAX. */
static bool parse_count(VM *vm, const char *s, size_t n, size_t *i, int64_t *out)
{
    int64_t v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        v = v * 10 + (s[(*i)++] - '0');
        if (v > INT32_MAX) {
            rt_raise(vm, &rt_exc_ValueError, "Too many decimal digits in format string");
            return false;
        }
    }
    *out = v;
    return true;
}

static bool parse_spec(VM *vm, const char *s, size_t n, Spec *sp, char default_align, Value obj)
{
    memset(sp, 0, sizeof *sp);
    sp->fill[0] = ' ';
    sp->fill_len = 1;
    sp->width = sp->precision = -1;
    size_t i = 0;
    bool fill_given = false;
    uint32_t cp;
    size_t k = n ? rt_utf8_decode(s, n, &cp) : 0;
    if (k && k < n && is_align(s[k])) {
        memcpy(sp->fill, s, k);
        sp->fill_len = k;
        sp->align = s[k];
        fill_given = true;
        i = k + 1;
    } else if (n && is_align(s[0])) {
        sp->align = s[0];
        i = 1;
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        sp->sign = s[i++];
    if (i < n && s[i] == 'z') {
        sp->z = true;
        i++;
    }
    if (i < n && s[i] == '#') {
        sp->alt = true;
        i++;
    }
    if (i < n && s[i] == '0') {
        if (!fill_given) {
            sp->fill[0] = '0';
            sp->fill_len = 1;
            if (!sp->align && default_align == '>')
                sp->align = '=';
        }
        i++;
    }
    if (i < n && s[i] >= '0' && s[i] <= '9' && !parse_count(vm, s, n, &i, &sp->width))
        return false;
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        sp->grouping = s[i++];
        if (i < n && (s[i] == ',' || s[i] == '_')) {
            rt_raise(vm, &rt_exc_ValueError, "Cannot specify both ',' and '_'.");
            return false;
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            rt_raise(vm, &rt_exc_ValueError, "Format specifier missing precision");
            return false;
        }
        if (!parse_count(vm, s, n, &i, &sp->precision))
            return false;
    }
    if (n - i > 1 || (n - i == 1 && (unsigned char)s[i] >= 0x80)) {
        rt_raise(vm, &rt_exc_ValueError, "Invalid format specifier '%.*s' for object of type '%s'", (int)n, s,
                 rt_type_name(obj));
        return false;
    }
    if (i < n)
        sp->type = s[i];
    if (!sp->align)
        sp->align = default_align;
    return true;
}

/* ---- padding and assembly ---------------------------------------------------------------- */

static bool add_fill(VM *vm, StrBuf *b, const Spec *sp, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (!sb_add(vm, b, sp->fill, sp->fill_len))
            return false;
    return true;
}

/* Digits grouped with sep every `every` from the right; min_len > 0 pads
 * with zeros (themselves grouped) until the result is at least that long. */
static bool add_grouped(VM *vm, StrBuf *b, const char *d, size_t n, char sep, int every, int64_t min_len)
{
    if (!sep) {
        for (int64_t z = (int64_t)n; z < min_len; z++)
            if (!sb_addc(vm, b, '0'))
                return false;
        return sb_add(vm, b, d, n);
    }
    size_t total = n;
    for (;;) { /* digits after zero padding */
        size_t glen = total + (total ? (total - 1) / (size_t)every : 0);
        if ((int64_t)glen >= min_len)
            break;
        total++;
    }
    for (size_t i = 0; i < total; i++) {
        if (i && (total - i) % (size_t)every == 0 && !sb_addc(vm, b, sep))
            return false;
        char c = i < total - n ? '0' : d[i - (total - n)];
        if (!sb_addc(vm, b, c))
            return false;
    }
    return true;
}

/* sign + prefix + grouped(intpart) + tail, padded per spec. */
static Value assemble(VM *vm, const Spec *sp, const char *sign, const char *prefix, const char *ip, size_t ipn,
                      const char *tail, size_t tailn, int every)
{
    size_t lead = strlen(sign) + strlen(prefix);
    size_t grouped = ipn + (sp->grouping && ipn ? (ipn - 1) / (size_t)every : 0);
    int64_t len = (int64_t)(lead + grouped + tailn);
    int64_t padn = sp->width > len ? sp->width - len : 0;
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    if (sp->align == '=' && sp->fill_len == 1 && sp->fill[0] == '0' && sp->grouping) {
        ok = sb_adds(vm, &b, sign) && sb_adds(vm, &b, prefix) &&
             add_grouped(vm, &b, ip, ipn, sp->grouping, every, sp->width - (int64_t)(lead + tailn)) &&
             sb_add(vm, &b, tail, tailn);
    } else {
        int64_t left = 0, right = 0;
        switch (sp->align) {
        case '<': right = padn; break;
        case '^': left = padn / 2; right = padn - left; break;
        default: left = padn; break;
        }
        if (sp->align == '=')
            ok = sb_adds(vm, &b, sign) && sb_adds(vm, &b, prefix) && add_fill(vm, &b, sp, padn);
        else
            ok = add_fill(vm, &b, sp, left) && sb_adds(vm, &b, sign) && sb_adds(vm, &b, prefix);
        ok = ok && add_grouped(vm, &b, ip, ipn, sp->grouping, every, 0) && sb_add(vm, &b, tail, tailn) &&
             add_fill(vm, &b, sp, right);
    }
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* ---- str ---------------------------------------------------------------------------------- */

static Value format_str_spec(VM *vm, Value v, const Spec *sp)
{
    if (sp->type && sp->type != 's')
        return rt_raise(vm, &rt_exc_ValueError, "Unknown format code '%c' for object of type 'str'", sp->type);
    if (sp->sign)
        return rt_raise(vm, &rt_exc_ValueError, "Sign not allowed in string format specifier");
    if (sp->alt)
        return rt_raise(vm, &rt_exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (sp->z)
        return rt_raise(vm, &rt_exc_ValueError, "Negative zero coercion (z) not allowed in format specifier");
    if (sp->align == '=')
        return rt_raise(vm, &rt_exc_ValueError, "'=' alignment not allowed in string format specifier");
    if (sp->grouping)
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify '%c' with 's'.", sp->grouping);
    Str *s = v_str(v);
    size_t nbytes = s->len, nchars = s->nchars;
    if (sp->precision >= 0 && (size_t)sp->precision < nchars) {
        nchars = (size_t)sp->precision;
        nbytes = rt_str_offset(s, nchars);
    }
    if (sp->width <= (int64_t)nchars) {
        if (nbytes == s->len)
            return v;
        return rt_str_substr(vm, v, 0, nbytes);
    }
    int64_t padn = sp->width - (int64_t)nchars, left = 0, right = 0;
    if (sp->align == '>')
        left = padn;
    else if (sp->align == '^') {
        left = padn / 2;
        right = padn - left;
    } else
        right = padn;
    StrBuf b;
    sb_init(&b);
    if (!add_fill(vm, &b, sp, left) || !sb_add(vm, &b, s->data, nbytes) || !add_fill(vm, &b, sp, right)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

Value rt_format_str(VM *vm, Value v, const char *spec, size_t speclen)
{
    if (speclen == 0)
        return v;
    Spec sp;
    if (!parse_spec(vm, spec, speclen, &sp, '<', v))
        return VNULL;
    return format_str_spec(vm, v, &sp);
}

/* ---- numbers ------------------------------------------------------------------------------- */

static const char *sign_of(bool neg, char sign)
{
    if (neg)
        return "-";
    return sign == '+' ? "+" : sign == ' ' ? " " : "";
}

static Value format_int_spec(VM *vm, Value v, const Spec *sp)
{
    char t = sp->type ? sp->type : 'd';
    if (sp->precision >= 0)
        return rt_raise(vm, &rt_exc_ValueError, "Precision not allowed in integer format specifier");
    if (sp->z)
        return rt_raise(vm, &rt_exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    int base = 10, every = 3;
    const char *prefix = "";
    switch (t) {
    case 'd': case 'n': break;
    case 'b': base = 2; every = 4; prefix = "0b"; break;
    case 'o': base = 8; every = 4; prefix = "0o"; break;
    case 'x': base = 16; every = 4; prefix = "0x"; break;
    case 'X': base = 16; every = 4; prefix = "0X"; break;
    case 'c': {
        if (sp->sign)
            return rt_raise(vm, &rt_exc_ValueError, "Sign not allowed with integer format specifier 'c'");
        if (sp->alt)
            return rt_raise(vm, &rt_exc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
        int64_t c;
        if (rt_int_is_big(v) || !rt_as_i64(vm, v, &c) || c < 0 || c > 0x10FFFF) {
            if (vm->exc)
                vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_OverflowError, "%%c arg not in range(0x110000)");
        }
        Value ch = rt_str_char(vm, (uint32_t)c);
        if (!ch)
            return VNULL;
        Spec s2 = *sp;
        s2.type = 's';
        s2.sign = 0;
        if (s2.align == '=')
            s2.align = '>';
        return format_str_spec(vm, ch, &s2);
    }
    default:
        return rt_raise(vm, &rt_exc_ValueError, "Unknown format code '%c' for object of type '%s'", t,
                        rt_type_name(v));
    }
    if (sp->grouping && (t == 'n' || (base != 10 && sp->grouping == ',')))
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify '%c' with '%c'.", sp->grouping, t);
    bool neg = rt_int_sign(v) < 0;
    Value absv = neg ? rt_int_neg(vm, v) : v;
    if (!absv)
        return VNULL;
    Value ds = base == 10 ? rt_int_repr(vm, absv) : rt_int_to_base(vm, absv, base, false);
    if (!ds)
        return VNULL;
    Str *d = v_str(ds);
    char *digits = d->data;
    char upper[64];
    char *heap = NULL;
    if (t == 'X') {
        heap = d->len < sizeof upper ? upper : malloc(d->len + 1);
        if (!heap)
            return rt_no_memory(vm);
        for (size_t i = 0; i < d->len; i++)
            heap[i] = (char)((d->data[i] >= 'a' && d->data[i] <= 'f') ? d->data[i] - 32 : d->data[i]);
        digits = heap;
    }
    Value r = assemble(vm, sp, sign_of(neg, sp->sign), sp->alt ? prefix : "", digits, d->len, "", 0, every);
    if (heap && heap != upper)
        free(heap);
    return r;
}

/* Python's '' float presentation with a precision: like 'g' but switching
 * to exponent one digit earlier and always showing a fractional digit. */
static int float_g_adddot(double x, int p, bool alt, char *out, size_t cap)
{
    if (p == 0)
        p = 1;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", p - 1, x);
    char digits[64];
    int nd = 0;
    char *e = strchr(buf, 'e');
    for (char *c = buf; c < e; c++)
        if (*c >= '0' && *c <= '9')
            digits[nd++] = *c;
    int ex = atoi(e + 1);
    if (!alt)
        while (nd > 1 && digits[nd - 1] == '0')
            nd--;
    char *o = out;
    if (ex < -4 || ex >= p - 1) {
        *o++ = digits[0];
        if (nd > 1 || alt) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        o += snprintf(o, cap - (size_t)(o - out), "e%c%02d", ex < 0 ? '-' : '+', ex < 0 ? -ex : ex);
    } else if (ex < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -ex - 1; i++)
            *o++ = '0';
        memcpy(o, digits, (size_t)nd);
        o += nd;
    } else {
        for (int i = 0; i <= ex; i++)
            *o++ = i < nd ? digits[i] : '0';
        *o++ = '.';
        if (nd > ex + 1) {
            memcpy(o, digits + ex + 1, (size_t)(nd - ex - 1));
            o += nd - ex - 1;
        } else {
            *o++ = '0';
        }
    }
    *o = 0;
    return (int)(o - out);
}

static Value format_float_spec(VM *vm, double x, const Spec *sp, Value obj)
{
    char t = sp->type;
    switch (t) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default:
        return rt_raise(vm, &rt_exc_ValueError, "Unknown format code '%c' for object of type '%s'", t,
                        rt_type_name(obj));
    }
    if (sp->grouping && t == 'n')
        return rt_raise(vm, &rt_exc_ValueError, "Cannot specify '%c' with 'n'.", sp->grouping);
    bool neg = signbit(x) && !isnan(x);
    double ax = fabs(x);
    int prec = sp->precision < 0 ? 6 : (int)sp->precision;
    char *buf = NULL;
    size_t cap = 0;
    int n;
    bool upper = t == 'E' || t == 'F' || t == 'G';
    if (!isfinite(ax)) {
        cap = 8;
        buf = malloc(cap);
        if (!buf)
            return rt_no_memory(vm);
        n = snprintf(buf, cap, "%s%s", isnan(ax) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"),
                     t == '%' ? "%" : "");
    } else {
        cap = (size_t)prec + 400;
        buf = malloc(cap);
        if (!buf)
            return rt_no_memory(vm);
        if (t == 0 && sp->precision < 0) {
            Value r = rt_float_repr(vm, ax);
            if (!r) {
                free(buf);
                return VNULL;
            }
            n = snprintf(buf, cap, "%s", v_cstr(r));
        } else if (t == 0) {
            n = float_g_adddot(ax, prec, sp->alt, buf, cap);
        } else {
            char fmt[8] = "%";
            size_t fl = 1;
            if (sp->alt)
                fmt[fl++] = '#';
            fmt[fl++] = '.';
            fmt[fl++] = '*';
            fmt[fl++] = t == '%' ? 'f' : t == 'n' ? 'g' : t;
            fmt[fl] = 0;
            int p = prec;
            if ((t == 'g' || t == 'G' || t == 'n') && p == 0)
                p = 1;
            n = snprintf(buf, cap, fmt, p, t == '%' ? ax * 100 : ax);
            if (t == '%')
                buf[n++] = '%', buf[n] = 0;
        }
    }
    if (neg && sp->z && isfinite(x)) { /* negative zero coercion: drop the sign if every digit is 0 */
        bool allzero = true;
        for (int i = 0; i < n && buf[i] != 'e' && buf[i] != 'E'; i++)
            if (buf[i] >= '1' && buf[i] <= '9')
                allzero = false;
        if (allzero)
            neg = false;
    }
    size_t ipn = 0;
    while ((int)ipn < n && buf[ipn] >= '0' && buf[ipn] <= '9')
        ipn++;
    Value r = assemble(vm, sp, sign_of(neg, sp->sign), "", buf, ipn, buf + ipn, (size_t)n - ipn, 3);
    free(buf);
    return r;
}

/* One part of a formatted complex: the float formatted without padding;
 * the repr-like presentation (no type, no precision) drops the ".0". */
static Value complex_part(VM *vm, double x, const Spec *base, char sign, Value obj)
{
    Spec sp = *base;
    sp.width = -1;
    sp.align = '<';
    sp.sign = sign;
    Value r = format_float_spec(vm, x, &sp, obj);
    if (!r || sp.type || sp.precision >= 0)
        return r;
    Str *s = v_str(r);
    if (s->len >= 2 && s->data[s->len - 2] == '.' && s->data[s->len - 1] == '0')
        return rt_str_substr(vm, r, 0, s->len - (sp.alt ? 1 : 2)); /* '#' keeps the point: "3." */
    if (sp.alt && isfinite(x) && !memchr(s->data, '.', s->len)) { /* "1e+16" -> "1.e+16" */
        const char *e = memchr(s->data, 'e', s->len);
        size_t at = e ? (size_t)(e - s->data) : s->len;
        StrBuf b;
        sb_init(&b);
        if (!sb_add(vm, &b, s->data, at) || !sb_addc(vm, &b, '.') || !sb_add(vm, &b, s->data + at, s->len - at)) {
            sb_free(&b);
            return VNULL;
        }
        return sb_finish(vm, &b);
    }
    return r;
}

/* format(complex, spec) as CPython's format_complex_internal: no '%', no
 * zero padding or '=' alignment; without a type, like str() (parentheses
 * unless the real part is +0) but honouring width and sign. */
Value rt_format_complex(VM *vm, Value obj, double re, double im, const char *spec, size_t speclen)
{
    if (speclen == 0)
        return rt_str(vm, obj);
    Spec sp;
    if (!parse_spec(vm, spec, speclen, &sp, '>', obj))
        return VNULL;
    switch (sp.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default:
        return rt_raise(vm, &rt_exc_ValueError, "Unknown format code '%c' for object of type '%s'", sp.type,
                        rt_type_name(obj));
    }
    if (sp.fill_len == 1 && sp.fill[0] == '0')
        return rt_raise(vm, &rt_exc_ValueError, "Zero padding is not allowed in complex format specifier");
    if (sp.align == '=')
        return rt_raise(vm, &rt_exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
    bool skip_re = false, parens = false;
    if (!sp.type) {
        if (re == 0.0 && !signbit(re))
            skip_re = true;
        else
            parens = true;
        if (sp.precision >= 0)
            sp.type = 'g';
    }
    if (sp.type == 'n')
        sp.type = 'g';
    Value rs = skip_re ? VNULL : complex_part(vm, re, &sp, sp.sign, obj);
    if (!skip_re && !rs)
        return VNULL;
    Value is = complex_part(vm, im, &sp, skip_re ? sp.sign : '+', obj);
    if (!is)
        return VNULL;
    StrBuf b;
    sb_init(&b);
    bool ok = (!parens || sb_addc(vm, &b, '(')) && (!rs || sb_add_value_str(vm, &b, rs)) &&
              sb_add_value_str(vm, &b, is) && sb_addc(vm, &b, 'j') && (!parens || sb_addc(vm, &b, ')'));
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    Value body = sb_finish(vm, &b);
    if (!body || sp.width <= (int64_t)v_str(body)->nchars)
        return body;
    int64_t padn = sp.width - (int64_t)v_str(body)->nchars, left = 0, right = 0;
    if (sp.align == '<')
        right = padn;
    else if (sp.align == '^')
        left = padn / 2, right = padn - left;
    else
        left = padn;
    sb_init(&b);
    if (!add_fill(vm, &b, &sp, left) || !sb_add_value_str(vm, &b, body) || !add_fill(vm, &b, &sp, right)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

Value rt_format_number(VM *vm, Value v, const char *spec, size_t speclen)
{
    if (speclen == 0)
        return rt_str(vm, v);
    Spec sp;
    if (!parse_spec(vm, spec, speclen, &sp, '>', v))
        return VNULL;
    if (rt_is_int(v)) {
        switch (sp.type) {
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
            double d;
            if (!rt_to_double(vm, v, &d))
                return VNULL;
            return format_float_spec(vm, d, &sp, v);
        }
        default: return format_int_spec(vm, v, &sp);
        }
    }
    if (rt_is_float(v))
        return format_float_spec(vm, v_f(v), &sp, v);
    return rt_raise(vm, &rt_exc_TypeError, "format number: int or float expected, not %s", rt_type_name(v));
}

Value rt_format(VM *vm, Value v, Value spec)
{
    if (!v_is_str(spec))
        return rt_raise(vm, &rt_exc_TypeError, "format() argument 2 must be str, not %s", rt_type_name(spec));
    Str *s = v_str(spec);
    if (v_is_str_exact(v))
        return rt_format_str(vm, v, s->data, s->len);
    Type *t = v_type(v);
    if (t == &rt_int_type || t == &rt_bool_type || t == &rt_float_type)
        return rt_format_number(vm, v, s->data, s->len);
    Value f = rt_lookup_type_attr(t, vm->names.__format__);
    Value objf = rt_lookup_type_attr(&rt_object_type, vm->names.__format__);
    if (f && f != objf) {
        Value r = rt_call_method(vm, v, "__format__", 1, &spec);
        if (r && !v_is_str(r))
            return rt_raise(vm, &rt_exc_TypeError, "__format__ must return a str, not %s", rt_type_name(r));
        return r;
    }
    if (s->len)
        return rt_raise(vm, &rt_exc_TypeError, "unsupported format string passed to %s.__format__",
                        rt_type_name(v));
    return rt_str(vm, v);
}

/* ---- printf-style % --------------------------------------------------------------------- */

/* Pads `body` (ASCII or UTF-8 with nchars code points) to width. */
static bool pf_pad(VM *vm, StrBuf *b, const char *body, size_t n, size_t nchars, int64_t width, bool left)
{
    int64_t padn = width > (int64_t)nchars ? width - (int64_t)nchars : 0;
    bool ok = true;
    if (!left)
        for (int64_t i = 0; i < padn && ok; i++)
            ok = sb_addc(vm, b, ' ');
    ok = ok && sb_add(vm, b, body, n);
    if (left)
        for (int64_t i = 0; i < padn && ok; i++)
            ok = sb_addc(vm, b, ' ');
    return ok;
}

/* sign/prefix + digits with zero padding (flag 0) or spaces. */
static bool pf_number(VM *vm, StrBuf *b, const char *sign, const char *prefix, const char *digits, size_t nd,
                      int64_t width, bool left, bool zero)
{
    size_t lead = strlen(sign) + strlen(prefix);
    int64_t padn = width > (int64_t)(lead + nd) ? width - (int64_t)(lead + nd) : 0;
    bool ok = true;
    if (!left && !zero)
        for (int64_t i = 0; i < padn && ok; i++)
            ok = sb_addc(vm, b, ' ');
    ok = ok && sb_adds(vm, b, sign) && sb_adds(vm, b, prefix);
    if (!left && zero)
        for (int64_t i = 0; i < padn && ok; i++)
            ok = sb_addc(vm, b, '0');
    ok = ok && sb_add(vm, b, digits, nd);
    if (left)
        for (int64_t i = 0; i < padn && ok; i++)
            ok = sb_addc(vm, b, ' ');
    return ok;
}

void rt_pf_args_init(Value args, PfArgs *a)
{
    bool tuple = v_isa(args, &rt_tuple_type);
    a->items = tuple ? v_tuple(args)->items : NULL;
    a->one = args;
    a->nargs = tuple ? v_tuple(args)->len : 1;
    a->argi = 0;
    /* A mapping argument (not a str, bytes or tuple) serves %(key)s. */
    a->mapping = !tuple && !v_is_str(args) && !v_isa(args, &rt_bytes_type) && v_type(args)->getitem
                     ? args : VNULL;
}

static Value pf_take(VM *vm, PfArgs *a)
{
    if (a->argi >= a->nargs) {
        rt_raise(vm, &rt_exc_TypeError, "not enough arguments for format string");
        return VNULL;
    }
    return a->items ? a->items[a->argi++] : (a->argi++, a->one);
}

bool rt_pf_parse(VM *vm, const char *f, size_t n, size_t *pos, PfArgs *a, bool bytes_keys, PfSpec *sp)
{
    size_t i = *pos;
    *sp = (PfSpec){.width = -1, .prec = -1};
    if (i < n && f[i] == '(') {
        if (!a->mapping) {
            rt_raise(vm, &rt_exc_TypeError, "format requires a mapping");
            return false;
        }
        size_t depth = 1, ks = ++i;
        for (; i < n && depth; i++)
            depth += f[i] == '(' ? 1 : f[i] == ')' ? -1 : 0;
        if (depth) {
            rt_raise(vm, &rt_exc_ValueError, "incomplete format key");
            return false;
        }
        Value key = bytes_keys ? rt_bytes_new(vm, (const uint8_t *)f + ks, i - 1 - ks)
                               : rt_str_new(vm, f + ks, i - 1 - ks);
        if (!key || !(sp->arg = rt_getitem(vm, a->mapping, key)))
            return false;
    }
    for (; i < n; i++) {
        char c = f[i];
        if (c == '-') sp->left = true;
        else if (c == '+') sp->plus = true;
        else if (c == ' ') sp->space = true;
        else if (c == '#') sp->alt = true;
        else if (c == '0') sp->zero = true;
        else break;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            if (i >= n || f[i] != '.')
                break;
            i++;
            sp->prec = 0;
        }
        int64_t *dst = pass ? &sp->prec : &sp->width;
        if (i < n && f[i] == '*') {
            i++;
            Value w = pf_take(vm, a);
            if (!w)
                return false;
            if (!rt_is_int(w)) {
                rt_raise(vm, &rt_exc_TypeError, "* wants int");
                return false;
            }
            if (!rt_as_i64(vm, w, dst))
                return false;
            if (!pass && *dst < 0) {
                sp->left = true;
                *dst = -*dst;
            }
            if (pass && *dst < 0)
                *dst = 0;
        } else {
            while (i < n && f[i] >= '0' && f[i] <= '9')
                *dst = (*dst < 0 ? 0 : *dst) * 10 + (f[i++] - '0');
        }
    }
    while (i < n && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L'))
        i++;
    if (i >= n) {
        rt_raise(vm, &rt_exc_ValueError, "incomplete format");
        return false;
    }
    sp->conv = f[i++];
    *pos = i;
    if (sp->conv != '%' && !sp->arg && !(sp->arg = pf_take(vm, a)))
        return false;
    return true;
}

bool rt_pf_finish(VM *vm, const PfArgs *a, const char *what)
{
    if (a->argi < a->nargs && !a->mapping) {
        rt_raise(vm, &rt_exc_TypeError, "not all arguments converted during %s formatting", what);
        return false;
    }
    return true;
}

bool rt_pf_pad(VM *vm, StrBuf *b, const char *body, size_t n, size_t nchars, int64_t width, bool left)
{
    return pf_pad(vm, b, body, n, nchars, width, left);
}

bool rt_pf_number(VM *vm, StrBuf *b, const PfSpec *sp)
{
    Value arg = sp->arg;
    char c = sp->conv;
    int64_t width = sp->width, prec = sp->prec;
    bool left = sp->left, plus = sp->plus, space = sp->space, alt = sp->alt, zero = sp->zero;
    const char *sign = "";
    switch (c) {
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            Value iv = arg;
            if (rt_is_float(arg)) {
                if (c != 'd' && c != 'i' && c != 'u') {
                    rt_raise(vm, &rt_exc_TypeError, "%%%c format: an integer is required, not float", c);
                    return false;
                }
                iv = rt_int_from_double(vm, trunc(v_f(arg)));
            } else if (!rt_is_int(arg)) {
                Type *t = v_type(arg);
                bool has_int = rt_lookup_type_attr(t, vm->names.__index__) != VNULL ||
                               ((c == 'd' || c == 'i' || c == 'u') && rt_lookup_type_attr(t, vm->names.__int__));
                if (!has_int) {
                    if (c == 'd' || c == 'i' || c == 'u')
                        rt_raise(vm, &rt_exc_TypeError, "%%%c format: a real number is required, not %s", c,
                                 rt_type_name(arg));
                    else
                        rt_raise(vm, &rt_exc_TypeError, "%%%c format: an integer is required, not %s", c,
                                 rt_type_name(arg));
                    return false;
                }
                iv = rt_lookup_type_attr(t, vm->names.__index__) ? rt_index(vm, arg)
                                                                  : rt_call_method(vm, arg, "__int__", 0, NULL);
            }
            if (!iv)
                return false;
            bool neg = rt_int_sign(iv) < 0;
            Value av = neg ? rt_int_neg(vm, iv) : iv;
            int base = (c == 'x' || c == 'X') ? 16 : c == 'o' ? 8 : 10;
            Value ds = av ? (base == 10 ? rt_int_repr(vm, av) : rt_int_to_base(vm, av, base, false)) : VNULL;
            if (!ds)
                return false;
            Str *d = v_str(ds);
            size_t nd = d->len;
            int64_t zeros = prec > (int64_t)nd ? prec - (int64_t)nd : 0;
            char *digits = malloc(nd + (size_t)zeros + 1);
            if (!digits) {
                rt_no_memory(vm);
                return false;
            }
            memset(digits, '0', (size_t)zeros);
            for (size_t k = 0; k < nd; k++)
                digits[zeros + (int64_t)k] = (char)(c == 'X' && d->data[k] >= 'a' ? d->data[k] - 32 : d->data[k]);
            sign = neg ? "-" : plus ? "+" : space ? " " : "";
            const char *prefix = !alt ? "" : c == 'x' ? "0x" : c == 'X' ? "0X" : c == 'o' ? "0o" : "";
            bool ok = pf_number(vm, b, sign, prefix, digits, nd + (size_t)zeros, width, left, zero);
            free(digits);
            if (!ok)
                return false;
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            double x;
            if (!rt_is_float(arg) && !rt_is_int(arg)) {
                Type *t = v_type(arg);
                if (!rt_lookup_type_attr(t, vm->names.__float__) && !rt_lookup_type_attr(t, vm->names.__index__)) {
                    rt_raise(vm, &rt_exc_TypeError, "must be real number, not %s", rt_type_name(arg));
                    return false;
                }
                Value fv = rt_call1(vm, v_from(&rt_float_type), arg);
                if (!fv)
                    return false;
                arg = fv;
            }
            if (!rt_to_double(vm, arg, &x))
                return false;
            if (prec < 0)
                prec = 6;
            bool neg = signbit(x) && !isnan(x);
            sign = neg ? "-" : plus ? "+" : space ? " " : "";
            char *buf = malloc((size_t)prec + 400);
            if (!buf) {
                rt_no_memory(vm);
                return false;
            }
            int len;
            double ax = fabs(x);
            if (!isfinite(ax)) {
                bool up = c == 'E' || c == 'F' || c == 'G';
                len = sprintf(buf, "%s", isnan(ax) ? (up ? "NAN" : "nan") : (up ? "INF" : "inf"));
            } else {
                char fmt[8] = "%";
                size_t fl = 1;
                if (alt)
                    fmt[fl++] = '#';
                fmt[fl++] = '.';
                fmt[fl++] = '*';
                fmt[fl++] = c;
                fmt[fl] = 0;
                len = snprintf(buf, (size_t)prec + 400, fmt, (int)prec, ax);
            }
            bool ok = pf_number(vm, b, sign, "", buf, (size_t)len, width, left, zero && isfinite(ax));
            free(buf);
            if (!ok)
                return false;
            break;
        }
    default:
        return false;
    }
    return true;
}

Value rt_str_mod(VM *vm, Value fmtv, Value args)
{
    Str *fs = v_str(fmtv);
    const char *f = fs->data;
    size_t n = fs->len, i = 0;
    PfArgs a;
    rt_pf_args_init(args, &a);
    StrBuf b;
    sb_init(&b);
    while (i < n) {
        const char *pct = memchr(f + i, '%', n - i);
        size_t lit_end = pct ? (size_t)(pct - f) : n;
        if (!sb_add(vm, &b, f + i, lit_end - i))
            goto fail;
        if (!pct)
            break;
        i = lit_end + 1;
        PfSpec sp;
        if (!rt_pf_parse(vm, f, n, &i, &a, false, &sp))
            goto fail;
        Value arg = sp.arg;
        char c = sp.conv;
        switch (c) {
        case '%':
            if (!sb_addc(vm, &b, '%'))
                goto fail;
            break;
        case 's': case 'r': case 'a': {
            Value s = c == 's' ? rt_str(vm, arg) : c == 'r' ? rt_repr(vm, arg) : rt_ascii(vm, arg);
            if (!s)
                goto fail;
            Str *ss = v_str(s);
            size_t nb = ss->len, nc = ss->nchars;
            if (sp.prec >= 0 && (size_t)sp.prec < nc) {
                nc = (size_t)sp.prec;
                nb = rt_str_offset(ss, nc);
            }
            if (!pf_pad(vm, &b, ss->data, nb, nc, sp.width, sp.left))
                goto fail;
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            if (!rt_pf_number(vm, &b, &sp))
                goto fail;
            break;
        case 'c': {
            char out[4];
            size_t k;
            if (v_is_str(arg)) {
                if (v_str(arg)->nchars != 1) {
                    rt_raise(vm, &rt_exc_TypeError, "%%c requires int or char");
                    goto fail;
                }
                k = v_str(arg)->len;
                memcpy(out, v_cstr(arg), k);
            } else if (rt_is_int(arg)) {
                int64_t cp;
                if (rt_int_is_big(arg) || !rt_as_i64(vm, arg, &cp) || cp < 0 || cp > 0x10FFFF) {
                    vm->exc = VNULL;
                    rt_raise(vm, &rt_exc_OverflowError, "%%c arg not in range(0x110000)");
                    goto fail;
                }
                k = rt_utf8_encode((uint32_t)cp, out);
            } else {
                rt_raise(vm, &rt_exc_TypeError, "%%c requires int or char");
                goto fail;
            }
            if (!pf_pad(vm, &b, out, k, 1, sp.width, sp.left))
                goto fail;
            break;
        }
        default:
            if ((unsigned char)c < 0x80)
                rt_raise(vm, &rt_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu", c,
                         (unsigned)c, i - 1);
            else
                rt_raise(vm, &rt_exc_ValueError, "unsupported format character at index %zu", i - 1);
            goto fail;
        }
    }
    if (!rt_pf_finish(vm, &a, "string"))
        goto fail;
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

/* ---- str.format --------------------------------------------------------------------------- */

typedef struct FmtCtx {
    Value *args;
    size_t nargs;
    Value kwnames;     /* tuple of str or VNULL (format) */
    Value *kwvals;
    Value mapping;     /* format_map */
    int auto_state;    /* 0 unknown, 1 automatic, 2 manual */
    size_t next_auto;
} FmtCtx;

static Value lookup_kw(VM *vm, FmtCtx *cx, const char *name, size_t n)
{
    Value key = rt_str_new(vm, name, n);
    if (!key)
        return VNULL;
    if (cx->mapping)
        return rt_getitem(vm, cx->mapping, key);
    if (cx->kwnames) {
        Tuple *t = v_tuple(cx->kwnames);
        for (size_t i = 0; i < t->len; i++)
            if (rt_str_equal(t->items[i], key))
                return cx->kwvals[i];
    }
    return rt_raise_str(vm, &rt_exc_KeyError, key);
}

static bool all_digits(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Resolve "name.attr[key]..." to a value. */
static Value resolve_field(VM *vm, FmtCtx *cx, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[')
        i++;
    Value v;
    if (i == 0 || all_digits(s, i)) {
        size_t idx;
        if (i == 0) {
            if (cx->auto_state == 2)
                return rt_raise(vm, &rt_exc_ValueError,
                                "cannot switch from manual field specification to automatic field numbering");
            cx->auto_state = 1;
            idx = cx->next_auto++;
        } else {
            if (cx->auto_state == 1)
                return rt_raise(vm, &rt_exc_ValueError,
                                "cannot switch from automatic field numbering to manual field specification");
            cx->auto_state = 2;
            idx = (size_t)strtoull(s, NULL, 10);
        }
        if (cx->mapping && !cx->nargs)
            return rt_raise(vm, &rt_exc_ValueError, "Format string contains positional fields");
        if (idx >= cx->nargs)
            return rt_raise(vm, &rt_exc_IndexError, "Replacement index %zu out of range for positional args tuple",
                            idx);
        v = cx->args[idx];
    } else {
        v = lookup_kw(vm, cx, s, i);
        if (!v)
            return VNULL;
    }
    while (i < n) {
        if (s[i] == '.') {
            size_t a = ++i;
            while (i < n && s[i] != '.' && s[i] != '[')
                i++;
            if (i == a)
                return rt_raise(vm, &rt_exc_ValueError, "Empty attribute in format string");
            Value name = rt_str_new(vm, s + a, i - a);
            if (!name || !(v = rt_getattr(vm, v, name)))
                return VNULL;
        } else if (s[i] == '[') {
            size_t a = ++i;
            while (i < n && s[i] != ']')
                i++;
            if (i >= n)
                return rt_raise(vm, &rt_exc_ValueError, "Missing ']' in format string");
            if (i == a)
                return rt_raise(vm, &rt_exc_ValueError, "Empty attribute in format string");
            Value key = all_digits(s + a, i - a) ? rt_int_from_string(vm, s + a, i - a, 10) : rt_str_new(vm, s + a, i - a);
            i++;
            if (!key || !(v = rt_getitem(vm, v, key)))
                return VNULL;
            if (i < n && s[i] != '.' && s[i] != '[')
                return rt_raise(vm, &rt_exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        } else {
            return rt_raise(vm, &rt_exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return v;
}

static bool vformat(VM *vm, FmtCtx *cx, const char *f, size_t n, StrBuf *b, int depth);

/* One replacement field's inside (between the braces). */
static bool do_field(VM *vm, FmtCtx *cx, const char *s, size_t n, StrBuf *b, int depth)
{
    /* field name ends at '!' or ':' outside brackets */
    size_t i = 0;
    while (i < n && s[i] != '!' && s[i] != ':') {
        if (s[i] == '[') {
            while (i < n && s[i] != ']')
                i++;
        }
        if (i < n)
            i++;
    }
    size_t name_end = i;
    char conv = 0;
    if (i < n && s[i] == '!') {
        if (i + 1 >= n) {
            rt_raise(vm, &rt_exc_ValueError, "end of string while looking for conversion specifier");
            return false;
        }
        conv = s[i + 1];
        i += 2;
        if (i < n && s[i] != ':') {
            rt_raise(vm, &rt_exc_ValueError, "expected ':' after conversion specifier");
            return false;
        }
    }
    const char *spec = "";
    size_t specn = 0;
    if (i < n && s[i] == ':') {
        spec = s + i + 1;
        specn = n - i - 1;
    }
    Value v = resolve_field(vm, cx, s, name_end);
    if (!v)
        return false;
    switch (conv) {
    case 0: break;
    case 'r': v = rt_repr(vm, v); break;
    case 's': v = rt_str(vm, v); break;
    case 'a': v = rt_ascii(vm, v); break;
    default:
        rt_raise(vm, &rt_exc_ValueError, "Unknown conversion specifier %c", conv);
        return false;
    }
    if (!v)
        return false;
    Value specv;
    if (memchr(spec, '{', specn)) {
        if (depth >= 2) {
            rt_raise(vm, &rt_exc_ValueError, "Max string recursion exceeded");
            return false;
        }
        StrBuf sb;
        sb_init(&sb);
        if (!vformat(vm, cx, spec, specn, &sb, depth + 1)) {
            sb_free(&sb);
            return false;
        }
        specv = sb_finish(vm, &sb);
    } else {
        specv = rt_str_new(vm, spec, specn);
    }
    if (!specv)
        return false;
    Value r = rt_format(vm, v, specv);
    return r && sb_add_value_str(vm, b, r);
}

static bool vformat(VM *vm, FmtCtx *cx, const char *f, size_t n, StrBuf *b, int depth)
{
    size_t i = 0;
    while (i < n) {
        char c = f[i];
        if (c == '{') {
            if (i + 1 < n && f[i + 1] == '{') {
                if (!sb_addc(vm, b, '{'))
                    return false;
                i += 2;
                continue;
            }
            size_t start = ++i, nest = 1;
            while (i < n) {
                if (f[i] == '{')
                    nest++;
                else if (f[i] == '}' && --nest == 0)
                    break;
                i++;
            }
            if (i >= n) {
                rt_raise(vm, &rt_exc_ValueError, nest > 1 || start < n ? "expected '}' before end of string"
                                                                      : "Single '{' encountered in format string");
                return false;
            }
            if (!do_field(vm, cx, f + start, i - start, b, depth))
                return false;
            i++;
        } else if (c == '}') {
            if (i + 1 < n && f[i + 1] == '}') {
                if (!sb_addc(vm, b, '}'))
                    return false;
                i += 2;
                continue;
            }
            rt_raise(vm, &rt_exc_ValueError, "Single '}' encountered in format string");
            return false;
        } else {
            size_t j = i;
            while (j < n && f[j] != '{' && f[j] != '}')
                j++;
            if (!sb_add(vm, b, f + i, j - i))
                return false;
            i = j;
        }
    }
    return true;
}

Value rt_str_format_method(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc < 1 || !v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "descriptor 'format' requires a 'str' object");
    FmtCtx cx = {0};
    cx.args = argv + 1;
    cx.nargs = (size_t)argc - 1;
    if (kwnames && kwnames != rt_None && v_tuple(kwnames)->len) {
        cx.kwnames = kwnames;
        cx.kwvals = argv + argc;
    }
    Str *s = v_str(argv[0]);
    StrBuf b;
    sb_init(&b);
    if (!vformat(vm, &cx, s->data, s->len, &b, 0)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

Value rt_str_format_map_method(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "str.format_map", argc - 1, 1, 1))
        return VNULL;
    FmtCtx cx = {0};
    cx.mapping = argv[1];
    Str *s = v_str(argv[0]);
    StrBuf b;
    sb_init(&b);
    if (!vformat(vm, &cx, s->data, s->len, &b, 0)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}
