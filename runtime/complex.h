/* runtime/complex.h — complex numbers (runtime/complex.c; formatting in
 * runtime/format.c; the cmath module in stdlib/cmath.c). */
#ifndef MINIPY_COMPLEX_H
#define MINIPY_COMPLEX_H
#include "runtime/object.h"

typedef struct Complex {
    Obj hdr;
    double re, im;
} Complex;

extern Type rt_complex_type;

static inline bool rt_is_complex(Value v) { return rt_isinstance_type(v, &rt_complex_type); }
static inline Complex *v_complex(Value v) { return (Complex *)v_obj(v); }

Value rt_complex_new(VM *vm, double re, double im);
/* A number as a complex: complex (or subclass), float, int, bool.
 * 1 ok, 0 not one of these (no exception), -1 error (int too large). */
int rt_complex_arg(VM *vm, Value v, double *re, double *im);
/* a ** b with CPython's algorithm and errors. */
Value rt_complex_pow(VM *vm, double ar, double ai, double br, double bi);
/* complex(x) for any x: __complex__, then __float__/__index__ (cmath's
 * argument conversion).  false: TypeError "must be real number, not T". */
bool rt_complex_coerce(VM *vm, Value v, double *re, double *im);
/* format(c, spec) (runtime/format.c). */
Value rt_format_complex(VM *vm, Value obj, double re, double im, const char *spec, size_t speclen);
bool rt_complex_init(VM *vm);

#endif
