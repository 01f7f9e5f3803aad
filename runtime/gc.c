/* runtime/gc.c — allocation and the mark-and-sweep collector.
 *
 * Small objects (<= SMALL_LIMIT bytes) live in 64 KiB pages (mmap'd, so an
 * empty page goes back to the system), one size class (16-byte units) per
 * page.  A page's free slots form a list threaded through Obj.gc_next in
 * address order, rebuilt by every sweep; allocation pops the current page's
 * list, so it walks memory in order (the hardware prefetcher follows), and
 * sweeping walks every page linearly.  Pages left empty by a sweep go to a
 * pool shared by all classes, trimmed to what the next cycle can use.  Large
 * objects are calloc'd with a hidden LargeHdr in front that records their
 * place in vm->gc.large (a table, so one can be realloc'd) and their size.
 *
 * Roots are what runtime/gc.h says.  The C stack (and the registered
 * out-of-stack ranges) are scanned conservatively through an address index
 * built at the start of each collection: a sorted array of the pages' used
 * parts and of the large objects, so a word is checked with one binary
 * search.  A word anywhere inside an allocated slot marks that slot's
 * object (compilers keep interior pointers); free slots have gc_mark 0 and
 * are skipped.  Marking then drains an explicit worklist (vm->gray).
 *
 * Obj.gc_mark: bit 0 the mark, bits 1..8 the object's size class in
 * 16-byte units (0: large, or a free page slot: live small objects always
 * have a non-zero class), GC_HAS_FIN (a C finalizer to call or a class to
 * free last: the sweep reads the type of no other dead object),
 * GC_FINALIZE (registered for a Python-level finalizer), GC_FROZEN
 * (gc.freeze), GC_PERMANENT (static objects, never in the heap, so marking
 * stops at them).
 *
 * Finalization (PyPy's rules): objects of types with TF_FINALIZE are
 * registered when allocated.  After marking, a registered object left
 * unmarked is unreachable: it leaves the registry, is queued on
 * to_finalize, and everything it reaches is marked, so it survives this
 * cycle whole.  The queue runs at the next safe point of the eval loop
 * (vm->gc_pending), never inside an allocation, each object's Type.del
 * once; a resurrected object is simply alive again, and freed by a later
 * collection when it dies (without a second __del__, as PEP 442).
 *
 * The threshold is proportional to live data: after a collection, next_gc
 * = bytes_allocated + max((GC_GROWTH - 1) * live, GC_MIN_HEAP - live), live
 * being what the marking reached plus the buffers; garbage swept later is
 * taken off both, so only new allocation counts.  bytes_allocated counts what
 * is live: small objects by their class size (the sweep subtracts the
 * same), large ones by their recorded size, buffers by the size recorded in
 * their header (so callers passing an approximate size to rt_free cannot
 * make it drift).
 *
 * All of this state lives in vm->gc (GcHeap, runtime/state.h);
 * rt_gc_free_all releases it.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "config.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/code.h"
#include "runtime/callable.h"
#include "runtime/weakref.h"

#define GC_MARKED 1u
#define GC_HAS_FIN 0x10000000u  /* the type has a C finalizer or is a metatype: the sweep looks */
#define GC_FINALIZE 0x20000000u
#define GC_FROZEN 0x40000000u
#define GC_PERMANENT 0x80000000u
#define GC_MAX_REQUEST ((size_t)1 << 40)
/* Heap growth: the heap may reach GC_GROWTH times what the last marking
 * found live, and never stays below GC_MIN_HEAP (see collect). */
#define GC_GROWTH 3
#define GC_MIN_HEAP ((size_t)4 << 20)

#define GC_SIZE_SHIFT 1
#define GC_SIZE_MASK 0xffu
#define SMALL_LIMIT 256
#define NCLASSES (SMALL_LIMIT / 16 + 1)
_Static_assert(NCLASSES == RT_GC_NCLASSES, "GcHeap size classes");
_Static_assert(NCLASSES - 1 <= GC_SIZE_MASK, "size class field");
_Static_assert(RT_GC_NBUFCLASSES == 512 / 16 + 1, "GcHeap buffer classes");
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

/* In front of every large object: its place in vm->gc.large and its size
 * (an index rather than list links, so a large object can be realloc'd). */
typedef struct LargeHdr {
    size_t index;
    size_t size;
} LargeHdr;
#define LARGE_HDR(o) ((LargeHdr *)(o) - 1)

/* One entry of the conservative-scan index: [start, end) holds slots of
 * `slot` bytes (a page's used part), or one large object (slot 0). */
typedef struct Region {
    uintptr_t start, end;
    size_t slot;
} Region;

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

/* Grows a malloc'd array of `elem`-byte items to hold at least need. */
static void *grow_array(void *p, size_t *cap, size_t need, size_t elem, const char *what)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    p = realloc(p, n * elem);
    if (!p)
        gc_fatal(what);
    *cap = n;
    return p;
}

/* Pauses are measured in CPU time: on a shared machine wall time would
 * count other processes' turns as collector work. */
static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
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
    h->static_types = grow_array(h->static_types, &h->static_types_cap, h->nstatic_types + 1,
                                 sizeof *h->static_types, "type registry");
    h->static_types[h->nstatic_types++] = t;
}

void rt_gc_add_root(VM *vm, Value *slot)
{
    GcHeap *h = &vm->gc;
    for (size_t i = 0; i < h->nglobal_roots; i++)
        if (h->global_roots[i] == slot)
            return;
    h->global_roots = grow_array(h->global_roots, &h->global_roots_cap, h->nglobal_roots + 1,
                                 sizeof *h->global_roots, "root registry");
    h->global_roots[h->nglobal_roots++] = slot;
}

void rt_gc_push_values(VM *vm, GcRoot *r, Value *const *items, const size_t *count)
{
    *r = (GcRoot){vm->gc.c_roots, items, count, NULL, NULL};
    vm->gc.c_roots = r;
}

void rt_gc_push_tracer(VM *vm, GcRoot *r, void (*trace)(VM *vm, void *ctx), void *ctx)
{
    *r = (GcRoot){vm->gc.c_roots, NULL, NULL, trace, ctx};
    vm->gc.c_roots = r;
}

void rt_gc_pop_root(VM *vm, GcRoot *r)
{
    /* LIFO: popping r also drops anything an error path forgot above it. */
    vm->gc.c_roots = r->prev;
}

/* The C stack's base: the highest address of the main thread's stack (glibc
 * records it at start-up), else the caller's frame. */
extern void *__libc_stack_end;
void rt_gc_init_stack(VM *vm, void *caller_frame)
{
    uintptr_t here = (uintptr_t)caller_frame, end = (uintptr_t)__libc_stack_end;
    vm->gc.stack_base = end > here && end - here < ((uintptr_t)1 << 30) ? end : here;
    vm->gc.enabled = vm->gc.automatic = true;
    vm->gc.threshold[0] = 700;
    vm->gc.threshold[1] = vm->gc.threshold[2] = 10;
}

/* ---- pages ------------------------------------------------------------------- */

static Page *page_map(void)
{
    void *p = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void page_unmap(Page *p) { munmap(p, PAGE_BYTES); }

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

/* Dead class objects are finalized after everything else (an instance's or
 * subclass's finalizer may still look at its class), then freed. */
typedef struct {
    Obj *dead_types;
    size_t freed;
    size_t nfreed;
} SweepState;

static uint32_t sweep_page(VM *vm, Page *p, SweepState *st);
static void account_free(VM *vm, size_t n);
static void collect_auto(VM *vm);

/* Pages a C finalizer's allocation needed while a sweep ran join their
 * class lists afterwards. */
static void join_late_pages(GcHeap *h)
{
    while (h->late_pages) {
        Page *q = h->late_pages;
        h->late_pages = q->next;
        q->next = h->class_pages[q->cls];
        h->class_pages[q->cls] = q;
    }
}

/* Swept garbage leaves the heap: the trigger counts only new allocation. */
static void account_swept(VM *vm, const SweepState *st)
{
    account_free(vm, st->freed);
    vm->next_gc -= vm->next_gc < st->freed ? vm->next_gc : st->freed;
    vm->gc.stats.collected += st->nfreed;
}

/* Sweeps one page the last marking left unswept, for the allocator: the
 * page's lines are about to be written anyway.  No collection can start
 * meanwhile, and a C finalizer that allocates gets a late page. */
static uint32_t sweep_lazily(VM *vm, Page *p)
{
    GcHeap *h = &vm->gc;
    SweepState st = {h->dead_types, 0, 0};
    bool running = vm->gc_running;
    vm->gc_running = h->sweeping = true;
    uint32_t nfree = sweep_page(vm, p, &st);
    vm->gc_running = running;
    h->sweeping = false;
    h->dead_types = st.dead_types;
    account_swept(vm, &st);
    join_late_pages(h);
    return nfree;
}

/* The next free list for class cls: from a page of the class the last
 * marking left unswept, else a swept page of the class with free slots,
 * else an empty page (pooled or new).  NULL: out of memory. */
static Obj *refill(VM *vm, unsigned cls)
{
    GcHeap *h = &vm->gc;
    while (!h->sweeping && h->unswept[cls]) {
        Page *q = h->unswept[cls];
        h->unswept[cls] = q->next;
        uint32_t nfree = sweep_lazily(vm, q);
        q->next = h->class_pages[cls];
        h->class_pages[cls] = q;
        if (nfree) {
            h->class_cursor[cls] = q;
            break;
        }
    }
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
            p = page_map();
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
    return !vm->gc_running && vm->gc.automatic;
#else
    return (vm->bytes_allocated > vm->next_gc || vm->gc_stress) && !vm->gc_running && vm->gc.automatic;
#endif
}

static void register_finalizable(VM *vm, Obj *o);
static void register_external(VM *vm, Obj *o);

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
    GcHeap *g = &vm->gc;
    g->large = grow_array(g->large, &g->large_cap, g->nlarge + 1, sizeof *g->large, "large objects");
    h->index = g->nlarge;
    g->large[g->nlarge++] = o;
    return o;
}

/* Takes o out of the large-object table (the last entry fills its place). */
static void large_unlink(GcHeap *g, Obj *o)
{
    size_t i = LARGE_HDR(o)->index;
    Obj *last = g->large[--g->nlarge];
    g->large[i] = last;
    LARGE_HDR(last)->index = i;
}

Obj *rt_gc_resize_large(VM *vm, Obj *o, size_t size, bool *failed)
{
    *failed = false;
    size = (size + 15) & ~(size_t)15;
    if (((o->gc_mark >> GC_SIZE_SHIFT) & GC_SIZE_MASK) || size <= SMALL_LIMIT)
        return NULL;
    if (gc_should_collect(vm))
        collect_auto(vm);
    size_t old = LARGE_HDR(o)->size;
    LargeHdr *h = realloc(LARGE_HDR(o), sizeof(LargeHdr) + size);
    if (!h) {
        *failed = true;
        rt_no_memory(vm);
        return NULL;
    }
    Obj *n = (Obj *)(h + 1);
    if (size > old) {
        memset((char *)n + old, 0, size - old);
        vm->bytes_allocated += size - old;
    } else {
        account_free(vm, old - size);
    }
    h->size = size;
    vm->gc.large[h->index] = n;
    return n;
}

/* Zero a small slot after its 16-byte header (which rt_alloc writes in
 * full): constant-size memsets compile to a few stores, where a variable
 * size becomes `rep stos`, slow to start for 16..240 bytes. */
static inline __attribute__((always_inline)) void zero_body(Obj *o, size_t cls)
{
    char *b = (char *)o + 16;
    switch (cls) {
#define Z(n) case n: memset(b, 0, (n - 1) * 16); break;
    Z(2) Z(3) Z(4) Z(5) Z(6) Z(7) Z(8) Z(9) Z(10) Z(11) Z(12) Z(13) Z(14) Z(15) Z(16)
#undef Z
    default: break;
    }
}

/* Everything but a small object popped off its free list: kept out of
 * line so rt_alloc's fast path needs no saved registers and no frame. */
static __attribute__((noinline)) void *alloc_slow(VM *vm, Type *type, size_t size)
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
        collect_auto(vm);
    Obj *o;
    size_t cls = (size + 15) >> 4;
    if (__builtin_expect(cls < NCLASSES, 1)) {
        o = vm->gc.free_lists[cls];
        if (__builtin_expect(o == NULL, 0)) {
            o = refill(vm, (unsigned)cls);
            if (!o) {
                rt_no_memory(vm);
                return NULL;
            }
        }
        vm->gc.free_lists[cls] = o->gc_next;
        zero_body(o, cls);
        o->gc_mark = ((uint32_t)cls << GC_SIZE_SHIFT) |
                     (type->finalize || (type->flags & TF_META) ? GC_HAS_FIN : 0);
        o->aux = 0;
        size = cls * 16;
    } else {
        size = (size + 15) & ~(size_t)15;
        o = alloc_large(vm, size);
        if (!o)
            return NULL;
    }
    vm->bytes_allocated += size;
    vm->gc.allocations++;
    o->type = type;
    if (__builtin_expect(type->flags & TF_FINALIZE, 0))
        register_finalizable(vm, o);
    if (__builtin_expect(type->flags & TF_EXTERNAL, 0) && (o->gc_mark >> GC_SIZE_SHIFT) & GC_SIZE_MASK)
        register_external(vm, o);
    return o;
}

void *rt_alloc(VM *vm, Type *type, size_t size)
{
    size_t cls = (size + 15) >> 4;
    Obj *o;
    if (__builtin_expect((size < type->instance_size && (type->flags & TF_CLASS)) || cls >= NCLASSES ||
                             gc_should_collect(vm) || (type->flags & (TF_FINALIZE | TF_EXTERNAL)) ||
                             !(o = vm->gc.free_lists[cls]),
                         0))
        return alloc_slow(vm, type, size);
    vm->gc.free_lists[cls] = o->gc_next;
    zero_body(o, cls);
    o->gc_mark = ((uint32_t)cls << GC_SIZE_SHIFT) |
                 (type->finalize || (type->flags & TF_META) ? GC_HAS_FIN : 0);
    o->aux = 0;
    vm->bytes_allocated += cls * 16;
    vm->gc.allocations++;
    o->type = type;
    return o;
}

/* Buffers (rt_malloc) carry their size in a 16-byte header (alignment
 * kept): freeing subtracts exactly what allocating added.  Small buffers
 * (header included, up to BUF_SMALL_LIMIT bytes) come from the collector's
 * own segregated free lists carved from 64 KiB chunks: the sweep frees
 * thousands of them at once, a pattern that sends glibc's malloc through its
 * slow bins, while a free list pop and push cost a few instructions.
 * Larger buffers are malloc'd. */
typedef struct BufHdr {
    size_t size;
    size_t pad_;
} BufHdr;
#define BUF_SMALL_LIMIT 512
#define BUF_CHUNK ((size_t)64 << 10)

static void *buf_small_alloc(GcHeap *h, size_t total)
{
    unsigned cls = (unsigned)((total + 15) >> 4);
    void *p = h->buf_free[cls];
    if (p) {
        h->buf_free[cls] = *(void **)p;
        return p;
    }
    size_t bytes = (size_t)cls * 16;
    if (h->buf_left < bytes) {
        /* The chunk's rest goes to the free lists of the classes it fits. */
        while (h->buf_left >= 32) {
            unsigned c = (unsigned)(h->buf_left >> 4) < RT_GC_NBUFCLASSES - 1
                             ? (unsigned)(h->buf_left >> 4) : RT_GC_NBUFCLASSES - 1;
            *(void **)h->buf_next = h->buf_free[c];
            h->buf_free[c] = h->buf_next;
            h->buf_next += (size_t)c * 16;
            h->buf_left -= (size_t)c * 16;
        }
        char *chunk = mmap(NULL, BUF_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (chunk == MAP_FAILED)
            return NULL;
        /* The first 16 bytes link the chunks (released by rt_gc_free_all). */
        *(char **)chunk = h->buf_chunks;
        h->buf_chunks = chunk;
        h->buf_next = chunk + 16;
        h->buf_left = BUF_CHUNK - 16;
    }
    p = h->buf_next;
    h->buf_next += bytes;
    h->buf_left -= bytes;
    return p;
}

static inline void *buf_alloc_raw(VM *vm, size_t size)
{
    size_t total = sizeof(BufHdr) + size;
    BufHdr *h = total <= BUF_SMALL_LIMIT ? buf_small_alloc(&vm->gc, total) : malloc(total);
    if (!h)
        return NULL;
    h->size = size;
    return h + 1;
}

static inline void buf_free_raw(VM *vm, BufHdr *h)
{
    size_t total = sizeof(BufHdr) + h->size;
    if (total <= BUF_SMALL_LIMIT) {
        unsigned cls = (unsigned)((total + 15) >> 4);
        *(void **)h = vm->gc.buf_free[cls];
        vm->gc.buf_free[cls] = h;
    } else {
        free(h);
    }
}

void *rt_malloc(VM *vm, size_t size)
{
    if (size > GC_MAX_REQUEST) {
        rt_no_memory(vm);
        return NULL;
    }
    if (gc_should_collect(vm))
        collect_auto(vm);
    void *p = buf_alloc_raw(vm, size);
    if (!p) {
        rt_gc_collect(vm);
        p = buf_alloc_raw(vm, size);
        if (!p) {
            rt_no_memory(vm);
            return NULL;
        }
    }
    vm->bytes_allocated += sizeof(BufHdr) + size;
    vm->gc.buf_bytes += sizeof(BufHdr) + size;
    return p;
}

static void account_free(VM *vm, size_t n)
{
    vm->bytes_allocated -= vm->bytes_allocated < n ? vm->bytes_allocated : n;
}

void *rt_realloc(VM *vm, void *p, size_t old_size, size_t new_size)
{
    if (!p)
        return rt_malloc(vm, new_size);
    if (new_size > GC_MAX_REQUEST) {
        rt_no_memory(vm);
        return NULL;
    }
    BufHdr *h = (BufHdr *)p - 1;
    size_t before = h->size;
    if (sizeof(BufHdr) + before > BUF_SMALL_LIMIT && sizeof(BufHdr) + new_size > BUF_SMALL_LIMIT) {
        if (new_size > old_size && gc_should_collect(vm))
            collect_auto(vm);
        BufHdr *q = realloc(h, sizeof(BufHdr) + new_size);
        if (!q) {
            rt_gc_collect(vm);
            q = realloc(h, sizeof(BufHdr) + new_size);
            if (!q) {
                rt_no_memory(vm);
                return NULL;
            }
        }
        q->size = new_size;
        account_free(vm, before);
        vm->bytes_allocated += new_size;
        vm->gc.buf_bytes += new_size;
        vm->gc.buf_bytes -= vm->gc.buf_bytes < before ? vm->gc.buf_bytes : before;
        return q + 1;
    }
    /* A small buffer on either side: move. */
    void *q = rt_malloc(vm, new_size);
    if (!q)
        return NULL;
    memcpy(q, p, before < new_size ? before : new_size);
    rt_free(vm, p, before);
    return q;
}

void rt_free(VM *vm, void *p, size_t size)
{
    if (!p)
        return;
    BufHdr *h = (BufHdr *)p - 1;
    size_t n = sizeof(BufHdr) + h->size;
    account_free(vm, n);
    vm->gc.buf_bytes -= vm->gc.buf_bytes < n ? vm->gc.buf_bytes : n;
    buf_free_raw(vm, h);
}

/* ---- marking ----------------------------------------------------------------- */

static void gray_push(VM *vm, Obj *o)
{
    if (vm->ngray == vm->graycap)
        vm->gray = grow_array(vm->gray, &vm->graycap, vm->ngray + 1, sizeof *vm->gray, "mark stack");
    vm->gray[vm->ngray++] = o;
}

bool rt_gc_marked(Obj *o) { return (o->gc_mark & (GC_MARKED | GC_PERMANENT)) != 0; }

void rt_gc_mark_obj(VM *vm, Obj *o)
{
    if (!o || (o->gc_mark & (GC_MARKED | GC_PERMANENT)))
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
    rt_gc_mark(vm, t->bases);
    rt_gc_mark(vm, t->mro);
}

static void drain(VM *vm)
{
    while (vm->ngray) {
        Obj *o = vm->gray[--vm->ngray];
        vm->gc.marked_bytes += obj_size(o);
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

/* ---- the conservative-scan index ------------------------------------------ */

static int region_cmp(const void *a, const void *b)
{
    uintptr_t x = ((const Region *)a)->start, y = ((const Region *)b)->start;
    return x < y ? -1 : x > y;
}

static void build_index(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t n = 0;
    for (unsigned c = 1; c < NCLASSES; c++)
        for (Page *p = h->class_pages[c]; p; p = p->next) {
            if (!p->nused)
                continue;
            h->index = grow_array(h->index, &h->index_cap, n + 1, sizeof(Region), "scan index");
            Region *r = (Region *)h->index + n++;
            r->start = (uintptr_t)(p + 1);
            r->slot = (size_t)c * 16;
            r->end = r->start + (size_t)p->nused * r->slot;
        }
    for (size_t i = 0; i < h->nlarge; i++) {
        Obj *o = h->large[i];
        h->index = grow_array(h->index, &h->index_cap, n + 1, sizeof(Region), "scan index");
        Region *r = (Region *)h->index + n++;
        r->start = (uintptr_t)o;
        r->end = r->start + LARGE_HDR(o)->size;
        r->slot = 0;
    }
    if (n > 1)
        qsort(h->index, n, sizeof(Region), region_cmp);
    h->nindex = n;
}

/* Marks the object that word w points into, if any. */
static inline void mark_word(VM *vm, const Region *ix, size_t n, uintptr_t w)
{
    if (n == 0 || w < ix[0].start || w >= ix[n - 1].end)
        return;
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (ix[mid].start <= w)
            lo = mid;
        else
            hi = mid;
    }
    const Region *r = &ix[lo];
    if (w >= r->end)
        return;
    Obj *o = (Obj *)r->start;
    if (r->slot) {
        o = (Obj *)(r->start + (w - r->start) / r->slot * r->slot);
        if (!o->gc_mark)
            return; /* a free slot */
    }
    rt_gc_mark_obj(vm, o);
}

/* Every aligned word of [lo, hi) that points into the heap marks its object.
 * Reads the whole C stack, red zones included: not for ASan's eyes. */
__attribute__((no_sanitize_address)) static void scan_words(VM *vm, const void *lo, const void *hi)
{
    const Region *ix = vm->gc.index;
    size_t n = vm->gc.nindex;
    uintptr_t a = ((uintptr_t)lo + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
    for (const uintptr_t *p = (const uintptr_t *)a; (const void *)p < hi; p++)
        mark_word(vm, ix, n, *p);
}

/* The C stack from this frame up to the base.  Callers' callee-saved
 * registers were spilled by rt_gc_collect (__builtin_unwind_init). */
__attribute__((noinline)) static void scan_c_stack(VM *vm)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (vm->gc.stack_base > here)
        scan_words(vm, (const void *)here, (const void *)vm->gc.stack_base);
}

void rt_gc_mark_range(VM *vm, const Value *p, size_t n) { scan_words(vm, p, p + n); }

static void mark_c_roots(VM *vm)
{
    for (GcRoot *r = vm->gc.c_roots; r; r = r->prev) {
        if (r->trace) {
            r->trace(vm, r->ctx);
        } else if (*r->items) {
            const Value *p = *r->items;
            scan_words(vm, p, p + *r->count);
        }
    }
}

/* A frame's value region, conservatively (state.h).  A caller's region is
 * cut where its callee's begins when the callee starts inside it (arguments
 * are passed in place): what lies above belongs to the callee, and values
 * left there by earlier, finished calls are garbage.  Likewise a frame whose
 * CALL runs a native function is live only up to that call's arguments. */
static void mark_frame(VM *vm, Frame *f, const Frame *callee)
{
    rt_gc_mark_obj(vm, (Obj *)f->code);
    rt_gc_mark_obj(vm, (Obj *)f->func);
    rt_gc_mark_obj(vm, (Obj *)f->globals);
    rt_gc_mark_obj(vm, (Obj *)f->builtins);
    rt_gc_mark(vm, f->locals);
    rt_gc_mark_obj(vm, (Obj *)f->gen);
    rt_gc_mark(vm, f->frame_obj);
    if (f->code && f->slots) {
        Value *end = f->stack ? f->stack + f->code->stacksize
                              : f->slots + f->code->nlocals + f->code->ncells + f->code->nfrees;
        if (callee && callee->slots > f->slots && callee->slots < end)
            end = callee->slots;
        if (f->call_end && f->call_end > f->slots && f->call_end < end)
            end = f->call_end;
        /* Checked marking: a slot left unscanned by a cut may hold a value
         * whose object has been freed since. */
        scan_words(vm, f->slots, end);
    }
}

static void mark_frozen(VM *vm);

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
    rt_gc_mark(vm, vm->atexit_callbacks);
    rt_gc_mark(vm, vm->exc);
    rt_gc_mark(vm, vm->handled);
    for (size_t i = 0; i < h->nto_finalize; i++)
        rt_gc_mark_obj(vm, h->to_finalize[i]);
    rt_weakref_mark_queue(vm);
    /* Every active frame is on the chain (state.h). */
    for (Frame *f = vm->frame, *callee = NULL; f; callee = f, f = f->prev)
        mark_frame(vm, f, callee);
    if (h->nfrozen)
        mark_frozen(vm);
    mark_c_roots(vm);
    scan_c_stack(vm);
}

/* ---- finalization ----------------------------------------------------------- */

static void register_finalizable(VM *vm, Obj *o)
{
    GcHeap *h = &vm->gc;
    h->finalizable = grow_array(h->finalizable, &h->finalizable_cap, h->nfinalizable + 1,
                                sizeof *h->finalizable, "finalizer registry");
    h->finalizable[h->nfinalizable++] = o;
    o->gc_mark |= GC_FINALIZE;
}

void rt_gc_track_finalizer(VM *vm, Obj *o)
{
    if (!(o->gc_mark & (GC_FINALIZE | GC_PERMANENT)))
        register_finalizable(vm, o);
}

/* Small objects owning outside resources: lazy sweeping could leave a dead
 * one's descriptor or library state held until the allocator next needs its
 * page, so each collection releases the dead ones at once (large objects are
 * swept at once anyway). */
static void register_external(VM *vm, Obj *o)
{
    GcHeap *h = &vm->gc;
    h->external = grow_array(h->external, &h->external_cap, h->nexternal + 1, sizeof *h->external,
                             "external resource registry");
    h->external[h->nexternal++] = o;
}

/* After marking (and after objects kept for their __del__ were marked):
 * finalize the unreached ones now; the sweep then frees them as plain
 * memory (their GC_HAS_FIN bit is cleared). */
static void release_unreachable_external(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t keep = 0;
    for (size_t i = 0; i < h->nexternal; i++) {
        Obj *o = h->external[i];
        if (o->gc_mark & GC_MARKED) {
            h->external[keep++] = o;
            continue;
        }
        if ((o->gc_mark & GC_HAS_FIN) && o->type->finalize) {
            o->type->finalize(vm, o);
            o->gc_mark &= ~GC_HAS_FIN;
        }
    }
    h->nexternal = keep;
}

/* After marking: registered objects left unmarked are unreachable.  Those
 * whose finalizer has something to do are queued and marked (with all they
 * reach); the rest are plain garbage. */
static void queue_unreachable_finalizable(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t keep = 0, first_queued = h->nto_finalize;
    for (size_t i = 0; i < h->nfinalizable; i++) {
        Obj *o = h->finalizable[i];
        if (o->gc_mark & GC_MARKED) {
            h->finalizable[keep++] = o;
            continue;
        }
        o->gc_mark &= ~GC_FINALIZE;
        if (!o->type->del || (o->type->del_needed && !o->type->del_needed(vm, o)))
            continue;
        h->to_finalize = grow_array(h->to_finalize, &h->to_finalize_cap, h->nto_finalize + 1,
                                    sizeof *h->to_finalize, "finalizer queue");
        h->to_finalize[h->nto_finalize++] = o;
    }
    h->nfinalizable = keep;
    for (size_t i = first_queued; i < h->nto_finalize; i++)
        rt_gc_mark_obj(vm, h->to_finalize[i]);
    drain(vm);
    if (h->nto_finalize)
        vm->gc_pending = true;
}

static void run_one(VM *vm, Obj *o)
{
    Value saved_exc = vm->exc;
    vm->exc = VNULL;
    o->type->del(vm, v_from(o));
    vm->exc = saved_exc;
}

void rt_gc_run_finalizers(VM *vm)
{
    GcHeap *h = &vm->gc;
    vm->gc_pending = false;
    if (h->finalizing)
        return;
    h->finalizing = true;
    /* Weak reference callbacks first, as CPython's collector does. */
    rt_weakref_run_callbacks(vm);
    /* The queue stays a root while it runs; a collection inside a finalizer
     * may append to it (the loop re-reads the count). */
    for (size_t i = 0; i < h->nto_finalize; i++)
        run_one(vm, h->to_finalize[i]);
    h->nto_finalize = 0;
    h->finalizing = false;
}

void rt_gc_finalize_at_exit(VM *vm)
{
    GcHeap *h = &vm->gc;
    /* A last collection only when something could observe it. */
    if (!h->nfinalizable && !h->nto_finalize && !h->weak_used && !h->nweak_cbq)
        return;
    rt_gc_collect(vm);
    rt_gc_run_finalizers(vm);
    /* Then every object still registered, in the order they were made (as
     * CPython's teardown of module globals mostly does).  Finalizers may
     * register more objects: the loop re-reads the count. */
    h->finalizing = true;
    for (size_t i = 0; i < h->nfinalizable; i++) {
        Obj *o = h->finalizable[i];
        if (!(o->gc_mark & GC_FINALIZE))
            continue;
        o->gc_mark &= ~GC_FINALIZE;
        if (o->type->del && (!o->type->del_needed || o->type->del_needed(vm, o)))
            run_one(vm, o);
    }
    h->nfinalizable = 0;
    h->finalizing = false;
    rt_gc_run_finalizers(vm);
}

/* ---- sweeping ---------------------------------------------------------------- */

/* One page: finalize the dead, clear survivors' marks, rebuild the free
 * list in address order.  Returns the number of free slots. */
static uint32_t sweep_page(VM *vm, Page *p, SweepState *st)
{
    size_t size = (size_t)p->cls * 16;
    char *s = (char *)(p + 1), *end = s + (size_t)p->nused * size;
    Obj **link = &p->free;
    uint32_t nfree = p->nslots - p->nused; /* never-used slots are free */
    size_t freed = 0, nfreed = 0;
    for (; s < end; s += size) {
        Obj *o = (Obj *)s;
        uint32_t m = o->gc_mark;
        if (m & GC_MARKED) {
            o->gc_mark = m & ~GC_MARKED;
            continue;
        }
        if (m) {
            /* Most dead objects need nothing but relinking: only those
             * flagged at allocation make the sweep look at their type. */
            if (m & GC_HAS_FIN) {
                Type *t = o->type;
                if (t->flags & TF_META) { /* classes, metaclass instances included */
                    o->gc_next = st->dead_types;
                    st->dead_types = o;
                    continue;
                }
                if (t->finalize)
                    t->finalize(vm, o);
            }
            o->gc_mark = 0;
            freed += size;
            nfreed++;
        }
        *link = o;
        link = &o->gc_next;
        nfree++;
    }
    *link = NULL;
    p->nfree = nfree;
    st->freed += freed;
    st->nfreed += nfreed;
    return nfree;
}

/* After marking: large objects are swept at once (few, and their memory
 * goes straight back); the pages of every class wait for the allocator
 * (sweep_lazily) or for finish_sweep. */
static void start_sweep(VM *vm, SweepState *st)
{
    GcHeap *h = &vm->gc;
    for (unsigned c = 1; c < NCLASSES; c++) {
        h->free_lists[c] = NULL;
        h->unswept[c] = h->class_pages[c];
        h->class_pages[c] = NULL;
        h->class_cursor[c] = NULL;
    }
    h->lazy = true;
    st->dead_types = h->dead_types;
    for (size_t i = 0; i < h->nlarge;) {
        Obj *o = h->large[i];
        if (o->gc_mark & GC_MARKED) {
            o->gc_mark &= ~GC_MARKED;
            i++;
            continue;
        }
        large_unlink(h, o); /* the last entry moves to i: look at it next */
        if (o->type->flags & TF_META) {
            o->gc_next = st->dead_types;
            st->dead_types = o;
            continue;
        }
        if (o->type->finalize)
            o->type->finalize(vm, o);
        st->freed += LARGE_HDR(o)->size;
        st->nfreed++;
        free(LARGE_HDR(o));
    }
    h->dead_types = st->dead_types;
    account_free(vm, st->freed);
}

static void trim_pool(VM *vm);

/* Sweeps what the allocator left unswept, then frees the dead classes:
 * before a marking (whose conservative scan must not meet dead objects),
 * and whenever the whole heap must be walked. */
static void finish_sweep(VM *vm)
{
    GcHeap *h = &vm->gc;
    if (!h->lazy)
        return;
    SweepState st = {h->dead_types, 0, 0};
    h->sweeping = true;
    for (unsigned c = 1; c < NCLASSES; c++) {
        while (h->unswept[c]) {
            Page *p = h->unswept[c];
            h->unswept[c] = p->next;
            if (sweep_page(vm, p, &st) == p->nslots) {
                p->next = h->empty_pool;
                h->empty_pool = p;
                h->nempty_pool++;
            } else {
                p->next = h->class_pages[c];
                h->class_pages[c] = p;
            }
        }
        h->free_lists[c] = NULL;
    }
    for (Obj *o = st.dead_types; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    while (st.dead_types) {
        Obj *o = st.dead_types;
        st.dead_types = o->gc_next;
        st.freed += obj_size(o);
        st.nfreed++;
        if ((o->gc_mark >> GC_SIZE_SHIFT) & GC_SIZE_MASK)
            o->gc_mark = 0; /* a free slot: the next sweep lists it */
        else
            free(LARGE_HDR(o));
    }
    h->dead_types = NULL;
    h->sweeping = false;
    join_late_pages(h);
    for (unsigned c = 1; c < NCLASSES; c++)
        h->class_cursor[c] = h->class_pages[c];
    account_swept(vm, &st);
    h->lazy = false;
    trim_pool(vm);
}

/* Empty pages beyond what the next cycle can fill go back to the system;
 * after a large drop in live data, so does malloc's free memory. */
static void trim_pool(VM *vm)
{
    GcHeap *h = &vm->gc;
    size_t room = vm->next_gc > vm->bytes_allocated ? vm->next_gc - vm->bytes_allocated : 0;
    size_t keep = room / PAGE_BYTES + 4;
    while (h->nempty_pool > keep) {
        Page *p = h->empty_pool;
        h->empty_pool = p->next;
        h->nempty_pool--;
        page_unmap(p);
    }
    if (h->stats.live_after > 4 * vm->bytes_allocated && h->stats.live_after > ((size_t)32 << 20))
        malloc_trim(0);
}

/* The collection proper; rt_gc_collect has spilled the registers. */
/* The collection proper; the caller has spilled the registers.  Marking,
 * then the lazy sweep's start (full: the whole sweep, for gc.collect() and
 * out-of-memory retries).  Returns the objects freed by what it swept. */
__attribute__((noinline)) static size_t collect(VM *vm, bool full)
{
    GcHeap *h = &vm->gc;
    uint64_t t0 = now_ns();
    vm->gc_running = true;
    if (vm->bytes_allocated > h->stats.peak_heap)
        h->stats.peak_heap = vm->bytes_allocated;
    size_t collected_before = h->stats.collected;
    finish_sweep(vm);
    build_index(vm);
    h->marked_bytes = 0;
    mark_roots(vm);
    drain(vm);
    /* Weak references to what was not reached are cleared before any
     * finalizable object (and what it reaches) is kept for its finalizer. */
    rt_weakref_process(vm);
    queue_unreachable_finalizable(vm);
    release_unreachable_external(vm);
    SweepState st = {NULL, 0, 0};
    start_sweep(vm, &st);
    h->stats.collected += st.nfreed;
    /* Live: what the marking reached, and the buffers (some of dead
     * objects, freed as their pages are swept). */
    size_t live = h->marked_bytes + h->buf_bytes;
    size_t budget = live * (GC_GROWTH - 1);
    if (live + budget < GC_MIN_HEAP)
        budget = GC_MIN_HEAP - live;
    vm->next_gc = vm->bytes_allocated + budget;
    if (full)
        finish_sweep(vm);
    h->stats.live_after = live;
    h->stats.collections++;
    h->allocations = 0;
    uint64_t pause = now_ns() - t0;
    h->stats.total_pause_ns += pause;
    if (pause > h->stats.max_pause_ns)
        h->stats.max_pause_ns = pause;
    vm->gc_running = false;
    return h->stats.collected - collected_before;
}

size_t rt_gc_collect(VM *vm)
{
    if (vm->gc_running)
        return 0;
    /* Callee-saved registers into this frame, where scan_c_stack sees them. */
    __builtin_unwind_init();
    size_t n = collect(vm, true);
    __asm__ volatile("" ::: "memory"); /* keep this frame (and its spills) live */
    return n;
}

/* A collection the allocator starts: sweeping stays lazy. */
__attribute__((noinline)) static void collect_auto(VM *vm)
{
    if (vm->gc_running)
        return;
    __builtin_unwind_init();
    collect(vm, false);
    __asm__ volatile("" ::: "memory");
}

const GcStats *rt_gc_stats(VM *vm) { return &vm->gc.stats; }

void rt_gc_print_stats(VM *vm, void *file)
{
    const GcStats *s = &vm->gc.stats;
    size_t peak = vm->bytes_allocated > s->peak_heap ? vm->bytes_allocated : s->peak_heap;
    fprintf(file, "gc: %zu collections, %zu objects freed, pause (CPU time) total %.3f ms, longest %.3f ms\n"
                  "gc: peak heap %.1f MiB, live after the last collection %.1f MiB\n",
            s->collections, s->collected, s->total_pause_ns / 1e6, s->max_pause_ns / 1e6,
            peak / 1048576.0, s->live_after / 1048576.0);
}

/* ---- walking the heap ------------------------------------------------------- */

void rt_gc_each_object(VM *vm, bool (*fn)(VM *vm, Obj *o, void *ctx), void *ctx)
{
    GcHeap *h = &vm->gc;
    finish_sweep(vm); /* dead objects left in unswept pages look allocated */
    for (unsigned c = 1; c < NCLASSES; c++)
        for (Page *p = h->class_pages[c]; p; p = p->next) {
            size_t size = (size_t)c * 16;
            char *s = (char *)(p + 1);
            for (uint32_t i = 0; i < p->nused; i++, s += size)
                if (((Obj *)s)->gc_mark && !fn(vm, (Obj *)s, ctx))
                    return;
        }
    for (size_t i = 0; i < h->nlarge; i++)
        if (!fn(vm, h->large[i], ctx))
            return;
}

static bool count_one(VM *vm, Obj *o, void *ctx)
{
    ++*(size_t *)ctx;
    return true;
}

size_t rt_gc_count_objects(VM *vm)
{
    size_t n = 0;
    rt_gc_each_object(vm, count_one, &n);
    return n;
}

static bool freeze_one(VM *vm, Obj *o, void *ctx)
{
    bool on = *(bool *)ctx;
    if (on && !(o->gc_mark & GC_FROZEN)) {
        o->gc_mark |= GC_FROZEN;
        vm->gc.nfrozen++;
    } else if (!on && (o->gc_mark & GC_FROZEN)) {
        o->gc_mark &= ~GC_FROZEN;
    }
    return true;
}

void rt_gc_freeze(VM *vm, bool on)
{
    rt_gc_each_object(vm, freeze_one, &on);
    if (!on)
        vm->gc.nfrozen = 0;
}

static bool mark_frozen_one(VM *vm, Obj *o, void *ctx)
{
    if (o->gc_mark & GC_FROZEN)
        rt_gc_mark_obj(vm, o);
    return true;
}

static void mark_frozen(VM *vm) { rt_gc_each_object(vm, mark_frozen_one, NULL); }

size_t rt_gc_referents(VM *vm, Obj *o, Obj ***out, size_t *cap)
{
    /* Outside a collection no heap object is marked: tracing o pushes
     * exactly its (distinct) heap children on the gray stack. */
    size_t n = 0;
    if (vm->gc_running || !o->type || !o->type->trace)
        return 0;
    finish_sweep(vm); /* no marks left over */
    size_t base = vm->ngray;
    build_index(vm); /* for traces that mark ranges conservatively */
    o->type->trace(vm, o);
    for (size_t i = base; i < vm->ngray; i++) {
        Obj *c = vm->gray[i];
        c->gc_mark &= ~GC_MARKED;
        *out = grow_array(*out, cap, n + 1, sizeof **out, "referents");
        (*out)[n++] = c;
    }
    vm->ngray = base;
    return n;
}

/* ---- tear-down ---------------------------------------------------------------- */

void rt_gc_free_all(VM *vm)
{
    GcHeap *h = &vm->gc;
    finish_sweep(vm);
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
                if (o->type->flags & TF_META) {
                    o->gc_next = types;
                    types = o;
                } else if (o->type->finalize) {
                    o->type->finalize(vm, o);
                }
            }
        }
    for (size_t i = 0; i < h->nlarge; i++) {
        Obj *o = h->large[i];
        if (o->type->flags & TF_META) {
            o->gc_next = types;
            types = o;
        } else if (o->type->finalize) {
            o->type->finalize(vm, o);
        }
    }
    for (Obj *o = types; o; o = o->gc_next)
        if (o->type->finalize)
            o->type->finalize(vm, o);
    for (size_t i = 0; i < h->nlarge; i++)
        free(LARGE_HDR(h->large[i]));
    free(h->large);
    h->large = NULL;
    h->nlarge = h->large_cap = 0;
    for (unsigned c = 1; c < NCLASSES; c++) {
        while (h->class_pages[c]) {
            Page *next = h->class_pages[c]->next;
            page_unmap(h->class_pages[c]);
            h->class_pages[c] = next;
        }
        h->class_cursor[c] = NULL;
        h->free_lists[c] = NULL;
    }
    while (h->empty_pool) {
        Page *next = h->empty_pool->next;
        page_unmap(h->empty_pool);
        h->empty_pool = next;
    }
    h->nempty_pool = 0;
    while (h->buf_chunks) {
        char *next = *(char **)h->buf_chunks;
        munmap(h->buf_chunks, BUF_CHUNK);
        h->buf_chunks = next;
    }
    memset(h->buf_free, 0, sizeof h->buf_free);
    h->buf_next = NULL;
    h->buf_left = 0;
    rt_weakref_free_all(vm);
    free(h->static_types);
    free(h->global_roots);
    free(h->index);
    free(h->finalizable);
    free(h->external);
    free(h->to_finalize);
    h->static_types = NULL;
    h->global_roots = NULL;
    h->index = NULL;
    h->finalizable = h->to_finalize = NULL;
    h->nstatic_types = h->static_types_cap = 0;
    h->nglobal_roots = h->global_roots_cap = 0;
    h->nindex = h->index_cap = 0;
    h->nfinalizable = h->finalizable_cap = h->nto_finalize = h->to_finalize_cap = 0;
    h->c_roots = NULL;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->graycap = 0;
    vm->bytes_allocated = 0;
}
