/* stdlib/_collections.c — the _collections module behind CPython's
 * collections/__init__.py, after Modules/_collectionsmodule.c: deque (a
 * ring buffer with maxlen, CPython's "deque mutated during iteration"
 * checks by a mutation counter, its reprs and messages), its two iterator
 * types, defaultdict (a dict subclass with __missing__), _count_elements
 * (Counter's helper) and _tuplegetter (namedtuple's field descriptor).
 * OrderedDict is left to collections/__init__.py's pure-Python version. */
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* Obj.aux bit: a repr of this deque is in progress (Py_ReprEnter). */
#define DQ_REPR_BIT 0x1u

/* ---- the ring buffer ------------------------------------------------------------------ */

typedef struct Deque {
    Obj hdr;
    Value *buf;       /* cap slots (a power of two, or 0); malloc'd */
    size_t cap, head, len;
    int64_t maxlen;   /* -1: unbounded */
    uint64_t state;   /* bumped by every change of length or order */
} Deque;

static Type deque_type;
static Value deque_native_init; /* deque.__init__ as stored in the type's dict */

static void deque_trace(VM *vm, Obj *o)
{
    Deque *d = (Deque *)o;
    for (size_t i = 0; i < d->len; i++)
        rt_gc_mark(vm, d->buf[(d->head + i) & (d->cap - 1)]);
}

static void deque_finalize(VM *vm, Obj *o)
{
    Deque *d = (Deque *)o;
    if (d->buf)
        rt_free(vm, d->buf, d->cap * sizeof(Value));
    d->buf = NULL;
    d->cap = d->len = d->head = 0;
}

static inline Value *dq_slot(Deque *d, size_t i) { return &d->buf[(d->head + i) & (d->cap - 1)]; }
static inline Deque *DQ(Value v) { return (Deque *)v_obj(v); }

static bool dq_reserve(VM *vm, Deque *d, size_t need)
{
    if (need <= d->cap)
        return true;
    size_t cap = d->cap ? d->cap : 8;
    while (cap < need)
        cap *= 2;
    Value *nb = rt_malloc(vm, cap * sizeof(Value));
    if (!nb)
        return false;
    for (size_t i = 0; i < d->len; i++)
        nb[i] = *dq_slot(d, i);
    Value *old = d->buf;
    size_t oldcap = d->cap;
    d->buf = nb;
    d->cap = cap;
    d->head = 0;
    if (old)
        rt_free(vm, old, oldcap * sizeof(Value));
    return true;
}

static Value dq_pop_back(Deque *d)
{
    Value v = *dq_slot(d, d->len - 1);
    d->len--;
    d->state++;
    return v;
}

static Value dq_pop_front(Deque *d)
{
    Value v = *dq_slot(d, 0);
    d->head = (d->head + 1) & (d->cap - 1);
    d->len--;
    d->state++;
    return v;
}

/* append/appendleft with maxlen: the item at the other end falls off. */
static bool dq_push_back(VM *vm, Deque *d, Value v)
{
    if (d->maxlen == 0)
        return true;
    if (!dq_reserve(vm, d, d->len + 1))
        return false;
    *dq_slot(d, d->len) = v;
    d->len++;
    d->state++;
    if (d->maxlen >= 0 && (int64_t)d->len > d->maxlen)
        dq_pop_front(d);
    return true;
}

static bool dq_push_front(VM *vm, Deque *d, Value v)
{
    if (d->maxlen == 0)
        return true;
    if (!dq_reserve(vm, d, d->len + 1))
        return false;
    d->head = (d->head + d->cap - 1) & (d->cap - 1);
    d->buf[d->head] = v;
    d->len++;
    d->state++;
    if (d->maxlen >= 0 && (int64_t)d->len > d->maxlen)
        dq_pop_back(d);
    return true;
}

static void dq_clear(Deque *d)
{
    d->len = 0;
    d->head = 0;
    d->state++;
}

/* Remove the item at position i, closing the gap. */
static void dq_delete_at(Deque *d, size_t i)
{
    for (size_t k = i; k + 1 < d->len; k++)
        *dq_slot(d, k) = *dq_slot(d, k + 1);
    d->len--;
    d->state++;
}

static void dq_rotate(Deque *d, int64_t n)
{
    int64_t len = (int64_t)d->len;
    if (len <= 1)
        return;
    n %= len;
    if (n < 0)
        n += len;
    if (n == 0)
        return;
    /* Rotating right by n moves the last n items to the front. */
    if (n <= len / 2) {
        for (int64_t k = 0; k < n; k++) {
            Value v = *dq_slot(d, d->len - 1);
            d->head = (d->head + d->cap - 1) & (d->cap - 1);
            d->buf[d->head] = v;
        }
    } else {
        for (int64_t k = 0; k < len - n; k++) {
            Value v = d->buf[d->head];
            d->head = (d->head + 1) & (d->cap - 1);
            *dq_slot(d, d->len - 1) = v;
        }
    }
    d->state++;
}

/* ---- construction ------------------------------------------------------------------- */

static bool dq_extend(VM *vm, Value self, Value iterable, bool left);

static bool parse_maxlen(VM *vm, Value v, int64_t *out)
{
    *out = -1;
    if (!v || v == rt_None)
        return true;
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        return false;
    }
    if (!mp_as_ssize(vm, v, out))
        return false;
    if (*out < 0) {
        rt_raise(vm, &rt_exc_ValueError, "maxlen must be non-negative");
        return false;
    }
    return true;
}

/* deque.__init__'s work: (iterable=(), maxlen=None), clearing first. */
static bool deque_fill(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "maxlen", NULL};
    Value a[2];
    int64_t maxlen;
    if (!rt_parse_args(vm, "deque", argc, argv, kwnames, names, 0, 0, a) ||
        !parse_maxlen(vm, a[1], &maxlen))
        return false;
    Deque *d = DQ(self);
    d->maxlen = maxlen;
    if (d->len)
        dq_clear(d);
    return !a[0] || dq_extend(vm, self, a[0], false);
}

static Value deque_alloc(VM *vm, Type *type, int64_t maxlen)
{
    Deque *d = rt_alloc(vm, type, type->instance_size);
    if (!d)
        return VNULL;
    d->maxlen = maxlen;
    return v_from(d);
}

/* CPython's deque takes its arguments in __init__; a class deriving from
 * deque with its own __init__ gets an empty deque from __new__. */
static Value deque_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value self = deque_alloc(vm, type, -1);
    if (!self)
        return VNULL;
    if (type != &deque_type && rt_lookup_type_attr(type, vm->names.__init__) != deque_native_init)
        return self;
    return deque_fill(vm, self, argc, argv, kwnames) ? self : VNULL;
}

static Value deque_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    return deque_fill(vm, argv[0], argc - 1, argv + 1, kwnames) ? rt_None : VNULL;
}

/* A copy with the same maxlen: type(d)(d, maxlen) for subclasses. */
static Value deque_copy_of(VM *vm, Value self)
{
    Deque *d = DQ(self);
    if (v_type(self) == &deque_type) {
        Value c = deque_alloc(vm, &deque_type, d->maxlen);
        if (!c || !dq_reserve(vm, DQ(c), d->len))
            return VNULL;
        for (size_t i = 0; i < d->len; i++)
            DQ(c)->buf[i] = *dq_slot(d, i);
        DQ(c)->len = d->len;
        return c;
    }
    Value args[2] = {self, d->maxlen < 0 ? VNULL : rt_int_from_i64(vm, d->maxlen)};
    return rt_call(vm, v_from(v_type(self)), d->maxlen < 0 ? 1 : 2, args, VNULL);
}

/* ---- methods ------------------------------------------------------------------------- */

static bool dq_extend(VM *vm, Value self, Value iterable, bool left)
{
    Deque *d = DQ(self);
    if (iterable == self) {
        iterable = rt_list_from_iter(vm, iterable);
        if (!iterable)
            return false;
    }
    Value it = rt_iter(vm, iterable);
    if (!it)
        return false;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x)
            return !vm->exc;
        if (!(left ? dq_push_front(vm, d, x) : dq_push_back(vm, d, x)))
            return false;
    }
}

static Value m_append(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.append", argc - 1, 1, 1))
        return VNULL;
    return dq_push_back(vm, DQ(argv[0]), argv[1]) ? rt_None : VNULL;
}

static Value m_appendleft(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.appendleft", argc - 1, 1, 1))
        return VNULL;
    return dq_push_front(vm, DQ(argv[0]), argv[1]) ? rt_None : VNULL;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.pop", argc - 1, 0, 0))
        return VNULL;
    Deque *d = DQ(argv[0]);
    if (!d->len)
        return rt_raise(vm, &rt_exc_IndexError, "pop from an empty deque");
    return dq_pop_back(d);
}

static Value m_popleft(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.popleft", argc - 1, 0, 0))
        return VNULL;
    Deque *d = DQ(argv[0]);
    if (!d->len)
        return rt_raise(vm, &rt_exc_IndexError, "pop from an empty deque");
    return dq_pop_front(d);
}

static Value m_extend(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.extend", argc - 1, 1, 1))
        return VNULL;
    return dq_extend(vm, argv[0], argv[1], false) ? rt_None : VNULL;
}

static Value m_extendleft(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.extendleft", argc - 1, 1, 1))
        return VNULL;
    return dq_extend(vm, argv[0], argv[1], true) ? rt_None : VNULL;
}

static Value m_clear(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.clear", argc - 1, 0, 0))
        return VNULL;
    dq_clear(DQ(argv[0]));
    return rt_None;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.copy", argc - 1, 0, 0))
        return VNULL;
    return deque_copy_of(vm, argv[0]);
}

static Value m_dunder_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.__copy__", argc - 1, 0, 0))
        return VNULL;
    return deque_copy_of(vm, argv[0]);
}

static Value mutated(VM *vm)
{
    return rt_raise(vm, &rt_exc_RuntimeError, "deque mutated during iteration");
}

static Value m_count(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.count", argc - 1, 1, 1))
        return VNULL;
    Deque *d = DQ(argv[0]);
    uint64_t state = d->state;
    int64_t n = 0;
    for (size_t i = 0; i < d->len; i++) {
        int eq = rt_eq(vm, *dq_slot(d, i), argv[1]);
        if (eq < 0)
            return VNULL;
        if (d->state != state)
            return mutated(vm);
        n += eq;
    }
    return rt_int_from_i64(vm, n);
}

/* A slice-style bound (index()'s start/stop): __index__ or TypeError. */
static bool slice_bound(VM *vm, Value v, int64_t *out)
{
    if (!rt_is_int(v) && !rt_lookup_type_attr(v_type(v), vm->names.__index__)) {
        rt_raise(vm, &rt_exc_TypeError,
                 "slice indices must be integers or have an __index__ method");
        return false;
    }
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    if (!rt_as_i64(vm, i, out)) {
        vm->exc = VNULL;
        *out = rt_int_sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    return true;
}

static Value m_index(VM *vm, int argc, Value *argv, Value kw)
{
    int n = argc - 1;
    if (n < 1 || n > 3)
        return rt_raise(vm, &rt_exc_TypeError, "index() takes %s %d argument%s (%d given)",
                        n < 1 ? "at least" : "at most", n < 1 ? 1 : 3, n < 1 ? "" : "s", n);
    Deque *d = DQ(argv[0]);
    int64_t len = (int64_t)d->len, start = 0, stop = len;
    if ((n >= 2 && !slice_bound(vm, argv[2], &start)) || (n >= 3 && !slice_bound(vm, argv[3], &stop)))
        return VNULL;
    if (start < 0 && (start += len) < 0)
        start = 0;
    if (stop < 0 && (stop += len) < 0)
        stop = 0;
    if (stop > len)
        stop = len;
    uint64_t state = d->state;
    for (int64_t i = start; i < stop && i < (int64_t)d->len; i++) {
        int eq = rt_eq(vm, *dq_slot(d, (size_t)i), argv[1]);
        if (eq < 0)
            return VNULL;
        if (d->state != state)
            return mutated(vm);
        if (eq)
            return rt_int_from_i64(vm, i);
    }
    Value r = rt_repr(vm, argv[1]);
    return r ? rt_raise(vm, &rt_exc_ValueError, "%s is not in deque", v_cstr(r)) : VNULL;
}

static Value m_insert(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc - 1 != 2)
        return rt_raise(vm, &rt_exc_TypeError, "insert() takes exactly 2 arguments (%d given)",
                        argc - 1);
    Deque *d = DQ(argv[0]);
    int64_t i;
    if (!mp_as_ssize(vm, argv[1], &i))
        return VNULL;
    if (d->maxlen >= 0 && (int64_t)d->len >= d->maxlen)
        return rt_raise(vm, &rt_exc_IndexError, "deque already at its maximum size");
    int64_t len = (int64_t)d->len;
    if (i < 0 && (i += len) < 0)
        i = 0;
    if (i > len)
        i = len;
    if (!dq_reserve(vm, d, d->len + 1))
        return VNULL;
    d->len++;
    for (int64_t k = len; k > i; k--)
        *dq_slot(d, (size_t)k) = *dq_slot(d, (size_t)k - 1);
    *dq_slot(d, (size_t)i) = argv[2];
    d->state++;
    return rt_None;
}

static Value m_remove(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.remove", argc - 1, 1, 1))
        return VNULL;
    Deque *d = DQ(argv[0]);
    uint64_t state = d->state;
    for (size_t i = 0; i < d->len; i++) {
        int eq = rt_eq(vm, *dq_slot(d, i), argv[1]);
        if (eq < 0)
            return VNULL;
        if (d->state != state)
            return rt_raise(vm, &rt_exc_IndexError, "deque mutated during iteration");
        if (eq) {
            dq_delete_at(d, i);
            return rt_None;
        }
    }
    Value r = rt_repr(vm, argv[1]);
    return r ? rt_raise(vm, &rt_exc_ValueError, "%s is not in deque", v_cstr(r)) : VNULL;
}

static Value m_reverse(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.reverse", argc - 1, 0, 0))
        return VNULL;
    Deque *d = DQ(argv[0]);
    for (size_t i = 0, j = d->len; i + 1 < j; i++, j--) {
        Value t = *dq_slot(d, i);
        *dq_slot(d, i) = *dq_slot(d, j - 1);
        *dq_slot(d, j - 1) = t;
    }
    d->state++;
    return rt_None;
}

static Value m_rotate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "deque.rotate", argc - 1, 0, 1))
        return VNULL;
    int64_t n = 1;
    if (argc == 2 && !mp_as_ssize(vm, argv[1], &n))
        return VNULL;
    dq_rotate(DQ(argv[0]), n);
    return rt_None;
}

static Value deque_iter_new(VM *vm, Value self, bool reverse);

static Value m_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.__reduce__", argc - 1, 0, 0))
        return VNULL;
    Value self = argv[0];
    Deque *d = DQ(self);
    Value args = d->maxlen < 0 ? rt_empty_tuple
                               : rt_tuple_pack(vm, 2, rt_empty_tuple, rt_int_from_i64(vm, d->maxlen));
    Dict **dp = rt_instance_dict_ptr(self);
    Value state = dp && *dp && (*dp)->used ? v_from(*dp) : rt_None;
    Value it = args ? deque_iter_new(vm, self, false) : VNULL;
    return it ? rt_tuple_pack(vm, 4, v_from(v_type(self)), args, state, it) : VNULL;
}

static Value deque_maxlen(VM *vm, Value self)
{
    int64_t m = DQ(self)->maxlen;
    return m < 0 ? rt_None : rt_int_from_i64(vm, m);
}

/* ---- the sequence protocol ------------------------------------------------------------ */

static int64_t deque_len(VM *vm, Value self) { return (int64_t)DQ(self)->len; }

/* A deque index: ints and __index__ only ("sequence index must be integer"). */
static bool deque_index_arg(VM *vm, Value self, Value key, size_t *out)
{
    if (!rt_is_int(key) && !rt_lookup_type_attr(v_type(key), vm->names.__index__)) {
        rt_raise(vm, &rt_exc_TypeError, "sequence index must be integer, not '%s'",
                 rt_type_name(key));
        return false;
    }
    Value iv = rt_index(vm, key);
    int64_t i;
    if (!iv)
        return false;
    if (!rt_as_i64(vm, iv, &i)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_IndexError, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    int64_t len = (int64_t)DQ(self)->len;
    if (i < 0)
        i += len;
    if (i < 0 || i >= len) {
        rt_raise(vm, &rt_exc_IndexError, "deque index out of range");
        return false;
    }
    *out = (size_t)i;
    return true;
}

static Value deque_getitem(VM *vm, Value self, Value key)
{
    size_t i;
    return deque_index_arg(vm, self, key, &i) ? *dq_slot(DQ(self), i) : VNULL;
}

static int deque_setitem(VM *vm, Value self, Value key, Value v)
{
    size_t i;
    if (!deque_index_arg(vm, self, key, &i))
        return -1;
    if (v)
        *dq_slot(DQ(self), i) = v;
    else
        dq_delete_at(DQ(self), i);
    return 0;
}

static int deque_contains(VM *vm, Value self, Value x)
{
    Deque *d = DQ(self);
    uint64_t state = d->state;
    for (size_t i = 0; i < d->len; i++) {
        int eq = rt_eq(vm, *dq_slot(d, i), x);
        if (eq < 0)
            return -1;
        if (d->state != state) {
            mutated(vm);
            return -1;
        }
        if (eq)
            return 1;
    }
    return 0;
}

static Value deque_repr(VM *vm, Value self)
{
    Obj *o = v_obj(self);
    if (o->aux & DQ_REPR_BIT)
        return rt_str_from_cstr(vm, "[...]");
    Value list = rt_list_from_iter(vm, self);
    if (!list)
        return VNULL;
    o->aux |= DQ_REPR_BIT;
    Value r = rt_repr(vm, list);
    o->aux &= ~DQ_REPR_BIT;
    if (!r)
        return VNULL;
    int64_t m = DQ(self)->maxlen;
    if (m < 0)
        return rt_str_printf(vm, "%s(%s)", mp_type_short_name(self), v_cstr(r));
    return rt_str_printf(vm, "%s(%s, maxlen=%lld)", mp_type_short_name(self), v_cstr(r),
                         (long long)m);
}

static Value deque_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!rt_isinstance_type(a, &deque_type) || !rt_isinstance_type(b, &deque_type))
        return rt_NotImplemented;
    Deque *x = DQ(a), *y = DQ(b);
    if ((op == CMP_EQ || op == CMP_NE) && x->len != y->len)
        return rt_bool(op == CMP_NE);
    /* Find the first position where the items differ. */
    size_t i;
    for (i = 0; i < x->len && i < y->len; i++) {
        uint64_t sx = x->state, sy = y->state;
        Value p = *dq_slot(x, i), q = *dq_slot(y, i);
        int eq = rt_eq(vm, p, q);
        if (eq < 0)
            return VNULL;
        if (x->state != sx || y->state != sy)
            return mutated(vm);
        if (!eq) {
            if (op == CMP_EQ)
                return rt_False;
            if (op == CMP_NE)
                return rt_True;
            return rt_compare(vm, p, q, op);
        }
    }
    int64_t lx = (int64_t)x->len, ly = (int64_t)y->len;
    bool r = false;
    switch (op) {
    case CMP_LT: r = lx < ly; break;
    case CMP_LE: r = lx <= ly; break;
    case CMP_EQ: r = lx == ly; break;
    case CMP_NE: r = lx != ly; break;
    case CMP_GT: r = lx > ly; break;
    case CMP_GE: r = lx >= ly; break;
    }
    return rt_bool(r);
}

static Value deque_add(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &deque_type))
        return rt_NotImplemented;
    if (!rt_isinstance_type(b, &deque_type))
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate deque (not \"%s\") to deque",
                        rt_type_name(b));
    Value c = deque_copy_of(vm, a);
    if (!c || !rt_isinstance_type(c, &deque_type))
        return c;
    return dq_extend(vm, c, b, false) ? c : VNULL;
}

static Value deque_iadd(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &deque_type))
        return rt_NotImplemented;
    return dq_extend(vm, a, b, false) ? a : VNULL;
}

/* In-place repetition: n copies, keeping the last maxlen items. */
static bool dq_repeat(VM *vm, Value self, int64_t n)
{
    Deque *d = DQ(self);
    size_t len = d->len;
    if (n <= 0 || len == 0) {
        if (len)
            dq_clear(d);
        return true;
    }
    if (n == 1)
        return true;
    if ((uint64_t)len * (uint64_t)n > (uint64_t)1 << 40) {
        rt_no_memory(vm);
        return false;
    }
    for (int64_t k = 1; k < n; k++)
        for (size_t i = 0; i < len; i++)
            if (!dq_push_back(vm, d, *dq_slot(d, d->len - len)))
                return false;
    return true;
}

/* The repeat count of deque * n, or false with CPython's sequence message. */
static bool repeat_count(VM *vm, Value n, int64_t *out, bool *notimpl)
{
    *notimpl = false;
    if (!rt_is_int(n) && !rt_lookup_type_attr(v_type(n), vm->names.__index__)) {
        Type *t = v_type(n);
        if ((t->flags & TF_CLASS) && rt_lookup_type_attr(t, rt_str_intern_cstr(vm, "__rmul__"))) {
            *notimpl = true;
            return false;
        }
        rt_raise(vm, &rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                 t->name);
        return false;
    }
    return mp_as_ssize(vm, n, out);
}

static Value deque_mul(VM *vm, Value a, Value b)
{
    Value self = rt_isinstance_type(a, &deque_type) ? a : b, n = self == a ? b : a;
    int64_t k;
    bool notimpl;
    if (!repeat_count(vm, n, &k, &notimpl))
        return notimpl ? rt_NotImplemented : VNULL;
    Value c = deque_copy_of(vm, self);
    return c && dq_repeat(vm, c, k) ? c : VNULL;
}

static Value deque_imul(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &deque_type))
        return rt_NotImplemented;
    int64_t k;
    bool notimpl;
    if (!repeat_count(vm, b, &k, &notimpl))
        return notimpl ? rt_NotImplemented : VNULL;
    return dq_repeat(vm, a, k) ? a : VNULL;
}

/* ---- iterators -------------------------------------------------------------------------- */

typedef struct DequeIter {
    Obj hdr;
    Value deque;
    size_t index;     /* next position (from the right end for reversed) */
    size_t counter;   /* items left */
    uint64_t state;
} DequeIter;

static void dequeiter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((DequeIter *)o)->deque); }

static Value dequeiter_next(VM *vm, Value self, bool reverse)
{
    DequeIter *it = (DequeIter *)v_obj(self);
    Deque *d = DQ(it->deque);
    if (d->state != it->state) {
        it->counter = 0;
        return mutated(vm);
    }
    if (it->counter == 0)
        return VNULL;
    it->counter--;
    size_t i = it->index++;
    return *dq_slot(d, reverse ? d->len - 1 - i : i);
}

static Value dequeiter_fwd(VM *vm, Value self) { return dequeiter_next(vm, self, false); }
static Value dequeiter_rev(VM *vm, Value self) { return dequeiter_next(vm, self, true); }
static Value iter_self(VM *vm, Value v) { return v; }

static Type dequeiter_type = {
    .name = "_collections._deque_iterator", .instance_size = sizeof(DequeIter),
    .trace = dequeiter_trace, .iter = iter_self, .next = dequeiter_fwd,
};
static Type dequereviter_type = {
    .name = "_collections._deque_reverse_iterator", .instance_size = sizeof(DequeIter),
    .trace = dequeiter_trace, .iter = iter_self, .next = dequeiter_rev,
};

static Value deque_iter_new(VM *vm, Value self, bool reverse)
{
    DequeIter *it = rt_alloc(vm, reverse ? &dequereviter_type : &dequeiter_type, sizeof(DequeIter));
    if (!it)
        return VNULL;
    it->deque = self;
    it->counter = DQ(self)->len;
    it->state = DQ(self)->state;
    return v_from(it);
}

static Value deque_iter(VM *vm, Value self) { return deque_iter_new(vm, self, false); }

static Value m_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "deque.__reversed__", argc - 1, 0, 0))
        return VNULL;
    return deque_iter_new(vm, argv[0], true);
}

static Value dequeiter_length_hint(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_int_from_i64(vm, (int64_t)((DequeIter *)v_obj(argv[0]))->counter);
}

/* _deque_iterator(deque, index=0): an iterator advanced by index. */
static Value dequeiter_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, type->name, kwnames) || !mp_check_positional(vm, type->name, argc, 1, 2))
        return VNULL;
    if (!rt_isinstance_type(argv[0], &deque_type))
        return rt_raise(vm, &rt_exc_TypeError, "%s() argument 1 must be collections.deque, not %s",
                        type->name, rt_type_name(argv[0]));
    int64_t skip = 0;
    if (argc == 2 && !mp_as_ssize(vm, argv[1], &skip))
        return VNULL;
    Value it = deque_iter_new(vm, argv[0], type == &dequereviter_type);
    for (int64_t k = 0; it && k < skip; k++)
        if (!dequeiter_next(vm, it, type == &dequereviter_type))
            break;
    return vm->exc ? VNULL : it;
}

static const NativeDef dequeiter_methods[] = {
    {"__length_hint__", dequeiter_length_hint, 0},
    {NULL, NULL, 0},
};

static const NativeDef deque_methods[] = {
    {"__init__", deque_init, NF_KEYWORDS},
    {"append", m_append, 0},
    {"appendleft", m_appendleft, 0},
    {"pop", m_pop, 0},
    {"popleft", m_popleft, 0},
    {"extend", m_extend, 0},
    {"extendleft", m_extendleft, 0},
    {"clear", m_clear, 0},
    {"copy", m_copy, 0},
    {"__copy__", m_dunder_copy, 0},
    {"count", m_count, 0},
    {"index", m_index, 0},
    {"insert", m_insert, 0},
    {"remove", m_remove, 0},
    {"reverse", m_reverse, 0},
    {"rotate", m_rotate, 0},
    {"__reversed__", m_reversed, 0},
    {"__reduce__", m_reduce, 0},
    {NULL, NULL, 0},
};

static const GetSetDef deque_getsets[] = {
    {"maxlen", deque_maxlen, NULL},
    {NULL, NULL, NULL},
};

static Type deque_type = {
    .name = "collections.deque", .instance_size = sizeof(Deque), .trace = deque_trace,
    .finalize = deque_finalize, .repr = deque_repr, .richcompare = deque_richcompare,
    .iter = deque_iter, .getitem = deque_getitem, .setitem = deque_setitem, .len = deque_len,
    .contains = deque_contains, .new = deque_new, .flags = TF_BASETYPE | TF_WEAKREF,
    .binop = {[BIN_ADD] = deque_add, [BIN_MUL] = deque_mul},
    .inplace = {[BIN_ADD] = deque_iadd, [BIN_MUL] = deque_imul},
};

/* ---- defaultdict ------------------------------------------------------------------------ */

typedef struct DefaultDict {
    Dict d;
    Value factory; /* callable or rt_None */
} DefaultDict;

static Type defaultdict_type;
static Value defaultdict_native_init;

static void defaultdict_trace(VM *vm, Obj *o)
{
    rt_dict_type.trace(vm, o);
    rt_gc_mark(vm, ((DefaultDict *)o)->factory);
}

static inline DefaultDict *DD(Value v) { return (DefaultDict *)v_obj(v); }

/* defaultdict.__init__'s work: (default_factory=None, /, *args, **kwargs). */
static bool defaultdict_fill(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    Value factory = argc > 0 ? argv[0] : rt_None;
    if (factory != rt_None && !v_type(factory)->call) {
        rt_raise(vm, &rt_exc_TypeError, "first argument must be callable or None");
        return false;
    }
    DD(self)->factory = factory;
    if (argc > 2) {
        rt_raise(vm, &rt_exc_TypeError, "dict expected at most 1 argument, got %d", argc - 1);
        return false;
    }
    if (argc == 2 && !rt_dict_update(vm, v_dict(self), argv[1]))
        return false;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, v_dict(self), v_tuple(kwnames)->items[i], argv[argc + i]))
            return false;
    return true;
}

static Value defaultdict_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    DefaultDict *d = rt_alloc(vm, type, type->instance_size);
    if (!d)
        return VNULL;
    d->factory = rt_None;
    Value self = v_from(d);
    if (type != &defaultdict_type &&
        rt_lookup_type_attr(type, vm->names.__init__) != defaultdict_native_init)
        return self;
    return defaultdict_fill(vm, self, argc, argv, kwnames) ? self : VNULL;
}

static Value defaultdict_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    return defaultdict_fill(vm, argv[0], argc - 1, argv + 1, kwnames) ? rt_None : VNULL;
}

static Value dd_missing(VM *vm, Value self, Value key)
{
    Value f = DD(self)->factory;
    if (f == rt_None) {
        Value t = rt_tuple_pack(vm, 1, key);
        return t ? rt_raise_value(vm, rt_exc_new(vm, &rt_exc_KeyError, t)) : VNULL;
    }
    Value v = rt_call0(vm, f);
    if (!v || rt_setitem(vm, self, key, v) < 0)
        return VNULL;
    return v;
}

static Value m_missing(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "defaultdict.__missing__", argc - 1, 1, 1))
        return VNULL;
    return dd_missing(vm, argv[0], argv[1]);
}

/* d[key]: the dict lookup, then type(d).__missing__ (overridable). */
static Value defaultdict_getitem(VM *vm, Value self, Value key)
{
    bool err = false;
    Value v = rt_dict_get(vm, v_dict(self), key, &err);
    if (v || err)
        return v;
    Type *t = v_type(self);
    Value f = t->flags & TF_CLASS ? rt_lookup_type_attr(t, vm->names.__missing__) : VNULL;
    if (f)
        return rt_call_with_self(vm, f, self, 1, &key, VNULL);
    return dd_missing(vm, self, key);
}

static Value defaultdict_copy_of(VM *vm, Value self, Value contents)
{
    Value args[2] = {DD(self)->factory, contents};
    return rt_call(vm, v_from(v_type(self)), 2, args, VNULL);
}

static Value m_dd_copy(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "defaultdict.copy", argc - 1, 0, 0))
        return VNULL;
    return defaultdict_copy_of(vm, argv[0], argv[0]);
}

static Value m_dd_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "defaultdict.__reduce__", argc - 1, 0, 0))
        return VNULL;
    Value self = argv[0], f = DD(self)->factory;
    Value args = f == rt_None ? rt_empty_tuple : rt_tuple_pack(vm, 1, f);
    Value items = args ? rt_call_method(vm, self, "items", 0, NULL) : VNULL;
    Value it = items ? rt_iter(vm, items) : VNULL;
    return it ? rt_tuple_pack(vm, 5, v_from(v_type(self)), args, rt_None, rt_None, it) : VNULL;
}

static Value defaultdict_repr(VM *vm, Value self)
{
    Value base = rt_dict_type.repr(vm, self);
    if (!base)
        return VNULL;
    Value f = DD(self)->factory, fr;
    Obj *o = v_obj(self);
    /* A factory whose repr shows this defaultdict again prints as "...". */
    if (o->aux & DQ_REPR_BIT) {
        fr = rt_str_from_cstr(vm, "...");
    } else {
        o->aux |= DQ_REPR_BIT;
        fr = rt_repr(vm, f);
        o->aux &= ~DQ_REPR_BIT;
    }
    if (!fr)
        return VNULL;
    return rt_str_printf(vm, "%s(%s, %s)", mp_type_short_name(self), v_cstr(fr), v_cstr(base));
}

/* defaultdict | dict and dict | defaultdict: a defaultdict with the left
 * operand's items updated by the right's, the factory of the defaultdict. */
static Value defaultdict_or(VM *vm, Value a, Value b)
{
    Value dd = rt_isinstance_type(a, &defaultdict_type) ? a : b;
    Value other = dd == a ? b : a;
    if (!rt_isinstance_type(other, &rt_dict_type))
        return rt_NotImplemented;
    Value r = defaultdict_copy_of(vm, dd, a);
    if (!r || !rt_dict_update(vm, v_dict(r), b))
        return VNULL;
    return r;
}

static Value defaultdict_ior(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &defaultdict_type))
        return rt_NotImplemented;
    return rt_dict_update(vm, v_dict(a), b) ? a : VNULL;
}

static Value dd_get_factory(VM *vm, Value self) { return DD(self)->factory; }

static int dd_set_factory(VM *vm, Value self, Value v)
{
    DD(self)->factory = v ? v : rt_None;
    return 0;
}

static const GetSetDef defaultdict_getsets[] = {
    {"default_factory", dd_get_factory, dd_set_factory},
    {NULL, NULL, NULL},
};

static const NativeDef defaultdict_methods[] = {
    {"__init__", defaultdict_init, NF_KEYWORDS},
    {"__missing__", m_missing, 0},
    {"copy", m_dd_copy, 0},
    {"__copy__", m_dd_copy, 0},
    {"__reduce__", m_dd_reduce, 0},
    {NULL, NULL, 0},
};

static Type defaultdict_type = {
    .name = "collections.defaultdict", .instance_size = sizeof(DefaultDict),
    .base = &rt_dict_type, .trace = defaultdict_trace, .repr = defaultdict_repr,
    .getitem = defaultdict_getitem, .new = defaultdict_new, .flags = TF_BASETYPE,
    .binop = {[BIN_OR] = defaultdict_or}, .inplace = {[BIN_OR] = defaultdict_ior},
};

/* ---- _count_elements -------------------------------------------------------------------- */

/* Counter's helper: mapping[x] = mapping.get(x, 0) + 1 for each x. */
static Value coll_count_elements(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_check_positional(vm, "_count_elements", argc, 2, 2))
        return VNULL;
    Value mapping = argv[0];
    Value it = rt_iter(vm, argv[1]);
    if (!it)
        return VNULL;
    bool plain = v_is(mapping, &rt_dict_type);
    Value get = plain ? VNULL : rt_getattr_cstr(vm, mapping, "get");
    if (!plain && !get)
        return VNULL;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x)
            break;
        Value old;
        if (plain) {
            bool err = false;
            old = rt_dict_get(vm, v_dict(mapping), x, &err);
            if (err)
                return VNULL;
            if (!old)
                old = v_from_small(0);
        } else {
            old = rt_call2(vm, get, x, v_from_small(0));
            if (!old)
                return VNULL;
        }
        Value n = v_is_small(old) && v_small(old) < SMALL_MAX ? v_from_small(v_small(old) + 1)
                                                              : rt_binary_op(vm, BIN_ADD, old, v_from_small(1));
        if (!n || rt_setitem(vm, mapping, x, n) < 0)
            return VNULL;
    }
    return vm->exc ? VNULL : rt_None;
}

/* ---- _tuplegetter ------------------------------------------------------------------------- */

typedef struct TupleGetter {
    Obj hdr;
    int64_t index;
    Value doc;
} TupleGetter;

static void tuplegetter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((TupleGetter *)o)->doc); }

static Type tuplegetter_type;

static Value tuplegetter_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "_tuplegetter", kwnames) ||
        !mp_check_positional(vm, "_tuplegetter", argc, 2, 2))
        return VNULL;
    int64_t i;
    if (!mp_as_ssize(vm, argv[0], &i))
        return VNULL;
    TupleGetter *g = rt_alloc(vm, &tuplegetter_type, sizeof(TupleGetter));
    if (!g)
        return VNULL;
    g->index = i;
    g->doc = argv[1];
    return v_from(g);
}

static Value tuplegetter_get(VM *vm, Value self, Value obj, Type *owner)
{
    TupleGetter *g = (TupleGetter *)v_obj(self);
    if (!obj || obj == rt_None)
        return self;
    if (!rt_isinstance_type(obj, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError,
                        "descriptor for index '%lld' for tuple subclasses doesn't apply to '%s' "
                        "object",
                        (long long)g->index, rt_type_name(obj));
    Tuple *t = v_tuple(obj);
    if (g->index < 0 || (size_t)g->index >= t->len)
        return rt_raise(vm, &rt_exc_IndexError, "tuple index out of range");
    return t->items[g->index];
}

static int tuplegetter_set(VM *vm, Value self, Value obj, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, v ? "can't set attribute" : "can't delete attribute");
    return -1;
}

static Value tuplegetter_repr(VM *vm, Value self)
{
    TupleGetter *g = (TupleGetter *)v_obj(self);
    Value d = rt_repr(vm, g->doc);
    return d ? rt_str_printf(vm, "%s(%lld, %s)", mp_type_short_name(self), (long long)g->index,
                             v_cstr(d))
             : VNULL;
}

static Value tg_get_doc(VM *vm, Value self) { return ((TupleGetter *)v_obj(self))->doc; }

static int tg_set_doc(VM *vm, Value self, Value v)
{
    ((TupleGetter *)v_obj(self))->doc = v ? v : rt_None;
    return 0;
}

static Value m_tg_set(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "__set__", argc - 1, 2, 2))
        return VNULL;
    return tuplegetter_set(vm, argv[0], argv[1], argv[2]) < 0 ? VNULL : rt_None;
}

static Value m_tg_delete(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "__delete__", argc - 1, 1, 1))
        return VNULL;
    return tuplegetter_set(vm, argv[0], argv[1], VNULL) < 0 ? VNULL : rt_None;
}

static const GetSetDef tuplegetter_getsets[] = {
    {"__doc__", tg_get_doc, tg_set_doc},
    {NULL, NULL, NULL},
};

static const NativeDef tuplegetter_methods[] = {
    {"__set__", m_tg_set, 0},
    {"__delete__", m_tg_delete, 0},
    {NULL, NULL, 0},
};

static Type tuplegetter_type = {
    .name = "_collections._tuplegetter", .instance_size = sizeof(TupleGetter),
    .trace = tuplegetter_trace, .repr = tuplegetter_repr, .new = tuplegetter_new,
    .descr_get = tuplegetter_get, .descr_set = tuplegetter_set,
};

/* ---- the module ------------------------------------------------------------------------- */

static const NativeDef collections_functions[] = {
    {"_count_elements", coll_count_elements, 0},
    {NULL, NULL, 0},
};

/* __class_getitem__ of deque and defaultdict: list's (a types.GenericAlias). */
static bool add_class_getitem(VM *vm, Type *t)
{
    Value name = rt_str_intern_cstr(vm, "__class_getitem__");
    Value f = rt_dict_get_str(rt_list_type.dict, name);
    return !f || rt_dict_set_str(vm, t->dict, name, f);
}

Value mp_collections_module_init(VM *vm)
{
    dequeiter_type.new = dequeiter_new_slot;
    dequereviter_type.new = dequeiter_new_slot;
    defaultdict_type.finalize = rt_dict_type.finalize;
    Dict *d;
    Value m = mp_new_module(vm, "_collections", &d);
    if (!m || !rt_add_functions(vm, d, collections_functions, rt_str_intern_cstr(vm, "_collections")))
        return VNULL;
    if (!mp_type_ready(vm, &deque_type, d) || !mp_type_ready(vm, &dequeiter_type, d) ||
        !mp_type_ready(vm, &dequereviter_type, d) || !mp_type_ready(vm, &defaultdict_type, d) ||
        !mp_type_ready(vm, &tuplegetter_type, d))
        return VNULL;
    if (!deque_native_init) {
        if (!rt_add_methods(vm, &deque_type, deque_methods) ||
            !rt_add_getsets(vm, &deque_type, deque_getsets) ||
            !rt_add_methods(vm, &dequeiter_type, dequeiter_methods) ||
            !rt_add_methods(vm, &dequereviter_type, dequeiter_methods) ||
            !rt_add_methods(vm, &defaultdict_type, defaultdict_methods) ||
            !rt_add_getsets(vm, &defaultdict_type, defaultdict_getsets) ||
            !rt_add_getsets(vm, &tuplegetter_type, tuplegetter_getsets) ||
            !rt_add_methods(vm, &tuplegetter_type, tuplegetter_methods) ||
            !add_class_getitem(vm, &deque_type) || !add_class_getitem(vm, &defaultdict_type))
            return VNULL;
        rt_gc_add_root(vm, &deque_native_init);
        rt_gc_add_root(vm, &defaultdict_native_init);
        deque_native_init = rt_dict_get_str(deque_type.dict, vm->names.__init__);
        defaultdict_native_init = rt_dict_get_str(defaultdict_type.dict, vm->names.__init__);
    }
    return m;
}
