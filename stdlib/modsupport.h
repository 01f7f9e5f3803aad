/* stdlib/modsupport.h — small helpers the native modules share (as
 * CPython's Python/modsupport.c and getargs.c serve its Modules/): argument
 * checks with CPython's wording and the set-up of a module's static types.
 * (stdlib/modsupport.c) */
#ifndef MINIPY_MODSUPPORT_H
#define MINIPY_MODSUPPORT_H
#include "runtime/callable.h"
#include "runtime/state.h"

/* "f() takes no keyword arguments" when kwnames holds any (_PyArg_NoKeywords). */
bool mp_no_kw(VM *vm, const char *fname, Value kwnames);
/* mp_check_positional (_PyArg_CheckPositional's wording) and
 * mp_take_keywords come from the builtins module's helpers. */
#include "stdlib/builtins.h"
/* Ready a module's static type: tp_name `t->name` is "module.short"; the
 * type's __name__ is the short part and __module__ the module.  Adds the
 * type to the module dict `d` under its short name when d is not NULL. */
bool mp_type_ready(VM *vm, Type *t, Dict *d);
/* __name__ of v's type (subclasses included): CPython's _PyType_Name, for reprs. */
const char *mp_type_short_name(Value v);
/* An index-sized int (PyNumber_AsSsize_t with OverflowError): TypeError
 * "'x' object cannot be interpreted as an integer" for non-integers. */
bool mp_as_ssize(VM *vm, Value v, int64_t *out);

#endif
