/* runtime/gc.c — allocation and the precise mark-and-sweep collector.
 *
 * Objects live on two intrusive lists threaded through Obj.gc_next: the old
 * heap (vm->heap) and the young list (objects allocated since the last
 * safepoint).  Young objects are roots: C code may hold them in locals.  A
 * collection marks from the roots with an explicit worklist (vm->gray),
 * sweeps only the old heap, and clears the marks of survivors.
 *
 * Obj.gc_mark holds the mark bit (bit 0), GC_PERMANENT (bit 31) for static
 * objects, which are never on either list, so marking stops at them, and in
 * between the object's allocated size in 16-byte units (0: large, ask
 * malloc).  Small objects are recycled through per-size free lists: a
 * collection frees many objects at once, and handing them back to malloc
 * only to take them again costs more than the list.  Static types are
 * registered by rt_type_ready and traced as roots (their dicts are heap
 * objects).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/code.h"
#include "runtime/callable.h"

#define GC_MARKED 1u
#define GC_PERMANENT 0x80000000u
#define GC_MIN_THRESHOLD ((size_t)8 << 20)
#define GC_MAX_REQUEST ((size_t)1 << 40)

/* Process-wide registries: static types and C globals holding heap values.
 * They describe static data, not interpreter state. */
static Type **static_types;
static size_t nstatic_types, static_types_cap;
static Value **global_roots;
static size_t nglobal_roots, global_roots_cap;

#define GC_SIZE_SHIFT 1
#define GC_SIZE_MASK 0x3fffffffu
#define SMALL_LIMIT 256
#define NCLASSES (SMALL_LIMIT / 16 + 1)

/* Free lists of small objects by size class (16-byte units), threaded
 * through gc_next.  Process-wide, like malloc's own. */
static Obj *free_lists[NCLASSES];

static inline size_t obj_size(Obj *o)
{
    size_t units = (o->gc_mark >> GC_SIZE_SHIFT) & GC_SIZE_MASK;
    return units ? units * 16 : malloc_usable_size(o);
}

size_t rt_gc_object_size(Obj *o) { return obj_size(o); }

static inline void obj_release(Obj *o, size_t size)
{
    if (size <= SMALL_LIMIT) {
        Obj **fl = &free_lists[size / 16];
        o->gc_next = *fl;
        *fl = o;
    } else {
        free(o);
    }
}

static void gc_fatal(const char *what)
{
    fprintf(stderr, "minipy: fatal: out of memory (%s)\n", what);
    abort();
}

void rt_static_init(Obj *o, Type *type)
{
    o->type = type;
    o->gc_next = NULL;
    o->gc_mark = GC_PERMANENT;
}

void rt_gc_register_type(Type *t)
{
    for (size_t i = 0; i < nstatic_types; i++)
        if (static_types[i] == t)
            return;
    if (nstatic_types == static_types_cap) {
        static_types_cap = static_types_cap ? static_types_cap * 2 : 128;
        static_types = realloc(static_types, static_types_cap * sizeof *static_types);
        if (!static_types)
            gc_fatal("type registry");
    }
    static_types[nstatic_types++] = t;
}

void rt_gc_add_root(Value *slot)
{
    for (size_t i = 0; i < nglobal_roots; i++)
        if (global_roots[i] == slot)
            return;
    if (nglobal_roots == global_roots_cap) {
        global_roots_cap = global_roots_cap ? global_roots_cap * 2 : 32;
        global_roots = realloc(global_roots, global_roots_cap * sizeof *global_roots);
        if (!global_roots)
            gc_fatal("root registry");
    }
    global_roots[nglobal_roots++] = slot;
}

/* ---- allocation ------------------------------------------------------------ */

static inline bool gc_should_collect(VM *vm)
{
#if MINIPY_GC_STRESS
    return !vm->gc_running;
#else
    return (vm->bytes_allocated > vm->next_gc || vm->gc_stress) && !vm->gc_running;
#endif
}

void *rt_alloc(VM *vm, Type *type, size_t size)
{
    /* Classes derived from a fixed-size builtin append a dict pointer: their
     * instance_size is larger than what the builtin's constructor asks for. */
    if (__builtin_expect(size < type->instance_size, 0) && (type->flags & TF_CLASS))
        size = type->instance_size;
    if (__builtin_expect(size > GC_MAX_REQUEST, 0)) {
        rt_no_memory(vm);
        return NULL;
    }
    if (__builtin_expect(gc_should_collect(vm), 0))
        rt_gc_collect(vm);
    size = (size + 15) & ~(size_t)15;
    Obj *o;
    if (size <= SMALL_LIMIT && (o = free_lists[size / 16]) != NULL) {
        free_lists[size / 16] = o->gc_next;
        memset(o, 0, size);
    } else {
        o = calloc(1, size);
        if (__builtin_expect(o == NULL, 0)) {
            rt_gc_collect(vm);
            o = calloc(1, size);
            if (!o) {
                rt_no_memory(vm);
                return NULL;
            }
        }
    }
    if (size / 16 <= GC_SIZE_MASK)
        o->gc_mark = (uint32_t)(size / 16) << GC_SIZE_SHIFT;
    vm->bytes_allocated += size;
    o->type = type;
    o->gc_next = vm->young;
    if (!vm->young)
        vm->young_tail = o;
    vm->young = o;
    return o;
}

void *rt_malloc(VM *vm, size_t size)
{
    if (size > GC_MAX_REQUEST) {
        rt_no_memory(vm);
        return NULL;
    }
    if (gc_should_collect(vm))
        rt_gc_collect(vm);
    void *p = malloc(size ? size : 1);
    if (!p) {
        rt_gc_collect(vm);
        p = malloc(size ? size : 1);
        if (!p) {
            rt_no_memory(vm);
            return NULL;
        }
    }
    vm->bytes_allocated += size;
    return p;
}

void *rt_realloc(VM *vm, void *p, size_t old_size, size_t new_size)
{
    if (new_size > GC_MAX_REQUEST) {
        rt_no_memory(vm);
        return NULL;
    }
    if (new_size > old_size && gc_should_collect(vm))
        rt_gc_collect(vm);
    void *q = realloc(p, new_size ? new_size : 1);
    if (!q) {
        rt_gc_collect(vm);
        q = realloc(p, new_size ? new_size : 1);
        if (!q) {
            rt_no_memory(vm);
            return NULL;
        }
    }
    if (new_size >= old_size)
        vm->bytes_allocated += new_size - old_size;
    else
        vm->bytes_allocated -= vm->bytes_allocated < old_size - new_size
                                   ? vm->bytes_allocated
                                   : old_size - new_size;
    return q;
}

void rt_free(VM *vm, void *p, size_t size)
{
    if (!p)
        return;
    free(p);
    vm->bytes_allocated -= vm->bytes_allocated < size ? vm->bytes_allocated : size;
}

/* ---- marking ----------------------------------------------------------------- */

static void gray_push(VM *vm, Obj *o)
{
    if (vm->ngray == vm->graycap) {
        size_t cap = vm->graycap ? vm->graycap * 2 : 1024;
        Obj **g = realloc(vm->gray, cap * sizeof *g);
        if (!g)
            gc_fatal("mark stack");
        vm->gray = g;
        vm->graycap = cap;
    }
    vm->gray[vm->ngray++] = o;
}

void rt_gc_mark_obj(VM *vm, Obj *o)
{
    if (!o || (o->gc_mark & (GC_MARKED | GC_PERMANENT)))
        return;
    o->gc_mark |= GC_MARKED;
    gray_push(vm, o);
}

void rt_gc_mark(VM *vm, Value v)
{
    if (!v_is_obj(v))
        return;
    Obj *o = v_obj(v);
    if (o->gc_mark & (GC_MARKED | GC_PERMANENT))
        return;
    o->gc_mark |= GC_MARKED;
    gray_push(vm, o);
}

/* The type object's own references (for static types, called as a root). */
void rt_gc_trace_type_fields(VM *vm, Type *t)
{
    rt_gc_mark_obj(vm, (Obj *)t->dict);
    rt_gc_mark(vm, t->name_str);
    rt_gc_mark(vm, t->qualname);
    rt_gc_mark(vm, t->module);
    rt_gc_mark_obj(vm, (Obj *)t->base);
}

static void drain(VM *vm)
{
    while (vm->ngray) {
        Obj *o = vm->gray[--vm->ngray];
        Type *t = o->type;
        /* A static type not readied yet (start-up): nothing to trace. */
        if (!t)
            continue;
        /* Instances of classes keep their (heap) class alive. */
        if ((t->flags & TF_CLASS) && !(t->hdr.gc_mark & GC_MARKED)) {
            t->hdr.gc_mark |= GC_MARKED;
            gray_push(vm, &t->hdr);
        }
        if (t->trace)
            t->trace(vm, o);
    }
}

static void mark_frame(VM *vm, Frame *f)
{
    rt_gc_mark_obj(vm, (Obj *)f->code);
    rt_gc_mark_obj(vm, (Obj *)f->func);
    rt_gc_mark_obj(vm, (Obj *)f->globals);
    rt_gc_mark_obj(vm, (Obj *)f->builtins);
    rt_gc_mark(vm, f->locals);
    rt_gc_mark_obj(vm, (Obj *)f->gen);
    if (f->code && f->slots) {
        /* Conservative over the whole region: see state.h. */
        Value *end = f->stack ? f->stack + f->code->stacksize
                              : f->slots + f->code->nlocals + f->code->ncells + f->code->nfrees;
        for (Value *p = f->slots; p < end; p++)
            rt_gc_mark(vm, *p);
    }
}

static void mark_roots(VM *vm)
{
    for (size_t i = 0; i < nstatic_types; i++)
        rt_gc_trace_type_fields(vm, static_types[i]);
    for (size_t i = 0; i < nglobal_roots; i++)
        rt_gc_mark(vm, *global_roots[i]);
    if (vm->interned)
        for (size_t i = 0; i < vm->interned_cap; i++)
            rt_gc_mark_obj(vm, (Obj *)vm->interned[i]);
    Value *names = (Value *)&vm->names;
    for (size_t i = 0; i < sizeof vm->names / sizeof(Value); i++)
        rt_gc_mark(vm, names[i]);
    rt_gc_mark_obj(vm, (Obj *)vm->modules);
    rt_gc_mark_obj(vm, (Obj *)vm->builtins);
    rt_gc_mark(vm, vm->builtins_module);
    rt_gc_mark(vm, vm->sys_module);
    rt_gc_mark(vm, vm->path);
    rt_gc_mark(vm, vm->argv);
    rt_gc_mark(vm, vm->stdout_file);
    rt_gc_mark(vm, vm->stderr_file);
    rt_gc_mark(vm, vm->stdin_file);
    rt_gc_mark(vm, vm->exc);
    rt_gc_mark(vm, vm->handled);
    for (Obj *o = vm->young; o; o = o->gc_next)
        rt_gc_mark_obj(vm, o);
    for (Frame *f = vm->frame; f; f = f->prev)
        mark_frame(vm, f);
    /* Frames of the contiguous frame array below the innermost one are also
     * reachable through ->prev; entry frames of nested C calls keep theirs. */
}

/* ---- sweeping ---------------------------------------------------------------- */

static void sweep(VM *vm)
{
    /* Class objects are finalized after everything else: an instance's or
     * subclass's finalizer may still look at its class. */
    Obj *dead_types = NULL;
    Obj **link = &vm->heap;
    size_t freed = 0;
    while (*link) {
        Obj *o = *link;
        if (o->gc_mark & (GC_MARKED | GC_PERMANENT)) {
            o->gc_mark &= ~GC_MARKED;
            link = &o->gc_next;
            continue;
        }
        *link = o->gc_next;
        if (o->type == &rt_type_type) {
            o->gc_next = dead_types;
            dead_types = o;
            continue;
        }
        if (o->type->finalize)
            o->type->finalize(vm, o);
        size_t sz = obj_size(o);
        freed += sz;
        obj_release(o, sz);
    }
    for (Obj *o = dead_types; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    while (dead_types) {
        Obj *next = dead_types->gc_next;
        size_t sz = obj_size(dead_types);
        freed += sz;
        obj_release(dead_types, sz);
        dead_types = next;
    }
    vm->bytes_allocated -= vm->bytes_allocated < freed ? vm->bytes_allocated : freed;
    for (Obj *o = vm->young; o; o = o->gc_next)
        o->gc_mark &= ~GC_MARKED;
}

/* Marks of static objects other than types (singletons marked GC_MARKED by
 * a previous collection) stay set: they are never swept and have no heap
 * children, so that is harmless.  Types' fields are traced as roots. */
void rt_gc_collect(VM *vm)
{
    if (vm->gc_running)
        return;
    vm->gc_running = true;
    mark_roots(vm);
    drain(vm);
    sweep(vm);
    size_t live = vm->bytes_allocated;
    vm->next_gc = live * 2 > GC_MIN_THRESHOLD ? live * 2 : GC_MIN_THRESHOLD;
    vm->gc_running = false;
}

size_t rt_gc_count_objects(VM *vm)
{
    size_t n = 0;
    for (Obj *o = vm->heap; o; o = o->gc_next)
        n++;
    for (Obj *o = vm->young; o; o = o->gc_next)
        n++;
    return n;
}

void rt_gc_free_all(VM *vm)
{
    rt_gc_safepoint_force(vm);
    Obj *all = vm->heap;
    vm->heap = NULL;
    for (Obj *o = all; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    while (all) {
        Obj *next = all->gc_next;
        free(all);
        all = next;
    }
    for (size_t i = 0; i < NCLASSES; i++) {
        while (free_lists[i]) {
            Obj *next = free_lists[i]->gc_next;
            free(free_lists[i]);
            free_lists[i] = next;
        }
    }
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->graycap = 0;
    vm->bytes_allocated = 0;
}
