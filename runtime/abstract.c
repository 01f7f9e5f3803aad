/* runtime/abstract.c — the generic operations of object.h, with CPython's
 * dispatch rules and messages. */
#include <stdlib.h>
#include <string.h>

#include "runtime/objimpl.h"

bool rt_enter_c(VM *vm, const char *where)
{
    if (__builtin_expect(vm->c_depth >= RT_C_RECURSION_LIMIT ||
                             vm->depth + vm->c_depth > vm->recursion_limit + 50,
                         0)) {
        rt_raise(vm, &rt_exc_RecursionError, "maximum recursion depth exceeded%s", where);
        return false;
    }
    vm->c_depth++;
    return true;
}

const char *rt_type_name(Value v) { return v_type(v)->name; }

bool rt_is_subtype(Type *a, Type *b)
{
    if (a == b)
        return true;
    /* Single inheritance all the way up (most types): the base chain is the
     * MRO, and following it skips the tuple. */
    if (a->flags & TF_LINEAR_MRO) {
        for (a = a->base; a; a = a->base)
            if (a == b)
                return true;
        return false;
    }
    if (a->mro) {
        Tuple *m = v_tuple(a->mro);
        for (size_t i = 1; i < m->len; i++)
            if (m->items[i] == v_from(b))
                return true;
        return false;
    }
    for (; a; a = a->base)
        if (a == b)
            return true;
    return false;
}

bool rt_isinstance_type(Value v, Type *t)
{
    Type *vt = v_type(v);
    return vt == t || rt_is_subtype(vt, t);
}

static bool is_type(Value v) { return rt_is_type(v); }

/* obj.__class__ when a class overrides it (proxies): VNULL otherwise. */
static Value class_override(VM *vm, Value v)
{
    Type *vt = v_type(v);
    if (!(vt->flags & TF_CLASS))
        return VNULL;
    Value d = rt_lookup_type_attr(vt, vm->names.__class__);
    if (!d || v_is(d, &rt_getset_type))
        return VNULL;
    Value c = rt_getattr_opt(vm, v, vm->names.__class__);
    return c && c != v_from(vt) && is_type(c) ? c : VNULL;
}

/* isinstance without __instancecheck__ (CPython's recursive_isinstance). */
int rt_isinstance_plain(VM *vm, Value v, Value cls)
{
    if (!is_type(cls)) {
        rt_raise(vm, &rt_exc_TypeError,
                 "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    if (rt_isinstance_type(v, (Type *)v_obj(cls)))
        return 1;
    Value c = class_override(vm, v);
    if (!c)
        return vm->exc ? -1 : 0;
    return rt_is_subtype((Type *)v_obj(c), (Type *)v_obj(cls));
}

int rt_isinstance(VM *vm, Value v, Value cls)
{
    if (v_from(v_type(v)) == cls)
        return 1;
    if (v_is_obj(cls) && v_obj(cls)->type == &rt_type_type)
        return rt_isinstance_plain(vm, v, cls);
    if (v_is(cls, &rt_tuple_type) || v_is(cls, &rt_union_type)) {
        Tuple *t = v_tuple(v_is(cls, &rt_tuple_type) ? cls : rt_union_args(cls));
        for (size_t i = 0; i < t->len; i++) {
            if (!rt_enter_c(vm, " in __instancecheck__"))
                return -1;
            int r = rt_isinstance(vm, v, t->items[i]);
            rt_leave_c(vm);
            if (r)
                return r;
        }
        return 0;
    }
    Value chk = rt_lookup_type_attr(v_type(cls), vm->names.__instancecheck__);
    if (chk) {
        if (!rt_enter_c(vm, " in __instancecheck__"))
            return -1;
        Value r = rt_call_with_self(vm, chk, cls, 1, &v, VNULL);
        rt_leave_c(vm);
        return r ? rt_truthy(vm, r) : -1;
    }
    return rt_isinstance_plain(vm, v, cls);
}

int rt_issubclass_plain(VM *vm, Value derived, Value cls)
{
    if (!is_type(derived)) {
        rt_raise(vm, &rt_exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    if (!is_type(cls)) {
        rt_raise(vm, &rt_exc_TypeError,
                 "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    return rt_is_subtype((Type *)v_obj(derived), (Type *)v_obj(cls));
}

int rt_issubclass(VM *vm, Value derived, Value cls)
{
    if (v_is_obj(cls) && v_obj(cls)->type == &rt_type_type && is_type(derived))
        return rt_is_subtype((Type *)v_obj(derived), (Type *)v_obj(cls));
    if (v_is(cls, &rt_tuple_type) || v_is(cls, &rt_union_type)) {
        Tuple *t = v_tuple(v_is(cls, &rt_tuple_type) ? cls : rt_union_args(cls));
        for (size_t i = 0; i < t->len; i++) {
            if (!rt_enter_c(vm, " in __subclasscheck__"))
                return -1;
            int r = rt_issubclass(vm, derived, t->items[i]);
            rt_leave_c(vm);
            if (r)
                return r;
        }
        return 0;
    }
    Value chk = rt_lookup_type_attr(v_type(cls), vm->names.__subclasscheck__);
    if (chk) {
        if (!rt_enter_c(vm, " in __subclasscheck__"))
            return -1;
        Value r = rt_call_with_self(vm, chk, cls, 1, &derived, VNULL);
        rt_leave_c(vm);
        return r ? rt_truthy(vm, r) : -1;
    }
    return rt_issubclass_plain(vm, derived, cls);
}

/* ---- repr / str / hash / truth ------------------------------------------------ */

Value rt_repr(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (!t->repr)
        return rt_str_printf(vm, "<%s object at %p>", t->name, (void *)v);
    if (!rt_enter_c(vm, " while getting the repr of an object"))
        return VNULL;
    Value r = t->repr(vm, v);
    rt_leave_c(vm);
    return r;
}

Value rt_str(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (t == &rt_str_type)
        return v;
    if (!t->str)
        return rt_repr(vm, v);
    if (!rt_enter_c(vm, " while getting the str of an object"))
        return VNULL;
    Value r = t->str(vm, v);
    rt_leave_c(vm);
    return r;
}

Value rt_ascii(VM *vm, Value v)
{
    Value r = rt_repr(vm, v);
    if (!r)
        return VNULL;
    Str *s = v_str(r);
    if (s->ascii)
        return r;
    StrBuf b;
    sb_init(&b);
    const char *p = s->data, *end = s->data + s->len;
    while (p < end) {
        uint32_t cp;
        size_t n = rt_utf8_decode(p, (size_t)(end - p), &cp);
        if (n == 0) {
            cp = (unsigned char)*p;
            n = 1;
        }
        p += n;
        bool ok;
        if (cp < 0x80)
            ok = sb_addc(vm, &b, (char)cp);
        else if (cp < 0x100)
            ok = sb_printf(vm, &b, "\\x%02x", cp);
        else if (cp < 0x10000)
            ok = sb_printf(vm, &b, "\\u%04x", cp);
        else
            ok = sb_printf(vm, &b, "\\U%08x", cp);
        if (!ok) {
            sb_free(&b);
            return VNULL;
        }
    }
    return sb_finish(vm, &b);
}

int64_t rt_hash(VM *vm, Value v)
{
    if (v_is_small(v))
        return rt_int_hash(v);
    Type *t = v_type(v);
    if (t == &rt_str_type)
        return rt_str_hash(v);
    if (!t->hash) {
        rt_raise(vm, &rt_exc_TypeError, "unhashable type: '%s'", t->name);
        return -1;
    }
    return t->hash(vm, v);
}

int rt_truthy(VM *vm, Value v)
{
    if (v == rt_True)
        return 1;
    if (v == rt_False || v == rt_None)
        return 0;
    if (v_is_small(v))
        return v_small(v) != 0;
    Type *t = v_type(v);
    if (t->truth)
        return t->truth(vm, v);
    if (t->len) {
        int64_t n = t->len(vm, v);
        return n < 0 ? -1 : n != 0;
    }
    return 1;
}

/* ---- comparison ---------------------------------------------------------------- */

static const char *const cmp_syms[6] = {"<", "<=", "==", "!=", ">", ">="};
static const CmpOp reflected[6] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

static Value do_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    Type *ta = v_type(a), *tb = v_type(b);
    bool checked_reverse = false;
    if (ta != tb && tb->richcompare && rt_is_subtype(tb, ta)) {
        checked_reverse = true;
        Value r = tb->richcompare(vm, b, a, reflected[op]);
        if (r != rt_NotImplemented)
            return r;
    }
    if (ta->richcompare) {
        Value r = ta->richcompare(vm, a, b, op);
        if (r != rt_NotImplemented)
            return r;
    }
    if (!checked_reverse && tb->richcompare) {
        Value r = tb->richcompare(vm, b, a, reflected[op]);
        if (r != rt_NotImplemented)
            return r;
    }
    if (op == CMP_EQ)
        return rt_bool(a == b);
    if (op == CMP_NE)
        return rt_bool(a != b);
    return rt_raise(vm, &rt_exc_TypeError,
                    "'%s' not supported between instances of '%s' and '%s'", cmp_syms[op],
                    ta->name, tb->name);
}

Value rt_compare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!rt_enter_c(vm, " in comparison"))
        return VNULL;
    Value r = do_richcompare(vm, a, b, op);
    rt_leave_c(vm);
    return r;
}

int rt_compare_bool(VM *vm, Value a, Value b, CmpOp op)
{
    if (a == b) {
        if (op == CMP_EQ)
            return 1;
        if (op == CMP_NE)
            return 0;
    }
    Value r = rt_compare(vm, a, b, op);
    if (!r)
        return -1;
    if (r == rt_True)
        return 1;
    if (r == rt_False)
        return 0;
    return rt_truthy(vm, r);
}

int rt_eq(VM *vm, Value a, Value b)
{
    if (a == b)
        return 1;
    if (v_is_small(a) && v_is_small(b))
        return 0;
    Type *ta = v_type(a);
    if (ta == &rt_str_type && v_type(b) == &rt_str_type)
        return rt_str_equal(a, b);
    return rt_compare_bool(vm, a, b, CMP_EQ);
}

/* ---- arithmetic ------------------------------------------------------------------ */

static const char *const bin_syms[BIN__COUNT] = {
#define X(name, sym, d, r, i) sym,
    RT_BINOPS(X)
#undef X
};

static Value binary_op1(VM *vm, BinOp op, Value a, Value b)
{
    Type *ta = v_type(a), *tb = v_type(b);
    Value (*sa)(VM *, Value, Value) = ta->binop[op];
    Value (*sb)(VM *, Value, Value) = ta != tb ? tb->binop[op] : NULL;
    if (sb == sa)
        sb = NULL;
    if (sa) {
        if (sb && rt_is_subtype(tb, ta)) {
            Value r = sb(vm, a, b);
            if (r != rt_NotImplemented)
                return r;
            sb = NULL;
        }
        Value r = sa(vm, a, b);
        if (r != rt_NotImplemented)
            return r;
    }
    if (sb)
        return sb(vm, a, b);
    return rt_NotImplemented;
}

static Value binop_error(VM *vm, BinOp op, Value a, Value b, bool inplace)
{
    if (op == BIN_POW && !inplace)
        return rt_raise(vm, &rt_exc_TypeError,
                        "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                        rt_type_name(a), rt_type_name(b));
    return rt_raise(vm, &rt_exc_TypeError, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                    bin_syms[op], inplace ? "=" : "", rt_type_name(a), rt_type_name(b));
}

Value rt_binary_op(VM *vm, BinOp op, Value a, Value b)
{
    Value r = binary_op1(vm, op, a, b);
    if (r != rt_NotImplemented)
        return r;
    if (op == BIN_ADD && v_is_str(a) && !rt_isinstance_type(b, &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                        rt_type_name(b));
    if (op == BIN_ADD && v_is(a, &rt_list_type) && !rt_isinstance_type(b, &rt_list_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate list (not \"%s\") to list",
                        rt_type_name(b));
    if (op == BIN_ADD && v_is(a, &rt_tuple_type) && !rt_isinstance_type(b, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                        rt_type_name(b));
    if (op == BIN_MUL) {
        Type *ta = v_type(a), *tb = v_type(b);
        bool seq_a = ta == &rt_str_type || ta == &rt_list_type || ta == &rt_tuple_type ||
                     ta == &rt_bytes_type;
        bool seq_b = tb == &rt_str_type || tb == &rt_list_type || tb == &rt_tuple_type ||
                     tb == &rt_bytes_type;
        if (seq_a && !rt_is_int(b) && !rt_lookup_type_attr(tb, vm->names.__index__))
            return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                            tb->name);
        if (seq_b && !rt_is_int(a) && !rt_lookup_type_attr(ta, vm->names.__index__))
            return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                            ta->name);
    }
    return binop_error(vm, op, a, b, false);
}

Value rt_inplace_op(VM *vm, BinOp op, Value a, Value b)
{
    Type *ta = v_type(a);
    if (ta->inplace[op]) {
        Value r = ta->inplace[op](vm, a, b);
        if (r != rt_NotImplemented)
            return r;
    }
    Value r = binary_op1(vm, op, a, b);
    if (r != rt_NotImplemented)
        return r;
    if (op == BIN_ADD && v_is_str(a) && !rt_isinstance_type(b, &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                        rt_type_name(b));
    if (op == BIN_ADD && v_is(a, &rt_tuple_type) && !rt_isinstance_type(b, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                        rt_type_name(b));
    if (op == BIN_MUL && (v_is_str(a) || v_is(a, &rt_list_type) || v_is(a, &rt_tuple_type)))
        return rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                        rt_type_name(b));
    return binop_error(vm, op, a, b, true);
}

Value rt_unary_op(VM *vm, UnaryOp op, Value v)
{
    if (op == UN_NOT) {
        int t = rt_truthy(vm, v);
        return t < 0 ? VNULL : rt_bool(!t);
    }
    Type *t = v_type(v);
    if (t->unop[op])
        return t->unop[op](vm, v);
    static const char *const syms[3] = {"-", "+", "~"};
    return rt_raise(vm, &rt_exc_TypeError, "bad operand type for unary %s: '%s'", syms[op],
                    t->name);
}

/* ---- attributes ---------------------------------------------------------------------- */

static Value attr_error(VM *vm, Value obj, Value name)
{
    if (is_type(obj))
        return rt_raise(vm, &rt_exc_AttributeError, "type object '%s' has no attribute '%s'",
                        ((Type *)v_obj(obj))->name, v_cstr(name));
    return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                    rt_type_name(obj), v_cstr(name));
}

static Value check_name(VM *vm, Value name)
{
    if (!rt_isinstance_type(name, &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError, "attribute name must be string, not '%s'",
                        rt_type_name(name));
    return name;
}

/* Data descriptors on the type, the instance dict, then other class
 * attributes.  VNULL without exception: not found. */
static Value generic_lookup(VM *vm, Value obj, Value name, Type *t)
{
    Value descr = rt_lookup_type_attr(t, name);
    Type *dt = NULL;
    if (descr) {
        dt = v_type(descr);
        if (dt->descr_set && dt->descr_get)
            return dt->descr_get(vm, descr, obj, t);
    }
    Dict **dp = rt_instance_dict_ptr(obj);
    if (dp && *dp) {
        Value v = rt_dict_get_str(*dp, name);
        if (v)
            return v;
    }
    if (descr)
        return dt->descr_get ? dt->descr_get(vm, descr, obj, t) : descr;
    return VNULL;
}

static Value call_getattr_hook(VM *vm, Value obj, Value name, Type *t)
{
    Value ga = rt_lookup_type_attr(t, vm->names.__getattr__);
    if (!ga)
        return attr_error(vm, obj, name);
    return rt_call_with_self(vm, ga, obj, 1, &name, VNULL);
}

/* object.__getattribute__: no __getattr__ fallback. */
Value rt_object_getattribute(VM *vm, Value obj, Value name)
{
    Value r = generic_lookup(vm, obj, name, v_type(obj));
    return r || vm->exc ? r : attr_error(vm, obj, name);
}

Value rt_generic_getattr(VM *vm, Value obj, Value name)
{
    Type *t = v_type(obj);
    Value r = generic_lookup(vm, obj, name, t);
    if (__builtin_expect(r != VNULL, 1))
        return r;
    if (t->flags & TF_HAS_GETATTR) {
        if (!vm->exc || rt_exc_clear_if(vm, &rt_exc_AttributeError))
            return call_getattr_hook(vm, obj, name, t);
        return VNULL;
    }
    return vm->exc ? VNULL : attr_error(vm, obj, name);
}

Value rt_getattr(VM *vm, Value obj, Value name)
{
    if (!v_is_str(name) && !check_name(vm, name))
        return VNULL;
    Type *t = v_type(obj);
    if (t->getattr) {
        Value r = t->getattr(vm, obj, name);
        if (!r && (t->flags & TF_HAS_GETATTR) && rt_exc_clear_if(vm, &rt_exc_AttributeError))
            return call_getattr_hook(vm, obj, name, t);
        return r;
    }
    return rt_generic_getattr(vm, obj, name);
}

Value rt_getattr_cstr(VM *vm, Value obj, const char *name)
{
    Value n = rt_str_intern_cstr(vm, name);
    return n ? rt_getattr(vm, obj, n) : VNULL;
}

Value rt_getattr_opt(VM *vm, Value obj, Value name)
{
    Type *t = v_type(obj);
    if (!t->getattr && !(t->flags & TF_HAS_GETATTR) && v_is_str(name)) {
        /* No AttributeError object for a plain miss. */
        Value r = generic_lookup(vm, obj, name, t);
        if (!r && vm->exc && rt_exc_clear_if(vm, &rt_exc_AttributeError))
            return VNULL;
        return r;
    }
    Value r = rt_getattr(vm, obj, name);
    if (!r && rt_exc_clear_if(vm, &rt_exc_AttributeError))
        return VNULL;
    return r;
}

int rt_generic_setattr(VM *vm, Value obj, Value name, Value v)
{
    Type *t = v_type(obj);
    Value descr = rt_lookup_type_attr(t, name);
    if (descr) {
        Type *dt = v_type(descr);
        if (dt->descr_set)
            return dt->descr_set(vm, descr, obj, v);
    }
    Dict **dp = rt_instance_dict_ptr(obj);
    if (!dp) {
        if (descr)
            rt_raise(vm, &rt_exc_AttributeError, "'%s' object attribute '%s' is read-only",
                     t->name, v_cstr(name));
        else
            attr_error(vm, obj, name);
        return -1;
    }
    if (!v) {
        int r = *dp ? rt_dict_del(vm, *dp, name) : 0;
        if (r == 0) {
            attr_error(vm, obj, name);
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    if (!*dp && !(*dp = rt_dict_alloc(vm)))
        return -1;
    if (!v_str(name)->interned && v_is(name, &rt_str_type))
        name = rt_str_intern_value(vm, name);
    return rt_dict_set_str(vm, *dp, name, v) ? 0 : -1;
}

int rt_setattr(VM *vm, Value obj, Value name, Value v)
{
    if (!v_is_str(name) && !check_name(vm, name))
        return -1;
    Type *t = v_type(obj);
    if (t->setattr)
        return t->setattr(vm, obj, name, v);
    return rt_generic_setattr(vm, obj, name, v);
}

int rt_delattr(VM *vm, Value obj, Value name) { return rt_setattr(vm, obj, name, VNULL); }

/* ---- items ------------------------------------------------------------------------- */

Value rt_getitem(VM *vm, Value o, Value key)
{
    Type *t = v_type(o);
    if (t->getitem)
        return t->getitem(vm, o, key);
    if (is_type(o)) {
        /* type[int] is special-cased (CPython's PyObject_GetItem), so that
         * other classes do not inherit it from their metaclass. */
        if (o == v_from(&rt_type_type))
            return rt_generic_alias_new(vm, o, key);
        /* Class subscription: list[int] etc. */
        Value f = rt_lookup_type_attr((Type *)v_obj(o), rt_str_intern_cstr(vm, "__class_getitem__"));
        if (f) {
            Value b = rt_bind(vm, f, VNULL, (Type *)v_obj(o));
            return b ? rt_call1(vm, b, key) : VNULL;
        }
        return rt_raise(vm, &rt_exc_TypeError, "type '%s' is not subscriptable",
                        ((Type *)v_obj(o))->name);
    }
    return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int rt_setitem(VM *vm, Value o, Value key, Value v)
{
    Type *t = v_type(o);
    if (t->setitem)
        return t->setitem(vm, o, key, v);
    if (v)
        rt_raise(vm, &rt_exc_TypeError, "'%s' object does not support item assignment", t->name);
    else if (t->getitem && (v_is_small(key) || rt_is_int(key)))
        /* CPython's sequence path (an index key) words it so */
        rt_raise(vm, &rt_exc_TypeError, "'%s' object doesn't support item deletion", t->name);
    else
        rt_raise(vm, &rt_exc_TypeError, "'%s' object does not support item deletion", t->name);
    return -1;
}

int rt_delitem(VM *vm, Value o, Value key) { return rt_setitem(vm, o, key, VNULL); }

int64_t rt_len(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (t->len)
        return t->len(vm, v);
    rt_raise(vm, &rt_exc_TypeError, "object of type '%s' has no len()", t->name);
    return -1;
}

int rt_contains(VM *vm, Value container, Value item)
{
    Type *t = v_type(container);
    if (t->contains)
        return t->contains(vm, container, item);
    if (!t->iter && !t->getitem) {
        rt_raise(vm, &rt_exc_TypeError, "argument of type '%s' is not iterable", t->name);
        return -1;
    }
    Value it = rt_iter(vm, container);
    if (!it)
        return -1;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x)
            return vm->exc ? -1 : 0;
        int r = rt_eq(vm, x, item);
        if (r != 0)
            return r;
    }
}

Value rt_iter(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (t->iter)
        return t->iter(vm, v);
    if (t->getitem && !is_type(v))
        return rt_seq_iter_new(vm, v);
    return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not iterable", t->name);
}

Value rt_next(VM *vm, Value it)
{
    Type *t = v_type(it);
    if (t->next)
        return t->next(vm, it);
    return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not an iterator", t->name);
}

/* ---- calls --------------------------------------------------------------------------- */

Value rt_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    Type *t = v_type(callable);
    if (__builtin_expect(t->call != NULL, 1))
        return t->call(vm, callable, argc, argv, kwnames);
    return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not callable", t->name);
}

Value rt_call0(VM *vm, Value callable) { return rt_call(vm, callable, 0, NULL, VNULL); }
Value rt_call1(VM *vm, Value callable, Value a) { return rt_call(vm, callable, 1, &a, VNULL); }
Value rt_call2(VM *vm, Value callable, Value a, Value b)
{
    Value args[2] = {a, b};
    return rt_call(vm, callable, 2, args, VNULL);
}

Value rt_call_method(VM *vm, Value obj, const char *name, int argc, Value *argv)
{
    Value n = rt_str_intern_cstr(vm, name);
    if (!n)
        return VNULL;
    Type *t = v_type(obj);
    if (!t->getattr) {
        /* Avoid the bound method when the attribute is a plain method. */
        Value f = rt_lookup_type_attr(t, n);
        Dict **dp = rt_instance_dict_ptr(obj);
        bool shadowed = dp && *dp && rt_dict_get_str(*dp, n);
        if (f && !shadowed) {
            Type *ft = v_type(f);
            if (ft == &rt_function_type ||
                (ft == &rt_native_type && (((NativeFunction *)v_obj(f))->flags & NF_METHOD) &&
                 !((NativeFunction *)v_obj(f))->self))
                return rt_call_with_self(vm, f, obj, argc, argv, VNULL);
        }
    }
    Value m = rt_getattr(vm, obj, n);
    if (!m)
        return VNULL;
    return rt_call(vm, m, argc, argv, VNULL);
}

/* ---- numbers ------------------------------------------------------------------------- */

Value rt_index(VM *vm, Value v)
{
    if (v_is_small(v) || rt_is_int(v))
        return v;
    Value f = rt_lookup_type_attr(v_type(v), vm->names.__index__);
    if (!f)
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                        rt_type_name(v));
    Value r = rt_call_with_self(vm, f, v, 0, NULL, VNULL);
    if (r && !rt_is_int(r))
        return rt_raise(vm, &rt_exc_TypeError, "__index__ returned non-int (type %s)",
                        rt_type_name(r));
    return r;
}

bool rt_as_i64(VM *vm, Value v, int64_t *out)
{
    if (v_is_small(v)) {
        *out = v_small(v);
        return true;
    }
    if (v == rt_True || v == rt_False) {
        *out = v == rt_True;
        return true;
    }
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    if (v_is_small(i)) {
        *out = v_small(i);
        return true;
    }
    if (i == rt_True || i == rt_False) {
        *out = i == rt_True;
        return true;
    }
    /* bit_length 64 still fits when the value is -2**63. */
    if (rt_int_is_big(i) && rt_int_bit_length(i) <= 64) {
        bool overflow = false;
        double d = rt_int_to_double(vm, i, &overflow);
        /* bit_length < 64 fits; go through the exact path of rt_int_cmp */
        (void)d;
        int64_t lo = INT64_MIN, hi = INT64_MAX;
        Value vlo = rt_int_from_i64(vm, lo), vhi = rt_int_from_i64(vm, hi);
        if (vlo && vhi && rt_int_cmp(i, vlo) >= 0 && rt_int_cmp(i, vhi) <= 0) {
            /* exact conversion through the decimal repr */
            Value s = rt_int_repr(vm, i);
            if (!s)
                return false;
            *out = strtoll(v_cstr(s), NULL, 10);
            return true;
        }
    }
    rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
    return false;
}
