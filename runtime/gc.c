/* runtime/gc.c — allocation and the precise mark-and-sweep collector.
 *
 * Small objects (<= SMALL_LIMIT bytes) live in 64 KiB pages, one size class
 * (16-byte units) per page.  A page's free slots form a list threaded
 * through Obj.gc_next in address order, rebuilt by every sweep; allocation
 * pops the current page's list, so it walks memory in order (the hardware
 * prefetcher follows), and sweeping walks every page linearly instead of
 * chasing a linked list of scattered objects.  Pages left empty by a sweep
 * go to a pool shared by all classes (trimmed to what the next cycle can
 * use).  Large objects are malloc'd with a hidden LargeHdr in front that
 * links them on vm->heap and records their size.
 *
 * Obj.gc_next otherwise only links the young list (objects allocated since
 * the last safepoint, roots while native code runs); aging them is just
 * dropping the list (rt_gc_safepoint_force in gc.h).  A collection marks
 * from the roots with an explicit worklist (vm->gray) and sweeps the pages
 * and the large list, clearing the marks of survivors.
 *
 * Obj.gc_mark holds the mark bit (bit 0), GC_PERMANENT (bit 31) for static
 * objects, which are never in the heap, so marking stops at them, and in
 * between the object's size class in 16-byte units (0: large, or a free
 * page slot: live small objects always have a non-zero class).
 *
 * The threshold is proportional to live data: after a collection, next_gc
 * = max(2 * live, 8 MiB).  bytes_allocated counts exactly what is live:
 * small objects by their class size (the sweep subtracts the same), large
 * ones by their recorded size, buffers by malloc_usable_size (so callers
 * passing an approximate size to rt_free cannot make it drift).
 *
 * All of this state (pages, free lists, the pool, the root registries)
 * lives in vm->gc (GcHeap, runtime/state.h); rt_gc_free_all releases it.
 * Static types are registered by rt_type_ready and traced as roots (their
 * dicts are heap objects).
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

#define GC_SIZE_SHIFT 1
#define GC_SIZE_MASK 0x3fffffffu
#define SMALL_LIMIT 256
#define NCLASSES (SMALL_LIMIT / 16 + 1)
_Static_assert(NCLASSES == RT_GC_NCLASSES, "GcHeap size classes");
#define PAGE_BYTES ((size_t)64 << 10)

typedef struct GcPage {
    struct GcPage *next; /* in its class's list, or in the empty pool */
    Obj *free;         /* free slots in address order (valid after a sweep or threading) */
    uint32_t cls;      /* size class in 16-byte units */
    uint32_t nslots;
    uint32_t nfree;    /* free slots found by the last sweep, untouched ones included */
    uint32_t nused;    /* slots [0, nused) have been threaded at least once; the
                        * rest were never touched (no page faults until needed) */
    uint32_t pad_[8];  /* header is 64 bytes: slots stay 16-byte aligned */
} Page;
_Static_assert(sizeof(Page) == 64, "page header size");

/* In front of every large object: the large-object list and the size. */
typedef struct LargeHdr {
    Obj *next;
    size_t size;
} LargeHdr;
#define LARGE_HDR(o) ((LargeHdr *)(o) - 1)


static inline size_t obj_size(Obj *o)
{
    size_t units = (o->gc_mark >> GC_SIZE_SHIFT) & GC_SIZE_MASK;
    return units ? units * 16 : LARGE_HDR(o)->size;
}

size_t rt_gc_object_size(Obj *o) { return obj_size(o); }

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

void rt_gc_register_type(VM *vm, Type *t)
{
    GcHeap *h = &vm->gc;
    for (size_t i = 0; i < h->nstatic_types; i++)
        if (h->static_types[i] == t)
            return;
    if (h->nstatic_types == h->static_types_cap) {
        h->static_types_cap = h->static_types_cap ? h->static_types_cap * 2 : 128;
        h->static_types = realloc(h->static_types, h->static_types_cap * sizeof *h->static_types);
        if (!h->static_types)
            gc_fatal("type registry");
    }
    h->static_types[h->nstatic_types++] = t;
}

void rt_gc_add_root(VM *vm, Value *slot)
{
    GcHeap *h = &vm->gc;
    for (size_t i = 0; i < h->nglobal_roots; i++)
        if (h->global_roots[i] == slot)
            return;
    if (h->nglobal_roots == h->global_roots_cap) {
        h->global_roots_cap = h->global_roots_cap ? h->global_roots_cap * 2 : 32;
        h->global_roots = realloc(h->global_roots, h->global_roots_cap * sizeof *h->global_roots);
        if (!h->global_roots)
            gc_fatal("root registry");
    }
    h->global_roots[h->nglobal_roots++] = slot;
}

/* ---- pages ------------------------------------------------------------------- */

/* Give p to class cls with every slot free and none touched yet: slots are
 * threaded a few KiB at a time (page_thread_more), so a fresh page costs
 * page faults only for the part a program really uses. */
static void page_format(Page *p, unsigned cls)
{
    size_t size = (size_t)cls * 16;
    p->cls = cls;
    p->nslots = (uint32_t)((PAGE_BYTES - sizeof(Page)) / size);
    p->nfree = p->nslots;
    p->nused = 0;
    p->free = NULL;
}

/* Thread the next 4 KiB of never-used slots onto p's free list, in address
 * order; gc_mark 0 marks a slot free. */
static void page_thread_more(Page *p)
{
    size_t size = (size_t)p->cls * 16;
    uint32_t chunk = (uint32_t)(4096 / size);
    if (chunk == 0)
        chunk = 1;
    uint32_t end = p->nused + chunk < p->nslots ? p->nused + chunk : p->nslots;
    char *s = (char *)(p + 1) + (size_t)p->nused * size;
    Obj **link = &p->free;
    for (uint32_t i = p->nused; i < end; i++, s += size) {
        Obj *o = (Obj *)s;
        o->gc_mark = 0;
        *link = o;
        link = &o->gc_next;
    }
    *link = NULL;
    p->nused = end;
}

/* The next free list for class cls: from a page of the class with free
 * slots, else an empty page (pooled or new).  NULL: out of memory. */
static Obj *refill(GcHeap *h, unsigned cls)
{
    Page *p = h->sweeping ? NULL : h->class_cursor[cls];
    while (p && !p->free && p->nused == p->nslots)
        p = p->next;
    if (p) {
        h->class_cursor[cls] = p;
    } else {
        /* A finalizer allocating during the sweep gets a fresh page: the
         * pool and the class lists are being rebuilt. */
        if (!h->sweeping && h->empty_pool) {
            p = h->empty_pool;
            h->empty_pool = p->next;
            h->nempty_pool--;
            /* A page emptied by the sweep keeps its address-ordered list. */
            if (p->cls != cls || !p->free || p->nfree != p->nslots)
                page_format(p, cls);
        } else {
            p = malloc(PAGE_BYTES);
            if (!p)
                return NULL;
            page_format(p, cls);
        }
        Page **list = h->sweeping ? &h->late_pages : &h->class_pages[cls];
        p->next = *list;
        *list = p;
        if (!h->sweeping)
            h->class_cursor[cls] = p;
    }
    if (!p->free)
        page_thread_more(p);
    Obj *o = p->free;
    p->free = NULL;
    /* Stay on a page while it has untouched slots left. */
    if (!h->sweeping && p->nused == p->nslots && h->class_cursor[cls] == p)
        h->class_cursor[cls] = p->next;
    return o;
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

static Obj *alloc_large(VM *vm, size_t size)
{
    LargeHdr *h = calloc(1, sizeof(LargeHdr) + size);
    if (__builtin_expect(h == NULL, 0)) {
        rt_gc_collect(vm);
        h = calloc(1, sizeof(LargeHdr) + size);
        if (!h) {
            rt_no_memory(vm);
            return NULL;
        }
    }
    Obj *o = (Obj *)(h + 1);
    h->size = size;
    h->next = vm->heap;
    vm->heap = o;
    return o;
}

/* Zero a small slot after its 16-byte header (which rt_alloc writes in
 * full): constant-size memsets compile to a few stores, where a variable
 * size becomes `rep stos`, slow to start for 16..240 bytes. */
static inline void zero_body(Obj *o, size_t cls)
{
    char *b = (char *)o + 16;
    switch (cls) {
#define Z(n) case n: memset(b, 0, (n - 1) * 16); break;
    Z(2) Z(3) Z(4) Z(5) Z(6) Z(7) Z(8) Z(9) Z(10) Z(11) Z(12) Z(13) Z(14) Z(15) Z(16)
#undef Z
    default: break;
    }
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
    Obj *o;
    size_t cls = (size + 15) >> 4;
    if (__builtin_expect(cls < NCLASSES, 1)) {
        o = vm->gc.free_lists[cls];
        if (__builtin_expect(o == NULL, 0)) {
            o = refill(&vm->gc, (unsigned)cls);
            if (!o) {
                rt_no_memory(vm);
                return NULL;
            }
        }
        vm->gc.free_lists[cls] = o->gc_next;
        zero_body(o, cls);
        o->gc_mark = (uint32_t)cls << GC_SIZE_SHIFT;
        o->aux = 0;
        size = cls * 16;
    } else {
        size = (size + 15) & ~(size_t)15;
        o = alloc_large(vm, size);
        if (!o)
            return NULL;
    }
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
    vm->bytes_allocated += malloc_usable_size(p);
    return p;
}

static inline void account_free(VM *vm, size_t n)
{
    vm->bytes_allocated -= vm->bytes_allocated < n ? vm->bytes_allocated : n;
}

void *rt_realloc(VM *vm, void *p, size_t old_size, size_t new_size)
{
    if (new_size > GC_MAX_REQUEST) {
        rt_no_memory(vm);
        return NULL;
    }
    if (new_size > old_size && gc_should_collect(vm))
        rt_gc_collect(vm);
    size_t before = p ? malloc_usable_size(p) : 0;
    void *q = realloc(p, new_size ? new_size : 1);
    if (!q) {
        rt_gc_collect(vm);
        q = realloc(p, new_size ? new_size : 1);
        if (!q) {
            rt_no_memory(vm);
            return NULL;
        }
    }
    account_free(vm, before);
    vm->bytes_allocated += malloc_usable_size(q);
    return q;
}

void rt_free(VM *vm, void *p, size_t size)
{
    if (!p)
        return;
    account_free(vm, malloc_usable_size(p));
    free(p);
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
    rt_gc_mark(vm, f->frame_obj);
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
    GcHeap *h = &vm->gc;
    for (size_t i = 0; i < h->nstatic_types; i++)
        rt_gc_trace_type_fields(vm, h->static_types[i]);
    for (size_t i = 0; i < h->nglobal_roots; i++)
        rt_gc_mark(vm, *h->global_roots[i]);
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

/* Dead class objects are finalized after everything else (an instance's or
 * subclass's finalizer may still look at its class), then freed. */
typedef struct {
    Obj *dead_types;
    size_t freed;
} SweepState;

/* One page: finalize the dead, clear survivors' marks, rebuild the free
 * list in address order.  Returns the number of free slots. */
static uint32_t sweep_page(VM *vm, Page *p, SweepState *st)
{
    size_t size = (size_t)p->cls * 16;
    char *s = (char *)(p + 1), *end = s + (size_t)p->nused * size;
    Obj **link = &p->free;
    uint32_t nfree = p->nslots - p->nused; /* never-used slots are free */
    size_t freed = 0;
    for (; s < end; s += size) {
        Obj *o = (Obj *)s;
        uint32_t m = o->gc_mark;
        if (m & GC_MARKED) {
            o->gc_mark = m & ~GC_MARKED;
            continue;
        }
        if (m) {
            Type *t = o->type;
            if (t == &rt_type_type) {
                o->gc_next = st->dead_types;
                st->dead_types = o;
                continue;
            }
            if (t->finalize)
                t->finalize(vm, o);
            o->gc_mark = 0;
            freed += size;
        }
        *link = o;
        link = &o->gc_next;
        nfree++;
    }
    *link = NULL;
    p->nfree = nfree;
    st->freed += freed;
    return nfree;
}

static void sweep(VM *vm)
{
    GcHeap *h = &vm->gc;
    SweepState st = {NULL, 0};
    h->sweeping = true;
    for (unsigned c = 1; c < NCLASSES; c++) {
        h->free_lists[c] = NULL;
        Page **link = &h->class_pages[c];
        while (*link) {
            Page *p = *link;
            if (sweep_page(vm, p, &st) == p->nslots) {
                *link = p->next;
                p->next = h->empty_pool;
                h->empty_pool = p;
                h->nempty_pool++;
            } else {
                link = &p->next;
            }
        }
    }
    Obj **link = &vm->heap;
    while (*link) {
        Obj *o = *link;
        if (o->gc_mark & GC_MARKED) {
            o->gc_mark &= ~GC_MARKED;
            link = &LARGE_HDR(o)->next;
            continue;
        }
        *link = LARGE_HDR(o)->next;
        if (o->type == &rt_type_type) {
            o->gc_next = st.dead_types;
            st.dead_types = o;
            continue;
        }
        if (o->type->finalize)
            o->type->finalize(vm, o);
        st.freed += LARGE_HDR(o)->size;
        free(LARGE_HDR(o));
    }
    for (Obj *o = st.dead_types; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    while (st.dead_types) {
        Obj *o = st.dead_types;
        st.dead_types = o->gc_next;
        st.freed += obj_size(o);
        if (o->gc_mark >> GC_SIZE_SHIFT)
            o->gc_mark = 0; /* a free slot: the next sweep lists it */
        else
            free(LARGE_HDR(o));
    }
    h->sweeping = false;
    while (h->late_pages) {
        Page *p = h->late_pages;
        h->late_pages = p->next;
        p->next = h->class_pages[p->cls];
        h->class_pages[p->cls] = p;
    }
    for (unsigned c = 1; c < NCLASSES; c++)
        h->class_cursor[c] = h->class_pages[c];
    account_free(vm, st.freed);
}

/* Empty pages beyond what the next cycle can fill go back to malloc. */
static void trim_pool(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t room = vm->next_gc > vm->bytes_allocated ? vm->next_gc - vm->bytes_allocated : 0;
    size_t keep = room / PAGE_BYTES + 4;
    while (h->nempty_pool > keep) {
        Page *p = h->empty_pool;
        h->empty_pool = p->next;
        h->nempty_pool--;
        free(p);
    }
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
    trim_pool(vm);
    vm->gc_running = false;
}

size_t rt_gc_count_objects(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t n = 0;
    for (unsigned c = 1; c < NCLASSES; c++)
        for (Page *p = h->class_pages[c]; p; p = p->next) {
            size_t size = (size_t)c * 16;
            char *s = (char *)(p + 1);
            for (uint32_t i = 0; i < p->nused; i++, s += size)
                if (((Obj *)s)->gc_mark)
                    n++;
        }
    for (Obj *o = vm->heap; o; o = LARGE_HDR(o)->next)
        n++;
    return n;
}

void rt_gc_free_all(VM *vm)
{
    GcHeap *h = &vm->gc;
    rt_gc_safepoint_force(vm);
    /* Finalize everything (classes last), then release the memory. */
    Obj *types = NULL;
    for (unsigned c = 1; c < NCLASSES; c++)
        for (Page *p = h->class_pages[c]; p; p = p->next) {
            size_t size = (size_t)c * 16;
            char *s = (char *)(p + 1);
            for (uint32_t i = 0; i < p->nused; i++, s += size) {
                Obj *o = (Obj *)s;
                if (!o->gc_mark)
                    continue;
                if (o->type == &rt_type_type) {
                    o->gc_next = types;
                    types = o;
                } else if (o->type->finalize) {
                    o->type->finalize(vm, o);
                }
            }
        }
    for (Obj *o = vm->heap; o; o = LARGE_HDR(o)->next) {
        if (o->type == &rt_type_type) {
            o->gc_next = types;
            types = o;
        } else if (o->type->finalize) {
            o->type->finalize(vm, o);
        }
    }
    for (Obj *o = types; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    while (vm->heap) {
        Obj *next = LARGE_HDR(vm->heap)->next;
        free(LARGE_HDR(vm->heap));
        vm->heap = next;
    }
    for (unsigned c = 1; c < NCLASSES; c++) {
        while (h->class_pages[c]) {
            Page *next = h->class_pages[c]->next;
            free(h->class_pages[c]);
            h->class_pages[c] = next;
        }
        h->class_cursor[c] = NULL;
        h->free_lists[c] = NULL;
    }
    while (h->empty_pool) {
        Page *next = h->empty_pool->next;
        free(h->empty_pool);
        h->empty_pool = next;
    }
    h->nempty_pool = 0;
    free(h->static_types);
    free(h->global_roots);
    h->static_types = NULL;
    h->global_roots = NULL;
    h->nstatic_types = h->static_types_cap = 0;
    h->nglobal_roots = h->global_roots_cap = 0;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->graycap = 0;
    vm->bytes_allocated = 0;
}
