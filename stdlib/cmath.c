/* stdlib/cmath.c — the cmath module.  The functions are C99's complex
 * ones (which follow Annex G's branch cuts and signed zeros, as CPython's
 * Modules/cmathmodule.c does); the errors follow CPython's rules: a NaN
 * from an argument without NaNs is "math domain error" (ValueError), an
 * infinity from finite arguments "math range error" (OverflowError), and
 * the poles (log(0), atanh(±1), atan(±1j)) are domain errors.
 */
#include <complex.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/complex.h"
#include "runtime/state.h"
#include "stdlib/native.h"

typedef double complex (*CFunc)(double complex);

static bool arg(VM *vm, Value v, double complex *z)
{
    double re, im;
    if (!rt_complex_coerce(vm, v, &re, &im))
        return false;
    *z = CMPLX(re, im);
    return true;
}

static bool has_nan(double complex z) { return isnan(creal(z)) || isnan(cimag(z)); }
static bool has_inf(double complex z) { return isinf(creal(z)) || isinf(cimag(z)); }
static bool is_finite_c(double complex z) { return isfinite(creal(z)) && isfinite(cimag(z)); }

/* Raise for r = f(z) per CPython's rules; pole: an infinity from finite z
 * is a domain error (a pole), not an overflow. */
static bool check(VM *vm, double complex z, double complex r, bool pole)
{
    if (has_inf(r) && is_finite_c(z)) {
        if (pole)
            rt_raise(vm, &rt_exc_ValueError, "math domain error");
        else
            rt_raise(vm, &rt_exc_OverflowError, "math range error");
        return false;
    }
    if (has_nan(r) && !has_nan(z)) {
        rt_raise(vm, &rt_exc_ValueError, "math domain error");
        return false;
    }
    return true;
}

static Value result(VM *vm, double complex r) { return rt_complex_new(vm, creal(r), cimag(r)); }

/* ---- special values ------------------------------------------------------------------
 * For an argument with an infinite or NaN part, CPython looks its result
 * up in a 7x7 table by the class of each part (-inf, negative, -0.0, +0.0,
 * positive, +inf, nan), where C99's Annex G leaves some signs open.  Each
 * string below holds those 49 cells, row by the real part's class: two
 * characters a cell, the real and imaginary parts of the result:
 *   0 z  0.0 -0.0    I i  inf -inf    N  nan    1 m  1.0 -1.0
 *   P p  pi/2 -pi/2  Q q  pi/4 -pi/4  T t  3pi/4 -3pi/4  R r  pi -pi
 * "VV": ValueError (math domain error); "DD": the result depends on the
 * finite part's value, computed by the ordinary path.  The cells were
 * checked against CPython 3.11 over every class (tests/lang/cmath_special). */
static const struct {
    const char *name, *cells;
} special_values[] = {
    {"acos", "TIRIRIRiRiTiNIPIDDDDDDDDPiNNPIDDP0PzDDPiPNPIDDP0PzDDPiPNPIDDDDDDDDPiNNQI0I0I0i0iQiNININNNNNNNNNiNN"},
    {"acosh", "ItIrIrIRIRITINIpDDDDDDDDIPNNIpDD0p0PDDIPNNIpDD0p0PDDIPNNIpDDDDDDDDIPNNIqIzIzI0I0IQININNNNNNNNNINNN"},
    {"asin", "qipipipIpIqINiziDDDDDDDDzINNziDDzzz0DDzIzN0iDD0z00DD0I0N0iDDDDDDDD0INNQiPiPiPIPIQINiNiNNNNNNNNNINN"},
    {"asinh", "iqizizi0i0iQiNipDDDDDDDDiPNNipDDzzz0DDiPNNIpDD0z00DDIPNNIpDDDDDDDDIPNNIqIzIzI0I0IQININNNNzN0NNINNN"},
    {"atan", "pzpzpzp0p0p0pzpzDDDDDDDDp0NNpzDDzzz0DDp0NNPzDD0z00DDP0NNPzDDDDDDDDP0NNPzPzPzP0P0P0PzNzNNNzN0NNN0NN"},
    {"atanh", "zpzpzpzPzPzPzNzpDDDDDDDDzPNNzpDDzzz0DDzPzN0pDD0z00DD0P0N0pDDDDDDDD0PNN0p0p0p0P0P0P0N0pNNNNNNNN0PNN"},
    {"cos", "VVVVVVVVVVVVNNDDDDDDDDDDDDNNIzDD1z10DDI0N0I0DD101zDDIzN0DDDDDDDDDDDDNNVVVVVVVVVVVVNNINNNN0N0NNINNN"},
    {"cosh", "VVDDI0IzDDVVINVVDDDDDDDDVVNNVVDD101zDDVVN0VVDD1z10DDVVN0VVDDDDDDDDVVNNVVDDIzI0DDVVINNNNNN0N0NNNNNN"},
    {"exp", "00DD0z00DD0000VVDDDDDDDDVVNNVVDD1z10DDVVNNVVDD1z10DDVVNNVVDDDDDDDDVVNNVVDDIzI0DDVVINNNNNNzN0NNNNNN"},
    {"log", "ItIrIrIRIRITINIpDDDDDDDDIPNNIpDDVVVVDDIPNNIpDDVVVVDDIPNNIpDDDDDDDDIPNNIqIzIzI0I0IQININNNNNNNNNINNN"},
    {"log10", "DDDDDDDDDDDDINDDDDDDDDDDDDNNDDDDVVVVDDDDNNDDDDVVVVDDDDNNDDDDDDDDDDDDNNDDIzIzI0I0DDININNNNNNNNNINNN"},
    {"sqrt", "Ii0i0i0I0IIINIIiDDDDDDDDIINNIiDD0z00DDIINNIiDD0z00DDIINNIiDDDDDDDDIINNIiIzIzI0I0IIINIiNNNNNNNNIINN"},
    {"sin", "VVVVVVVVVVVVNNDDDDDDDDDDDDNNziDDzzz0DDzIzN0iDD0z00DD0I0NDDDDDDDDDDDDNNVVVVVVVVVVVVNNNiNNNzNzNNNiNN"},
    {"sinh", "VVDDizi0DDVVINVVDDDDDDDDVVNNVVDDzzz0DDVV0NVVDD0z00DDVV0NVVDDDDDDDDVVNNVVDDIzI0DDVVINNNNNNzN0NNNNNN"},
    {"tan", "0mVVVVVVVV01NNDDDDDDDDDDDDNNzmDDzzz0DDz1zN0mDD0z00DD010NDDDDDDDDDDDDNN0mVVVVVVVV01NN0mNNNNNNNN01NN"},
    {"tanh", "m0DDmzm0DDm0m0VVDDDDDDDDVVNNVVDDzzz0DDVVNNVVDD0z00DDVVNNVVDDDDDDDDVVNN10DD1z10DD1010NNNNNzN0NNNNNN"},
    {"rect", "VVDDi0izDDVVINVVDDDDDDDDVVNN00DDz0zzDD000000DD0z00DD0000VVDDDDDDDDVVNNVVDDIzI0DDVVINNNNNN0N0NNNNNN"},
};

static int special_class(double d)
{
    if (isnan(d))
        return 6;
    if (isinf(d))
        return d > 0 ? 5 : 0;
    if (d == 0.0)
        return signbit(d) ? 2 : 3;
    return d > 0 ? 4 : 1;
}

static double special_part(char c)
{
    switch (c) {
    case '0': return 0.0;
    case 'z': return -0.0;
    case 'I': return INFINITY;
    case 'i': return -INFINITY;
    case '1': return 1.0;
    case 'm': return -1.0;
    case 'P': return M_PI / 2;
    case 'p': return -M_PI / 2;
    case 'Q': return M_PI / 4;
    case 'q': return -M_PI / 4;
    case 'T': return 3 * M_PI / 4;
    case 't': return -3 * M_PI / 4;
    case 'R': return M_PI;
    case 'r': return -M_PI;
    default: return NAN;
    }
}

/* f(x + yj) from the table when x or y is not finite: 1 with *r set, -1
 * raised, 0 when the ordinary path decides (finite, or a "DD" cell). */
static int special(VM *vm, const char *name, double x, double y, double complex *r)
{
    if (isfinite(x) && isfinite(y))
        return 0;
    for (size_t i = 0; i < sizeof special_values / sizeof *special_values; i++) {
        if (strcmp(special_values[i].name, name) != 0)
            continue;
        const char *c = special_values[i].cells + 2 * (7 * special_class(x) + special_class(y));
        if (c[0] == 'D')
            return 0;
        if (c[0] == 'V') {
            rt_raise(vm, &rt_exc_ValueError, "math domain error");
            return -1;
        }
        *r = CMPLX(special_part(c[0]), special_part(c[1]));
        return 1;
    }
    return 0;
}

static Value apply(VM *vm, const char *name, int argc, Value *argv, CFunc f, bool pole)
{
    double complex z;
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "cmath.%s() takes exactly one argument (%d given)", name, argc);
    if (!arg(vm, argv[0], &z))
        return VNULL;
    double complex r;
    int sv = special(vm, name, creal(z), cimag(z), &r);
    if (sv)
        return sv > 0 ? result(vm, r) : VNULL;
    r = f(z);
    return check(vm, z, r, pole) ? result(vm, r) : VNULL;
}

/* ---- finite arguments: CPython's algorithms (Kahan's "Branch cuts for
 * complex elementary functions"), so results agree to the last bit.
 * Infinite and NaN arguments go to C99's functions, which follow the same
 * Annex G special values. */

#define LARGE_DOUBLE (DBL_MAX / 4.)
#define SQRT_LARGE_DOUBLE 6.703903964971298e+153 /* sqrt(LARGE_DOUBLE) */
#define LOG_LARGE_DOUBLE 708.3964185322641       /* log(LARGE_DOUBLE) */
#define SQRT_DBL_MIN 1.4916681462400413e-154     /* sqrt(DBL_MIN) */
#define SCALE_UP (2 * (DBL_MANT_DIG / 2) + 1)
#define SCALE_DOWN (-(SCALE_UP + 1) / 2)

static double complex swap_i(double complex z) { return CMPLX(-cimag(z), creal(z)); }  /* i*z */
static double complex unswap_i(double complex w) { return CMPLX(cimag(w), -creal(w)); } /* -i*w */

static double complex f_sqrt(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return csqrt(z);
    if (x == 0. && y == 0.)
        return CMPLX(0., y);
    double ax = fabs(x), ay = fabs(y), s;
    if (ax < DBL_MIN && ay < DBL_MIN) { /* hypot would be subnormal */
        ax = ldexp(ax, SCALE_UP);
        s = ldexp(sqrt(ax + hypot(ax, ldexp(ay, SCALE_UP))), SCALE_DOWN);
    } else {
        ax /= 8.;
        s = 2. * sqrt(ax + hypot(ax, ay / 8.));
    }
    double d = ay / (2. * s);
    return x >= 0. ? CMPLX(s, copysign(d, y)) : CMPLX(d, copysign(s, y));
}

static double complex f_log(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return clog(z);
    double ax = fabs(x), ay = fabs(y), re;
    if (ax > LARGE_DOUBLE || ay > LARGE_DOUBLE) {
        re = log(hypot(ax / 2., ay / 2.)) + M_LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0. || ay > 0.)
            re = log(hypot(ldexp(ax, DBL_MANT_DIG), ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * M_LN2;
        else
            re = -INFINITY; /* the pole: a domain error */
    } else {
        double h = hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
            re = log1p((am - 1) * (am + 1) + an * an) / 2.;
        } else {
            re = log(h);
        }
    }
    return CMPLX(re, atan2(y, x));
}

static double complex f_log10(double complex z)
{
    double complex w = f_log(z);
    return CMPLX(creal(w) / M_LN10, cimag(w) / M_LN10);
}

static double complex f_exp(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return cexp(z);
    if (x > LOG_LARGE_DOUBLE) {
        double l = exp(x - 1.);
        return CMPLX(l * cos(y) * M_E, l * sin(y) * M_E);
    }
    double l = exp(x);
    return CMPLX(l * cos(y), l * sin(y));
}

static double complex f_cosh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return ccosh(z);
    if (fabs(x) > LOG_LARGE_DOUBLE) {
        double x1 = x - copysign(1., x);
        return CMPLX(cos(y) * cosh(x1) * M_E, sin(y) * sinh(x1) * M_E);
    }
    return CMPLX(cos(y) * cosh(x), sin(y) * sinh(x));
}

static double complex f_sinh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return csinh(z);
    if (fabs(x) > LOG_LARGE_DOUBLE) {
        double x1 = x - copysign(1., x);
        return CMPLX(cos(y) * sinh(x1) * M_E, sin(y) * cosh(x1) * M_E);
    }
    return CMPLX(cos(y) * sinh(x), sin(y) * cosh(x));
}

static double complex f_tanh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return ctanh(z);
    if (fabs(x) > LOG_LARGE_DOUBLE)
        return CMPLX(copysign(1., x), 4. * sin(y) * cos(y) * exp(-2. * fabs(x)));
    double tx = tanh(x), ty = tan(y), cx = 1. / cosh(x), txty = tx * ty, denom = 1. + txty * txty;
    return CMPLX(tx * (1. + ty * ty) / denom, ((ty / denom) * cx) * cx);
}

static double complex f_sin(double complex z) { return unswap_i(f_sinh(swap_i(z))); }
static double complex f_cos(double complex z) { return f_cosh(swap_i(z)); }
static double complex f_tan(double complex z) { return unswap_i(f_tanh(swap_i(z))); }

static double complex f_asinh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return casinh(z);
    if (fabs(x) > LARGE_DOUBLE || fabs(y) > LARGE_DOUBLE) {
        double l = log(hypot(x / 2., y / 2.)) + M_LN2 * 2.;
        return CMPLX(y >= 0. ? copysign(l, x) : -copysign(l, -x), atan2(y, fabs(x)));
    }
    double complex s1 = f_sqrt(CMPLX(1. + y, -x)), s2 = f_sqrt(CMPLX(1. - y, x));
    return CMPLX(asinh(creal(s1) * cimag(s2) - creal(s2) * cimag(s1)),
                 atan2(y, creal(s1) * creal(s2) - cimag(s1) * cimag(s2)));
}

static double complex f_asin(double complex z) { return unswap_i(f_asinh(swap_i(z))); }

static double complex f_acos(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return cacos(z);
    if (fabs(x) > LARGE_DOUBLE || fabs(y) > LARGE_DOUBLE) {
        double l = log(hypot(x / 2., y / 2.)) + M_LN2 * 2.;
        return CMPLX(atan2(fabs(y), x), x < 0. ? -copysign(l, y) : copysign(l, -y));
    }
    double complex s1 = f_sqrt(CMPLX(1. - x, -y)), s2 = f_sqrt(CMPLX(1. + x, y));
    return CMPLX(2. * atan2(creal(s1), creal(s2)), asinh(creal(s2) * cimag(s1) - cimag(s2) * creal(s1)));
}

static double complex f_acosh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return cacosh(z);
    if (fabs(x) > LARGE_DOUBLE || fabs(y) > LARGE_DOUBLE)
        return CMPLX(log(hypot(x / 2., y / 2.)) + M_LN2 * 2., atan2(y, x));
    double complex s1 = f_sqrt(CMPLX(x - 1., y)), s2 = f_sqrt(CMPLX(x + 1., y));
    return CMPLX(asinh(creal(s1) * creal(s2) + cimag(s1) * cimag(s2)), 2. * atan2(cimag(s1), creal(s2)));
}

static double complex f_atanh(double complex z)
{
    double x = creal(z), y = cimag(z);
    if (!is_finite_c(z))
        return catanh(z);
    if (x < 0.)
        return -f_atanh(-z);
    double ay = fabs(y);
    if (x > SQRT_LARGE_DOUBLE || ay > SQRT_LARGE_DOUBLE) {
        double h = hypot(x / 2., y / 2.);
        return CMPLX(x / 4. / h / h, -copysign(M_PI / 2., -y));
    }
    if (x == 1. && ay < SQRT_DBL_MIN) {
        if (ay == 0.)
            return CMPLX(INFINITY, y); /* the pole: a domain error */
        return CMPLX(-log(sqrt(ay) / sqrt(hypot(ay, 2.))), copysign(atan2(2., -ay) / 2, y));
    }
    return CMPLX(log1p(4. * x / ((1 - x) * (1 - x) + ay * ay)) / 4.,
                 -atan2(-2. * y, (1 - x) * (1 + x) - ay * ay) / 2.);
}

static double complex f_atan(double complex z) { return unswap_i(f_atanh(swap_i(z))); }

#define CMATH_FUNCS(X)                                                             \
    X(sqrt, f_sqrt, false) X(exp, f_exp, false) X(sin, f_sin, false) X(cos, f_cos, false) \
    X(tan, f_tan, false) X(asin, f_asin, false) X(acos, f_acos, false) X(atan, f_atan, true) \
    X(sinh, f_sinh, false) X(cosh, f_cosh, false) X(tanh, f_tanh, false)              \
    X(asinh, f_asinh, false) X(acosh, f_acosh, false) X(atanh, f_atanh, true)         \
    X(log10, f_log10, true)

#define X(name, cfn, pole)                                                         \
    static Value m_##name(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                              \
        return apply(vm, #name, argc, argv, cfn, pole);                            \
    }
CMATH_FUNCS(X)
#undef X

/* log(z[, base]) */
static Value m_log(VM *vm, int argc, Value *argv, Value kw)
{
    double complex z, b;
    if (!rt_check_nargs(vm, "log", argc, 1, 2) || !arg(vm, argv[0], &z))
        return VNULL;
    double complex r;
    int sv = special(vm, "log", creal(z), cimag(z), &r);
    if (sv < 0)
        return VNULL;
    if (!sv)
        r = f_log(z);
    /* With a base, CPython checks only the base's logarithm and the
     * quotient: log(0, b) is (-inf+nanj)/log(b), not an error. */
    if (argc == 1 && !sv && !check(vm, z, r, true))
        return VNULL;
    if (argc == 2) {
        if (!arg(vm, argv[1], &b))
            return VNULL;
        double complex lb;
        int svb = special(vm, "log", creal(b), cimag(b), &lb);
        if (svb < 0)
            return VNULL;
        if (!svb) {
            lb = f_log(b);
            if (!check(vm, b, lb, true))
                return VNULL;
        }
        /* Smith's quotient, as CPython's _Py_c_quot: the infinities of a
         * pole's logarithm come out as CPython's do. */
        double ar = creal(r), ai = cimag(r), br = creal(lb), bi = cimag(lb);
        if (fabs(br) >= fabs(bi)) {
            if (br == 0.0)
                return rt_raise(vm, &rt_exc_ValueError, "math domain error");
            double ratio = bi / br, denom = br + bi * ratio;
            r = CMPLX((ar + ai * ratio) / denom, (ai - ar * ratio) / denom);
        } else if (fabs(bi) >= fabs(br)) {
            double ratio = br / bi, denom = br * ratio + bi;
            r = CMPLX((ar * ratio + ai) / denom, (ai * ratio - ar) / denom);
        } else {
            r = CMPLX(NAN, NAN);
        }
    }
    return result(vm, r);
}

static Value m_phase(VM *vm, int argc, Value *argv, Value kw)
{
    double complex z;
    if (!rt_check_nargs(vm, "phase", argc, 1, 1) || !arg(vm, argv[0], &z))
        return VNULL;
    return rt_float_new(vm, atan2(cimag(z), creal(z)));
}

static Value m_polar(VM *vm, int argc, Value *argv, Value kw)
{
    double complex z;
    if (!rt_check_nargs(vm, "polar", argc, 1, 1) || !arg(vm, argv[0], &z))
        return VNULL;
    double r = hypot(creal(z), cimag(z));
    if (isinf(r) && is_finite_c(z))
        return rt_raise(vm, &rt_exc_OverflowError, "math range error");
    Value t = rt_tuple_new(vm, 2), a = rt_float_new(vm, r), p = rt_float_new(vm, atan2(cimag(z), creal(z)));
    if (!t || !a || !p)
        return VNULL;
    v_tuple(t)->items[0] = a;
    v_tuple(t)->items[1] = p;
    return t;
}

static bool real_arg(VM *vm, Value v, double *out)
{
    double im;
    if (rt_is_complex(v)) {
        rt_raise(vm, &rt_exc_TypeError, "must be real number, not complex");
        return false;
    }
    return rt_complex_coerce(vm, v, out, &im);
}

/* rect(r, phi) as CPython: infinities and NaNs per its special-value rules. */
static Value m_rect(VM *vm, int argc, Value *argv, Value kw)
{
    double r, phi;
    if (!rt_check_nargs(vm, "rect", argc, 2, 2) || !real_arg(vm, argv[0], &r) || !real_arg(vm, argv[1], &phi))
        return VNULL;
    double re, im;
    double complex sv;
    int k = special(vm, "rect", r, phi, &sv);
    if (k)
        return k > 0 ? result(vm, sv) : VNULL;
    if (isinf(r) && isfinite(phi) && phi != 0.0) {
        re = r > 0 ? copysign(INFINITY, cos(phi)) : -copysign(INFINITY, cos(phi));
        im = r > 0 ? copysign(INFINITY, sin(phi)) : -copysign(INFINITY, sin(phi));
    } else if (!isfinite(r) || !isfinite(phi)) {
        if (isinf(phi) && !isnan(r) && r != 0.0)
            return rt_raise(vm, &rt_exc_ValueError, "math domain error");
        if (isinf(r) && phi == 0.0) {
            re = r;
            im = r > 0 ? phi : -phi;
        } else if (r == 0.0) { /* zero times anything: a zero */
            re = im = 0.0;
        } else {
            re = r * cos(phi);
            im = r * sin(phi);
        }
    } else if (phi == 0.0) {
        re = r;
        im = r * phi;
    } else {
        re = r * cos(phi);
        im = r * sin(phi);
    }
    return rt_complex_new(vm, re, im);
}

static Value pred(VM *vm, const char *name, int argc, Value *argv, int which)
{
    double complex z;
    if (!rt_check_nargs(vm, name, argc, 1, 1) || !arg(vm, argv[0], &z))
        return VNULL;
    switch (which) {
    case 0: return rt_bool(is_finite_c(z));
    case 1: return rt_bool(has_inf(z));
    default: return rt_bool(has_nan(z));
    }
}

static Value m_isfinite(VM *vm, int argc, Value *argv, Value kw) { return pred(vm, "isfinite", argc, argv, 0); }
static Value m_isinf(VM *vm, int argc, Value *argv, Value kw) { return pred(vm, "isinf", argc, argv, 1); }
static Value m_isnan(VM *vm, int argc, Value *argv, Value kw) { return pred(vm, "isnan", argc, argv, 2); }

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static Value m_isclose(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "isclose", argc, argv, kw, names, 0, 2, a))
        return VNULL;
    size_t npos = (size_t)argc;
    if (npos > 2)
        return rt_raise(vm, &rt_exc_TypeError, "isclose() takes exactly 2 positional arguments (%zu given)", npos);
    double complex x, y;
    double rel = 1e-09, abs_tol = 0.0, im;
    if (!arg(vm, a[0], &x) || !arg(vm, a[1], &y))
        return VNULL;
    if ((a[2] && !rt_complex_coerce(vm, a[2], &rel, &im)) || (a[3] && !rt_complex_coerce(vm, a[3], &abs_tol, &im)))
        return VNULL;
    if (rel < 0.0 || abs_tol < 0.0)
        return rt_raise(vm, &rt_exc_ValueError, "tolerances must be non-negative");
    if (creal(x) == creal(y) && cimag(x) == cimag(y))
        return rt_True;
    if (has_inf(x) || has_inf(y))
        return rt_False;
    double diff = cabs(x - y);
    return rt_bool((diff <= rel * cabs(y)) || (diff <= rel * cabs(x)) || diff <= abs_tol);
}

static const NativeDef cmath_functions[] = {
#define X(name, cfn, pole) {#name, m_##name, 0},
    CMATH_FUNCS(X)
#undef X
    {"log", m_log, 0},         {"phase", m_phase, 0}, {"polar", m_polar, 0},
    {"rect", m_rect, 0},       {"isfinite", m_isfinite, 0}, {"isinf", m_isinf, 0},
    {"isnan", m_isnan, 0},     {"isclose", m_isclose, NF_KEYWORDS}, {NULL, NULL, 0},
};

Value mp_cmath_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "cmath", &d);
    if (!m || !rt_add_functions(vm, d, cmath_functions, rt_str_intern_cstr(vm, "cmath")))
        return VNULL;
    static const struct { const char *name; double re, im; bool is_cx; } consts[] = {
        {"pi", M_PI, 0, false},   {"e", M_E, 0, false},   {"tau", 2 * M_PI, 0, false},
        {"inf", INFINITY, 0, false}, {"nan", NAN, 0, false}, {"infj", 0, INFINITY, true},
        {"nanj", 0, NAN, true},
    };
    for (size_t i = 0; i < sizeof consts / sizeof *consts; i++) {
        Value v = consts[i].is_cx ? rt_complex_new(vm, consts[i].re, consts[i].im) : rt_float_new(vm, consts[i].re);
        if (!v || !rt_dict_set_cstr(vm, d, consts[i].name, v))
            return VNULL;
    }
    return m;
}
