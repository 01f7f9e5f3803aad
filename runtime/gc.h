/* runtime/gc.h — allocation and the mark-and-sweep collector. (runtime/gc.c)
 *
 * The rooting rule (DESIGN.md §5): an object survives a collection when it
 * is reachable from
 *   - the VM's own roots: the value stack and frames (their value regions
 *     marked conservatively), the module table, builtins, interned strings,
 *     vm->exc and the handled-exception chain, the static types and the C
 *     globals registered with rt_gc_add_root;
 *   - the C stack and registers, scanned conservatively: every aligned word
 *     between the collector's own frame and the stack base recorded at
 *     start-up that points into an allocated object (anywhere inside it)
 *     marks that object.  So any value a C function holds in a local, an
 *     argument or a register — fresh or fetched from a container — is safe
 *     across allocations and calls into Python, with nothing to register;
 *   - memory outside the stack that C code fills with values (a sort's merge
 *     buffer, an unmarshaller's reference table, the compiler's constant
 *     tables): registered with rt_gc_push_values / rt_gc_push_tracer for
 *     exactly its lifetime (LIFO), popped with rt_gc_pop_root.
 * Nothing else is a root, so garbage made under native frames (C → Python →
 * C …) is freed by whatever collection comes next, at any depth.
 *
 * Collections happen inside allocation (rt_alloc, rt_malloc, rt_realloc)
 * when the bytes allocated since the last one pass a budget of
 * (GC_GROWTH - 1) times what the marking found live, so the heap stays near
 * GC_GROWTH times the live data and never under GC_MIN_HEAP.  A collection
 * marks and sweeps the large objects; pages are swept lazily by the
 * allocator (gc.c).  The collector never moves objects.  Marking uses an
 * explicit worklist (no C recursion).  Objects with a finalizer (`__del__`,
 * suspended generators) that become unreachable are kept alive for one more
 * cycle and finalized at the next safe point, once each.
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
/* For Type.trace functions.  rt_gc_mark is inline so that tracing a
 * container of small ints costs no call per item. */
void rt_gc_mark_obj(VM *vm, Obj *o);                /* NULL ignored */
static inline void rt_gc_mark(VM *vm, Value v)      /* VNULL and small ints ignored */
{
    if (v_is_obj(v))
        rt_gc_mark_obj(vm, v_obj(v));
}
/* A full collection (finalizers of what it found unreachable included);
 * returns the number of objects freed. */
size_t rt_gc_collect(VM *vm);
void rt_gc_free_all(VM *vm);                        /* at exit (for leak checkers) */

/* Static objects (types, singletons) get TF/immortal header set-up here. */
void rt_static_init(Obj *o, Type *type);

/* Static types are roots (rt_type_ready calls this). */
void rt_gc_register_type(VM *vm, Type *t);
/* A C global (e.g. rt_empty_tuple, a cached object) holding a heap value:
 * registered once per VM, marked at every collection of that VM. */
void rt_gc_add_root(VM *vm, Value *slot);

/* A root that lives outside the C stack, registered for a bounded time.
 * Declare it in the registering function's frame; push and pop in LIFO
 * order on every path. */
typedef struct GcRoot {
    struct GcRoot *prev;
    Value *const *items;        /* values form: *items[0 .. *count) scanned */
    const size_t *count;        /*   conservatively (stale or unset words are fine) */
    void (*trace)(VM *vm, void *ctx); /* tracer form: marks with rt_gc_mark */
    void *ctx;
} GcRoot;
/* *items and *count are read at each collection: the array may grow. */
void rt_gc_push_values(VM *vm, GcRoot *r, Value *const *items, const size_t *count);
void rt_gc_push_tracer(VM *vm, GcRoot *r, void (*trace)(VM *vm, void *ctx), void *ctx);
void rt_gc_pop_root(VM *vm, GcRoot *r);

/* A pointer into a buffer that an object owns (a list's items, a dict's
 * entries) does not keep the object alive: when C code reads such a buffer
 * after an allocation and holds nothing else of the owner, it calls this
 * after the last use, which keeps the owner in a register or stack slot
 * until then (Go's runtime.KeepAlive). */
static inline void rt_gc_keep_alive(Value v) { __asm__ volatile("" : : "g"(v) : "memory"); }

/* For Type.trace functions: every value of p[0..n) that is a pointer into an
 * allocated object marks it (a frame region whose upper part may hold values
 * of finished calls). */
void rt_gc_mark_range(VM *vm, const Value *p, size_t n);

/* During a collection: whether o was reached (static objects always are). */
bool rt_gc_marked(Obj *o);

/* Grows (or shrinks) a large object in place when the allocator can: for
 * an object no weak reference or finalizer registry knows (a list's item
 * array).  NULL with *failed false: not applicable, allocate anew;
 * NULL with *failed: MemoryError.  The new bytes are zeroed. */
Obj *rt_gc_resize_large(VM *vm, Obj *o, size_t size, bool *failed);

/* Bytes allocated for o (>= what rt_alloc was asked for). */
size_t rt_gc_object_size(Obj *o);
/* Allocated objects in the heap (tests, gc.get_objects). */
size_t rt_gc_count_objects(VM *vm);
/* Calls fn for every allocated object of the heap; stops when fn returns false. */
void rt_gc_each_object(VM *vm, bool (*fn)(VM *vm, Obj *o, void *ctx), void *ctx);
/* Marks a Type object's own fields (dict, names, bases). */
void rt_gc_trace_type_fields(VM *vm, Type *t);

/* The C stack's base for the conservative scan (vm_init passes its frame). */
void rt_gc_init_stack(VM *vm, void *caller_frame);

/* Finalization.  Objects of a type with TF_FINALIZE are registered when
 * allocated (rt_gc_track_finalizer registers one later, e.g. when a class
 * gains __del__); when one becomes unreachable its Type.del runs once, at
 * the next safe point (rt_gc_run_finalizers, called by the eval loop when
 * vm->gc_pending is set), unless Type.del_needed says there is nothing to
 * do.  rt_gc_finalize_at_exit runs what is queued, then the finalizers of
 * every object still registered. */
void rt_gc_track_finalizer(VM *vm, Obj *o);
void rt_gc_run_finalizers(VM *vm);
void rt_gc_finalize_at_exit(VM *vm);

/* gc.freeze() / gc.unfreeze(): every object now in the heap becomes a root
 * (on) or stops being one (off). */
void rt_gc_freeze(VM *vm, bool on);
/* The distinct heap objects o refers to (its trace); *out is a malloc'd
 * array the caller frees.  Returns the count. */
size_t rt_gc_referents(VM *vm, Obj *o, Obj ***out, size_t *cap);

typedef struct GcStats {
    size_t collections;         /* full collections so far */
    size_t collected;           /* objects freed so far */
    size_t uncollectable;       /* always 0: cycles with __del__ are collected */
    uint64_t total_pause_ns, max_pause_ns;
    size_t peak_heap;           /* highest bytes_allocated seen at a collection */
    size_t live_after;          /* bytes live after the last collection */
} GcStats;
const GcStats *rt_gc_stats(VM *vm);
/* Prints -X gcstats' summary. */
void rt_gc_print_stats(VM *vm, void *file);

#include "runtime/state.h"

#endif
