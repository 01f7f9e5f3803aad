/* stdlib/_bisect.c — the _bisect module behind CPython's bisect.py, after
 * Modules/_bisectmodule.c: bisect_left/right and insort_left/right with
 * lo, hi and the keyword-only key, CPython's comparison order (x < a[mid]
 * for the right variants, a[mid] < x for the left ones) and messages. */
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

typedef struct BisectArgs {
    Value a, x, key;  /* key: VNULL for none */
    int64_t lo, hi;
} BisectArgs;

static bool parse_bisect(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                         BisectArgs *out)
{
    static const char *const names[] = {"a", "x", "lo", "hi", "key", NULL};
    Value v[5];
    if (argc > 4) {
        rt_raise(vm, &rt_exc_TypeError, "%s() takes at most 4 positional arguments (%d given)",
                 fname, argc);
        return false;
    }
    if (!rt_parse_args(vm, fname, argc, argv, kwnames, names, 0, 2, v))
        return false;
    out->a = v[0];
    out->x = v[1];
    out->key = v[4] && v[4] != rt_None ? v[4] : VNULL;
    out->lo = 0;
    out->hi = -1;
    if (v[2] && !mp_as_ssize(vm, v[2], &out->lo))
        return false;
    if (v[3] && v[3] != rt_None) {
        if (!rt_is_int(v[3]) && !rt_lookup_type_attr(v_type(v[3]), vm->names.__index__)) {
            rt_raise(vm, &rt_exc_TypeError, "argument should be integer or None, not '%s'",
                     rt_type_name(v[3]));
            return false;
        }
        if (!mp_as_ssize(vm, v[3], &out->hi))
            return false;
    }
    return true;
}

/* The insertion point of x in a[lo:hi]; -1 on error. */
static int64_t bisect(VM *vm, BisectArgs *b, Value x, bool right)
{
    int64_t lo = b->lo, hi = b->hi;
    if (lo < 0) {
        rt_raise(vm, &rt_exc_ValueError, "lo must be non-negative");
        return -1;
    }
    if (hi == -1 && (hi = rt_len(vm, b->a)) < 0)
        return -1;
    while (lo < hi) {
        /* The (size_t) cast keeps lo + hi from overflowing, as CPython's. */
        int64_t mid = (int64_t)(((uint64_t)lo + (uint64_t)hi) / 2);
        Value item = v_is(b->a, &rt_list_type) && mid < (int64_t)v_list(b->a)->len
                         ? v_list(b->a)->items[mid]
                         : rt_getitem(vm, b->a, rt_int_from_i64(vm, mid));
        if (!item)
            return -1;
        if (b->key && !(item = rt_call1(vm, b->key, item)))
            return -1;
        int lt = right ? rt_compare_bool(vm, x, item, CMP_LT) : rt_compare_bool(vm, item, x, CMP_LT);
        if (lt < 0)
            return -1;
        if (right ? lt : !lt)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static Value do_bisect(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, bool right)
{
    BisectArgs b;
    if (!parse_bisect(vm, fname, argc, argv, kwnames, &b))
        return VNULL;
    int64_t i = bisect(vm, &b, b.x, right);
    return i < 0 ? VNULL : rt_int_from_i64(vm, i);
}

static Value do_insort(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, bool right)
{
    BisectArgs b;
    if (!parse_bisect(vm, fname, argc, argv, kwnames, &b))
        return VNULL;
    Value kx = b.key ? rt_call1(vm, b.key, b.x) : b.x;
    if (!kx)
        return VNULL;
    int64_t i = bisect(vm, &b, kx, right);
    if (i < 0)
        return VNULL;
    Value args[2] = {rt_int_from_i64(vm, i), b.x};
    return rt_call_method(vm, b.a, "insert", 2, args) ? rt_None : VNULL;
}

static Value bisect_right(VM *vm, int argc, Value *argv, Value kw)
{
    return do_bisect(vm, "bisect_right", argc, argv, kw, true);
}

static Value bisect_left(VM *vm, int argc, Value *argv, Value kw)
{
    return do_bisect(vm, "bisect_left", argc, argv, kw, false);
}

static Value insort_right(VM *vm, int argc, Value *argv, Value kw)
{
    return do_insort(vm, "insort_right", argc, argv, kw, true);
}

static Value insort_left(VM *vm, int argc, Value *argv, Value kw)
{
    return do_insort(vm, "insort_left", argc, argv, kw, false);
}

static const NativeDef bisect_functions[] = {
    {"bisect_right", bisect_right, NF_KEYWORDS},
    {"insort_right", insort_right, NF_KEYWORDS},
    {"bisect_left", bisect_left, NF_KEYWORDS},
    {"insort_left", insort_left, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_bisect_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_bisect", &d);
    if (!m || !rt_add_functions(vm, d, bisect_functions, rt_str_intern_cstr(vm, "_bisect")))
        return VNULL;
    return m;
}
