/* vm/frame.h — the VM's internals shared by eval.c, call.c, generator.c,
 * class.c and vm.c: frame set-up, the eval loop entry, generators.
 * Not an interface for other areas (they use vm/vm.h). */
#ifndef MINIPY_VM_FRAME_H
#define MINIPY_VM_FRAME_H
#include "vm/vm.h"

/* The GC's safepoint (runtime/gc.c); declared here in case runtime/gc.h
 * does not (yet) declare it. */
void rt_gc_safepoint(VM *vm);

/* Room reserved for frames and values.  The value stack is one mmap'd
 * region reserved up front (pages are committed on touch), so frames can be
 * placed on it without ever moving it. */
#define VM_MAX_RECURSION_LIMIT 200000
#define VM_FRAMES_MARGIN 64
#define VM_STACK_BYTES ((size_t)2 << 30)

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
} Generator;

extern Type vm_generator_type;
extern Type vm_fastiter_type;

/* Make a frame for `code` with its slots at `slots` (on vm->stack or in a
 * generator block), linking nothing.  Takes the next free vm->frames entry
 * unless `f` is given. */

/* Push a new frame for func's code on the vm->frames array with its region
 * starting at `base` (args may already be there: the first `ninit` slots are
 * kept, the rest of the region is zeroed).  Checks the recursion limit and
 * the stack bounds (RecursionError).  Links it as vm->frame. */
Frame *vm_push_frame(VM *vm, Code *code, Value *base, size_t ninit);
/* Undo vm_push_frame (vm->frame must be f). */
void vm_pop_frame(VM *vm, Frame *f);

/* Bind call arguments of a Python function into `slots` (already zeroed,
 * room for the whole frame), filling free variables from the closure.
 * argv must not overlap slots beyond argv == slots for a plain call. */
bool vm_bind_args(VM *vm, Function *fn, Value *slots, int argc, Value *argv, Value kwnames);

/* Run frame f (already linked as vm->frame, marked is_entry) until it
 * returns or yields; throwing: start by raising vm->exc at f->ip. */
Value vm_eval(VM *vm, Frame *f, bool throwing);

/* A new generator for func whose arguments are bound into a scratch region. */
Value vm_gen_new(VM *vm, Function *fn, int argc, Value *argv, Value kwnames);
/* gen.throw(exc) as used by SEND delegation and the throw method. */
Value vm_gen_throw(VM *vm, Value gen, Value exc, Value *retval);

/* Ready the VM's own types (generator, fast iterator). */
bool vm_types_init(VM *vm);

/* Frees a code object's inline caches (a code finalizer calls it). */
void vm_code_cache_free(VM *vm, Code *code);

/* StopIteration's value (args[0] or None). */
Value vm_stopiteration_value(VM *vm, Value exc);

#endif
