/* runtime/callable.h — functions, native functions, methods, cells,
 * modules, classes and the set-up of builtin types.
 * (runtime/func.c, runtime/type.c, runtime/module.c, runtime/args.c, runtime/runtime.c) */
#ifndef MINIPY_CALLABLE_H
#define MINIPY_CALLABLE_H
#include "runtime/object.h"
#include "runtime/code.h"

/* A table of native functions/methods, ended by {NULL}. */
typedef struct NativeDef {
    const char *name;
    NativeFn fn;
    uint32_t flags; /* NF_KEYWORDS, NF_CLASSMETHOD */
} NativeDef;

Value rt_native_new(VM *vm, const char *name, NativeFn fn, uint32_t flags, Value self);
/* Add each def as a plain native function (module-level) to d. */
bool rt_add_functions(VM *vm, Dict *d, const NativeDef *defs, Value module_name);
/* Add each def to type t's dict as a method descriptor (NF_METHOD set). */
bool rt_add_methods(VM *vm, Type *t, const NativeDef *defs);
/* Prepare a static builtin type: dict, base (default object), registers it
 * as a GC root.  Every static Type goes through this once at start-up. */
bool rt_type_ready(VM *vm, Type *t);

/* Attribute descriptors implemented in C (data descriptors): get returns a
 * new value or VNULL + exception; set may be NULL (read-only: "attribute
 * 'x' of 'T' objects is not writable"); set receives VNULL for delete. */
typedef struct GetSetDef {
    const char *name;
    Value (*get)(VM *vm, Value self);
    int (*set)(VM *vm, Value self, Value v);
} GetSetDef;
bool rt_add_getsets(VM *vm, Type *t, const GetSetDef *defs);

/* Where obj keeps its __dict__ (instances of classes, exceptions), or NULL
 * if it has none.  *result may be NULL (dict created lazily). */
Dict **rt_instance_dict_ptr(Value obj);
/* Call func(self, *argv) without building a bound method when func is a
 * plain function or native method (the usual case for dunder calls). */
Value rt_call_with_self(VM *vm, Value func, Value self, int argc, Value *argv, Value kwnames);
/* Look a special method up on type(obj) (not the instance), bound to obj:
 * VNULL without exception when absent. */
Value rt_lookup_special(VM *vm, Value obj, Value name);
/* Call type(obj).<name>(obj, *argv); VNULL without exception if absent
 * (*found = false). */
Value rt_call_special(VM *vm, Value obj, Value name, int argc, Value *argv, bool *found);

/* Parse a native's arguments: names[] lists the parameters in order (NULL
 * terminated); the first npositional_only may not be given by keyword; the
 * first nrequired must be given.  out[i] = VNULL when absent.  Raises
 * TypeError with CPython's wording on bad calls. */
bool rt_parse_args(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                   const char *const *names, int npositional_only, int nrequired, Value *out);
/* For natives without keywords: checks min <= argc <= max ("f() takes ..."). */
bool rt_check_nargs(VM *vm, const char *fname, int argc, int min, int max);

Value rt_function_new(VM *vm, Code *code, Dict *globals, Value qualname);
Value rt_method_new(VM *vm, Value func, Value self);
Value rt_cell_new(VM *vm, Value v);
Value rt_module_new(VM *vm, Value name);
Value rt_wrapper_new(VM *vm, Type *type, Value func); /* staticmethod/classmethod */

/* type(name, bases, ns): a new class; runs __set_name__, __init_subclass__,
 * fills __classcell__. */
Value rt_class_new(VM *vm, Value name, Value bases, Dict *ns);
/* a | b for types, None, unions and generic aliases: a types.UnionType
 * (runtime/unionobj.c); NotImplemented for other operands. */
Value rt_union_or(VM *vm, Value a, Value b);
/* After a class dict changes: refresh slots and bump version. */
void rt_type_modified(VM *vm, Type *t, Value changed_name);
/* Instance creation for classes: object.__new__ then __init__. */
Value rt_instance_new(VM *vm, Type *t);

/* Start-up of the whole runtime: singletons, every builtin type, interned
 * names, exceptions.  Then the builtins module is built by stdlib. */
bool rt_init(VM *vm);
/* Per-area init hooks rt_init calls, in this order. */
bool rt_object_init(VM *vm);     /* runtime/type.c: object, type, None, bool... */
bool rt_int_init(VM *vm);        /* runtime/int.c + float.c */
bool rt_str_init(VM *vm);        /* runtime/str*.c, bytes.c */
bool rt_containers_init(VM *vm); /* runtime/tuple.c list.c dict.c set.c range.c iter.c */
bool rt_func_init(VM *vm);       /* runtime/func.c */
bool rt_exceptions_init(VM *vm); /* runtime/exceptions.c */
void rt_finish(VM *vm);

#endif
