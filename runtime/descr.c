/* runtime/descr.c — descriptors: C getsets, slot wrappers (int.__add__),
 * staticmethod, classmethod, property, and super. */
#include <string.h>

#include "runtime/objimpl.h"
#include "runtime/code.h"

/* ---- getset descriptors ----------------------------------------------------- */

static void getset_trace(VM *vm, Obj *o) { rt_gc_mark_obj(vm, &((GetSet *)o)->owner->hdr); }

static bool getset_check(VM *vm, GetSet *g, Value obj)
{
    if (rt_isinstance_type(obj, g->owner))
        return true;
    rt_raise(vm, &rt_exc_TypeError,
             "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", g->def->name,
             g->owner->name, rt_type_name(obj));
    return false;
}

static Value getset_get(VM *vm, Value descr, Value obj, Type *owner)
{
    GetSet *g = (GetSet *)v_obj(descr);
    if (!obj)
        return descr;
    if (!getset_check(vm, g, obj))
        return VNULL;
    return g->def->get(vm, obj);
}

static int getset_set(VM *vm, Value descr, Value obj, Value v)
{
    GetSet *g = (GetSet *)v_obj(descr);
    if (!getset_check(vm, g, obj))
        return -1;
    if (!g->def->set) {
        rt_raise(vm, &rt_exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                 g->def->name, g->owner->name);
        return -1;
    }
    return g->def->set(vm, obj, v);
}

static Value getset_repr(VM *vm, Value v)
{
    GetSet *g = (GetSet *)v_obj(v);
    return rt_str_printf(vm, "<attribute '%s' of '%s' objects>", g->def->name, g->owner->name);
}

Type rt_getset_type = {
    .name = "getset_descriptor",
    .instance_size = sizeof(GetSet),
    .trace = getset_trace,
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
};

bool rt_add_getsets(VM *vm, Type *t, const GetSetDef *defs)
{
    if (!t->dict && !rt_type_ready(vm, t))
        return false;
    for (; defs->name; defs++) {
        GetSet *g = rt_alloc(vm, &rt_getset_type, sizeof(GetSet));
        if (!g)
            return false;
        g->def = defs;
        g->owner = t;
        Value key = rt_str_intern_cstr(vm, defs->name);
        if (!key || !rt_dict_set_str(vm, t->dict, key, v_from(g)))
            return false;
    }
    rt_type_modified(vm, t, VNULL);
    return true;
}

/* ---- slot wrappers --------------------------------------------------------------- */

static void slotwrapper_trace(VM *vm, Obj *o)
{
    rt_gc_mark_obj(vm, &((SlotWrapper *)o)->owner->hdr);
}

static Value slotwrapper_repr(VM *vm, Value v)
{
    SlotWrapper *w = (SlotWrapper *)v_obj(v);
    return rt_str_printf(vm, "<slot wrapper '%s' of '%s' objects>", w->name, w->owner->name);
}

static Value slotwrapper_descr_get(VM *vm, Value descr, Value obj, Type *owner)
{
    SlotWrapper *w = (SlotWrapper *)v_obj(descr);
    if (!obj || w->kind == SW_NEW)
        return descr;
    return rt_method_new(vm, descr, obj);
}

static Value sw_nargs(VM *vm, SlotWrapper *w, int argc, int n)
{
    if (argc == n)
        return rt_True;
    if (n == 0)
        return rt_raise(vm, &rt_exc_TypeError, "expected 0 arguments, got %d", argc);
    return rt_raise(vm, &rt_exc_TypeError, "expected %d argument%s, got %d", n, n == 1 ? "" : "s",
                    argc);
}

static Value slotwrapper_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    SlotWrapper *w = (SlotWrapper *)v_obj(callable);
    Type *t = w->owner;
    if (w->kind == SW_NEW) {
        if (argc < 1)
            return rt_raise(vm, &rt_exc_TypeError, "%s.__new__(): not enough arguments", t->name);
        if (!rt_is_type(argv[0]))
            return rt_raise(vm, &rt_exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                            t->name, rt_type_name(argv[0]));
        Type *sub = (Type *)v_obj(argv[0]);
        if (!rt_is_subtype(sub, t))
            return rt_raise(vm, &rt_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                            t->name, sub->name, sub->name, t->name);
        Value r = t->new(vm, sub, argc - 1, argv + 1, kwnames);
        return r ? rt_to_subclass(vm, r, sub) : VNULL;
    }
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                        w->name, t->name);
    Value self = argv[0];
    if (!rt_isinstance_type(self, t))
        return rt_raise(vm, &rt_exc_TypeError,
                        "descriptor '%s' requires a '%s' object but received a '%s'", w->name,
                        t->name, rt_type_name(self));
    if (w->kind == SW_CALL)
        return t->call(vm, self, argc - 1, argv + 1, kwnames);
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "wrapper %s() takes no keyword arguments", w->name);
    argc--;
    argv++;
    switch ((SlotKind)w->kind) {
    case SW_REPR:
        return sw_nargs(vm, w, argc, 0) ? t->repr(vm, self) : VNULL;
    case SW_STR:
        /* object.__str__ is repr(self) (object has no str slot). */
        if (!sw_nargs(vm, w, argc, 0))
            return VNULL;
        return t->str ? t->str(vm, self) : rt_repr(vm, self);
    case SW_HASH: {
        if (!sw_nargs(vm, w, argc, 0))
            return VNULL;
        int64_t h = t->hash(vm, self);
        return h == -1 ? VNULL : rt_int_from_i64(vm, h);
    }
    case SW_CMP:
        return sw_nargs(vm, w, argc, 1) ? t->richcompare(vm, self, argv[0], (CmpOp)w->op) : VNULL;
    case SW_BOOL: {
        if (!sw_nargs(vm, w, argc, 0))
            return VNULL;
        int r = t->truth(vm, self);
        return r < 0 ? VNULL : rt_bool(r);
    }
    case SW_LEN: {
        if (!sw_nargs(vm, w, argc, 0))
            return VNULL;
        int64_t n = t->len(vm, self);
        return n < 0 ? VNULL : rt_int_from_i64(vm, n);
    }
    case SW_GETITEM:
        return sw_nargs(vm, w, argc, 1) ? t->getitem(vm, self, argv[0]) : VNULL;
    case SW_SETITEM:
        if (!sw_nargs(vm, w, argc, 2))
            return VNULL;
        return t->setitem(vm, self, argv[0], argv[1]) < 0 ? VNULL : rt_None;
    case SW_DELITEM:
        if (!sw_nargs(vm, w, argc, 1))
            return VNULL;
        return t->setitem(vm, self, argv[0], VNULL) < 0 ? VNULL : rt_None;
    case SW_ITER:
        return sw_nargs(vm, w, argc, 0) ? t->iter(vm, self) : VNULL;
    case SW_NEXT: {
        if (!sw_nargs(vm, w, argc, 0))
            return VNULL;
        Value r = t->next(vm, self);
        if (!r && !vm->exc)
            return rt_raise_value(vm, v_from(&rt_exc_StopIteration));
        return r;
    }
    case SW_CONTAINS: {
        if (!sw_nargs(vm, w, argc, 1))
            return VNULL;
        int r = t->contains(vm, self, argv[0]);
        return r < 0 ? VNULL : rt_bool(r);
    }
    case SW_SETATTR:
        if (!sw_nargs(vm, w, argc, 2))
            return VNULL;
        if (!v_is_str(argv[0]))
            return rt_raise(vm, &rt_exc_TypeError, "attribute name must be string, not '%s'",
                            rt_type_name(argv[0]));
        return (t->setattr ? t->setattr : rt_generic_setattr)(vm, self, argv[0], argv[1]) < 0
                   ? VNULL
                   : rt_None;
    case SW_DELATTR:
        if (!sw_nargs(vm, w, argc, 1))
            return VNULL;
        if (!v_is_str(argv[0]))
            return rt_raise(vm, &rt_exc_TypeError, "attribute name must be string, not '%s'",
                            rt_type_name(argv[0]));
        return (t->setattr ? t->setattr : rt_generic_setattr)(vm, self, argv[0], VNULL) < 0
                   ? VNULL
                   : rt_None;
    case SW_GETATTRIBUTE:
        if (!sw_nargs(vm, w, argc, 1))
            return VNULL;
        if (!v_is_str(argv[0]))
            return rt_raise(vm, &rt_exc_TypeError, "attribute name must be string, not '%s'",
                            rt_type_name(argv[0]));
        return (t->getattr ? t->getattr : rt_object_getattribute)(vm, self, argv[0]);
    case SW_BINOP:
        return sw_nargs(vm, w, argc, 1) ? t->binop[w->op](vm, self, argv[0]) : VNULL;
    case SW_RBINOP:
        return sw_nargs(vm, w, argc, 1) ? t->binop[w->op](vm, argv[0], self) : VNULL;
    case SW_INPLACE:
        return sw_nargs(vm, w, argc, 1) ? t->inplace[w->op](vm, self, argv[0]) : VNULL;
    case SW_UNARY:
        return sw_nargs(vm, w, argc, 0) ? t->unop[w->op](vm, self) : VNULL;
    case SW_GET:
        if (argc < 1 || argc > 2)
            return rt_raise(vm, &rt_exc_TypeError, "expected 1 or 2 arguments, got %d", argc);
        if (argv[0] == rt_None && (argc < 2 || argv[1] == rt_None))
            return rt_raise(vm, &rt_exc_TypeError, "__get__(None, None) is invalid");
        if (argc == 2 && argv[1] != rt_None && !rt_is_type(argv[1]))
            return rt_raise(vm, &rt_exc_TypeError, "descriptor '__get__' for '%s' objects "
                            "doesn't apply to a '%s' object", t->name, rt_type_name(argv[1]));
        return t->descr_get(vm, self, argv[0] == rt_None ? VNULL : argv[0],
                            argc == 2 && argv[1] != rt_None ? (Type *)v_obj(argv[1]) : NULL);
    case SW_SET:
        if (!sw_nargs(vm, w, argc, 2))
            return VNULL;
        return t->descr_set(vm, self, argv[0], argv[1]) < 0 ? VNULL : rt_None;
    case SW_DELETE:
        if (!sw_nargs(vm, w, argc, 1))
            return VNULL;
        return t->descr_set(vm, self, argv[0], VNULL) < 0 ? VNULL : rt_None;
    default:
        return rt_raise(vm, &rt_exc_SystemError, "bad slot wrapper");
    }
}

/* A type's __new__ is a builtin method bound to the type in CPython
 * (int.__new__.__self__ is int): copyreg._reduce_ex relies on it. */
static Value slotwrapper_getattr(VM *vm, Value obj, Value name)
{
    SlotWrapper *w = (SlotWrapper *)v_obj(obj);
    if (w->kind == SW_NEW && v_is_str(name) && strcmp(v_cstr(name), "__self__") == 0)
        return v_from(w->owner);
    return rt_generic_getattr(vm, obj, name);
}

Type rt_slotwrapper_type = {
    .name = "wrapper_descriptor",
    .getattr = slotwrapper_getattr,
    .instance_size = sizeof(SlotWrapper),
    .trace = slotwrapper_trace,
    .repr = slotwrapper_repr,
    .call = slotwrapper_call,
    .descr_get = slotwrapper_descr_get,
};

static bool add_wrapper(VM *vm, Type *t, const char *name, SlotKind kind, int op)
{
    Value key = rt_str_intern_cstr(vm, name);
    if (!key)
        return false;
    if (rt_dict_get_str(t->dict, key))
        return true;
    SlotWrapper *w = rt_alloc(vm, &rt_slotwrapper_type, sizeof(SlotWrapper));
    if (!w)
        return false;
    w->owner = t;
    w->name = name;
    w->kind = (uint16_t)kind;
    w->op = (uint16_t)op;
    return rt_dict_set_str(vm, t->dict, key, v_from(w));
}

static const char *const cmp_dunders[6] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static const char *const bin_dunders[BIN__COUNT][3] = {
#define X(name, sym, d, r, i) {d, r, i},
    RT_BINOPS(X)
#undef X
};
static const char *const unop_dunders[3] = {"__neg__", "__pos__", "__invert__"};

/* Wrappers for the slots t defines itself (not those it will inherit). */
bool rt_add_slot_wrappers(VM *vm, Type *t)
{
    Type *b = t->base;
#define OWN(f) (t->f && (!b || t->f != b->f))
    bool ok = true;
    if (OWN(repr))
        ok &= add_wrapper(vm, t, "__repr__", SW_REPR, 0);
    if (OWN(str) || t == &rt_object_type)
        ok &= add_wrapper(vm, t, "__str__", SW_STR, 0);
    if (OWN(hash))
        ok &= add_wrapper(vm, t, "__hash__", SW_HASH, 0);
    else if (!t->hash && t->richcompare) {
        Value key = rt_str_intern_cstr(vm, "__hash__");
        ok &= key && (rt_dict_get_str(t->dict, key) || rt_dict_set_str(vm, t->dict, key, rt_None));
    }
    if (OWN(richcompare))
        for (int i = 0; i < 6; i++)
            ok &= add_wrapper(vm, t, cmp_dunders[i], SW_CMP, i);
    if (OWN(truth))
        ok &= add_wrapper(vm, t, "__bool__", SW_BOOL, 0);
    if (OWN(len))
        ok &= add_wrapper(vm, t, "__len__", SW_LEN, 0);
    if (OWN(getitem))
        ok &= add_wrapper(vm, t, "__getitem__", SW_GETITEM, 0);
    if (OWN(setitem)) {
        ok &= add_wrapper(vm, t, "__setitem__", SW_SETITEM, 0);
        ok &= add_wrapper(vm, t, "__delitem__", SW_DELITEM, 0);
    }
    if (OWN(iter))
        ok &= add_wrapper(vm, t, "__iter__", SW_ITER, 0);
    if (OWN(next))
        ok &= add_wrapper(vm, t, "__next__", SW_NEXT, 0);
    if (OWN(contains))
        ok &= add_wrapper(vm, t, "__contains__", SW_CONTAINS, 0);
    if (OWN(call))
        ok &= add_wrapper(vm, t, "__call__", SW_CALL, 0);
    if (OWN(setattr) || t == &rt_object_type) {
        ok &= add_wrapper(vm, t, "__setattr__", SW_SETATTR, 0);
        ok &= add_wrapper(vm, t, "__delattr__", SW_DELATTR, 0);
    }
    if (OWN(getattr) || t == &rt_object_type)
        ok &= add_wrapper(vm, t, "__getattribute__", SW_GETATTRIBUTE, 0);
    if (OWN(descr_get))
        ok &= add_wrapper(vm, t, "__get__", SW_GET, 0);
    if (OWN(descr_set)) {
        ok &= add_wrapper(vm, t, "__set__", SW_SET, 0);
        ok &= add_wrapper(vm, t, "__delete__", SW_DELETE, 0);
    }
    for (int op = 0; op < BIN__COUNT; op++) {
        if (OWN(binop[op])) {
            ok &= add_wrapper(vm, t, bin_dunders[op][0], SW_BINOP, op);
            ok &= add_wrapper(vm, t, bin_dunders[op][1], SW_RBINOP, op);
        }
        if (OWN(inplace[op]))
            ok &= add_wrapper(vm, t, bin_dunders[op][2], SW_INPLACE, op);
    }
    for (int op = 0; op < 3; op++)
        if (OWN(unop[op]))
            ok &= add_wrapper(vm, t, unop_dunders[op], SW_UNARY, op);
    if (OWN(new) && t != &rt_object_type && !(t->flags & TF_EXCEPTION && b && b->new == t->new))
        ok &= add_wrapper(vm, t, "__new__", SW_NEW, 0);
#undef OWN
    return ok;
}

/* ---- staticmethod / classmethod / property ---------------------------------------- */

static void wrapper_trace(VM *vm, Obj *o)
{
    Wrapper *w = (Wrapper *)o;
    rt_gc_mark(vm, w->func);
    rt_gc_mark(vm, w->fget);
    rt_gc_mark(vm, w->fset);
    rt_gc_mark(vm, w->fdel);
    rt_gc_mark(vm, w->doc);
}

Value rt_wrapper_new(VM *vm, Type *type, Value func)
{
    Wrapper *w = rt_alloc(vm, type, sizeof(Wrapper));
    if (!w)
        return VNULL;
    w->func = func;
    return v_from(w);
}

static Value wrapper_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", type->name);
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "%s expected 1 argument, got %d", type->name, argc);
    return rt_wrapper_new(vm, type, argv[0]);
}

static Value staticmethod_get(VM *vm, Value descr, Value obj, Type *owner)
{
    return ((Wrapper *)v_obj(descr))->func;
}

static Value classmethod_get(VM *vm, Value descr, Value obj, Type *owner)
{
    Type *t = owner ? owner : v_type(obj);
    Value f = ((Wrapper *)v_obj(descr))->func;
    /* 3.9-3.12: a wrapped descriptor (e.g. a property) binds to the class. */
    Type *ft = v_type(f);
    if (ft->descr_get && ft != &rt_function_type && ft != &rt_native_type)
        return ft->descr_get(vm, f, v_from(t), v_type(v_from(t)));
    return rt_method_new(vm, f, v_from(t));
}

static Value staticmethod_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    return rt_call(vm, ((Wrapper *)v_obj(callable))->func, argc, argv, kwnames);
}

static Value wrapper_repr(VM *vm, Value v)
{
    Value r = rt_repr(vm, ((Wrapper *)v_obj(v))->func);
    if (!r)
        return VNULL;
    return rt_str_printf(vm, "<%s(%s)>", v_type(v)->name, v_cstr(r));
}

/* CPython's __isabstractmethod__ of staticmethod/classmethod/property:
 * true when one of the wrapped functions has a true one. */
static Value is_abstract(VM *vm, const Value *funcs, int n)
{
    Value key = rt_str_intern_cstr(vm, "__isabstractmethod__");
    for (int i = 0; i < n; i++) {
        if (!funcs[i] || funcs[i] == rt_None)
            continue;
        Value v = rt_getattr_opt(vm, funcs[i], key);
        if (!v && vm->exc)
            return VNULL;
        int t = v ? rt_truthy(vm, v) : 0;
        if (t)
            return t < 0 ? VNULL : rt_True;
    }
    return rt_False;
}

static Value wrapper_getattr(VM *vm, Value obj, Value name)
{
    Wrapper *w = (Wrapper *)v_obj(obj);
    if (!strcmp(v_cstr(name), "__func__") || !strcmp(v_cstr(name), "__wrapped__"))
        return w->func;
    if (name == vm->names.__doc__ || name == vm->names.__name__ || name == vm->names.__qualname__)
        return rt_getattr(vm, w->func, name);
    if (!strcmp(v_cstr(name), "__isabstractmethod__"))
        return is_abstract(vm, &w->func, 1);
    return rt_generic_getattr(vm, obj, name);
}

Type rt_staticmethod_type = {
    .name = "staticmethod",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Wrapper),
    .trace = wrapper_trace,
    .repr = wrapper_repr,
    .getattr = wrapper_getattr,
    .call = staticmethod_call,
    .new = wrapper_new_slot,
    .descr_get = staticmethod_get,
};

Type rt_classmethod_type = {
    .name = "classmethod",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Wrapper),
    .trace = wrapper_trace,
    .repr = wrapper_repr,
    .getattr = wrapper_getattr,
    .new = wrapper_new_slot,
    .descr_get = classmethod_get,
};

/* property: `func` holds the attribute name once __set_name__ ran. */
static const char *property_name(VM *vm, Wrapper *p)
{
    if (p->func && v_is_str(p->func))
        return v_cstr(p->func);
    if (p->fget) {
        Value n = rt_getattr_opt(vm, p->fget, vm->names.__name__);
        vm->exc = n ? vm->exc : VNULL;
        if (n && v_is_str(n))
            return v_cstr(n);
    }
    return "?";
}

static Value property_get(VM *vm, Value descr, Value obj, Type *owner)
{
    Wrapper *p = (Wrapper *)v_obj(descr);
    if (!obj)
        return descr;
    if (!p->fget || p->fget == rt_None)
        return rt_raise(vm, &rt_exc_AttributeError, "property '%s' of '%s' object has no getter",
                        property_name(vm, p), rt_type_name(obj));
    return rt_call1(vm, p->fget, obj);
}

static int property_set(VM *vm, Value descr, Value obj, Value v)
{
    Wrapper *p = (Wrapper *)v_obj(descr);
    Value f = v ? p->fset : p->fdel;
    if (!f || f == rt_None) {
        rt_raise(vm, &rt_exc_AttributeError, "property '%s' of '%s' object has no %s",
                 property_name(vm, p), rt_type_name(obj), v ? "setter" : "deleter");
        return -1;
    }
    Value r = v ? rt_call2(vm, f, obj, v) : rt_call1(vm, f, obj);
    return r ? 0 : -1;
}

static Value property_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"fget", "fset", "fdel", "doc", NULL};
    Value a[4];
    if (!rt_parse_args(vm, "property", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Wrapper *p = rt_alloc(vm, type, sizeof(Wrapper));
    if (!p)
        return VNULL;
    p->fget = a[0] && a[0] != rt_None ? a[0] : VNULL;
    p->fset = a[1] && a[1] != rt_None ? a[1] : VNULL;
    p->fdel = a[2] && a[2] != rt_None ? a[2] : VNULL;
    p->doc = a[3];
    if ((!p->doc || p->doc == rt_None) && p->fget) {
        Value d = rt_getattr_opt(vm, p->fget, vm->names.__doc__);
        if (!d && vm->exc)
            vm->exc = VNULL;
        p->doc = d;
    }
    return v_from(p);
}

static Value property_copy(VM *vm, Value self, int which, Value f)
{
    Wrapper *p = (Wrapper *)v_obj(self);
    Wrapper *q = rt_alloc(vm, v_type(self), sizeof(Wrapper));
    if (!q)
        return VNULL;
    *q = (Wrapper){.hdr = q->hdr, .func = p->func, .fget = p->fget, .fset = p->fset,
                   .fdel = p->fdel, .doc = p->doc};
    f = f == rt_None ? VNULL : f;
    if (which == 0)
        q->fget = f;
    else if (which == 1)
        q->fset = f;
    else
        q->fdel = f;
    return v_from(q);
}

static Value property_getter(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "getter", argc - 1, 1, 1) ? property_copy(vm, argv[0], 0, argv[1]) : VNULL;
}
static Value property_setter(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "setter", argc - 1, 1, 1) ? property_copy(vm, argv[0], 1, argv[1]) : VNULL;
}
static Value property_deleter(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "deleter", argc - 1, 1, 1) ? property_copy(vm, argv[0], 2, argv[1]) : VNULL;
}
static Value property_set_name(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__set_name__", argc - 1, 2, 2))
        return VNULL;
    if (v_is_str(argv[2]))
        ((Wrapper *)v_obj(argv[0]))->func = argv[2];
    return rt_None;
}

static const NativeDef property_methods[] = {
    {"getter", property_getter, 0},
    {"setter", property_setter, 0},
    {"deleter", property_deleter, 0},
    {"__set_name__", property_set_name, 0},
    {NULL, NULL, 0},
};

static Value property_getattr(VM *vm, Value obj, Value name)
{
    Wrapper *p = (Wrapper *)v_obj(obj);
    const char *s = v_cstr(name);
    if (!strcmp(s, "fget"))
        return p->fget ? p->fget : rt_None;
    if (!strcmp(s, "fset"))
        return p->fset ? p->fset : rt_None;
    if (!strcmp(s, "fdel"))
        return p->fdel ? p->fdel : rt_None;
    if (!strcmp(s, "__doc__"))
        return p->doc ? p->doc : rt_None;
    if (!strcmp(s, "__isabstractmethod__")) {
        Value fs[3] = {p->fget, p->fset, p->fdel};
        return is_abstract(vm, fs, 3);
    }
    return rt_generic_getattr(vm, obj, name);
}

Type rt_property_type = {
    .name = "property",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Wrapper),
    .trace = wrapper_trace,
    .getattr = property_getattr,
    .new = property_new,
    .descr_get = property_get,
    .descr_set = property_set,
};

/* ---- super ----------------------------------------------------------------------- */

typedef struct Super {
    Obj hdr;
    Type *type;     /* search starts after this class in obj_type's MRO */
    Value obj;      /* instance or class being bound; VNULL: unbound super(T) */
    Type *obj_type; /* type(obj), or obj itself when it is a subclass; NULL if unbound */
} Super;

static void super_trace(VM *vm, Obj *o)
{
    Super *s = (Super *)o;
    rt_gc_mark_obj(vm, &s->type->hdr);
    rt_gc_mark(vm, s->obj);
    rt_gc_mark_obj(vm, s->obj_type ? &s->obj_type->hdr : NULL);
}

/* CPython's supercheck: obj may be a subclass of type or an instance. */
static Type *super_check(VM *vm, Type *st, Value obj)
{
    if (rt_is_type(obj) && rt_is_subtype((Type *)v_obj(obj), st))
        return (Type *)v_obj(obj);
    if (rt_isinstance_type(obj, st))
        return v_type(obj);
    Value c = rt_getattr_opt(vm, obj, vm->names.__class__);
    if (!c && vm->exc)
        return NULL;
    if (c && rt_is_type(c) && c != v_from(v_type(obj)) && rt_is_subtype((Type *)v_obj(c), st))
        return (Type *)v_obj(c);
    rt_raise(vm, &rt_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static Value super_make(VM *vm, Type *type, Value t, Value obj)
{
    if (!rt_is_type(t))
        return rt_raise(vm, &rt_exc_TypeError, "super() argument 1 must be a type, not %s",
                        rt_type_name(t));
    Type *st = (Type *)v_obj(t), *ot = NULL;
    if (obj && !(ot = super_check(vm, st, obj)))
        return VNULL;
    Super *s = rt_alloc(vm, type, sizeof(Super));
    if (!s)
        return VNULL;
    s->type = st;
    s->obj = obj;
    s->obj_type = ot;
    return v_from(s);
}

/* Zero-argument super(): __class__ cell and the first argument of the
 * calling frame. */
static Value super_zero(VM *vm, Type *type)
{
    Frame *f = vm->frame;
    if (!f || !f->code)
        return rt_raise(vm, &rt_exc_RuntimeError, "super(): no current frame");
    Code *c = f->code;
    if (c->argcount == 0 && !(c->flags & CO_VARARGS))
        return rt_raise(vm, &rt_exc_RuntimeError, "super(): no arguments");
    Value first = f->slots[0];
    if (v_is(c->cellvars, &rt_tuple_type) && v_tuple(c->varnames)->len) {
        /* A captured first argument lives in its cell. */
        Tuple *cv = v_tuple(c->cellvars);
        Value n0 = v_tuple(c->varnames)->items[0];
        for (size_t i = 0; i < cv->len; i++) {
            if (rt_str_equal(cv->items[i], n0)) {
                Value cell = f->slots[c->nlocals + i];
                if (v_is(cell, &rt_cell_type))
                    first = ((Cell *)v_obj(cell))->v;
                break;
            }
        }
    }
    if (!first)
        return rt_raise(vm, &rt_exc_RuntimeError, "super(): arg[0] deleted");
    Value cls = VNULL;
    if (v_is(c->freevars, &rt_tuple_type)) {
        Tuple *fv = v_tuple(c->freevars);
        for (size_t i = 0; i < fv->len; i++) {
            if (!strcmp(v_cstr(fv->items[i]), "__class__")) {
                Value cell = f->slots[c->nlocals + c->ncells + i];
                if (v_is(cell, &rt_cell_type))
                    cls = ((Cell *)v_obj(cell))->v;
                if (!cls)
                    return rt_raise(vm, &rt_exc_RuntimeError, "super(): empty __class__ cell");
                break;
            }
        }
    }
    if (!cls)
        return rt_raise(vm, &rt_exc_RuntimeError, "super(): __class__ cell not found");
    if (!rt_is_type(cls))
        return rt_raise(vm, &rt_exc_RuntimeError, "super(): __class__ is not a type (%s)",
                        rt_type_name(cls));
    return super_make(vm, type, cls, first);
}

static Value super_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "super() takes no keyword arguments");
    if (argc == 0)
        return super_zero(vm, type);
    if (argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "super() takes at most 2 arguments (%d given)",
                        argc);
    return super_make(vm, type, argv[0], argc == 2 && argv[1] != rt_None ? argv[1] : VNULL);
}

/* The attribute from the classes after s->type in the MRO of s->obj_type,
 * bound to s->obj (no instance when obj is the class itself). */
static Value super_getattr(VM *vm, Value obj, Value name)
{
    Super *s = (Super *)v_obj(obj);
    if (!v_is_str(name))
        return rt_getattr(vm, obj, name);
    if (s->obj_type && name != vm->names.__class__) {
        Tuple *mro = v_tuple(s->obj_type->mro);
        size_t i = 0;
        while (i < mro->len && mro->items[i] != v_from(s->type))
            i++;
        for (i++; i < mro->len; i++) {
            Type *t = (Type *)v_obj(mro->items[i]);
            Value v = t->dict ? rt_dict_get_str(t->dict, name) : VNULL;
            if (!v)
                continue;
            Type *dt = v_type(v);
            if (!dt->descr_get)
                return v;
            bool is_class = s->obj == v_from(s->obj_type);
            return dt->descr_get(vm, v, is_class ? VNULL : s->obj, s->obj_type);
        }
    }
    const char *n = v_cstr(name);
    if (!strcmp(n, "__thisclass__"))
        return v_from(s->type);
    if (!strcmp(n, "__self__"))
        return s->obj ? s->obj : rt_None;
    if (!strcmp(n, "__self_class__"))
        return s->obj_type ? v_from(s->obj_type) : rt_None;
    return rt_generic_getattr(vm, obj, name);
}

/* An unbound super(T) binds like a descriptor: super(T).__get__(obj). */
static Value super_descr_get(VM *vm, Value descr, Value obj, Type *owner)
{
    Super *s = (Super *)v_obj(descr);
    if (!obj || s->obj)
        return descr;
    return super_make(vm, v_type(descr), v_from(s->type), obj);
}

static Value super_repr(VM *vm, Value v)
{
    Super *s = (Super *)v_obj(v);
    if (!s->obj_type)
        return rt_str_printf(vm, "<super: <class '%s'>, NULL>", s->type->name);
    return rt_str_printf(vm, "<super: <class '%s'>, <%s object>>", s->type->name,
                         s->obj_type->name);
}

Type rt_super_type = {
    .name = "super",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Super),
    .trace = super_trace,
    .repr = super_repr,
    .getattr = super_getattr,
    .new = super_new,
    .descr_get = super_descr_get,
};

bool rt_descr_init(VM *vm)
{
    return rt_type_ready(vm, &rt_getset_type) && rt_type_ready(vm, &rt_slotwrapper_type) &&
           rt_type_ready(vm, &rt_staticmethod_type) && rt_type_ready(vm, &rt_classmethod_type) &&
           rt_type_ready(vm, &rt_property_type) && rt_type_ready(vm, &rt_super_type) &&
           rt_type_ready(vm, &rt_member_type) && rt_union_init(vm) &&
           rt_add_methods(vm, &rt_property_type, property_methods);
}
