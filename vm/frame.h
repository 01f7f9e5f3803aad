/* vm/frame.h — the VM's internals shared by eval.c, call.c, generator.c,
 * class.c and vm.c: frame set-up, the eval loop entry, generators.
 * Not an interface for other areas (they use vm/vm.h). */
#ifndef MINIPY_VM_FRAME_H
#define MINIPY_VM_FRAME_H
#include "vm/vm.h"


/* Room reserved for frames and values.  The value stack is one mmap'd
 * region reserved up front (pages are committed on touch), so frames can be
 * placed on it without ever moving it. */
#define VM_MAX_RECURSION_LIMIT 200000
#define VM_FRAMES_MARGIN 64
#define VM_STACK_BYTES ((size_t)4 << 30)

/* The C stack guard (vm_check_c_stack) inline for the hot entry paths. */
static inline bool vm_c_stack_ok(VM *vm)
{
    char here;
    return !vm->c_stack_base || (size_t)(vm->c_stack_base - &here) <= vm->c_stack_max;
}

/* Values a frame of `code` needs: locals, cells, frees, then the stack. */
static inline size_t vm_frame_size(const Code *code) {
    return (size_t)code->nlocals + code->ncells + code->nfrees + code->stacksize;
}

/* A generator: its frame and the frame's region live in one malloc'd block. */
typedef enum { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_FINISHED } GenState;

typedef struct Generator {
    Obj hdr;
    Frame frame;
    Value *region;       /* malloc'd: vm_frame_size(code) values */
    size_t region_size;  /* in values */
    Function *func;
    Value name, qualname;
    Value handled;       /* the generator's own handled exception (or rt_None) */
    GenState state;
    /* async generators: an asend/athrow is driving it; aclose() ran */
    bool running_async, closed;
    bool hooks_inited;   /* async generators: sys firstiter hook called (first asend/athrow) */
} Generator;

extern Type vm_fastiter_type;

/* Push a new frame for `code` on the vm->frames array with its region
 * starting at `base` (the first `ninit` values are kept: arguments passed in
 * place; the rest of the region is zeroed).  Checks the recursion limit and
 * the stack bounds (RecursionError).  Links it as vm->frame.  The caller
 * fills func/globals/builtins/locals. */
Frame *vm_push_frame(VM *vm, Code *code, Value *base, size_t ninit);
/* Undo vm_push_frame (vm->frame must be f). */
void vm_pop_frame(VM *vm, Frame *f);
/* Set a pushed frame's function fields (func, globals, builtins). */
static inline void vm_frame_set_func(Frame *f, Function *fn) {
    f->func = fn;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = VNULL;
}

/* Bind call arguments of a Python function into `slots` (zeroed, room for
 * the whole frame), then fill free variables from the closure.  argv must
 * not overlap the slots. */
bool vm_bind_args(VM *vm, Function *fn, Value *slots, int argc, Value *argv, Value kwnames);
/* Fill the free-variable slots of a frame from fn's closure. */
void vm_fill_closure(Function *fn, Value *slots);

/* Run frame f (already pushed and linked as vm->frame) until it returns or
 * (generators) yields; throwing: start by raising vm->exc at f->ip.  The
 * caller pops f afterwards. */
Value vm_eval(VM *vm, Frame *f, bool throwing);

/* A new generator for fn with its arguments bound. */
Value vm_gen_new(VM *vm, Function *fn, int argc, Value *argv, Value kwnames);
/* gen.throw(exc): resume raising exc at the yield point (delegating to a
 * `yield from` sub-iterator first).  Same results as vm_gen_send. */
Value vm_gen_throw(VM *vm, Value gen, Value exc, Value *retval);

/* Ready the VM's own types (generator, fast iterator). */
bool vm_types_init(VM *vm);

/* ---- coroutines and async generators share the generator machinery ---- */
/* The coroutine and async generator types, and the rest of vm/async.c. */
extern Type vm_coroutine_type, vm_async_generator_type;
bool vm_async_types_init(VM *vm);
/* A generator, coroutine or async generator object. */
bool vm_is_genobj(Value v);
/* The iterator a suspended generator-like object delegates to (its `yield
 * from` or `await`), or VNULL. */
Value vm_gen_yf(Value gen);
/* close(): None, or VNULL with an exception. */
Value vm_gen_close(VM *vm, Value gen);
/* Raise StopIteration(ret) (no args for None/VNULL); returns VNULL. */
Value vm_stop_iteration(VM *vm, Value ret);
/* throw(typ[, val[, tb]])'s arguments as one exception instance, or VNULL
 * (name: the method, for the arity message). */
Value vm_throw_args(VM *vm, const char *name, int argc, Value *argv);
extern const NativeDef vm_gen_common_methods[]; /* send, throw, close */
Value vm_gen_get_name(VM *vm, Value self);
Value vm_gen_get_qualname(VM *vm, Value self);
Value vm_gen_get_running(VM *vm, Value self);
Value vm_gen_get_frame(VM *vm, Value self);  /* gi_frame / cr_frame / ag_frame */
Value vm_gen_get_code(VM *vm, Value self);
int vm_gen_set_readonly(VM *vm, Value self, Value v); /* "readonly attribute" */
int vm_gen_set_name(VM *vm, Value self, Value v);
int vm_gen_set_qualname(VM *vm, Value self, Value v);
/* The eval loop's async opcodes (vm/async.c). */
Value vm_get_awaitable(VM *vm, Value obj, uint32_t where);
Value vm_get_aiter(VM *vm, Value obj);
Value vm_get_anext(VM *vm, Value aiter);
/* [mgr] in *slot → *slot = bound __aexit__ (before __aenter__ runs), *out_res = mgr.__aenter__(). */
bool vm_before_async_with(VM *vm, Value *slot, Value *out_res);
Value vm_async_gen_wrap(VM *vm, Value v);
/* GET_YIELD_FROM_ITER on a coroutine: only a CO_ITERABLE_COROUTINE
 * generator may delegate to one. */
bool vm_yield_from_coro_ok(VM *vm, Code *code);

/* StopIteration's value (args[0] or None). */
Value vm_stopiteration_value(VM *vm, Value exc);

/* "__main__.f()" / "print()": CPython's _PyObject_FunctionStr, in buf. */
void vm_func_desc(Value callable, char *buf, size_t n);
/* CALL_EX: callable(*args, **kwargs); args any iterable, kwargs a mapping or VNULL. */
Value vm_call_ex(VM *vm, Value callable, Value args, Value kwargs);
/* DICT_MERGE: d.update(v) for f(**v), with CPython's TypeErrors. */
bool vm_dict_merge(VM *vm, Value callable, Dict *d, Value v);
/* A generic call from the eval loop (any callable, through its type's call slot). */
Value vm_call_slow(VM *vm, Value callable, int argc, Value *argv, Value kwnames);

/* ---- the eval loop's slow paths (vm/eval_slow.c) ---- */
Value vm_name_error(VM *vm, Value name);
Value vm_unbound_local(VM *vm, Code *code, uint32_t i);
Value vm_unbound_deref(VM *vm, Code *code, uint32_t i);
Value vm_load_name(VM *vm, Frame *f, Value name);
bool vm_store_name(VM *vm, Frame *f, Value name, Value v);
bool vm_setup_annotations(VM *vm, Frame *f);  /* SETUP_ANNOTATIONS */
/* vm/match.c: the match statement's opcodes (1/0/-1, or a value/None/VNULL). */
int vm_match_mapping(VM *vm, Value subject);
int vm_match_sequence(VM *vm, Value subject);
Value vm_match_keys(VM *vm, Value subject, Value keys);
Value vm_match_class(VM *vm, Value subject, Value type, uint32_t nargs, Value names);
bool vm_delete_name(VM *vm, Frame *f, Value name);
Value vm_build_string(VM *vm, Value *items, uint32_t n);
Value vm_format_value(VM *vm, Value v, uint32_t arg, Value spec);
bool vm_unpack_sequence(VM *vm, Value seq, Value *sp, uint32_t n);
bool vm_unpack_ex(VM *vm, Value seq, Value *sp, uint32_t before, uint32_t after);
bool vm_check_exc_class(VM *vm, Value t);
void vm_do_raise(VM *vm, Value exc, Value cause);
Value vm_import_from(VM *vm, Value module, Value name);
bool vm_import_star(VM *vm, Frame *f, Value module);
bool vm_before_with(VM *vm, Value mgr, Value *out_exit, Value *out_res);
Value vm_with_except_start(VM *vm, Value exit, Value exc);
bool vm_print_expr(VM *vm, Value v);
Value vm_make_function(VM *vm, Frame *f, uint32_t arg, Value *sp);
int vm_do_send(VM *vm, Value it, Value v, Value *out);
Value vm_load_classderef(VM *vm, Frame *f, uint32_t arg);
bool vm_build_set(VM *vm, Value *items, uint32_t n, Value *out);
bool vm_build_map(VM *vm, Value *items, uint32_t n, Value *out);
bool vm_set_update(VM *vm, Value set, Value iterable);
bool vm_list_extend(VM *vm, Value list, Value iterable);
bool vm_dict_update(VM *vm, Value d, Value other);
uint32_t vm_current_line(Code *code, const uint32_t *ip);
const ExcEntry *vm_find_handler(Code *code, const uint32_t *ip);

#endif
