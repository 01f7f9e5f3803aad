/* vm/vm.h — the virtual machine: start-up, running code, calling.
 * (vm/eval.c, vm/call.c, vm/generator.c, vm/vm.c) */
#ifndef MINIPY_VM_H
#define MINIPY_VM_H
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/code.h"
#include "runtime/callable.h"

/* Build a VM: runtime, builtins, sys (argv = argv[0..argc)), sys.path. */
bool vm_init(VM *vm, const VMConfig *cfg, int argc, char **argv);
void vm_free(VM *vm);

/* Run a module/class/eval code object with the given namespaces (locals may
 * be VNULL: use globals).  Returns the code's return value or VNULL. */
Value vm_run_code(VM *vm, Code *code, Dict *globals, Value locals);
/* The same with the free variables of code taken from closure (a tuple of
 * cells, checked by the caller): exec(code, g, l, closure=...). */
Value vm_run_code_closure(VM *vm, Code *code, Dict *globals, Value locals, Value closure);
/* The function type's call slot: binds arguments, runs the frame (or makes
 * a generator).  CPython's messages for argument errors. */
Value vm_call_function(VM *vm, Value func, int argc, Value *argv, Value kwnames);
/* Resume a generator: send value (rt_None for next).  VNULL with no
 * exception: it returned (its return value in *retval if not NULL). */
Value vm_gen_send(VM *vm, Value gen, Value value, Value *retval);
/* A finished generator keeps the *retval it returned reachable until this
 * is called (the caller's use of it may allocate). */
void vm_gen_release_result(Value gen);
/* The generator type (vm/generator.c). */
extern Type vm_generator_type;

/* A code object's inline caches (vm/eval.c): the code type's trace and
 * finalize slots call these (cached types and values are kept alive). */
void vm_code_caches_trace(VM *vm, Code *code);
void vm_code_caches_free(VM *vm, Code *code);

/* The Python-level call depth guard for C code that runs Python frames:
 * false + RecursionError when the C stack is nearly exhausted. */
bool vm_check_c_stack(VM *vm);

/* The exit status for an uncaught exception: prints the traceback (or, for
 * SystemExit, the code's message) and returns 0/1/n as CPython. */
int vm_handle_uncaught(VM *vm);

/* builtins.__build_class__(func, name, *bases): runs the class body with a
 * fresh namespace and makes the class (vm/class.c). */
Value vm_build_class(VM *vm, int argc, Value *argv, Value kwnames);
/* builtins aiter() and anext() (vm/async.c). */
Value vm_builtin_aiter(VM *vm, int argc, Value *argv, Value kwnames);
Value vm_builtin_anext(VM *vm, int argc, Value *argv, Value kwnames);
/* Builtins module and sys module construction (stdlib/builtins.c, stdlib/sys.c). */
bool mp_builtins_init(VM *vm);
bool mp_sys_init(VM *vm, int argc, char **argv);
/* A native (C) stdlib module by name, or VNULL without exception if there is
 * none (stdlib/native.c). */
Value mp_native_module(VM *vm, const char *name);
/* sys.builtin_module_names: the sorted names of that table. */
Value mp_native_module_names(VM *vm);
/* Run the atexit module's callbacks (stdlib/atexit.c), at the program's end. */
void mp_atexit_run(VM *vm);

#endif
