/* runtime/range.c — range (64-bit bounds), its iterator, and slice. */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

/* ---- range ------------------------------------------------------------------------ */

/* Number of items; -1 when it does not fit in int64 (len() then raises). */
static int64_t compute_len(int64_t lo, int64_t hi, int64_t step)
{
    uint64_t n;
    if (step > 0) {
        if (lo >= hi) return 0;
        n = ((uint64_t)hi - (uint64_t)lo - 1) / (uint64_t)step + 1;
    } else {
        if (lo <= hi) return 0;
        n = ((uint64_t)lo - (uint64_t)hi - 1) / (0 - (uint64_t)step) + 1;
    }
    return n > (uint64_t)INT64_MAX ? -1 : (int64_t)n;
}

Value rt_range_new(VM *vm, int64_t start, int64_t stop, int64_t step)
{
    Range *r = rt_alloc(vm, &rt_range_type, sizeof(Range));
    if (!r) return VNULL;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = compute_len(start, stop, step);
    r->big = VNULL;
    return v_from(r);
}

/* ---- ranges with bounds beyond 64 bits -------------------------------------------
 * Kept as Python ints in r->big; creation, repr, attributes, truth, len and
 * iteration (longrange_iterator) work; the other operations say so loudly. */

static Value big_unsupported(VM *vm, const char *what)
{
    return rt_raise(vm, &rt_exc_NotImplementedError,
                    "%s of a range with bounds beyond 64 bits is not supported by minipy", what);
}

static Value big_item(Range *r, int i) { return v_tuple(r->big)->items[i]; }

/* Number of items of a big range, as an int. */
static Value big_len(VM *vm, Value lo, Value hi, Value step)
{
    int pos = rt_compare_bool(vm, step, v_from_small(0), CMP_GT);
    if (pos < 0) return VNULL;
    int nonempty = rt_compare_bool(vm, lo, hi, pos ? CMP_LT : CMP_GT);
    if (nonempty <= 0) return nonempty < 0 ? VNULL : v_from_small(0);
    Value d = pos ? rt_binary_op(vm, BIN_SUB, hi, lo) : rt_binary_op(vm, BIN_SUB, lo, hi);
    Value st = pos ? step : rt_binary_op(vm, BIN_SUB, v_from_small(0), step);
    if (!d || !st) return VNULL;
    if (!(d = rt_binary_op(vm, BIN_SUB, d, v_from_small(1)))) return VNULL;
    if (!(d = rt_binary_op(vm, BIN_FLOORDIV, d, st))) return VNULL;
    return rt_binary_op(vm, BIN_ADD, d, v_from_small(1));
}

static Value big_range_new(VM *vm, int argc, Value *argv)
{
    Value a[3] = {v_from_small(0), VNULL, v_from_small(1)};
    for (int i = 0; i < argc; i++) {
        Value x = rt_index(vm, argv[i]);
        if (!x) return VNULL;
        a[argc == 1 ? 1 : i] = x;
    }
    int zero = rt_eq(vm, a[2], v_from_small(0));
    if (zero) return zero < 0 ? VNULL : rt_raise(vm, &rt_exc_ValueError, "range() arg 3 must not be zero");
    Value n = big_len(vm, a[0], a[1], a[2]);
    Value t = n ? rt_tuple_pack(vm, 4, a[0], a[1], a[2], n) : VNULL;
    Range *r = t ? rt_alloc(vm, &rt_range_type, sizeof(Range)) : NULL;
    if (!r) return VNULL;
    int64_t len;
    r->len = ct_as_ssize(vm, n, &len) ? len : -1;
    if (r->len < 0 && !rt_exc_clear_if(vm, &rt_exc_OverflowError)) return VNULL;
    r->start = r->stop = 0;
    r->step = 1;
    r->big = t;
    return v_from(r);
}

typedef struct LongRangeIter {
    Obj hdr;
    Value next, step, remaining;
} LongRangeIter;

static void longrangeiter_trace(VM *vm, Obj *o)
{
    LongRangeIter *it = (LongRangeIter *)o;
    rt_gc_mark(vm, it->next);
    rt_gc_mark(vm, it->step);
    rt_gc_mark(vm, it->remaining);
}

static Value longrangeiter_next(VM *vm, Value v)
{
    LongRangeIter *it = (LongRangeIter *)v_obj(v);
    int more = rt_compare_bool(vm, it->remaining, v_from_small(0), CMP_GT);
    if (more <= 0) return VNULL;
    Value x = it->next;
    Value rem = rt_binary_op(vm, BIN_SUB, it->remaining, v_from_small(1));
    Value nx = rem ? rt_binary_op(vm, BIN_ADD, x, it->step) : VNULL;
    if (!nx) return VNULL;
    it->remaining = rem;
    it->next = nx;
    return x;
}

static Type longrangeiter_type = {
    .name = "longrange_iterator",
    .instance_size = sizeof(LongRangeIter),
    .trace = longrangeiter_trace,
    .iter = ct_iter_self,
    .next = longrangeiter_next,
};

static Value big_range_iter(VM *vm, Range *r)
{
    LongRangeIter *it = rt_alloc(vm, &longrangeiter_type, sizeof(LongRangeIter));
    if (!it) return VNULL;
    it->next = big_item(r, 0);
    it->step = big_item(r, 2);
    it->remaining = big_item(r, 3);
    return v_from(it);
}

static void range_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Range *)o)->big);
}

static inline Range *v_range(Value v) { return (Range *)v_obj(v); }

static inline int64_t range_item(Range *r, int64_t i)
{
    return (int64_t)((__int128)r->start + (__int128)i * r->step);
}

static Value range_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "range", kwnames)) return VNULL;
    if (!ct_nargs(vm, "range", argc, 1, 3)) return VNULL;
    int64_t start = 0, stop, step = 1;
    bool ok;
    if (argc == 1) {
        ok = ct_as_ssize(vm, argv[0], &stop);
    } else {
        ok = ct_as_ssize(vm, argv[0], &start) && ct_as_ssize(vm, argv[1], &stop) &&
             (argc < 3 || ct_as_ssize(vm, argv[2], &step));
    }
    if (!ok)
        return rt_exc_clear_if(vm, &rt_exc_OverflowError) ? big_range_new(vm, argc, argv) : VNULL;
    if (step == 0) return rt_raise(vm, &rt_exc_ValueError, "range() arg 3 must not be zero");
    return rt_range_new(vm, start, stop, step);
}

static Value range_repr(VM *vm, Value v)
{
    Range *r = v_range(v);
    if (r->big) {
        Value a = rt_repr(vm, big_item(r, 0)), b = a ? rt_repr(vm, big_item(r, 1)) : VNULL;
        Value c = b ? rt_repr(vm, big_item(r, 2)) : VNULL;
        if (!c) return VNULL;
        if (big_item(r, 2) == v_from_small(1))
            return rt_str_printf(vm, "range(%s, %s)", v_cstr(a), v_cstr(b));
        return rt_str_printf(vm, "range(%s, %s, %s)", v_cstr(a), v_cstr(b), v_cstr(c));
    }
    if (r->step == 1) return rt_str_printf(vm, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return rt_str_printf(vm, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop,
                         (long long)r->step);
}

static int64_t range_len(VM *vm, Value v)
{
    Range *r = v_range(v);
    if (r->len < 0) {
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return r->len;
}

static int range_truth(VM *vm, Value v)
{
    Range *r = v_range(v);
    if (r->big) return rt_compare_bool(vm, big_item(r, 3), v_from_small(0), CMP_NE);
    return r->len != 0;
}

/* CPython: ranges are equal when they describe the same sequence. */
static bool range_equal(Range *a, Range *b)
{
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->len == 0) return true;
    if (a->start != b->start) return false;
    if (a->len == 1) return true;
    return a->step == b->step;
}

static Value range_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!v_is(a, &rt_range_type) || !v_is(b, &rt_range_type) || (op != CMP_EQ && op != CMP_NE))
        return rt_NotImplemented;
    if (v_range(a)->big || v_range(b)->big) return big_unsupported(vm, "comparison");
    bool eq = range_equal(v_range(a), v_range(b));
    return rt_bool(op == CMP_EQ ? eq : !eq);
}

static int64_t range_hash(VM *vm, Value v)
{
    Range *r = v_range(v);
    Value t;
    if (r->big) { big_unsupported(vm, "hash"); return -1; }
    if (r->len == 0) t = rt_tuple_pack(vm, 3, v_from_small(0), rt_None, rt_None);
    else if (r->len == 1) t = rt_tuple_pack(vm, 3, v_from_small(1), rt_int_from_i64(vm, r->start), rt_None);
    else t = rt_tuple_pack(vm, 3, rt_int_from_i64(vm, r->len), rt_int_from_i64(vm, r->start),
                          rt_int_from_i64(vm, r->step));
    if (!t) return -1;
    return rt_hash(vm, t);
}

/* Position of an int in the range, or -1. */
static int64_t int_position(Range *r, Value x)
{
    int64_t i;
    if (v_is_small(x)) i = v_small(x);
    else if (x == rt_True || x == rt_False) i = x == rt_True;
    else return -1; /* big ints are outside any 64-bit range */
    if (r->step > 0 ? (i < r->start || i >= r->stop) : (i > r->start || i <= r->stop)) return -1;
    __int128 d = (__int128)i - r->start;
    if (d % r->step != 0) return -1;
    return (int64_t)(d / r->step);
}

static bool is_exact_int(Value x) { return v_is_small(x) || rt_is_int(x); }

static int range_contains(VM *vm, Value o, Value x)
{
    Range *r = v_range(o);
    if (r->big) { big_unsupported(vm, "'in'"); return -1; }
    if (is_exact_int(x)) return int_position(r, x) >= 0;
    for (int64_t i = 0; i < r->len; i++) {
        Value y = rt_int_from_i64(vm, range_item(r, i));
        if (!y) return -1;
        int e = rt_eq(vm, y, x);
        if (e) return e;
    }
    return 0;
}

static Value range_getitem(VM *vm, Value o, Value key)
{
    Range *r = v_range(o);
    if (r->big) return big_unsupported(vm, "indexing");
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        if (rt_slice_indices(vm, key, r->len, &start, &stop, &step) < 0) return VNULL;
        return rt_range_new(vm, range_item(r, start), range_item(r, stop), (int64_t)((__int128)r->step * step));
    }
    int64_t i;
    if (!ct_index_value(vm, key, "range", &i)) return VNULL;
    if (i < 0) i += r->len;
    if (i < 0 || i >= r->len) return rt_raise(vm, &rt_exc_IndexError, "range object index out of range");
    return rt_int_from_i64(vm, range_item(r, i));
}

static Value range_getattr(VM *vm, Value obj, Value name)
{
    Range *r = v_range(obj);
    const char *s = v_cstr(name);
    if (r->big) {
        if (strcmp(s, "start") == 0) return big_item(r, 0);
        if (strcmp(s, "stop") == 0) return big_item(r, 1);
        if (strcmp(s, "step") == 0) return big_item(r, 2);
    }
    if (strcmp(s, "start") == 0) return rt_int_from_i64(vm, r->start);
    if (strcmp(s, "stop") == 0) return rt_int_from_i64(vm, r->stop);
    if (strcmp(s, "step") == 0) return rt_int_from_i64(vm, r->step);
    return rt_generic_getattr(vm, obj, name);
}

/* ---- range iterator ------------------------------------------------------------ */

typedef struct RangeIter {
    Obj hdr;
    int64_t next, step, remaining;
} RangeIter;

static Value rangeiter_next(VM *vm, Value v)
{
    RangeIter *it = (RangeIter *)v_obj(v);
    if (it->remaining <= 0) return VNULL;
    int64_t x = it->next;
    it->remaining--;
    if (it->remaining) it->next = (int64_t)((__int128)x + it->step);
    return small_fits(x) ? v_from_small(x) : rt_int_from_i64(vm, x);
}

static Type rangeiter_type = {
    .name = "range_iterator",
    .instance_size = sizeof(RangeIter),
    .iter = ct_iter_self,
    .next = rangeiter_next,
};

static Value make_range_iter(VM *vm, int64_t first, int64_t step, int64_t n)
{
    RangeIter *it = rt_alloc(vm, &rangeiter_type, sizeof(RangeIter));
    if (!it) return VNULL;
    it->next = first;
    it->step = step;
    it->remaining = n;
    return v_from(it);
}

static Value range_iter(VM *vm, Value v)
{
    Range *r = v_range(v);
    if (r->big) return big_range_iter(vm, r);
    return make_range_iter(vm, r->start, r->step, r->len < 0 ? INT64_MAX : r->len);
}

Value ct_range_reverse_iter(VM *vm, Value v)
{
    Range *r = v_range(v);
    if (r->big) return big_unsupported(vm, "reversed()");
    if (r->len <= 0) return make_range_iter(vm, 0, 1, 0);
    return make_range_iter(vm, range_item(r, r->len - 1), -r->step, r->len);
}

/* ---- range methods ------------------------------------------------------------- */

static Value rm_index(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "index");
    if (!ct_onearg(vm, "range.index", argc - 1)) return VNULL;
    Range *r = v_range(argv[0]);
    if (r->big) return big_unsupported(vm, "index()");
    if (is_exact_int(argv[1])) {
        int64_t i = int_position(r, argv[1]);
        if (i >= 0) return rt_int_from_i64(vm, i);
    } else {
        for (int64_t i = 0; i < r->len; i++) {
            Value y = rt_int_from_i64(vm, range_item(r, i));
            int e = y ? rt_eq(vm, y, argv[1]) : -1;
            if (e < 0) return VNULL;
            if (e) return rt_int_from_i64(vm, i);
        }
    }
    Value rep = rt_repr(vm, argv[1]);
    if (!rep) return VNULL;
    return rt_raise(vm, &rt_exc_ValueError, "%s is not in range", v_cstr(rep));
}

static Value rm_count(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "count");
    if (!ct_onearg(vm, "range.count", argc - 1)) return VNULL;
    Range *r = v_range(argv[0]);
    if (r->big) return big_unsupported(vm, "count()");
    if (is_exact_int(argv[1])) return v_from_small(int_position(r, argv[1]) >= 0);
    int64_t c = 0;
    for (int64_t i = 0; i < r->len; i++) {
        Value y = rt_int_from_i64(vm, range_item(r, i));
        int e = y ? rt_eq(vm, y, argv[1]) : -1;
        if (e < 0) return VNULL;
        c += e;
    }
    return rt_int_from_i64(vm, c);
}

static Value rm_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "__reversed__");
    if (!ct_noargs(vm, "range.__reversed__", argc - 1)) return VNULL;
    return ct_range_reverse_iter(vm, argv[0]);
}

static Value rm_len(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "__len__");
    if (!ct_noargs(vm, "range.__len__", argc - 1)) return VNULL;
    int64_t n = range_len(vm, argv[0]);
    return n < 0 ? VNULL : rt_int_from_i64(vm, n);
}

static Value rm_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "__getitem__");
    if (!ct_onearg(vm, "range.__getitem__", argc - 1)) return VNULL;
    return range_getitem(vm, argv[0], argv[1]);
}

static Value rm_contains(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "__contains__");
    if (!ct_onearg(vm, "range.__contains__", argc - 1)) return VNULL;
    int r = range_contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value rm_iter(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_range_type, "__iter__");
    if (!ct_noargs(vm, "range.__iter__", argc - 1)) return VNULL;
    return range_iter(vm, argv[0]);
}

/* range.__reduce__() and slice.__reduce__(): (type, (start, stop, step)),
 * read through the attributes so ranges beyond 64 bits work too. */
static Value rm_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_noargs(vm, "__reduce__", argc - 1)) return VNULL;
    Value a = rt_getattr_cstr(vm, argv[0], "start");
    Value b = a ? rt_getattr_cstr(vm, argv[0], "stop") : VNULL;
    Value c = b ? rt_getattr_cstr(vm, argv[0], "step") : VNULL;
    Value args = c ? rt_tuple_pack(vm, 3, a, b, c) : VNULL;
    return args ? rt_tuple_pack(vm, 2, v_from(v_type(argv[0])), args) : VNULL;
}

static const NativeDef range_methods[] = {
    {"__reduce__", rm_reduce, 0},
    {"index", rm_index, 0},
    {"count", rm_count, 0},
    {"__reversed__", rm_reversed, 0},
    {"__len__", rm_len, 0},
    {"__getitem__", rm_getitem, 0},
    {"__contains__", rm_contains, 0},
    {"__iter__", rm_iter, 0},
    {NULL, NULL, 0},
};

Type rt_range_type = {
    .name = "range",
    .instance_size = sizeof(Range),
    .trace = range_trace,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .truth = range_truth,
    .getattr = range_getattr,
    .iter = range_iter,
    .getitem = range_getitem,
    .len = range_len,
    .contains = range_contains,
    .new = range_new,
};

/* ---- slice ---------------------------------------------------------------------- */

static inline Slice *v_slice(Value v) { return (Slice *)v_obj(v); }

Value rt_slice_new(VM *vm, Value start, Value stop, Value step)
{
    Slice *s = rt_alloc(vm, &rt_slice_type, sizeof(Slice));
    if (!s) return VNULL;
    s->start = start ? start : rt_None;
    s->stop = stop ? stop : rt_None;
    s->step = step ? step : rt_None;
    return v_from(s);
}

/* _PyEval_SliceIndex: None keeps the default; big ints clamp. */
static bool slice_index(VM *vm, Value v, int64_t *out)
{
    if (v == rt_None) return true;
    if (v_is_small(v)) {
        *out = v_small(v);
        return true;
    }
    if (!rt_is_int(v) && !(v_is_obj(v) && (v_obj(v)->type->flags & TF_CLASS) &&
                           rt_lookup_type_attr(v_obj(v)->type, vm->names.__index__))) {
        rt_raise(vm, &rt_exc_TypeError,
                 "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    return ct_slice_arg(vm, v, out);
}

int64_t rt_slice_indices(VM *vm, Value slice, int64_t len, int64_t *startp, int64_t *stopp, int64_t *stepp)
{
    Slice *s = v_slice(slice);
    int64_t step = 1, start, stop;
    if (s->step != rt_None) {
        if (!slice_index(vm, s->step, &step)) return -1;
        if (step == 0) {
            rt_raise(vm, &rt_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (step < -INT64_MAX) step = -INT64_MAX;
    }
    start = step < 0 ? INT64_MAX : 0;
    stop = step < 0 ? INT64_MIN : INT64_MAX;
    if (!slice_index(vm, s->start, &start) || !slice_index(vm, s->stop, &stop)) return -1;
    /* PySlice_AdjustIndices */
    if (start < 0) {
        start += len;
        if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= len) {
        start = step < 0 ? len - 1 : len;
    }
    if (stop < 0) {
        stop += len;
        if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= len) {
        stop = step < 0 ? len - 1 : len;
    }
    *startp = start;
    *stopp = stop;
    *stepp = step;
    if (step < 0) {
        if (stop < start) return (start - stop - 1) / (-step) + 1;
    } else if (start < stop) {
        return (stop - start - 1) / step + 1;
    }
    return 0;
}

bool rt_seq_index(VM *vm, Value index, int64_t len, const char *what, int64_t *out)
{
    int64_t i;
    if (!ct_index_value(vm, index, what, &i)) return false;
    if (i < 0) i += len;
    if (i < 0 || i >= len) {
        rt_raise(vm, &rt_exc_IndexError, "%s index out of range", what);
        return false;
    }
    *out = i;
    return true;
}

static void slice_trace(VM *vm, Obj *o)
{
    Slice *s = (Slice *)o;
    rt_gc_mark(vm, s->start);
    rt_gc_mark(vm, s->stop);
    rt_gc_mark(vm, s->step);
}

static Value slice_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "slice", kwnames)) return VNULL;
    if (!ct_nargs(vm, "slice", argc, 1, 3)) return VNULL;
    if (argc == 1) return rt_slice_new(vm, rt_None, argv[0], rt_None);
    return rt_slice_new(vm, argv[0], argv[1], argc == 3 ? argv[2] : rt_None);
}

static Value slice_repr(VM *vm, Value v)
{
    Slice *s = v_slice(v);
    Value a = rt_repr(vm, s->start), b = a ? rt_repr(vm, s->stop) : VNULL, c = b ? rt_repr(vm, s->step) : VNULL;
    if (!c) return VNULL;
    return rt_str_printf(vm, "slice(%s, %s, %s)", v_cstr(a), v_cstr(b), v_cstr(c));
}

static Value slice_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!v_is(a, &rt_slice_type) || !v_is(b, &rt_slice_type)) return rt_NotImplemented;
    Slice *x = v_slice(a), *y = v_slice(b);
    Value ta = rt_tuple_pack(vm, 3, x->start, x->stop, x->step);
    Value tb = ta ? rt_tuple_pack(vm, 3, y->start, y->stop, y->step) : VNULL;
    if (!tb) return VNULL;
    return ct_seq_richcompare(vm, ta, tb, op);
}

static Value slice_getattr(VM *vm, Value obj, Value name)
{
    Slice *s = v_slice(obj);
    const char *n = v_cstr(name);
    if (strcmp(n, "start") == 0) return s->start;
    if (strcmp(n, "stop") == 0) return s->stop;
    if (strcmp(n, "step") == 0) return s->step;
    return rt_generic_getattr(vm, obj, name);
}

static Value sm_indices(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_slice_type, "indices");
    if (!ct_onearg(vm, "slice.indices", argc - 1)) return VNULL;
    int64_t len, start, stop, step;
    if (!ct_as_ssize(vm, argv[1], &len)) return VNULL;
    if (len < 0) return rt_raise(vm, &rt_exc_ValueError, "length should not be negative");
    if (rt_slice_indices(vm, argv[0], len, &start, &stop, &step) < 0) return VNULL;
    return rt_tuple_pack(vm, 3, rt_int_from_i64(vm, start), rt_int_from_i64(vm, stop),
                         rt_int_from_i64(vm, step));
}

static const NativeDef slice_methods[] = {
    {"indices", sm_indices, 0},
    {"__reduce__", rm_reduce, 0},
    {NULL, NULL, 0},
};

Type rt_slice_type = {
    .name = "slice",
    .instance_size = sizeof(Slice),
    .trace = slice_trace,
    .repr = slice_repr,
    .richcompare = slice_richcompare,
    .getattr = slice_getattr,
    .new = slice_new_slot,
};

bool ct_range_init(VM *vm)
{
    return rt_type_ready(vm, &rt_range_type) && rt_add_methods(vm, &rt_range_type, range_methods) &&
           rt_type_ready(vm, &rangeiter_type) && rt_type_ready(vm, &longrangeiter_type) &&
           rt_type_ready(vm, &rt_slice_type) &&
           rt_add_methods(vm, &rt_slice_type, slice_methods);
}
