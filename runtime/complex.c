/* runtime/complex.c — complex numbers with CPython's arithmetic (Smith's
 * division, repeated squaring for small integral powers), repr, hash,
 * string parsing and error messages.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/complex.h"

Value rt_complex_new(VM *vm, double re, double im)
{
    Complex *c = rt_alloc(vm, &rt_complex_type, sizeof(Complex));
    if (!c)
        return VNULL;
    c->re = re;
    c->im = im;
    return v_from(c);
}

int rt_complex_arg(VM *vm, Value v, double *re, double *im)
{
    if (rt_is_complex(v)) {
        *re = v_complex(v)->re;
        *im = v_complex(v)->im;
        return 1;
    }
    *im = 0.0;
    if (rt_is_float(v)) {
        *re = v_f(v);
        return 1;
    }
    if (rt_is_int(v))
        return rt_to_double(vm, v, re) ? 1 : -1;
    return 0;
}

/* ---- repr -------------------------------------------------------------------------- */

/* One part as CPython's repr of a complex writes it: the float's shortest
 * repr without the ".0" a float repr adds; NaN never signed. */
static bool part_repr(VM *vm, double d, bool sign, char *out, size_t cap)
{
    if (isnan(d)) {
        snprintf(out, cap, "%snan", sign ? "+" : "");
        return true;
    }
    Value r = rt_float_repr(vm, d);
    if (!r)
        return false;
    const char *s = v_cstr(r);
    size_t n = v_str(r)->len;
    if (n >= 2 && s[n - 2] == '.' && s[n - 1] == '0')
        n -= 2;
    snprintf(out, cap, "%s%.*s", sign && s[0] != '-' ? "+" : "", (int)n, s);
    return true;
}

static Value complex_repr(VM *vm, Value v)
{
    Complex *c = v_complex(v);
    char re[48], im[48], buf[112];
    if (c->re == 0.0 && !signbit(c->re)) {
        if (!part_repr(vm, c->im, false, im, sizeof im))
            return VNULL;
        snprintf(buf, sizeof buf, "%sj", im);
    } else {
        if (!part_repr(vm, c->re, false, re, sizeof re) || !part_repr(vm, c->im, true, im, sizeof im))
            return VNULL;
        snprintf(buf, sizeof buf, "(%s%sj)", re, im);
    }
    return rt_str_new(vm, buf, strlen(buf));
}

static int64_t complex_hash(VM *vm, Value v)
{
    Complex *c = v_complex(v);
    uint64_t h = (uint64_t)rt_float_hash(c->re) + 1000003u * (uint64_t)rt_float_hash(c->im);
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

static Value complex_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (op != CMP_EQ && op != CMP_NE)
        return rt_NotImplemented;
    if (!rt_is_complex(a)) {
        Value t = a;
        a = b;
        b = t;
    }
    Complex *c = v_complex(a);
    bool eq;
    if (rt_is_complex(b)) {
        eq = c->re == v_complex(b)->re && c->im == v_complex(b)->im;
    } else if (rt_is_float(b)) {
        eq = c->im == 0.0 && c->re == v_f(b);
    } else if (rt_is_int(b)) {
        eq = c->im == 0.0 && rt_int_float_cmp(b, c->re) == 0; /* exact, as CPython */
    } else {
        return rt_NotImplemented;
    }
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

static int complex_truth(VM *vm, Value v) { return v_complex(v)->re != 0.0 || v_complex(v)->im != 0.0; }

/* ---- arithmetic ---------------------------------------------------------------------- */

typedef struct { double re, im; } Cx;

static Cx c_prod(Cx a, Cx b) { return (Cx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

/* Smith's algorithm, as CPython's _Py_c_quot: errno = EDOM for b == 0. */
static Cx c_quot(Cx a, Cx b)
{
    double abs_br = fabs(b.re), abs_bi = fabs(b.im);
    Cx r;
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0) {
            errno = EDOM;
            return (Cx){0.0, 0.0};
        }
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        r.re = (a.re + a.im * ratio) / denom;
        r.im = (a.im - a.re * ratio) / denom;
    } else if (abs_bi >= abs_br) {
        double ratio = b.re / b.im, denom = b.re * ratio + b.im;
        r.re = (a.re * ratio + a.im) / denom;
        r.im = (a.im * ratio - a.re) / denom;
    } else { /* a NaN */
        r.re = r.im = NAN;
    }
    return r;
}

static Cx c_pow(Cx a, Cx b)
{
    if (b.re == 0.0 && b.im == 0.0)
        return (Cx){1.0, 0.0};
    if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0)
            errno = EDOM;
        return (Cx){0.0, 0.0};
    }
    double vabs = hypot(a.re, a.im), len = pow(vabs, b.re), at = atan2(a.im, a.re), phase = at * b.re;
    if (b.im != 0.0) {
        len /= exp(at * b.im);
        phase += b.im * log(vabs);
    }
    return (Cx){len * cos(phase), len * sin(phase)};
}

static Cx c_powu(Cx x, long n)
{
    Cx r = {1.0, 0.0}, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask)
            r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

static Cx c_powi(Cx x, long n)
{
    if (n > 0)
        return c_powu(x, n);
    return c_quot((Cx){1.0, 0.0}, c_powu(x, -n));
}

Value rt_complex_pow(VM *vm, double ar, double ai, double br, double bi)
{
    Cx a = {ar, ai}, b = {br, bi}, p;
    errno = 0;
    if (b.im == 0.0 && b.re == floor(b.re) && fabs(b.re) <= 100.0)
        p = c_powi(a, (long)b.re);
    else
        p = c_pow(a, b);
    if (isinf(p.re) || isinf(p.im)) {
        if (errno == 0)
            errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM)
        return rt_raise(vm, &rt_exc_ZeroDivisionError, "0.0 to a negative or complex power");
    if (errno == ERANGE)
        return rt_raise(vm, &rt_exc_OverflowError, "complex exponentiation");
    return rt_complex_new(vm, p.re, p.im);
}

static Value complex_binop(VM *vm, BinOp op, Value a, Value b)
{
    Cx x, y;
    int ra = rt_complex_arg(vm, a, &x.re, &x.im);
    if (ra <= 0)
        return ra < 0 ? VNULL : rt_NotImplemented;
    int rb = rt_complex_arg(vm, b, &y.re, &y.im);
    if (rb <= 0)
        return rb < 0 ? VNULL : rt_NotImplemented;
    switch (op) {
    case BIN_ADD: return rt_complex_new(vm, x.re + y.re, x.im + y.im);
    case BIN_SUB: return rt_complex_new(vm, x.re - y.re, x.im - y.im);
    case BIN_MUL: {
        Cx r = c_prod(x, y);
        return rt_complex_new(vm, r.re, r.im);
    }
    case BIN_TRUEDIV: {
        errno = 0;
        Cx r = c_quot(x, y);
        if (errno == EDOM)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "complex division by zero");
        return rt_complex_new(vm, r.re, r.im);
    }
    case BIN_POW: return rt_complex_pow(vm, x.re, x.im, y.re, y.im);
    default: return rt_NotImplemented;
    }
}

#define CX_SLOT(NAME) \
    static Value cx_##NAME(VM *vm, Value a, Value b) { return complex_binop(vm, BIN_##NAME, a, b); }
CX_SLOT(ADD)
CX_SLOT(SUB)
CX_SLOT(MUL)
CX_SLOT(TRUEDIV)
CX_SLOT(POW)
#undef CX_SLOT

static Value cx_neg(VM *vm, Value v) { return rt_complex_new(vm, -v_complex(v)->re, -v_complex(v)->im); }

static Value cx_pos(VM *vm, Value v)
{
    if (v_is(v, &rt_complex_type))
        return v;
    return rt_complex_new(vm, v_complex(v)->re, v_complex(v)->im);
}

/* ---- parsing ------------------------------------------------------------------------- */

static bool cx_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static bool ci_match(const char *s, const char *e, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(e - s) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != word[i])
            return false;
    return true;
}

/* A float at s (sign, digits,
 * fraction, exponent; inf/infinity/nan): its value and end, or NULL. */
static const char *scan_float(const char *s, const char *e, double *out)
{
    const char *p = s;
    bool neg = false;
    if (p < e && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (ci_match(p, e, "infinity") || ci_match(p, e, "inf") || ci_match(p, e, "nan")) {
        size_t k = ci_match(p, e, "infinity") ? 8 : 3;
        *out = (p[0] | 0x20) == 'n' ? NAN : INFINITY;
        if (neg)
            *out = -*out;
        return p + k;
    }
    size_t digits = 0;
    while (p < e && *p >= '0' && *p <= '9')
        p++, digits++;
    if (p < e && *p == '.') {
        p++;
        while (p < e && *p >= '0' && *p <= '9')
            p++, digits++;
    }
    if (!digits)
        return NULL;
    if (p < e && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < e && (*q == '+' || *q == '-'))
            q++;
        if (q >= e || *q < '0' || *q > '9')
            return NULL;
        while (q < e && *q >= '0' && *q <= '9')
            q++;
        p = q;
    }
    /* The text is NUL-terminated and what follows the validated token
     * (j, a sign, ')', space, the end) stops strtod where we stopped. */
    *out = strtod(s, NULL);
    return p;
}

/* complex('...'): "re", "imj", "re±imj", "±j" forms, optionally in
 * parentheses, surrounded by whitespace. */
static bool parse_complex(const char *s, size_t len, double *re, double *im)
{
    const char *p = s, *e = s + len;
    while (p < e && cx_space((unsigned char)*p))
        p++;
    while (e > p && cx_space((unsigned char)e[-1]))
        e--;
    if (p < e && *p == '(') {
        if (e[-1] != ')' || e - p < 2)
            return false;
        p++, e--;
        while (p < e && cx_space((unsigned char)*p))
            p++;
        while (e > p && cx_space((unsigned char)e[-1]))
            e--;
    }
    *re = *im = 0.0;
    double x, y;
    const char *q = scan_float(p, e, &x);
    if (q) {
        if (q < e && (*q == 'j' || *q == 'J')) {
            *im = x;
            p = q + 1;
        } else if (q < e && (*q == '+' || *q == '-')) {
            *re = x;
            const char *r = scan_float(q, e, &y);
            if (r && r < e && (*r == 'j' || *r == 'J')) {
                *im = y;
                p = r + 1;
            } else if (q + 1 < e && (q[1] == 'j' || q[1] == 'J')) {
                *im = *q == '-' ? -1.0 : 1.0;
                p = q + 2;
            } else {
                return false;
            }
        } else {
            *re = x;
            p = q;
        }
    } else {
        double sign = 1.0;
        if (p < e && (*p == '+' || *p == '-'))
            sign = *p++ == '-' ? -1.0 : 1.0;
        if (p < e && (*p == 'j' || *p == 'J'))
            *im = sign, p++;
        else
            return false;
    }
    return p == e;
}

/* Underscores are allowed only between digits (checked on the whole
 * string, as CPython's _Py_string_to_number_with_underscores), then
 * dropped before parsing. */
static Value complex_from_str(VM *vm, Value str)
{
    const char *s = v_cstr(str);
    size_t n = v_str(str)->len;
    if (!memchr(s, '_', n)) {
        double re, im;
        if (!parse_complex(s, n, &re, &im))
            return rt_raise(vm, &rt_exc_ValueError, "complex() arg is a malformed string");
        return rt_complex_new(vm, re, im);
    }
    char *clean = malloc(n + 1);
    if (!clean)
        return rt_no_memory(vm);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '_') {
            clean[k++] = s[i];
            continue;
        }
        bool ok = i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
        if (!ok) {
            free(clean);
            Value r = rt_repr(vm, str);
            return r ? rt_raise(vm, &rt_exc_ValueError, "could not convert string to complex: %s", v_cstr(r)) : VNULL;
        }
    }
    double re, im;
    bool ok = parse_complex(clean, k, &re, &im);
    free(clean);
    if (!ok)
        return rt_raise(vm, &rt_exc_ValueError, "complex() arg is a malformed string");
    return rt_complex_new(vm, re, im);
}

/* ---- construction ---------------------------------------------------------------------- */

/* x.__complex__() if x's type defines it: 1 found (*out set), 0 absent, -1 error. */
static int call_dunder_complex(VM *vm, Value x, Value *out)
{
    bool found = false;
    Value r = rt_call_special(vm, x, rt_str_intern_cstr(vm, "__complex__"), 0, NULL, &found);
    if (!r)
        return vm->exc ? -1 : 0;
    if (!rt_is_complex(r)) {
        rt_raise(vm, &rt_exc_TypeError, "__complex__ returned non-complex (type %s)", rt_type_name(r));
        return -1;
    }
    *out = r;
    return 1;
}

/* A real number for complex()/cmath: float, int, __float__, __index__.
 * 1 ok, 0 not a number, -1 error. */
static int real_arg(VM *vm, Value x, double *out)
{
    if (rt_is_float(x)) {
        *out = v_f(x);
        return 1;
    }
    if (rt_is_int(x))
        return rt_to_double(vm, x, out) ? 1 : -1;
    if (v_is_small(x))
        return 0;
    bool found = false;
    Value r = rt_call_special(vm, x, vm->names.__float__, 0, NULL, &found);
    if (r) {
        if (!rt_is_float(r)) {
            rt_raise(vm, &rt_exc_TypeError, "%s.__float__ returned non-float (type %s)", rt_type_name(x),
                     rt_type_name(r));
            return -1;
        }
        *out = v_f(r);
        return 1;
    }
    if (vm->exc)
        return -1;
    if (rt_lookup_type_attr(v_type(x), vm->names.__index__)) {
        Value i = rt_index(vm, x);
        return i && rt_to_double(vm, i, out) ? 1 : -1;
    }
    return 0;
}

bool rt_complex_coerce(VM *vm, Value v, double *re, double *im)
{
    if (rt_is_complex(v)) {
        *re = v_complex(v)->re;
        *im = v_complex(v)->im;
        return true;
    }
    Value c;
    int k = v_is_small(v) ? 0 : call_dunder_complex(vm, v, &c);
    if (k < 0)
        return false;
    if (k) {
        *re = v_complex(c)->re;
        *im = v_complex(c)->im;
        return true;
    }
    *im = 0.0;
    k = real_arg(vm, v, re);
    if (k == 0)
        rt_raise(vm, &rt_exc_TypeError, "must be real number, not %s", rt_type_name(v));
    return k > 0;
}

static Value complex_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"real", "imag", NULL};
    Value a[2];
    if (kwnames) {
        Tuple *kw = v_tuple(kwnames);
        for (size_t k = 0; k < kw->len; k++)
            if (strcmp(v_cstr(kw->items[k]), "real") && strcmp(v_cstr(kw->items[k]), "imag"))
                return rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for complex()",
                                v_cstr(kw->items[k]));
    }
    if (!rt_parse_args(vm, "complex", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Value r = a[0], i = a[1];
    if (!r && !i)
        return rt_complex_new(vm, 0.0, 0.0);
    if (r && v_is_str(r)) {
        if (i)
            return rt_raise(vm, &rt_exc_TypeError, "complex() can't take second arg if first is a string");
        return complex_from_str(vm, r);
    }
    if (i && v_is_str(i))
        return rt_raise(vm, &rt_exc_TypeError, "complex() second arg can't be a string");
    double rr = 0.0, ri = 0.0, ir = 0.0, ii = 0.0;
    bool r_complex = false, i_complex = false;
    if (r) {
        Value c;
        int k = v_is_small(r) ? 0 : call_dunder_complex(vm, r, &c);
        if (k < 0)
            return VNULL;
        if (k) {
            r_complex = true;
            rr = v_complex(c)->re;
            ri = v_complex(c)->im;
            if (!i && v_is(c, &rt_complex_type))
                return c;
        } else if (rt_is_complex(r)) {
            r_complex = true;
            rr = v_complex(r)->re;
            ri = v_complex(r)->im;
            if (!i && v_is(r, &rt_complex_type))
                return r;
        } else {
            k = real_arg(vm, r, &rr);
            if (k < 0)
                return VNULL;
            if (!k)
                return rt_raise(vm, &rt_exc_TypeError,
                                "complex() first argument must be a string or a number, not '%s'", rt_type_name(r));
        }
    }
    if (i) {
        if (rt_is_complex(i)) {
            i_complex = true;
            ir = v_complex(i)->re;
            ii = v_complex(i)->im;
        } else {
            int k = real_arg(vm, i, &ir);
            if (k < 0)
                return VNULL;
            if (!k)
                return rt_raise(vm, &rt_exc_TypeError, "complex() second argument must be a number, not '%s'",
                                rt_type_name(i));
        }
    }
    /* real + imag*1j, keeping the signs of zeros as CPython does */
    double re = rr, im = ri;
    if (i_complex)
        re -= ii;
    if (i) {
        if (r_complex)
            im += ir;
        else
            im = ir;
    }
    return rt_complex_new(vm, re, im);
}

/* ---- methods and attributes ---------------------------------------------------------------- */

static Value get_real(VM *vm, Value v) { return rt_float_new(vm, v_complex(v)->re); }
static Value get_imag(VM *vm, Value v) { return rt_float_new(vm, v_complex(v)->im); }

/* real and imag are member descriptors in CPython: "readonly attribute". */
static int set_readonly(VM *vm, Value v, Value x)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static Value m_conjugate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "conjugate", argc - 1, 0, 0))
        return VNULL;
    return rt_complex_new(vm, v_complex(argv[0])->re, -v_complex(argv[0])->im);
}

static Value m_abs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__abs__", argc - 1, 0, 0))
        return VNULL;
    Complex *c = v_complex(argv[0]);
    double r;
    if (isinf(c->re) || isinf(c->im))
        r = INFINITY;
    else if (isnan(c->re) || isnan(c->im))
        r = NAN;
    else {
        r = hypot(c->re, c->im);
        if (isinf(r))
            return rt_raise(vm, &rt_exc_OverflowError, "absolute value too large");
    }
    return rt_float_new(vm, r);
}

static Value m_complex(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__complex__", argc - 1, 0, 0))
        return VNULL;
    if (v_is(argv[0], &rt_complex_type))
        return argv[0];
    return rt_complex_new(vm, v_complex(argv[0])->re, v_complex(argv[0])->im);
}

static Value m_getnewargs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__getnewargs__", argc - 1, 0, 0))
        return VNULL;
    Value t = rt_tuple_new(vm, 2);
    Value re = rt_float_new(vm, v_complex(argv[0])->re), im = rt_float_new(vm, v_complex(argv[0])->im);
    if (!t || !re || !im)
        return VNULL;
    v_tuple(t)->items[0] = re;
    v_tuple(t)->items[1] = im;
    return t;
}

static Value m_format(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__format__", argc - 1, 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "__format__() argument must be str, not %s", rt_type_name(argv[1]));
    Complex *c = v_complex(argv[0]);
    return rt_format_complex(vm, argv[0], c->re, c->im, v_cstr(argv[1]), v_str(argv[1])->len);
}

static const NativeDef complex_methods[] = {
    {"conjugate", m_conjugate, 0},
    {"__abs__", m_abs, 0},
    {"__complex__", m_complex, 0},
    {"__getnewargs__", m_getnewargs, 0},
    {"__format__", m_format, 0},
    {NULL, NULL, 0},
};

static const GetSetDef complex_getsets[] = {
    {"real", get_real, set_readonly},
    {"imag", get_imag, set_readonly},
    {NULL, NULL, NULL},
};

Type rt_complex_type = {
    .name = "complex",
    .instance_size = sizeof(Complex),
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .truth = complex_truth,
    .binop = {[BIN_ADD] = cx_ADD, [BIN_SUB] = cx_SUB, [BIN_MUL] = cx_MUL, [BIN_TRUEDIV] = cx_TRUEDIV,
              [BIN_POW] = cx_POW},
    .unop = {[UN_NEG] = cx_neg, [UN_POS] = cx_pos},
    .new = complex_new,
};

bool rt_complex_init(VM *vm)
{
    rt_complex_type.flags |= TF_BASETYPE;
    return rt_type_ready(vm, &rt_complex_type) && rt_add_methods(vm, &rt_complex_type, complex_methods) &&
           rt_add_getsets(vm, &rt_complex_type, complex_getsets);
}
