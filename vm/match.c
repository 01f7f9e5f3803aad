/* vm/match.c — the run-time half of the match statement: the MATCH_*
 * opcodes' checks, with CPython 3.11's semantics and messages
 * (Python/ceval.c's match_class / match_keys and the MAPPING / SEQUENCE
 * type flags). */
#include <string.h>

#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "vm/frame.h"

/* isinstance(v, collections.abc.<name>) when that module has been
 * imported: the ABCs are how user classes (and registered ones) declare
 * themselves mappings or sequences.  0 when it is not loaded. */
static int abc_instance(VM *vm, Value v, const char *name)
{
    Value modname = rt_str_intern_cstr(vm, "collections.abc");
    if (!modname)
        return -1;
    Value mod = rt_dict_get_str(vm->modules, modname);
    if (!mod)
        return 0;
    Value cls = rt_getattr_cstr(vm, mod, name);
    if (!cls)
        return -1;
    return rt_isinstance(vm, v, cls);
}

/* Whether t or a builtin base of it is named one of names (the types
 * other modules define: CPython gives them the MAPPING / SEQUENCE flag). */
static bool builtin_named(Type *t, const char *const *names, size_t n)
{
    for (Type *b = t; b; b = b->base) {
        if (b->flags & TF_CLASS)
            continue;
        for (size_t i = 0; i < n; i++)
            if (strcmp(b->name, names[i]) == 0)
                return true;
    }
    return false;
}

int vm_match_mapping(VM *vm, Value subject)
{
    static const char *const mappings[] = {"mappingproxy"};
    if (rt_isinstance_type(subject, &rt_dict_type))
        return 1;
    if (rt_isinstance_type(subject, &rt_list_type) || rt_isinstance_type(subject, &rt_tuple_type) ||
        rt_isinstance_type(subject, &rt_str_type))
        return 0;
    if (builtin_named(v_type(subject), mappings, 1))
        return 1;
    return abc_instance(vm, subject, "Mapping");
}

int vm_match_sequence(VM *vm, Value subject)
{
    if (rt_isinstance_type(subject, &rt_list_type) || rt_isinstance_type(subject, &rt_tuple_type) ||
        rt_isinstance_type(subject, &rt_range_type))
        return 1;
    /* str, bytes and bytearray are sequences, but not for patterns. */
    if (rt_isinstance_type(subject, &rt_str_type) || rt_isinstance_type(subject, &rt_bytes_type) ||
        rt_isinstance_type(subject, &rt_dict_type))
        return 0;
    static const char *const not_seq[] = {"bytearray"};
    static const char *const seqs[] = {"memoryview", "array", "deque"};
    if (builtin_named(v_type(subject), not_seq, 1))
        return 0;
    if (builtin_named(v_type(subject), seqs, 3))
        return 1;
    return abc_instance(vm, subject, "Sequence");
}

/* A tuple of subject.get(key) for each key, None if one is missing. */
Value vm_match_keys(VM *vm, Value subject, Value keys)
{
    Tuple *kt = v_tuple(keys);
    Value values = rt_tuple_new(vm, kt->len);
    if (!values)
        return VNULL;
    Dict *seen = rt_dict_alloc(vm);
    if (!seen)
        return VNULL;
    bool plain = v_is(subject, &rt_dict_type);
    Value get = VNULL;
    if (!plain && !(get = rt_getattr_cstr(vm, subject, "get")))
        return VNULL;
    /* A marker no mapping holds: the seen dict itself. */
    Value dummy = v_from(seen);
    for (size_t i = 0; i < kt->len; i++) {
        Value key = kt->items[i];
        bool err = false;
        if (rt_dict_get(vm, seen, key, &err)) {
            Value r = rt_repr(vm, key);
            if (!r)
                return VNULL;
            return rt_raise(vm, &rt_exc_ValueError, "mapping pattern checks duplicate key (%s)", v_cstr(r));
        }
        if (err || !rt_dict_set(vm, seen, key, rt_True))
            return VNULL;
        Value v;
        if (plain) {
            v = rt_dict_get(vm, v_dict(subject), key, &err);
            if (err)
                return VNULL;
            if (!v)
                return rt_None;
        } else {
            v = rt_call2(vm, get, key, dummy);
            if (!v)
                return VNULL;
            if (v == dummy)
                return rt_None;
        }
        v_tuple(values)->items[i] = v;
    }
    return values;
}

/* Builtin types whose instances match themselves in `int(x)` (CPython's
 * _Py_TPFLAGS_MATCH_SELF); subclasses inherit it. */
static bool match_self(Type *t)
{
    static const char *const names[] = {"bool", "bytearray", "bytes", "dict", "float", "frozenset",
                                        "int", "list", "set", "str", "tuple"};
    return builtin_named(t, names, sizeof names / sizeof *names);
}

/* subject.name, recorded in seen; VNULL without an exception if missing. */
static Value class_attr(VM *vm, Type *cls, Value subject, Value name, Dict *seen)
{
    bool err = false;
    if (rt_dict_get(vm, seen, name, &err)) {
        Value r = rt_repr(vm, name);
        if (!r)
            return VNULL;
        return rt_raise(vm, &rt_exc_TypeError, "%s() got multiple sub-patterns for attribute %s",
                        cls->name, v_cstr(r));
    }
    if (err || !rt_dict_set(vm, seen, name, rt_True))
        return VNULL;
    Value v = rt_getattr(vm, subject, name);
    if (!v)
        rt_exc_clear_if(vm, &rt_exc_AttributeError);
    return v;
}

static Value positional_attrs(VM *vm, Type *cls, Value subject, uint32_t nargs, List *out, Dict *seen)
{
    Value match_args = rt_getattr_cstr(vm, v_from(cls), "__match_args__");
    bool self = false;
    if (match_args) {
        if (!v_is(match_args, &rt_tuple_type))
            return rt_raise(vm, &rt_exc_TypeError, "%s.__match_args__ must be a tuple (got %s)",
                            cls->name, rt_type_name(match_args));
    } else {
        if (!rt_exc_clear_if(vm, &rt_exc_AttributeError))
            return VNULL;
        match_args = rt_empty_tuple;
        self = match_self(cls);
    }
    size_t allowed = self ? 1 : v_tuple(match_args)->len;
    if (allowed < nargs)
        return rt_raise(vm, &rt_exc_TypeError, "%s() accepts %d positional sub-pattern%s (%d given)",
                        cls->name, (int)allowed, allowed == 1 ? "" : "s", (int)nargs);
    if (self)
        return rt_list_append(vm, v_from(out), subject) ? rt_True : VNULL;
    for (uint32_t i = 0; i < nargs; i++) {
        Value name = v_tuple(match_args)->items[i];
        if (!v_is(name, &rt_str_type))
            return rt_raise(vm, &rt_exc_TypeError, "__match_args__ elements must be strings (got %s)",
                            rt_type_name(name));
        Value v = class_attr(vm, cls, subject, name, seen);
        if (!v)
            return vm->exc ? VNULL : rt_None;
        if (!rt_list_append(vm, v_from(out), v))
            return VNULL;
    }
    return rt_True;
}

/* The tuple of sub-pattern values, rt_None for no match, VNULL on error. */
Value vm_match_class(VM *vm, Value subject, Value type, uint32_t nargs, Value names)
{
    if (!v_is_obj(type) || !rt_isinstance_type(type, &rt_type_type))
        return rt_raise(vm, &rt_exc_TypeError, "called match pattern must be a type");
    int r = rt_isinstance(vm, subject, type);
    if (r <= 0)
        return r < 0 ? VNULL : rt_None;
    Type *cls = (Type *)v_obj(type);
    Value out = rt_list_new(vm, 0);
    if (!out)
        return VNULL;
    Dict *seen = rt_dict_alloc(vm);
    if (!seen)
        return VNULL;
    if (nargs) {
        Value ok = positional_attrs(vm, cls, subject, nargs, v_list(out), seen);
        if (ok != rt_True)
            return ok;
    }
    Tuple *kw = v_tuple(names);
    for (size_t i = 0; i < kw->len; i++) {
        Value v = class_attr(vm, cls, subject, kw->items[i], seen);
        if (!v)
            return vm->exc ? VNULL : rt_None;
        if (!rt_list_append(vm, out, v))
            return VNULL;
    }
    List *l = v_list(out);
    return rt_tuple_from(vm, l->len, l->items);
}
