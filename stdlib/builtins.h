/* stdlib/builtins.h — private interface between stdlib/builtins.c and
 * stdlib/builtins_more.c (the builtins module is mp_builtins_init in vm/vm.h). */
#ifndef MINIPY_BUILTINS_H
#define MINIPY_BUILTINS_H
#include "runtime/object.h"

/* _PyArg_CheckPositional's wording for every count: "name expected 2
 * arguments, got 1" (rt_check_nargs has the METH_O/METH_NOARGS forms). */
bool mp_check_positional(VM *vm, const char *name, int argc, int min, int max);
/* Keyword argument lookup for natives with *args: names[] NULL-terminated;
 * out[i] = value or left unchanged.  An unknown name raises CPython's
 * "'x' is an invalid keyword argument for fname()". */
bool mp_take_keywords(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                      const char *const *names, Value *out);
/* Add the functions of builtins_more.c to the builtins dict. */
bool mp_builtins_more_init(VM *vm, Dict *d, Value modname);
/* The caller's locals as a dict (module/class: the namespace itself). */
Value mp_frame_locals(VM *vm);

#endif
