/* runtime/mappingproxy.c — types.MappingProxyType, the read-only view of a
 * mapping that a class's __dict__ is (after CPython's descrobject.c): reads
 * go to the mapping, writes are refused. */
#include <string.h>
#include "runtime/containers_int.h"
#include "runtime/objimpl.h"

typedef struct MappingProxy {
    Obj hdr;
    Value mapping;
} MappingProxy;

static Value MAP(Value v) { return ((MappingProxy *)v_obj(v))->mapping; }

static void mp_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((MappingProxy *)o)->mapping); }

Value rt_mappingproxy_new(VM *vm, Value mapping)
{
    MappingProxy *p = rt_alloc(vm, &rt_mappingproxy_type, sizeof(MappingProxy));
    if (!p) return VNULL;
    p->mapping = mapping;
    return v_from(p);
}

/* CPython's mappingproxy_check_mapping: a mapping, not a list or tuple. */
static Value mp_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"mapping", NULL};
    Value m;
    if (!rt_parse_args(vm, "mappingproxy", argc, argv, kwnames, names, 0, 1, &m)) return VNULL;
    Type *mt = v_type(m);
    bool mapping = mt->getitem && !rt_isinstance_type(m, &rt_list_type) &&
                   !rt_isinstance_type(m, &rt_tuple_type);
    if (!mapping)
        return rt_raise(vm, &rt_exc_TypeError, "mappingproxy() argument must be a mapping, not %s",
                        rt_type_name(m));
    return rt_mappingproxy_new(vm, m);
}

static Value mp_getitem(VM *vm, Value self, Value key) { return rt_getitem(vm, MAP(self), key); }
static int mp_contains(VM *vm, Value self, Value key) { return rt_contains(vm, MAP(self), key); }
static Value mp_iter(VM *vm, Value self) { return rt_iter(vm, MAP(self)); }

static int64_t mp_len(VM *vm, Value self)
{
    Value n = rt_call_method(vm, MAP(self), "__len__", 0, NULL);
    int64_t r;
    if (!n || !rt_as_i64(vm, n, &r)) return -1;
    return r;
}

static Value mp_repr(VM *vm, Value self)
{
    Value r = rt_repr(vm, MAP(self));
    return r ? rt_str_printf(vm, "mappingproxy(%s)", v_cstr(r)) : VNULL;
}

static Value mp_str(VM *vm, Value self) { return rt_str(vm, MAP(self)); }

static Value mp_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    return rt_compare(vm, MAP(a), v_is(b, &rt_mappingproxy_type) ? MAP(b) : b, op);
}

static Value mp_or(VM *vm, Value a, Value b)
{
    Value x = v_is(a, &rt_mappingproxy_type) ? MAP(a) : a;
    Value y = v_is(b, &rt_mappingproxy_type) ? MAP(b) : b;
    return rt_binary_op(vm, BIN_OR, x, y);
}

static Value mp_ior(VM *vm, Value a, Value b)
{
    return rt_raise(vm, &rt_exc_TypeError, "'|=' is not supported by mappingproxy; use '|' instead");
}

/* get/keys/values/items/copy/__reversed__ are the mapping's own. */
static Value forward(VM *vm, const char *name, int argc, Value *argv)
{
    return rt_call_method(vm, MAP(argv[0]), name, argc - 1, argv + 1);
}

static Value m_get(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "get", argc - 1, 1, 2)) return VNULL;
    return forward(vm, "get", argc, argv);
}
static Value m_keys(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "keys", argc - 1, 0, 0) ? forward(vm, "keys", argc, argv) : VNULL;
}
static Value m_values(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "values", argc - 1, 0, 0) ? forward(vm, "values", argc, argv) : VNULL;
}
static Value m_items(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "items", argc - 1, 0, 0) ? forward(vm, "items", argc, argv) : VNULL;
}
static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "copy", argc - 1, 0, 0) ? forward(vm, "copy", argc, argv) : VNULL;
}
static Value m_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__reversed__", argc - 1, 0, 0)) return VNULL;
    Value f = rt_dict_get_cstr(vm, vm->builtins, "reversed");
    return f ? rt_call(vm, f, 1, &((MappingProxy *)v_obj(argv[0]))->mapping, VNULL) : VNULL;
}

static const NativeDef mp_methods[] = {
    {"get", m_get, 0},
    {"keys", m_keys, 0},
    {"values", m_values, 0},
    {"items", m_items, 0},
    {"copy", m_copy, 0},
    {"__reversed__", m_reversed, 0},
    {NULL, NULL, 0},
};

Type rt_mappingproxy_type = {
    .name = "mappingproxy",
    .instance_size = sizeof(MappingProxy),
    .trace = mp_trace,
    .repr = mp_repr,
    .str = mp_str,
    .richcompare = mp_richcompare,
    .getitem = mp_getitem,
    .contains = mp_contains,
    .len = mp_len,
    .iter = mp_iter,
    .new = mp_new,
    .binop = {[BIN_OR] = mp_or},
    .inplace = {[BIN_OR] = mp_ior},
};

bool rt_mappingproxy_init(VM *vm)
{
    return rt_type_ready(vm, &rt_mappingproxy_type) &&
           rt_add_methods(vm, &rt_mappingproxy_type, mp_methods);
}
