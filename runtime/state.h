/* runtime/state.h — the interpreter state.  One VM per process in practice,
 * but always passed explicitly: no global holds interpreter state. */
#ifndef MINIPY_STATE_H
#define MINIPY_STATE_H
#include <signal.h>
#include "runtime/object.h"

struct Code;
struct Generator;

/* An activation record.  Frames of ordinary calls live in vm->frames (a
 * contiguous array); a generator's frame lives inside its Generator object.
 * `slots` holds locals, then cells, then free variables (code->nlocals +
 * code->ncells + code->nfrees), and `stack` follows for code->stacksize
 * values.  The whole region [slots, stack + stacksize) is zeroed when the
 * frame is entered and marked conservatively by the GC, so the eval loop
 * need not publish its stack pointer before allocating.  Every active frame
 * (generator frames while they run included) is on the chain vm->frame →
 * prev; a suspended generator's frame is traced by the generator.  Frames
 * of nested calls may start inside their caller's stack region (arguments
 * are passed in place), so regions may overlap. */
typedef struct Frame {
    struct Code *code;
    struct Function *func;    /* NULL for module and class bodies */
    Dict *globals;
    Dict *builtins;
    Value locals;             /* dict for module/class bodies (LOAD_NAME), else VNULL */
    Value *slots;
    Value *stack;
    Value *sp;                /* saved operand stack top (while suspended/calling) */
    uint32_t *ip;             /* next instruction (saved while calling out) */
    struct Frame *prev;       /* caller */
    struct Generator *gen;    /* owning generator, or NULL */
    bool is_entry;            /* returning from this frame returns to C */
    /* --- vm/ private (added by the VM engineer) --- */
    bool init_call;           /* an inlined __init__: return `init_self` instead of None */
    Value init_self;          /* the instance being initialised (also kept on the caller's stack) */
    Value *saved_stack_top;   /* vm->stack_top before this frame was pushed */
    Value *call_end;          /* while the eval loop's CALL runs a native function: the
                               * end of the live values (the GC scans no further) */
    Value frame_obj;          /* its Python frame object (runtime/frameobject.c) or VNULL */
} Frame;

/* Interned names the runtime uses often: vm->names.X is an interned str. */
#define RT_NAMES(X)                                                                  \
    X(__init__) X(__new__) X(__repr__) X(__str__) X(__hash__) X(__eq__) X(__ne__)    \
    X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__len__) X(__bool__) X(__getitem__)    \
    X(__setitem__) X(__delitem__) X(__iter__) X(__next__) X(__contains__)            \
    X(__call__) X(__getattr__) X(__setattr__) X(__delattr__) X(__get__) X(__set__)   \
    X(__name__) X(__qualname__) X(__module__) X(__doc__) X(__dict__) X(__class__)    \
    X(__file__) X(__cached__) X(__package__) X(__path__) X(__all__) X(__builtins__)  \
    X(__loader__) X(__spec__) X(__main__) X(__classcell__) X(__format__) X(__index__)\
    X(__int__) X(__float__) X(__neg__) X(__pos__) X(__invert__) X(__abs__)           \
    X(__enter__) X(__exit__) X(__import__) X(__build_class__) X(__debug__)           \
    X(__await__) X(__aiter__) X(__anext__) X(__aenter__) X(__aexit__)              \
    X(__annotations__) X(__mro__) X(__bases__) X(__base__) X(__traceback__)          \
    X(__cause__) X(__context__) X(__suppress_context__) X(__round__) X(__reversed__) \
    X(__init_subclass__) X(__set_name__) X(__missing__) X(__delete__) X(__del__)  \
    X(__getattribute__) X(__prepare__) X(__slots__) X(__abstractmethods__)          \
    X(__instancecheck__) X(__subclasscheck__) X(__mro_entries__) X(__orig_bases__)   \
    X(__class_getitem__) X(metaclass)                                                \
    X(args) X(msg) X(filename) X(lineno) X(offset) X(text) X(code) X(value)           \
    X(name) X(path) X(send) X(close) X(throw) X(keys) X(items) X(write) X(flush)      \
    X(append) X(key) X(reverse) X(sep) X(end) X(file) X(start)

typedef struct Names {
#define X(n) Value n;
    RT_NAMES(X)
#undef X
} Names;

typedef struct VMConfig {
    int verbose;               /* -v count */
    int optimize;              /* -O count (0, 1, 2) */
    bool dont_write_bytecode;  /* -B or MINIPYDONTWRITEBYTECODE */
    bool ignore_environment;   /* -E (and -I) */
    bool isolated;             /* -I: no script folder on sys.path either */
    bool quiet;                /* -q */
    bool inspect;              /* -i */
    bool importtime;           /* -X importtime */
    bool gcstats;              /* -X gcstats */
    bool unbuffered;           /* -u or MINIPYUNBUFFERED: unbuffered binary std streams */
    const char *pycache_prefix;/* -X pycache_prefix= or MINIPYPYCACHEPREFIX */
    int check_hash_pycs;       /* 0 default, 1 always, 2 never */
} VMConfig;

/* The allocator's and collector's own state (runtime/gc.c reads and writes
 * it; nothing else should).  Small objects live in 64 KiB pages, one size
 * class of 16-byte units per page (classes 1..RT_GC_NCLASSES-1, up to 256
 * bytes); see gc.c for the layout.  Embedded in the VM, not pointed to, so
 * the allocation fast path reads a free list at a fixed offset from `vm`. */
#define RT_GC_NCLASSES 17
#define RT_GC_NBUFCLASSES 33 /* buffers of up to 512 bytes, header included */
struct GcPage;
typedef struct GcHeap {
    /* Per size class: the free list allocation pops (taken whole from one
     * page), every page of the class, and the next page whose free list
     * allocation may take. */
    Obj *free_lists[RT_GC_NCLASSES];
    struct GcPage *class_pages[RT_GC_NCLASSES];
    struct GcPage *class_cursor[RT_GC_NCLASSES];
    struct GcPage *empty_pool; /* pages left empty by a sweep, any class */
    size_t nempty_pool;
    /* Pages a finalizer's allocation needed during the sweep: joined to
     * their class lists afterwards, so the sweep never sees the fresh
     * (young, live) object in them. */
    struct GcPage *late_pages;
    bool sweeping;
    /* Lazy sweeping (gc.c): pages of each class not swept since the last
     * marking (the allocator sweeps one when it needs a free list), class
     * objects found dead (freed once every page is swept), and the bytes
     * the last marking reached. */
    struct GcPage *unswept[RT_GC_NCLASSES];
    Obj **large;               /* every large object (> 256 bytes), unordered */
    size_t nlarge, large_cap;
    bool lazy;
    Obj *dead_types;
    size_t marked_bytes, buf_bytes;
    /* Small buffers (rt_malloc): free lists per 16-byte class, and the
     * chunk being carved (gc.c). */
    void *buf_free[RT_GC_NBUFCLASSES];
    char *buf_next, *buf_chunks;
    size_t buf_left;
    /* Roots outside the heap: static types (rt_gc_register_type) and C
     * globals holding heap values (rt_gc_add_root). */
    Type **static_types;
    size_t nstatic_types, static_types_cap;
    Value **global_roots;
    size_t nglobal_roots, global_roots_cap;
    /* The conservative scan (gc.h): the C stack's base, the out-of-stack
     * roots C code registered (LIFO), and the address index of pages and
     * large objects, rebuilt at each collection. */
    uintptr_t stack_base;
    struct GcRoot *c_roots;
    void *index;
    size_t nindex, index_cap;
    /* Finalization: objects registered for Type.del (not roots), and those
     * found unreachable, waiting for a safe point (roots until they ran). */
    Obj **finalizable;
    size_t nfinalizable, finalizable_cap;
    Obj **external;            /* small objects of TF_EXTERNAL types (weak) */
    size_t nexternal, external_cap;
    Obj **to_finalize;
    size_t nto_finalize, to_finalize_cap;
    bool finalizing;
    /* The gc module: enable()/disable() (automatic: enabled and a non-zero
     * first threshold), thresholds, set_debug(), freeze(), counters. */
    bool enabled, automatic;
    int threshold[3];
    int debug;
    size_t nfrozen;
    size_t allocations;        /* objects allocated since the last collection */
    GcStats stats;
    /* Weak references (runtime/weakref.c): referent → chain of references,
     * and the references whose callbacks wait for a safe point. */
    void *weak_table;
    size_t weak_cap, weak_used, weak_fill;
    struct WeakRef **weak_cbq;
    size_t nweak_cbq, weak_cbq_cap;
} GcHeap;

struct VM {
    /* --- heap (runtime/gc.c) --- */
    size_t bytes_allocated, next_gc;
    bool gc_stress;
    bool gc_running;
    bool gc_pending;           /* finalizers queued: the eval loop runs them at a safe point */
    Obj **gray;                /* mark worklist */
    size_t ngray, graycap;
    GcHeap gc;                 /* pages, free lists, root registries (released by rt_gc_free_all) */

    /* --- value stack and frames (vm/) --- */
    Value *stack, *stack_end;  /* one contiguous value stack */
    Value *stack_top;          /* first slot above the innermost frame's region */
    Frame *frames, *frames_end;/* array of call frames */
    Frame *frame;              /* innermost active frame (NULL at top level) */
    int depth;                 /* Python call depth */
    int recursion_limit;       /* sys.getrecursionlimit() */
    int c_depth;               /* nested C recursion (repr/eq/hash of nested data) */
    Frame *frames_top;         /* first free entry of vm->frames (vm/) */
    char *c_stack_base;        /* C stack address at vm_init (vm/: C recursion guard) */
    size_t c_stack_max;        /* bytes of C stack the eval loop may use below c_stack_base */

    /* --- exceptions --- */
    Value exc;                 /* pending exception being propagated, or VNULL */
    Value handled;             /* exception being handled (except block) or rt_None */

    /* --- strings --- */
    Str **interned;            /* open-addressed set of interned strs */
    size_t ninterned, interned_cap;
    Names names;
    /* One-character ASCII strs and '' (interned, so rooted by the interned
     * set), filled by rt_str_init: indexing and iterating ASCII text never
     * allocates.  VNULL until then (runtime/str.c). */
    Value ascii_chars[128];
    Value empty_str;

    /* --- modules --- */
    Dict *modules;             /* sys.modules */
    Dict *builtins;            /* the builtins module's dict */
    Value builtins_module, sys_module;
    Value path;                /* sys.path (list) */
    Value argv;                /* sys.argv (list) */
    Value stdout_file, stderr_file, stdin_file; /* sys.stdout & co */
    /* input() on a terminal: line editing (vm/repl.c sets it; NULL: none).
     * Returns a malloc'd line without its newline, NULL at EOF or when
     * interrupted (*interrupted). */
    char *(*tty_readline)(VM *vm, const char *prompt, bool *interrupted);
    /* Flush sys.stdout and sys.stderr before C code writes to fd 2 (the
     * unraisable-exception printer): mp_io_flush_std, set by _io. */
    void (*flush_std)(VM *vm);
    Value atexit_callbacks;    /* list of (func, args, kwargs), or VNULL: stdlib/atexit.c */
    void *import_state;        /* vm/import.c private: finder caches */
    /* sys.set_asyncgen_hooks (stdlib/sys.c roots them; VNULL: none); vm/async.c calls firstiter */
    Value asyncgen_firstiter, asyncgen_finalizer;

    VMConfig config;
    /* The traceback printer's way into the parser (runtime/ does not call
     * up the pipeline): cg_caret_anchors, installed by vm_init. */
    bool (*caret_anchors)(const char *segment, size_t len, int64_t *left, int64_t *right);
    volatile sig_atomic_t interrupted; /* a signal arrived (SIGINT...): rt_check_signals at the next safe point */
    bool (*signal_hook)(VM *vm); /* stdlib/_signal.c once imported: runs the Python handlers */
    int exit_code;             /* for SystemExit handling in main */
};

/* C recursion guard for repr/eq/hash of nested data: false + RecursionError. */
bool rt_enter_c(VM *vm, const char *where);
static inline void rt_leave_c(VM *vm) { vm->c_depth--; }
#define RT_C_RECURSION_LIMIT 3000

#endif
