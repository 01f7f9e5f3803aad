/* runtime/float.c — float: boxed doubles with CPython's repr, parsing,
 * arithmetic (floor division and modulo with Python's signs, pow's special
 * cases) and hashing (so that hash(1.0) == hash(1)).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "runtime/complex.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/buffer.h"
#include "runtime/callable.h"

bool rt_is_float(Value v)
{
    if (!v_is_obj(v))
        return false;
    Type *t = v_obj(v)->type;
    return t == &rt_float_type || ((t->flags & TF_CLASS) && rt_is_subtype(t, &rt_float_type));
}

Value rt_float_new(VM *vm, double d)
{
    Float *f = rt_alloc(vm, &rt_float_type, sizeof(Float));
    if (!f)
        return VNULL;
    f->d = d;
    return v_from(f);
}

/* ---- repr ---------------------------------------------------------------------- */

/* d's 17 significant digits D[0..17) and exponent; the k-digit correct
 * rounding of d, derived from D without another printf unless D sits
 * exactly on a k-digit midpoint (then printf rounds d itself). */
typedef struct {
    double d;
    char D[24];
    int E;
} Digits17;

static int round_k(const Digits17 *g, int k, char *out, int *exp10)
{
    bool tie = g->D[k] == '5';
    for (int i = k + 1; i < 17 && tie; i++)
        tie = g->D[i] == '0';
    if (k < 17 && tie) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.*e", k - 1, g->d);
        int n = 0;
        char *e = strchr(buf, 'e');
        for (char *c = buf; c < e; c++)
            if (*c >= '0' && *c <= '9')
                out[n++] = *c;
        *exp10 = atoi(e + 1);
        return n;
    }
    memcpy(out, g->D, (size_t)k);
    *exp10 = g->E;
    if (k < 17 && g->D[k] >= '5') { /* round up, carrying */
        int i = k - 1;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        if (i >= 0) {
            out[i]++;
        } else {
            out[0] = '1';
            (*exp10)++;
        }
    }
    return k;
}

static bool round_trips(const Digits17 *g, int k)
{
    char digits[24], buf[48];
    int e;
    int n = round_k(g, k, digits, &e);
    buf[0] = digits[0];
    buf[1] = '.';
    memcpy(buf + 2, digits + 1, (size_t)n - 1);
    snprintf(buf + n + 1, sizeof buf - (size_t)n - 1, "e%d", e);
    return strtod(buf, NULL) == g->d;
}

/* Shortest digit string that round-trips (digits[], no trailing zeros) and
 * the decimal exponent of the first digit; d finite, positive.  Round-trip
 * is monotone in the digit count, so a binary search needs ~4 strtod calls. */
static int shortest_digits(double d, char *digits, int *exp10)
{
    Digits17 g;
    char buf[40];
    g.d = d;
    snprintf(buf, sizeof buf, "%.16e", d);
    int n = 0;
    char *e = strchr(buf, 'e');
    for (char *c = buf; c < e; c++)
        if (*c >= '0' && *c <= '9')
            g.D[n++] = *c;
    g.E = atoi(e + 1);
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (round_trips(&g, mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    n = round_k(&g, lo, digits, exp10);
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = 0;
    return n;
}

/* Python's repr of a float into out (at least 32 bytes); returns length. */
static int float_repr_buf(double d, char *out)
{
    if (isnan(d))
        return sprintf(out, "nan");
    if (isinf(d))
        return sprintf(out, d > 0 ? "inf" : "-inf");
    char *o = out;
    if (signbit(d)) {
        *o++ = '-';
        d = -d;
    }
    if (d == 0) {
        strcpy(o, "0.0");
        return (int)(o - out) + 3;
    }
    char digits[24];
    int e;
    int n = shortest_digits(d, digits, &e);
    if (e < -4 || e >= 16) {
        *o++ = digits[0];
        if (n > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)n - 1);
            o += n - 1;
        }
        o += sprintf(o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (e < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -e - 1; i++)
            *o++ = '0';
        memcpy(o, digits, (size_t)n);
        o += n;
    } else {
        for (int i = 0; i <= e; i++)
            *o++ = i < n ? digits[i] : '0';
        *o++ = '.';
        if (n > e + 1) {
            memcpy(o, digits + e + 1, (size_t)(n - e - 1));
            o += n - e - 1;
        } else {
            *o++ = '0';
        }
    }
    *o = 0;
    return (int)(o - out);
}

Value rt_float_repr(VM *vm, double d)
{
    char buf[64];
    int n = float_repr_buf(d, buf);
    return rt_str_new(vm, buf, (size_t)n);
}

static Value float_repr_slot(VM *vm, Value v) { return rt_float_repr(vm, v_f(v)); }

/* ---- parsing -------------------------------------------------------------------- */

static bool fl_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static bool ci_eq(const char *a, size_t n, const char *lit)
{
    return strlen(lit) == n && strncasecmp(a, lit, n) == 0;
}

/* Python float() text: [sign] (digits [. digits] | . digits) [e [sign] digits],
 * inf/infinity/nan; underscores only between digits. */
static bool parse_float_text(const char *s, size_t len, double *out)
{
    const char *p = s, *end = s + len;
    while (p < end && fl_space((unsigned char)*p))
        p++;
    while (end > p && fl_space((unsigned char)end[-1]))
        end--;
    if (p == end)
        return false;
    bool neg = false;
    const char *body = p;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    size_t n = (size_t)(end - p);
    if (ci_eq(p, n, "inf") || ci_eq(p, n, "infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        return true;
    }
    if (ci_eq(p, n, "nan")) {
        *out = neg ? -NAN : NAN;
        return true;
    }
    char small[64];
    char *buf = (size_t)(end - body) < sizeof small ? small : malloc((size_t)(end - body) + 1);
    if (!buf)
        return false;
    size_t k = 0;
    if (body != p)
        buf[k++] = *body;
    bool ok = true;
    int state = 0; /* 0 int digits, 1 frac digits, 2 exp digits */
    size_t ndig[3] = {0, 0, 0};
    bool exp_sign_ok = false;
    for (const char *q = p; q < end && ok; q++) {
        char c = *q;
        if (c >= '0' && c <= '9') {
            ndig[state]++;
            buf[k++] = c;
            exp_sign_ok = false;
        } else if (c == '_') {
            ok = q > p && q[-1] >= '0' && q[-1] <= '9' && q + 1 < end && q[1] >= '0' && q[1] <= '9';
        } else if (c == '.' && state == 0) {
            state = 1;
            buf[k++] = c;
        } else if ((c == 'e' || c == 'E') && state < 2 && (ndig[0] || ndig[1])) {
            state = 2;
            buf[k++] = c;
            exp_sign_ok = true;
        } else if ((c == '+' || c == '-') && exp_sign_ok) {
            buf[k++] = c;
            exp_sign_ok = false;
        } else {
            ok = false;
        }
    }
    if (ok && ndig[0] + ndig[1] == 0)
        ok = false;
    if (ok && state == 2 && ndig[2] == 0)
        ok = false;
    if (ok) {
        buf[k] = 0;
        *out = strtod(buf, NULL);
    }
    if (buf != small)
        free(buf);
    return ok;
}

static Value float_parse_error(VM *vm, Value orig)
{
    Value r = rt_repr(vm, orig);
    if (!r)
        return VNULL;
    return rt_raise(vm, &rt_exc_ValueError, "could not convert string to float: %s", v_cstr(r));
}

Value rt_float_from_string(VM *vm, const char *s, size_t len)
{
    double d;
    if (!parse_float_text(s, len, &d)) {
        Value orig = rt_str_new(vm, s, len);
        return orig ? float_parse_error(vm, orig) : VNULL;
    }
    return rt_float_new(vm, d);
}

/* ---- hash ------------------------------------------------------------------------ */

#define HASH_BITS 61
#define HASH_MOD (((uint64_t)1 << HASH_BITS) - 1)

/* CPython's _Py_HashDouble (NaN hashes to 0 here: CPython uses identity). */
int64_t rt_float_hash(double v)
{
    if (!isfinite(v))
        return isinf(v) ? (v > 0 ? 314159 : -314159) : 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MOD) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MOD)
            x -= HASH_MOD;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MOD) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

static int64_t float_hash_slot(VM *vm, Value v) { return rt_float_hash(v_f(v)); }

/* ---- arithmetic -------------------------------------------------------------------- */

bool rt_to_double(VM *vm, Value v, double *out)
{
    if (rt_is_float(v)) {
        *out = v_f(v);
        return true;
    }
    if (rt_is_int(v)) {
        bool over;
        *out = rt_int_to_double(vm, v, &over);
        if (over) {
            rt_raise(vm, &rt_exc_OverflowError, "int too large to convert to float");
            return false;
        }
        return true;
    }
    rt_raise(vm, &rt_exc_TypeError, "must be real number, not %s", rt_type_name(v));
    return false;
}

static Value range_error(VM *vm)
{
    Value args = rt_tuple_pack(vm, 2, v_from_small(34), rt_str_from_cstr(vm, "Numerical result out of range"));
    if (!args)
        return VNULL;
    Value e = rt_exc_new(vm, &rt_exc_OverflowError, args);
    return e ? rt_raise_value(vm, e) : VNULL;
}

static Value float_pow(VM *vm, double iv, double iw)
{
    if (iw == 0)
        return rt_float_new(vm, 1.0);
    if (isnan(iv))
        return rt_float_new(vm, iv);
    if (isnan(iw))
        return rt_float_new(vm, iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0)
            return rt_float_new(vm, 1.0);
        return rt_float_new(vm, (iw > 0) == (iv > 1.0) ? fabs(iw) : 0.0);
    }
    bool iw_is_odd = fmod(fabs(iw), 2.0) == 1.0;
    if (isinf(iv)) {
        if (iw > 0)
            return rt_float_new(vm, iw_is_odd ? iv : fabs(iv));
        return rt_float_new(vm, iw_is_odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0) {
        if (iw < 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return rt_float_new(vm, iw_is_odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0) {
        if (iw != floor(iw)) /* a negative number to a fractional power is complex */
            return rt_complex_pow(vm, iv, 0.0, iw, 0.0);
        iv = -iv;
        negate = iw_is_odd;
    }
    if (iv == 1.0)
        return rt_float_new(vm, negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (negate)
        ix = -ix;
    if (isinf(ix))
        return range_error(vm);
    return rt_float_new(vm, ix);
}

/* Operand of a float operation: float, or int converted (OverflowError when
 * too big).  Returns 0 not a number, 1 ok, -1 error. */
static int num_arg(VM *vm, Value v, double *out)
{
    if (rt_is_float(v)) {
        *out = v_f(v);
        return 1;
    }
    if (rt_is_int(v))
        return rt_to_double(vm, v, out) ? 1 : -1;
    return 0;
}

Value rt_float_binop(VM *vm, BinOp op, Value a, Value b)
{
    double x, y;
    int ra = num_arg(vm, a, &x);
    if (ra <= 0)
        return ra < 0 ? VNULL : rt_NotImplemented;
    int rb = num_arg(vm, b, &y);
    if (rb <= 0)
        return rb < 0 ? VNULL : rt_NotImplemented;
    switch (op) {
    case BIN_ADD: return rt_float_new(vm, x + y);
    case BIN_SUB: return rt_float_new(vm, x - y);
    case BIN_MUL: return rt_float_new(vm, x * y);
    case BIN_TRUEDIV:
        if (y == 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "float division by zero");
        return rt_float_new(vm, x / y);
    case BIN_FLOORDIV: {
        if (y == 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "float floor division by zero");
        double mod = fmod(x, y), div = (x - mod) / y, fd;
        if (mod) {
            if ((y < 0) != (mod < 0))
                div -= 1.0;
        }
        if (div) {
            fd = floor(div);
            if (div - fd > 0.5)
                fd += 1.0;
        } else {
            fd = copysign(0.0, x / y);
        }
        return rt_float_new(vm, fd);
    }
    case BIN_MOD: {
        if (y == 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "float modulo");
        double mod = fmod(x, y);
        if (mod) {
            if ((y < 0) != (mod < 0))
                mod += y;
        } else {
            mod = copysign(0.0, y);
        }
        return rt_float_new(vm, mod);
    }
    case BIN_POW: return float_pow(vm, x, y);
    default: return rt_NotImplemented;
    }
}

static Value float_dispatch(VM *vm, BinOp op, Value a, Value b)
{
    return rt_float_binop(vm, op, a, b);
}

#define FLOAT_SLOT(NAME, sym, d, r, i) \
    static Value float_##NAME(VM *vm, Value a, Value b) { return float_dispatch(vm, BIN_##NAME, a, b); }
FLOAT_SLOT(ADD, 0, 0, 0, 0)
FLOAT_SLOT(SUB, 0, 0, 0, 0)
FLOAT_SLOT(MUL, 0, 0, 0, 0)
FLOAT_SLOT(TRUEDIV, 0, 0, 0, 0)
FLOAT_SLOT(FLOORDIV, 0, 0, 0, 0)
FLOAT_SLOT(MOD, 0, 0, 0, 0)
FLOAT_SLOT(POW, 0, 0, 0, 0)
#undef FLOAT_SLOT

static Value fcmp(double x, double y, CmpOp op)
{
    switch (op) {
    case CMP_LT: return rt_bool(x < y);
    case CMP_LE: return rt_bool(x <= y);
    case CMP_EQ: return rt_bool(x == y);
    case CMP_NE: return rt_bool(x != y);
    case CMP_GT: return rt_bool(x > y);
    default: return rt_bool(x >= y);
    }
}

static Value float_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (rt_is_float(a) && rt_is_float(b))
        return fcmp(v_f(a), v_f(b), op);
    int c;
    if (rt_is_float(a) && rt_is_int(b)) {
        c = rt_int_float_cmp(b, v_f(a));
        if (c != 2)
            c = -c;
    } else if (rt_is_int(a) && rt_is_float(b)) {
        c = rt_int_float_cmp(a, v_f(b));
    } else {
        return rt_NotImplemented;
    }
    if (c == 2)
        return rt_bool(op == CMP_NE);
    return fcmp((double)c, 0.0, op);
}

static int float_truth(VM *vm, Value v) { return v_f(v) != 0; }

static Value float_neg(VM *vm, Value v) { return rt_float_new(vm, -v_f(v)); }
static Value float_pos(VM *vm, Value v)
{
    return v_obj(v)->type == &rt_float_type ? v : rt_float_new(vm, v_f(v));
}

static Value float_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (kwnames && kwnames != rt_None && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "float() takes no keyword arguments");
    if (!rt_check_nargs(vm, "float", argc, 0, 1))
        return VNULL;
    double d = 0;
    if (argc == 1) {
        Value x = argv[0];
        if (!v_is_small(x) && !v_is(x, &rt_bytes_type) && rt_has_buffer(x) && !(x = rt_buffer_to_bytes(vm, x)))
            return VNULL; /* bytearray, memoryview: parsed as their bytes */
        if (rt_is_float(x)) {
            d = v_f(x);
        } else if (rt_is_int(x)) {
            if (!rt_to_double(vm, x, &d))
                return VNULL;
        } else if (v_is_str(x) || v_is(x, &rt_bytes_type)) {
            const char *s = v_is_str(x) ? v_cstr(x) : (const char *)((Bytes *)v_obj(x))->data;
            size_t n = v_is_str(x) ? v_str(x)->len : ((Bytes *)v_obj(x))->len;
            char *t = NULL;
            if (v_is_str(x) && !v_str(x)->ascii) { /* Unicode digits and spaces */
                if (!(t = rt_unicode_number_ascii(s, n, &n)))
                    return rt_no_memory(vm);
                s = t;
            }
            bool ok = parse_float_text(s, n, &d);
            free(t);
            if (!ok)
                return float_parse_error(vm, x);
        } else {
            Type *t = v_type(x);
            Value r;
            if (rt_lookup_type_attr(t, vm->names.__float__)) {
                r = rt_call_method(vm, x, "__float__", 0, NULL);
                if (r && !rt_is_float(r))
                    return rt_raise(vm, &rt_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                                    rt_type_name(x), rt_type_name(r));
            } else if (rt_lookup_type_attr(t, vm->names.__index__)) {
                r = rt_index(vm, x);
            } else {
                return rt_raise(vm, &rt_exc_TypeError,
                                "float() argument must be a string or a real number, not '%s'",
                                rt_type_name(x));
            }
            if (!r || !rt_to_double(vm, r, &d))
                return VNULL;
        }
    }
    if (type == &rt_float_type)
        return rt_float_new(vm, d);
    Float *f = rt_alloc(vm, type, sizeof(Float));
    if (!f)
        return VNULL;
    f->d = d;
    return v_from(f);
}

/* ---- methods ---------------------------------------------------------------------- */

static Value m_is_integer(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "is_integer", argc - 1, 0, 0))
        return VNULL;
    double d = v_f(argv[0]);
    return rt_bool(isfinite(d) && d == floor(d));
}

static Value m_as_integer_ratio(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "as_integer_ratio", argc - 1, 0, 0))
        return VNULL;
    double d = v_f(argv[0]);
    if (isinf(d))
        return rt_raise(vm, &rt_exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(d))
        return rt_raise(vm, &rt_exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(d, &e);
    int64_t num = (int64_t)ldexp(m, 53);
    e -= 53;
    while (num != 0 && (num & 1) == 0 && e < 0) {
        num /= 2;
        e++;
    }
    if (num == 0)
        e = 0;
    Value n = rt_int_from_i64(vm, num), den = v_from_small(1);
    if (e > 0)
        n = rt_int_binop(vm, BIN_LSHIFT, n, v_from_small(e));
    else if (e < 0)
        den = rt_int_binop(vm, BIN_LSHIFT, den, v_from_small(-e));
    if (!n || !den)
        return VNULL;
    return rt_tuple_pack(vm, 2, n, den);
}

static Value m_conjugate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "conjugate", argc - 1, 0, 0))
        return VNULL;
    return float_pos(vm, argv[0]);
}

static Value m_trunc(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__trunc__", argc - 1, 0, 0))
        return VNULL;
    return rt_int_from_double(vm, trunc(v_f(argv[0])));
}

static Value m_floor(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__floor__", argc - 1, 0, 0))
        return VNULL;
    return rt_int_from_double(vm, floor(v_f(argv[0])));
}

static Value m_ceil(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__ceil__", argc - 1, 0, 0))
        return VNULL;
    return rt_int_from_double(vm, ceil(v_f(argv[0])));
}

static Value m_float(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__float__", argc - 1, 0, 0))
        return VNULL;
    return float_pos(vm, argv[0]);
}

static Value m_abs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__abs__", argc - 1, 0, 0))
        return VNULL;
    return rt_float_new(vm, fabs(v_f(argv[0])));
}

static Value m_hex(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "hex", argc - 1, 0, 0))
        return VNULL;
    double d = v_f(argv[0]);
    if (!isfinite(d))
        return rt_float_repr(vm, d);
    if (d == 0)
        return rt_str_from_cstr(vm, signbit(d) ? "-0x0.0p+0" : "0x0.0p+0");
    /* CPython: 0x1.<13 hex digits>p<exp>, trailing zeros kept */
    int e;
    double m = frexp(fabs(d), &e); /* m in [0.5, 1) */
    m *= 2;
    e -= 1;
    if (e < -1022) { /* subnormal: CPython keeps exponent -1022 */
        m = ldexp(m, e + 1022);
        e = -1022;
    }
    int lead = (int)m;
    m -= lead;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s0x%d.", signbit(d) ? "-" : "", lead);
    for (int i = 0; i < 13; i++) {
        m *= 16;
        int dig = (int)m;
        m -= dig;
        buf[n++] = "0123456789abcdef"[dig];
    }
    n += snprintf(buf + n, sizeof buf - (size_t)n, "p%+d", e);
    return rt_str_new(vm, buf, (size_t)n);
}

/* float.fromhex(s): [ws][sign](inf|infinity|nan|[0x]h*[.h*][p[sign]d+])[ws], exactly rounded. */
static Value m_fromhex(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "float.fromhex", argc - 1, 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "must be str, not %s", rt_type_name(argv[1]));
    const char *s = v_cstr(argv[1]), *end = s + v_str(argv[1])->len;
    while (s < end && (*s == ' ' || (*s >= '\t' && *s <= '\r')))
        s++;
    while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
        end--;
    char buf[512];
    const char *p = s;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    size_t rest = (size_t)(end - p);
    double d;
    if ((rest == 3 && !strncasecmp(p, "inf", 3)) || (rest == 8 && !strncasecmp(p, "infinity", 8))) {
        d = INFINITY;
    } else if (rest == 3 && !strncasecmp(p, "nan", 3)) {
        d = NAN;
    } else {
        if (rest >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
            p += 2, rest -= 2;
        /* validate the shape: hex digits, at most one point, at least one digit, optional p-exponent */
        size_t i = 0, digits = 0;
        bool point = false;
        for (; i < rest && (isxdigit((unsigned char)p[i]) || (p[i] == '.' && !point)); i++) {
            if (p[i] == '.') point = true;
            else digits++;
        }
        bool ok = digits > 0;
        if (ok && i < rest) {
            ok = p[i] == 'p' || p[i] == 'P';
            i++;
            if (i < rest && (p[i] == '+' || p[i] == '-'))
                i++;
            ok = ok && i < rest;
            for (; ok && i < rest; i++)
                ok = p[i] >= '0' && p[i] <= '9';
        }
        if (!ok || rest + 3 >= sizeof buf)
            return rt_raise(vm, &rt_exc_ValueError, "invalid hexadecimal floating-point string");
        buf[0] = '0';
        buf[1] = 'x';
        memcpy(buf + 2, p, rest);
        buf[rest + 2] = 0;
        errno = 0;
        d = strtod(buf, NULL);
        if (isinf(d))
            return rt_raise(vm, &rt_exc_OverflowError, "hexadecimal value too large to represent as a float");
    }
    return rt_float_new(vm, neg ? -d : d);
}

static Value g_real(VM *vm, Value self) { return rt_float_new(vm, v_f(self)); }
static Value g_imag(VM *vm, Value self) { return rt_float_new(vm, 0.0); }
static const GetSetDef float_getsets[] = {
    {"real", g_real, NULL},
    {"imag", g_imag, NULL},
    {NULL, NULL, NULL},
};

/* float.__getformat__(typestr): how C doubles and floats are stored here. */
static Value m_getformat(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__getformat__", argc - 1, 1, 1))
        return VNULL;
    Value t = argv[1];
    if (!v_is_str(t))
        return rt_raise(vm, &rt_exc_TypeError,
                        "__getformat__() argument must be str, not %s", rt_type_name(t));
    if (strcmp(v_cstr(t), "double") != 0 && strcmp(v_cstr(t), "float") != 0)
        return rt_raise(vm, &rt_exc_ValueError,
                        "__getformat__() argument 1 must be 'double' or 'float'");
    return rt_str_from_cstr(vm, "IEEE, little-endian");
}

static const NativeDef float_methods[] = {
    {"fromhex", m_fromhex, NF_CLASSMETHOD},
    {"__getformat__", m_getformat, NF_CLASSMETHOD},
    {"is_integer", m_is_integer, 0},
    {"as_integer_ratio", m_as_integer_ratio, 0},
    {"conjugate", m_conjugate, 0},
    {"hex", m_hex, 0},
    {"__trunc__", m_trunc, 0},
    {"__int__", m_trunc, 0},
    {"__floor__", m_floor, 0},
    {"__ceil__", m_ceil, 0},
    {"__float__", m_float, 0},
    {"__abs__", m_abs, 0},
    {"__round__", rt_num_round_method, 0},
    {"__format__", rt_num_format_method, 0},
    {NULL, NULL, 0},
};

Type rt_float_type = {
    .name = "float",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Float),
    .repr = float_repr_slot,
    .hash = float_hash_slot,
    .richcompare = float_richcompare,
    .truth = float_truth,
    .binop = {
        [BIN_ADD] = float_ADD, [BIN_SUB] = float_SUB, [BIN_MUL] = float_MUL,
        [BIN_TRUEDIV] = float_TRUEDIV, [BIN_FLOORDIV] = float_FLOORDIV, [BIN_MOD] = float_MOD,
        [BIN_POW] = float_POW,
    },
    .unop = {[UN_NEG] = float_neg, [UN_POS] = float_pos},
    .new = float_new,
};

bool rt_float_type_init(VM *vm)
{
    return rt_type_ready(vm, &rt_float_type) && rt_add_methods(vm, &rt_float_type, float_methods) &&
           rt_add_getsets(vm, &rt_float_type, float_getsets);
}
