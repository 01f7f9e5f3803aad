/* stdlib/math.c — the math module, after CPython's Modules/mathmodule.c:
 * the same error rules (a NaN from a non-NaN argument is "math domain
 * error", an infinity from finite arguments "math range error"), exact
 * integer functions on arbitrary ints, and fsum by Shewchuk's algorithm. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/state.h"
#include "stdlib/native.h"

static Value domain_error(VM *vm) { return rt_raise(vm, &rt_exc_ValueError, "math domain error"); }
static Value range_error(VM *vm) { return rt_raise(vm, &rt_exc_OverflowError, "math range error"); }

static bool check_one(VM *vm, const char *name, int argc)
{
    if (argc != 1) {
        rt_raise(vm, &rt_exc_TypeError, "math.%s() takes exactly one argument (%d given)", name,
                 argc);
        return false;
    }
    return true;
}

static bool check_n(VM *vm, const char *name, int argc, int n)
{
    if (argc != n) {
        rt_raise(vm, &rt_exc_TypeError, "%s expected %d arguments, got %d", name, n, argc);
        return false;
    }
    return true;
}

/* A real number as a double: float, int (OverflowError if too big), or
 * anything with __float__. */
static bool to_double(VM *vm, Value v, double *out)
{
    if (v_is(v, &rt_float_type)) {
        *out = v_f(v);
        return true;
    }
    if (rt_is_int(v)) {
        bool overflow = false;
        *out = rt_int_to_double(vm, v, &overflow);
        if (overflow) {
            rt_raise(vm, &rt_exc_OverflowError, "int too large to convert to float");
            return false;
        }
        return true;
    }
    Value m = rt_lookup_type_attr(v_type(v), vm->names.__float__);
    if (m) {
        Value r = rt_call1(vm, m, v);
        if (!r)
            return false;
        if (!v_is(r, &rt_float_type)) {
            rt_raise(vm, &rt_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                     rt_type_name(v), rt_type_name(r));
            return false;
        }
        *out = v_f(r);
        return true;
    }
    rt_raise(vm, &rt_exc_TypeError, "must be real number, not %s", rt_type_name(v));
    return false;
}

static Value float_result(VM *vm, double x, double r, bool can_overflow)
{
    if (isnan(r) && !isnan(x))
        return domain_error(vm);
    if (isinf(r) && isfinite(x))
        return can_overflow ? range_error(vm) : domain_error(vm);
    return rt_float_new(vm, r);
}

/* One-argument float functions: name, C function, can overflow. */
#define MATH_FUNCS_1(X)                                                                      \
    X(sqrt, sqrt, 0) X(exp, exp, 1) X(exp2, exp2, 1) X(expm1, expm1, 1) X(fabs, fabs, 0)     \
    X(sin, sin, 0) X(cos, cos, 0) X(tan, tan, 0) X(asin, asin, 0) X(acos, acos, 0)           \
    X(atan, atan, 0) X(sinh, sinh, 1) X(cosh, cosh, 1) X(tanh, tanh, 0) X(asinh, asinh, 0)   \
    X(acosh, acosh, 0) X(atanh, atanh, 0) X(erf, erf, 0) X(erfc, erfc, 0)                    \
    X(gamma, tgamma, 1) X(lgamma, lgamma, 1) X(cbrt, cbrt, 0)

#define X(name, cfn, ovf)                                                          \
    static Value m_##name(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                              \
        double x;                                                                  \
        if (!check_one(vm, #name, argc) || !to_double(vm, argv[0], &x))            \
            return VNULL;                                                          \
        errno = 0;                                                                 \
        double r = cfn(x);                                                         \
        if (errno == ERANGE && fabs(r) >= 1.0 && ovf)                              \
            return range_error(vm);                                                \
        if (errno == EDOM && !isnan(x))                                            \
            return domain_error(vm);                                               \
        return float_result(vm, x, r, ovf);                                        \
    }
MATH_FUNCS_1(X)
#undef X

static Value m_degrees(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_one(vm, "degrees", argc) || !to_double(vm, argv[0], &x))
        return VNULL;
    return rt_float_new(vm, x * (180.0 / M_PI));
}

static Value m_radians(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_one(vm, "radians", argc) || !to_double(vm, argv[0], &x))
        return VNULL;
    return rt_float_new(vm, x * (M_PI / 180.0));
}

/* ---- logarithms (exact for huge ints, as CPython's loghelper) ---------------------- */

static bool log_of(VM *vm, Value v, double (*f)(double), double *out)
{
    if (rt_is_int(v) && !v_is_small(v) && !v_is(v, &rt_bool_type)) {
        if (rt_int_sign(v) <= 0) {
            domain_error(vm);
            return false;
        }
        bool overflow = false;
        double d = rt_int_to_double(vm, v, &overflow);
        if (overflow) {
            /* log(n) = log(n >> k) + k*log(2) */
            size_t bits = rt_int_bit_length(v);
            size_t k = bits - 64;
            Value top = rt_int_binop(vm, BIN_RSHIFT, v, rt_int_from_i64(vm, (int64_t)k));
            if (!top)
                return false;
            d = rt_int_to_double(vm, top, &overflow);
            *out = f(d) + (double)k * f(2.0);
            return true;
        }
        *out = f(d);
        return true;
    }
    double x;
    if (!to_double(vm, v, &x))
        return false;
    if (isnan(x) || (isinf(x) && x > 0)) {
        *out = x;
        return true;
    }
    if (x <= 0) {
        domain_error(vm);
        return false;
    }
    *out = f(x);
    return true;
}

static Value m_log(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1 || argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "math.log requires 1 to 2 arguments");
    double num, den;
    if (!log_of(vm, argv[0], log, &num))
        return VNULL;
    if (argc == 2) {
        if (!log_of(vm, argv[1], log, &den))
            return VNULL;
        if (den == 0.0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "float division by zero");
        num /= den;
    }
    return rt_float_new(vm, num);
}

static Value m_log2(VM *vm, int argc, Value *argv, Value kw)
{
    double r;
    return check_one(vm, "log2", argc) && log_of(vm, argv[0], log2, &r) ? rt_float_new(vm, r) : VNULL;
}

static Value m_log10(VM *vm, int argc, Value *argv, Value kw)
{
    double r;
    return check_one(vm, "log10", argc) && log_of(vm, argv[0], log10, &r) ? rt_float_new(vm, r) : VNULL;
}

static Value m_log1p(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_one(vm, "log1p", argc) || !to_double(vm, argv[0], &x))
        return VNULL;
    if (x <= -1.0)
        return domain_error(vm);
    return rt_float_new(vm, log1p(x));
}

/* ---- two-argument float functions ------------------------------------------------------ */

static bool two_doubles(VM *vm, const char *name, int argc, Value *argv, double *x, double *y)
{
    return check_n(vm, name, argc, 2) && to_double(vm, argv[0], x) && to_double(vm, argv[1], y);
}

static Value m_pow(VM *vm, int argc, Value *argv, Value kw)
{
    double x, y;
    if (!two_doubles(vm, "pow", argc, argv, &x, &y))
        return VNULL;
    double r;
    /* C99 special cases agree with CPython except where errors are raised. */
    if (!isfinite(x) || !isfinite(y)) {
        errno = 0;
        r = pow(x, y);
        return rt_float_new(vm, r);
    }
    if (x == 0.0 && y < 0.0)
        return domain_error(vm);
    if (x < 0.0 && y != floor(y))
        return domain_error(vm);
    r = pow(x, y);
    if (isinf(r))
        return range_error(vm);
    return rt_float_new(vm, r);
}

static Value m_atan2(VM *vm, int argc, Value *argv, Value kw)
{
    double x, y;
    return two_doubles(vm, "atan2", argc, argv, &y, &x) ? rt_float_new(vm, atan2(y, x)) : VNULL;
}

static Value m_copysign(VM *vm, int argc, Value *argv, Value kw)
{
    double x, y;
    return two_doubles(vm, "copysign", argc, argv, &x, &y) ? rt_float_new(vm, copysign(x, y)) : VNULL;
}

static Value m_fmod(VM *vm, int argc, Value *argv, Value kw)
{
    double x, y;
    if (!two_doubles(vm, "fmod", argc, argv, &x, &y))
        return VNULL;
    if (isinf(y) && isfinite(x))
        return rt_float_new(vm, x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return domain_error(vm);
    return rt_float_new(vm, r);
}

static Value m_remainder(VM *vm, int argc, Value *argv, Value kw)
{
    double x, y;
    if (!two_doubles(vm, "remainder", argc, argv, &x, &y))
        return VNULL;
    double r = remainder(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return domain_error(vm);
    return rt_float_new(vm, r);
}

static Value m_ldexp(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_n(vm, "ldexp", argc, 2) || !to_double(vm, argv[0], &x))
        return VNULL;
    if (!rt_is_int(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "Expected an int as second argument to ldexp.");
    int64_t e;
    if (v_is_small(argv[1]) || v_is(argv[1], &rt_bool_type))
        rt_as_i64(vm, argv[1], &e);
    else
        e = rt_int_sign(argv[1]) > 0 ? INT32_MAX : INT32_MIN;
    if (x == 0.0 || !isfinite(x))
        return rt_float_new(vm, x);
    if (e > INT32_MAX)
        e = INT32_MAX;
    if (e < INT32_MIN)
        e = INT32_MIN;
    double r = ldexp(x, (int)e);
    if (isinf(r))
        return range_error(vm);
    return rt_float_new(vm, r);
}

static Value m_frexp(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_one(vm, "frexp", argc) || !to_double(vm, argv[0], &x))
        return VNULL;
    int e = 0;
    double m = (isnan(x) || isinf(x) || x == 0.0) ? x : frexp(x, &e);
    Value mv = rt_float_new(vm, m);
    return mv ? rt_tuple_pack(vm, 2, mv, v_from_small(e)) : VNULL;
}

static Value m_modf(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    if (!check_one(vm, "modf", argc) || !to_double(vm, argv[0], &x))
        return VNULL;
    double ip, fp;
    if (isinf(x)) {
        ip = x;
        fp = copysign(0.0, x);
    } else {
        fp = modf(x, &ip);
    }
    Value a = rt_float_new(vm, fp), b = a ? rt_float_new(vm, ip) : VNULL;
    return b ? rt_tuple_pack(vm, 2, a, b) : VNULL;
}

/* ---- floor, ceil, trunc: ints, also for huge floats ---------------------------------- */

static Value round_to_int(VM *vm, int argc, Value *argv, const char *name, const char *dunder,
                          double (*f)(double))
{
    if (!check_one(vm, name, argc))
        return VNULL;
    Value v = argv[0];
    if (v_is_small(v))
        return v;
    if (v_is(v, &rt_bool_type))
        return v_from_small(v == rt_True);
    if (v_is(v, &rt_int_type))
        return v;
    if (v_is(v, &rt_float_type))
        return rt_int_from_double(vm, f(v_f(v)));
    Value m = rt_lookup_type_attr(v_type(v), rt_str_intern_cstr(vm, dunder));
    if (m)
        return rt_call1(vm, m, v);
    if (!strcmp(name, "trunc"))
        return rt_raise(vm, &rt_exc_TypeError, "type %s doesn't define __trunc__ method",
                        rt_type_name(v));
    double x;
    if (!to_double(vm, v, &x))
        return VNULL;
    return rt_int_from_double(vm, f(x));
}

static Value m_floor(VM *vm, int argc, Value *argv, Value kw) { return round_to_int(vm, argc, argv, "floor", "__floor__", floor); }
static Value m_ceil(VM *vm, int argc, Value *argv, Value kw) { return round_to_int(vm, argc, argv, "ceil", "__ceil__", ceil); }
static Value m_trunc(VM *vm, int argc, Value *argv, Value kw) { return round_to_int(vm, argc, argv, "trunc", "__trunc__", trunc); }

/* ---- predicates ------------------------------------------------------------------------ */

static Value m_isfinite(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    return check_one(vm, "isfinite", argc) && to_double(vm, argv[0], &x) ? rt_bool(isfinite(x)) : VNULL;
}

static Value m_isinf(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    return check_one(vm, "isinf", argc) && to_double(vm, argv[0], &x) ? rt_bool(isinf(x)) : VNULL;
}

static Value m_isnan(VM *vm, int argc, Value *argv, Value kw)
{
    double x;
    return check_one(vm, "isnan", argc) && to_double(vm, argv[0], &x) ? rt_bool(isnan(x)) : VNULL;
}

static Value m_isclose(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    Value a[4];
    if (argc > 2)
        return rt_raise(vm, &rt_exc_TypeError,
                        "isclose() takes exactly 2 positional arguments (%d given)", argc);
    if (!rt_parse_args(vm, "isclose", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    double x, y, rel = 1e-09, abs_tol = 0.0;
    if (!to_double(vm, a[0], &x) || !to_double(vm, a[1], &y) ||
        (a[2] && !to_double(vm, a[2], &rel)) || (a[3] && !to_double(vm, a[3], &abs_tol)))
        return VNULL;
    if (rel < 0.0 || abs_tol < 0.0)
        return rt_raise(vm, &rt_exc_ValueError, "tolerances must be non-negative");
    if (x == y)
        return rt_True;
    if (isinf(x) || isinf(y))
        return rt_False;
    double diff = fabs(y - x);
    return rt_bool((diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || (diff <= abs_tol));
}

/* ---- integer functions ----------------------------------------------------------------- */

static Value as_int(VM *vm, Value v)
{
    if (v_is(v, &rt_float_type))
        return rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
    Value i = rt_index(vm, v);
    if (i && v_is(i, &rt_bool_type))
        i = v_from_small(i == rt_True);
    return i;
}

static Value int_abs(VM *vm, Value v)
{
    return rt_int_sign(v) < 0 ? rt_int_neg(vm, v) : v;
}

static Value gcd2(VM *vm, Value a, Value b)
{
    if (v_is_small(a) && v_is_small(b)) {
        uint64_t x = (uint64_t)llabs(v_small(a)), y = (uint64_t)llabs(v_small(b));
        while (y) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        return rt_int_from_u64(vm, x);
    }
    a = int_abs(vm, a);
    b = a ? int_abs(vm, b) : VNULL;
    while (b && rt_int_sign(b) != 0) {
        Value t = rt_int_binop(vm, BIN_MOD, a, b);
        a = b;
        b = t;
    }
    return b ? a : VNULL;
}

static Value m_gcd(VM *vm, int argc, Value *argv, Value kw)
{
    Value g = v_from_small(0);
    for (int i = 0; i < argc; i++) {
        Value x = as_int(vm, argv[i]);
        if (!x || !(g = gcd2(vm, g, x)))
            return VNULL;
    }
    return g;
}

static Value m_lcm(VM *vm, int argc, Value *argv, Value kw)
{
    Value l = v_from_small(1);
    for (int i = 0; i < argc; i++) {
        Value x = as_int(vm, argv[i]);
        if (!x)
            return VNULL;
        if (rt_int_sign(l) == 0 || rt_int_sign(x) == 0) {
            l = v_from_small(0);
            continue;
        }
        Value g = gcd2(vm, l, x);
        Value q = g ? rt_int_binop(vm, BIN_FLOORDIV, x, g) : VNULL;
        Value p = q ? rt_int_binop(vm, BIN_MUL, l, q) : VNULL;
        if (!p || !(l = int_abs(vm, p)))
            return VNULL;
    }
    return l;
}

/* Product of the integers lo..hi (inclusive), balanced so big multiplications
 * have equal-sized operands. */
static Value range_product(VM *vm, uint64_t lo, uint64_t hi)
{
    if (hi < lo)
        return v_from_small(1);
    if (hi - lo < 16) {
        unsigned __int128 acc = 1;
        Value r = v_from_small(1);
        for (uint64_t i = lo; i <= hi; i++) {
            if (acc * i > (unsigned __int128)SMALL_MAX) {
                if (!(r = rt_int_binop(vm, BIN_MUL, r, rt_int_from_u64(vm, (uint64_t)acc))))
                    return VNULL;
                acc = 1;
            }
            acc *= i;
        }
        return rt_int_binop(vm, BIN_MUL, r, rt_int_from_u64(vm, (uint64_t)acc));
    }
    uint64_t mid = lo + (hi - lo) / 2;
    Value a = range_product(vm, lo, mid), b = a ? range_product(vm, mid + 1, hi) : VNULL;
    return b ? rt_int_binop(vm, BIN_MUL, a, b) : VNULL;
}

static Value m_factorial(VM *vm, int argc, Value *argv, Value kw)
{
    if (!check_one(vm, "factorial", argc))
        return VNULL;
    Value n = as_int(vm, argv[0]);
    if (!n)
        return VNULL;
    if (rt_int_sign(n) < 0)
        return rt_raise(vm, &rt_exc_ValueError, "factorial() not defined for negative values");
    if (!v_is_small(n))
        return rt_raise(vm, &rt_exc_OverflowError, "factorial() argument should not exceed %ld",
                        (long)INT64_MAX);
    return range_product(vm, 1, (uint64_t)v_small(n));
}

static bool nonneg(VM *vm, Value v, const char *which)
{
    if (rt_int_sign(v) < 0) {
        rt_raise(vm, &rt_exc_ValueError, "%s must be a non-negative integer", which);
        return false;
    }
    return true;
}

/* comb(n, k) and perm(n, k): both as ints, both non-negative. */
static bool n_k_args(VM *vm, Value *argv, Value *n, Value *k)
{
    *n = as_int(vm, argv[0]);
    *k = *n ? as_int(vm, argv[1]) : VNULL;
    return *k && nonneg(vm, *n, "n") && nonneg(vm, *k, "k");
}

static Value m_comb(VM *vm, int argc, Value *argv, Value kw)
{
    if (!check_n(vm, "comb", argc, 2))
        return VNULL;
    Value n, k;
    if (!n_k_args(vm, argv, &n, &k))
        return VNULL;
    if (rt_int_cmp(k, n) > 0)
        return v_from_small(0);
    Value nk = rt_int_binop(vm, BIN_SUB, n, k);
    if (!nk)
        return VNULL;
    if (rt_int_cmp(nk, k) < 0)
        k = nk;
    if (!v_is_small(k))
        return rt_raise(vm, &rt_exc_OverflowError, "min(n - k, k) must not exceed %ld",
                        (long)INT64_MAX);
    int64_t kk = v_small(k);
    Value r = v_from_small(1);
    for (int64_t i = 1; i <= kk && r; i++) {
        Value f = rt_int_binop(vm, BIN_SUB, n, rt_int_from_i64(vm, kk - i));
        r = f ? rt_int_binop(vm, BIN_MUL, r, f) : VNULL;
        r = r ? rt_int_binop(vm, BIN_FLOORDIV, r, rt_int_from_i64(vm, i)) : VNULL;
    }
    return r;
}

static Value m_perm(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1 || argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "perm expected %s, got %d",
                        argc < 1 ? "at least 1 argument" : "at most 2 arguments", argc);
    if (argc == 1 || argv[1] == rt_None)
        return m_factorial(vm, 1, argv, VNULL);
    Value n, k;
    if (!n_k_args(vm, argv, &n, &k))
        return VNULL;
    if (rt_int_cmp(k, n) > 0)
        return v_from_small(0);
    if (!v_is_small(k))
        return rt_raise(vm, &rt_exc_OverflowError, "k must not exceed %ld", (long)INT64_MAX);
    Value r = v_from_small(1);
    for (int64_t i = 0; i < v_small(k) && r; i++) {
        Value f = rt_int_binop(vm, BIN_SUB, n, rt_int_from_i64(vm, i));
        r = f ? rt_int_binop(vm, BIN_MUL, r, f) : VNULL;
    }
    return r;
}

static Value m_isqrt(VM *vm, int argc, Value *argv, Value kw)
{
    if (!check_one(vm, "isqrt", argc))
        return VNULL;
    Value n = as_int(vm, argv[0]);
    if (!n)
        return VNULL;
    if (rt_int_sign(n) < 0)
        return rt_raise(vm, &rt_exc_ValueError, "isqrt() argument must be nonnegative");
    if (v_is_small(n)) {
        uint64_t u = (uint64_t)v_small(n);
        uint64_t r = (uint64_t)sqrtl((long double)u);
        while (r * r > u)
            r--;
        while ((r + 1) * (r + 1) <= u)
            r++;
        return rt_int_from_u64(vm, r);
    }
    /* Newton from above: x = 2**ceil(bits/2) >= isqrt(n). */
    size_t bits = rt_int_bit_length(n);
    Value x = rt_int_binop(vm, BIN_LSHIFT, v_from_small(1), rt_int_from_i64(vm, (int64_t)((bits + 1) / 2)));
    while (x) {
        Value q = rt_int_binop(vm, BIN_FLOORDIV, n, x);
        Value s = q ? rt_int_binop(vm, BIN_ADD, x, q) : VNULL;
        Value y = s ? rt_int_binop(vm, BIN_RSHIFT, s, v_from_small(1)) : VNULL;
        if (!y)
            return VNULL;
        if (rt_int_cmp(y, x) >= 0)
            return x;
        x = y;
    }
    return VNULL;
}

static Value m_prod(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "prod", argc, argv, kwnames, names, 1, 1, a))
        return VNULL;
    Value acc = a[1] ? a[1] : v_from_small(1);
    Value it = rt_iter(vm, a[0]);
    if (!it)
        return VNULL;
    Value item;
    while ((item = rt_next(vm, it)))
        if (!(acc = rt_binary_op(vm, BIN_MUL, acc, item)))
            return VNULL;
    return vm->exc ? VNULL : acc;
}

/* ---- fsum: Shewchuk's exact summation, as CPython's math_fsum ----------------------- */

static Value m_fsum(VM *vm, int argc, Value *argv, Value kw)
{
    if (!check_one(vm, "fsum", argc))
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    if (!it)
        return VNULL;
    size_t n = 0, cap = 32;
    double *p = malloc(cap * sizeof *p);
    if (!p)
        return rt_no_memory(vm);
    double x, y, t, hi, yr, inf_sum = 0.0, special_sum = 0.0;
    volatile double lo = 0.0;
    Value item, result = VNULL;
    while ((item = rt_next(vm, it))) {
        if (!to_double(vm, item, &x))
            goto done;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            y = p[j];
            if (fabs(x) < fabs(y)) {
                t = x;
                x = y;
                y = t;
            }
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                if (isfinite(xsave)) {
                    rt_raise(vm, &rt_exc_OverflowError, "intermediate overflow in fsum");
                    goto done;
                }
                if (isinf(xsave))
                    inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                if (n == cap) {
                    double *np = realloc(p, 2 * cap * sizeof *p);
                    if (!np) {
                        rt_no_memory(vm);
                        goto done;
                    }
                    p = np;
                    cap *= 2;
                }
                p[n++] = x;
            }
        }
    }
    if (vm->exc)
        goto done;
    if (special_sum != 0.0) {
        if (isnan(inf_sum))
            rt_raise(vm, &rt_exc_ValueError, "-inf + inf in fsum");
        else
            result = rt_float_new(vm, special_sum);
        goto done;
    }
    hi = 0.0;
    if (n > 0) {
        hi = p[--n];
        /* sum_exact(ps, hi) from the top, stop when the sum becomes inexact */
        while (n > 0) {
            x = hi;
            y = p[--n];
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        /* round-half-even correction when the rest of the partials push it */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            y = lo * 2.0;
            x = hi + y;
            yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    result = rt_float_new(vm, hi);
done:
    free(p);
    return result;
}

/* ---- hypot and dist ---------------------------------------------------------------------- */

/* CPython 3.11's vector_norm: lossless scaling by a power of two, exact
 * squares and compensated sums, then one differential correction, so
 * hypot/dist round as CPython's do. */
typedef struct { double hi, lo; } DoubleLength;

static DoubleLength dl_fast_sum(double a, double b)
{
    double x = a + b;
    return (DoubleLength){x, (a - x) + b};
}

static DoubleLength dl_mul(double x, double y)
{
    double z = x * y;
    return (DoubleLength){z, fma(x, y, -z)};
}

static double vector_norm(size_t n, double *vec, double max, bool found_nan)
{
    if (isinf(max))
        return max;
    if (found_nan)
        return NAN;
    if (max == 0.0 || n <= 1)
        return max;
    int max_e;
    frexp(max, &max_e);
    if (max_e < -1023) {
        for (size_t i = 0; i < n; i++)
            vec[i] /= DBL_MIN;
        return DBL_MIN * vector_norm(n, vec, max / DBL_MIN, found_nan);
    }
    double scale = ldexp(1.0, -max_e), csum = 1.0, frac1 = 0.0, frac2 = 0.0;
    DoubleLength pr, sm;
    for (size_t i = 0; i < n; i++) {
        double x = vec[i] * scale;
        pr = dl_mul(x, x);
        sm = dl_fast_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2));
    pr = dl_mul(-h, h);
    sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    double x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    return h / scale;
}

static Value m_hypot(VM *vm, int argc, Value *argv, Value kw)
{
    double stackbuf[16], *v = argc <= 16 ? stackbuf : malloc((size_t)argc * sizeof(double));
    if (!v)
        return rt_no_memory(vm);
    double max = 0.0;
    bool nan = false;
    for (int i = 0; i < argc; i++) {
        if (!to_double(vm, argv[i], &v[i])) {
            if (v != stackbuf)
                free(v);
            return VNULL;
        }
        v[i] = fabs(v[i]);
        nan |= isnan(v[i]);
        if (v[i] > max)
            max = v[i];
    }
    double r = vector_norm((size_t)argc, v, max, nan);
    if (v != stackbuf)
        free(v);
    return rt_float_new(vm, r);
}

static Value m_dist(VM *vm, int argc, Value *argv, Value kw)
{
    if (!check_n(vm, "dist", argc, 2))
        return VNULL;
    Value p = rt_tuple_from_iter(vm, argv[0]), q = p ? rt_tuple_from_iter(vm, argv[1]) : VNULL;
    if (!q)
        return VNULL;
    size_t n = v_tuple(p)->len;
    if (n != v_tuple(q)->len)
        return rt_raise(vm, &rt_exc_ValueError,
                        "both points must have the same number of dimensions");
    double *v = malloc((n ? n : 1) * sizeof(double));
    if (!v)
        return rt_no_memory(vm);
    double max = 0.0;
    bool nan = false;
    for (size_t i = 0; i < n; i++) {
        double a, b;
        if (!to_double(vm, v_tuple(p)->items[i], &a) || !to_double(vm, v_tuple(q)->items[i], &b)) {
            free(v);
            return VNULL;
        }
        v[i] = fabs(a - b);
        nan |= isnan(v[i]);
        if (v[i] > max)
            max = v[i];
    }
    double r = vector_norm(n, v, max, nan);
    free(v);
    return rt_float_new(vm, r);
}

/* ---- the module ---------------------------------------------------------------------------- */

static const NativeDef math_functions[] = {
#define X(name, cfn, ovf) {#name, m_##name, 0},
    MATH_FUNCS_1(X)
#undef X
    {"degrees", m_degrees, 0},   {"radians", m_radians, 0},     {"log", m_log, 0},
    {"log2", m_log2, 0},         {"log10", m_log10, 0},         {"log1p", m_log1p, 0},
    {"pow", m_pow, 0},           {"atan2", m_atan2, 0},         {"copysign", m_copysign, 0},
    {"fmod", m_fmod, 0},         {"remainder", m_remainder, 0}, {"ldexp", m_ldexp, 0},
    {"frexp", m_frexp, 0},       {"modf", m_modf, 0},           {"floor", m_floor, 0},
    {"ceil", m_ceil, 0},         {"trunc", m_trunc, 0},         {"isfinite", m_isfinite, 0},
    {"isinf", m_isinf, 0},       {"isnan", m_isnan, 0},         {"isclose", m_isclose, NF_KEYWORDS},
    {"gcd", m_gcd, 0},           {"lcm", m_lcm, 0},             {"factorial", m_factorial, 0},
    {"comb", m_comb, 0},         {"perm", m_perm, 0},           {"isqrt", m_isqrt, 0},
    {"prod", m_prod, NF_KEYWORDS}, {"fsum", m_fsum, 0},         {"hypot", m_hypot, 0},
    {"dist", m_dist, 0},         {NULL, NULL, 0},
};

Value mp_math_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "math", &d);
    if (!m || !rt_add_functions(vm, d, math_functions, rt_str_intern_cstr(vm, "math")))
        return VNULL;
    static const struct { const char *name; double v; } consts[] = {
        {"pi", M_PI}, {"e", M_E}, {"tau", 2 * M_PI}, {"inf", INFINITY}, {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
        Value f = rt_float_new(vm, consts[i].v);
        if (!f || !rt_dict_set_cstr(vm, d, consts[i].name, f))
            return VNULL;
    }
    return m;
}
