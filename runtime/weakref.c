/* runtime/weakref.c — weak references and proxies (see runtime/weakref.h):
 * the referent table the collector consults, and the three types with
 * CPython's behaviour and messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/objimpl.h"
#include "runtime/state.h"
#include "runtime/weakref.h"

/* ---- the referent table ------------------------------------------------------ */

typedef struct WeakSlot {
    Obj *key;          /* NULL: empty; TOMBSTONE: deleted */
    WeakRef *head;
} WeakSlot;
#define TOMBSTONE ((Obj *)1)

static size_t slot_hash(Obj *o) { return ((uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull; }

static WeakSlot *table(VM *vm) { return vm->gc.weak_table; }

static WeakSlot *find_slot(VM *vm, Obj *key)
{
    if (!vm->gc.weak_cap)
        return NULL;
    size_t mask = vm->gc.weak_cap - 1;
    for (size_t i = slot_hash(key) & mask;; i = (i + 1) & mask) {
        WeakSlot *s = &table(vm)[i];
        if (s->key == key)
            return s;
        if (!s->key)
            return NULL;
    }
}

static bool grow_table(VM *vm)
{
    size_t cap = vm->gc.weak_cap ? vm->gc.weak_cap * 2 : 64;
    WeakSlot *t = calloc(cap, sizeof *t);
    if (!t) {
        rt_no_memory(vm);
        return false;
    }
    for (size_t i = 0; i < vm->gc.weak_cap; i++) {
        WeakSlot *s = &table(vm)[i];
        if (!s->key || s->key == TOMBSTONE)
            continue;
        size_t j = slot_hash(s->key) & (cap - 1);
        while (t[j].key)
            j = (j + 1) & (cap - 1);
        t[j] = *s;
    }
    free(vm->gc.weak_table);
    vm->gc.weak_table = t;
    vm->gc.weak_cap = cap;
    vm->gc.weak_fill = vm->gc.weak_used;
    return true;
}

/* Links r (referent set) at the end of its referent's chain. */
static bool link_ref(VM *vm, WeakRef *r)
{
    WeakSlot *s = find_slot(vm, r->referent);
    if (s) {
        WeakRef **p = &s->head;
        while (*p)
            p = &(*p)->next;
        *p = r;
        return true;
    }
    if ((vm->gc.weak_fill + 1) * 2 > vm->gc.weak_cap && !grow_table(vm))
        return false;
    size_t mask = vm->gc.weak_cap - 1;
    size_t i = slot_hash(r->referent) & mask;
    while (table(vm)[i].key && table(vm)[i].key != TOMBSTONE)
        i = (i + 1) & mask;
    if (!table(vm)[i].key)
        vm->gc.weak_fill++;
    table(vm)[i].key = r->referent;
    table(vm)[i].head = r;
    vm->gc.weak_used++;
    return true;
}

/* ---- the collector's side ------------------------------------------------------ */

static void queue_callback(VM *vm, WeakRef *r)
{
    GcHeap *h = &vm->gc;
    if (h->nweak_cbq == h->weak_cbq_cap) {
        size_t cap = h->weak_cbq_cap ? h->weak_cbq_cap * 2 : 16;
        WeakRef **q = realloc(h->weak_cbq, cap * sizeof *q);
        if (!q) {
            fprintf(stderr, "minipy: fatal: out of memory (weakref callbacks)\n");
            abort();
        }
        h->weak_cbq = q;
        h->weak_cbq_cap = cap;
    }
    h->weak_cbq[h->nweak_cbq++] = r;
}

void rt_weakref_process(VM *vm)
{
    for (size_t i = 0; i < vm->gc.weak_cap; i++) {
        WeakSlot *s = &table(vm)[i];
        if (!s->key || s->key == TOMBSTONE)
            continue;
        bool referent_alive = rt_gc_marked(s->key);
        WeakRef **p = &s->head;
        while (*p) {
            WeakRef *r = *p;
            if (!rt_gc_marked(&r->hdr)) {
                *p = r->next;       /* the reference itself is garbage */
                r->referent = NULL;
                r->next = NULL;
            } else if (!referent_alive) {
                *p = r->next;
                r->referent = NULL;
                r->next = NULL;
                if (r->callback && r->callback != rt_None) {
                    queue_callback(vm, r);
                    vm->gc_pending = true;
                }
            } else {
                p = &r->next;
            }
        }
        if (!s->head) {
            s->key = TOMBSTONE;
            vm->gc.weak_used--;
        }
    }
}

/* Queued references (and so their callbacks) stay alive until they ran. */
void rt_weakref_mark_queue(VM *vm)
{
    for (size_t i = 0; i < vm->gc.nweak_cbq; i++)
        rt_gc_mark_obj(vm, &vm->gc.weak_cbq[i]->hdr);
}

void rt_weakref_run_callbacks(VM *vm)
{
    GcHeap *h = &vm->gc;
    for (size_t i = 0; i < h->nweak_cbq; i++) {
        WeakRef *r = h->weak_cbq[i];
        Value cb = r->callback;
        r->callback = VNULL; /* once */
        Value saved = vm->exc;
        vm->exc = VNULL;
        if (!rt_call1(vm, cb, v_from(r)))
            rt_write_unraisable(vm, cb);
        vm->exc = saved;
    }
    h->nweak_cbq = 0;
}

void rt_weakref_free_all(VM *vm)
{
    free(vm->gc.weak_table);
    free(vm->gc.weak_cbq);
    vm->gc.weak_table = NULL;
    vm->gc.weak_cbq = NULL;
    vm->gc.weak_cap = vm->gc.weak_used = vm->gc.weak_fill = 0;
    vm->gc.nweak_cbq = vm->gc.weak_cbq_cap = 0;
}

/* ---- creating references ------------------------------------------------------- */

/* CPython refuses weak references to its atoms and plain containers. */
static bool weakrefable(Type *t)
{
    if (t->flags & TF_CLASS)
        return rt_type_has_weakref(t);
    if (rt_type_has_weakref(t) || t == &rt_function_type || t == &rt_method_type ||
        t == &rt_module_type || t == &rt_code_type || t == &rt_weakref_type ||
        t == &rt_property_type || (t->flags & (TF_META | TF_WEAKREF)))
        return true;
    return false;
}

static Value make(VM *vm, Type *t, Value obj, Value callback)
{
    if (!v_is_obj(obj) || !weakrefable(v_type(obj)))
        return rt_raise(vm, &rt_exc_TypeError, "cannot create weak reference to '%s' object",
                        rt_type_name(obj));
    if (callback == rt_None)
        callback = VNULL;
    /* The plain reference (or proxy) without callback is shared. */
    if (!callback && (t == &rt_weakref_type || t == &rt_weakproxy_type ||
                      t == &rt_weakcallableproxy_type)) {
        WeakSlot *s = find_slot(vm, v_obj(obj));
        for (WeakRef *r = s ? s->head : NULL; r; r = r->next)
            if (r->hdr.type == t && !r->callback)
                return v_from(r);
    }
    WeakRef *r = rt_alloc(vm, t, sizeof(WeakRef));
    if (!r)
        return VNULL;
    r->referent = v_obj(obj);
    r->callback = callback;
    r->hash = -1;
    if (!link_ref(vm, r))
        return VNULL;
    return v_from(r);
}

Value rt_weakref_new(VM *vm, Type *t, Value obj, Value callback) { return make(vm, t, obj, callback); }

Value rt_weakproxy_new(VM *vm, Value obj, Value callback)
{
    Type *t = v_type(obj)->call ? &rt_weakcallableproxy_type : &rt_weakproxy_type;
    return make(vm, t, obj, callback);
}

size_t rt_weakref_count(VM *vm, Obj *o)
{
    WeakSlot *s = find_slot(vm, o);
    size_t n = 0;
    for (WeakRef *r = s ? s->head : NULL; r; r = r->next)
        n++;
    return n;
}

Value rt_weakref_list(VM *vm, Obj *o)
{
    Value list = rt_list_new(vm, 0);
    WeakSlot *s = find_slot(vm, o);
    for (WeakRef *r = s ? s->head : NULL; list && r; r = r->next)
        if (!rt_list_append(vm, list, v_from(r)))
            return VNULL;
    return list;
}

Value rt_weakref_first(VM *vm, Obj *o)
{
    WeakSlot *s = find_slot(vm, o);
    return s && s->head ? v_from(s->head) : rt_None;
}

/* ---- ref ------------------------------------------------------------------------- */

static WeakRef *as_ref(Value v) { return (WeakRef *)v_obj(v); }

static void ref_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((WeakRef *)o)->callback); }

static Value ref_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len && !(t->flags & TF_CLASS))
        return rt_raise(vm, &rt_exc_TypeError, "ref() takes no keyword arguments");
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "__new__ expected at least 1 argument, got %d", argc);
    /* A subclass may take more arguments in its own __init__ (KeyedRef). */
    if (argc > 2 && !(t->flags & TF_CLASS))
        return rt_raise(vm, &rt_exc_TypeError, "__new__ expected at most 2 arguments, got %d", argc);
    return make(vm, t, argv[0], argc > 1 ? argv[1] : VNULL);
}

static Value ref_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "weakref() takes no keyword arguments");
    if (argc)
        return rt_raise(vm, &rt_exc_TypeError, "weakref() takes no arguments (%d given)", argc);
    Value v = rt_weakref_get(as_ref(self));
    return v ? v : rt_None;
}

static int64_t ref_hash(VM *vm, Value self)
{
    WeakRef *r = as_ref(self);
    if (r->hash != -1)
        return r->hash;
    if (!r->referent) {
        rt_raise(vm, &rt_exc_TypeError, "weak object has gone away");
        return -1;
    }
    int64_t h = rt_hash(vm, v_from(r->referent));
    if (h != -1)
        r->hash = h;
    return h;
}

static Value ref_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !rt_isinstance_type(a, &rt_weakref_type) ||
        !rt_isinstance_type(b, &rt_weakref_type))
        return rt_NotImplemented;
    WeakRef *x = as_ref(a), *y = as_ref(b);
    if (!x->referent || !y->referent) {
        bool same = a == b;
        return rt_bool(op == CMP_EQ ? same : !same);
    }
    return rt_compare(vm, v_from(x->referent), v_from(y->referent), op);
}

static Value ref_repr(VM *vm, Value self)
{
    WeakRef *r = as_ref(self);
    if (!r->referent)
        return rt_str_printf(vm, "<weakref at %p; dead>", (void *)r);
    Value obj = v_from(r->referent);
    Value name = rt_getattr_opt(vm, obj, vm->names.__name__);
    vm->exc = VNULL;
    if (name && v_is_str(name))
        return rt_str_printf(vm, "<weakref at %p; to '%s' at %p (%s)>", (void *)r,
                             rt_type_name(obj), (void *)r->referent, v_cstr(name));
    return rt_str_printf(vm, "<weakref at %p; to '%s' at %p>", (void *)r, rt_type_name(obj),
                         (void *)r->referent);
}

static Value get_callback(VM *vm, Value self)
{
    Value cb = as_ref(self)->callback;
    return cb ? cb : rt_None;
}

static Value ref_init(VM *vm, int argc, Value *argv, Value kwnames) { return rt_None; }

Type rt_weakref_type = {
    .name = "weakref.ReferenceType",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(WeakRef),
    .trace = ref_trace,
    .repr = ref_repr,
    .hash = ref_hash,
    .richcompare = ref_richcompare,
    .call = ref_call,
    .new = ref_new,
};

/* ---- proxies ------------------------------------------------------------------------ */

static Value referent(VM *vm, Value proxy)
{
    Value v = rt_weakref_get(as_ref(proxy));
    if (!v)
        return rt_raise(vm, &rt_exc_ReferenceError, "weakly-referenced object no longer exists");
    return v;
}

static bool is_proxy(Value v)
{
    return v_is(v, &rt_weakproxy_type) || v_is(v, &rt_weakcallableproxy_type);
}

/* An operand: a proxy's referent, anything else as it is. */
static Value unwrap(VM *vm, Value v) { return is_proxy(v) ? referent(vm, v) : v; }

static Value proxy_repr(VM *vm, Value self)
{
    WeakRef *r = as_ref(self);
    if (!r->referent)
        return rt_str_printf(vm, "<weakproxy at %p; dead>", (void *)r);
    return rt_str_printf(vm, "<weakproxy at %p; to '%s' at %p>", (void *)r,
                         rt_type_name(v_from(r->referent)), (void *)r->referent);
}

static Value proxy_str(VM *vm, Value self)
{
    Value o = referent(vm, self);
    return o ? rt_str(vm, o) : VNULL;
}

static Value proxy_getattr(VM *vm, Value self, Value name)
{
    Value o = referent(vm, self);
    return o ? rt_getattr(vm, o, name) : VNULL;
}

static int proxy_setattr(VM *vm, Value self, Value name, Value v)
{
    Value o = referent(vm, self);
    if (!o)
        return -1;
    return v ? rt_setattr(vm, o, name, v) : rt_delattr(vm, o, name);
}

static Value proxy_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    Value o = referent(vm, self);
    return o ? rt_call(vm, o, argc, argv, kwnames) : VNULL;
}

static int64_t proxy_hash(VM *vm, Value self)
{
    rt_raise(vm, &rt_exc_TypeError, "unhashable type: 'weakref.ProxyType'");
    return -1;
}

static int proxy_truth(VM *vm, Value self)
{
    Value o = referent(vm, self);
    return o ? rt_truthy(vm, o) : -1;
}

static int64_t proxy_len(VM *vm, Value self)
{
    Value o = referent(vm, self);
    return o ? rt_len(vm, o) : -1;
}

static Value proxy_getitem(VM *vm, Value self, Value key)
{
    Value o = referent(vm, self);
    return o ? rt_getitem(vm, o, key) : VNULL;
}

static int proxy_setitem(VM *vm, Value self, Value key, Value v)
{
    Value o = referent(vm, self);
    if (!o)
        return -1;
    return v ? rt_setitem(vm, o, key, v) : rt_delitem(vm, o, key);
}

static int proxy_contains(VM *vm, Value self, Value item)
{
    Value o = referent(vm, self);
    return o ? rt_contains(vm, o, item) : -1;
}

static Value proxy_iter(VM *vm, Value self)
{
    Value o = referent(vm, self);
    return o ? rt_iter(vm, o) : VNULL;
}

static Value proxy_next(VM *vm, Value self)
{
    Value o = referent(vm, self);
    return o ? rt_next(vm, o) : VNULL;
}

static Value proxy_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    Value x = unwrap(vm, a);
    if (!x)
        return VNULL;
    Value y = unwrap(vm, b);
    if (!y)
        return VNULL;
    return rt_compare(vm, x, y, op);
}

#define PROXY_BINOP(NAME, OP)                                                \
    static Value proxy_##NAME(VM *vm, Value a, Value b)                      \
    {                                                                        \
        Value x = unwrap(vm, a), y = x ? unwrap(vm, b) : VNULL;              \
        return y ? rt_binary_op(vm, OP, x, y) : VNULL;                       \
    }
#define X(name, sym, d, r, i) PROXY_BINOP(name, BIN_##name)
RT_BINOPS(X)
#undef X

#define PROXY_UNOP(NAME, OP)                                                 \
    static Value proxy_##NAME(VM *vm, Value v)                               \
    {                                                                        \
        Value o = referent(vm, v);                                           \
        return o ? rt_unary_op(vm, OP, o) : VNULL;                           \
    }
PROXY_UNOP(neg, UN_NEG)
PROXY_UNOP(pos, UN_POS)
PROXY_UNOP(invert, UN_INVERT)

#define PROXY_SLOTS                                                          \
    .instance_size = sizeof(WeakRef), .trace = ref_trace, .repr = proxy_repr, \
    .str = proxy_str, .hash = proxy_hash, .richcompare = proxy_richcompare,  \
    .truth = proxy_truth, .getattr = proxy_getattr, .setattr = proxy_setattr, \
    .iter = proxy_iter, .next = proxy_next, .getitem = proxy_getitem,        \
    .setitem = proxy_setitem, .len = proxy_len, .contains = proxy_contains,  \
    .binop = {                                                               \
        [BIN_ADD] = proxy_ADD, [BIN_SUB] = proxy_SUB, [BIN_MUL] = proxy_MUL, \
        [BIN_TRUEDIV] = proxy_TRUEDIV, [BIN_FLOORDIV] = proxy_FLOORDIV,      \
        [BIN_MOD] = proxy_MOD, [BIN_POW] = proxy_POW, [BIN_LSHIFT] = proxy_LSHIFT, \
        [BIN_RSHIFT] = proxy_RSHIFT, [BIN_AND] = proxy_AND, [BIN_OR] = proxy_OR, \
        [BIN_XOR] = proxy_XOR, [BIN_MATMUL] = proxy_MATMUL,                  \
    },                                                                       \
    .unop = {[UN_NEG] = proxy_neg, [UN_POS] = proxy_pos, [UN_INVERT] = proxy_invert}

Type rt_weakproxy_type = {.name = "weakref.ProxyType", PROXY_SLOTS};
Type rt_weakcallableproxy_type = {.name = "weakref.CallableProxyType", .call = proxy_call, PROXY_SLOTS};

static const GetSetDef ref_getsets[] = {
    {"__callback__", get_callback, NULL},
    {NULL, NULL, NULL},
};

static const NativeDef ref_methods[] = {
    {"__init__", ref_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

bool rt_weakref_init(VM *vm)
{
    Type *ts[] = {&rt_weakref_type, &rt_weakproxy_type, &rt_weakcallableproxy_type};
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
        if (!rt_type_ready(vm, ts[i]))
            return false;
    return rt_add_getsets(vm, &rt_weakref_type, ref_getsets) &&
           rt_add_methods(vm, &rt_weakref_type, ref_methods);
}
