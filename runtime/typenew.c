/* runtime/typenew.c — making a class: type.__new__(meta, name, bases, ns),
 * as CPython's type_new.  In order: the winning metaclass, the best base
 * (whose instance layout the class extends; CPython's "solid base" rule and
 * its lay-out conflict error), the C3 method resolution order, __slots__
 * and where instances keep their dict, the implicit wrappers of the class
 * dict, the slots, then __set_name__ and __init_subclass__.
 *
 * Instance layout of a class: its native base's struct, then the Values of
 * every __slots__ member along the base chain, then (if instances have one)
 * the dict pointer.  A class over a var-sized builtin (str, bytes, tuple)
 * keeps its dict pointer in the last word of each instance instead
 * (TF_VARDICT), as CPython's negative tp_dictoffset. */
#include <stdlib.h>
#include <string.h>

#include "runtime/objimpl.h"
#include "runtime/weakref.h"

/* ---- metaclass ------------------------------------------------------------------ */

Type *rt_calculate_metaclass(VM *vm, Type *meta, Value bases)
{
    Type *winner = meta;
    Tuple *bt = v_tuple(bases);
    for (size_t i = 0; i < bt->len; i++) {
        Type *mt = v_type(bt->items[i]);
        if (rt_is_subtype(winner, mt))
            continue;
        if (rt_is_subtype(mt, winner)) {
            winner = mt;
            continue;
        }
        rt_raise(vm, &rt_exc_TypeError,
                 "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                 "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* ---- layout ---------------------------------------------------------------------- */

/* Builtins whose instances vary in size (CPython: tp_itemsize != 0): no
 * __slots__ members on their subclasses. */
static bool has_itemsize(Type *nb)
{
    return nb == &rt_int_type || nb == &rt_bytes_type || nb == &rt_tuple_type ||
           nb == &rt_bool_type;
}

/* minipy's var-sized builtins: the instance dict goes in the last word. */
static bool is_var_storage(Type *nb)
{
    return nb == &rt_str_type || nb == &rt_bytes_type || nb == &rt_tuple_type ||
           nb->instance_size == 0;
}

/* Exceptions with a struct of their own in CPython (minipy keeps their
 * fields in the instance dict): bases that may not be mixed. */
static bool exception_solid(Type *t)
{
    return t == &rt_exc_BaseException || t == &rt_exc_StopIteration || t == &rt_exc_SystemExit ||
           t == &rt_exc_ImportError || t == &rt_exc_OSError || t == &rt_exc_SyntaxError ||
           t == &rt_exc_NameError || t == &rt_exc_AttributeError || t == &rt_exc_UnicodeError ||
           t == &rt_exc_UnicodeDecodeError || t == &rt_exc_UnicodeEncodeError;
}

/* Does t add instance fields to its base (CPython's extra_ivars)? */
static bool extra_ivars(Type *t)
{
    if (t->flags & TF_CLASS)
        return ((ClassType *)t)->own_slots;
    if (t->flags & TF_EXCEPTION)
        return exception_solid(t);
    return !t->base || t->instance_size != t->base->instance_size;
}

static Type *solid_base(Type *t)
{
    Type *b = t->base ? solid_base(t->base) : &rt_object_type;
    return extra_ivars(t) ? t : b;
}

/* Every member a class adds has a twin (name and place) in the other's
 * (CPython's same_slots_added). */
static bool same_members(Type *a, Type *b)
{
    Value k, v;
    for (size_t pos = 0; rt_dict_next(a->dict, &pos, &k, &v);) {
        if (!v_is(v, &rt_member_type) || ((Member *)v_obj(v))->owner != a)
            continue;
        Value w = rt_dict_get_str(b->dict, k);
        if (!w || !v_is(w, &rt_member_type) || ((Member *)v_obj(w))->owner != b ||
            ((Member *)v_obj(w))->offset != ((Member *)v_obj(v))->offset)
            return false;
    }
    return true;
}

/* CPython's deallocator check: heap classes and containers are collected
 * by its cycle GC, the atomic builtins are not. */
static bool gc_tracked(Type *t)
{
    if (t->flags & TF_CLASS)
        return true;
    return !(t == &rt_int_type || t == &rt_float_type || t == &rt_str_type ||
             t == &rt_bytes_type || t == &rt_bool_type);
}

/* obj.__class__ = new: both classes must lay instances out the same way. */
bool rt_type_same_layout(Type *a, Type *b)
{
    if (!(a->flags & TF_CLASS) || !(b->flags & TF_CLASS))
        return a == b;
    ClassType *x = (ClassType *)a, *y = (ClassType *)b;
    if (x->native_base != y->native_base || x->dictoffset != y->dictoffset ||
        (a->flags & TF_VARDICT) != (b->flags & TF_VARDICT) || a->instance_size != b->instance_size)
        return false;
    Type *sa = solid_base(a), *sb = solid_base(b);
    return sa == sb || (sa->base == sb->base && same_members(sa, sb) && same_members(sb, sa));
}

static Type *best_base(VM *vm, Tuple *bases)
{
    Type *base = NULL, *winner = NULL;
    for (size_t i = 0; i < bases->len; i++) {
        Value b = bases->items[i];
        if (!rt_is_type(b)) {
            rt_raise(vm, &rt_exc_TypeError, "bases must be types");
            return NULL;
        }
        Type *bt = (Type *)v_obj(b);
        if (!(bt->flags & TF_BASETYPE)) {
            rt_raise(vm, &rt_exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
            return NULL;
        }
        Type *cand = solid_base(bt);
        if (!winner) {
            winner = cand;
            base = bt;
        } else if (rt_is_subtype(winner, cand)) {
            ;
        } else if (rt_is_subtype(cand, winner)) {
            winner = cand;
            base = bt;
        } else {
            rt_raise(vm, &rt_exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* ---- the method resolution order --------------------------------------------------- */

static bool tail_contains(Tuple *l, size_t whence, Value o)
{
    for (size_t j = whence + 1; j < l->len; j++)
        if (l->items[j] == o)
            return true;
    return false;
}

static Value mro_error(VM *vm, Tuple **to_merge, size_t n, const size_t *remain)
{
    StrBuf b;
    sb_init(&b);
    sb_adds(vm, &b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    size_t nnames = 0;
    for (size_t i = 0; i < n; i++) {
        if (remain[i] >= to_merge[i]->len)
            continue;
        Value c = to_merge[i]->items[remain[i]];
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = remain[k] < to_merge[k]->len && to_merge[k]->items[remain[k]] == c;
        if (seen)
            continue;
        sb_adds(vm, &b, nnames++ ? ", " : " ");
        sb_adds(vm, &b, ((Type *)v_obj(c))->name);
    }
    Value msg = sb_finish(vm, &b);
    if (msg)
        rt_raise(vm, &rt_exc_TypeError, "%s", v_cstr(msg));
    return VNULL;
}

/* C3: merge the MROs of the bases and the list of bases. */
static Value c3_mro(VM *vm, Type *t)
{
    Tuple *bases = v_tuple(t->bases);
    size_t nb = bases->len;
    for (size_t i = 0; i < nb; i++) {
        Type *b = (Type *)v_obj(bases->items[i]);
        if (!b->mro)
            return rt_raise(vm, &rt_exc_TypeError, "Cannot extend an incomplete type '%s'",
                            b->name);
        for (size_t j = 0; j < i; j++)
            if (bases->items[j] == bases->items[i])
                return rt_raise(vm, &rt_exc_TypeError, "duplicate base class %s", b->name);
    }
    if (nb == 1) {
        Tuple *bm = v_tuple(((Type *)v_obj(bases->items[0]))->mro);
        Value r = rt_tuple_new(vm, bm->len + 1);
        if (!r)
            return VNULL;
        v_tuple(r)->items[0] = v_from(t);
        memcpy(v_tuple(r)->items + 1, bm->items, bm->len * sizeof(Value));
        return r;
    }
    size_t n = nb + 1;
    Tuple **to_merge = malloc(n * sizeof *to_merge);
    size_t *remain = calloc(n, sizeof *remain);
    Value acc = rt_list_new(vm, 0);
    Value result = VNULL;
    if (!to_merge || !remain) {
        rt_no_memory(vm);
        goto out;
    }
    if (!acc || !rt_list_append(vm, acc, v_from(t)))
        goto out;
    for (size_t i = 0; i < nb; i++)
        to_merge[i] = v_tuple(((Type *)v_obj(bases->items[i]))->mro);
    to_merge[nb] = bases;
again:;
    size_t empty = 0;
    for (size_t i = 0; i < n; i++) {
        Tuple *cur = to_merge[i];
        if (remain[i] >= cur->len) {
            empty++;
            continue;
        }
        Value cand = cur->items[remain[i]];
        bool blocked = false;
        for (size_t j = 0; j < n && !blocked; j++)
            blocked = tail_contains(to_merge[j], remain[j], cand);
        if (blocked)
            continue;
        if (!rt_list_append(vm, acc, cand))
            goto out;
        for (size_t j = 0; j < n; j++)
            if (remain[j] < to_merge[j]->len && to_merge[j]->items[remain[j]] == cand)
                remain[j]++;
        goto again;
    }
    if (empty != n)
        mro_error(vm, to_merge, n, remain);
    else
        result = rt_tuple_from(vm, v_list(acc)->len, v_list(acc)->items);
out:
    free(to_merge);
    free(remain);
    return result;
}

/* type.mro(t): the C3 order as a list. */
Value rt_type_mro_list(VM *vm, Type *t)
{
    if (!t->bases)
        return t->mro ? rt_list_from_iter(vm, t->mro) : rt_list_new(vm, 0);
    Value m = c3_mro(vm, t);
    return m ? rt_list_from_iter(vm, m) : VNULL;
}

Value rt_type_compute_mro(VM *vm, Type *t)
{
    Type *meta = v_type(v_from(t));
    if (meta != &rt_type_type) {
        /* A metaclass may override mro(). */
        Value name = rt_str_intern_cstr(vm, "mro");
        Value f = name ? rt_lookup_type_attr(meta, name) : VNULL;
        if (f && f != rt_lookup_type_attr(&rt_type_type, name)) {
            Value r = rt_call_with_self(vm, f, v_from(t), 0, NULL, VNULL);
            Value tup = r ? rt_tuple_from_iter(vm, r) : VNULL;
            if (!tup)
                return VNULL;
            Tuple *tt = v_tuple(tup);
            for (size_t i = 0; i < tt->len; i++)
                if (!rt_is_type(tt->items[i]))
                    return rt_raise(vm, &rt_exc_TypeError, "mro() returned a non-class ('%s')",
                                    rt_type_name(tt->items[i]));
            return tup;
        }
    }
    return c3_mro(vm, t);
}

/* ---- member descriptors (__slots__) -------------------------------------------------- */

static void member_trace(VM *vm, Obj *o)
{
    Member *m = (Member *)o;
    rt_gc_mark_obj(vm, &m->owner->hdr);
    rt_gc_mark(vm, m->name);
}

static bool member_check(VM *vm, Member *m, Value obj)
{
    if (rt_isinstance_type(obj, m->owner))
        return true;
    rt_raise(vm, &rt_exc_TypeError,
             "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", v_cstr(m->name),
             m->owner->name, rt_type_name(obj));
    return false;
}

/* Where obj keeps member m.  A var-sized (str) instance ends with a tail
 * of words: the members, then the dict pointer if it has one (the last
 * word, as rt_instance_dict_ptr has it). */
static Value *member_slot(Member *m, Obj *o)
{
    if (!m->var)
        return (Value *)((char *)o + m->offset);
    size_t tail = ((ClassType *)o->type)->var_members + ((o->type->flags & TF_VARDICT) ? 1 : 0);
    return (Value *)((char *)o + rt_gc_object_size(o) - tail * sizeof(Value)) + m->offset;
}

static Value member_get(VM *vm, Value descr, Value obj, Type *owner)
{
    Member *m = (Member *)v_obj(descr);
    if (!obj)
        return descr;
    if (!member_check(vm, m, obj))
        return VNULL;
    Value v = *member_slot(m, v_obj(obj));
    if (!v)
        return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                        rt_type_name(obj), v_cstr(m->name));
    return v;
}

static int member_set(VM *vm, Value descr, Value obj, Value v)
{
    Member *m = (Member *)v_obj(descr);
    if (!member_check(vm, m, obj))
        return -1;
    Value *slot = member_slot(m, v_obj(obj));
    if (!v && !*slot) {
        rt_raise(vm, &rt_exc_AttributeError, "%s", v_cstr(m->name));
        return -1;
    }
    *slot = v;
    return 0;
}

static Value member_repr(VM *vm, Value v)
{
    Member *m = (Member *)v_obj(v);
    return rt_str_printf(vm, "<member '%s' of '%s' objects>", v_cstr(m->name), m->owner->name);
}

static Value member_getattr(VM *vm, Value obj, Value name)
{
    Member *m = (Member *)v_obj(obj);
    if (name == vm->names.__name__ || name == vm->names.__qualname__)
        return name == vm->names.__name__ ? m->name
                                          : rt_str_printf(vm, "%s.%s", v_cstr(m->owner->qualname),
                                                          v_cstr(m->name));
    if (!strcmp(v_cstr(name), "__objclass__"))
        return v_from(m->owner);
    if (name == vm->names.__doc__)
        return rt_None;
    return rt_generic_getattr(vm, obj, name);
}

Type rt_member_type = {
    .name = "member_descriptor",
    .instance_size = sizeof(Member),
    .trace = member_trace,
    .repr = member_repr,
    .getattr = member_getattr,
    .descr_get = member_get,
    .descr_set = member_set,
};

/* ---- __slots__ -------------------------------------------------------------------------- */

static bool is_identifier(Value s)
{
    const unsigned char *p = (const unsigned char *)v_cstr(s);
    if (!*p || (*p >= '0' && *p <= '9'))
        return false;
    for (; *p; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p >= 0x80))
            return false;
    return true;
}

/* Private names in __slots__ are mangled like attribute names. */
static Value mangle(VM *vm, Value cls_name, Value name)
{
    const char *s = v_cstr(name);
    size_t n = strlen(s);
    if (s[0] != '_' || s[1] != '_' || (n >= 4 && s[n - 1] == '_' && s[n - 2] == '_') ||
        strchr(s, '.'))
        return name;
    const char *c = v_cstr(cls_name);
    while (*c == '_')
        c++;
    if (!*c)
        return name;
    return rt_str_printf(vm, "_%s%s", c, s);
}

typedef struct Layout {
    Value names;    /* list of member names (mangled, sorted), or VNULL: no __slots__ */
    bool add_dict, add_weak;
} Layout;

static bool parse_slots(VM *vm, ClassType *ct, Type *base, Value slots, Layout *lo)
{
    Type *t = &ct->t;
    bool base_dict = rt_type_has_dict(base), base_weak = rt_type_has_weakref(base);
    Type *nb = ct->native_base;
    Value seq = v_is_str(slots) ? rt_tuple_from(vm, 1, &slots) : rt_tuple_from_iter(vm, slots);
    if (!seq)
        return false;
    Value names = rt_list_new(vm, 0);
    if (!names)
        return false;
    Tuple *st = v_tuple(seq);
    /* CPython checks the base's itemsize before looking at the names, so
     * '__dict__' alone is refused too (type's instances have one). */
    if (st->len && (has_itemsize(nb) || nb == &rt_type_type)) {
        rt_raise(vm, &rt_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                 base->name);
        return false;
    }
    for (size_t i = 0; i < st->len; i++) {
        Value s = st->items[i];
        if (!v_is_str(s)) {
            rt_raise(vm, &rt_exc_TypeError, "__slots__ items must be strings, not '%s'",
                     rt_type_name(s));
            return false;
        }
        if (!is_identifier(s)) {
            rt_raise(vm, &rt_exc_TypeError, "__slots__ must be identifiers");
            return false;
        }
        const char *cs = v_cstr(s);
        if (!strcmp(cs, "__dict__")) {
            if (base_dict || lo->add_dict) {
                rt_raise(vm, &rt_exc_TypeError, "__dict__ slot disallowed: we already got one");
                return false;
            }
            lo->add_dict = true;
            continue;
        }
        if (!strcmp(cs, "__weakref__")) {
            if (base_weak || lo->add_weak || has_itemsize(nb)) {
                rt_raise(vm, &rt_exc_TypeError, "__weakref__ slot disallowed: either we already "
                                                "got one, or __itemsize__ != 0");
                return false;
            }
            lo->add_weak = true;
            continue;
        }
        Value m = mangle(vm, t->name_str, s);
        if (!m || !(m = rt_str_intern_value(vm, m)))
            return false;
        if (rt_dict_get_str(t->dict, m)) {
            rt_raise(vm, &rt_exc_ValueError, "'%s' in __slots__ conflicts with class variable",
                     v_cstr(m));
            return false;
        }
        if (!rt_list_append(vm, names, m))
            return false;
    }
    if (v_list(names)->len && is_var_storage(nb) && nb != &rt_str_type) {
        rt_raise(vm, &rt_exc_NotImplementedError,
                 "nonempty __slots__ in a subclass of '%s' are not supported by minipy", base->name);
        return false;
    }
    if (!rt_list_sort(vm, names, rt_None, false))
        return false;
    lo->names = names;
    return true;
}

static Value dict_get(VM *vm, Value self);
static int dict_set(VM *vm, Value self, Value v);
static Value weakref_get(VM *vm, Value self) { return rt_weakref_first(vm, v_obj(self)); }

static const GetSetDef dict_getset[] = {{"__dict__", dict_get, dict_set}, {NULL, NULL, NULL}};
static const GetSetDef weakref_getset[] = {{"__weakref__", weakref_get, NULL}, {NULL, NULL, NULL}};

static Value dict_get(VM *vm, Value self)
{
    Dict **dp = rt_instance_dict_ptr(self);
    if (!dp)
        return rt_raise(vm, &rt_exc_AttributeError, "This object has no __dict__");
    if (!*dp && !(*dp = rt_dict_alloc(vm)))
        return VNULL;
    return v_from(*dp);
}

static int dict_set(VM *vm, Value self, Value v)
{
    Dict **dp = rt_instance_dict_ptr(self);
    if (!dp) {
        rt_raise(vm, &rt_exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (!v) {
        rt_raise(vm, &rt_exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!v_is(v, &rt_dict_type)) {
        rt_raise(vm, &rt_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                 rt_type_name(v));
        return -1;
    }
    *dp = v_dict(v);
    return 0;
}

static bool add_getset(VM *vm, Type *t, const GetSetDef *def)
{
    GetSet *g = rt_alloc(vm, &rt_getset_type, sizeof(GetSet));
    if (!g)
        return false;
    g->def = def;
    g->owner = t;
    Value key = rt_str_intern_cstr(vm, def->name);
    if (!key)
        return false;
    /* A name the class body defines itself (a `__dict__` property) wins, as
     * in CPython's type_new. */
    if (rt_dict_get_str(t->dict, key))
        return true;
    return rt_dict_set_str(vm, t->dict, key, v_from(g));
}

/* Lay the instances of ct out over its best base. */
static bool make_layout(VM *vm, ClassType *ct, Type *base)
{
    Type *t = &ct->t;
    Layout lo = {VNULL, false, false};
    Value slots = rt_dict_get_str(t->dict, rt_str_intern_cstr(vm, "__slots__"));
    if (slots) {
        if (!parse_slots(vm, ct, base, slots, &lo))
            return false;
        /* Secondary bases may provide the dict or weakrefs (CPython's
         * type_new_slots_impl). */
        bool may_dict = !rt_type_has_dict(base);
        bool may_weak = !rt_type_has_weakref(base) && !has_itemsize(ct->native_base);
        Tuple *bt = v_tuple(t->bases);
        for (size_t i = 0; bt->len > 1 && i < bt->len; i++) {
            Type *b = (Type *)v_obj(bt->items[i]);
            if (b == base)
                continue;
            lo.add_dict |= may_dict && rt_type_has_dict(b);
            lo.add_weak |= may_weak && rt_type_has_weakref(b);
        }
    } else {
        lo.add_dict = !rt_type_has_dict(base);
        lo.add_weak = !rt_type_has_weakref(base) && !has_itemsize(ct->native_base);
    }
    size_t size = (base->instance_size + 7) & ~(size_t)7;
    if (base->flags & TF_CLASS) {
        ct->dictoffset = ((ClassType *)base)->dictoffset;
        ct->var_members = ((ClassType *)base)->var_members;
        t->flags |= base->flags & TF_VARDICT;
    } else if (base->flags & TF_EXCEPTION) {
        ct->dictoffset = offsetof(Exception, dict);
    }
    if (lo.names) {
        List *l = v_list(lo.names);
        ct->own_slots = l->len > 0;
        for (size_t i = 0; i < l->len; i++) {
            Member *m = rt_alloc(vm, &rt_member_type, sizeof(Member));
            if (!m)
                return false;
            m->owner = t;
            m->name = l->items[i];
            /* str keeps its characters inline: members go in the tail. */
            m->var = is_var_storage(ct->native_base);
            if (m->var) {
                m->offset = ct->var_members++;
            } else {
                m->offset = size;
                size += sizeof(Value);
            }
            if (!rt_dict_set_str(vm, t->dict, m->name, v_from(m)))
                return false;
        }
    }
    if (lo.add_dict) {
        if (is_var_storage(ct->native_base)) {
            t->flags |= TF_VARDICT;
        } else {
            ct->dictoffset = size;
            size += sizeof(Dict *);
        }
        if (!add_getset(vm, t, dict_getset))
            return false;
    }
    ct->weakref = lo.add_weak || rt_type_has_weakref(base);
    if (lo.add_weak && !add_getset(vm, t, weakref_getset))
        return false;
    t->instance_size = is_var_storage(ct->native_base) ? base->instance_size : size;
    return true;
}

bool rt_type_has_dict(Type *t)
{
    /* A class over type (a metaclass) has the type's own dict: checking
     * the native base keeps a metaclass's subclass from getting a second one. */
    if (t->flags & TF_CLASS)
        return ((ClassType *)t)->dictoffset || (t->flags & TF_VARDICT) ||
               (((ClassType *)t)->native_base->flags & TF_META);
    return (t->flags & (TF_EXCEPTION | TF_META)) != 0;
}

bool rt_type_has_weakref(Type *t)
{
    if (t->flags & TF_CLASS)
        return ((ClassType *)t)->weakref;
    return t == &rt_type_type || t == &rt_set_type || t == &rt_frozenset_type;
}

/* Instances: the builtin part, then the member Values and the dict pointer
 * (all Values or objects), or the dict in the last word. */
static void class_instance_trace(VM *vm, Obj *o)
{
    Type *t = o->type;
    Type *nb = ((ClassType *)t)->native_base;
    if (nb->trace)
        nb->trace(vm, o);
    size_t tail = ((ClassType *)t)->var_members + ((t->flags & TF_VARDICT) ? 1 : 0);
    if (tail) {
        /* the tail of a var-sized instance: members, then the dict */
        Value *w = (Value *)((char *)o + rt_gc_object_size(o)) - tail;
        for (size_t i = 0; i < tail; i++)
            rt_gc_mark(vm, w[i]);
        return;
    }
    for (size_t off = (nb->instance_size + 7) & ~(size_t)7; off + sizeof(Value) <= t->instance_size;
         off += sizeof(Value))
        rt_gc_mark(vm, *(Value *)((char *)o + off));
}

/* ---- the class dict ------------------------------------------------------------------------ */

static bool wrap_implicit(VM *vm, Dict *d, Value name, Type *wrapper)
{
    Value v = rt_dict_get_str(d, name);
    if (!v || !v_is(v, &rt_function_type))
        return true;
    Value w = rt_wrapper_new(vm, wrapper, v);
    return w && rt_dict_set_str(vm, d, name, w);
}

static bool set_names(VM *vm, Type *t, Dict *d, Value cls)
{
    Names *n = &vm->names;
    /* Iterate a snapshot: __set_name__ may change the class. */
    Value items = rt_dict_copy(vm, d);
    if (!items)
        return false;
    Value k, val;
    for (size_t pos = 0; rt_dict_next(v_dict(items), &pos, &k, &val);) {
        Type *vt = v_type(val);
        if (vt == &rt_function_type || vt == &rt_str_type || vt == &rt_int_type ||
            vt == &rt_none_type)
            continue;
        Value sn = rt_lookup_type_attr(vt, n->__set_name__);
        if (!sn)
            continue;
        Value args[2] = {cls, k};
        if (!rt_call_with_self(vm, sn, val, 2, args, VNULL)) {
            /* 3.11 wraps the error (3.12 adds a note instead). */
            Value cause = vm->exc;
            vm->exc = VNULL;
            Value kr = rt_repr(vm, k);
            if (!kr)
                return false;
            rt_raise(vm, &rt_exc_RuntimeError,
                     "Error calling __set_name__ on '%s' instance %s in '%s'", vt->name,
                     v_cstr(kr), t->name);
            if (cause && vm->exc && (v_type(vm->exc)->flags & TF_EXCEPTION)) {
                Exception *e = (Exception *)v_obj(vm->exc);
                e->cause = e->context = cause;
                e->suppress_context = true;
            }
            return false;
        }
    }
    return true;
}

/* super(cls, cls).__init_subclass__(**kw) */
static bool init_subclass(VM *vm, Type *t, Value *kwv, Value kwnames)
{
    Tuple *mro = v_tuple(t->mro);
    for (size_t i = 1; i < mro->len; i++) {
        Type *b = (Type *)v_obj(mro->items[i]);
        Value f = b->dict ? rt_dict_get_str(b->dict, vm->names.__init_subclass__) : VNULL;
        if (!f)
            continue;
        Value bound = rt_bind(vm, f, VNULL, t);
        return bound && rt_call(vm, bound, 0, kwv, kwnames);
    }
    return true;
}

static bool add_sub(ClassType *base, ClassType *sub)
{
    if (base->nsubs == base->capsubs) {
        size_t cap = base->capsubs ? base->capsubs * 2 : 4;
        ClassType **s = realloc(base->subs, cap * sizeof *s);
        if (!s)
            return false;
        base->subs = s;
        base->capsubs = cap;
    }
    base->subs[base->nsubs++] = sub;
    return true;
}

/* Record t as a subclass of each of its class bases (for invalidation and
 * __subclasses__), and keep a malloc'd list of them to unlink at finalize. */
static bool link_bases(VM *vm, ClassType *ct)
{
    Tuple *bt = v_tuple(ct->t.bases);
    ct->basev = malloc((bt->len ? bt->len : 1) * sizeof *ct->basev);
    if (!ct->basev)
        return rt_no_memory(vm), false;
    for (size_t i = 0; i < bt->len; i++) {
        Type *b = (Type *)v_obj(bt->items[i]);
        if (!(b->flags & TF_CLASS))
            continue;
        if (!add_sub((ClassType *)b, ct))
            return rt_no_memory(vm), false;
        ct->basev[ct->nbases++] = (ClassType *)b;
    }
    return true;
}

static Value new_class_value(VM *vm, Type *meta, Value name, Value bases, Value ns, Value *kwv,
                             Value kwnames);

/* ---- __bases__ assignment ------------------------------------------------------------------ */

static bool remro_subclasses(VM *vm, ClassType *ct)
{
    for (size_t i = 0; i < ct->nsubs; i++) {
        Type *sub = &ct->subs[i]->t;
        Value m = rt_type_compute_mro(vm, sub);
        if (!m)
            return false;
        rt_type_set_mro(sub, m);
        if (!remro_subclasses(vm, ct->subs[i]))
            return false;
    }
    return true;
}

static void unlink_from_bases(ClassType *ct)
{
    for (size_t i = 0; i < ct->nbases; i++) {
        ClassType *b = ct->basev[i];
        for (size_t j = 0; j < b->nsubs; j++)
            if (b->subs[j] == ct) {
                b->subs[j] = b->subs[--b->nsubs];
                break;
            }
    }
    free(ct->basev);
    ct->basev = NULL;
    ct->nbases = 0;
}

static bool link_bases(VM *vm, ClassType *ct);

/* C.__bases__ = (...), as CPython's type_set_bases. */
int rt_type_set_bases(VM *vm, Type *t, Value v)
{
    if (!v) {
        rt_raise(vm, &rt_exc_TypeError, "cannot delete '__bases__' attribute of immutable type '%s'",
                 t->name);
        return -1;
    }
    if (!v_is(v, &rt_tuple_type)) {
        rt_raise(vm, &rt_exc_TypeError, "can only assign tuple to %s.__bases__, not %s", t->name,
                 rt_type_name(v));
        return -1;
    }
    Tuple *nb = v_tuple(v);
    if (nb->len == 0) {
        rt_raise(vm, &rt_exc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()",
                 t->name);
        return -1;
    }
    for (size_t i = 0; i < nb->len; i++) {
        if (!rt_is_type(nb->items[i])) {
            rt_raise(vm, &rt_exc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'",
                     t->name, rt_type_name(nb->items[i]));
            return -1;
        }
        if (rt_is_subtype((Type *)v_obj(nb->items[i]), t)) {
            rt_raise(vm, &rt_exc_TypeError, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
    }
    Type *new_base = best_base(vm, nb);
    if (!new_base)
        return -1;
    Type *so = solid_base(t->base), *sn = solid_base(new_base);
    if (gc_tracked(t->base) != gc_tracked(new_base)) {
        rt_raise(vm, &rt_exc_TypeError, "__bases__ assignment: '%s' deallocator differs from '%s'",
                 new_base->name, t->base->name);
        return -1;
    }
    if (so != sn && !(so->base == sn->base && same_members(so, sn) && same_members(sn, so))) {
        rt_raise(vm, &rt_exc_TypeError, "__bases__ assignment: '%s' object layout differs from '%s'",
                 new_base->name, t->base->name);
        return -1;
    }
    Value old_bases = t->bases, old_mro = t->mro;
    Type *old_base = t->base;
    t->bases = v;
    t->base = new_base;
    Value m = rt_type_compute_mro(vm, t);
    if (!m || (rt_type_set_mro(t, m), !remro_subclasses(vm, (ClassType *)t))) {
        t->bases = old_bases;
        t->base = old_base;
        rt_type_set_mro(t, old_mro);
        remro_subclasses(vm, (ClassType *)t);
        return -1;
    }
    ClassType *ct = (ClassType *)t;
    unlink_from_bases(ct);
    if (!link_bases(vm, ct))
        return -1;
    rt_type_modified(vm, t, VNULL);
    return 0;
}

Value rt_type_new(VM *vm, Type *meta, Value name, Value bases, Value ns, Value *kwv, Value kwnames)
{
    Type *winner = rt_calculate_metaclass(vm, meta, bases);
    if (!winner)
        return VNULL;
    if (winner != meta) {
        /* A more derived metaclass with its own __new__ makes the class. */
        Value wnew = rt_lookup_type_attr(winner, vm->names.__new__);
        Value tnew = rt_lookup_type_attr(&rt_type_type, vm->names.__new__);
        if (wnew && wnew != tnew) {
            Value f = rt_bind(vm, wnew, VNULL, winner);
            size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
            Value args = rt_tuple_new(vm, 4 + nkw);
            if (!f || !args)
                return VNULL;
            Value *a = v_tuple(args)->items;
            a[0] = v_from(winner);
            a[1] = name;
            a[2] = bases;
            a[3] = ns;
            for (size_t i = 0; i < nkw; i++)
                a[4 + i] = kwv[i];
            return rt_call(vm, f, 4, a, kwnames);
        }
        meta = winner;
    }
    return new_class_value(vm, meta, name, bases, ns, kwv, kwnames);
}

static Value new_class_value(VM *vm, Type *meta, Value name, Value bases, Value ns, Value *kwv,
                             Value kwnames)
{
    Names *n = &vm->names;
    if (v_tuple(bases)->len == 0) {
        Value o = v_from(&rt_object_type);
        if (!(bases = rt_tuple_from(vm, 1, &o)))
            return VNULL;
    }
    Type *base = best_base(vm, v_tuple(bases));
    if (!base)
        return VNULL;
    size_t csize = meta->instance_size > sizeof(ClassType) ? meta->instance_size : sizeof(ClassType);
    ClassType *ct = rt_alloc(vm, meta, csize);
    if (!ct)
        return VNULL;
    Type *t = &ct->t;
    Value cls = v_from(t);
    Value dict = rt_dict_copy(vm, v_dict(ns));
    if (!dict)
        return VNULL;
    t->dict = v_dict(dict);
    if (!v_str(name)->interned && !(name = rt_str_intern_value(vm, name)))
        return VNULL;
    t->name_str = name;
    t->name = v_cstr(name);
    t->qualname = name;
    t->base = base;
    t->bases = bases;
    ct->native_base = (base->flags & TF_CLASS) ? ((ClassType *)base)->native_base : base;
    t->flags = TF_CLASS | TF_BASETYPE |
               (base->flags & (TF_EXCEPTION | TF_META));
    Tuple *bt = v_tuple(bases);
    for (size_t i = 0; i < bt->len; i++)
        t->flags |= ((Type *)v_obj(bt->items[i]))->flags & TF_EXCEPTION;

    Value qn = rt_dict_get_str(t->dict, n->__qualname__);
    if (qn) {
        if (!v_is_str(qn))
            return rt_raise(vm, &rt_exc_TypeError, "type __qualname__ must be a str, not %s",
                            rt_type_name(qn));
        if (rt_dict_del(vm, t->dict, n->__qualname__) < 0)
            return VNULL;
        t->qualname = qn;
    }
    Value mod = rt_dict_get_str(t->dict, n->__module__);
    if (!mod && vm->frame && vm->frame->globals) {
        mod = rt_dict_get_str(vm->frame->globals, n->__name__);
        if (mod && !rt_dict_set_str(vm, t->dict, n->__module__, mod))
            return VNULL;
    }
    t->module = mod;
    if (!wrap_implicit(vm, t->dict, n->__new__, &rt_staticmethod_type) ||
        !wrap_implicit(vm, t->dict, n->__init_subclass__, &rt_classmethod_type) ||
        !wrap_implicit(vm, t->dict, rt_str_intern_cstr(vm, "__class_getitem__"),
                       &rt_classmethod_type))
        return VNULL;
    if (!make_layout(vm, ct, base))
        return VNULL;
    if (!rt_dict_get_str(t->dict, n->__doc__) && !rt_dict_set_str(vm, t->dict, n->__doc__, rt_None))
        return VNULL;
    /* __eq__ without __hash__ makes instances unhashable. */
    if (rt_dict_get_str(t->dict, n->__eq__) && !rt_dict_get_str(t->dict, n->__hash__) &&
        !rt_dict_set_str(vm, t->dict, n->__hash__, rt_None))
        return VNULL;
    t->trace = class_instance_trace;
    t->finalize = ct->native_base->finalize;
    t->flags |= ct->native_base->flags & TF_EXTERNAL;
    Value mro = rt_type_compute_mro(vm, t);
    if (!mro)
        return VNULL;
    rt_type_set_mro(t, mro);
    if (!link_bases(vm, ct))
        return VNULL;
    rt_type_new_version(t);
    rt_type_reslot(vm, t);

    Value cell = rt_dict_get_str(t->dict, n->__classcell__);
    /* A '__classcell__' slot's member: CPython adds members after it looks
     * for the cell, so the member is no cell to check. */
    if (cell && v_is(cell, &rt_member_type) && ((Member *)v_obj(cell))->owner == t)
        cell = VNULL;
    if (cell) {
        if (!v_is(cell, &rt_cell_type))
            return rt_raise(vm, &rt_exc_TypeError, "__classcell__ must be a nonlocal cell, not %s",
                            rt_type_name(cell));
        ((Cell *)v_obj(cell))->v = cls;
        if (rt_dict_del(vm, t->dict, n->__classcell__) < 0)
            return VNULL;
    }
    if (!set_names(vm, t, t->dict, cls) || !init_subclass(vm, t, kwv, kwnames))
        return VNULL;
    return cls;
}

Value rt_class_new(VM *vm, Value name, Value bases, Dict *ns)
{
    if (!bases) {
        if (!(bases = rt_tuple_new(vm, 0)))
            return VNULL;
    }
    return rt_type_new(vm, &rt_type_type, name, bases, v_from(ns), NULL, VNULL);
}
