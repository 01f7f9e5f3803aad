/* runtime/tuple.c — the tuple type, plus the small helpers every container
 * file shares (argument-count errors, index conversion, sequence compare
 * and repr). */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

/* The empty tuple is a static, immortal object: () is never allocated. */
static Tuple empty_tuple_obj;
Value rt_empty_tuple;

/* ---- shared helpers ------------------------------------------------------- */

static const char *plural(int n) { return n == 1 ? "" : "s"; }

bool ct_nargs(VM *vm, const char *name, int n, int min, int max)
{
    if (n >= min && (max < 0 || n <= max)) return true;
    if (min == max)
        rt_raise(vm, &rt_exc_TypeError, "%s expected %d argument%s, got %d", name, min, plural(min), n);
    else if (n < min)
        rt_raise(vm, &rt_exc_TypeError, "%s expected at least %d argument%s, got %d", name, min,
                 plural(min), n);
    else
        rt_raise(vm, &rt_exc_TypeError, "%s expected at most %d argument%s, got %d", name, max,
                 plural(max), n);
    return false;
}

bool ct_noargs(VM *vm, const char *qualname, int n)
{
    if (n == 0) return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments (%d given)", qualname, n);
    return false;
}

bool ct_onearg(VM *vm, const char *qualname, int n)
{
    if (n == 1) return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes exactly one argument (%d given)", qualname, n);
    return false;
}

size_t ct_kwcount(Value kwnames) { return kwnames ? v_tuple(kwnames)->len : 0; }

bool ct_nokw(VM *vm, const char *name, Value kwnames)
{
    if (ct_kwcount(kwnames) == 0) return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", name);
    return false;
}

bool ct_self(VM *vm, int argc, Value *argv, Type *t, Type *t2, const char *meth)
{
    if (argc >= 1) {
        Type *st = v_type(argv[0]);
        if (st == t || (t2 && st == t2) || rt_is_subtype(st, t) || (t2 && rt_is_subtype(st, t2))) return true;
        rt_raise(vm, &rt_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                 meth, t->name, rt_type_name(argv[0]));
        return false;
    }
    rt_raise(vm, &rt_exc_TypeError, "unbound method %s.%s() needs an argument", t->name, meth);
    return false;
}

static bool has_index(VM *vm, Value v)
{
    return rt_is_int(v) || (v_is_obj(v) && (v_obj(v)->type->flags & TF_CLASS) &&
                            rt_lookup_type_attr(v_obj(v)->type, vm->names.__index__));
}

/* A Python int (small, bool or big) as int64; big ones → false, no exception. */
static bool int_to_i64(VM *vm, Value v, int64_t *out)
{
    if (v_is_small(v)) {
        *out = v_small(v);
        return true;
    }
    if (v == rt_True || v == rt_False) {
        *out = v == rt_True;
        return true;
    }
    if (rt_as_i64(vm, v, out)) return true;
    vm->exc = VNULL;
    return false;
}

bool ct_index_value(VM *vm, Value idx, const char *what, int64_t *out)
{
    if (v_is_small(idx)) {
        *out = v_small(idx);
        return true;
    }
    if (!rt_is_int(idx)) {
        if (!has_index(vm, idx)) {
            rt_raise(vm, &rt_exc_TypeError, "%s indices must be integers or slices, not %s", what,
                     rt_type_name(idx));
            return false;
        }
        idx = rt_index(vm, idx);
        if (!idx) return false;
    }
    if (int_to_i64(vm, idx, out)) return true;
    rt_raise(vm, &rt_exc_IndexError, "cannot fit 'int' into an index-sized integer");
    return false;
}

bool ct_as_ssize(VM *vm, Value v, int64_t *out)
{
    if (v_is_small(v)) {
        *out = v_small(v);
        return true;
    }
    if (!rt_is_int(v)) {
        if (!has_index(vm, v)) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                     rt_type_name(v));
            return false;
        }
        Value i = rt_index(vm, v);
        if (!i) return false;
        v = i;
        if (v_is_small(v)) {
            *out = v_small(v);
            return true;
        }
    }
    if (int_to_i64(vm, v, out)) return true;
    rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
}

bool ct_slice_arg(VM *vm, Value v, int64_t *out)
{
    if (v_is_small(v)) {
        *out = v_small(v);
        return true;
    }
    if (!has_index(vm, v)) {
        rt_raise(vm, &rt_exc_TypeError, "slice indices must be integers or have an __index__ method");
        return false;
    }
    Value i = rt_is_int(v) ? v : rt_index(vm, v);
    if (!i) return false;
    if (v_is_small(i)) {
        *out = v_small(i);
        return true;
    }
    if (i == rt_True || i == rt_False) {
        *out = i == rt_True;
        return true;
    }
    if (rt_int_is_big(i)) {
        *out = rt_int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
        return true;
    }
    return rt_as_i64(vm, i, out);
}

int64_t ct_identity_hash(VM *vm, Value v)
{
    /* CPython: the address rotated by 4 bits (the low bits are always 0). */
    uint64_t y = (uint64_t)v;
    y = (y >> 4) | (y << 60);
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

Value ct_iter_self(VM *vm, Value v) { return v; }

static inline Value *seq_items(Value v, size_t *n)
{
    if (rt_isinstance_type(v, &rt_list_type)) { /* list subclasses too */
        *n = v_list(v)->len;
        return v_list(v)->items;
    }
    *n = v_tuple(v)->len;
    return v_tuple(v)->items;
}

Value ct_seq_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    /* list vs list, tuple vs tuple, subclasses included. */
    Type *base = rt_isinstance_type(a, &rt_list_type) ? &rt_list_type : &rt_tuple_type;
    if (!v_is_obj(b) || !rt_isinstance_type(b, base)) return rt_NotImplemented;
    size_t na, nb, i;
    seq_items(a, &na);
    seq_items(b, &nb);
    if ((op == CMP_EQ || op == CMP_NE) && na != nb) return rt_bool(op == CMP_NE);
    if (!rt_enter_c(vm, " in comparison")) return VNULL;
    /* Find the first index where items differ; lengths are re-read each step
     * because a user __eq__ may mutate a list. */
    for (i = 0;; i++) {
        Value *ia = seq_items(a, &na), *ib = seq_items(b, &nb);
        if (i >= na || i >= nb) break;
        Value x = ia[i], y = ib[i];
        if (x == y) continue;
        int eq = rt_eq(vm, x, y);
        if (eq < 0) {
            rt_leave_c(vm);
            return VNULL;
        }
        if (!eq) break;
    }
    Value *ia = seq_items(a, &na), *ib = seq_items(b, &nb);
    if (i >= na || i >= nb) {
        rt_leave_c(vm);
        bool r;
        switch (op) {
        case CMP_LT: r = na < nb; break;
        case CMP_LE: r = na <= nb; break;
        case CMP_EQ: r = na == nb; break;
        case CMP_NE: r = na != nb; break;
        case CMP_GT: r = na > nb; break;
        default: r = na >= nb; break;
        }
        return rt_bool(r);
    }
    Value res;
    if (op == CMP_EQ) res = rt_False;
    else if (op == CMP_NE) res = rt_True;
    else res = rt_compare(vm, ia[i], ib[i], op);
    rt_leave_c(vm);
    return res;
}

Value ct_seq_repr(VM *vm, const Value *items, size_t n, const char *open, const char *close,
                  Value owner)
{
    (void)items;
    StrBuf b;
    sb_init(&b);
    if (!rt_enter_c(vm, " while getting the repr of an object")) return VNULL;
    if (!sb_adds(vm, &b, open)) goto fail;
    /* Items are re-read through owner each step: a user __repr__ may mutate a list. */
    for (size_t i = 0;; i++) {
        size_t len;
        Value *it = seq_items(owner, &len);
        if (i >= len) break;
        if (i > 0 && !sb_add(vm, &b, ", ", 2)) goto fail;
        Value r = rt_repr(vm, it[i]);
        if (!r || !sb_add_value_str(vm, &b, r)) goto fail;
    }
    if (n == 1 && v_is(owner, &rt_tuple_type) && !sb_addc(vm, &b, ',')) goto fail;
    if (!sb_adds(vm, &b, close)) goto fail;
    rt_leave_c(vm);
    return sb_finish(vm, &b);
fail:
    rt_leave_c(vm);
    sb_free(&b);
    return VNULL;
}

/* ---- construction ---------------------------------------------------------- */

static Tuple *tuple_alloc(VM *vm, size_t len)
{
    if (len > (SIZE_MAX - sizeof(Tuple)) / sizeof(Value)) {
        rt_no_memory(vm);
        return NULL;
    }
    return rt_alloc(vm, &rt_tuple_type, sizeof(Tuple) + len * sizeof(Value));
}

Value rt_tuple_new(VM *vm, size_t len)
{
    if (len == 0) return rt_empty_tuple;
    Tuple *t = tuple_alloc(vm, len);
    if (!t) return VNULL;
    t->len = len;
    for (size_t i = 0; i < len; i++) t->items[i] = rt_None;
    return v_from(t);
}

Value rt_tuple_from(VM *vm, size_t len, const Value *items)
{
    if (len == 0) return rt_empty_tuple;
    Tuple *t = tuple_alloc(vm, len);
    if (!t) return VNULL;
    t->len = len;
    memcpy(t->items, items, len * sizeof(Value));
    return v_from(t);
}

Value rt_tuple_pack(VM *vm, int n, ...)
{
    Value t = rt_tuple_new(vm, (size_t)n);
    if (!t) return VNULL;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) v_tuple(t)->items[i] = va_arg(ap, Value);
    va_end(ap);
    return t;
}

Value rt_tuple_from_iter(VM *vm, Value iterable)
{
    if (v_is(iterable, &rt_tuple_type)) return iterable;
    if (v_is(iterable, &rt_list_type))
        return rt_tuple_from(vm, v_list(iterable)->len, v_list(iterable)->items);
    Value l = rt_list_from_iter(vm, iterable);
    if (!l) return VNULL;
    Value t = rt_tuple_from(vm, v_list(l)->len, v_list(l)->items);
    rt_gc_keep_alive(l); /* it owns the items buffer read after the allocation */
    return t;
}

/* ---- slots ------------------------------------------------------------------ */

static void tuple_trace(VM *vm, Obj *o)
{
    Tuple *t = (Tuple *)o;
    for (size_t i = 0; i < t->len; i++) rt_gc_mark(vm, t->items[i]);
}

static Value tuple_repr(VM *vm, Value v)
{
    Tuple *t = v_tuple(v);
    if (t->len == 0) return rt_str_from_cstr(vm, "()");
    return ct_seq_repr(vm, t->items, t->len, "(", ")", v);
}

/* CPython 3.11's tuplehash (xxHash-derived), so hash((1, 2)) matches. */
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static int64_t tuple_hash(VM *vm, Value v)
{
    Tuple *t = v_tuple(v);
    uint64_t acc = XXPRIME_5;
    if (!rt_enter_c(vm, " while hashing")) return -1;
    for (size_t i = 0; i < t->len; i++) {
        int64_t h = ct_hash(vm, t->items[i]);
        if (h == -1) {
            rt_leave_c(vm);
            return -1;
        }
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    rt_leave_c(vm);
    acc += t->len ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (int64_t)acc;
}

static Value tuple_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    /* subclass instances (namedtuple, os.stat_result) compare as tuples */
    if (!rt_isinstance_type(a, &rt_tuple_type)) return rt_NotImplemented;
    return ct_seq_richcompare(vm, a, b, op);
}

static int64_t tuple_len(VM *vm, Value v) { return (int64_t)v_tuple(v)->len; }

static int tuple_contains(VM *vm, Value o, Value item)
{
    Tuple *t = v_tuple(o);
    for (size_t i = 0; i < t->len; i++) {
        int r = t->items[i] == item ? 1 : rt_eq(vm, t->items[i], item);
        if (r) return r;
    }
    return 0;
}

static Value tuple_getitem(VM *vm, Value o, Value key)
{
    Tuple *t = v_tuple(o);
    if (v_is_small(key)) {
        int64_t i = v_small(key);
        if (i < 0) i += (int64_t)t->len;
        if ((uint64_t)i >= t->len) return rt_raise(vm, &rt_exc_IndexError, "tuple index out of range");
        return t->items[i];
    }
    if (v_is(key, &rt_slice_type)) {
        int64_t start, stop, step;
        int64_t n = rt_slice_indices(vm, key, (int64_t)t->len, &start, &stop, &step);
        if (n < 0) return VNULL;
        if (step == 1 && n == (int64_t)t->len) return o;
        if (step == 1) return rt_tuple_from(vm, (size_t)n, t->items + start);
        Value r = rt_tuple_new(vm, (size_t)n);
        if (!r) return VNULL;
        for (int64_t i = 0, j = start; i < n; i++, j += step) v_tuple(r)->items[i] = t->items[j];
        return r;
    }
    int64_t i;
    if (!ct_index_value(vm, key, "tuple", &i)) return VNULL;
    if (i < 0) i += (int64_t)t->len;
    if (i < 0 || (uint64_t)i >= t->len) return rt_raise(vm, &rt_exc_IndexError, "tuple index out of range");
    return t->items[i];
}

static Value tuple_iter(VM *vm, Value v) { return rt_seq_iter_new(vm, v); }

static bool repeat_count(VM *vm, Value n, int64_t *out)
{
    if (v_is_small(n)) {
        *out = v_small(n);
        return true;
    }
    if (!ct_as_ssize(vm, n, out)) {
        if (rt_exc_clear_if(vm, &rt_exc_OverflowError))
            rt_raise(vm, &rt_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    return true;
}

/* Is v acceptable as a repeat count for seq * v?  Class instances get
 * NotImplemented so their __rmul__ is tried. */
int ct_repeat_operand(VM *vm, Value seq, Value other, int64_t *n)
{
    if (v_is_small(other) || rt_is_int(other)) return repeat_count(vm, other, n) ? 1 : -1;
    if (v_is_obj(other) && (v_obj(other)->type->flags & TF_CLASS)) {
        if (rt_lookup_type_attr(v_obj(other)->type, vm->names.__index__))
            return repeat_count(vm, other, n) ? 1 : -1;
        return 0;
    }
    rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
             rt_type_name(other));
    return -1;
}

static Value tuple_add(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_tuple_type)) return rt_NotImplemented;
    if (!rt_isinstance_type(b, &rt_tuple_type)) {
        if (v_is_obj(b) && (v_obj(b)->type->flags & TF_CLASS)) return rt_NotImplemented;
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                        rt_type_name(b));
    }
    Tuple *x = v_tuple(a), *y = v_tuple(b);
    /* Reuse an operand only when it is exactly a tuple (not a subclass). */
    if (y->len == 0 && v_is(a, &rt_tuple_type)) return a;
    if (x->len == 0 && v_is(b, &rt_tuple_type)) return b;
    Value r = rt_tuple_new(vm, x->len + y->len);
    if (!r) return VNULL;
    memcpy(v_tuple(r)->items, x->items, x->len * sizeof(Value));
    memcpy(v_tuple(r)->items + x->len, y->items, y->len * sizeof(Value));
    return r;
}

static Value tuple_mul(VM *vm, Value a, Value b)
{
    Value seq = rt_isinstance_type(a, &rt_tuple_type) ? a : b, other = seq == a ? b : a;
    int64_t n;
    int ok = ct_repeat_operand(vm, seq, other, &n);
    if (ok <= 0) return ok < 0 ? VNULL : rt_NotImplemented;
    Tuple *t = v_tuple(seq);
    if (n <= 0 || t->len == 0) return rt_empty_tuple;
    if (n == 1) return seq;
    if ((uint64_t)n > SIZE_MAX / sizeof(Value) / t->len) return rt_no_memory(vm);
    Value r = rt_tuple_new(vm, t->len * (size_t)n);
    if (!r) return VNULL;
    Value *dst = v_tuple(r)->items;
    for (int64_t i = 0; i < n; i++, dst += t->len) memcpy(dst, t->items, t->len * sizeof(Value));
    return r;
}

static Value tuple_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "tuple", kwnames)) return VNULL;
    if (!ct_nargs(vm, "tuple", argc, 0, 1)) return VNULL;
    if (argc == 0) return rt_empty_tuple;
    return rt_tuple_from_iter(vm, argv[0]);
}

/* ---- methods ---------------------------------------------------------------- */

static Value tuple_index(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "index");
    if (!ct_nargs(vm, "index", argc - 1, 1, 3)) return VNULL;
    Tuple *t = v_tuple(argv[0]);
    int64_t start = 0, stop = INT64_MAX, n = (int64_t)t->len;
    if (argc > 2 && !ct_slice_arg(vm, argv[2], &start)) return VNULL;
    if (argc > 3 && !ct_slice_arg(vm, argv[3], &stop)) return VNULL;
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += n;
    }
    for (int64_t i = start; i < stop && i < (int64_t)t->len; i++) {
        int r = t->items[i] == argv[1] ? 1 : rt_eq(vm, t->items[i], argv[1]);
        if (r < 0) return VNULL;
        if (r) return v_from_small(i);
    }
    return rt_raise(vm, &rt_exc_ValueError, "tuple.index(x): x not in tuple");
}

static Value tuple_count(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "count");
    if (!ct_onearg(vm, "tuple.count", argc - 1)) return VNULL;
    Tuple *t = v_tuple(argv[0]);
    int64_t c = 0;
    for (size_t i = 0; i < t->len; i++) {
        int r = t->items[i] == argv[1] ? 1 : rt_eq(vm, t->items[i], argv[1]);
        if (r < 0) return VNULL;
        c += r;
    }
    return v_from_small(c);
}

static Value tuple_dunder_len(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "__len__");
    if (!ct_noargs(vm, "tuple.__len__", argc - 1)) return VNULL;
    return v_from_small((int64_t)v_tuple(argv[0])->len);
}

static Value tuple_dunder_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "__getitem__");
    if (!ct_onearg(vm, "tuple.__getitem__", argc - 1)) return VNULL;
    return tuple_getitem(vm, argv[0], argv[1]);
}

static Value tuple_dunder_contains(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "__contains__");
    if (!ct_onearg(vm, "tuple.__contains__", argc - 1)) return VNULL;
    int r = tuple_contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value tuple_dunder_iter(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_tuple_type, "__iter__");
    if (!ct_noargs(vm, "tuple.__iter__", argc - 1)) return VNULL;
    return rt_seq_iter_new(vm, argv[0]);
}

static const NativeDef tuple_methods[] = {
    {"index", tuple_index, 0},
    {"count", tuple_count, 0},
    {"__len__", tuple_dunder_len, 0},
    {"__getitem__", tuple_dunder_getitem, 0},
    {"__contains__", tuple_dunder_contains, 0},
    {"__iter__", tuple_dunder_iter, 0},
    {NULL, NULL, 0},
};

Type rt_tuple_type = {
    .name = "tuple",
    .instance_size = sizeof(Tuple),
    .trace = tuple_trace,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .getitem = tuple_getitem,
    .len = tuple_len,
    .contains = tuple_contains,
    .binop = {[BIN_ADD] = tuple_add, [BIN_MUL] = tuple_mul},
    .new = tuple_new,
};

bool ct_tuple_init(VM *vm)
{
    rt_static_init(&empty_tuple_obj.hdr, &rt_tuple_type);
    empty_tuple_obj.len = 0;
    rt_empty_tuple = v_from(&empty_tuple_obj);
    if (!rt_type_ready(vm, &rt_tuple_type)) return false;
    return rt_add_methods(vm, &rt_tuple_type, tuple_methods);
}
