/* runtime/int.c — int (tagged small ints + GMP-backed BigInt) and bool.
 *
 * Invariant: every int result is normalized — a value in [SMALL_MIN,
 * SMALL_MAX] is always a tagged small int, so a BigInt of the exact int type
 * never holds a small value.  Instances of user subclasses of int are
 * BigInt-shaped objects whatever their value; arithmetic on them yields
 * plain normalized ints.  bool's two instances are the static rt_True_obj /
 * rt_False_obj; every int operation accepts them as 1 and 0.
 */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/buffer.h"
#include "runtime/callable.h"

_Static_assert(sizeof(((BigInt *)0)->z) >= sizeof(__mpz_struct), "BigInt.z must hold an mpz_t");

#define INT_MAX_STR_DIGITS 4300

static inline mpz_ptr big_z(Value v) { return (mpz_ptr) & ((BigInt *)v_obj(v))->z; }

/* ---- classification ------------------------------------------------------ */

static inline bool is_intobj(Value v)
{
    if (v_is_small(v))
        return true;
    if (!v_is_obj(v))
        return false;
    Type *t = v_obj(v)->type;
    return t == &rt_int_type || t == &rt_bool_type ||
           ((t->flags & TF_CLASS) && rt_is_subtype(t, &rt_int_type));
}

bool rt_is_int(Value v) { return is_intobj(v); }

/* bools become small ints; other ints unchanged. */
static inline Value unbool(Value v)
{
    if (v == rt_True)
        return v_from_small(1);
    if (v == rt_False)
        return v_from_small(0);
    return v;
}

bool rt_int_is_big(Value v) { return !v_is_small(v) && v != rt_True && v != rt_False; }

static inline bool is_float(Value v)
{
    return v_is_obj(v) && (v_obj(v)->type == &rt_float_type ||
                           ((v_obj(v)->type->flags & TF_CLASS) && rt_is_subtype(v_obj(v)->type, &rt_float_type)));
}

/* A read-only mpz view of any int value, without allocating. */
typedef struct {
    mpz_t z;
    mp_limb_t limb;
} ZView;

static mpz_srcptr zview(ZView *zv, Value v)
{
    v = unbool(v);
    if (!v_is_small(v))
        return big_z(v);
    int64_t i = v_small(v);
    zv->limb = i < 0 ? (mp_limb_t)(-(uint64_t)i) : (mp_limb_t)i;
    return mpz_roinit_n(zv->z, &zv->limb, i < 0 ? -1 : (i > 0));
}

/* ---- construction ---------------------------------------------------------- */

static void bigint_finalize(VM *vm, Obj *o) { mpz_clear((mpz_ptr) & ((BigInt *)o)->z); }

/* Takes ownership of r (cleared on every path). */
static Value from_mpz(VM *vm, mpz_ptr r)
{
    if (mpz_fits_slong_p(r)) {
        long l = mpz_get_si(r);
        if (small_fits(l)) {
            mpz_clear(r);
            return v_from_small(l);
        }
    }
    BigInt *b = rt_alloc(vm, &rt_int_type, sizeof(BigInt));
    if (!b) {
        mpz_clear(r);
        return VNULL;
    }
    memcpy(&b->z, r, sizeof(__mpz_struct));
    return v_from(b);
}

Value rt_int_from_i64(VM *vm, int64_t i)
{
    if (small_fits(i))
        return v_from_small(i);
    mpz_t r;
    mpz_init_set_si(r, i);
    return from_mpz(vm, r);
}

Value rt_int_from_u64(VM *vm, uint64_t u)
{
    if (u <= (uint64_t)SMALL_MAX)
        return v_from_small((int64_t)u);
    mpz_t r;
    mpz_init_set_ui(r, u);
    return from_mpz(vm, r);
}

static inline Value mk(VM *vm, int64_t i) { return small_fits(i) ? v_from_small(i) : rt_int_from_i64(vm, i); }

Value rt_int_from_double(VM *vm, double d)
{
    if (isinf(d))
        return rt_raise(vm, &rt_exc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(d))
        return rt_raise(vm, &rt_exc_ValueError, "cannot convert float NaN to integer");
    if (d > -9.2e18 && d < 9.2e18)
        return mk(vm, (int64_t)d);
    mpz_t r;
    mpz_init_set_d(r, d);
    return from_mpz(vm, r);
}

/* ---- conversions ------------------------------------------------------------ */

int rt_int_sign(Value v)
{
    v = unbool(v);
    if (v_is_small(v)) {
        int64_t i = v_small(v);
        return (i > 0) - (i < 0);
    }
    return mpz_sgn(big_z(v));
}

/* Correctly rounded (half-even) conversion of a nonnegative mpz whose value
 * is q * 2**-shift ... here simply z; sets *overflow when it exceeds a double. */
static double mpz_to_double_rounded(mpz_srcptr z, bool *overflow)
{
    *overflow = false;
    size_t n = mpz_sizeinbase(z, 2);
    if (mpz_sgn(z) == 0 || n <= 53)
        return mpz_get_d(z);
    if (n > 1024) {
        *overflow = true;
        return 0;
    }
    /* Keep 55 significant bits plus a sticky bit, let the FPU round once. */
    size_t shift = n - 55;
    mpz_t q;
    mpz_init(q);
    mpz_tdiv_q_2exp(q, z, shift);
    uint64_t m = mpz_getlimbn(q, 0);
    if (mpz_scan1(z, 0) < shift)
        m |= 1;
    int neg = mpz_sgn(z) < 0;
    mpz_clear(q);
    double d = ldexp((double)m, (int)shift);
    if (isinf(d)) {
        *overflow = true;
        return 0;
    }
    return neg ? -d : d;
}

double rt_int_to_double(VM *vm, Value v, bool *overflow)
{
    v = unbool(v);
    *overflow = false;
    if (v_is_small(v))
        return (double)v_small(v);
    return mpz_to_double_rounded(big_z(v), overflow);
}

size_t rt_int_bit_length(Value v)
{
    v = unbool(v);
    if (v_is_small(v)) {
        int64_t i = v_small(v);
        uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;
        return u ? 64 - (size_t)__builtin_clzll(u) : 0;
    }
    return mpz_sgn(big_z(v)) ? mpz_sizeinbase(big_z(v), 2) : 0;
}

int rt_int_cmp(Value a, Value b)
{
    a = unbool(a);
    b = unbool(b);
    if (v_is_small(a) && v_is_small(b)) {
        int64_t x = v_small(a), y = v_small(b);
        return (x > y) - (x < y);
    }
    ZView za, zb;
    int c = mpz_cmp(zview(&za, a), zview(&zb, b));
    return (c > 0) - (c < 0);
}

/* Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN. */
int rt_int_float_cmp(Value i, double d)
{
    if (isnan(d))
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    i = unbool(i);
    if (v_is_small(i)) {
        int64_t x = v_small(i);
        if (x > -(1LL << 53) && x < (1LL << 53)) {
            double xd = (double)x;
            return (xd > d) - (xd < d);
        }
    }
    double fl = floor(d);
    mpz_t f;
    mpz_init_set_d(f, fl);
    ZView zv;
    int c = mpz_cmp(zview(&zv, i), f);
    mpz_clear(f);
    if (c != 0)
        return c > 0 ? 1 : -1;
    return fl == d ? 0 : -1;
}

#define HASH_BITS 61
#define HASH_MOD (((uint64_t)1 << HASH_BITS) - 1)

int64_t rt_int_hash(Value v)
{
    v = unbool(v);
    int64_t h;
    if (v_is_small(v)) {
        int64_t i = v_small(v);
        h = i % (int64_t)HASH_MOD;
    } else {
        mpz_srcptr z = big_z(v);
        h = (int64_t)mpz_tdiv_ui(z, HASH_MOD);
        if (mpz_sgn(z) < 0)
            h = -h;
    }
    return h == -1 ? -2 : h;
}

/* ---- text ------------------------------------------------------------------- */

static Value digits_limit_error(VM *vm)
{
    return rt_raise(vm, &rt_exc_ValueError,
                    "Exceeds the limit (%d digits) for integer string conversion; "
                    "use sys.set_int_max_str_digits() to increase the limit",
                    INT_MAX_STR_DIGITS);
}

Value rt_int_repr(VM *vm, Value v)
{
    v = unbool(v);
    if (v_is_small(v)) {
        int64_t i = v_small(v);
        if (i >= 0 && i < 10)
            return rt_str_new_ascii(vm, &"0123456789"[i], 1);
        char buf[24], *p = buf + sizeof buf;
        uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (i < 0)
            *--p = '-';
        return rt_str_new_ascii(vm, p, (size_t)(buf + sizeof buf - p));
    }
    mpz_srcptr z = big_z(v);
    size_t est = mpz_sizeinbase(z, 10);
    if (est > INT_MAX_STR_DIGITS + 1)
        return digits_limit_error(vm);
    char *buf = malloc(est + 2);
    if (!buf)
        return rt_no_memory(vm);
    mpz_get_str(buf, 10, z);
    size_t len = strlen(buf);
    if (len - (buf[0] == '-') > INT_MAX_STR_DIGITS) {
        free(buf);
        return digits_limit_error(vm);
    }
    Value s = rt_str_new(vm, buf, len);
    free(buf);
    return s;
}

Value rt_int_to_base(VM *vm, Value v, int base, bool prefix)
{
    v = unbool(v);
    ZView zv;
    mpz_srcptr z = zview(&zv, v);
    size_t est = mpz_sizeinbase(z, base);
    char *buf = malloc(est + 5);
    if (!buf)
        return rt_no_memory(vm);
    char *p = buf;
    if (mpz_sgn(z) < 0)
        *p++ = '-';
    if (prefix) {
        *p++ = '0';
        *p++ = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
    }
    mpz_get_str(p, base, z);
    if (*p == '-') /* mpz_get_str writes its own sign: drop it, ours is in front */
        memmove(p, p + 1, strlen(p));
    Value s = rt_str_new(vm, buf, strlen(buf));
    free(buf);
    return s;
}

static bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static int digit_val(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Parses int literal text; `orig` (str or bytes) is shown in the error. */
static Value int_parse(VM *vm, const char *s, size_t len, int base, Value orig)
{
    const char *p = s, *end = s + len;
    while (p < end && is_space((unsigned char)*p))
        p++;
    while (end > p && is_space((unsigned char)end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    int b = base;
    bool had_prefix = false;
    if (p + 1 < end && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            b = pb;
            p += 2;
            had_prefix = true;
        }
    }
    if (b == 0)
        b = 10;
    /* Validate: digits with single underscores between them (or after a prefix). */
    size_t ndigits = 0;
    bool ok = p < end, prev_us = !had_prefix;
    bool all_zero = true;
    for (const char *q = p; q < end; q++) {
        if (*q == '_') {
            if (prev_us) {
                ok = false;
                break;
            }
            prev_us = true;
            continue;
        }
        if (digit_val((unsigned char)*q) >= b) {
            ok = false;
            break;
        }
        if (*q != '0')
            all_zero = false;
        prev_us = false;
        ndigits++;
    }
    if (ok && (prev_us || ndigits == 0))
        ok = false;
    /* Base 0 forbids leading zeros in a nonzero decimal ("010"). */
    if (ok && base == 0 && !had_prefix && *p == '0' && !all_zero)
        ok = false;
    if (!ok) {
        if (!orig)
            orig = rt_str_new(vm, s, len);
        if (!orig)
            return VNULL;
        Value r = rt_repr(vm, orig);
        if (!r)
            return VNULL;
        return rt_raise(vm, &rt_exc_ValueError, "invalid literal for int() with base %d: %s", base,
                        v_cstr(r));
    }
    if (ndigits > INT_MAX_STR_DIGITS && (b & (b - 1)) != 0)
        return rt_raise(vm, &rt_exc_ValueError,
                        "Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                        "digits; use sys.set_int_max_str_digits() to increase the limit",
                        INT_MAX_STR_DIGITS, ndigits);
    if (ndigits <= 12 || (b <= 10 && ndigits <= 18)) {
        int64_t acc = 0;
        for (const char *q = p; q < end; q++)
            if (*q != '_')
                acc = acc * b + digit_val((unsigned char)*q);
        return mk(vm, neg ? -acc : acc);
    }
    char *buf = malloc(ndigits + 2);
    if (!buf)
        return rt_no_memory(vm);
    size_t n = 0;
    if (neg)
        buf[n++] = '-';
    for (const char *q = p; q < end; q++)
        if (*q != '_')
            buf[n++] = *q;
    buf[n] = 0;
    mpz_t r;
    mpz_init_set_str(r, buf, b);
    free(buf);
    return from_mpz(vm, r);
}

/* int(str): non-ASCII text (Unicode digits and spaces) goes through its ASCII transliteration. */
static Value int_parse_str(VM *vm, Value x, int base)
{
    Str *st = v_str(x);
    if (st->ascii)
        return int_parse(vm, st->data, st->len, base, x);
    size_t n;
    char *t = rt_unicode_number_ascii(st->data, st->len, &n);
    if (!t)
        return rt_no_memory(vm);
    Value r = int_parse(vm, t, n, base, x);
    free(t);
    return r;
}

Value rt_int_from_string(VM *vm, const char *s, size_t len, int base)
{
    return int_parse(vm, s, len, base, VNULL);
}

/* ---- arithmetic ---------------------------------------------------------------- */

static Value int_zero_div(VM *vm, BinOp op)
{
    return rt_raise(vm, &rt_exc_ZeroDivisionError,
                    op == BIN_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
}

/* a / b correctly rounded, a and b any ints (b != 0). */
static Value int_truediv(VM *vm, mpz_srcptr a, mpz_srcptr b)
{
    int neg = (mpz_sgn(a) < 0) != (mpz_sgn(b) < 0);
    if (mpz_sgn(a) == 0)
        return rt_float_new(vm, neg ? -0.0 : 0.0);
    mpz_t x, y, q, r;
    mpz_init(x);
    mpz_init(y);
    mpz_abs(x, a);
    mpz_abs(y, b);
    long na = (long)mpz_sizeinbase(x, 2), nb = (long)mpz_sizeinbase(y, 2);
    if (na - nb > 1025) {
        mpz_clear(x);
        mpz_clear(y);
        return rt_raise(vm, &rt_exc_OverflowError, "integer division result too large for a float");
    }
    if (na - nb < -1200) {
        mpz_clear(x);
        mpz_clear(y);
        return rt_float_new(vm, neg ? -0.0 : 0.0);
    }
    /* q = floor(x * 2**s / y) has 55 or 56 bits; a sticky bit records the rest. */
    long s = 55 - (na - nb);
    if (s > 0)
        mpz_mul_2exp(x, x, (unsigned long)s);
    else if (s < 0)
        mpz_mul_2exp(y, y, (unsigned long)-s);
    mpz_init(q);
    mpz_init(r);
    mpz_tdiv_qr(q, r, x, y);
    uint64_t m = mpz_getlimbn(q, 0);
    if (mpz_sgn(r))
        m |= 1;
    mpz_clear(x);
    mpz_clear(y);
    mpz_clear(q);
    mpz_clear(r);
    double d = ldexp((double)m, (int)-s);
    if (isinf(d))
        return rt_raise(vm, &rt_exc_OverflowError, "integer division result too large for a float");
    return rt_float_new(vm, neg ? -d : d);
}

static Value int_pow_float(VM *vm, Value a, Value b)
{
    if (rt_int_sign(a) == 0)
        return rt_raise(vm, &rt_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return rt_float_binop(vm, BIN_POW, a, b);
}

Value rt_int_binop(VM *vm, BinOp op, Value a, Value b)
{
    a = unbool(a);
    b = unbool(b);
    if (v_is_small(a) && v_is_small(b)) {
        int64_t x = v_small(a), y = v_small(b), r;
        switch (op) {
        case BIN_ADD: return mk(vm, x + y);
        case BIN_SUB: return mk(vm, x - y);
        case BIN_MUL:
            if (!__builtin_mul_overflow(x, y, &r))
                return mk(vm, r);
            break;
        case BIN_FLOORDIV:
            if (y == 0)
                return int_zero_div(vm, op);
            r = x / y;
            if ((x % y != 0) && ((x ^ y) < 0))
                r--;
            return mk(vm, r);
        case BIN_MOD:
            if (y == 0)
                return int_zero_div(vm, op);
            r = x % y;
            if (r != 0 && ((r ^ y) < 0))
                r += y;
            return v_from_small(r);
        case BIN_TRUEDIV:
            if (y == 0)
                return rt_raise(vm, &rt_exc_ZeroDivisionError, "division by zero");
            if (x > -(1LL << 53) && x < (1LL << 53) && y > -(1LL << 53) && y < (1LL << 53))
                return rt_float_new(vm, (double)x / (double)y);
            break;
        case BIN_POW: {
            if (y < 0)
                return int_pow_float(vm, a, b);
            int64_t base = x, res = 1;
            uint64_t e = (uint64_t)y;
            if (x == 0 || x == 1)
                return y == 0 ? v_from_small(1) : a;
            if (x == -1)
                return v_from_small((y & 1) ? -1 : 1);
            if (e > 64)
                break;
            for (;;) {
                if ((e & 1) && __builtin_mul_overflow(res, base, &res))
                    goto big;
                e >>= 1;
                if (!e)
                    break;
                if (__builtin_mul_overflow(base, base, &base))
                    goto big;
            }
            return mk(vm, res);
        }
        case BIN_LSHIFT:
            if (y < 0)
                return rt_raise(vm, &rt_exc_ValueError, "negative shift count");
            if (x == 0)
                return a;
            if (y < 62 && !__builtin_mul_overflow(x, (int64_t)1 << y, &r))
                return mk(vm, r);
            break;
        case BIN_RSHIFT:
            if (y < 0)
                return rt_raise(vm, &rt_exc_ValueError, "negative shift count");
            return v_from_small(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
        case BIN_AND: return v_from_small(x & y);
        case BIN_OR: return v_from_small(x | y);
        case BIN_XOR: return v_from_small(x ^ y);
        default: return rt_NotImplemented;
        }
    }
big:;
    ZView za, zb;
    mpz_srcptr A = zview(&za, a), B = zview(&zb, b);
    mpz_t r;
    switch (op) {
    case BIN_ADD: mpz_init(r); mpz_add(r, A, B); break;
    case BIN_SUB: mpz_init(r); mpz_sub(r, A, B); break;
    case BIN_MUL: mpz_init(r); mpz_mul(r, A, B); break;
    case BIN_FLOORDIV:
        if (!mpz_sgn(B))
            return int_zero_div(vm, op);
        mpz_init(r);
        mpz_fdiv_q(r, A, B);
        break;
    case BIN_MOD:
        if (!mpz_sgn(B))
            return int_zero_div(vm, op);
        mpz_init(r);
        mpz_fdiv_r(r, A, B);
        break;
    case BIN_TRUEDIV:
        if (!mpz_sgn(B))
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "division by zero");
        return int_truediv(vm, A, B);
    case BIN_POW:
        if (mpz_sgn(B) < 0)
            return int_pow_float(vm, a, b);
        if (mpz_cmpabs_ui(A, 1) <= 0) {
            if (mpz_sgn(A) >= 0)
                return mpz_sgn(B) == 0 ? v_from_small(1) : a;
            return v_from_small(mpz_odd_p(B) ? -1 : 1);
        }
        if (!mpz_fits_ulong_p(B) || mpz_get_ui(B) > ((unsigned long)1 << 40) / mpz_sizeinbase(A, 2))
            return rt_no_memory(vm);
        mpz_init(r);
        mpz_pow_ui(r, A, mpz_get_ui(B));
        break;
    case BIN_LSHIFT:
        if (mpz_sgn(B) < 0)
            return rt_raise(vm, &rt_exc_ValueError, "negative shift count");
        if (!mpz_sgn(A))
            return v_from_small(0);
        if (!mpz_fits_ulong_p(B) || mpz_get_ui(B) > ((unsigned long)1 << 40))
            return rt_raise(vm, &rt_exc_OverflowError, "too many digits in integer");
        mpz_init(r);
        mpz_mul_2exp(r, A, mpz_get_ui(B));
        break;
    case BIN_RSHIFT:
        if (mpz_sgn(B) < 0)
            return rt_raise(vm, &rt_exc_ValueError, "negative shift count");
        if (!mpz_fits_ulong_p(B))
            return v_from_small(mpz_sgn(A) < 0 ? -1 : 0);
        mpz_init(r);
        mpz_fdiv_q_2exp(r, A, mpz_get_ui(B));
        break;
    case BIN_AND: mpz_init(r); mpz_and(r, A, B); break;
    case BIN_OR: mpz_init(r); mpz_ior(r, A, B); break;
    case BIN_XOR: mpz_init(r); mpz_xor(r, A, B); break;
    default: return rt_NotImplemented;
    }
    return from_mpz(vm, r);
}

Value rt_int_neg(VM *vm, Value v)
{
    v = unbool(v);
    if (v_is_small(v))
        return mk(vm, -v_small(v));
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, big_z(v));
    return from_mpz(vm, r);
}

static Value int_pos(VM *vm, Value v)
{
    v = unbool(v);
    if (v_is_small(v) || v_obj(v)->type == &rt_int_type)
        return v;
    return rt_int_binop(vm, BIN_ADD, v, v_from_small(0)); /* subclass → plain int */
}

static Value int_abs(VM *vm, Value v)
{
    return rt_int_sign(v) < 0 ? rt_int_neg(vm, v) : int_pos(vm, v);
}

static Value int_invert(VM *vm, Value v)
{
    v = unbool(v);
    if (v_is_small(v))
        return v_from_small(~v_small(v));
    mpz_t r;
    mpz_init(r);
    mpz_com(r, big_z(v));
    return from_mpz(vm, r);
}

Value rt_int_pow_mod(VM *vm, Value a, Value b, Value m)
{
    if (rt_int_sign(m) == 0)
        return rt_raise(vm, &rt_exc_ValueError, "pow() 3rd argument cannot be 0");
    ZView za, zb, zm;
    mpz_srcptr A = zview(&za, a), B = zview(&zb, b), M = zview(&zm, m);
    mpz_t mabs, base, r;
    mpz_init(mabs);
    mpz_abs(mabs, M);
    mpz_init_set(base, A);
    mpz_init(r);
    if (mpz_sgn(B) < 0) {
        if (!mpz_invert(base, base, mabs)) {
            mpz_clear(mabs);
            mpz_clear(base);
            mpz_clear(r);
            return rt_raise(vm, &rt_exc_ValueError, "base is not invertible for the given modulus");
        }
        mpz_t e;
        mpz_init(e);
        mpz_neg(e, B);
        mpz_powm(r, base, e, mabs);
        mpz_clear(e);
    } else {
        mpz_powm(r, base, B, mabs);
    }
    /* powm gives [0, |m|); Python's result takes the sign of m. */
    if (mpz_sgn(M) < 0 && mpz_sgn(r) != 0)
        mpz_add(r, r, M);
    mpz_clear(mabs);
    mpz_clear(base);
    return from_mpz(vm, r);
}

/* divmod(a, b) for ints and floats, NotImplemented for other types. */
Value rt_num_divmod(VM *vm, Value a, Value b)
{
    if (is_intobj(a) && is_intobj(b)) {
        if (rt_int_sign(b) == 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "integer division or modulo by zero");
        Value q = rt_int_binop(vm, BIN_FLOORDIV, a, b);
        if (!q)
            return VNULL;
        Value r = rt_int_binop(vm, BIN_MOD, a, b);
        if (!r)
            return VNULL;
        return rt_tuple_pack(vm, 2, q, r);
    }
    if ((is_intobj(a) || is_float(a)) && (is_intobj(b) || is_float(b))) {
        double x, y;
        if (!rt_to_double(vm, a, &x) || !rt_to_double(vm, b, &y))
            return VNULL;
        if (y == 0)
            return rt_raise(vm, &rt_exc_ZeroDivisionError, "float divmod()");
        Value fa = rt_float_new(vm, x), fb = fa ? rt_float_new(vm, y) : VNULL;
        if (!fb)
            return VNULL;
        Value q = rt_float_binop(vm, BIN_FLOORDIV, fa, fb);
        Value r = q ? rt_float_binop(vm, BIN_MOD, fa, fb) : VNULL;
        return r ? rt_tuple_pack(vm, 2, q, r) : VNULL;
    }
    return rt_NotImplemented;
}

/* ---- round ------------------------------------------------------------------- */

/* z rounded half-even to a multiple of 10**k (k > 0), in place. */
static void mpz_round_pow10(mpz_ptr z, unsigned long k)
{
    mpz_t p, q, r;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, k);
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, z, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    mpz_mul(z, q, p);
    mpz_clear(p);
    mpz_clear(q);
    mpz_clear(r);
}

static Value round_double(VM *vm, double x, int64_t n)
{
    if (!isfinite(x) || x == 0 || n > 323)
        return rt_float_new(vm, x);
    if (n < -308)
        return rt_float_new(vm, 0.0 * x);
    /* x is num/2**e exactly; scale by 10**n and round half-even on the exact value. */
    int e;
    double m = frexp(x, &e);
    mpz_t num, den, q, r;
    mpz_init_set_d(num, ldexp(m, 53));
    e -= 53;
    mpz_init_set_ui(den, 1);
    if (e > 0)
        mpz_mul_2exp(num, num, (unsigned long)e);
    else
        mpz_mul_2exp(den, den, (unsigned long)-e);
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(n < 0 ? -n : n));
    if (n >= 0)
        mpz_mul(num, num, p);
    else
        mpz_mul(den, den, p);
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    Value res;
    bool overflow = false;
    if (n >= 0) {
        if (mpz_sgn(q) == 0) {
            res = rt_float_new(vm, copysign(0.0, x));
        } else {
            res = int_truediv(vm, q, p);
            if (res && signbit(x) && v_f(res) == 0)
                res = rt_float_new(vm, -0.0);
        }
    } else {
        mpz_mul(q, q, p);
        double d = mpz_to_double_rounded(q, &overflow);
        res = overflow ? VNULL : rt_float_new(vm, mpz_sgn(q) ? d : copysign(0.0, x));
    }
    mpz_clear(num);
    mpz_clear(den);
    mpz_clear(p);
    mpz_clear(q);
    mpz_clear(r);
    if (overflow)
        return rt_raise(vm, &rt_exc_OverflowError, "rounded value too large to represent");
    return res;
}

Value rt_round(VM *vm, Value x, Value ndigits)
{
    bool have_n = ndigits && ndigits != rt_None;
    int64_t n = 0;
    if (have_n) {
        Value iv = rt_index(vm, ndigits);
        if (!iv)
            return VNULL;
        if (!v_is_small(iv))
            n = rt_int_sign(iv) < 0 ? INT32_MIN : INT32_MAX;
        else
            n = v_small(iv);
    }
    if (is_intobj(x)) {
        x = unbool(x);
        if (!have_n || n >= 0)
            return int_pos(vm, x);
        if (n < -100000)
            return v_from_small(0);
        ZView zv;
        mpz_t z;
        mpz_init_set(z, zview(&zv, x));
        mpz_round_pow10(z, (unsigned long)-n);
        return from_mpz(vm, z);
    }
    if (is_float(x)) {
        double d = v_f(x);
        if (have_n)
            return round_double(vm, d, n);
        double r = round(d);
        if (fabs(d - r) == 0.5)
            r = 2.0 * round(d / 2.0);
        return rt_int_from_double(vm, r);
    }
    Value f = rt_lookup_type_attr(v_type(x), vm->names.__round__);
    if (!f)
        return rt_raise(vm, &rt_exc_TypeError, "type %s doesn't define __round__ method",
                        rt_type_name(x));
    return have_n ? rt_call_method(vm, x, "__round__", 1, &ndigits)
                  : rt_call_method(vm, x, "__round__", 0, NULL);
}

/* ---- slots -------------------------------------------------------------------- */

static Value int_repr_slot(VM *vm, Value v) { return rt_int_repr(vm, v); }

static Value bool_repr(VM *vm, Value v)
{
    return rt_str_intern_cstr(vm, v == rt_True ? "True" : "False");
}

static int64_t int_hash_slot(VM *vm, Value v) { return rt_int_hash(v); }

static int int_truth(VM *vm, Value v) { return rt_int_sign(v) != 0; }

static Value cmp_result(int c, CmpOp op)
{
    if (c == 2) /* unordered (NaN) */
        return rt_bool(op == CMP_NE);
    switch (op) {
    case CMP_LT: return rt_bool(c < 0);
    case CMP_LE: return rt_bool(c <= 0);
    case CMP_EQ: return rt_bool(c == 0);
    case CMP_NE: return rt_bool(c != 0);
    case CMP_GT: return rt_bool(c > 0);
    default: return rt_bool(c >= 0);
    }
}

/* Like CPython, int's slots decline floats (NotImplemented): float's slots
 * handle mixed operands from either side. */
static Value int_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (is_intobj(a) && is_intobj(b))
        return cmp_result(rt_int_cmp(a, b), op);
    return rt_NotImplemented;
}

static Value int_dispatch(VM *vm, BinOp op, Value a, Value b)
{
    if (is_intobj(a) && is_intobj(b))
        return rt_int_binop(vm, op, a, b);
    return rt_NotImplemented;
}

#define INT_SLOT(NAME, sym, d, r, i) \
    static Value int_##NAME(VM *vm, Value a, Value b) { return int_dispatch(vm, BIN_##NAME, a, b); }
RT_BINOPS(INT_SLOT)
#undef INT_SLOT

static Value bool_bitop(VM *vm, BinOp op, Value a, Value b)
{
    if (v_is(a, &rt_bool_type) && v_is(b, &rt_bool_type)) {
        bool x = a == rt_True, y = b == rt_True;
        return rt_bool(op == BIN_AND ? (x & y) : op == BIN_OR ? (x | y) : (x ^ y));
    }
    return int_dispatch(vm, op, a, b);
}
static Value bool_and(VM *vm, Value a, Value b) { return bool_bitop(vm, BIN_AND, a, b); }
static Value bool_or(VM *vm, Value a, Value b) { return bool_bitop(vm, BIN_OR, a, b); }
static Value bool_xor(VM *vm, Value a, Value b) { return bool_bitop(vm, BIN_XOR, a, b); }

static Value int_neg_slot(VM *vm, Value v) { return rt_int_neg(vm, v); }

/* int(x=0, base=10) */
static Value int_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"", "base", NULL};
    Value args[2];
    if (!rt_parse_args(vm, "int", argc, argv, kwnames, names, 1, 0, args))
        return VNULL;
    Value x = args[0], r;
    if (x && !v_is_small(x) && !v_is(x, &rt_bytes_type) && rt_has_buffer(x) && !(x = rt_buffer_to_bytes(vm, x)))
        return VNULL; /* bytearray, memoryview: parsed as their bytes */
    if (args[1]) {
        if (!x)
            return rt_raise(vm, &rt_exc_TypeError, "int() missing string argument");
        int64_t base;
        if (!rt_as_i64(vm, args[1], &base))
            return VNULL;
        if (base != 0 && (base < 2 || base > 36))
            return rt_raise(vm, &rt_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (v_is_str(x))
            r = int_parse_str(vm, x, (int)base);
        else if (v_is(x, &rt_bytes_type))
            r = int_parse(vm, (const char *)((Bytes *)v_obj(x))->data, ((Bytes *)v_obj(x))->len,
                          (int)base, x);
        else
            return rt_raise(vm, &rt_exc_TypeError, "int() can't convert non-string with explicit base");
    } else if (!x) {
        r = v_from_small(0);
    } else if (is_intobj(x)) {
        r = int_pos(vm, x);
    } else if (is_float(x)) {
        r = rt_int_from_double(vm, trunc(v_f(x)));
    } else if (v_is_str(x)) {
        r = int_parse_str(vm, x, 10);
    } else if (v_is(x, &rt_bytes_type)) {
        r = int_parse(vm, (const char *)((Bytes *)v_obj(x))->data, ((Bytes *)v_obj(x))->len, 10, x);
    } else {
        Type *t = v_type(x);
        if (rt_lookup_type_attr(t, vm->names.__int__))
            r = rt_call_method(vm, x, "__int__", 0, NULL);
        else if (rt_lookup_type_attr(t, vm->names.__index__))
            r = rt_call_method(vm, x, "__index__", 0, NULL);
        else if (rt_lookup_type_attr(t, rt_str_intern_cstr(vm, "__trunc__")))
            r = rt_call_method(vm, x, "__trunc__", 0, NULL);
        else
            return rt_raise(vm, &rt_exc_TypeError,
                            "int() argument must be a string, a bytes-like object or a real number, "
                            "not '%s'",
                            rt_type_name(x));
        if (r && !is_intobj(r))
            return rt_raise(vm, &rt_exc_TypeError, "__int__ returned non-int (type %s)", rt_type_name(r));
    }
    if (!r || type == &rt_int_type)
        return r;
    /* A subclass of int: a BigInt-shaped instance holding the value. */
    BigInt *b = rt_alloc(vm, type, sizeof(BigInt));
    if (!b)
        return VNULL;
    ZView zv;
    mpz_init_set((mpz_ptr)&b->z, zview(&zv, r));
    return v_from(b);
}

static Value bool_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (kwnames && kwnames != rt_None && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "bool() takes no keyword arguments");
    if (!rt_check_nargs(vm, "bool", argc, 0, 1))
        return VNULL;
    if (argc == 0)
        return rt_False;
    int t = rt_truthy(vm, argv[0]);
    return t < 0 ? VNULL : rt_bool(t);
}

/* ---- methods -------------------------------------------------------------------- */

static Value int_self(Value v) { return unbool(v); }

static Value m_bit_length(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "bit_length", argc - 1, 0, 0))
        return VNULL;
    return rt_int_from_u64(vm, rt_int_bit_length(argv[0]));
}

static Value m_bit_count(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "bit_count", argc - 1, 0, 0))
        return VNULL;
    ZView zv;
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, zview(&zv, argv[0]));
    mp_bitcnt_t c = mpz_popcount(a);
    mpz_clear(a);
    return rt_int_from_u64(vm, c);
}

static Value m_int_pos(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__index__", argc - 1, 0, 0))
        return VNULL;
    return int_pos(vm, int_self(argv[0]));
}

static Value m_int_float(VM *vm, int argc, Value *argv, Value kw)
{
    double d;
    if (!rt_check_nargs(vm, "__float__", argc - 1, 0, 0) || !rt_to_double(vm, argv[0], &d))
        return VNULL;
    return rt_float_new(vm, d);
}

Value rt_num_round_method(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__round__", argc - 1, 0, 1))
        return VNULL;
    return rt_round(vm, argv[0], argc > 1 ? argv[1] : VNULL);
}

Value rt_num_format_method(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__format__", argc - 1, 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "__format__() argument must be str, not %s",
                        rt_type_name(argv[1]));
    return rt_format_number(vm, argv[0], v_cstr(argv[1]), v_str(argv[1])->len);
}

static Value m_as_integer_ratio(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "as_integer_ratio", argc - 1, 0, 0))
        return VNULL;
    Value v = int_pos(vm, int_self(argv[0]));
    return v ? rt_tuple_pack(vm, 2, v, v_from_small(1)) : VNULL;
}

static bool parse_byteorder(VM *vm, Value v, bool *little)
{
    if (!v || v == rt_None) {
        *little = false;
        return true;
    }
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "to_bytes() argument 'byteorder' must be str, not %s",
                 rt_type_name(v));
        return false;
    }
    if (strcmp(v_cstr(v), "little") == 0)
        *little = true;
    else if (strcmp(v_cstr(v), "big") == 0)
        *little = false;
    else {
        rt_raise(vm, &rt_exc_ValueError, "byteorder must be either 'little' or 'big'");
        return false;
    }
    return true;
}

static Value m_to_bytes(VM *vm, int argc, Value *argv, Value kw)
{
    static const char *const names[] = {"self", "length", "byteorder", "signed", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "to_bytes", argc, argv, kw, names, 1, 1, a))
        return VNULL;
    int64_t length = 1;
    bool little, sgn = false;
    if (a[1] && !rt_as_i64(vm, a[1], &length))
        return VNULL;
    if (length < 0)
        return rt_raise(vm, &rt_exc_ValueError, "length argument must be non-negative");
    if (!parse_byteorder(vm, a[2], &little))
        return VNULL;
    if (a[3]) {
        int t = rt_truthy(vm, a[3]);
        if (t < 0)
            return VNULL;
        sgn = t;
    }
    ZView zv;
    mpz_srcptr z = zview(&zv, a[0]);
    if (mpz_sgn(z) < 0 && !sgn)
        return rt_raise(vm, &rt_exc_OverflowError, "can't convert negative int to unsigned");
    mpz_t t;
    mpz_init_set(t, z);
    if (mpz_sgn(t) < 0) { /* two's complement: add 2**(8*length) */
        mpz_t p;
        mpz_init(p);
        mpz_setbit(p, (mp_bitcnt_t)(8 * length));
        mpz_add(t, t, p);
        mpz_clear(p);
    }
    size_t bits = mpz_sgn(t) ? mpz_sizeinbase(t, 2) : 0;
    bool over = bits > (size_t)(8 * length) || mpz_sgn(t) < 0;
    if (!over && sgn && length > 0 && mpz_sgn(z) >= 0 && bits == (size_t)(8 * length))
        over = true;
    if (!over && sgn && mpz_sgn(z) < 0 && length == 0)
        over = true;
    if (over) {
        mpz_clear(t);
        return rt_raise(vm, &rt_exc_OverflowError, "int too big to convert");
    }
    uint8_t *buf = calloc(1, (size_t)length + 1);
    if (!buf) {
        mpz_clear(t);
        return rt_no_memory(vm);
    }
    size_t count = 0;
    if (mpz_sgn(t)) {
        /* export big-endian into the tail of the buffer */
        size_t need = (bits + 7) / 8;
        mpz_export(buf + (length - (int64_t)need), &count, 1, 1, 1, 0, t);
    }
    mpz_clear(t);
    if (little)
        for (int64_t i = 0; i < length / 2; i++) {
            uint8_t c = buf[i];
            buf[i] = buf[length - 1 - i];
            buf[length - 1 - i] = c;
        }
    Value r = rt_bytes_new(vm, buf, (size_t)length);
    free(buf);
    return r;
}

static Value m_from_bytes(VM *vm, int argc, Value *argv, Value kw)
{
    /* classmethod: argv[0] is the class */
    static const char *const names[] = {"cls", "bytes", "byteorder", "signed", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "from_bytes", argc, argv, kw, names, 1, 2, a))
        return VNULL;
    bool little, sgn = false;
    if (!parse_byteorder(vm, a[2], &little))
        return VNULL;
    if (a[3]) {
        int t = rt_truthy(vm, a[3]);
        if (t < 0)
            return VNULL;
        sgn = t;
    }
    Value b = a[1];
    if (!v_is(b, &rt_bytes_type)) {
        b = rt_call1(vm, v_from(&rt_bytes_type), b);
        if (!b)
            return VNULL;
    }
    Bytes *by = (Bytes *)v_obj(b);
    mpz_t r;
    mpz_init(r);
    if (by->len)
        mpz_import(r, by->len, little ? -1 : 1, 1, 1, 0, by->data);
    if (sgn && by->len && (by->data[little ? by->len - 1 : 0] & 0x80)) {
        mpz_t p;
        mpz_init(p);
        mpz_setbit(p, (mp_bitcnt_t)(8 * by->len));
        mpz_sub(r, r, p);
        mpz_clear(p);
    }
    return from_mpz(vm, r);
}

static Value m_conjugate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "conjugate", argc - 1, 0, 0))
        return VNULL;
    return int_pos(vm, int_self(argv[0]));
}

static const NativeDef int_methods[] = {
    {"bit_length", m_bit_length, 0},
    {"bit_count", m_bit_count, 0},
    {"to_bytes", m_to_bytes, NF_KEYWORDS},
    {"from_bytes", m_from_bytes, NF_KEYWORDS | NF_CLASSMETHOD},
    {"as_integer_ratio", m_as_integer_ratio, 0},
    {"conjugate", m_conjugate, 0},
    {"__index__", m_int_pos, 0},
    {"__int__", m_int_pos, 0},
    {"__trunc__", m_int_pos, 0},
    {"__floor__", m_int_pos, 0},
    {"__ceil__", m_int_pos, 0},
    {"__float__", m_int_float, 0},
    {"__round__", rt_num_round_method, 0},
    {"__format__", rt_num_format_method, 0},
    {NULL, NULL, 0},
};

Type rt_int_type = {
    .name = "int",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(BigInt),
    .finalize = bigint_finalize,
    .repr = int_repr_slot,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .binop = {
#define X(NAME, sym, d, r, i) [BIN_##NAME] = int_##NAME,
        RT_BINOPS(X)
#undef X
    },
    .unop = {[UN_NEG] = int_neg_slot, [UN_POS] = int_pos, [UN_INVERT] = int_invert},
    .new = int_new,
};

Type rt_bool_type = {
    .name = "bool",
    .base = &rt_int_type,
    .instance_size = sizeof(Obj),
    .repr = bool_repr,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .binop = {
        [BIN_ADD] = int_ADD, [BIN_SUB] = int_SUB, [BIN_MUL] = int_MUL, [BIN_TRUEDIV] = int_TRUEDIV,
        [BIN_FLOORDIV] = int_FLOORDIV, [BIN_MOD] = int_MOD, [BIN_POW] = int_POW,
        [BIN_LSHIFT] = int_LSHIFT, [BIN_RSHIFT] = int_RSHIFT, [BIN_MATMUL] = int_MATMUL,
        [BIN_AND] = bool_and, [BIN_OR] = bool_or, [BIN_XOR] = bool_xor,
    },
    .unop = {[UN_NEG] = int_neg_slot, [UN_POS] = int_pos, [UN_INVERT] = int_invert},
    .new = bool_new,
};

/* abs() of an int, exported for builtins through the __abs__ method. */
static Value m_int_abs(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__abs__", argc - 1, 0, 0))
        return VNULL;
    return int_abs(vm, argv[0]);
}

static const NativeDef int_more_methods[] = {
    {"__abs__", m_int_abs, 0},
    {NULL, NULL, 0},
};

/* int.real/.numerator (an exact int, also for bool), .imag 0, .denominator 1 */
static Value g_self_int(VM *vm, Value self) { return int_pos(vm, self); }
static Value g_zero(VM *vm, Value self) { return v_from_small(0); }
static Value g_one(VM *vm, Value self) { return v_from_small(1); }
static const GetSetDef int_getsets[] = {
    {"real", g_self_int, NULL},
    {"imag", g_zero, NULL},
    {"numerator", g_self_int, NULL},
    {"denominator", g_one, NULL},
    {NULL, NULL, NULL},
};

/* bool's only two instances. */
Obj rt_True_obj, rt_False_obj;

bool rt_int_init(VM *vm)
{
    rt_static_init(&rt_True_obj, &rt_bool_type);
    rt_static_init(&rt_False_obj, &rt_bool_type);
    return rt_type_ready(vm, &rt_int_type) && rt_add_methods(vm, &rt_int_type, int_methods) &&
           rt_add_methods(vm, &rt_int_type, int_more_methods) &&
           rt_add_getsets(vm, &rt_int_type, int_getsets) && rt_type_ready(vm, &rt_bool_type) &&
           rt_float_type_init(vm);
}
