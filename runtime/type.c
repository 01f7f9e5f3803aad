/* runtime/type.c — object, type, NoneType, NotImplementedType, ellipsis,
 * class creation and the generic slots that make dunder methods work.
 *
 * A class copies its base's slots, then every dunder its own dict defines
 * replaces the matching slot with a generic one that looks the dunder up on
 * type(self) and calls it.  Lookups go through a global method cache keyed
 * by (type, version, name); rt_type_modified gives a type and all its
 * subclasses fresh versions when a class dict changes.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/int.h"
#include "runtime/objimpl.h"

Obj rt_None_obj, rt_NotImplemented_obj, rt_Ellipsis_obj;

static uint32_t next_version = 1;

/* ---- method cache ---------------------------------------------------------- */

#define MCACHE_BITS 12
typedef struct MCacheEntry {
    Type *type;
    uint32_t version;
    uint32_t dversion;
    Value name;
    Value value;
} MCacheEntry;
static MCacheEntry mcache[1 << MCACHE_BITS];

/* The cache starts zeroed (.bss): clearing an untouched cache would only
 * fault in its 128 KiB at every start-up. */
static bool mcache_used;
void rt_type_cache_clear(void)
{
    if (mcache_used) {
        memset(mcache, 0, sizeof mcache);
        mcache_used = false;
    }
}

static Value lookup_uncached(Type *t, Value name)
{
    if (t->mro) {
        Tuple *m = v_tuple(t->mro);
        for (size_t i = 0; i < m->len; i++) {
            Type *b = (Type *)v_obj(m->items[i]);
            if (b->dict) {
                Value v = rt_dict_get_str(b->dict, name);
                if (v)
                    return v;
            }
        }
        return VNULL;
    }
    for (; t; t = t->base) {
        if (t->dict) {
            Value v = rt_dict_get_str(t->dict, name);
            if (v)
                return v;
        }
    }
    return VNULL;
}

Value rt_lookup_type_attr(Type *t, Value name)
{
    if (!v_str(name)->interned || !t->dict)
        return lookup_uncached(t, name);
    /* Multiplicative: objects at the same offset of different heap pages
     * (a class's __new__ and __init__ names, say) differ only in high
     * address bits, which masking low bits would ignore. */
    size_t h = (size_t)((((uintptr_t)t >> 4) ^ ((uintptr_t)name * 0x9E3779B97F4A7C15ull)) *
                        0x9E3779B97F4A7C15ull >> (64 - MCACHE_BITS));
    MCacheEntry *e = &mcache[h];
    if (e->type == t && e->name == name && e->version == t->version &&
        e->dversion == t->dict->version)
        return e->value;
    Value v = lookup_uncached(t, name);
    mcache_used = true;
    e->type = t;
    e->name = name;
    e->version = t->version;
    e->dversion = t->dict->version;
    e->value = v;
    return v;
}

/* Values in the cache are also reachable from type dicts, except after a
 * dict changes — and then the version check rejects the stale entry before
 * its value is used.  Still, clear it at every collection so no freed
 * pointer lingers. */
static void assign_version(Type *t)
{
    t->version = next_version++;
    if (next_version == 0) {
        next_version = 1;
        rt_type_cache_clear();
    }
}

void rt_type_new_version(Type *t) { assign_version(t); }

/* ---- instance dicts ------------------------------------------------------------ */

Dict **rt_instance_dict_ptr(Value obj)
{
    if (!v_is_obj(obj))
        return NULL;
    Type *t = v_obj(obj)->type;
    if (t->flags & TF_CLASS) {
        size_t off = ((ClassType *)t)->dictoffset;
        if (off)
            return (Dict **)((char *)v_obj(obj) + off);
        if (t->flags & TF_VARDICT)
            return (Dict **)((char *)v_obj(obj) + rt_gc_object_size(v_obj(obj)) - sizeof(Dict *));
        return NULL;
    }
    if (t->flags & TF_EXCEPTION)
        return &((Exception *)v_obj(obj))->dict;
    return NULL;
}

/* ---- calling dunders ------------------------------------------------------------- */

#define SMALL_ARGS 8

Value rt_call_with_self(VM *vm, Value func, Value self, int argc, Value *argv, Value kwnames)
{
    Type *ft = v_type(func);
    if (ft == &rt_function_type || ft == &rt_native_type || ft == &rt_slotwrapper_type) {
        if (ft == &rt_native_type && (((NativeFunction *)v_obj(func))->self ||
                                      !(((NativeFunction *)v_obj(func))->flags & NF_METHOD)))
            return rt_call(vm, func, argc, argv, kwnames);
        size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
        size_t total = (size_t)argc + nkw + 1;
        Value buf[SMALL_ARGS];
        Value *args = buf;
        if (total > SMALL_ARGS && !(args = rt_malloc(vm, total * sizeof(Value))))
            return VNULL;
        args[0] = self;
        if (total > 1) memcpy(args + 1, argv, (total - 1) * sizeof(Value)); /* argv may be NULL */
        Value r = ft->call(vm, func, argc + 1, args, kwnames);
        if (args != buf)
            rt_free(vm, args, total * sizeof(Value));
        return r;
    }
    if (ft->descr_get) {
        Value bound = ft->descr_get(vm, func, self, v_type(self));
        if (!bound)
            return VNULL;
        return rt_call(vm, bound, argc, argv, kwnames);
    }
    return rt_call(vm, func, argc, argv, kwnames);
}

Value rt_lookup_special(VM *vm, Value obj, Value name)
{
    Value f = rt_lookup_type_attr(v_type(obj), name);
    if (!f)
        return VNULL;
    return rt_bind(vm, f, obj, v_type(obj));
}

Value rt_call_special(VM *vm, Value obj, Value name, int argc, Value *argv, bool *found)
{
    Value f = rt_lookup_type_attr(v_type(obj), name);
    if (found)
        *found = f != VNULL;
    if (!f)
        return VNULL;
    return rt_call_with_self(vm, f, obj, argc, argv, VNULL);
}

static Value call_dunder(VM *vm, Value self, Value name, int argc, Value *argv)
{
    Value f = rt_lookup_type_attr(v_type(self), name);
    if (!f)
        return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                        rt_type_name(self), v_cstr(name));
    return rt_call_with_self(vm, f, self, argc, argv, VNULL);
}

/* ---- generic slots for classes --------------------------------------------------- */

static Value slot_repr(VM *vm, Value v)
{
    Value r = call_dunder(vm, v, vm->names.__repr__, 0, NULL);
    if (r && !rt_isinstance_type(r, &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "__repr__ returned non-string (type %s)",
                        rt_type_name(r));
    return r;
}

static Value slot_str(VM *vm, Value v)
{
    Value r = call_dunder(vm, v, vm->names.__str__, 0, NULL);
    if (r && !rt_isinstance_type(r, &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "__str__ returned non-string (type %s)",
                        rt_type_name(r));
    return r;
}

static int64_t slot_hash(VM *vm, Value v)
{
    Value f = rt_lookup_type_attr(v_type(v), vm->names.__hash__);
    if (!f || f == rt_None) {
        rt_raise(vm, &rt_exc_TypeError, "unhashable type: '%s'", rt_type_name(v));
        return -1;
    }
    Value r = rt_call_with_self(vm, f, v, 0, NULL, VNULL);
    if (!r)
        return -1;
    if (!rt_is_int(r)) {
        rt_raise(vm, &rt_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    int64_t h = rt_int_hash(r);
    return h == -1 ? -2 : h;
}

static Value cmp_names[6];

static Value slot_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    Value f = rt_lookup_type_attr(v_type(a), cmp_names[op]);
    if (!f)
        return rt_NotImplemented;
    return rt_call_with_self(vm, f, a, 1, &b, VNULL);
}

static int slot_truth(VM *vm, Value v)
{
    Value f = rt_lookup_type_attr(v_type(v), vm->names.__bool__);
    if (f) {
        Value r = rt_call_with_self(vm, f, v, 0, NULL, VNULL);
        if (!r)
            return -1;
        if (!v_is(r, &rt_bool_type)) {
            rt_raise(vm, &rt_exc_TypeError, "__bool__ should return bool, returned %s",
                     rt_type_name(r));
            return -1;
        }
        return r == rt_True;
    }
    f = rt_lookup_type_attr(v_type(v), vm->names.__len__);
    if (f) {
        int64_t n = rt_len(vm, v);
        return n < 0 ? -1 : n != 0;
    }
    return 1;
}

static int64_t slot_len(VM *vm, Value v)
{
    Value r = call_dunder(vm, v, vm->names.__len__, 0, NULL);
    if (!r)
        return -1;
    if (!rt_is_int(r)) {
        rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                 rt_type_name(r));
        return -1;
    }
    if (rt_int_sign(r) < 0) {
        rt_raise(vm, &rt_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    int64_t n;
    if (!rt_as_i64(vm, r, &n)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return n;
}

/* A class overriding __getattribute__; rt_getattr calls __getattr__ after
 * an AttributeError. */
static Value slot_getattribute(VM *vm, Value obj, Value name)
{
    return call_dunder(vm, obj, vm->names.__getattribute__, 1, &name);
}

static Value slot_getitem(VM *vm, Value o, Value key)
{
    return call_dunder(vm, o, vm->names.__getitem__, 1, &key);
}

/* dict subclasses with __missing__: the builtin lookup, then the hook. */
static Value slot_missing_getitem(VM *vm, Value o, Value key)
{
    Type *t = v_type(o);
    Type *nb = (t->flags & TF_CLASS) ? ((ClassType *)t)->native_base : &rt_dict_type;
    Value r = nb->getitem(vm, o, key);
    if (r || !vm->exc || !rt_isinstance_type(vm->exc, &rt_exc_KeyError))
        return r;
    Value f = rt_lookup_type_attr(t, vm->names.__missing__);
    if (!f)
        return VNULL;
    vm->exc = VNULL;
    return rt_call_with_self(vm, f, o, 1, &key, VNULL);
}

static int slot_setitem(VM *vm, Value o, Value key, Value v)
{
    Value r;
    if (v) {
        Value f = rt_lookup_type_attr(v_type(o), vm->names.__setitem__);
        if (!f) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object does not support item assignment",
                     rt_type_name(o));
            return -1;
        }
        Value args[2] = {key, v};
        r = rt_call_with_self(vm, f, o, 2, args, VNULL);
    } else {
        Value f = rt_lookup_type_attr(v_type(o), vm->names.__delitem__);
        if (!f) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object does not support item deletion",
                     rt_type_name(o));
            return -1;
        }
        r = rt_call_with_self(vm, f, o, 1, &key, VNULL);
    }
    return r ? 0 : -1;
}

static Value slot_iter(VM *vm, Value v)
{
    Value f = rt_lookup_type_attr(v_type(v), vm->names.__iter__);
    if (f == rt_None)
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not iterable", rt_type_name(v));
    if (!f)
        return rt_seq_iter_new(vm, v);
    Value r = rt_call_with_self(vm, f, v, 0, NULL, VNULL);
    if (r && !v_type(r)->next)
        return rt_raise(vm, &rt_exc_TypeError, "iter() returned non-iterator of type '%s'",
                        rt_type_name(r));
    return r;
}

static Value slot_next(VM *vm, Value it)
{
    Value r = call_dunder(vm, it, vm->names.__next__, 0, NULL);
    if (!r && rt_exc_clear_if(vm, &rt_exc_StopIteration))
        return VNULL;
    return r;
}

static int slot_contains(VM *vm, Value o, Value item)
{
    Value f = rt_lookup_type_attr(v_type(o), vm->names.__contains__);
    if (!f) {
        /* defined as None: not a container */
        rt_raise(vm, &rt_exc_TypeError, "argument of type '%s' is not iterable", rt_type_name(o));
        return -1;
    }
    Value r = rt_call_with_self(vm, f, o, 1, &item, VNULL);
    if (!r)
        return -1;
    return rt_truthy(vm, r);
}

/* Type.del of classes defining __del__ (run by the collector, gc.h). */
static void slot_del(VM *vm, Value self)
{
    Value f = rt_lookup_type_attr(v_type(self), vm->names.__del__);
    if (f && !rt_call_with_self(vm, f, self, 0, NULL, VNULL))
        rt_write_unraisable(vm, f);
}

static Value slot_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    Value f = rt_lookup_type_attr(v_type(callable), vm->names.__call__);
    if (!f)
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not callable",
                        rt_type_name(callable));
    if (!rt_enter_c(vm, " while calling a Python object"))
        return VNULL;
    Value r = rt_call_with_self(vm, f, callable, argc, argv, kwnames);
    rt_leave_c(vm);
    return r;
}

static int slot_setattr(VM *vm, Value obj, Value name, Value v)
{
    Value r;
    if (v) {
        Value args[2] = {name, v};
        r = call_dunder(vm, obj, vm->names.__setattr__, 2, args);
    } else {
        r = call_dunder(vm, obj, vm->names.__delattr__, 1, &name);
    }
    return r ? 0 : -1;
}

static Value slot_descr_get(VM *vm, Value descr, Value obj, Type *owner)
{
    Value args[2] = {obj ? obj : rt_None, owner ? v_from(owner) : rt_None};
    return call_dunder(vm, descr, vm->names.__get__, 2, args);
}

static int slot_descr_set(VM *vm, Value descr, Value obj, Value v)
{
    Value r;
    if (v) {
        Value args[2] = {obj, v};
        r = call_dunder(vm, descr, vm->names.__set__, 2, args);
    } else {
        r = call_dunder(vm, descr, vm->names.__delete__, 1, &obj);
    }
    return r ? 0 : -1;
}

static Value unop_names[3];
static Value slot_unop_impl(VM *vm, Value v, int op)
{
    return call_dunder(vm, v, unop_names[op], 0, NULL);
}
static Value slot_neg(VM *vm, Value v) { return slot_unop_impl(vm, v, UN_NEG); }
static Value slot_pos(VM *vm, Value v) { return slot_unop_impl(vm, v, UN_POS); }
static Value slot_invert(VM *vm, Value v) { return slot_unop_impl(vm, v, UN_INVERT); }
static Value (*const slot_unops[3])(VM *, Value) = {slot_neg, slot_pos, slot_invert};

static Value bin_names[BIN__COUNT], rbin_names[BIN__COUNT], ibin_names[BIN__COUNT];

/* CPython's SLOT1BINFULL: called with a or b of the class. */
static Value slot_binop_impl(VM *vm, BinOp op, Value a, Value b,
                             Value (*self_slot)(VM *, Value, Value))
{
    Type *ta = v_type(a), *tb = v_type(b);
    bool do_other = ta != tb && tb->binop[op] == self_slot;
    if (ta->binop[op] == self_slot) {
        if (do_other && rt_is_subtype(tb, ta)) {
            Value rf = rt_lookup_type_attr(tb, rbin_names[op]);
            if (rf && rf != rt_lookup_type_attr(ta, rbin_names[op])) {
                Value r = rt_call_with_self(vm, rf, b, 1, &a, VNULL);
                if (r != rt_NotImplemented)
                    return r;
                do_other = false;
            }
        }
        Value f = rt_lookup_type_attr(ta, bin_names[op]);
        if (f) {
            Value r = rt_call_with_self(vm, f, a, 1, &b, VNULL);
            if (r != rt_NotImplemented)
                return r;
        }
    }
    if (do_other || (tb->binop[op] == self_slot && ta->binop[op] != self_slot)) {
        Value rf = rt_lookup_type_attr(tb, rbin_names[op]);
        if (rf)
            return rt_call_with_self(vm, rf, b, 1, &a, VNULL);
    }
    return rt_NotImplemented;
}

static Value slot_inplace_impl(VM *vm, BinOp op, Value a, Value b)
{
    Value f = rt_lookup_type_attr(v_type(a), ibin_names[op]);
    if (!f)
        return rt_NotImplemented;
    return rt_call_with_self(vm, f, a, 1, &b, VNULL);
}

#define X(name, sym, d, r, i)                                                   \
    static Value slot_bin_##name(VM *vm, Value a, Value b)                      \
    {                                                                           \
        return slot_binop_impl(vm, BIN_##name, a, b, slot_bin_##name);          \
    }                                                                           \
    static Value slot_ibin_##name(VM *vm, Value a, Value b)                     \
    {                                                                           \
        return slot_inplace_impl(vm, BIN_##name, a, b);                         \
    }
RT_BINOPS(X)
#undef X

static Value (*const slot_binops[BIN__COUNT])(VM *, Value, Value) = {
#define X(name, sym, d, r, i) slot_bin_##name,
    RT_BINOPS(X)
#undef X
};
static Value (*const slot_ibinops[BIN__COUNT])(VM *, Value, Value) = {
#define X(name, sym, d, r, i) slot_ibin_##name,
    RT_BINOPS(X)
#undef X
};

static const char *const binop_dunders[BIN__COUNT][3] = {
#define X(name, sym, d, r, i) {d, r, i},
    RT_BINOPS(X)
#undef X
};

/* Install the generic slot for dunder `name` (defined somewhere in t's MRO
 * by a class).  Returns false if name is not a slot dunder. */
static void update_slot(VM *vm, Type *t, Value name)
{
    const char *s = v_cstr(name);
    if (s[0] != '_' || s[1] != '_')
        return;
    Names *n = &vm->names;
    if (name == n->__repr__)
        t->repr = slot_repr;
    else if (name == n->__str__)
        t->str = slot_str;
    else if (name == n->__hash__)
        t->hash = slot_hash;
    else if (name == n->__eq__ || name == n->__ne__ || name == n->__lt__ || name == n->__le__ ||
             name == n->__gt__ || name == n->__ge__)
        t->richcompare = slot_richcompare;
    else if (name == n->__bool__ || name == n->__len__) {
        t->truth = slot_truth;
        if (name == n->__len__)
            t->len = slot_len;
    } else if (name == n->__getitem__)
        t->getitem = slot_getitem;
    else if (name == n->__missing__) {
        if ((t->flags & TF_CLASS) && ((ClassType *)t)->native_base == &rt_dict_type &&
            t->getitem != slot_getitem)
            t->getitem = slot_missing_getitem;
    }
    else if (name == n->__setitem__ || name == n->__delitem__)
        t->setitem = slot_setitem;
    else if (name == n->__iter__)
        t->iter = slot_iter;
    else if (name == n->__next__)
        t->next = slot_next;
    else if (name == n->__contains__)
        t->contains = slot_contains;
    else if (name == n->__call__)
        t->call = slot_call;
    else if (name == n->__del__) {
        t->del = slot_del;
        t->flags |= TF_FINALIZE;
    } else if (name == n->__getattr__) {
        t->flags |= TF_HAS_GETATTR;
    } else if (name == n->__getattribute__) {
        t->getattr = slot_getattribute;
        t->flags |= TF_HAS_GETATTRIBUTE;
    } else if (name == n->__setattr__ || name == n->__delattr__)
        t->setattr = slot_setattr;
    else if (name == n->__get__)
        t->descr_get = slot_descr_get;
    else if (name == n->__set__ || name == n->__delete__)
        t->descr_set = slot_descr_set;
    else if (name == n->__neg__)
        t->unop[UN_NEG] = slot_neg;
    else if (name == n->__pos__)
        t->unop[UN_POS] = slot_pos;
    else if (name == n->__invert__)
        t->unop[UN_INVERT] = slot_invert;
    else {
        for (int op = 0; op < BIN__COUNT; op++) {
            if (name == bin_names[op] || name == rbin_names[op]) {
                t->binop[op] = slot_binops[op];
                return;
            }
            if (name == ibin_names[op]) {
                t->inplace[op] = slot_ibinops[op];
                return;
            }
        }
    }
    (void)slot_unops;
}


/* ---- object ----------------------------------------------------------------------- */

static Value object_repr(VM *vm, Value v)
{
    Type *t = v_type(v);
    Value mod = t->module;
    if ((t->flags & TF_CLASS) && t->dict) {
        Value m = rt_dict_get_str(t->dict, vm->names.__module__);
        if (m)
            mod = m;
    }
    const char *qn = t->qualname && v_is_str(t->qualname) ? v_cstr(t->qualname) : t->name;
    if (mod && v_is_str(mod) && strcmp(v_cstr(mod), "builtins") != 0)
        return rt_str_printf(vm, "<%s.%s object at %p>", v_cstr(mod), qn, (void *)v_obj(v));
    return rt_str_printf(vm, "<%s object at %p>", qn, (void *)v_obj(v));
}

static int64_t object_hash(VM *vm, Value v)
{
    /* CPython: pointer rotated by 4 bits. */
    uint64_t p = (uint64_t)v;
    int64_t h = (int64_t)((p >> 4) | (p << 60));
    return h == -1 ? -2 : h;
}

static Value object_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (op == CMP_EQ)
        return a == b ? rt_True : rt_NotImplemented;
    if (op == CMP_NE) {
        /* By default __ne__ delegates to __eq__ and inverts the result. */
        Type *t = v_type(a);
        if (t->richcompare && t->richcompare != object_richcompare) {
            Value r = t->richcompare(vm, a, b, CMP_EQ);
            if (!r || r == rt_NotImplemented)
                return r;
            int tr = rt_truthy(vm, r);
            return tr < 0 ? VNULL : rt_bool(!tr);
        }
        return a == b ? rt_False : rt_NotImplemented;
    }
    return rt_NotImplemented;
}

Value rt_object_init_fn, rt_object_new_fn;

static bool excess_args(int argc, Value kwnames)
{
    return argc > 0 || (kwnames && v_tuple(kwnames)->len > 0);
}

/* object.__new__ of a class whose __abstractmethods__ is non-empty. */
static Value abstract_error(VM *vm, Type *t)
{
    Value am = rt_dict_get_str(t->dict, vm->names.__abstractmethods__);
    Value l = am ? rt_list_from_iter(vm, am) : rt_list_new(vm, 0);
    if (!l || !rt_list_sort(vm, l, rt_None, false))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    List *lst = v_list(l);
    for (size_t i = 0; i < lst->len; i++) {
        Value s = rt_str(vm, lst->items[i]);
        if (!s || !sb_adds(vm, &b, i ? ", " : "") || !sb_add_value_str(vm, &b, s)) {
            sb_free(&b);
            return VNULL;
        }
    }
    Value names = sb_finish(vm, &b);
    if (!names)
        return VNULL;
    return rt_raise(vm, &rt_exc_TypeError,
                    "Can't instantiate abstract class %s with abstract method%s %s", t->name,
                    lst->len > 1 ? "s" : "", v_cstr(names));
}

Value rt_object_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (type->flags & TF_ABSTRACT)
        return abstract_error(vm, type);
    if (excess_args(argc, kwnames)) {
        Value init = rt_lookup_type_attr(type, vm->names.__init__);
        if (init == rt_object_init_fn || !init)
            return type == &rt_object_type
                       ? rt_raise(vm, &rt_exc_TypeError, "object() takes no arguments")
                       : rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments", type->name);
    }
    if (type->flags & TF_EXCEPTION)
        return type->new(vm, type, argc, argv, kwnames);
    return rt_instance_new(vm, type);
}

Value rt_instance_new(VM *vm, Type *t)
{
    size_t size = t->instance_size < sizeof(Obj) ? sizeof(Obj) : t->instance_size;
    Obj *o = rt_alloc(vm, t, size);
    return o ? v_from(o) : VNULL;
}

static Value object_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc > 1 || (kwnames && v_tuple(kwnames)->len)) {
        Type *t = v_type(argv[0]);
        Value init = rt_lookup_type_attr(t, vm->names.__init__);
        Value newf = rt_lookup_type_attr(t, vm->names.__new__);
        if (init != rt_object_init_fn || newf == rt_object_new_fn || !newf)
            return rt_raise(vm, &rt_exc_TypeError,
                            "%s.__init__() takes exactly one argument (the instance to initialize)",
                            init == rt_object_init_fn && t != &rt_object_type ? t->name : "object");
    }
    return rt_None;
}

static Value object_new_fn(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "object.__new__(): not enough arguments");
    if (!rt_is_type(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "object.__new__(X): X is not a type object (%s)",
                        rt_type_name(argv[0]));
    Type *t = (Type *)v_obj(argv[0]);
    if (t->flags & TF_ABSTRACT)
        return abstract_error(vm, t);
    if (excess_args(argc - 1, kwnames)) {
        Value init = rt_lookup_type_attr(t, vm->names.__init__);
        Value newf = rt_lookup_type_attr(t, vm->names.__new__);
        if (newf != rt_object_new_fn || init == rt_object_init_fn)
            return rt_raise(vm, &rt_exc_TypeError,
                            "object.__new__() takes exactly one argument (the type to instantiate)");
    }
    if (!t->new)
        return rt_raise(vm, &rt_exc_TypeError, "cannot create '%s' instances", t->name);
    if (t->new == rt_object_new_slot)
        return rt_instance_new(vm, t);
    /* A builtin's instance needs the builtin's constructor (CPython's
     * tp_new_wrapper check), named after the nearest class whose __new__
     * is not written in Python. */
    Type *sb = t;
    while ((sb->flags & TF_CLASS) && sb->base) {
        Value nf = rt_dict_get_str(sb->dict, vm->names.__new__);
        if (!nf || !v_is(nf, &rt_staticmethod_type) ||
            !v_is(((Wrapper *)v_obj(nf))->func, &rt_function_type))
            break;
        sb = sb->base;
    }
    return rt_raise(vm, &rt_exc_TypeError, "object.__new__(%s) is not safe, use %s.__new__()",
                    t->name, sb->name);
}

static Value object_init_subclass(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc > 1 || (kwnames && v_tuple(kwnames)->len))
        return rt_raise(vm, &rt_exc_TypeError,
                        "%s.__init_subclass__() takes no keyword arguments",
                        argc && rt_is_type(argv[0]) ? ((Type *)v_obj(argv[0]))->name : "object");
    return rt_None;
}

/* object.__subclasshook__: "no opinion", which leaves the ABC to decide. */
static Value object_subclasshook(VM *vm, int argc, Value *argv, Value kwnames)
{
    return rt_NotImplemented;
}

static Value object_format(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__format__", argc - 1, 1, 1))
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "__format__() argument must be str, not %s",
                        rt_type_name(argv[1]));
    if (v_str(argv[1])->len)
        return rt_raise(vm, &rt_exc_TypeError, "unsupported format string passed to %s.__format__",
                        rt_type_name(argv[0]));
    return rt_str(vm, argv[0]);
}

static Value object_dir(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value d = rt_dict_new(vm);
    if (!d)
        return VNULL;
    Dict **dp = rt_instance_dict_ptr(argv[0]);
    if (dp && *dp && !rt_dict_update(vm, v_dict(d), v_from(*dp)))
        return VNULL;
    Tuple *mro = v_tuple(v_type(argv[0])->mro);
    for (size_t i = 0; i < mro->len; i++) {
        Type *t = (Type *)v_obj(mro->items[i]);
        if (t->dict && !rt_dict_update(vm, v_dict(d), v_from(t->dict)))
            return VNULL;
    }
    return rt_dict_keys_list(vm, v_dict(d));
}

static Value get_class(VM *vm, Value self) { return v_from(v_type(self)); }
static int set_class(VM *vm, Value self, Value v)
{
    if (!v || !rt_is_type(v)) {
        rt_raise(vm, &rt_exc_TypeError, "__class__ must be set to a class, not '%s' object",
                 v ? rt_type_name(v) : "NULL");
        return -1;
    }
    Type *nt = (Type *)v_obj(v), *ot = v_type(self);
    if (!(ot->flags & TF_CLASS) || !(nt->flags & TF_CLASS)) {
        rt_raise(vm, &rt_exc_TypeError, "__class__ assignment only supported for mutable types or "
                                        "ModuleType subclasses");
        return -1;
    }
    if (!rt_type_same_layout(nt, ot)) {
        rt_raise(vm, &rt_exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                 nt->name, ot->name);
        return -1;
    }
    v_obj(self)->type = nt;
    return 0;
}

static Value get_dict(VM *vm, Value self)
{
    Dict **dp = rt_instance_dict_ptr(self);
    if (!dp)
        return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '__dict__'",
                        rt_type_name(self));
    if (!*dp && !(*dp = rt_dict_alloc(vm)))
        return VNULL;
    return v_from(*dp);
}
static int set_dict(VM *vm, Value self, Value v)
{
    Dict **dp = rt_instance_dict_ptr(self);
    if (!dp) {
        rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '__dict__'",
                 rt_type_name(self));
        return -1;
    }
    if (!v || !v_is(v, &rt_dict_type)) {
        rt_raise(vm, &rt_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                 v ? rt_type_name(v) : "NULL");
        return -1;
    }
    *dp = v_dict(v);
    return 0;
}

static const GetSetDef object_getsets[] = {
    {"__class__", get_class, set_class},
    {"__dict__", get_dict, set_dict},
    {NULL, NULL, NULL},
};

static const NativeDef object_methods[] = {
    {"__format__", object_format, 0},
    {"__dir__", object_dir, 0},
    {"__subclasshook__", object_subclasshook, NF_CLASSMETHOD | NF_KEYWORDS},
    {NULL, NULL, 0},
};

Type rt_object_type = {
    .name = "object",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Obj),
    .repr = object_repr,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .setattr = rt_generic_setattr,
    .new = rt_object_new_slot,
};

/* ---- NoneType, NotImplementedType, ellipsis ------------------------------------ */

/* The three singletons' types: calling one with no arguments gives the singleton back. */
static Value singleton_new(VM *vm, Type *t, int argc, Value kwnames, Value single)
{
    if (excess_args(argc, kwnames))
        return rt_raise(vm, &rt_exc_TypeError, "%s takes no arguments", t->name);
    return single;
}

static Value none_repr(VM *vm, Value v) { return rt_str_intern_cstr(vm, "None"); }
static int none_truth(VM *vm, Value v) { return 0; }
static Value none_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    return singleton_new(vm, t, argc, kwnames, rt_None);
}
Type rt_none_type = {
    .name = "NoneType",
    .repr = none_repr,
    .truth = none_truth,
    .new = none_new,
};

static Value notimpl_repr(VM *vm, Value v) { return rt_str_intern_cstr(vm, "NotImplemented"); }
static Value notimpl_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    return singleton_new(vm, t, argc, kwnames, rt_NotImplemented);
}
Type rt_notimpl_type = {
    .name = "NotImplementedType",
    .repr = notimpl_repr,
    .new = notimpl_new,
};

static Value ellipsis_repr(VM *vm, Value v) { return rt_str_intern_cstr(vm, "Ellipsis"); }
static Value ellipsis_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    return singleton_new(vm, t, argc, kwnames, rt_Ellipsis);
}
Type rt_ellipsis_type = {
    .name = "ellipsis",
    .repr = ellipsis_repr,
    .new = ellipsis_new,
};

/* NotImplemented.__reduce__() and Ellipsis.__reduce__(): pickle saves the
 * singleton as the global of that name (its repr). */
static Value singleton_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "__reduce__() takes no arguments (%d given)",
                        argc - 1);
    return rt_repr(vm, argv[0]);
}

static const NativeDef singleton_methods[] = {
    {"__reduce__", singleton_reduce, 0},
    {NULL, NULL, 0},
};

/* ---- type ----------------------------------------------------------------------- */

static void type_trace(VM *vm, Obj *o)
{
    rt_gc_trace_type_fields(vm, (Type *)o);
    if (((Type *)o)->flags & TF_CLASS)
        rt_gc_mark_obj(vm, &((ClassType *)o)->native_base->hdr);
}

static void unlink_sub(ClassType *b, ClassType *ct)
{
    for (size_t i = 0; i < b->nsubs; i++)
        if (b->subs[i] == ct) {
            b->subs[i] = b->subs[--b->nsubs];
            return;
        }
}

/* Runs for dead classes after every other dead object (runtime/gc.c), so
 * bases that die in the same collection are still readable. */
static void type_finalize(VM *vm, Obj *o)
{
    Type *t = (Type *)o;
    if (!(t->flags & TF_CLASS))
        return;
    ClassType *ct = (ClassType *)t;
    for (size_t i = 0; i < ct->nbases; i++)
        unlink_sub(ct->basev[i], ct);
    free(ct->basev);
    ct->basev = NULL;
    ct->nbases = 0;
    free(ct->subs);
    ct->subs = NULL;
    ct->nsubs = ct->capsubs = 0;
    /* The cache may name this type: drop entries so a new type at the same
     * address cannot match. */
    for (size_t i = 0; i < (1 << MCACHE_BITS); i++)
        if (mcache[i].type == t)
            mcache[i].type = NULL;
}

static Value type_module(VM *vm, Type *t)
{
    if ((t->flags & TF_CLASS) && t->dict) {
        Value m = rt_dict_get_str(t->dict, vm->names.__module__);
        if (m)
            return m;
    }
    if (t->module)
        return t->module;
    return rt_str_intern_cstr(vm, "builtins");
}

static Value type_repr(VM *vm, Value v)
{
    Type *t = (Type *)v_obj(v);
    Value mod = type_module(vm, t);
    const char *qn = t->qualname && v_is_str(t->qualname) ? v_cstr(t->qualname) : t->name;
    if (mod && v_is_str(mod) && strcmp(v_cstr(mod), "builtins") != 0)
        return rt_str_printf(vm, "<class '%s.%s'>", v_cstr(mod), qn);
    return rt_str_printf(vm, "<class '%s'>", qn);
}

static Value type_bases(VM *vm, Type *t)
{
    if (t->bases)
        return t->bases;
    if (!t->base)
        return rt_empty_tuple;
    Value b = v_from(t->base);
    return rt_tuple_from(vm, 1, &b);
}

/* type.__flags__: the CPython Py_TPFLAGS_* bits that mean something here
 * (inspect.isabstract reads IS_ABSTRACT; the fast-subclass bits name the
 * builtin a class derives from). */
static Value type_flags(VM *vm, Type *t)
{
    static Type *const fast[] = {&rt_int_type, &rt_list_type, &rt_tuple_type, &rt_bytes_type,
                                 &rt_str_type, &rt_dict_type, &rt_exc_BaseException,
                                 &rt_type_type};
    uint64_t f = (1u << 12) | (1u << 18); /* READY, HAVE_VERSION_TAG */
    if (t->flags & TF_CLASS)
        f |= (1u << 9) | (1u << 14); /* HEAPTYPE, HAVE_GC */
    if (t->flags & TF_BASETYPE)
        f |= 1u << 10;
    if (t->flags & TF_ABSTRACT)
        f |= 1u << 20;
    for (int i = 0; i < 8; i++)
        if (rt_is_subtype(t, fast[i]))
            f |= (uint64_t)1 << (24 + i);
    return rt_int_from_u64(vm, f);
}

/* The data descriptors of `type` (CPython's type_getsets), computed. */
static Value type_special_attr(VM *vm, Type *t, Value name, bool *found)
{
    Names *n = &vm->names;
    *found = true;
    if (name == n->__name__)
        return t->name_str ? t->name_str : rt_str_from_cstr(vm, t->name);
    if (name == n->__qualname__)
        return t->qualname ? t->qualname : t->name_str ? t->name_str : rt_str_from_cstr(vm, t->name);
    if (name == n->__module__)
        return type_module(vm, t);
    if (name == n->__bases__)
        return type_bases(vm, t);
    if (name == n->__base__)
        return t->base ? v_from(t->base) : rt_None;
    if (name == n->__mro__)
        return t->mro ? t->mro : rt_empty_tuple;
    if (name == n->__dict__)
    {
        /* A live read-only view (CPython's mappingproxy), not a copy. */
        Value d = t->dict ? v_from(t->dict) : rt_dict_new(vm);
        return d ? rt_mappingproxy_new(vm, d) : VNULL;
    }
    if (name == n->__doc__) {
        Value d = t->dict ? rt_dict_get_str(t->dict, n->__doc__) : VNULL;
        return d ? rt_bind(vm, d, VNULL, t) : rt_None;
    }
    if (name == n->__class__)
        return v_from(v_type(v_from(t)));
    if (!strcmp(v_cstr(name), "__flags__"))
        return type_flags(vm, t);
    if (name == n->__abstractmethods__) {
        /* Only the class's own, and never type's. */
        Value v = t != &rt_type_type && t->dict ? rt_dict_get_str(t->dict, name) : VNULL;
        return v ? v : rt_raise(vm, &rt_exc_AttributeError, "__abstractmethods__");
    }
    if (name == n->__annotations__ && (t->flags & TF_CLASS) && t->dict) {
        /* A class without annotations gets an empty dict on first access
         * (CPython 3.10+'s type.__annotations__). */
        Value d = rt_dict_get_str(t->dict, name);
        if (d)
            return rt_bind(vm, d, VNULL, t);
        Dict *nd = rt_dict_alloc(vm);
        if (!nd || !rt_dict_set_str(vm, t->dict, name, v_from(nd)))
            return VNULL;
        return v_from(nd);
    }
    *found = false;
    return VNULL;
}

static bool is_data_descr(Value d)
{
    Type *dt = v_type(d);
    return dt->descr_get && dt->descr_set;
}

/* CPython's type_getattro: data descriptors of the metatype, then the MRO
 * of the class (binding with no instance), then the metatype's other
 * attributes bound to the class. */
static Value type_getattr(VM *vm, Value obj, Value name)
{
    Type *t = (Type *)v_obj(obj);
    Type *meta = v_type(obj);
    if (!v_str(name)->interned)
        name = rt_str_intern_value(vm, name);
    /* type's own data descriptors are the special attributes below (those
     * found through `type` itself, e.g. object's __dict__, do not apply). */
    Value ma = meta != &rt_type_type ? rt_lookup_type_attr(meta, name) : VNULL;
    if (ma && is_data_descr(ma) && ma != rt_lookup_type_attr(&rt_type_type, name))
        return v_type(ma)->descr_get(vm, ma, obj, meta);
    bool found;
    Value v = type_special_attr(vm, t, name, &found);
    if (found)
        return v;
    v = rt_lookup_type_attr(t, name);
    if (v)
        return rt_bind(vm, v, VNULL, t);
    if (!ma)
        ma = rt_lookup_type_attr(meta, name);
    if (ma)
        return rt_bind(vm, ma, obj, meta);
    return rt_raise(vm, &rt_exc_AttributeError, "type object '%s' has no attribute '%s'", t->name,
                    v_cstr(name));
}

static int type_set_abstract(VM *vm, Type *t, Value v)
{
    int abstract = 0;
    if (v && (abstract = rt_truthy(vm, v)) < 0)
        return -1;
    if (v ? !rt_dict_set_str(vm, t->dict, vm->names.__abstractmethods__, v)
          : rt_dict_del(vm, t->dict, vm->names.__abstractmethods__) < 0)
        return -1;
    if (abstract)
        t->flags |= TF_ABSTRACT;
    else
        t->flags &= ~TF_ABSTRACT;
    rt_type_modified(vm, t, vm->names.__abstractmethods__);
    return 0;
}

static int type_setattr(VM *vm, Value obj, Value name, Value v)
{
    Type *t = (Type *)v_obj(obj);
    Type *meta = v_type(obj);
    if (!v_str(name)->interned)
        name = rt_str_intern_value(vm, name);
    if (meta != &rt_type_type) {
        /* A data descriptor (e.g. a property) of the metaclass. */
        Value d = rt_lookup_type_attr(meta, name);
        if (d && v_type(d)->descr_set && d != rt_lookup_type_attr(&rt_type_type, name))
            return v_type(d)->descr_set(vm, d, obj, v);
    }
    if (!(t->flags & TF_CLASS)) {
        rt_raise(vm, &rt_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                 v_cstr(name), t->name);
        return -1;
    }
    if (name == vm->names.__name__ || name == vm->names.__qualname__) {
        if (!v || !v_is_str(v)) {
            rt_raise(vm, &rt_exc_TypeError, "can only assign string to %s.%s, not '%s'", t->name,
                     v_cstr(name), v ? rt_type_name(v) : "NULL");
            return -1;
        }
        if (name == vm->names.__name__) {
            t->name_str = v;
            t->name = v_cstr(v);
        } else {
            t->qualname = v;
        }
        return 0;
    }
    if (name == vm->names.__abstractmethods__)
        return type_set_abstract(vm, t, v);
    if (name == vm->names.__bases__ || name == vm->names.__mro__ || name == vm->names.__base__) {
        if (name != vm->names.__bases__) {
            rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
            return -1;
        }
        return rt_type_set_bases(vm, t, v);
    }
    if (v) {
        if (!rt_dict_set_str(vm, t->dict, name, v))
            return -1;
    } else {
        int r = rt_dict_del(vm, t->dict, name);
        if (r < 0)
            return -1;
        if (r == 0) {
            rt_raise(vm, &rt_exc_AttributeError, "type object '%s' has no attribute '%s'",
                     t->name, v_cstr(name));
            return -1;
        }
    }
    rt_type_modified(vm, t, name);
    return 0;
}

/* type.__new__(meta, name, bases, ns, **kw); type(x) when meta is type. */
static Value type_new_slot(VM *vm, Type *meta, int argc, Value *argv, Value kwnames)
{
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (meta == &rt_type_type && argc == 1 && !nkw)
        return v_from(v_type(argv[0]));
    if (argc != 3) {
        if (meta == &rt_type_type)
            return rt_raise(vm, &rt_exc_TypeError, "type() takes 1 or 3 arguments");
        return rt_raise(vm, &rt_exc_TypeError, "type.__new__() takes exactly 3 arguments (%d given)",
                        argc);
    }
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "type.__new__() argument 1 must be str, not %s",
                        rt_type_name(argv[0]));
    if (!v_is(argv[1], &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                        rt_type_name(argv[1]));
    if (!rt_isinstance_type(argv[2], &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "type.__new__() argument 3 must be dict, not %s",
                        rt_type_name(argv[2]));
    return rt_type_new(vm, meta, argv[0], argv[1], argv[2], argv + 3, kwnames);
}

static Value type_init_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (argc - 1 == 1 && nkw)
        return rt_raise(vm, &rt_exc_TypeError, "type.__init__() takes no keyword arguments");
    if (argc - 1 != 1 && argc - 1 != 3)
        return rt_raise(vm, &rt_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return rt_None;
}

/* type.__prepare__(name, bases, **kw): the namespace of a class body. */
static Value type_prepare_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    return rt_dict_new(vm);
}

static Value type_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    Type *t = (Type *)v_obj(callable);
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (t == &rt_type_type) {
        if (argc == 1 && !nkw)
            return v_from(v_type(argv[0]));
        if (argc != 3)
            return rt_raise(vm, &rt_exc_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!(t->flags & TF_CLASS)) {
        if (!t->new)
            return rt_raise(vm, &rt_exc_TypeError, "cannot create '%s' instances", t->name);
        return t->new(vm, t, argc, argv, kwnames);
    }
    /* A class: __new__ then __init__. */
    Value newf = rt_lookup_type_attr(t, vm->names.__new__);
    Value init = rt_lookup_type_attr(t, vm->names.__init__);
    bool user_init = init && init != rt_object_init_fn;
    Value obj;
    if (!newf || newf == rt_object_new_fn ||
        (v_is(newf, &rt_slotwrapper_type) && ((SlotWrapper *)v_obj(newf))->kind == SW_NEW)) {
        if (!t->new)
            return rt_raise(vm, &rt_exc_TypeError, "cannot create '%s' instances", t->name);
        Type *nb = ((ClassType *)t)->native_base;
        /* Mutable builtins (list, dict, set) take their contents in
         * __init__ in CPython: their __new__ ignores the arguments. */
        if (user_init && (nb == &rt_list_type || nb == &rt_dict_type || nb == &rt_set_type))
            obj = t->new(vm, t, 0, NULL, VNULL);
        else
            obj = t->new(vm, t, argc, argv, kwnames);
        obj = obj ? rt_to_subclass(vm, obj, t) : VNULL;
        /* The builtin's constructor consumed the arguments already. */
        if (obj && v_is(init, &rt_native_type) && nb != &rt_list_type && nb != &rt_dict_type &&
            nb != &rt_set_type)
            return obj;
    } else {
        Value f = rt_bind(vm, newf, VNULL, t);
        if (!f)
            return VNULL;
        size_t total = (size_t)argc + nkw + 1;
        Value buf[SMALL_ARGS];
        Value *args = buf;
        if (total > SMALL_ARGS && !(args = rt_malloc(vm, total * sizeof(Value))))
            return VNULL;
        args[0] = callable;
        if (total > 1) memcpy(args + 1, argv, (total - 1) * sizeof(Value)); /* argv may be NULL */
        obj = rt_call(vm, f, argc + 1, args, kwnames);
        if (args != buf)
            rt_free(vm, args, total * sizeof(Value));
    }
    if (!obj || !user_init || !rt_isinstance_type(obj, t))
        return obj;
    Value r = rt_call_with_self(vm, init, obj, argc, argv, kwnames);
    if (!r)
        return VNULL;
    if (r != rt_None)
        return rt_raise(vm, &rt_exc_TypeError, "__init__() should return None, not '%s'",
                        rt_type_name(r));
    return obj;
}

static Value type_mro_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "mro", argc - 1, 0, 0))
        return VNULL;
    return rt_type_mro_list(vm, (Type *)v_obj(argv[0]));
}

static Value type_subclasses_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    Type *t = (Type *)v_obj(argv[0]);
    Value l = rt_list_new(vm, 0);
    if (!l)
        return VNULL;
    if (t->flags & TF_CLASS) {
        ClassType *ct = (ClassType *)t;
        for (size_t i = 0; i < ct->nsubs; i++)
            if (!rt_list_append(vm, l, v_from(ct->subs[i])))
                return VNULL;
    }
    return l;
}

static Value type_instancecheck_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__instancecheck__", argc - 1, 1, 1))
        return VNULL;
    int r = rt_isinstance_plain(vm, argv[1], argv[0]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value type_subclasscheck_m(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__subclasscheck__", argc - 1, 1, 1))
        return VNULL;
    int r = rt_issubclass_plain(vm, argv[1], argv[0]);
    return r < 0 ? VNULL : rt_bool(r);
}

static const NativeDef type_methods[] = {
    {"mro", type_mro_m, 0},
    {"__subclasses__", type_subclasses_m, 0},
    {"__init__", type_init_m, NF_KEYWORDS},
    {"__prepare__", type_prepare_m, NF_KEYWORDS | NF_CLASSMETHOD},
    {"__instancecheck__", type_instancecheck_m, 0},
    {"__subclasscheck__", type_subclasscheck_m, 0},
    {NULL, NULL, 0},
};

Type rt_type_type = {
    .name = "type",
    .flags = TF_META | TF_BASETYPE,
    .instance_size = sizeof(ClassType),
    .trace = type_trace,
    .finalize = type_finalize,
    .repr = type_repr,
    .getattr = type_getattr,
    .setattr = type_setattr,
    .call = type_call,
    .new = type_new_slot,
    .binop = {[BIN_OR] = rt_union_or},
};

/* ---- type set-up ---------------------------------------------------------------- */

/* Copy every slot of base that t leaves NULL (CPython's inherit_slots). */
static void inherit_slots(Type *t, Type *b)
{
#define INH(f)            \
    if (!t->f)            \
        t->f = b->f;
    INH(repr) INH(str) INH(getattr) INH(setattr) INH(call) INH(iter) INH(next) INH(getitem)
    INH(setitem) INH(len) INH(contains) INH(truth) INH(descr_get) INH(descr_set)
#undef INH
    if (!t->hash && !t->richcompare) {
        t->hash = b->hash;
        t->richcompare = b->richcompare;
    }
    for (int i = 0; i < BIN__COUNT; i++) {
        if (!t->binop[i])
            t->binop[i] = b->binop[i];
        if (!t->inplace[i])
            t->inplace[i] = b->inplace[i];
    }
    for (int i = 0; i < 3; i++)
        if (!t->unop[i])
            t->unop[i] = b->unop[i];
}

void rt_type_set_mro(Type *t, Value mro)
{
    t->mro = mro;
    Tuple *m = v_tuple(mro);
    Type *b = t;
    size_t i = 0;
    for (; i < m->len && b && m->items[i] == v_from(b); i++)
        b = b->base;
    if (i == m->len && !b)
        t->flags |= TF_LINEAR_MRO;
    else
        t->flags &= ~(uint32_t)TF_LINEAR_MRO;
}

/* A static type's __bases__ and __mro__: its single base chain. */
static bool ready_mro(VM *vm, Type *t)
{
    size_t n = 1 + (t->base ? rt_mro_len(t->base) : 0);
    Value m = rt_tuple_new(vm, n);
    if (!m)
        return false;
    v_tuple(m)->items[0] = v_from(t);
    if (t->base)
        memcpy(v_tuple(m)->items + 1, v_tuple(t->base->mro)->items, (n - 1) * sizeof(Value));
    rt_type_set_mro(t, m);
    if (t->base) {
        Value b = v_from(t->base);
        if (!(t->bases = rt_tuple_from(vm, 1, &b)))
            return false;
    }
    return true;
}

bool rt_type_ready(VM *vm, Type *t)
{
    if (t->dict)
        return true;
    if (t != &rt_object_type && !t->base)
        t->base = &rt_object_type;
    if (t->base && !t->base->dict && !rt_type_ready(vm, t->base))
        return false;
    rt_static_init(&t->hdr, &rt_type_type);
    t->flags |= TF_IMMORTAL;
    rt_gc_register_type(vm, t);
    if (!(t->dict = rt_dict_alloc(vm)))
        return false;
    if (!t->name_str) {
        /* tp_name convention: "module.Name" gives __module__ and __name__. */
        const char *dot = strrchr(t->name, '.');
        if (dot && !t->module && !(t->module = rt_str_intern(vm, t->name, (size_t)(dot - t->name))))
            return false;
        if (!(t->name_str = rt_str_intern_cstr(vm, dot ? dot + 1 : t->name)))
            return false;
    }
    if (!t->qualname)
        t->qualname = t->name_str;
    if (t->base && !t->instance_size)
        t->instance_size = t->base->instance_size;
    if (!ready_mro(vm, t))
        return false;
    assign_version(t);
    /* Every type has a __doc__ of its own, None when undocumented (so
     * that None.__doc__ and property().__doc__ answer, as in CPython). */
    Value doc = rt_str_intern_cstr(vm, "__doc__");
    if (!doc || !rt_dict_set_str(vm, t->dict, doc, rt_None))
        return false;
    if (!rt_add_slot_wrappers(vm, t))
        return false;
    if (t->base)
        inherit_slots(t, t->base);
    return true;
}

/* ---- classes ---------------------------------------------------------------------- */

static bool is_var_sized(Type *nb)
{
    return nb == &rt_int_type || nb == &rt_str_type || nb == &rt_bytes_type ||
           nb == &rt_tuple_type || nb->instance_size == 0;
}

/* The bytes a var-sized builtin's data needs (static objects, such as the
 * empty tuple, have no heap size). */
static size_t var_object_size(Type *nb, Obj *o)
{
    if (nb == &rt_tuple_type)
        return sizeof(Tuple) + ((Tuple *)o)->len * sizeof(Value);
    if (nb == &rt_str_type)
        return sizeof(Str) + ((Str *)o)->len + 1;
    if (nb == &rt_bytes_type)
        return sizeof(Bytes) + ((Bytes *)o)->len + 1;
    return rt_gc_object_size(o);
}

/* Builtin constructors ignore the `type` they are given and return an
 * instance of the builtin itself: re-home it into the subclass.  Buffers a
 * fixed-size builtin owns (list items, dict tables) move to the copy and the
 * original is emptied so its finalizer frees nothing. */
Value rt_to_subclass(VM *vm, Value obj, Type *t)
{
    if (!v_is_obj(obj) || !(t->flags & TF_CLASS))
        return obj;
    Type *nb = ((ClassType *)t)->native_base;
    Obj *o = v_obj(obj);
    if (o->type != nb || nb == &rt_object_type || (nb->flags & (TF_EXCEPTION | TF_META)) ||
        ((o->gc_mark & 0x80000000u) && nb->finalize) || !(nb->instance_size))
        return obj;
    bool var = is_var_sized(nb);
    size_t used = var ? var_object_size(nb, o) : nb->instance_size;
    if (used < sizeof(Obj))
        return obj;
    /* A var-sized instance keeps its dict in a word after the builtin's data. */
    size_t tail = ((ClassType *)t)->var_members + ((t->flags & TF_VARDICT) ? 1 : 0);
    size_t size = var ? used + tail * sizeof(Value) : used;
    Obj *n = rt_alloc(vm, t, size);
    if (!n)
        return VNULL;
    memcpy((char *)n + sizeof(Obj), (char *)o + sizeof(Obj), used - sizeof(Obj));
    n->aux = o->aux;
    if (tail) /* members unset, no dict yet (a large object's tail may be stale) */
        memset((char *)n + rt_gc_object_size(n) - tail * sizeof(Value), 0, tail * sizeof(Value));
    if (nb->finalize && !var)
        memset((char *)o + sizeof(Obj), 0, used - sizeof(Obj));
    if (nb == &rt_str_type)
        ((Str *)n)->interned = false;
    return v_from(n);
}

/* Recompute every slot of class t: its best base's, then the generic slot
 * for each dunder a class along the MRO defines. */
void rt_type_reslot(VM *vm, Type *t)
{
    Type *b = t->base;
    size_t start = offsetof(Type, repr);
    memcpy((char *)t + start, (char *)b + start, sizeof(Type) - start);
    t->new = b->new;
    uint32_t inherited = TF_HAS_GETATTR | TF_HAS_GETATTRIBUTE | TF_FINALIZE;
    t->flags = (t->flags & ~inherited) | (b->flags & inherited);
    Tuple *mro = v_tuple(t->mro);
    for (size_t i = mro->len; i-- > 0;) {
        Type *c = (Type *)v_obj(mro->items[i]);
        if (!(c->flags & TF_CLASS) || !c->dict)
            continue;
        Value k, v;
        for (size_t pos = 0; rt_dict_next(c->dict, &pos, &k, &v);)
            if (v_is_str(k))
                update_slot(vm, t, k);
    }
    Value h = rt_lookup_type_attr(t, vm->names.__hash__);
    if (h == rt_None)
        t->hash = NULL;
    else if (!t->hash && h)
        t->hash = slot_hash;
}

static bool is_dunder(Value name)
{
    const char *s = v_cstr(name);
    size_t n = v_str(name)->len;
    return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

void rt_type_modified(VM *vm, Type *t, Value changed_name)
{
    if (!(t->flags & TF_CLASS)) {
        assign_version(t);
        return;
    }
    if (!changed_name || is_dunder(changed_name))
        rt_type_reslot(vm, t);
    assign_version(t);
    ClassType *ct = (ClassType *)t;
    for (size_t i = 0; i < ct->nsubs; i++)
        rt_type_modified(vm, &ct->subs[i]->t, changed_name);
}

/* ---- start-up ------------------------------------------------------------------- */

bool rt_object_init(VM *vm)
{
    rt_static_init(&rt_None_obj, &rt_none_type);
    rt_static_init(&rt_NotImplemented_obj, &rt_notimpl_type);
    rt_static_init(&rt_Ellipsis_obj, &rt_ellipsis_type);
    Names *n = &vm->names;
    Value cn[6] = {n->__lt__, n->__le__, n->__eq__, n->__ne__, n->__gt__, n->__ge__};
    memcpy(cmp_names, cn, sizeof cn);
    unop_names[UN_NEG] = n->__neg__;
    unop_names[UN_POS] = n->__pos__;
    unop_names[UN_INVERT] = n->__invert__;
    for (int op = 0; op < BIN__COUNT; op++) {
        if (!(bin_names[op] = rt_str_intern_cstr(vm, binop_dunders[op][0])) ||
            !(rbin_names[op] = rt_str_intern_cstr(vm, binop_dunders[op][1])) ||
            !(ibin_names[op] = rt_str_intern_cstr(vm, binop_dunders[op][2])))
            return false;
    }
    rt_type_cache_clear();
    if (!rt_type_ready(vm, &rt_object_type) || !rt_type_ready(vm, &rt_type_type) ||
        !rt_type_ready(vm, &rt_none_type) || !rt_type_ready(vm, &rt_notimpl_type) ||
        !rt_type_ready(vm, &rt_ellipsis_type))
        return false;
    rt_gc_add_root(vm, &rt_object_init_fn);
    rt_gc_add_root(vm, &rt_object_new_fn);
    rt_object_init_fn = rt_native_new(vm, "__init__", object_init, NF_KEYWORDS | NF_METHOD, VNULL);
    if (!rt_object_init_fn)
        return false;
    ((NativeFunction *)v_obj(rt_object_init_fn))->module = v_from(&rt_object_type);
    Value nf = rt_native_new(vm, "__new__", object_new_fn, NF_KEYWORDS, VNULL);
    if (!nf || !(rt_object_new_fn = rt_wrapper_new(vm, &rt_staticmethod_type, nf)))
        return false;
    Value isc = rt_native_new(vm, "__init_subclass__", object_init_subclass,
                              NF_KEYWORDS | NF_CLASSMETHOD, VNULL);
    if (!isc)
        return false;
    ((NativeFunction *)v_obj(isc))->module = v_from(&rt_object_type);
    if (!rt_dict_set_str(vm, rt_object_type.dict, n->__init__, rt_object_init_fn) ||
        !rt_dict_set_str(vm, rt_object_type.dict, n->__new__, rt_object_new_fn) ||
        !rt_dict_set_str(vm, rt_object_type.dict, n->__init_subclass__, isc) ||
        !rt_add_methods(vm, &rt_object_type, object_methods) || !rt_object_reduce_init(vm) ||
        !rt_add_getsets(vm, &rt_object_type, object_getsets) ||
        !rt_add_methods(vm, &rt_type_type, type_methods) ||
        !rt_add_methods(vm, &rt_notimpl_type, singleton_methods) ||
        !rt_add_methods(vm, &rt_ellipsis_type, singleton_methods))
        return false;
    assign_version(&rt_object_type);
    return rt_descr_init(vm);
}
