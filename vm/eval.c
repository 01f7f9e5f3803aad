/* vm/eval.c — the eval loop: one C loop runs Python frames, calls of Python
 * functions push frames inline (no C recursion), natives are called
 * directly.  Dispatch is computed goto on GCC/Clang, a switch elsewhere;
 * both are expanded from vm/opcodes.def.
 *
 * Registers: ip (next instruction), sp (operand stack top), slots (locals,
 * cells, frees), consts.  The GC marks each frame's whole region
 * conservatively (runtime/state.h), so sp need not be published before
 * allocating; it is saved in the frame only when the frame is left. */
#include <string.h>
#include "vm/frame.h"
#include "runtime/frameobject.h"
#include "vm/import.h"

enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) OP_##name,
#include "vm/opcodes.def"
#undef OP
    OP__COUNT
};

/* ---- inline caches ---------------------------------------------------------
 * One entry per instruction index, allocated when a code object first runs.
 * LOAD_GLOBAL: the entry index of the name in globals (guarded by the key at
 * that index) or in builtins (guarded by the globals' pointer and version,
 * and the key in builtins).  Attribute ops: keyed on the type and its
 * version. */
enum {
    IC_EMPTY,
    IC_GLOBAL,          /* globals entry `index` */
    IC_BUILTIN,         /* builtins entry `index`; globals lacks the name */
    IC_METHOD,          /* type attr `value` is a plain method; no instance dict */
    IC_METHOD_DICT,     /* same, but the instance dict may shadow it */
    IC_ATTR_INSTANCE,   /* instance dict entry `index` (no data descriptor on the type) */
    IC_ATTR_CLASS,      /* type attr `value`, not a descriptor; instance dict may shadow */
    IC_ATTR_MODULE,     /* module dict `dict`, entry `index` */
    IC_INIT,            /* calling class `type` runs the Python __init__ `value` */
    IC_TYPE_ATTR,       /* attribute of the class object `type` itself: `value` */
};

typedef struct InlineCache {
    uint8_t kind;
    uint32_t dictoffset; /* attribute caches: where instances keep their dict (0: none) */
    uint32_t version;   /* type version or globals version */
    Type *type;         /* attribute caches; builtins caches: NULL */
    Dict *dict;         /* globals dict / module dict */
    int64_t index;
    Value value;
} InlineCache;

static bool alloc_caches(VM *vm, Code *code)
{
    size_t n = code->ninsns ? code->ninsns : 1;
    InlineCache *c = rt_malloc(vm, n * sizeof *c);
    if (!c) return false;
    memset(c, 0, n * sizeof *c);
    code->caches = c;
    code->ncaches = (uint32_t)n;
    return true;
}

void vm_code_caches_trace(VM *vm, Code *code)
{
    InlineCache *c = code->caches;
    if (!c) return;
    for (uint32_t i = 0; i < code->ncaches; i++) {
        if (c[i].kind == IC_EMPTY) continue;
        rt_gc_mark_obj(vm, (Obj *)c[i].type);
        rt_gc_mark_obj(vm, (Obj *)c[i].dict);
        rt_gc_mark(vm, c[i].value);
    }
}

void vm_code_caches_free(VM *vm, Code *code)
{
    if (!code->caches) return;
    rt_free(vm, code->caches, code->ncaches * sizeof(InlineCache));
    code->caches = NULL;
    code->ncaches = 0;
}

/* ---- frames ------------------------------------------------------------- */

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* The eval loop's calls and returns use these inline; other files the
 * out-of-line vm_push_frame/vm_pop_frame. */
static ALWAYS_INLINE Frame *push_frame(VM *vm, Code *code, Value *base, size_t ninit)
{
    Frame *nf = vm->frames_top;
    size_t size = vm_frame_size(code);
    if (__builtin_expect(vm->depth >= vm->recursion_limit || nf >= vm->frames_end
                             || base + size > vm->stack_end, 0)) {
        rt_raise(vm, &rt_exc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    if (__builtin_expect(code->caches == NULL, 0) && !alloc_caches(vm, code)) return NULL;
    memset(base + ninit, 0, (size - ninit) * sizeof(Value));
    Value *stack = base + code->nlocals + code->ncells + code->nfrees;
    nf->code = code;
    nf->slots = base;
    nf->stack = stack;
    nf->sp = stack;
    nf->ip = code->insns;
    nf->prev = vm->frame;
    nf->gen = NULL;
    nf->is_entry = false;
    nf->init_call = false;
    nf->call_end = NULL;
    nf->frame_obj = VNULL;
    nf->saved_stack_top = vm->stack_top;
    if (stack + code->stacksize > vm->stack_top) vm->stack_top = stack + code->stacksize;
    vm->frames_top = nf + 1;
    vm->depth++;
    vm->frame = nf;
    return nf;
}

Frame *vm_push_frame(VM *vm, Code *code, Value *base, size_t ninit)
{
    return push_frame(vm, code, base, ninit);
}

static ALWAYS_INLINE void pop_frame(VM *vm, Frame *f)
{
    if (__builtin_expect(f->frame_obj != VNULL, 0)) rt_frame_detach(vm, f);
    vm->frame = f->prev;
    vm->frames_top = f;
    vm->stack_top = f->saved_stack_top;
    vm->depth--;
}

void vm_pop_frame(VM *vm, Frame *f) { pop_frame(vm, f); }

/* ---- fast iterators ----------------------------------------------------------
 * GET_ITER makes one of these for exact lists, tuples and ranges, and
 * FOR_ITER steps it without a slot call.  They only live on operand stacks
 * (and in comprehension frames), never reach user code by name. */
typedef struct FastIter {
    Obj hdr;
    Value seq;        /* list or tuple; VNULL for a range */
    int64_t index;    /* next position; for ranges the next value */
    int64_t step, remaining;
} FastIter;

static void fastiter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((FastIter *)o)->seq); }

static Value fastiter_next(VM *vm, Value v)
{
    FastIter *it = (FastIter *)v_obj(v);
    if (it->seq == VNULL) {
        if (it->remaining <= 0) return VNULL;
        it->remaining--;
        int64_t x = it->index;
        it->index += it->step;
        return rt_int_from_i64(vm, x);
    }
    if (v_is(it->seq, &rt_list_type)) {
        List *l = v_list(it->seq);
        if ((size_t)it->index < l->len) return l->items[it->index++];
        it->seq = rt_None;  /* exhausted lists stay exhausted */
        return VNULL;
    }
    if (v_is(it->seq, &rt_tuple_type)) {
        Tuple *t = v_tuple(it->seq);
        if ((size_t)it->index < t->len) return t->items[it->index++];
    }
    return VNULL;
}

static Value fastiter_repr(VM *vm, Value v)
{
    return rt_str_printf(vm, "<iterator object at %p>", (void *)v_obj(v));
}

static Value fastiter_iter(VM *vm, Value v) { return v; }

Type vm_fastiter_type = {
    .name = "iterator",
    .instance_size = sizeof(FastIter),
    .trace = fastiter_trace,
    .repr = fastiter_repr,
    .iter = fastiter_iter,
    .next = fastiter_next,
};

static Value get_iter(VM *vm, Value obj)
{
    if (v_is_obj(obj)) {
        Type *t = v_obj(obj)->type;
        if (t == &rt_list_type || t == &rt_tuple_type ||
            (t == &rt_range_type && !((Range *)v_obj(obj))->big)) {
            FastIter *it = rt_alloc(vm, &vm_fastiter_type, sizeof(FastIter));
            if (!it) return VNULL;
            if (t == &rt_range_type) {
                Range *r = (Range *)v_obj(obj);
                it->seq = VNULL;
                it->index = r->start;
                it->step = r->step;
                it->remaining = r->len;
            } else {
                it->seq = obj;
            }
            return v_from(it);
        }
    }
    Value r = rt_iter(vm, obj);
    return r;
}

/* ---- slow paths kept out of the loop ----------------------------------------- */

static Value load_global_slow(VM *vm, Frame *f, Value name, InlineCache *ic)
{
    Dict *g = f->globals, *b = f->builtins;
    if (!b) b = f->builtins = vm->builtins;
    int64_t i = rt_dict_find_str(g, name);
    if (i >= 0) {
        ic->kind = IC_GLOBAL;
        ic->dict = g;
        ic->index = i;
        return g->entries[i].value;
    }
    i = rt_dict_find_str(b, name);
    if (i >= 0) {
        ic->kind = IC_BUILTIN;
        ic->dict = g;
        ic->version = g->version;
        ic->type = NULL;
        ic->value = v_from(b);
        ic->index = i;
        return b->entries[i].value;
    }
    return vm_name_error(vm, name);
}

/* Same, for an object whose type a cache entry has validated. */
static inline Dict *cached_dict(Value obj, const InlineCache *ic)
{
    return ic->dictoffset ? *(Dict **)((char *)v_obj(obj) + ic->dictoffset) : NULL;
}

/* True when instance dict d (may be NULL) has no key equal to the interned
 * str `name`: instance dicts are small, so scanning the entries' hashes
 * beats probing; a hash match falls back to the exact lookup. */
static ALWAYS_INLINE bool dict_lacks_str(Dict *d, Value name)
{
    if (!d || d->used == 0) return true;
    int64_t h = v_str(name)->hash;
    if (d->nentries > 8 || h == -1) return rt_dict_find_str(d, name) < 0;
    for (size_t i = 0, n = d->nentries; i < n; i++)
        if (d->entries[i].hash == h && d->entries[i].key) return rt_dict_find_str(d, name) < 0;
    return true;
}

static inline uint32_t dict_offset(Value obj, Dict **dp)
{
    return dp ? (uint32_t)((char *)dp - (char *)v_obj(obj)) : 0;
}

/* Cache an attribute found through the receiver's type: valid while the
 * type (and, for instance entries, the dict at dictoffset) is unchanged. */
static inline void ic_set_typed(InlineCache *ic, uint8_t kind, Type *t, uint32_t dictoffset, int64_t index,
                                Value value)
{
    ic->kind = kind;
    ic->dictoffset = dictoffset;
    ic->type = t;
    ic->version = t->version;
    ic->index = index;
    ic->value = value;
    ic->dict = NULL;
}

/* Cache a module attribute: entry `index` of the module's dict. */
static inline void ic_set_module(InlineCache *ic, Dict *d, int64_t index)
{
    ic->kind = IC_ATTR_MODULE;
    ic->dict = d;
    ic->index = index;
    ic->type = NULL;
}

/* Attribute caches need the generic lookup and a dict at a fixed offset
 * (not TF_VARDICT's last word). */
static bool generic_getattr_type(Type *t)
{
    return (t->getattr == NULL || t->getattr == rt_generic_getattr) && !(t->flags & TF_VARDICT);
}

static bool is_plain_method(Value d)
{
    if (!v_is_obj(d)) return false;
    Type *dt = v_obj(d)->type;
    return dt == &rt_function_type
           || (dt == &rt_native_type && (((NativeFunction *)v_obj(d))->flags & NF_METHOD)
               && !(((NativeFunction *)v_obj(d))->flags & NF_CLASSMETHOD));
}

/* LOAD_METHOD's slow path: sets *meth (and returns true) when the attribute
 * is a plain method found on the type and not shadowed; else *attr. */
static bool load_method_slow(VM *vm, Value obj, Value name, InlineCache *ic, Value *meth,
                             Value *attr)
{
    Type *t = v_type(obj);
    if (v_is(obj, &rt_module_type)) {
        Dict *d = ((Module *)v_obj(obj))->dict;
        int64_t i = d ? rt_dict_find_str(d, name) : -1;
        if (i >= 0) {
            ic_set_module(ic, d, i);
            *attr = d->entries[i].value;
            return false;
        }
    } else if (generic_getattr_type(t)) {
        Value d = rt_lookup_type_attr(t, name);
        if (d && is_plain_method(d)) {
            Dict **dp = rt_instance_dict_ptr(obj);
            Dict *id = dp ? *dp : NULL;
            if (!id || rt_dict_find_str(id, name) < 0) {
                ic_set_typed(ic, dp ? IC_METHOD_DICT : IC_METHOD, t, dict_offset(obj, dp), 0, d);
                *meth = d;
                return true;
            }
        }
    }
    *attr = rt_getattr(vm, obj, name);
    return false;
}

static Value load_attr_slow(VM *vm, Value obj, Value name, InlineCache *ic)
{
    Type *t = v_type(obj);
    if (t == &rt_type_type && v_cstr(name)[0] != '_') {
        /* A class attribute read on the class: plain values and functions
         * (which bind to themselves); no dunder, so no data descriptor of
         * the metatype can take precedence. */
        Type *cls = (Type *)v_obj(obj);
        Value d = rt_lookup_type_attr(cls, name);
        if (d && (v_is(d, &rt_function_type) || !v_type(d)->descr_get)
            && !(v_type(d)->flags & TF_CLASS)) {
            ic_set_typed(ic, IC_TYPE_ATTR, cls, 0, 0, d);
            return d;
        }
    }
    if (v_is(obj, &rt_module_type)) {
        Dict *d = ((Module *)v_obj(obj))->dict;
        int64_t i = d ? rt_dict_find_str(d, name) : -1;
        if (i >= 0) {
            ic_set_module(ic, d, i);
            return d->entries[i].value;
        }
    } else if (generic_getattr_type(t)) {
        Value d = rt_lookup_type_attr(t, name);
        Type *dt = d ? v_type(d) : NULL;
        Dict **dp = rt_instance_dict_ptr(obj);
        if (!d || (!dt->descr_set && !(dt->flags & TF_CLASS))) {
            Dict *id = dp ? *dp : NULL;
            int64_t i = id ? rt_dict_find_str(id, name) : -1;
            if (i >= 0) {
                ic_set_typed(ic, IC_ATTR_INSTANCE, t, dict_offset(obj, dp), i, VNULL);
                return id->entries[i].value;
            }
            if (d && !dt->descr_get && !(dt->flags & TF_CLASS)) {
                ic_set_typed(ic, IC_ATTR_CLASS, t, dict_offset(obj, dp), 0, d);
                return d;
            }
        }
    }
    Value r = rt_getattr(vm, obj, name);
    return r;
}

static bool store_attr_slow(VM *vm, Value obj, Value name, Value v, InlineCache *ic)
{
    int r = rt_setattr(vm, obj, name, v);
    if (r < 0) return false;
    Type *t = v_type(obj);
    if ((t->setattr == NULL || t->setattr == rt_generic_setattr) && generic_getattr_type(t)) {
        Value d = rt_lookup_type_attr(t, name);
        if (d && (v_type(d)->descr_set || (v_type(d)->flags & TF_CLASS))) return true;
        Dict **dp = rt_instance_dict_ptr(obj);
        Dict *id = dp ? *dp : NULL;
        int64_t i = id ? rt_dict_find_str(id, name) : -1;
        if (i >= 0) {
            ic_set_typed(ic, IC_ATTR_INSTANCE, t, dict_offset(obj, dp), i, VNULL);
        }
    }
    return true;
}

static Value truediv_or_slow(VM *vm, Value a, Value b)
{
    Value r = rt_binary_op(vm, BIN_TRUEDIV, a, b);
    return r;
}

static Value binary_slow(VM *vm, uint32_t arg, Value a, Value b)
{
    Value r = (arg & BIN_INPLACE) ? rt_inplace_op(vm, (BinOp)(arg & 0x7f), a, b)
                                  : rt_binary_op(vm, (BinOp)arg, a, b);
    return r;
}

/* Small-int arithmetic without allocation; VNULL: not handled here. */
static ALWAYS_INLINE Value small_binop(VM *vm, BinOp op, int64_t x, int64_t y)
{
    int64_t r;
    switch (op) {
    case BIN_ADD: r = x + y; break;      /* 62-bit operands cannot overflow 64 bits */
    case BIN_SUB: r = x - y; break;
    case BIN_MUL:
        if (__builtin_mul_overflow(x, y, &r)) return VNULL;
        break;
    case BIN_FLOORDIV:
        if (y == 0) return VNULL;
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) r--;
        break;
    case BIN_MOD:
        if (y == 0) return VNULL;
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        break;
    case BIN_AND: return v_from_small(x & y);
    case BIN_OR: return v_from_small(x | y);
    case BIN_XOR: return v_from_small(x ^ y);
    case BIN_LSHIFT:
        if (y < 0 || y >= 62) return VNULL;
        if (x != 0 && ((x << y) >> y) != x) return VNULL;
        r = x << y;
        break;
    case BIN_RSHIFT:
        if (y < 0) return VNULL;
        return v_from_small(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    default: return VNULL;
    }
    if (small_fits(r)) return v_from_small(r);
    return rt_int_from_i64(vm, r);
}

/* Float arithmetic done inline: false when CPython would raise (or the
 * operator is not one of these), so the slow path decides. */
static ALWAYS_INLINE bool float_arith(BinOp op, double x, double y, double *r)
{
    switch (op) {
    case BIN_ADD: *r = x + y; return true;
    case BIN_SUB: *r = x - y; return true;
    case BIN_MUL: *r = x * y; return true;
    case BIN_TRUEDIV:
        if (y == 0.0) return false;
        *r = x / y;
        return true;
    default: return false;
    }
}

/* A float or small int operand as a double (false: neither). */
static ALWAYS_INLINE bool as_double(Value v, double *d)
{
    if (v_is_small(v)) {
        *d = (double)v_small(v);
        return true;
    }
    if (v_is(v, &rt_float_type)) {
        *d = v_f(v);
        return true;
    }
    return false;
}

/* A float result rd that an instruction would push at `res` (a stack slot),
 * boxed.  The instructions that follow and consume it at once are done here
 * too, so the intermediate floats are never seen, never allocated:
 *   BINARY_OP                   res[-1] op rd        (a*b + c*d, x += y*z)
 *   LOAD_CONST/LOAD_FAST k; BINARY_OP   rd op k      (-x * 0.1, a*b*c)
 * *nins: instructions done here (the caller skips them); *npop: values
 * popped (the result then lives at res - *npop). */
static __attribute__((noinline)) Value float_chain(VM *vm, double rd, const uint32_t *ip,
                                                   Value *res, const Value *consts,
                                                   const Value *slots, uint32_t *nins,
                                                   uint32_t *npop)
{
    uint32_t n = 0, popped = 0;
    for (;;) {
        uint32_t next = ip[n];
        double x, r;
        if (INSN_OP(next) == OP_BINARY_OP) {
            if (!as_double(res[-1 - (ptrdiff_t)popped], &x)
                || !float_arith((BinOp)(INSN_ARG(next) & 0x7f), x, rd, &r))
                break;
            n++;
            popped++;
        } else if ((INSN_OP(next) == OP_LOAD_CONST || INSN_OP(next) == OP_LOAD_FAST)
                   && INSN_OP(ip[n + 1]) == OP_BINARY_OP) {
            Value k = INSN_OP(next) == OP_LOAD_CONST ? consts[INSN_ARG(next)]
                                                     : slots[INSN_ARG(next)];
            if (!k || !as_double(k, &x)
                || !float_arith((BinOp)(INSN_ARG(ip[n + 1]) & 0x7f), rd, x, &r))
                break;
            n += 2;
        } else {
            break;
        }
        rd = r;
    }
    *nins = n;
    *npop = popped;
    return rt_float_new(vm, rd);
}

static ALWAYS_INLINE int cmp_i64(int64_t x, int64_t y, CmpOp op)
{
    switch (op) {
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_GT: return x > y;
    default: return x >= y;
    }
}

static ALWAYS_INLINE int cmp_f64(double x, double y, CmpOp op)
{
    switch (op) {
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_GT: return x > y;
    default: return x >= y;
    }
}

/* Truthiness with the common cases inline: -1 error. */
static inline int truthy(VM *vm, Value v)
{
    if (v == rt_True) return 1;
    if (v == rt_False || v == rt_None) return 0;
    if (v_is_small(v)) return v != v_from_small(0);
    int r = rt_truthy(vm, v);
    return r;
}

/* Call of a Python function from CALL: pushes its frame (arguments passed
 * in place when the signature is simple).  Returns the new frame, or NULL
 * with an exception, or NULL without one when fn made a generator (result
 * in *gen_out). */
static Frame *push_call(VM *vm, Frame *caller, Function *fn, Value *args, int argc,
                        Value kwnames, Value *gen_out)
{
    Code *c = fn->code;
    if (__builtin_expect(!(c->flags & (CO_VARARGS | CO_VARKEYWORDS | CO_GENLIKE))
                             && c->kwonlyargcount == 0 && kwnames == VNULL && caller->gen == NULL,
                         1)) {
        uint32_t n = c->argcount;
        if ((uint32_t)argc == n) {
            Frame *nf = push_frame(vm, c, args, (size_t)argc);
            if (!nf) return NULL;
            vm_frame_set_func(nf, fn);
            if (c->nfrees) vm_fill_closure(fn, nf->slots);
            return nf;
        }
        if ((uint32_t)argc < n && fn->defaults && v_is(fn->defaults, &rt_tuple_type)) {
            Tuple *d = v_tuple(fn->defaults);
            if ((uint32_t)argc >= n - d->len && args + vm_frame_size(c) <= vm->stack_end) {
                for (uint32_t i = (uint32_t)argc; i < n; i++) args[i] = d->items[i - (n - d->len)];
                Frame *nf = push_frame(vm, c, args, n);
                if (!nf) return NULL;
                vm_frame_set_func(nf, fn);
                if (c->nfrees) vm_fill_closure(fn, nf->slots);
                return nf;
            }
        }
    }
    if (c->flags & CO_GENLIKE) {
        *gen_out = vm_gen_new(vm, fn, argc, args, kwnames);
        return NULL;
    }
    Value *base = vm->stack_top;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    /* Arguments on the value stack above its top (not in a generator's own
     * region, which lives elsewhere) must not be overwritten. */
    if (args >= vm->stack && args < vm->stack_end && base < args + argc + nkw)
        base = args + argc + nkw;
    Frame *nf = vm_push_frame(vm, c, base, 0);
    if (!nf) return NULL;
    vm_frame_set_func(nf, fn);
    bool ok = vm_bind_args(vm, fn, nf->slots, argc, args, kwnames);
    if (!ok) {
        vm_pop_frame(vm, nf);
        return NULL;
    }
    return nf;
}

/* Class instantiation inline: for a class whose __new__ is object's and
 * whose __init__ is a Python function, CALL makes the instance and pushes
 * the __init__ frame; its RETURN_VALUE yields the instance.  The cache
 * entry of the CALL instruction remembers the __init__ per (type, version). */
static bool init_cacheable(VM *vm, Type *t, InlineCache *ic)
{
    if (ic->kind == IC_INIT && ic->type == t && ic->version == t->version) return true;
    if (ic->kind != IC_EMPTY && ic->kind != IC_INIT) return false;
    if (t->new != rt_object_type.new || (t->flags & TF_ABSTRACT)) return false;
    Type *nb = t;
    while (nb && (nb->flags & TF_CLASS)) nb = nb->base;
    if (nb != &rt_object_type) return false;
    Value newf = rt_lookup_type_attr(t, vm->names.__new__);
    if (newf != rt_lookup_type_attr(&rt_object_type, vm->names.__new__)) return false;
    Value init = rt_lookup_type_attr(t, vm->names.__init__);
    if (!init || !v_is(init, &rt_function_type)
        || (((Function *)v_obj(init))->code->flags & CO_GENLIKE))
        return false;
    ic->kind = IC_INIT;
    ic->type = t;
    ic->version = t->version;
    ic->value = init;
    return true;
}

/* ---- the loop ------------------------------------------------------------------ */

#if defined(__GNUC__)
#define USE_COMPUTED_GOTO 1
#else
#define USE_COMPUTED_GOTO 0
#endif

Value vm_eval(VM *vm, Frame *f, bool throwing)
{
#if USE_COMPUTED_GOTO
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#endif
    static const void *const dispatch_table[256] = {
        [0 ... 255] = &&L_invalid,
#define OP(name, operand, pops, pushes, jpops, jpushes) [OP_##name] = &&L_##name,
#include "vm/opcodes.def"
#undef OP
    };
#if defined(__clang__)
#pragma clang diagnostic pop
#else
#pragma GCC diagnostic pop
#endif
#define TARGET(name) L_##name:
#define DISPATCH()                                   \
    do {                                             \
        word = *ip++;                                \
        goto *dispatch_table[INSN_OP(word)];         \
    } while (0)
#else
#define TARGET(name) case OP_##name:
#define DISPATCH() goto dispatch_top
#endif

    Code *code;
    uint32_t *ip;
    Value *sp, *slots, *consts;
    uint32_t word;
    bool reraise = false;
    int bres; /* COMPARE_OP/IS_OP → bool_result */

#define LOAD_FRAME()                                    \
    do {                                                \
        code = f->code;                                 \
        ip = f->ip;                                     \
        sp = f->sp;                                     \
        slots = f->slots;                               \
        consts = v_tuple(code->consts)->items;          \
    } while (0)
#define ARG INSN_ARG(word)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define CACHE() (&((InlineCache *)code->caches)[ip - code->insns - 1])
#define NAMES (v_tuple(code->names)->items)
#define PERIODIC()                                        \
    do {                                                  \
        if (__builtin_expect(vm->interrupted | vm->gc_pending, 0)) { \
            if (vm->interrupted) goto interrupted;        \
            f->ip = ip;                                   \
            f->sp = sp;                                   \
            rt_gc_run_finalizers(vm);                     \
        }                                                 \
    } while (0)

    if (__builtin_expect(!vm_c_stack_ok(vm), 0) && !vm_check_c_stack(vm)) return VNULL;
    if (!f->code->caches && !alloc_caches(vm, f->code)) return VNULL;
    LOAD_FRAME();
    if (throwing) goto error;

#if USE_COMPUTED_GOTO
    DISPATCH();
    {
#else
dispatch_top:
    word = *ip++;
    switch (INSN_OP(word)) {
#endif

    TARGET(NOP) { DISPATCH(); }
    TARGET(POP_TOP) {
        sp--;
        DISPATCH();
    }
    TARGET(PUSH_NULL) {
        PUSH(VNULL);
        DISPATCH();
    }
    TARGET(COPY) {
        Value v = sp[-(ptrdiff_t)ARG];
        PUSH(v);
        DISPATCH();
    }
    TARGET(SWAP) {
        Value t = sp[-1];
        sp[-1] = sp[-(ptrdiff_t)ARG];
        sp[-(ptrdiff_t)ARG] = t;
        DISPATCH();
    }
    TARGET(LOAD_CONST) {
        Value k = consts[ARG];
        uint32_t next = *ip;
        /* `n % 2`, `i + 1`: a small-int constant operand applied at once. */
        if (INSN_OP(next) == OP_BINARY_OP && v_is_small(k) && v_is_small(sp[-1])) {
            Value r = small_binop(vm, (BinOp)(INSN_ARG(next) & 0x7f), v_small(sp[-1]), v_small(k));
            if (r) {
                ip++;
                sp[-1] = r;
                DISPATCH();
            }
        }
        /* `n != 1`, `i < 10` (then usually a conditional jump). */
        if (INSN_OP(next) == OP_COMPARE_OP && v_is_small(k) && v_is_small(sp[-1])) {
            bres = cmp_i64(v_small(sp[-1]), v_small(k), (CmpOp)INSN_ARG(next));
            ip++;
            sp--;
            goto bool_result;
        }
        PUSH(k);
        DISPATCH();
    }
    TARGET(LOAD_FAST) {
        Value v = slots[ARG];
        if (__builtin_expect(v == VNULL, 0)) {
            vm_unbound_local(vm, code, ARG);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        slots[ARG] = POP();
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        if (slots[ARG] == VNULL) {
            vm_unbound_local(vm, code, ARG);
            goto error;
        }
        slots[ARG] = VNULL;
        DISPATCH();
    }
    TARGET(MAKE_CELL) {
        Value c = rt_cell_new(vm, VNULL);
        if (!c) goto error;
        slots[code->nlocals + ARG] = c;
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        Value v = ((Cell *)v_obj(slots[code->nlocals + ARG]))->v;
        if (!v) {
            vm_unbound_deref(vm, code, ARG);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        ((Cell *)v_obj(slots[code->nlocals + ARG]))->v = POP();
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        Cell *c = (Cell *)v_obj(slots[code->nlocals + ARG]);
        if (!c->v) {
            vm_unbound_deref(vm, code, ARG);
            goto error;
        }
        c->v = VNULL;
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) {
        PUSH(slots[code->nlocals + ARG]);
        DISPATCH();
    }
    TARGET(LOAD_CLASSDEREF) {
        Value v = vm_load_classderef(vm, f, ARG);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        /* Module code (locals is globals): the same cached lookup as LOAD_GLOBAL. */
        if (f->locals == v_from(f->globals)) goto load_global;
        Value v = vm_load_name(vm, f, NAMES[ARG]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        Value v = POP();
        Dict *g = f->globals;
        if (f->locals == v_from(g)) {
            InlineCache *ic = CACHE();
            Value name = NAMES[ARG];
            if (ic->kind == IC_GLOBAL && ic->dict == g && (uint64_t)ic->index < g->nentries
                && g->entries[ic->index].key == name) {
                g->entries[ic->index].value = v;
                DISPATCH();
            }
            if (!rt_dict_set_str(vm, g, name, v)) goto error;
            int64_t i = rt_dict_find_str(g, name);
            if (i >= 0 && g->entries[i].key == name) {
                ic->kind = IC_GLOBAL;
                ic->dict = g;
                ic->index = i;
            }
            DISPATCH();
        }
        if (!vm_store_name(vm, f, NAMES[ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        if (!vm_delete_name(vm, f, NAMES[ARG])) goto error;
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
    load_global:;
        InlineCache *ic = CACHE();
        Value name = NAMES[ARG];
        Dict *g = f->globals;
        if (ic->kind == IC_GLOBAL) {
            if (ic->dict == g && (uint64_t)ic->index < g->nentries
                && g->entries[ic->index].key == name) {
                PUSH(g->entries[ic->index].value);
                DISPATCH();
            }
        } else if (ic->kind == IC_BUILTIN) {
            Dict *b = v_dict(ic->value);
            if (ic->dict == g && ic->version == g->version && b == f->builtins
                && (uint64_t)ic->index < b->nentries
                && b->entries[ic->index].key == name) {
                PUSH(b->entries[ic->index].value);
                DISPATCH();
            }
        }
        Value v = load_global_slow(vm, f, name, ic);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        Value v = POP();
        if (!rt_dict_set_str(vm, f->globals, NAMES[ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        int r = rt_dict_del(vm, f->globals, NAMES[ARG]);
        if (r < 0) goto error;
        if (r == 0) {
            vm_name_error(vm, NAMES[ARG]);
            goto error;
        }
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        Value obj = TOP();
        InlineCache *ic = CACHE();
        Value name = NAMES[ARG];
        switch (ic->kind) {
        case IC_ATTR_INSTANCE:
            if (v_is_obj(obj) && v_obj(obj)->type == ic->type && ic->type->version == ic->version) {
                Dict *d = cached_dict(obj, ic);
                if (d && (uint64_t)ic->index < d->nentries && d->entries[ic->index].key == name) {
                    sp[-1] = d->entries[ic->index].value;
                    DISPATCH();
                }
            }
            break;
        case IC_ATTR_CLASS:
            if (v_type(obj) == ic->type && ic->type->version == ic->version) {
                if (dict_lacks_str(cached_dict(obj, ic), name)) {
                    sp[-1] = ic->value;
                    DISPATCH();
                }
            }
            break;
        case IC_ATTR_MODULE:
            if (v_is(obj, &rt_module_type)) {
                Dict *d = ((Module *)v_obj(obj))->dict;
                if (d == ic->dict && (uint64_t)ic->index < d->nentries
                    && d->entries[ic->index].key == name) {
                    sp[-1] = d->entries[ic->index].value;
                    DISPATCH();
                }
            }
            break;
        case IC_TYPE_ATTR:
            if (obj == v_from(ic->type) && ic->type->version == ic->version) {
                sp[-1] = ic->value;
                DISPATCH();
            }
            break;
        default: break;
        }
        f->ip = ip; /* properties and getsets may look at the frame (f_lineno) */
        Value v = load_attr_slow(vm, obj, name, ic);
        if (!v) goto error;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        Value obj = sp[-1], v = sp[-2];
        InlineCache *ic = CACHE();
        Value name = NAMES[ARG];
        sp -= 2;
        if (ic->kind == IC_ATTR_INSTANCE && v_is_obj(obj) && v_obj(obj)->type == ic->type
            && ic->type->version == ic->version) {
            Dict *d = cached_dict(obj, ic);
            if (d && (uint64_t)ic->index < d->nentries && d->entries[ic->index].key == name) {
                d->entries[ic->index].value = v;
                DISPATCH();
            }
            /* Same class, no data descriptor: a plain instance dict store. */
            if (ic->dictoffset) {
                Dict **dp = (Dict **)((char *)v_obj(obj) + ic->dictoffset);
                if (!*dp && !(*dp = rt_dict_alloc(vm))) goto error;
                if (!rt_dict_set_str(vm, *dp, name, v)) goto error;
                DISPATCH();
            }
        }
        if (!store_attr_slow(vm, obj, name, v, ic)) goto error;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        Value obj = POP();
        int r = rt_delattr(vm, obj, NAMES[ARG]);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        Value obj = TOP();
        InlineCache *ic = CACHE();
        Value name = NAMES[ARG];
        switch (ic->kind) {
        case IC_METHOD:
            if (v_type(obj) == ic->type && ic->type->version == ic->version) {
                sp[-1] = ic->value;
                PUSH(obj);
                DISPATCH();
            }
            break;
        case IC_METHOD_DICT:
            if (v_is_obj(obj) && v_obj(obj)->type == ic->type && ic->type->version == ic->version) {
                if (dict_lacks_str(cached_dict(obj, ic), name)) {
                    sp[-1] = ic->value;
                    PUSH(obj);
                    DISPATCH();
                }
            }
            break;
        case IC_ATTR_MODULE:
            if (v_is(obj, &rt_module_type)) {
                Dict *d = ((Module *)v_obj(obj))->dict;
                if (d == ic->dict && (uint64_t)ic->index < d->nentries
                    && d->entries[ic->index].key == name) {
                    sp[-1] = d->entries[ic->index].value;
                    PUSH(VNULL);
                    DISPATCH();
                }
            }
            break;
        default: break;
        }
        Value meth = VNULL, attr = VNULL;
        if (load_method_slow(vm, obj, name, ic, &meth, &attr)) {
            sp[-1] = meth;
            PUSH(obj);
            DISPATCH();
        }
        if (!attr) goto error;
        sp[-1] = attr;
        PUSH(VNULL);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        Value key = sp[-1], obj = sp[-2];
        if (v_is_small(key) && v_is_obj(obj)) {
            Type *t = v_obj(obj)->type;
            int64_t i = v_small(key);
            if (t == &rt_list_type) {
                List *l = v_list(obj);
                if (i < 0) i += (int64_t)l->len;
                if ((uint64_t)i < l->len) {
                    sp[-2] = l->items[i];
                    sp--;
                    DISPATCH();
                }
            } else if (t == &rt_tuple_type) {
                Tuple *tu = v_tuple(obj);
                if (i < 0) i += (int64_t)tu->len;
                if ((uint64_t)i < tu->len) {
                    sp[-2] = tu->items[i];
                    sp--;
                    DISPATCH();
                }
            }
        } else if (v_is(obj, &rt_dict_type) && v_is_str_exact(key)) {
            Value v = rt_dict_get_str(v_dict(obj), key);
            if (v) {
                sp[-2] = v;
                sp--;
                DISPATCH();
            }
        }
        Value r = rt_getitem(vm, obj, key);
        if (!r) goto error;
        sp[-2] = r;
        sp--;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        Value key = sp[-1], obj = sp[-2], v = sp[-3];
        sp -= 3;
        if (v_is_small(key) && v_is(obj, &rt_list_type)) {
            List *l = v_list(obj);
            int64_t i = v_small(key);
            if (i < 0) i += (int64_t)l->len;
            if ((uint64_t)i < l->len) {
                l->items[i] = v;
                DISPATCH();
            }
        } else if (v_is(obj, &rt_dict_type) && v_is_str_exact(key)) {
            if (!rt_dict_set_str(vm, v_dict(obj), key, v)) goto error;
            DISPATCH();
        }
        int r = rt_setitem(vm, obj, key, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        Value key = sp[-1], obj = sp[-2];
        sp -= 2;
        int r = rt_delitem(vm, obj, key);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        Value step = ARG == 3 ? POP() : rt_None;
        Value stop = POP(), start = TOP();
        Value s = rt_slice_new(vm, start, stop, step);
        if (!s) goto error;
        sp[-1] = s;
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        Value b = sp[-1], a = sp[-2];
        uint32_t arg = ARG;
        BinOp op = (BinOp)(arg & 0x7f);
        Value r;
        uint32_t nins, npop;
#define FLOAT_BINOP(x, y)                                       \
    do {                                                        \
        double rd_;                                             \
        if (float_arith(op, (x), (y), &rd_)) {                  \
            r = float_chain(vm, rd_, ip, sp - 2, consts, slots, &nins, &npop); \
            if (!r) goto error;                                 \
            ip += nins;                                         \
            sp -= npop;                                         \
            goto binop_done;                                    \
        }                                                       \
    } while (0)
        if (v_is_small(a) && v_is_small(b)) {
            r = small_binop(vm, op, v_small(a), v_small(b));
            if (r) goto binop_done;
            if (op == BIN_TRUEDIV) {
                int64_t x = v_small(a), y = v_small(b);
                if (y != 0 && x < (1LL << 53) && x > -(1LL << 53) && y < (1LL << 53)
                    && y > -(1LL << 53))
                    FLOAT_BINOP((double)x, (double)y);
            }
        } else if (v_is_obj(a) && v_is_obj(b)) {
            Type *ta = v_obj(a)->type, *tb = v_obj(b)->type;
            if (ta == &rt_float_type && tb == &rt_float_type) {
                FLOAT_BINOP(v_f(a), v_f(b));
            } else if (ta == &rt_str_type && tb == &rt_str_type && op == BIN_ADD) {
                r = rt_str_concat(vm, a, b);
                if (!r) goto error;
                goto binop_done;
            }
        } else if (v_is(a, &rt_float_type) && v_is_small(b)) {
            FLOAT_BINOP(v_f(a), (double)v_small(b));
        } else if (v_is_small(a) && v_is(b, &rt_float_type)) {
            FLOAT_BINOP((double)v_small(a), v_f(b));
        }
#undef FLOAT_BINOP
        r = op == BIN_TRUEDIV && !(arg & BIN_INPLACE) ? truediv_or_slow(vm, a, b)
                                                       : binary_slow(vm, arg, a, b);
        if (!r) goto error;
    binop_done:
        sp[-2] = r;
        sp--;
        DISPATCH();
    }
    TARGET(UNARY_OP) {
        Value v = sp[-1];
        uint32_t arg = ARG;
        if (arg == UN_NOT) {
            int t = truthy(vm, v);
            if (t < 0) goto error;
            sp[-1] = rt_bool(!t);
            DISPATCH();
        }
        if (arg == UN_NEG) {
            if (v_is_small(v) && v != v_from_small(SMALL_MIN)) {
                sp[-1] = v_from_small(-v_small(v));
                DISPATCH();
            }
            if (v_is(v, &rt_float_type)) {
                uint32_t nins, npop;
                Value r = float_chain(vm, -v_f(v), ip, sp - 1, consts, slots, &nins, &npop);
                if (!r) goto error;
                ip += nins;
                sp -= npop;
                sp[-1] = r;
                DISPATCH();
            }
        }
        Value r = rt_unary_op(vm, (UnaryOp)arg, v);
        if (!r) goto error;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        Value b = sp[-1], a = sp[-2];
        CmpOp op = (CmpOp)ARG;
        if (v_is_small(a) && v_is_small(b)) {
            bres = cmp_i64(v_small(a), v_small(b), op);
        } else if (v_is(a, &rt_float_type) && v_is(b, &rt_float_type)) {
            bres = cmp_f64(v_f(a), v_f(b), op);
        } else if ((op == CMP_EQ || op == CMP_NE) && v_is_str_exact(a) && v_is_str_exact(b)) {
            bool eq = a == b || rt_str_equal(a, b);
            bres = op == CMP_EQ ? eq : !eq;
        } else {
            Value r = rt_compare(vm, a, b, op);
            if (!r) goto error;
            sp[-2] = r;
            sp--;
            DISPATCH();
        }
        sp -= 2;
    bool_result:
        /* A bool followed by a conditional jump: jump now (the jump cannot
         * raise, so tracebacks and line numbers are unaffected). */
        {
            uint32_t next = *ip;
            if (INSN_OP(next) == OP_POP_JUMP_IF_FALSE) {
                if (bres) {
                    ip++;
                    DISPATCH();
                }
                goto jump_to_next_arg;
            }
            if (INSN_OP(next) == OP_POP_JUMP_IF_TRUE) {
                if (!bres) {
                    ip++;
                    DISPATCH();
                }
            jump_to_next_arg:;
                uint32_t *target = code->insns + INSN_ARG(next);
                bool back_ = target <= ip;
                ip = target; /* a signal handler resumes at the target */
                if (back_) PERIODIC();
                DISPATCH();
            }
        }
        PUSH(rt_bool(bres));
        DISPATCH();
    }
    TARGET(IS_OP) {
        Value b = sp[-1], a = sp[-2];
        bres = (a == b) ^ (ARG != 0);
        sp -= 2;
        goto bool_result;
    }
    TARGET(CONTAINS_OP) {
        Value c = sp[-1], item = sp[-2];
        int r = rt_contains(vm, c, item);
        if (r < 0) goto error;
        sp[-2] = rt_bool(r ^ (ARG != 0));
        sp--;
        DISPATCH();
    }

    TARGET(JUMP) {
        uint32_t *target = code->insns + ARG;
        bool back_ = target < ip;
        ip = target; /* a signal handler resumes at the target */
        if (back_) PERIODIC();
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        Value v = POP();
        int t = truthy(vm, v);
        if (t < 0) goto error;
        if (!t) goto cond_jump;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        Value v = POP();
        int t = truthy(vm, v);
        if (t < 0) goto error;
        if (t) {
        cond_jump:;
            /* Backward (a while loop's test at its bottom): check for ^C. */
            uint32_t *target = code->insns + ARG;
            bool back_ = target < ip;
            ip = target; /* a signal handler resumes at the target */
            if (back_) PERIODIC();
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        int t = truthy(vm, TOP());
        if (t < 0) goto error;
        if (!t) ip = code->insns + ARG;
        else sp--;
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        int t = truthy(vm, TOP());
        if (t < 0) goto error;
        if (t) ip = code->insns + ARG;
        else sp--;
        DISPATCH();
    }

    TARGET(GET_ITER) {
        Value it = get_iter(vm, TOP());
        if (!it) goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        Value it = TOP();
        Value v;
        if (v_is(it, &vm_fastiter_type)) {
            FastIter *fi = (FastIter *)v_obj(it);
            if (fi->seq == VNULL) {
                if (fi->remaining > 0) {
                    fi->remaining--;
                    int64_t x = fi->index;
                    fi->index += fi->step;
                    v = small_fits(x) ? v_from_small(x) : rt_int_from_i64(vm, x);
                    if (!v) goto error;
                    goto for_iter_push;
                }
            } else {
                v = fastiter_next(vm, it);
                if (v) {
                for_iter_push:
                    /* `for x in ...:` stores the item at once: do it here. */
                    if (INSN_OP(*ip) == OP_STORE_FAST) {
                        slots[INSN_ARG(*ip)] = v;
                        ip++;
                        DISPATCH();
                    }
                    PUSH(v);
                    DISPATCH();
                }
            }
            sp--;
            ip = code->insns + ARG;
            PERIODIC();
            DISPATCH();
        }
        if (v_is(it, &vm_generator_type)) {
            f->ip = ip;
            f->sp = sp;
            v = vm_gen_send(vm, it, rt_None, NULL);
        } else {
            v = rt_next(vm, it);
        }
        if (v) {
            PUSH(v);
            PERIODIC();
            DISPATCH();
        }
        if (vm->exc) goto error;
        sp--;
        ip = code->insns + ARG;
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        uint32_t n = ARG;
        if (INSN_OP(*ip) == OP_UNPACK_SEQUENCE && INSN_ARG(*ip) == n) {
            /* `a, b = x, y`: the tuple is never seen; unpacking it pushes
             * the items reversed. */
            ip++;
            for (Value *lo = sp - n, *hi = sp - 1; lo < hi; lo++, hi--) {
                Value t = *lo;
                *lo = *hi;
                *hi = t;
            }
            DISPATCH();
        }
        Value t = rt_tuple_from(vm, n, sp - n);
        if (!t) goto error;
        sp -= n;
        PUSH(t);
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        uint32_t n = ARG;
        Value l = rt_list_from(vm, n, sp - n);
        if (!l) goto error;
        sp -= n;
        PUSH(l);
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        uint32_t n = ARG;
        Value s;
        if (!vm_build_set(vm, sp - n, n, &s)) goto error;
        sp -= n;
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        uint32_t n = ARG;
        Value d;
        if (!vm_build_map(vm, sp - 2 * n, n, &d)) goto error;
        sp -= 2 * n;
        PUSH(d);
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        uint32_t n = ARG;
        Value s = vm_build_string(vm, sp - n, n);
        if (!s) goto error;
        sp -= n;
        PUSH(s);
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        Value v = POP();
        if (!rt_list_append(vm, sp[-(ptrdiff_t)ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        Value v = POP();
        bool ok = rt_set_add(vm, sp[-(ptrdiff_t)ARG], v);
        if (!ok) goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        Value v = POP();
        if (!vm_list_extend(vm, sp[-(ptrdiff_t)ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        Value v = POP();
        if (!vm_set_update(vm, sp[-(ptrdiff_t)ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        Value v = POP();
        if (!vm_dict_update(vm, sp[-(ptrdiff_t)ARG], v)) goto error;
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        Value v = POP();
        Value d = sp[-(ptrdiff_t)ARG];
        Value callable = sp[-(ptrdiff_t)ARG - 2];
        bool ok = vm_dict_merge(vm, callable, v_dict(d), v);
        if (!ok) goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        Value v = POP(), k = POP();
        bool ok = rt_dict_set(vm, v_dict(sp[-(ptrdiff_t)ARG]), k, v);
        if (!ok) goto error;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        List *l = v_list(TOP());
        Value t = rt_tuple_from(vm, l->len, l->items);
        if (!t) goto error;
        sp[-1] = t;
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        Value seq = POP();
        if (!vm_unpack_sequence(vm, seq, sp, ARG)) goto error;
        sp += ARG;
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        Value seq = POP();
        uint32_t before = ARG & 0xff, after = ARG >> 8;
        if (!vm_unpack_ex(vm, seq, sp, before, after)) goto error;
        sp += before + after + 1;
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        uint32_t arg = ARG;
        Value spec = (arg & 4) ? POP() : VNULL;
        Value v = TOP();
        if (!spec && !(arg & 3) && v_is_str_exact(v)) DISPATCH();
        Value r = vm_format_value(vm, v, arg, spec);
        if (!r) goto error;
        sp[-1] = r;
        DISPATCH();
    }

    {
        int argc;
        Value *args, *dst, callable, kwnames;
    TARGET(CALL_KW)
        kwnames = POP();
        argc = (int)ARG - (int)v_tuple(kwnames)->len;
        args = sp - ARG;
        goto call_common;
    TARGET(CALL)
        kwnames = VNULL;
        argc = (int)ARG;
        args = sp - argc;
    call_common:
        dst = args - 2;
        callable = dst[0];
        if (dst[1] != VNULL) {
            args--;
            argc++;
        }
    call_again:
        if (v_is_obj(callable)) {
            Type *ct = v_obj(callable)->type;
            if (ct == &rt_function_type) {
                Function *fn = (Function *)v_obj(callable);
                Code *c = fn->code;
                f->ip = ip;
                f->sp = dst;
                if (__builtin_expect(!(c->flags & (CO_VARARGS | CO_VARKEYWORDS | CO_GENLIKE))
                                         && (uint32_t)argc == c->argcount && kwnames == VNULL
                                         && c->kwonlyargcount == 0 && f->gen == NULL, 1)) {
                    Frame *nf = push_frame(vm, c, args, (size_t)argc);
                    if (!nf) goto error;
                    vm_frame_set_func(nf, fn);
                    if (c->nfrees) vm_fill_closure(fn, nf->slots);
                    f = nf;
                    LOAD_FRAME();
                    PERIODIC();
                    DISPATCH();
                }
                Value gen = VNULL;
                Frame *nf = push_call(vm, f, (Function *)v_obj(callable), args, argc, kwnames, &gen);
                if (nf) {
                    f = nf;
                    LOAD_FRAME();
                    PERIODIC();
                    DISPATCH();
                }
                if (!gen) goto error;
                sp = dst;
                PUSH(gen);
                DISPATCH();
            }
            if (ct == &rt_native_type) {
                NativeFunction *nfn = (NativeFunction *)v_obj(callable);
                if (kwnames == VNULL || (nfn->flags & NF_KEYWORDS)) {
                    if (nfn->self) {
                        if (args != dst + 1) {
                            dst[1] = nfn->self;
                            args = dst + 1;
                            argc++;
                        } else {
                            goto call_generic;
                        }
                    } else if ((nfn->flags & NF_METHOD) && args != dst + 1) {
                        /* unbound descriptor call (str.upper(x)): native_call checks x's type */
                        goto call_generic;
                    }
                    f->ip = ip;
                    f->sp = dst;
                    f->call_end = args + argc + (kwnames ? v_tuple(kwnames)->len : 0);
                    Value r = nfn->fn(vm, argc, args, kwnames);
                    f->call_end = NULL;
                    if (!r) goto error;
                    sp = dst;
                    PUSH(r);
                    DISPATCH();
                }
            } else if (ct == &rt_type_type && args != dst + 1
                       && (((Type *)v_obj(callable))->flags & TF_CLASS)
                       && init_cacheable(vm, (Type *)v_obj(callable), CACHE())) {
                Value obj = rt_instance_new(vm, (Type *)v_obj(callable));
                if (!obj) goto error;
                dst[1] = obj;
                args = dst + 1;
                argc++;
                Value gen = VNULL;
                f->ip = ip;
                f->sp = dst;
                Function *fn = (Function *)v_obj(CACHE()->value);
                Code *c = fn->code;
                Frame *nf;
                if (!(c->flags & (CO_VARARGS | CO_VARKEYWORDS)) && (uint32_t)argc == c->argcount
                    && kwnames == VNULL && c->kwonlyargcount == 0 && f->gen == NULL) {
                    nf = push_frame(vm, c, args, (size_t)argc);
                    if (!nf) goto error;
                    vm_frame_set_func(nf, fn);
                    if (c->nfrees) vm_fill_closure(fn, nf->slots);
                } else {
                    nf = push_call(vm, f, fn, args, argc, kwnames, &gen);
                    if (!nf) goto error;
                }
                nf->init_call = true;
                nf->init_self = obj;
                f = nf;
                LOAD_FRAME();
                PERIODIC();
                DISPATCH();
            } else if (ct == &rt_method_type && args != dst + 1) {
                BoundMethod *bm = (BoundMethod *)v_obj(callable);
                dst[0] = callable = bm->func;
                dst[1] = bm->self;
                args = dst + 1;
                argc++;
                goto call_again;
            }
        }
    call_generic: {
        f->ip = ip;
        f->sp = dst;
        Value r = vm_call_slow(vm, callable, argc, args, kwnames);
        if (!r) goto error;
        sp = dst;
        PUSH(r);
        DISPATCH();
    }
    }
    TARGET(CALL_EX) {
        Value kwargs = sp[-1], cargs = sp[-2], callable = sp[-3];
        f->ip = ip;
        f->sp = sp - 3;
        Value r = vm_call_ex(vm, callable, cargs, kwargs);
        if (!r) goto error;
        sp -= 3;
        PUSH(r);
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        uint32_t arg = ARG;
        Value fn = vm_make_function(vm, f, arg, sp);
        if (!fn) goto error;
        sp -= 1 + __builtin_popcount(arg & 15);
        PUSH(fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        Value r = POP();
        if (f->init_call) {
            if (r != rt_None) {
                rt_raise(vm, &rt_exc_TypeError, "__init__() should return None, not '%s'",
                         rt_type_name(r));
                goto error;
            }
            r = f->init_self;
        }
        if (f->is_entry) {
            f->ip = ip;
            f->sp = sp;
            return r;
        }
        Frame *caller = f->prev;
        if (__builtin_expect(f->frame_obj != VNULL, 0))
            f->ip = ip; /* its frame object keeps the line it returned from */
        pop_frame(vm, f);
        f = caller;
        LOAD_FRAME();
        PUSH(r);
        PERIODIC();
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        Value v = POP();
        f->ip = ip;
        f->sp = sp;
        f->gen->state = GEN_SUSPENDED;
        return v;
    }
    TARGET(GET_YIELD_FROM_ITER) {
        Value v = TOP();
        if (v_is(v, &vm_coroutine_type)) {
            if (!vm_yield_from_coro_ok(vm, code)) goto error;
        } else if (!v_is(v, &vm_generator_type)) {
            Value it = rt_iter(vm, v);
            if (!it) goto error;
            sp[-1] = it;
        }
        DISPATCH();
    }
    TARGET(SEND) {
        Value v = sp[-1], it = sp[-2];
        Value out;
        f->ip = ip;
        f->sp = sp;
        int r = vm_do_send(vm, it, v, &out);
        if (r < 0) goto error;
        if (r > 0) {
            sp[-1] = out;
            DISPATCH();
        }
        sp--;
        sp[-1] = out;
        ip = code->insns + ARG;
        DISPATCH();
    }

    TARGET(GET_AWAITABLE) {
        f->ip = ip;
        f->sp = sp;
        Value it = vm_get_awaitable(vm, TOP(), ARG);
        if (!it) goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(GET_AITER) {
        f->ip = ip;
        f->sp = sp;
        Value it = vm_get_aiter(vm, TOP());
        if (!it) goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(GET_ANEXT) {
        f->ip = ip;
        f->sp = sp;
        Value aw = vm_get_anext(vm, TOP());
        if (!aw) goto error;
        PUSH(aw);
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR) {
        Value exc = POP();
        if (rt_isinstance_type(exc, &rt_exc_StopAsyncIteration)) {
            sp--;
            DISPATCH();
        }
        vm->exc = exc;
        reraise = true;
        goto error;
    }
    TARGET(BEFORE_ASYNC_WITH) {
        f->ip = ip;
        f->sp = sp;
        Value res = VNULL;
        if (!vm_before_async_with(vm, &sp[-1], &res)) goto error;
        PUSH(res);
        DISPATCH();
    }
    TARGET(ASYNC_GEN_WRAP) {
        Value w = vm_async_gen_wrap(vm, TOP());
        if (!w) goto error;
        sp[-1] = w;
        DISPATCH();
    }

    TARGET(RAISE) {
        uint32_t arg = ARG;
        if (arg == 0) {
            Value h = vm->handled;
            if (!h || h == rt_None) {
                rt_raise(vm, &rt_exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            vm->exc = h;
            reraise = true;
            goto error;
        }
        Value cause = arg == 2 ? POP() : VNULL;
        Value exc = POP();
        vm_do_raise(vm, exc, cause);
        goto error;
    }
    TARGET(PUSH_EXC_INFO) {
        Value exc = TOP();
        sp[-1] = vm->handled ? vm->handled : rt_None;
        PUSH(exc);
        vm->handled = exc;
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        vm->handled = POP();
        DISPATCH();
    }
    TARGET(RERAISE) {
        vm->exc = POP();
        reraise = true;
        goto error;
    }
    TARGET(CHECK_EXC_MATCH) {
        Value t = POP();
        if (!vm_check_exc_class(vm, t)) goto error;
        int r = rt_isinstance(vm, TOP(), t);
        if (r < 0) goto error;
        PUSH(rt_bool(r));
        DISPATCH();
    }
    TARGET(GET_LEN) {
        int64_t n = rt_len(vm, TOP());
        if (n < 0) goto error;
        Value v = rt_int_from_i64(vm, n);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(MATCH_MAPPING) {
        int r = vm_match_mapping(vm, TOP());
        if (r < 0) goto error;
        PUSH(rt_bool(r));
        DISPATCH();
    }
    TARGET(MATCH_SEQUENCE) {
        int r = vm_match_sequence(vm, TOP());
        if (r < 0) goto error;
        PUSH(rt_bool(r));
        DISPATCH();
    }
    TARGET(MATCH_KEYS) {
        Value v = vm_match_keys(vm, sp[-2], sp[-1]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(MATCH_CLASS) {
        Value v = vm_match_class(vm, sp[-3], sp[-2], ARG, sp[-1]);
        if (!v) goto error;
        sp -= 2;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(SETUP_ANNOTATIONS) {
        if (!vm_setup_annotations(vm, f)) goto error;
        DISPATCH();
    }
    TARGET(CHECK_EG_MATCH) {
        Value t = POP(), rest = TOP(), match;
        f->ip = ip;
        if (!rt_exc_group_match(vm, rest, t, &match, &sp[-1])) goto error;
        if (match != rt_None)
            vm->handled = match;
        PUSH(match);
        DISPATCH();
    }
    TARGET(PREP_RERAISE_STAR) {
        Value list = POP();
        f->ip = ip;
        Value r = rt_exc_prep_reraise_star(vm, TOP(), list);
        if (!r) goto error;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(v_from(&rt_exc_AssertionError));
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS) {
        Value v = rt_dict_get_str(f->builtins ? f->builtins : vm->builtins,
                                  vm->names.__build_class__);
        if (!v) {
            rt_raise(vm, &rt_exc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        Value fromlist = POP(), level = TOP();
        f->ip = ip;
        f->sp = sp;
        Value m = vm_import(vm, NAMES[ARG], f->globals, fromlist,
                            v_is_small(level) ? (int)v_small(level) : 0);
        if (!m) goto error;
        sp[-1] = m;
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        Value v = vm_import_from(vm, TOP(), NAMES[ARG]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        Value m = POP();
        if (!vm_import_star(vm, f, m)) goto error;
        DISPATCH();
    }
    TARGET(BEFORE_WITH) {
        Value mgr = TOP(), exit = VNULL, res = VNULL;
        if (!vm_before_with(vm, mgr, &exit, &res)) goto error;
        sp[-1] = exit;
        PUSH(res);
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        Value exc = sp[-1], exit = sp[-3];
        Value r = vm_with_except_start(vm, exit, exc);
        if (!r) goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(PRINT_EXPR) {
        Value v = POP();
        if (!vm_print_expr(vm, v)) goto error;
        DISPATCH();
    }

#if USE_COMPUTED_GOTO
    L_invalid:
#else
    default:
#endif
        rt_raise(vm, &rt_exc_SystemError, "unknown opcode %u", (unsigned)INSN_OP(word));
        goto error;
    }

interrupted:
    /* Python signal handlers run here, between instructions; ip is the
     * instruction about to run, so a handler that returns resumes it. */
    f->ip = ip;
    f->sp = sp;
    if (!rt_check_signals(vm)) {
        ip++; /* the error belongs to the instruction the signal came before */
        goto error;
    }
    if (vm->gc_pending) rt_gc_run_finalizers(vm);
    DISPATCH();

error:
    f->ip = ip; /* where the frame object (tb_frame, f_lineno) says it stopped */
    if (!reraise && vm->exc) rt_traceback_add(vm, vm->exc, code, vm_current_line(code, ip));
    reraise = false;
    for (;;) {
        const ExcEntry *h = ip > code->insns ? vm_find_handler(code, ip) : NULL;
        if (h) {
            sp = f->stack + h->depth;
            PUSH(vm->exc);
            vm->exc = VNULL;
            ip = code->insns + h->handler;
            DISPATCH();
        }
        if (f->is_entry) {
            f->ip = ip;
            f->sp = sp;
            return VNULL;
        }
        Frame *caller = f->prev;
        vm_pop_frame(vm, f);
        f = caller;
        LOAD_FRAME();
        rt_traceback_add(vm, vm->exc, code, vm_current_line(code, ip));
    }
}
