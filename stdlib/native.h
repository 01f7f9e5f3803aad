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
Value mp_posix_module_init(VM *vm);    /* stdlib/posix.c (CPython's os.py runs over it) */
Value mp_signal_module_init(VM *vm);   /* stdlib/_signal.c */
Value mp_posixsubprocess_module_init(VM *vm); /* stdlib/_posixsubprocess.c */
Value mp_select_module_init(VM *vm);   /* stdlib/select.c */
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
Value mp_hashlib_module_init(VM *vm);  /* stdlib/_hashlib.c */
Value mp_blake2_module_init(VM *vm);   /* stdlib/_blake2.c */
Value mp_zlib_module_init(VM *vm);     /* stdlib/zlib.c */
Value mp_bz2_module_init(VM *vm);      /* stdlib/_bz2.c */
Value mp_lzma_module_init(VM *vm);     /* stdlib/_lzma.c */
Value mp_gc_module_init(VM *vm);       /* stdlib/gc.c */
Value mp_weakref_module_init(VM *vm);  /* stdlib/_weakref.c */
Value mp_unicodedata_module_init(VM *vm); /* stdlib/unicodedata.c */
Value mp_imp_module_init(VM *vm);         /* stdlib/_imp.c */
Value mp_array_module_init(VM *vm); /* stdlib/array.c */
Value mp_socket_module_init(VM *vm);   /* stdlib/_socket.c */
Value mp_ast_module_init(VM *vm);      /* stdlib/_ast.c */
Value mp_sre_module_init(VM *vm);      /* stdlib/_sre.c (+ _sre_engine.c) */
Value mp_csv_module_init(VM *vm);      /* stdlib/_csv.c */
Value mp_json_module_init(VM *vm);     /* stdlib/_json.c */
Value mp_codecs_module_init(VM *vm); /* stdlib/_codecs.c */
Value mp_locale_module_init(VM *vm); /* stdlib/_locale.c */
Value mp_unicodedata_module_init(VM *vm);
Value mp_io_module_init(VM *vm); /* stdlib/_io*.c */

/* Helper for module inits: a new module named `name` (not yet in sys.modules). */
Value mp_new_module(VM *vm, const char *name, Dict **dict);

#endif
