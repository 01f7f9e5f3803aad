/* runtime/int.h — int (small tagged + GMP big), bool, float. (runtime/int.c, runtime/float.c) */
#ifndef MINIPY_INT_H
#define MINIPY_INT_H
#include "runtime/object.h"

/* Normalized: a result in the small range is always a tagged small int. */
Value rt_int_from_i64(VM *vm, int64_t i);
Value rt_int_from_u64(VM *vm, uint64_t u);
/* Parses Python int literal / int(str, base) text: underscores, sign, 0x/0o/0b
 * prefixes when base is 0 or matches.  Raises ValueError (CPython's message:
 * "invalid literal for int() with base 10: 'x'") on bad input. */
Value rt_int_from_string(VM *vm, const char *s, size_t len, int base);
Value rt_int_from_double(VM *vm, double d);      /* truncates; OverflowError/ValueError for inf/nan */
bool rt_is_int(Value v);                          /* int or bool (bool is an int subtype) */
bool rt_int_is_big(Value v);
double rt_int_to_double(VM *vm, Value v, bool *overflow);
int rt_int_sign(Value v);
Value rt_int_repr(VM *vm, Value v);               /* base 10 str */
Value rt_int_to_base(VM *vm, Value v, int base, bool prefix); /* hex/oct/bin */
int rt_int_cmp(Value a, Value b);                 /* both ints: -1, 0, 1 */
int64_t rt_int_hash(Value v);                     /* CPython's modular hash */
/* Arithmetic on two ints (the eval loop handles small+small inline first). */
Value rt_int_binop(VM *vm, BinOp op, Value a, Value b);
Value rt_int_neg(VM *vm, Value v);
size_t rt_int_bit_length(Value v);

Value rt_float_new(VM *vm, double d);
Value rt_float_repr(VM *vm, double d);            /* shortest round-trip, as CPython */
Value rt_float_from_string(VM *vm, const char *s, size_t len); /* float('1e3'), ValueError */
int64_t rt_float_hash(double d);                  /* equal to int hash for integral values */
/* a op b where at least one is float and the other int or float. */
Value rt_float_binop(VM *vm, BinOp op, Value a, Value b);
bool rt_to_double(VM *vm, Value v, double *out);  /* int or float; TypeError otherwise */
/* float.__round__ semantics: round(x) → int, round(x, n) → float */
Value rt_round(VM *vm, Value x, Value ndigits);

/* format(value, spec) for int/float/bool: the format-spec mini-language. */
Value rt_format_number(VM *vm, Value v, const char *spec, size_t speclen);

/* Added by numbers+text: */
bool rt_float_type_init(VM *vm);                  /* float.c: ready rt_float_type (called by rt_int_init) */
/* Exact comparison of an int with a double: -1, 0, 1, or 2 when d is NaN. */
int rt_int_float_cmp(Value i, double d);
/* pow(a, b, m) for ints (negative b: modular inverse), CPython's errors. */
Value rt_int_pow_mod(VM *vm, Value a, Value b, Value m);
/* divmod(a, b) for ints/floats with CPython's messages; rt_NotImplemented otherwise. */
Value rt_num_divmod(VM *vm, Value a, Value b);
bool rt_is_float(Value v);                        /* float or a subclass */

/* int.__round__ / float.__round__ and __format__ (one method serves both). */
Value rt_num_round_method(VM *vm, int argc, Value *argv, Value kwnames);
Value rt_num_format_method(VM *vm, int argc, Value *argv, Value kwnames);

#endif
