/* runtime/object.h — the object model: values, the object header, type
 * objects, and the generic operations every other stage uses.
 *
 * A Value is one machine word.  Low bit 1: a small int (62-bit signed,
 * never allocates).  Otherwise a pointer to an Obj (8-aligned).  VNULL (0)
 * is never a Python value: a function returning Value returns VNULL to say
 * "an exception is pending in vm->exc" (or, for iterator `next`, "exhausted"
 * when vm->exc is VNULL).
 *
 * Error convention (DESIGN.md §5): a fallible function returns VNULL / -1 /
 * NULL / false and leaves the exception in vm->exc.  Callers propagate.
 *
 * Memory: every object comes from rt_alloc(), which may collect.  The C
 * stack is scanned conservatively (runtime/gc.h), so C code need not root
 * the values it holds in locals; values it keeps in malloc'd memory must be
 * owned by an object that traces them, or registered (rt_gc_push_values).
 */
#ifndef MINIPY_OBJECT_H
#define MINIPY_OBJECT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t Value;
#define VNULL ((Value)0)

typedef struct VM VM;
typedef struct Obj Obj;
typedef struct Type Type;
struct RtBuffer;

/* ---- tagged small ints ------------------------------------------------- */

#define SMALL_MAX ((int64_t)(INT64_MAX >> 2)) /* 2**61 - 1 */
#define SMALL_MIN (-SMALL_MAX - 1)

static inline bool v_is_small(Value v) { return (v & 1) != 0; }
static inline int64_t v_small(Value v) { return (int64_t)(intptr_t)v >> 1; }
static inline bool small_fits(int64_t i) { return i >= SMALL_MIN && i <= SMALL_MAX; }
/* Caller guarantees small_fits(i); use rt_int_from_i64() otherwise. */
static inline Value v_from_small(int64_t i) { return ((Value)(uint64_t)i << 1) | 1; }
static inline bool v_is_obj(Value v) { return v != VNULL && !(v & 1); }
static inline Obj *v_obj(Value v) { return (Obj *)v; }
static inline Value v_from(const void *o) { return (Value)o; }

/* ---- the object header ------------------------------------------------- */

struct Obj {
    Type *type;
    Obj *gc_next;     /* the heap list (runtime/gc.c) */
    uint32_t gc_mark; /* mark bit for the current collection */
    uint32_t aux;     /* free for the type's own use (e.g. str flags) */
};

/* Type of any value, small ints included. */
extern Type rt_int_type;
static inline Type *v_type(Value v) { return v_is_small(v) ? &rt_int_type : v_obj(v)->type; }

/* ---- slots -------------------------------------------------------------- */

/* Binary operator numbers: BINARY_OP's operand and Type.binop index.
 * Order is fixed by vm/opcodes.def users (compiler, dis); never reorder. */
#define RT_BINOPS(X)                                                        \
    X(ADD, "+", "__add__", "__radd__", "__iadd__")                          \
    X(SUB, "-", "__sub__", "__rsub__", "__isub__")                          \
    X(MUL, "*", "__mul__", "__rmul__", "__imul__")                          \
    X(TRUEDIV, "/", "__truediv__", "__rtruediv__", "__itruediv__")          \
    X(FLOORDIV, "//", "__floordiv__", "__rfloordiv__", "__ifloordiv__")     \
    X(MOD, "%", "__mod__", "__rmod__", "__imod__")                          \
    X(POW, "**", "__pow__", "__rpow__", "__ipow__")                         \
    X(LSHIFT, "<<", "__lshift__", "__rlshift__", "__ilshift__")             \
    X(RSHIFT, ">>", "__rshift__", "__rrshift__", "__irshift__")             \
    X(AND, "&", "__and__", "__rand__", "__iand__")                          \
    X(OR, "|", "__or__", "__ror__", "__ior__")                              \
    X(XOR, "^", "__xor__", "__rxor__", "__ixor__")                          \
    X(MATMUL, "@", "__matmul__", "__rmatmul__", "__imatmul__")

typedef enum {
#define X(name, sym, d, r, i) BIN_##name,
    RT_BINOPS(X)
#undef X
    BIN__COUNT
} BinOp;

/* BINARY_OP operand: BinOp, plus BIN_INPLACE for augmented assignment. */
#define BIN_INPLACE 0x80

typedef enum { UN_NEG, UN_POS, UN_INVERT, UN_NOT } UnaryOp;

/* COMPARE_OP operand, and richcompare's op (same order as CPython). */
typedef enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE } CmpOp;

/* A native function: argv[0..argc) are positional arguments; when kwnames
 * (a tuple of str) is not VNULL, argv[argc..argc+len(kwnames)) hold the
 * keyword values.  Methods get self as argv[0]. */
typedef Value (*NativeFn)(VM *vm, int argc, Value *argv, Value kwnames);

struct Type {
    Obj hdr;
    const char *name;      /* tp_name; for classes points into name_str */
    Value name_str;        /* str: __name__ */
    Value qualname;        /* str: __qualname__ */
    Value module;          /* str or VNULL: __module__ */
    Type *base;            /* the base whose instance layout this type extends
                              (CPython's tp_base, the "best base"); NULL only for object */
    Value bases;           /* tuple: __bases__ (set by rt_type_ready / class creation) */
    Value mro;             /* tuple: __mro__, C3 linearisation, starting with the type */
    struct Dict *dict;     /* attributes and methods */
    uint32_t flags;        /* TF_* */
    uint32_t version;      /* bumped when this type's or a base's dict changes */
    size_t instance_size;  /* bytes of an instance (classes: inherited) */

    /* GC: mark children with rt_gc_mark(); free malloc'd buffers. */
    void (*trace)(VM *vm, Obj *o);
    void (*finalize)(VM *vm, Obj *o);

    /* Every slot may be NULL ("not supported"); classes get generic slots
     * that call the dunder methods their dict defines (runtime/type.c). */
    Value (*repr)(VM *vm, Value v);
    Value (*str)(VM *vm, Value v);                 /* NULL: use repr */
    int64_t (*hash)(VM *vm, Value v);              /* -1: error */
    Value (*richcompare)(VM *vm, Value a, Value b, CmpOp op); /* may return rt_NotImplemented */
    int (*truth)(VM *vm, Value v);                 /* -1 error; NULL: len, else true */
    Value (*getattr)(VM *vm, Value obj, Value name);   /* NULL: rt_generic_getattr */
    int (*setattr)(VM *vm, Value obj, Value name, Value v); /* v == VNULL: delete */
    Value (*call)(VM *vm, Value callable, int argc, Value *argv, Value kwnames);
    Value (*iter)(VM *vm, Value v);
    Value (*next)(VM *vm, Value it);               /* VNULL + no exc: exhausted */
    Value (*getitem)(VM *vm, Value o, Value key);
    int (*setitem)(VM *vm, Value o, Value key, Value v); /* v == VNULL: delete */
    int64_t (*len)(VM *vm, Value v);               /* -1: error */
    int (*contains)(VM *vm, Value o, Value item);  /* -1 error, 0, 1; NULL: iterate */
    /* a op b with either a or b of this type (CPython nb_* convention). */
    Value (*binop[BIN__COUNT])(VM *vm, Value a, Value b);
    /* a op= b; NULL: fall back to binop. */
    Value (*inplace[BIN__COUNT])(VM *vm, Value a, Value b);
    Value (*unop[3])(VM *vm, Value v);             /* UN_NEG, UN_POS, UN_INVERT */
    /* Calling the type: type(*args, **kw).  NULL: "cannot create instances". */
    Value (*new)(VM *vm, Type *type, int argc, Value *argv, Value kwnames);
    /* Descriptor get (functions, properties...): NULL if not a descriptor. */
    Value (*descr_get)(VM *vm, Value descr, Value obj, Type *owner);
    int (*descr_set)(VM *vm, Value descr, Value obj, Value v); /* data descriptors */
    /* Python-level finalizer (`__del__`, a generator's close): run once, at a
     * safe point, for an unreachable instance of a TF_FINALIZE type (gc.h).
     * del_needed (NULL: always) says whether this one has anything to do. */
    void (*del)(VM *vm, Value self);
    bool (*del_needed)(VM *vm, Obj *o);
    /* The buffer protocol (runtime/buffer.h): NULL if not bytes-like. */
    bool (*getbuffer)(VM *vm, Value v, struct RtBuffer *buf, int flags);
};

enum {
    TF_CLASS = 1 << 0,      /* created by a class statement */
    TF_BASETYPE = 1 << 1,   /* may be subclassed */
    TF_EXCEPTION = 1 << 2,  /* BaseException or a subclass */
    TF_HAS_GETATTR = 1 << 3,/* class defines __getattr__ */
    TF_IMMORTAL = 1 << 4,   /* static object, never swept */
    TF_META = 1 << 5,       /* instances are type objects: `type` and its subclasses */
    TF_ABSTRACT = 1 << 6,   /* __abstractmethods__ set non-empty: object.__new__ refuses */
    TF_VARDICT = 1 << 7,    /* instance dict pointer sits at the end of a var-sized object */
    TF_HAS_GETATTRIBUTE = 1 << 8, /* class overrides __getattribute__ */
    TF_FINALIZE = 1 << 9,   /* instances are registered for Type.del (runtime/gc.h) */
    TF_LINEAR_MRO = 1 << 10,/* the MRO is exactly the chain of ->base: subtype tests walk it */
    TF_WEAKREF = 1 << 12,   /* a native type whose instances take weak references */
    TF_EXTERNAL = 1 << 11,  /* instances own an outside resource (a file descriptor, a
                             * library's state): Type.finalize runs as soon as a
                             * collection finds one dead, not when its page is swept */
};

/* ---- concrete objects ----------------------------------------------------- */

typedef struct Str {
    Obj hdr;
    int64_t hash;   /* -1: not computed yet */
    size_t len;     /* bytes of UTF-8, excluding the terminating NUL */
    size_t nchars;  /* code points */
    bool ascii;     /* len == nchars: O(1) indexing */
    bool interned;
    char data[];    /* NUL-terminated UTF-8 */
} Str;

typedef struct Bytes {
    Obj hdr;
    int64_t hash;
    size_t len;
    uint8_t data[];
} Bytes;

typedef struct BigInt {
    Obj hdr;
    /* an mpz_t; declared opaque here so GMP's header stays in runtime/int.c */
    struct { int alloc; int size; void *d; } z;
} BigInt;

typedef struct Float {
    Obj hdr;
    double d;
} Float;

typedef struct Tuple {
    Obj hdr;
    size_t len;
    Value items[];
} Tuple;

typedef struct List {
    Obj hdr;
    size_t len, cap;
    Value *items;
} List;

typedef struct DictEntry {
    int64_t hash;
    Value key;   /* VNULL: deleted */
    Value value;
} DictEntry;

/* Compact, insertion-ordered dict (as CPython's): `index` maps hash slots to
 * positions in `entries`. */
typedef struct Dict {
    Obj hdr;
    size_t used;        /* live entries */
    size_t nentries;    /* entries in use, deleted included */
    size_t cap;         /* capacity of entries */
    uint32_t version;   /* bumped on insert of a new key or delete */
    uint8_t log2size;   /* index has 1 << log2size slots */
    int32_t *index;     /* -1 empty, -2 dummy, else entry position */
    DictEntry *entries;
} Dict;

typedef struct SetEntry {
    int64_t hash;
    Value key;   /* VNULL: empty; rt_set_dummy: deleted */
} SetEntry;

/* Open-addressed like CPython's set, so iteration order of ints matches. */
typedef struct Set {
    Obj hdr;
    size_t used, fill;
    size_t mask;        /* table size - 1 */
    SetEntry *table;
    int64_t hash;       /* frozenset: cached, -1 if not computed */
} Set;

typedef struct Range {
    Obj hdr;
    int64_t start, stop, step, len;
    Value big; /* bounds beyond 64 bits: (start, stop, step, len) as ints, else VNULL */
} Range;

typedef struct Slice {
    Obj hdr;
    Value start, stop, step; /* rt_None when absent */
} Slice;

typedef struct Cell {
    Obj hdr;
    Value v; /* VNULL: empty */
} Cell;

struct Code;

typedef struct Function {
    Obj hdr;
    struct Code *code;
    struct Dict *globals;
    struct Dict *builtins;
    Value name, qualname, module, doc;
    Value defaults;   /* tuple or VNULL */
    Value kwdefaults; /* dict or VNULL */
    Value closure;    /* tuple of Cell or VNULL */
    struct Dict *dict;/* function attributes, created lazily */
    Value annotations;/* __annotations__ dict, or VNULL until asked for */
} Function;

typedef struct NativeFunction {
    Obj hdr;
    const char *name;
    NativeFn fn;
    Value self;       /* bound receiver (prepended to args) or VNULL */
    Value module;     /* module name str or VNULL */
    uint32_t flags;   /* NF_* */
} NativeFunction;

enum {
    NF_KEYWORDS = 1 << 0, /* fn accepts kwnames; otherwise keywords are a TypeError */
    NF_METHOD = 1 << 1,   /* an unbound method descriptor of a type: binds on attribute access */
    NF_CLASSMETHOD = 1 << 2, /* binds to the type (e.g. dict.fromkeys) */
};

typedef struct BoundMethod {
    Obj hdr;
    Value func;
    Value self;
} BoundMethod;

/* staticmethod / classmethod / property */
typedef struct Wrapper {
    Obj hdr;
    Value func;           /* staticmethod/classmethod: the function */
    Value fget, fset, fdel, doc; /* property */
} Wrapper;

typedef struct Instance {
    Obj hdr;
    struct Dict *dict;
} Instance;

typedef struct Module {
    Obj hdr;
    struct Dict *dict;
    Value name;
} Module;

/* BaseException and subclasses.  Starts like Instance (dict first). */
typedef struct Exception {
    Obj hdr;
    struct Dict *dict;
    Value args;       /* tuple */
    Value traceback;  /* Traceback or rt_None */
    Value cause;      /* or rt_None */
    Value context;    /* or rt_None */
    bool suppress_context;
} Exception;

/* One traceback entry; the chain runs from the outermost frame (head) to
 * where the exception was raised.  Its frame object (tb_frame) is made
 * lazily (runtime/frameobject.c): an entry whose frame has none yet stands
 * for it, and keeps the frame's slots if the frame ends by unwinding. */
typedef struct Traceback {
    Obj hdr;              /* hdr.aux & 1: a TbFrameState follows (runtime/frameobject.h) */
    Value next;           /* Traceback or rt_None */
    struct Code *code;
    uint32_t lineno, lasti;
    Value frame;          /* tb_frame once made, or VNULL */
} Traceback;

/* ---- singletons and builtin types ---------------------------------------- */

extern Obj rt_None_obj, rt_True_obj, rt_False_obj, rt_NotImplemented_obj, rt_Ellipsis_obj;
#define rt_None v_from(&rt_None_obj)
#define rt_True v_from(&rt_True_obj)
#define rt_False v_from(&rt_False_obj)
#define rt_NotImplemented v_from(&rt_NotImplemented_obj)
#define rt_Ellipsis v_from(&rt_Ellipsis_obj)
static inline Value rt_bool(bool b) { return b ? rt_True : rt_False; }

extern Type rt_object_type, rt_type_type, rt_bool_type, rt_float_type, rt_str_type,
    rt_bytes_type, rt_tuple_type, rt_list_type, rt_dict_type, rt_set_type, rt_frozenset_type,
    rt_range_type, rt_slice_type, rt_none_type, rt_notimpl_type, rt_ellipsis_type,
    rt_cell_type, rt_function_type, rt_native_type, rt_method_type, rt_staticmethod_type,
    rt_classmethod_type, rt_property_type, rt_module_type, rt_code_type, rt_traceback_type,
    rt_super_type;

static inline bool v_is(Value v, Type *t) { return v_is_obj(v) && v_obj(v)->type == t; }
/* A type object: an instance of `type` or of a metaclass. */
static inline bool rt_is_type(Value v) { return v_is_obj(v) && (v_obj(v)->type->flags & TF_META); }
/* An instance of BaseException or a subclass (CPython's PyExceptionInstance_Check). */
static inline bool rt_is_exception(Value v) { return v_is_obj(v) && (v_obj(v)->type->flags & TF_EXCEPTION); }
static inline Str *v_str(Value v) { return (Str *)v_obj(v); }
static inline const char *v_cstr(Value v) { return v_str(v)->data; }
static inline Tuple *v_tuple(Value v) { return (Tuple *)v_obj(v); }
static inline List *v_list(Value v) { return (List *)v_obj(v); }
static inline Dict *v_dict(Value v) { return (Dict *)v_obj(v); }
static inline Float *v_float(Value v) { return (Float *)v_obj(v); }
static inline double v_f(Value v) { return ((Float *)v_obj(v))->d; }

/* ---- generic operations (runtime/abstract.c) ----------------------------- */

Value rt_repr(VM *vm, Value v);
Value rt_str(VM *vm, Value v);
Value rt_ascii(VM *vm, Value v);
int64_t rt_hash(VM *vm, Value v);                 /* -1: error (unhashable) */
int rt_truthy(VM *vm, Value v);                   /* -1: error */
int rt_eq(VM *vm, Value a, Value b);              /* -1 error, 0, 1; identity first */
Value rt_compare(VM *vm, Value a, Value b, CmpOp op); /* full rich comparison */
int rt_compare_bool(VM *vm, Value a, Value b, CmpOp op); /* -1 error, 0, 1 */
Value rt_binary_op(VM *vm, BinOp op, Value a, Value b);
Value rt_inplace_op(VM *vm, BinOp op, Value a, Value b);
Value rt_unary_op(VM *vm, UnaryOp op, Value v);
Value rt_getattr(VM *vm, Value obj, Value name);  /* name: str */
Value rt_getattr_cstr(VM *vm, Value obj, const char *name);
Value rt_getattr_opt(VM *vm, Value obj, Value name); /* VNULL, no exc: missing */
int rt_setattr(VM *vm, Value obj, Value name, Value v);
int rt_delattr(VM *vm, Value obj, Value name);
Value rt_generic_getattr(VM *vm, Value obj, Value name);
Value rt_object_getattribute(VM *vm, Value obj, Value name); /* no __getattr__ hook */
int rt_generic_setattr(VM *vm, Value obj, Value name, Value v);
Value rt_getitem(VM *vm, Value o, Value key);
int rt_setitem(VM *vm, Value o, Value key, Value v);
int rt_delitem(VM *vm, Value o, Value key);
int64_t rt_len(VM *vm, Value v);                  /* -1: error */
int rt_contains(VM *vm, Value container, Value item);
Value rt_iter(VM *vm, Value v);
Value rt_next(VM *vm, Value it);                  /* VNULL: exhausted (vm->exc unset) or error */
Value rt_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames);
Value rt_call0(VM *vm, Value callable);
Value rt_call1(VM *vm, Value callable, Value a);
Value rt_call2(VM *vm, Value callable, Value a, Value b);
Value rt_call_method(VM *vm, Value obj, const char *name, int argc, Value *argv);
bool rt_isinstance_type(Value v, Type *t);       /* exact type or subclass */
bool rt_is_subtype(Type *a, Type *b);
void rt_type_set_mro(Type *t, Value mro); /* also keeps TF_LINEAR_MRO */
/* v has builtin t's struct: an instance of t or of a class derived from
 * it (the exact type is tested first, so the common case stays cheap). */
static inline bool v_isa(Value v, Type *t)
{
    return v_is_obj(v) && (v_obj(v)->type == t ||
                           ((v_obj(v)->type->flags & TF_CLASS) && rt_is_subtype(v_obj(v)->type, t)));
}
/* A str: exactly, or an instance of a str subclass (same struct; CPython's
 * PyUnicode_Check).  v_is_str_exact where the identity of the type matters
 * (returning the argument itself as a str result, interning). */
static inline bool v_is_str_exact(Value v) { return v_is(v, &rt_str_type); }
static inline bool v_is_str(Value v) { return v_isa(v, &rt_str_type); }
int rt_isinstance(VM *vm, Value v, Value cls);    /* cls may be a tuple; __instancecheck__ */
int rt_issubclass(VM *vm, Value derived, Value cls); /* the same with __subclasscheck__ */
int rt_isinstance_plain(VM *vm, Value v, Value cls); /* type.__instancecheck__ */
int rt_issubclass_plain(VM *vm, Value derived, Value cls); /* type.__subclasscheck__ */
Value rt_lookup_type_attr(Type *t, Value name);   /* MRO walk, no binding; VNULL: absent */
const char *rt_type_name(Value v);
Value rt_index(VM *vm, Value v);                  /* __index__: int or TypeError */
bool rt_as_i64(VM *vm, Value v, int64_t *out);    /* int (incl. bool) fitting 64 bits */
Value rt_list_from_iter(VM *vm, Value iterable);
Value rt_tuple_from_iter(VM *vm, Value iterable);

/* ---- constructors and helpers per type ------------------------------------ */
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/gc.h"

#endif
