/* stdlib/native.h — native (C) stdlib modules: each init builds a fresh
 * module object; stdlib/native.c's table calls them once (mp_native_module
 * in vm/vm.h is the way to get one).  Each returns VNULL on error. */
#ifndef MINIPY_NATIVE_H
#define MINIPY_NATIVE_H
#include "runtime/object.h"

Value mp_math_module_init(VM *vm);     /* stdlib/math.c */
Value mp_cmath_module_init(VM *vm);    /* stdlib/cmath.c */
Value mp_time_module_init(VM *vm);     /* stdlib/time.c */
Value mp_marshal_module_init(VM *vm);  /* stdlib/marshal_mod.c (import engineer) */
Value mp_os_module_init(VM *vm);       /* stdlib/os.c: also enters os.path in sys.modules */
Value mp_itertools_module_init(VM *vm); /* stdlib/itertools.c */
Value mp_operator_module_init(VM *vm); /* stdlib/_operator.c */
Value mp_functools_module_init(VM *vm); /* stdlib/_functools.c */
Value mp_collections_module_init(VM *vm); /* stdlib/_collections.c */
Value mp_random_module_init(VM *vm);   /* stdlib/_random.c */
Value mp_thread_module_init(VM *vm);   /* stdlib/_thread.c */
Value mp_atexit_module_init(VM *vm);   /* stdlib/atexit.c */
/* Run the atexit callbacks, last registered first (at the program's end). */
void mp_atexit_run(VM *vm);
Value mp_struct_module_init(VM *vm);   /* stdlib/_struct.c */
Value mp_bisect_module_init(VM *vm);   /* stdlib/_bisect.c */
Value mp_heapq_module_init(VM *vm);    /* stdlib/_heapq.c */
Value mp_binascii_module_init(VM *vm); /* stdlib/binascii.c */
Value mp_errno_module_init(VM *vm);    /* stdlib/errno.c */
Value mp_stat_module_init(VM *vm);     /* stdlib/_stat.c */
Value mp_string_module_init(VM *vm);   /* stdlib/_string.c */
Value mp_sha512_module_init(VM *vm);   /* stdlib/_sha512.c */
Value mp_gc_module_init(VM *vm);       /* stdlib/gc.c */
Value mp_weakref_module_init(VM *vm);  /* stdlib/_weakref.c */
Value mp_unicodedata_module_init(VM *vm);
Value mp_io_module_init(VM *vm); /* stdlib/_io*.c */

/* Helper for module inits: a new module named `name` (not yet in sys.modules). */
Value mp_new_module(VM *vm, const char *name, Dict **dict);

#endif
