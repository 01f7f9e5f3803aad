/* stdlib/native.h — native (C) stdlib modules: each init builds a fresh
 * module object; stdlib/native.c's table calls them once (mp_native_module
 * in vm/vm.h is the way to get one).  Each returns VNULL on error. */
#ifndef MINIPY_NATIVE_H
#define MINIPY_NATIVE_H
#include "runtime/object.h"

Value mp_math_module_init(VM *vm);     /* stdlib/math.c */
Value mp_time_module_init(VM *vm);     /* stdlib/time.c */
Value mp_marshal_module_init(VM *vm);  /* stdlib/marshal_mod.c (import engineer) */
Value mp_os_module_init(VM *vm);       /* stdlib/os.c: also enters os.path in sys.modules */
Value mp_unicodedata_module_init(VM *vm); /* stdlib/unicodedata.c */

/* Helper for module inits: a new module named `name` (not yet in sys.modules). */
Value mp_new_module(VM *vm, const char *name, Dict **dict);

#endif
