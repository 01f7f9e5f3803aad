/* stdlib/_operator.c — the _operator module behind CPython's operator.py,
 * after Modules/_operator.c: every function (the binary ones take exactly
 * two positional arguments, the unary ones are METH_O and say
 * "_operator.neg() takes exactly one argument"), and the itemgetter,
 * attrgetter and methodcaller types with their "operator.x(...)" reprs. */
#include <stdio.h>
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* Every function is registered with NF_KEYWORDS so the keyword message can
 * carry the module prefix, as CPython's does. */
static bool args_n(VM *vm, const char *name, int argc, Value kwnames, int n)
{
    char full[64];
    snprintf(full, sizeof full, "_operator.%s", name);
    if (!mp_no_kw(vm, full, kwnames))
        return false;
    if (n == 1)
        return rt_check_nargs(vm, full, argc, 1, 1);
    return mp_check_positional(vm, name, argc, n, n);
}

/* ---- arithmetic, comparison and logic ---------------------------------------------- */

#define BINOP_FN(pyname, op)                                                    \
    static Value op_##pyname(VM *vm, int argc, Value *argv, Value kwnames)      \
    {                                                                           \
        if (!args_n(vm, #pyname, argc, kwnames, 2))                             \
            return VNULL;                                                       \
        return rt_binary_op(vm, op, argv[0], argv[1]);                          \
    }
#define INPLACE_FN(pyname, op)                                                  \
    static Value op_##pyname(VM *vm, int argc, Value *argv, Value kwnames)      \
    {                                                                           \
        if (!args_n(vm, #pyname, argc, kwnames, 2))                             \
            return VNULL;                                                       \
        return rt_inplace_op(vm, op, argv[0], argv[1]);                         \
    }
#define CMP_FN(pyname, op)                                                      \
    static Value op_##pyname(VM *vm, int argc, Value *argv, Value kwnames)      \
    {                                                                           \
        if (!args_n(vm, #pyname, argc, kwnames, 2))                             \
            return VNULL;                                                       \
        return rt_compare(vm, argv[0], argv[1], op);                            \
    }
#define UNARY_FN(pyname, op)                                                    \
    static Value op_##pyname(VM *vm, int argc, Value *argv, Value kwnames)      \
    {                                                                           \
        if (!args_n(vm, #pyname, argc, kwnames, 1))                             \
            return VNULL;                                                       \
        return rt_unary_op(vm, op, argv[0]);                                    \
    }

BINOP_FN(add, BIN_ADD)
BINOP_FN(sub, BIN_SUB)
BINOP_FN(mul, BIN_MUL)
BINOP_FN(truediv, BIN_TRUEDIV)
BINOP_FN(floordiv, BIN_FLOORDIV)
BINOP_FN(mod, BIN_MOD)
BINOP_FN(pow, BIN_POW)
BINOP_FN(lshift, BIN_LSHIFT)
BINOP_FN(rshift, BIN_RSHIFT)
BINOP_FN(and_, BIN_AND)
BINOP_FN(or_, BIN_OR)
BINOP_FN(xor, BIN_XOR)
BINOP_FN(matmul, BIN_MATMUL)
INPLACE_FN(iadd, BIN_ADD)
INPLACE_FN(isub, BIN_SUB)
INPLACE_FN(imul, BIN_MUL)
INPLACE_FN(itruediv, BIN_TRUEDIV)
INPLACE_FN(ifloordiv, BIN_FLOORDIV)
INPLACE_FN(imod, BIN_MOD)
INPLACE_FN(ipow, BIN_POW)
INPLACE_FN(ilshift, BIN_LSHIFT)
INPLACE_FN(irshift, BIN_RSHIFT)
INPLACE_FN(iand, BIN_AND)
INPLACE_FN(ior, BIN_OR)
INPLACE_FN(ixor, BIN_XOR)
INPLACE_FN(imatmul, BIN_MATMUL)
CMP_FN(lt, CMP_LT)
CMP_FN(le, CMP_LE)
CMP_FN(eq, CMP_EQ)
CMP_FN(ne, CMP_NE)
CMP_FN(gt, CMP_GT)
CMP_FN(ge, CMP_GE)
UNARY_FN(neg, UN_NEG)
UNARY_FN(pos, UN_POS)
UNARY_FN(inv, UN_INVERT)
UNARY_FN(invert, UN_INVERT)

static Value op_abs(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "abs", argc, kwnames, 1))
        return VNULL;
    Value f = rt_dict_get_str(vm->builtins, rt_str_intern_cstr(vm, "abs"));
    return f ? rt_call1(vm, f, argv[0]) : rt_raise(vm, &rt_exc_RuntimeError, "lost builtins.abs");
}

static Value op_truth(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "truth", argc, kwnames, 1))
        return VNULL;
    int r = rt_truthy(vm, argv[0]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value op_not_(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "not_", argc, kwnames, 1))
        return VNULL;
    int r = rt_truthy(vm, argv[0]);
    return r < 0 ? VNULL : rt_bool(!r);
}

static Value op_index(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "index", argc, kwnames, 1))
        return VNULL;
    Value r = rt_index(vm, argv[0]);
    /* PyNumber_Index gives an exact int: True → 1. */
    return r == rt_True || r == rt_False ? v_from_small(r == rt_True) : r;
}

static Value op_is_(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "is_", argc, kwnames, 2))
        return VNULL;
    return rt_bool(argv[0] == argv[1]);
}

static Value op_is_not(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "is_not", argc, kwnames, 2))
        return VNULL;
    return rt_bool(argv[0] != argv[1]);
}

/* ---- sequences ---------------------------------------------------------------------- */

/* PySequence_Check: has __getitem__ and is not a dict. */
static bool is_sequence(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (rt_is_subtype(t, &rt_dict_type))
        return false;
    return t->getitem || rt_lookup_type_attr(t, vm->names.__getitem__);
}

static Value concat(VM *vm, const char *name, int argc, Value *argv, Value kwnames, bool inplace)
{
    if (!args_n(vm, name, argc, kwnames, 2))
        return VNULL;
    if (!is_sequence(vm, argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object can't be concatenated",
                        rt_type_name(argv[0]));
    return inplace ? rt_inplace_op(vm, BIN_ADD, argv[0], argv[1])
                   : rt_binary_op(vm, BIN_ADD, argv[0], argv[1]);
}

static Value op_concat(VM *vm, int argc, Value *argv, Value kwnames)
{
    return concat(vm, "concat", argc, argv, kwnames, false);
}

static Value op_iconcat(VM *vm, int argc, Value *argv, Value kwnames)
{
    return concat(vm, "iconcat", argc, argv, kwnames, true);
}

static Value op_contains(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "contains", argc, kwnames, 2))
        return VNULL;
    int r = rt_contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

/* countOf (count) and indexOf (!count): PySequence_Count / PySequence_Index. */
static Value count_or_index(VM *vm, Value seq, Value x, bool count)
{
    Value it = rt_iter(vm, seq);
    if (!it) {
        if (rt_exc_clear_if(vm, &rt_exc_TypeError))
            rt_raise(vm, &rt_exc_TypeError, "argument of type '%s' is not iterable",
                     rt_type_name(seq));
        return VNULL;
    }
    int64_t n = 0, i = 0;
    for (;; i++) {
        Value y = rt_next(vm, it);
        if (!y)
            break;
        int eq = rt_eq(vm, y, x);
        if (eq < 0)
            return VNULL;
        if (eq) {
            if (!count)
                return rt_int_from_i64(vm, i);
            n++;
        }
    }
    if (vm->exc)
        return VNULL;
    if (!count)
        return rt_raise(vm, &rt_exc_ValueError, "sequence.index(x): x not in sequence");
    return rt_int_from_i64(vm, n);
}

static Value op_countOf(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "countOf", argc, kwnames, 2))
        return VNULL;
    return count_or_index(vm, argv[0], argv[1], true);
}

static Value op_indexOf(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "indexOf", argc, kwnames, 2))
        return VNULL;
    return count_or_index(vm, argv[0], argv[1], false);
}

static Value op_getitem(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "getitem", argc, kwnames, 2))
        return VNULL;
    return rt_getitem(vm, argv[0], argv[1]);
}

static Value op_setitem(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "setitem", argc, kwnames, 3))
        return VNULL;
    return rt_setitem(vm, argv[0], argv[1], argv[2]) < 0 ? VNULL : rt_None;
}

static Value op_delitem(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "delitem", argc, kwnames, 2))
        return VNULL;
    return rt_delitem(vm, argv[0], argv[1]) < 0 ? VNULL : rt_None;
}

/* PyObject_LengthHint: len() if the type has it, else __length_hint__,
 * else the default. */
static Value op_length_hint(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "_operator.length_hint", kwnames) ||
        !mp_check_positional(vm, "length_hint", argc, 1, 2))
        return VNULL;
    int64_t dflt = 0;
    if (argc == 2 && !mp_as_ssize(vm, argv[1], &dflt))
        return VNULL;
    Value o = argv[0];
    if (v_type(o)->len) {
        int64_t n = rt_len(vm, o);
        if (n >= 0)
            return rt_int_from_i64(vm, n);
        if (!rt_exc_clear_if(vm, &rt_exc_TypeError))
            return VNULL;
    }
    Value hint = rt_lookup_special(vm, o, rt_str_intern_cstr(vm, "__length_hint__"));
    if (!hint) {
        if (vm->exc)
            return VNULL;
        return rt_int_from_i64(vm, dflt);
    }
    Value r = rt_call0(vm, hint);
    if (!r) {
        if (!rt_exc_clear_if(vm, &rt_exc_TypeError))
            return VNULL;
        return rt_int_from_i64(vm, dflt);
    }
    if (r == rt_NotImplemented)
        return rt_int_from_i64(vm, dflt);
    if (!rt_is_int(r))
        return rt_raise(vm, &rt_exc_TypeError, "__length_hint__ must be an integer, not %s",
                        rt_type_name(r));
    int64_t n;
    if (!mp_as_ssize(vm, r, &n))
        return VNULL;
    if (n < 0)
        return rt_raise(vm, &rt_exc_ValueError, "__length_hint__() should return >= 0");
    return rt_int_from_i64(vm, n);
}

static Value op_call(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "call", argc, 1, INT32_MAX))
        return VNULL;
    return rt_call(vm, argv[0], argc - 1, argv + 1, kwnames);
}

/* Constant-time comparison (for hmac): ASCII strs or bytes. */
static Value op_compare_digest(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!args_n(vm, "_compare_digest", argc, kwnames, 2))
        return VNULL;
    Value a = argv[0], b = argv[1];
    const uint8_t *pa, *pb;
    size_t na, nb;
    if (v_is_str(a) && v_is_str(b)) {
        if (!v_str(a)->ascii || !v_str(b)->ascii)
            return rt_raise(vm, &rt_exc_TypeError,
                            "comparing strings with non-ASCII characters is not supported");
        pa = (const uint8_t *)v_cstr(a), na = v_str(a)->len;
        pb = (const uint8_t *)v_cstr(b), nb = v_str(b)->len;
    } else {
        bool ba = rt_isinstance_type(a, &rt_bytes_type), bb = rt_isinstance_type(b, &rt_bytes_type);
        if (!ba && !bb)
            return rt_raise(vm, &rt_exc_TypeError,
                            "unsupported operand types(s) or combination of types: '%s' and '%s'",
                            rt_type_name(a), rt_type_name(b));
        if (!ba || !bb)
            return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                            rt_type_name(ba ? b : a));
        Bytes *x = (Bytes *)v_obj(a), *y = (Bytes *)v_obj(b);
        pa = x->data, na = x->len, pb = y->data, nb = y->len;
    }
    /* Loop over b's length whatever a's is, so timing depends on b only. */
    const uint8_t *left = na == nb ? pa : pb;
    unsigned result = na == nb ? 0 : 1;
    for (size_t i = 0; i < nb; i++)
        result |= (unsigned)(left[i] ^ pb[i]);
    return rt_bool(result == 0);
}

/* ---- itemgetter, attrgetter, methodcaller ----------------------------------------- */

typedef struct Getter {
    Obj hdr;
    Value items;   /* tuple: items / attribute paths (tuples of interned strs) / call args */
    Value name;    /* methodcaller: the method name */
    Value kwargs;  /* methodcaller: dict */
} Getter;

static void getter_trace(VM *vm, Obj *o)
{
    Getter *g = (Getter *)o;
    rt_gc_mark(vm, g->items);
    rt_gc_mark(vm, g->name);
    rt_gc_mark(vm, g->kwargs);
}

static Type itemgetter_type, attrgetter_type, methodcaller_type;

static bool getter_call_args(VM *vm, const char *name, int argc, Value kwnames)
{
    return mp_no_kw(vm, name, kwnames) && mp_check_positional(vm, name, argc, 1, 1);
}

static Value itemgetter_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    if (!getter_call_args(vm, "itemgetter", argc, kwnames))
        return VNULL;
    Getter *g = (Getter *)v_obj(self);
    Tuple *items = v_tuple(g->items);
    if (items->len == 1)
        return rt_getitem(vm, argv[0], items->items[0]);
    Value r = rt_tuple_new(vm, items->len);
    for (size_t i = 0; r && i < items->len; i++) {
        Value x = rt_getitem(vm, argv[0], items->items[i]);
        if (!x)
            return VNULL;
        v_tuple(r)->items[i] = x;
    }
    return r;
}

static Value getter_new(VM *vm, Type *t, Value items)
{
    Getter *g = rt_alloc(vm, t, sizeof(Getter));
    if (!g)
        return VNULL;
    g->items = items;
    return v_from(g);
}

static Value itemgetter_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    /* No items at all is reported as "expected 1 argument", as CPython does. */
    if (!mp_no_kw(vm, "itemgetter", kwnames) ||
        !mp_check_positional(vm, "itemgetter", argc, 1, argc ? INT32_MAX : 1))
        return VNULL;
    Value items = rt_tuple_from(vm, (size_t)argc, argv);
    return items ? getter_new(vm, &itemgetter_type, items) : VNULL;
}

/* repr of the getter's items: "(x)" for one, the tuple's repr otherwise. */
static Value items_repr(VM *vm, Value items)
{
    Tuple *t = v_tuple(items);
    if (t->len != 1)
        return rt_repr(vm, items);
    Value r = rt_repr(vm, t->items[0]);
    return r ? rt_str_printf(vm, "(%s)", v_cstr(r)) : VNULL;
}

static Value itemgetter_repr(VM *vm, Value self)
{
    Value r = items_repr(vm, ((Getter *)v_obj(self))->items);
    return r ? rt_str_printf(vm, "%s%s", v_type(self)->name, v_cstr(r)) : VNULL;
}

static Value attrgetter_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    if (!getter_call_args(vm, "attrgetter", argc, kwnames))
        return VNULL;
    Tuple *paths = v_tuple(((Getter *)v_obj(self))->items);
    Value r = paths->len == 1 ? VNULL : rt_tuple_new(vm, paths->len);
    if (paths->len != 1 && !r)
        return VNULL;
    for (size_t i = 0; i < paths->len; i++) {
        Tuple *path = v_tuple(paths->items[i]);
        Value x = argv[0];
        for (size_t k = 0; k < path->len && x; k++)
            x = rt_getattr(vm, x, path->items[k]);
        if (!x)
            return VNULL;
        if (!r)
            return x;
        v_tuple(r)->items[i] = x;
    }
    return r;
}

/* "a.b.c" → ('a', 'b', 'c'), each interned. */
static Value split_dotted(VM *vm, Value name)
{
    Value parts = rt_list_new(vm, 0);
    const char *s = v_cstr(name), *end = s + v_str(name)->len;
    while (parts) {
        const char *dot = memchr(s, '.', (size_t)(end - s));
        const char *stop = dot ? dot : end;
        Value part = rt_str_intern(vm, s, (size_t)(stop - s));
        if (!part || !rt_list_append(vm, parts, part))
            return VNULL;
        if (!dot)
            break;
        s = dot + 1;
    }
    return parts ? rt_tuple_from(vm, v_list(parts)->len, v_list(parts)->items) : VNULL;
}

static Value attrgetter_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    /* No items at all is reported as "expected 1 argument", as CPython does. */
    if (!mp_no_kw(vm, "attrgetter", kwnames) ||
        !mp_check_positional(vm, "attrgetter", argc, 1, argc ? INT32_MAX : 1))
        return VNULL;
    Value paths = rt_tuple_new(vm, (size_t)argc);
    if (!paths)
        return VNULL;
    for (int i = 0; i < argc; i++) {
        if (!v_is_str(argv[i]))
            return rt_raise(vm, &rt_exc_TypeError, "attribute name must be a string");
        Value p = split_dotted(vm, argv[i]);
        if (!p)
            return VNULL;
        v_tuple(paths)->items[i] = p;
    }
    return getter_new(vm, &attrgetter_type, paths);
}

static Value attrgetter_repr(VM *vm, Value self)
{
    Tuple *paths = v_tuple(((Getter *)v_obj(self))->items);
    Value names = rt_tuple_new(vm, paths->len);
    Value dot = names ? rt_str_intern_cstr(vm, ".") : VNULL;
    for (size_t i = 0; dot && i < paths->len; i++) {
        Value s = rt_str_join(vm, dot, paths->items[i]);
        if (!s)
            return VNULL;
        v_tuple(names)->items[i] = s;
    }
    Value r = dot ? items_repr(vm, names) : VNULL;
    return r ? rt_str_printf(vm, "%s%s", v_type(self)->name, v_cstr(r)) : VNULL;
}

static Value methodcaller_call(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    if (!getter_call_args(vm, "methodcaller", argc, kwnames))
        return VNULL;
    Getter *g = (Getter *)v_obj(self);
    Value m = rt_getattr(vm, argv[0], g->name);
    if (!m)
        return VNULL;
    Tuple *args = v_tuple(g->items);
    Dict *kw = v_dict(g->kwargs);
    if (kw->used == 0)
        return rt_call(vm, m, (int)args->len, args->items, VNULL);
    /* Positional values then keyword values, in a GC-visible tuple. */
    Value all = rt_tuple_new(vm, args->len + kw->used);
    Value names = all ? rt_tuple_new(vm, kw->used) : VNULL;
    if (!names)
        return VNULL;
    memcpy(v_tuple(all)->items, args->items, args->len * sizeof(Value));
    Value k, v;
    size_t i = 0;
    for (size_t pos = 0; rt_dict_next(kw, &pos, &k, &v); i++) {
        v_tuple(names)->items[i] = k;
        v_tuple(all)->items[args->len + i] = v;
    }
    return rt_call(vm, m, (int)args->len, v_tuple(all)->items, names);
}

static Value methodcaller_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError,
                        "methodcaller needs at least one argument, the method name");
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "method name must be a string");
    Value name = rt_str_intern_value(vm, argv[0]);
    Value args = name ? rt_tuple_from(vm, (size_t)argc - 1, argv + 1) : VNULL;
    Value kw = args ? rt_dict_new(vm) : VNULL;
    if (!kw)
        return VNULL;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, v_dict(kw), v_tuple(kwnames)->items[i], argv[argc + i]))
            return VNULL;
    Value g = getter_new(vm, &methodcaller_type, args);
    if (!g)
        return VNULL;
    ((Getter *)v_obj(g))->name = name;
    ((Getter *)v_obj(g))->kwargs = kw;
    return g;
}

static Value methodcaller_repr(VM *vm, Value self)
{
    Getter *g = (Getter *)v_obj(self);
    StrBuf b;
    sb_init(&b);
    Value r = rt_repr(vm, g->name);
    bool ok = r && sb_adds(vm, &b, v_type(self)->name) && sb_addc(vm, &b, '(') &&
              sb_add_value_str(vm, &b, r);
    Tuple *args = v_tuple(g->items);
    for (size_t i = 0; ok && i < args->len; i++)
        ok = (r = rt_repr(vm, args->items[i])) && sb_adds(vm, &b, ", ") &&
             sb_add_value_str(vm, &b, r);
    Value k, v;
    for (size_t pos = 0; ok && rt_dict_next(v_dict(g->kwargs), &pos, &k, &v);)
        ok = (r = rt_repr(vm, v)) && sb_adds(vm, &b, ", ") && sb_add_value_str(vm, &b, k) &&
             sb_addc(vm, &b, '=') && sb_add_value_str(vm, &b, r);
    if (!ok || !sb_addc(vm, &b, ')')) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

/* __reduce__ of the three getters, as CPython's: (type, items), (type,
 * dotted names), (type, (name, *args)) or, with keywords,
 * (partial(type, name, **kwargs), args). */
static Value getter_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "__reduce__", argc - 1, 0, 0))
        return VNULL;
    Getter *g = (Getter *)v_obj(argv[0]);
    Value type = v_from(v_type(argv[0]));
    if (v_type(argv[0]) == &itemgetter_type)
        return rt_tuple_pack(vm, 2, type, g->items);
    if (v_type(argv[0]) == &attrgetter_type) {
        Tuple *paths = v_tuple(g->items);
        Value names = rt_tuple_new(vm, paths->len);
        Value dot = names ? rt_str_intern_cstr(vm, ".") : VNULL;
        for (size_t i = 0; dot && i < paths->len; i++)
            if (!(v_tuple(names)->items[i] = rt_str_join(vm, dot, paths->items[i])))
                return VNULL;
        return dot ? rt_tuple_pack(vm, 2, type, names) : VNULL;
    }
    Tuple *args = v_tuple(g->items);
    if (v_dict(g->kwargs)->used == 0) {
        Value all = rt_tuple_new(vm, args->len + 1);
        if (!all)
            return VNULL;
        v_tuple(all)->items[0] = g->name;
        memcpy(v_tuple(all)->items + 1, args->items, args->len * sizeof(Value));
        return rt_tuple_pack(vm, 2, type, all);
    }
    Value imp = rt_dict_get_cstr(vm, vm->builtins, "__import__");
    Value mod = imp ? rt_str_intern_cstr(vm, "functools") : VNULL;
    if (!mod || !(mod = rt_call(vm, imp, 1, &mod, VNULL)))
        return VNULL;
    Value partial = rt_getattr_cstr(vm, mod, "partial");
    Dict *kd = v_dict(g->kwargs);
    Value all = partial ? rt_tuple_new(vm, 2 + kd->used) : VNULL;
    Value names = all ? rt_tuple_new(vm, kd->used) : VNULL;
    if (!names)
        return VNULL;
    v_tuple(all)->items[0] = type;
    v_tuple(all)->items[1] = g->name;
    Value k, v;
    size_t i = 0;
    for (size_t pos = 0; rt_dict_next(kd, &pos, &k, &v) && i < kd->used; i++) {
        v_tuple(names)->items[i] = k;
        v_tuple(all)->items[2 + i] = v;
    }
    Value ctor = rt_call(vm, partial, 2, v_tuple(all)->items, names);
    return ctor ? rt_tuple_pack(vm, 2, ctor, g->items) : VNULL;
}

static const NativeDef getter_methods[] = {
    {"__reduce__", getter_reduce, 0},
    {NULL, NULL, 0},
};

#define GETTER_TYPE(var, pyname, callfn, reprfn, newfn)                                  \
    static Type var = {                                                                \
        .name = "operator." pyname, .instance_size = sizeof(Getter), .trace = getter_trace, \
        .call = callfn, .repr = reprfn, .new = newfn,                                   \
    }
GETTER_TYPE(itemgetter_type, "itemgetter", itemgetter_call, itemgetter_repr, itemgetter_new);
GETTER_TYPE(attrgetter_type, "attrgetter", attrgetter_call, attrgetter_repr, attrgetter_new);
GETTER_TYPE(methodcaller_type, "methodcaller", methodcaller_call, methodcaller_repr,
            methodcaller_new);

/* ---- the module -------------------------------------------------------------------- */

#define F(n) {#n, op_##n, NF_KEYWORDS}
static const NativeDef operator_functions[] = {
    F(abs), F(add), F(and_), F(call), F(concat), F(contains), F(countOf), F(delitem), F(eq),
    F(floordiv), F(ge), F(getitem), F(gt), F(iadd), F(iand), F(iconcat), F(ifloordiv),
    F(ilshift), F(imatmul), F(imod), F(imul), F(index), F(indexOf), F(inv), F(invert), F(ior),
    F(ipow), F(irshift), F(is_), F(is_not), F(isub), F(itruediv), F(ixor), F(le),
    F(length_hint), F(lshift), F(lt), F(matmul), F(mod), F(mul), F(ne), F(neg), F(not_), F(or_),
    F(pos), F(pow), F(rshift), F(setitem), F(sub), F(truediv), F(truth), F(xor),
    {"_compare_digest", op_compare_digest, NF_KEYWORDS},
    {NULL, NULL, 0},
};
#undef F

Value mp_operator_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_operator", &d);
    if (!m || !rt_add_functions(vm, d, operator_functions, rt_str_intern_cstr(vm, "_operator")))
        return VNULL;
    if (!mp_type_ready(vm, &itemgetter_type, d) || !mp_type_ready(vm, &attrgetter_type, d) ||
        !mp_type_ready(vm, &methodcaller_type, d))
        return VNULL;
    /* Once per process: the static types keep their dicts across imports. */
    if (!rt_dict_get_cstr(vm, itemgetter_type.dict, "__reduce__") &&
        (!rt_add_methods(vm, &itemgetter_type, getter_methods) ||
         !rt_add_methods(vm, &attrgetter_type, getter_methods) ||
         !rt_add_methods(vm, &methodcaller_type, getter_methods)))
        return VNULL;
    return m;
}
