/* runtime/func.c — functions, native functions, bound methods, cells,
 * modules, tracebacks. */
#include <stdlib.h>
#include <string.h>

#include "runtime/frameobject.h"

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/code.h"

static Value attr_error(VM *vm, Value obj, Value name)
{
    return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                    rt_type_name(obj), v_cstr(name));
}

static bool name_is(Value name, const char *s) { return strcmp(v_cstr(name), s) == 0; }

/* ---- function ---------------------------------------------------------------- */

static void function_trace(VM *vm, Obj *o)
{
    Function *f = (Function *)o;
    rt_gc_mark_obj(vm, (Obj *)f->code);
    rt_gc_mark_obj(vm, (Obj *)f->globals);
    rt_gc_mark_obj(vm, (Obj *)f->builtins);
    rt_gc_mark(vm, f->name);
    rt_gc_mark(vm, f->qualname);
    rt_gc_mark(vm, f->module);
    rt_gc_mark(vm, f->doc);
    rt_gc_mark(vm, f->defaults);
    rt_gc_mark(vm, f->kwdefaults);
    rt_gc_mark(vm, f->closure);
    rt_gc_mark_obj(vm, (Obj *)f->dict);
    rt_gc_mark(vm, f->annotations);
}

static Value function_repr(VM *vm, Value v)
{
    Function *f = (Function *)v_obj(v);
    return rt_str_printf(vm, "<function %s at %p>", v_is_str(f->qualname) ? v_cstr(f->qualname) : "?",
                         (void *)f);
}

static Value function_descr_get(VM *vm, Value descr, Value obj, Type *owner)
{
    if (!obj || obj == rt_None)
        return descr;
    return rt_method_new(vm, descr, obj);
}

static Value none_if_null(Value v) { return v ? v : rt_None; }

static Value function_getattr(VM *vm, Value obj, Value name)
{
    Function *f = (Function *)v_obj(obj);
    const char *s = v_cstr(name);
    if (s[0] == '_' && s[1] == '_') {
        if (!strcmp(s, "__name__"))
            return f->name;
        if (!strcmp(s, "__qualname__"))
            return f->qualname;
        if (!strcmp(s, "__module__"))
            return none_if_null(f->module);
        if (!strcmp(s, "__doc__"))
            return none_if_null(f->doc);
        if (!strcmp(s, "__defaults__"))
            return none_if_null(f->defaults);
        if (!strcmp(s, "__kwdefaults__"))
            return none_if_null(f->kwdefaults);
        if (!strcmp(s, "__code__"))
            return v_from(f->code);
        if (!strcmp(s, "__globals__"))
            return v_from(f->globals);
        if (!strcmp(s, "__builtins__"))
            return v_from(f->builtins);
        if (!strcmp(s, "__closure__"))
            return none_if_null(f->closure);
        if (!strcmp(s, "__annotations__")) {
            if (!f->annotations && !(f->annotations = v_from(rt_dict_alloc(vm))))
                return VNULL;
            return f->annotations;
        }
        if (!strcmp(s, "__dict__")) {
            if (!f->dict && !(f->dict = rt_dict_alloc(vm)))
                return VNULL;
            return v_from(f->dict);
        }
    }
    if (f->dict) {
        Value v = rt_dict_get_str(f->dict, name);
        if (v)
            return v;
    }
    Value d = rt_lookup_type_attr(&rt_function_type, name);
    if (d) {
        Type *dt = v_type(d);
        return dt->descr_get ? dt->descr_get(vm, d, obj, &rt_function_type) : d;
    }
    return attr_error(vm, obj, name);
}

/* __defaults__ / __kwdefaults__: None or a deletion clears the slot, else v must be of type t. */
static int set_defaults(VM *vm, Value *slot, Value v, Type *t, const char *msg)
{
    if (v && v != rt_None && !v_is(v, t)) {
        rt_raise(vm, &rt_exc_TypeError, msg);
        return -1;
    }
    *slot = (v == rt_None) ? VNULL : v;
    return 0;
}

static int function_setattr(VM *vm, Value obj, Value name, Value v)
{
    Function *f = (Function *)v_obj(obj);
    const char *s = v_cstr(name);
    if (s[0] == '_' && s[1] == '_') {
        if (!strcmp(s, "__name__") || !strcmp(s, "__qualname__")) {
            if (!v || !v_is_str(v)) {
                rt_raise(vm, &rt_exc_TypeError, "%s must be set to a string object", s);
                return -1;
            }
            if (s[2] == 'n')
                f->name = v;
            else
                f->qualname = v;
            return 0;
        }
        if (!strcmp(s, "__module__")) {
            f->module = v ? v : rt_None;
            return 0;
        }
        if (!strcmp(s, "__doc__")) {
            f->doc = v ? v : rt_None;
            return 0;
        }
        if (!strcmp(s, "__defaults__"))
            return set_defaults(vm, &f->defaults, v, &rt_tuple_type, "__defaults__ must be set to a tuple object");
        if (!strcmp(s, "__kwdefaults__"))
            return set_defaults(vm, &f->kwdefaults, v, &rt_dict_type,
                                "__kwdefaults__ must be set to a dict object");
        if (!strcmp(s, "__annotations__"))
            return set_defaults(vm, &f->annotations, v, &rt_dict_type,
                                "__annotations__ must be set to a dict object");
        if (!strcmp(s, "__closure__") || !strcmp(s, "__globals__") ||
            !strcmp(s, "__builtins__")) {
            rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
            return -1;
        }
        if (!strcmp(s, "__code__")) {
            if (!v || !v_is(v, &rt_code_type)) {
                rt_raise(vm, &rt_exc_TypeError, "__code__ must be set to a code object");
                return -1;
            }
            Code *c = (Code *)v_obj(v);
            size_t have = f->closure ? v_tuple(f->closure)->len : 0;
            if (c->nfrees != have) {
                rt_raise(vm, &rt_exc_ValueError,
                         "%s() requires a code object with %zu free vars, not %u",
                         v_is_str(f->name) ? v_cstr(f->name) : "?", have, c->nfrees);
                return -1;
            }
            f->code = c;
            return 0;
        }
        if (!strcmp(s, "__dict__") && !v) {
            rt_raise(vm, &rt_exc_TypeError, "cannot delete __dict__");
            return -1;
        }
        if (!strcmp(s, "__dict__")) {
            if (!v || !v_is(v, &rt_dict_type)) {
                rt_raise(vm, &rt_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                         v ? rt_type_name(v) : "NoneType");
                return -1;
            }
            f->dict = v_dict(v);
            return 0;
        }
    }
    if (!v) {
        int r = f->dict ? rt_dict_del(vm, f->dict, name) : 0;
        if (r == 0) {
            attr_error(vm, obj, name);
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    if (!f->dict && !(f->dict = rt_dict_alloc(vm)))
        return -1;
    return rt_dict_set(vm, f->dict, name, v) ? 0 : -1;
}

/* The special attributes as descriptors of the type too (function_getattr
 * answers them first; these make them visible to dir() and the type's
 * __dict__). */
#define FA(n)                                                                         \
    static Value get_fa_##n(VM *vm, Value self)                                       \
    {                                                                                 \
        return function_getattr(vm, self, rt_str_intern_cstr(vm, #n));                \
    }                                                                                 \
    static int set_fa_##n(VM *vm, Value self, Value v)                                \
    {                                                                                 \
        return function_setattr(vm, self, rt_str_intern_cstr(vm, #n), v);              \
    }
FA(__code__) FA(__defaults__) FA(__kwdefaults__) FA(__globals__) FA(__builtins__)
FA(__closure__) FA(__name__) FA(__qualname__) FA(__module__) FA(__dict__)
#undef FA
#define FA(n) {#n, get_fa_##n, set_fa_##n},
static const GetSetDef function_getsets[] = {
    FA(__code__) FA(__defaults__) FA(__kwdefaults__) FA(__globals__) FA(__builtins__)
    FA(__closure__) FA(__name__) FA(__qualname__) FA(__module__) FA(__dict__)
    {NULL, NULL, NULL},
};
#undef FA

/* function(code, globals, name=None, argdefs=None, closure=None), as
 * types.FunctionType. */
static Value function_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"code", "globals", "name", "argdefs", "closure", NULL};
    Value a[5];
    if (!rt_parse_args(vm, "function", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    if (!v_is(a[0], &rt_code_type))
        return rt_raise(vm, &rt_exc_TypeError, "function() argument 'code' must be code, not %s",
                        rt_type_name(a[0]));
    if (!v_is(a[1], &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError,
                        "function() argument 'globals' must be dict, not %s", rt_type_name(a[1]));
    Value name = a[2] && a[2] != rt_None ? a[2] : VNULL;
    if (name && !v_is_str(name))
        return rt_raise(vm, &rt_exc_TypeError, "arg 3 (name) must be None or string");
    Value defs = a[3] && a[3] != rt_None ? a[3] : VNULL;
    if (defs && !v_is(defs, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "arg 4 (defaults) must be None or tuple");
    Code *code = (Code *)v_obj(a[0]);
    Value closure = a[4] && a[4] != rt_None ? a[4] : VNULL;
    if (closure && !v_is(closure, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "arg 5 (closure) must be None or tuple");
    size_t nclosure = closure ? v_tuple(closure)->len : 0;
    if (code->nfrees && !closure)
        return rt_raise(vm, &rt_exc_TypeError, "arg 5 (closure) must be tuple");
    if (nclosure != code->nfrees)
        return rt_raise(vm, &rt_exc_ValueError, "%s requires closure of length %u, not %zu",
                        v_is_str(code->name) ? v_cstr(code->name) : "?", code->nfrees, nclosure);
    for (size_t i = 0; i < nclosure; i++)
        if (!v_is(v_tuple(closure)->items[i], &rt_cell_type))
            return rt_raise(vm, &rt_exc_TypeError, "arg 5 (closure) expected cell, found %s",
                            rt_type_name(v_tuple(closure)->items[i]));
    Value fv = rt_function_new(vm, code, v_dict(a[1]), VNULL);
    if (!fv)
        return VNULL;
    Function *f = (Function *)v_obj(fv);
    if (name)
        f->name = name;
    f->defaults = defs;
    f->closure = closure;
    /* CPython takes __builtins__ from the given globals, else the current ones. */
    Value b = rt_dict_get_str(v_dict(a[1]), vm->names.__builtins__);
    if (b && v_is(b, &rt_module_type))
        f->builtins = ((Module *)v_obj(b))->dict;
    else if (b && v_is(b, &rt_dict_type))
        f->builtins = v_dict(b);
    return fv;
}

Type rt_function_type = {
    .name = "function",
    .instance_size = sizeof(Function),
    .trace = function_trace,
    .repr = function_repr,
    .getattr = function_getattr,
    .setattr = function_setattr,
    /* .call: the eval loop binds arguments and runs the frame; vm_init
     * installs vm_call_function here (runtime/ does not call up into vm/). */
    .descr_get = function_descr_get,
    .new = function_new,
};

Value rt_function_new(VM *vm, Code *code, Dict *globals, Value qualname)
{
    Function *f = rt_alloc(vm, &rt_function_type, sizeof(Function));
    if (!f)
        return VNULL;
    f->code = code;
    f->globals = globals;
    f->builtins = vm->builtins;
    f->name = code->name;
    f->qualname = qualname ? qualname : code->qualname;
    Value mod = globals ? rt_dict_get_str(globals, vm->names.__name__) : VNULL;
    f->module = mod ? mod : rt_None;
    f->doc = rt_None;
    if ((code->flags & CO_HAS_DOCSTRING) && v_is(code->consts, &rt_tuple_type) &&
        v_tuple(code->consts)->len > 0)
        f->doc = v_tuple(code->consts)->items[0];
    return v_from(f);
}

/* ---- native functions ------------------------------------------------------------ */

static void native_trace(VM *vm, Obj *o)
{
    NativeFunction *f = (NativeFunction *)o;
    rt_gc_mark(vm, f->self);
    rt_gc_mark(vm, f->module);
}

/* For NF_METHOD descriptors, `module` holds the owner type (a Value). */
static Type *native_owner(NativeFunction *f)
{
    return (f->flags & (NF_METHOD | NF_CLASSMETHOD)) && f->module && v_is_obj(f->module) &&
                   rt_is_type(f->module)
               ? (Type *)v_obj(f->module)
               : NULL;
}

static Value native_repr(VM *vm, Value v)
{
    NativeFunction *f = (NativeFunction *)v_obj(v);
    if (f->self) {
        if (rt_is_type(f->self))
            return rt_str_printf(vm, "<built-in method %s of type object at %p>", f->name,
                                 (void *)v_obj(f->self));
        if (v_is(f->self, &rt_module_type)) {
            Value n = ((Module *)v_obj(f->self))->name;
            return rt_str_printf(vm, "<built-in function %s>", f->name);
            (void)n;
        }
        return rt_str_printf(vm, "<built-in method %s of %s object at %p>", f->name,
                             rt_type_name(f->self), (void *)f->self);
    }
    Type *owner = native_owner(f);
    if (owner)
        return rt_str_printf(vm, "<method '%s' of '%s' objects>", f->name, owner->name);
    return rt_str_printf(vm, "<built-in function %s>", f->name);
}

#define SMALL_ARGS 8

static Value native_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    NativeFunction *f = (NativeFunction *)v_obj(callable);
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (nkw && !(f->flags & NF_KEYWORDS)) {
        /* CPython names the function as _PyObject_FunctionStr does:
         * "list.append()", "_struct.pack()", "len()". */
        Type *owner = native_owner(f);
        const char *prefix = owner ? v_cstr(owner->qualname)
                             : f->module && v_is_str(f->module) &&
                                       strcmp(v_cstr(f->module), "builtins") != 0
                                 ? v_cstr(f->module)
                                 : NULL;
        if (prefix)
            return rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes no keyword arguments", prefix,
                            f->name);
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", f->name);
    }
    if (!nkw)
        kwnames = VNULL;
    if (!f->self) {
        if (f->flags & NF_METHOD) {
            Type *owner = native_owner(f);
            if (argc < 1)
                return rt_raise(vm, &rt_exc_TypeError,
                                "unbound method %s.%s() needs an argument",
                                owner ? owner->name : "?", f->name);
            if (owner && !rt_isinstance_type(argv[0], owner))
                return rt_raise(vm, &rt_exc_TypeError,
                                "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                                f->name, owner->name, rt_type_name(argv[0]));
        }
        return f->fn(vm, argc, argv, kwnames);
    }
    size_t total = (size_t)argc + nkw + 1;
    Value buf[SMALL_ARGS];
    Value *args = buf;
    if (total > SMALL_ARGS) {
        args = rt_malloc(vm, total * sizeof(Value));
        if (!args)
            return VNULL;
    }
    args[0] = f->self;
    if (total > 1) memcpy(args + 1, argv, (total - 1) * sizeof(Value)); /* argv may be NULL */
    Value r = f->fn(vm, argc + 1, args, kwnames);
    if (args != buf)
        rt_free(vm, args, total * sizeof(Value));
    return r;
}

static Value native_descr_get(VM *vm, Value descr, Value obj, Type *owner)
{
    NativeFunction *f = (NativeFunction *)v_obj(descr);
    if (f->self)
        return descr;
    if (f->flags & NF_CLASSMETHOD) {
        Type *t = obj ? v_type(obj) : owner;
        return rt_native_new(vm, f->name, f->fn, f->flags & ~(NF_METHOD | NF_CLASSMETHOD),
                             v_from(t));
    }
    if ((f->flags & NF_METHOD) && obj && obj != rt_None)
        return rt_native_new(vm, f->name, f->fn, f->flags & ~NF_METHOD, obj);
    if ((f->flags & NF_METHOD) && obj == rt_None && owner == &rt_none_type)
        return rt_native_new(vm, f->name, f->fn, f->flags & ~NF_METHOD, obj);
    return descr;
}

static Value native_getattr(VM *vm, Value obj, Value name)
{
    NativeFunction *f = (NativeFunction *)v_obj(obj);
    if (name_is(name, "__name__") || name_is(name, "__qualname__")) {
        Type *owner = native_owner(f);
        if (owner && name_is(name, "__qualname__"))
            return rt_str_printf(vm, "%s.%s", owner->name, f->name);
        return rt_str_from_cstr(vm, f->name);
    }
    if (name_is(name, "__self__"))
        return f->self ? f->self : rt_None;
    if (name_is(name, "__module__"))
        return (f->module && v_is_str(f->module)) ? f->module : rt_None;
    if (name_is(name, "__doc__"))
        return rt_None;
    return rt_generic_getattr(vm, obj, name);
}

static int64_t native_hash(VM *vm, Value v)
{
    NativeFunction *f = (NativeFunction *)v_obj(v);
    int64_t h = (int64_t)((uintptr_t)f->fn >> 4) ^ (int64_t)((uintptr_t)f->self >> 4);
    return h == -1 ? -2 : h;
}

static Value native_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !v_is(b, &rt_native_type))
        return rt_NotImplemented;
    NativeFunction *x = (NativeFunction *)v_obj(a), *y = (NativeFunction *)v_obj(b);
    bool eq = x->fn == y->fn && x->self == y->self;
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

Type rt_native_type = {
    .name = "builtin_function_or_method",
    .instance_size = sizeof(NativeFunction),
    .trace = native_trace,
    .repr = native_repr,
    .hash = native_hash,
    .richcompare = native_richcompare,
    .getattr = native_getattr,
    .call = native_call,
    .descr_get = native_descr_get,
};

Value rt_native_new(VM *vm, const char *name, NativeFn fn, uint32_t flags, Value self)
{
    NativeFunction *f = rt_alloc(vm, &rt_native_type, sizeof(NativeFunction));
    if (!f)
        return VNULL;
    f->name = name;
    f->fn = fn;
    f->flags = flags;
    f->self = self;
    return v_from(f);
}

bool rt_add_functions(VM *vm, Dict *d, const NativeDef *defs, Value module_name)
{
    for (; defs->name; defs++) {
        Value f = rt_native_new(vm, defs->name, defs->fn, defs->flags & NF_KEYWORDS, VNULL);
        if (!f)
            return false;
        ((NativeFunction *)v_obj(f))->module = module_name;
        Value key = rt_str_intern_cstr(vm, defs->name);
        if (!key || !rt_dict_set_str(vm, d, key, f))
            return false;
    }
    return true;
}

bool rt_add_methods(VM *vm, Type *t, const NativeDef *defs)
{
    if (!t->dict && !rt_type_ready(vm, t))
        return false;
    for (; defs->name; defs++) {
        uint32_t flags = defs->flags;
        if (!(flags & NF_CLASSMETHOD))
            flags |= NF_METHOD;
        Value f = rt_native_new(vm, defs->name, defs->fn, flags, VNULL);
        if (!f)
            return false;
        ((NativeFunction *)v_obj(f))->module = v_from(t);
        Value key = rt_str_intern_cstr(vm, defs->name);
        if (!key || !rt_dict_set_str(vm, t->dict, key, f))
            return false;
    }
    rt_type_modified(vm, t, VNULL);
    return true;
}

/* ---- bound methods ------------------------------------------------------------------ */

static void method_trace(VM *vm, Obj *o)
{
    BoundMethod *m = (BoundMethod *)o;
    rt_gc_mark(vm, m->func);
    rt_gc_mark(vm, m->self);
}

static Value method_call(VM *vm, Value callable, int argc, Value *argv, Value kwnames)
{
    BoundMethod *m = (BoundMethod *)v_obj(callable);
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    size_t total = (size_t)argc + nkw + 1;
    Value buf[SMALL_ARGS];
    Value *args = buf;
    if (total > SMALL_ARGS) {
        args = rt_malloc(vm, total * sizeof(Value));
        if (!args)
            return VNULL;
    }
    args[0] = m->self;
    if (total > 1) memcpy(args + 1, argv, (total - 1) * sizeof(Value)); /* argv may be NULL */
    Value r = rt_call(vm, m->func, argc + 1, args, kwnames);
    if (args != buf)
        rt_free(vm, args, total * sizeof(Value));
    return r;
}

static Value method_repr(VM *vm, Value v)
{
    BoundMethod *m = (BoundMethod *)v_obj(v);
    Value qn = rt_getattr_opt(vm, m->func, vm->names.__qualname__);
    if (!qn && vm->exc)
        return VNULL;
    if (!qn || !v_is_str(qn))
        qn = rt_getattr_opt(vm, m->func, vm->names.__name__);
    if (!qn && vm->exc)
        return VNULL;
    Value r = rt_repr(vm, m->self);
    if (!r)
        return VNULL;
    return rt_str_printf(vm, "<bound method %s of %s>", qn && v_is_str(qn) ? v_cstr(qn) : "?",
                         v_cstr(r));
}

static Value method_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !v_is(b, &rt_method_type))
        return rt_NotImplemented;
    BoundMethod *x = (BoundMethod *)v_obj(a), *y = (BoundMethod *)v_obj(b);
    bool eq = x->self == y->self;
    if (eq) {
        int r = rt_eq(vm, x->func, y->func);
        if (r < 0)
            return VNULL;
        eq = r;
    }
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t method_hash(VM *vm, Value v)
{
    BoundMethod *m = (BoundMethod *)v_obj(v);
    int64_t a = rt_hash(vm, m->func);
    if (a == -1)
        return -1;
    int64_t h = a ^ (int64_t)((uintptr_t)m->self >> 4);
    return h == -1 ? -2 : h;
}

static Value method_getattr(VM *vm, Value obj, Value name)
{
    BoundMethod *m = (BoundMethod *)v_obj(obj);
    if (name_is(name, "__self__"))
        return m->self;
    if (name_is(name, "__func__"))
        return m->func;
    Value d = rt_lookup_type_attr(&rt_method_type, name);
    if (d)
        return d;
    return rt_getattr(vm, m->func, name);
}

/* types.MethodType(function, instance) */
static Value method_type_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "method() takes no keyword arguments");
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "method expected 2 arguments, got %d", argc);
    Type *ft = v_type(argv[0]);
    bool callable = ft->call && (!(ft->flags & TF_CLASS) ||
                                 rt_lookup_type_attr(ft, vm->names.__call__) != VNULL);
    if (!callable)
        return rt_raise(vm, &rt_exc_TypeError, "first argument must be callable");
    if (argv[1] == rt_None)
        return rt_raise(vm, &rt_exc_TypeError, "instance must not be None");
    return rt_method_new(vm, argv[0], argv[1]);
}

Type rt_method_type = {
    .name = "method",
    .new = method_type_new,
    .instance_size = sizeof(BoundMethod),
    .trace = method_trace,
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattr = method_getattr,
    .call = method_call,
};

Value rt_method_new(VM *vm, Value func, Value self)
{
    BoundMethod *m = rt_alloc(vm, &rt_method_type, sizeof(BoundMethod));
    if (!m)
        return VNULL;
    m->func = func;
    m->self = self;
    return v_from(m);
}

/* ---- cells -------------------------------------------------------------------------- */

static void cell_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Cell *)o)->v); }

static Value cell_repr(VM *vm, Value v)
{
    Cell *c = (Cell *)v_obj(v);
    if (!c->v)
        return rt_str_printf(vm, "<cell at %p: empty>", (void *)c);
    return rt_str_printf(vm, "<cell at %p: %s object at %p>", (void *)c, rt_type_name(c->v),
                         v_is_small(c->v) ? (void *)c->v : (void *)v_obj(c->v));
}

static Value cell_getattr(VM *vm, Value obj, Value name)
{
    if (name_is(name, "cell_contents")) {
        Cell *c = (Cell *)v_obj(obj);
        if (!c->v)
            return rt_raise(vm, &rt_exc_ValueError, "Cell is empty");
        return c->v;
    }
    return rt_generic_getattr(vm, obj, name);
}

/* cell([contents]) */
static Value cell_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (kwnames && v_tuple(kwnames)->len)
        return rt_raise(vm, &rt_exc_TypeError, "cell() takes no keyword arguments");
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "cell expected at most 1 argument, got %d", argc);
    return rt_cell_new(vm, argc ? argv[0] : VNULL);
}

static int cell_setattr(VM *vm, Value obj, Value name, Value v)
{
    if (name_is(name, "cell_contents")) {
        ((Cell *)v_obj(obj))->v = v; /* VNULL (del) empties it */
        return 0;
    }
    return rt_generic_setattr(vm, obj, name, v);
}

Type rt_cell_type = {
    .name = "cell",
    .instance_size = sizeof(Cell),
    .trace = cell_trace,
    .repr = cell_repr,
    .getattr = cell_getattr,
    .setattr = cell_setattr,
    .new = cell_new,
};

Value rt_cell_new(VM *vm, Value v)
{
    Cell *c = rt_alloc(vm, &rt_cell_type, sizeof(Cell));
    if (!c)
        return VNULL;
    c->v = v;
    return v_from(c);
}

/* ---- modules -------------------------------------------------------------------------- */

static void module_trace(VM *vm, Obj *o)
{
    Module *m = (Module *)o;
    rt_gc_mark_obj(vm, (Obj *)m->dict);
    rt_gc_mark(vm, m->name);
}

static Value module_repr(VM *vm, Value v)
{
    Module *m = (Module *)v_obj(v);
    Value name = m->dict ? rt_dict_get_str(m->dict, vm->names.__name__) : VNULL;
    if (!name || !v_is_str(name))
        name = m->name;
    Value nr = name && v_is_str(name) ? rt_str_repr(vm, name) : rt_str_from_cstr(vm, "'?'");
    if (!nr)
        return VNULL;
    Value file = m->dict ? rt_dict_get_str(m->dict, vm->names.__file__) : VNULL;
    if (file && v_is_str(file)) {
        Value fr = rt_str_repr(vm, file);
        if (!fr)
            return VNULL;
        return rt_str_printf(vm, "<module %s from %s>", v_cstr(nr), v_cstr(fr));
    }
    return rt_str_printf(vm, "<module %s (built-in)>", v_cstr(nr));
}

static Value module_getattr(VM *vm, Value obj, Value name)
{
    Module *m = (Module *)v_obj(obj);
    Value v = m->dict ? rt_dict_get_str(m->dict, name) : VNULL;
    if (v)
        return v;
    if (name == vm->names.__dict__ || name_is(name, "__dict__"))
        return v_from(m->dict);
    if (name == vm->names.__class__ || name_is(name, "__class__"))
        return v_from(&rt_module_type);
    Value d = rt_lookup_type_attr(&rt_module_type, name);
    if (d) {
        Type *dt = v_type(d);
        return dt->descr_get ? dt->descr_get(vm, d, obj, &rt_module_type) : d;
    }
    /* PEP 562 module __getattr__ */
    Value ga = m->dict ? rt_dict_get_str(m->dict, vm->names.__getattr__) : VNULL;
    if (ga)
        return rt_call1(vm, ga, name);
    Value mname = m->dict ? rt_dict_get_str(m->dict, vm->names.__name__) : VNULL;
    if (!mname || !v_is_str(mname))
        mname = m->name;
    return rt_raise(vm, &rt_exc_AttributeError, "module '%s' has no attribute '%s'",
                    mname && v_is_str(mname) ? v_cstr(mname) : "?", v_cstr(name));
}

static int module_setattr(VM *vm, Value obj, Value name, Value v)
{
    Module *m = (Module *)v_obj(obj);
    if (!v) {
        int r = rt_dict_del(vm, m->dict, name);
        if (r == 0) {
            Value mname = m->name;
            rt_raise(vm, &rt_exc_AttributeError, "module '%s' has no attribute '%s'",
                     mname && v_is_str(mname) ? v_cstr(mname) : "?", v_cstr(name));
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    return rt_dict_set(vm, m->dict, name, v) ? 0 : -1;
}

static Value module_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "module", argc, 1, 2))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "module() argument 'name' must be str, not %s",
                        rt_type_name(argv[0]));
    Value m = rt_module_new(vm, argv[0]);
    if (m && argc == 2 && !rt_dict_set_str(vm, ((Module *)v_obj(m))->dict, vm->names.__doc__, argv[1]))
        return VNULL;
    return m;
}

Type rt_module_type = {
    .name = "module",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Module),
    .trace = module_trace,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = module_setattr,
    .new = module_new,
};

Value rt_module_new(VM *vm, Value name)
{
    Module *m = rt_alloc(vm, &rt_module_type, sizeof(Module));
    if (!m)
        return VNULL;
    m->name = name;
    if (!(m->dict = rt_dict_alloc(vm)))
        return VNULL;
    if (!rt_dict_set_str(vm, m->dict, vm->names.__name__, name) ||
        !rt_dict_set_str(vm, m->dict, vm->names.__doc__, rt_None) ||
        !rt_dict_set_str(vm, m->dict, vm->names.__package__, rt_None) ||
        !rt_dict_set_str(vm, m->dict, vm->names.__loader__, rt_None) ||
        !rt_dict_set_str(vm, m->dict, vm->names.__spec__, rt_None))
        return VNULL;
    return v_from(m);
}

/* ---- tracebacks ---------------------------------------------------------------------- */

static void traceback_trace(VM *vm, Obj *o)
{
    Traceback *t = (Traceback *)o;
    rt_gc_mark(vm, t->next);
    rt_gc_mark_obj(vm, (Obj *)t->code);
    rt_gc_mark(vm, t->frame);
    if (t->hdr.aux & 1)
        rt_tb_state_trace(vm, t);
}

static Value traceback_getattr(VM *vm, Value obj, Value name)
{
    Traceback *t = (Traceback *)v_obj(obj);
    if (name_is(name, "tb_next"))
        return t->next ? t->next : rt_None;
    if (name_is(name, "tb_lineno"))
        return v_from_small(t->lineno);
    if (name_is(name, "tb_frame"))
        return rt_traceback_frame(vm, obj);
    if (name_is(name, "tb_lasti"))
        return v_from_small(t->lasti);
    if (name_is(name, "tb_code"))
        return v_from(t->code);
    return rt_generic_getattr(vm, obj, name);
}

/* Only tb_next is writable (unittest trims its own frames off a failure's
 * traceback this way); a new link must not make the chain loop. */
static int traceback_setattr(VM *vm, Value obj, Value name, Value v)
{
    if (name_is(name, "tb_next")) {
        if (!v) {
            rt_raise(vm, &rt_exc_TypeError, "can't delete tb_next attribute");
            return -1;
        }
        if (v != rt_None && !v_is(v, &rt_traceback_type)) {
            rt_raise(vm, &rt_exc_TypeError, "expected traceback object, got '%s'", rt_type_name(v));
            return -1;
        }
        for (Value c = v; v_is(c, &rt_traceback_type); c = ((Traceback *)v_obj(c))->next)
            if (c == obj) {
                rt_raise(vm, &rt_exc_ValueError, "traceback loop detected");
                return -1;
            }
        ((Traceback *)v_obj(obj))->next = v;
        return 0;
    }
    if (name_is(name, "tb_lineno") || name_is(name, "tb_frame") || name_is(name, "tb_lasti")) {
        rt_raise(vm, &rt_exc_AttributeError, "attribute '%s' of 'traceback' objects is not writable",
                 v_cstr(name));
        return -1;
    }
    return rt_generic_setattr(vm, obj, name, v);
}

Type rt_traceback_type = {
    .name = "traceback",
    .instance_size = sizeof(Traceback),
    .trace = traceback_trace,
    .getattr = traceback_getattr,
    .setattr = traceback_setattr,
};

/* ---- set-up ------------------------------------------------------------------------- */

bool rt_code_init(VM *vm);

bool rt_func_init(VM *vm)
{
    return rt_type_ready(vm, &rt_function_type) && rt_type_ready(vm, &rt_native_type) &&
           rt_type_ready(vm, &rt_method_type) && rt_type_ready(vm, &rt_cell_type) &&
           rt_type_ready(vm, &rt_module_type) && rt_type_ready(vm, &rt_traceback_type) &&
           rt_code_init(vm) && rt_frame_init(vm) &&
           rt_add_getsets(vm, &rt_function_type, function_getsets);
}
