/* runtime/gc.h — allocation and the mark-and-sweep collector. (runtime/gc.c)
 *
 * Roots: the VM value stack and frames, the module table, builtins, interned
 * strings, vm->exc and the handled-exception chain, the static types, and
 * every object allocated since the last safepoint ("young" objects).  Young
 * objects stay rooted while any native C frame is active (vm->native_depth >
 * 0), so C code may hold fresh objects in locals across allocations without
 * registering them.  The eval loop calls rt_gc_safepoint() between
 * instructions, which ages the young list into the old heap when no native
 * frame is active.  Marking uses an explicit worklist (no C recursion).
 * Build option gc_stress (MINIPY_GC_STRESS) collects at every allocation.
 */
#ifndef MINIPY_GC_H
#define MINIPY_GC_H
#include "runtime/object.h"

/* A new zeroed object of `size` bytes (>= sizeof(Obj)); NULL + MemoryError. */
void *rt_alloc(VM *vm, Type *type, size_t size);
/* Untracked buffers owned by objects (counted toward the GC threshold). */
void *rt_malloc(VM *vm, size_t size);              /* NULL + MemoryError */
void *rt_realloc(VM *vm, void *p, size_t old_size, size_t new_size);
void rt_free(VM *vm, void *p, size_t size);
/* For Type.trace functions. */
void rt_gc_mark(VM *vm, Value v);                   /* VNULL and small ints ignored */
void rt_gc_mark_obj(VM *vm, Obj *o);                /* NULL ignored */
void rt_gc_collect(VM *vm);
void rt_gc_free_all(VM *vm);                        /* at exit (for leak checkers) */

/* Static objects (types, singletons) get TF/immortal header set-up here. */
void rt_static_init(Obj *o, Type *type);

/* Static types are roots (rt_type_ready calls this). */
void rt_gc_register_type(VM *vm, Type *t);
/* A C global (e.g. rt_empty_tuple, a cached object) holding a heap value:
 * registered once per VM, marked at every collection of that VM. */
void rt_gc_add_root(VM *vm, Value *slot);
/* Bytes allocated for o (>= what rt_alloc was asked for). */
size_t rt_gc_object_size(Obj *o);
/* Heap + young objects (tests). */
size_t rt_gc_count_objects(VM *vm);
/* Marks a Type object's own fields (dict, names, base). */
void rt_gc_trace_type_fields(VM *vm, Type *t);

#include "runtime/state.h"

/* Called by the eval loop between instructions: when no native frame is
 * active, nothing in C holds young objects, so they age into the heap (and
 * stop being roots). */
static inline void rt_gc_safepoint_force(VM *vm)
{
    /* Young objects already live in the heap's pages (or on the large
     * list): aging is dropping the list. */
    vm->young = vm->young_tail = NULL;
}
static inline void rt_gc_safepoint(VM *vm)
{
    if (__builtin_expect(vm->native_depth == 0 && vm->young != NULL, 0))
        rt_gc_safepoint_force(vm);
}

#endif
