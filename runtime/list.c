/* runtime/list.c — the list type: a growable array of Values with
 * CPython's over-allocation, slices (extended ones included) and sort
 * (runtime/sort.c). */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

/* ---- storage ----------------------------------------------------------------- */

/* A list's items live in an array object of the heap rather than a malloc'd
 * buffer: a dead list's items are swept with it, page by page, instead of
 * being freed one by one at random addresses, and C code holding a pointer
 * into them keeps the array alive (gc.h).  Growing moves the items to a new
 * array; the old one is garbage.  The list's trace marks the array and the
 * items in use (the array's capacity beyond len may hold stale values). */
typedef struct ItemArray {
    Obj hdr;
    size_t cap;
    Value items[];
} ItemArray;

static Type item_array_type = {.name = "list items"};

static ItemArray *array_of(Value *items)
{
    return (ItemArray *)((char *)items - offsetof(ItemArray, items));
}

static bool list_set_cap(VM *vm, List *l, size_t cap)
{
    if (cap > (SIZE_MAX - sizeof(ItemArray)) / sizeof(Value)) {
        rt_no_memory(vm);
        return false;
    }
    if (cap == 0) {
        l->items = NULL;
        l->cap = 0;
        return true;
    }
    /* A large array grows in place (realloc: no copy for big ones). */
    bool failed = false;
    ItemArray *a = l->items ? (ItemArray *)rt_gc_resize_large(vm, &array_of(l->items)->hdr,
                                                              sizeof(ItemArray) + cap * sizeof(Value),
                                                              &failed)
                            : NULL;
    if (failed) return false;
    if (!a) {
        a = rt_alloc(vm, &item_array_type, sizeof(ItemArray) + cap * sizeof(Value));
        if (!a) return false;
        size_t keep = l->len < cap ? l->len : cap;
        if (l->items && keep) memcpy(a->items, l->items, keep * sizeof(Value));
    }
    a->cap = cap;
    l->items = a->items;
    l->cap = cap;
    return true;
}

/* Make room for newlen items, over-allocating as CPython's list_resize
 * (about 12.5% + a little) so appends are amortized O(1). */
static bool list_resize(VM *vm, List *l, size_t newlen)
{
    if (newlen <= l->cap && newlen >= l->cap / 2) {
        l->len = newlen;
        return true;
    }
    size_t cap = (newlen + (newlen >> 3) + 6) & ~(size_t)3;
    if (newlen > l->len && newlen - l->len > cap - newlen) cap = (newlen + 3) & ~(size_t)3;
    if (newlen == 0) cap = 0;
    if (!list_set_cap(vm, l, cap)) return false;
    l->len = newlen;
    return true;
}

Value rt_list_new(VM *vm, size_t cap)
{
    List *l = rt_alloc(vm, &rt_list_type, sizeof(List));
    if (!l) return VNULL;
    if (cap && !list_set_cap(vm, l, cap)) return VNULL;
    return v_from(l);
}

Value rt_list_from(VM *vm, size_t len, const Value *items)
{
    Value v = rt_list_new(vm, len);
    if (!v) return VNULL;
    if (len) memcpy(v_list(v)->items, items, len * sizeof(Value));
    v_list(v)->len = len;
    return v;
}

static bool list_append_slow(VM *vm, List *l, Value v)
{
    size_t n = l->len;
    if (!list_resize(vm, l, n + 1)) return false;
    l->items[n] = v;
    return true;
}

bool rt_list_append(VM *vm, Value list, Value v)
{
    List *l = v_list(list);
    if (l->len < l->cap) {
        l->items[l->len++] = v;
        return true;
    }
    return list_append_slow(vm, l, v);
}

static bool list_extend_array(VM *vm, List *l, const Value *src, size_t n)
{
    size_t old = l->len;
    if (n == 0) return true;
    if (old + n > l->cap) {
        if (!list_resize(vm, l, old + n)) return false;
    } else {
        l->len = old + n;
    }
    memmove(l->items + old, src, n * sizeof(Value));
    return true;
}

bool rt_list_extend(VM *vm, Value list, Value iterable)
{
    List *l = v_list(list);
    if (v_is(iterable, &rt_list_type)) {
        List *o = v_list(iterable);
        /* l.extend(l) reads the old length only. */
        return list_extend_array(vm, l, o->items, o->len);
    }
    if (v_is(iterable, &rt_tuple_type))
        return list_extend_array(vm, l, v_tuple(iterable)->items, v_tuple(iterable)->len);
    Value it = rt_iter(vm, iterable);
    if (!it) return false;
    Type *t = v_type(it);
    for (;;) {
        Value x = t->next ? t->next(vm, it) : rt_next(vm, it);
        if (!x) return vm->exc == VNULL;
        if (!rt_list_append(vm, list, x)) return false;
    }
}

Value rt_list_from_iter(VM *vm, Value iterable)
{
    if (v_is(iterable, &rt_list_type))
        return rt_list_from(vm, v_list(iterable)->len, v_list(iterable)->items);
    if (v_is(iterable, &rt_tuple_type))
        return rt_list_from(vm, v_tuple(iterable)->len, v_tuple(iterable)->items);
    Value l = rt_list_new(vm, 0);
    if (!l || !rt_list_extend(vm, l, iterable)) return VNULL;
    return l;
}

Value rt_list_sort(VM *vm, Value list, Value key, bool reverse)
{
    List *l = v_list(list);
    size_t n = l->len;
    bool has_key = key != VNULL && key != rt_None;
    if (n < 2 && !has_key) return rt_None;
    /* As in CPython, the list looks empty while it is sorted (key functions and comparisons
     * see []), and a change they make is "list modified during sort".  The items move to a
     * fresh holder list (held in a C local, so rooted); keys live in another. */
    Value hold = rt_list_new(vm, 0);
    Value khold = has_key ? rt_list_new(vm, n ? n : 1) : VNULL;
    if (!hold || (has_key && !khold)) return VNULL;
    List *h = v_list(hold);
    h->items = l->items;
    h->len = l->len;
    h->cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;
    bool ok = true;
    Value *keys = NULL;
    if (has_key) {
        List *kl = v_list(khold);
        for (size_t i = 0; ok && i < n; i++) {
            Value k = rt_call1(vm, key, h->items[i]);
            if (!k) ok = false;
            else kl->items[kl->len++] = k;
        }
        keys = kl->items;
    }
    if (ok) ok = ct_sort_values(vm, h->items, keys, n, reverse);
    bool modified = l->items != NULL || l->len != 0;
    l->items = h->items;
    l->len = h->len;
    l->cap = h->cap;
    h->items = NULL;
    h->len = h->cap = 0;
    if (ok && modified) {
        rt_raise(vm, &rt_exc_ValueError, "list modified during sort");
        ok = false;
    }
    return ok ? rt_None : VNULL;
}

/* ---- slots ------------------------------------------------------------------ */

static void list_trace(VM *vm, Obj *o)
{
    List *l = (List *)o;
    if (!l->items) return;
    rt_gc_mark_obj(vm, &array_of(l->items)->hdr);
    for (size_t i = 0; i < l->len; i++) rt_gc_mark(vm, l->items[i]);
}

static Value list_repr(VM *vm, Value v)
{
    List *l = v_list(v);
    if (l->len == 0) return rt_str_from_cstr(vm, "[]");
    if (l->hdr.aux & CT_REPR_BIT) return rt_str_from_cstr(vm, "[...]");
    l->hdr.aux |= CT_REPR_BIT;
    Value r = ct_seq_repr(vm, l->items, l->len, "[", "]", v);
    l->hdr.aux &= ~CT_REPR_BIT;
    return r;
}

static Value list_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!rt_isinstance_type(a, &rt_list_type)) return rt_NotImplemented;
    return ct_seq_richcompare(vm, a, b, op);
}

static int64_t list_len(VM *vm, Value v) { return (int64_t)v_list(v)->len; }

static int list_contains(VM *vm, Value o, Value item)
{
    List *l = v_list(o);
    for (size_t i = 0; i < l->len; i++) {
        Value x = l->items[i];
        if (x == item) return 1;
        if (v_is_small(x) && v_is_small(item)) continue;
        int r = rt_eq(vm, x, item);
        if (r) return r;
    }
    return 0;
}

static Value list_slice(VM *vm, List *l, Value slice)
{
    int64_t start, stop, step;
    int64_t n = rt_slice_indices(vm, slice, (int64_t)l->len, &start, &stop, &step);
    if (n < 0) return VNULL;
    if (step == 1) return rt_list_from(vm, (size_t)n, l->items + start);
    Value r = rt_list_new(vm, (size_t)n);
    if (!r) return VNULL;
    Value *dst = v_list(r)->items;
    for (int64_t i = 0, j = start; i < n; i++, j += step) dst[i] = l->items[j];
    v_list(r)->len = (size_t)n;
    return r;
}

static Value list_getitem(VM *vm, Value o, Value key)
{
    List *l = v_list(o);
    if (v_is_small(key)) {
        int64_t i = v_small(key);
        if (i < 0) i += (int64_t)l->len;
        if ((uint64_t)i >= l->len) return rt_raise(vm, &rt_exc_IndexError, "list index out of range");
        return l->items[i];
    }
    if (v_is(key, &rt_slice_type)) return list_slice(vm, l, key);
    int64_t i;
    if (!ct_index_value(vm, key, "list", &i)) return VNULL;
    if (i < 0) i += (int64_t)l->len;
    if (i < 0 || (uint64_t)i >= l->len) return rt_raise(vm, &rt_exc_IndexError, "list index out of range");
    return l->items[i];
}

static int list_del_slice(VM *vm, List *l, int64_t start, int64_t step, int64_t n)
{
    if (n <= 0) return 0;
    if (step < 0) {
        /* Same items, walked forwards. */
        start = start + (n - 1) * step;
        step = -step;
    }
    if (step == 1) {
        memmove(l->items + start, l->items + start + n, (l->len - (size_t)(start + n)) * sizeof(Value));
    } else {
        size_t dst = (size_t)start, src = (size_t)start;
        int64_t removed = 0;
        for (; src < l->len; src++) {
            if (removed < n && src == (size_t)(start + removed * step)) {
                removed++;
                continue;
            }
            l->items[dst++] = l->items[src];
        }
    }
    return list_resize(vm, l, l->len - (size_t)n) ? 0 : -1;
}

static int list_assign_slice(VM *vm, List *l, Value slice, Value v)
{
    int64_t start, stop, step;
    int64_t n = rt_slice_indices(vm, slice, (int64_t)l->len, &start, &stop, &step);
    if (n < 0) return -1;
    if (v == VNULL) return list_del_slice(vm, l, start, step, n);
    /* The new items, snapshotted (v may be l itself). */
    Value seq;
    if (v_is(v, &rt_tuple_type)) {
        seq = v;
    } else if (v_is(v, &rt_list_type)) {
        seq = rt_list_from(vm, v_list(v)->len, v_list(v)->items);
    } else {
        Value it = rt_iter(vm, v);
        if (!it) {
            if (rt_exc_clear_if(vm, &rt_exc_TypeError))
                rt_raise(vm, &rt_exc_TypeError, step == 1 ? "can only assign an iterable"
                                                          : "must assign iterable to extended slice");
            return -1;
        }
        seq = rt_list_from_iter(vm, it);
    }
    if (!seq) return -1;
    size_t m;
    Value *src;
    if (v_is(seq, &rt_tuple_type)) {
        m = v_tuple(seq)->len;
        src = v_tuple(seq)->items;
    } else {
        m = v_list(seq)->len;
        src = v_list(seq)->items;
    }
    if (step == 1) {
        if (stop < start) stop = start;
        size_t old = (size_t)(stop - start), tail = l->len - (size_t)stop, len = l->len;
        if (m > old) {
            if (!list_resize(vm, l, len + (m - old))) return -1;
            memmove(l->items + start + m, l->items + stop, tail * sizeof(Value));
        } else if (m < old) {
            memmove(l->items + start + m, l->items + stop, tail * sizeof(Value));
            if (!list_resize(vm, l, len - (old - m))) return -1;
        }
        if (m) memcpy(l->items + start, src, m * sizeof(Value));
        return 0;
    }
    if ((int64_t)m != n) {
        rt_raise(vm, &rt_exc_ValueError, "attempt to assign sequence of size %zu to extended slice of size %lld",
                 m, (long long)n);
        return -1;
    }
    for (int64_t i = 0, j = start; i < n; i++, j += step) l->items[j] = src[i];
    return 0;
}

static int list_setitem(VM *vm, Value o, Value key, Value v)
{
    List *l = v_list(o);
    int64_t i;
    if (v_is_small(key)) {
        i = v_small(key);
    } else if (v_is(key, &rt_slice_type)) {
        return list_assign_slice(vm, l, key, v);
    } else if (!ct_index_value(vm, key, "list", &i)) {
        return -1;
    }
    if (i < 0) i += (int64_t)l->len;
    if (i < 0 || (uint64_t)i >= l->len) {
        rt_raise(vm, &rt_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v != VNULL) {
        l->items[i] = v;
        return 0;
    }
    memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof(Value));
    return list_resize(vm, l, l->len - 1) ? 0 : -1;
}

static Value list_iter(VM *vm, Value v) { return rt_seq_iter_new(vm, v); }

static Value list_add(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_list_type)) return rt_NotImplemented;
    if (!rt_isinstance_type(b, &rt_list_type)) {
        if (v_is_obj(b) && (v_obj(b)->type->flags & TF_CLASS)) return rt_NotImplemented;
        return rt_raise(vm, &rt_exc_TypeError, "can only concatenate list (not \"%s\") to list",
                        rt_type_name(b));
    }
    List *x = v_list(a), *y = v_list(b);
    Value r = rt_list_new(vm, x->len + y->len);
    if (!r) return VNULL;
    if (x->len) memcpy(v_list(r)->items, x->items, x->len * sizeof(Value));
    if (y->len) memcpy(v_list(r)->items + x->len, y->items, y->len * sizeof(Value));
    v_list(r)->len = x->len + y->len;
    return r;
}

static Value list_iadd(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_list_type)) return rt_NotImplemented;
    if (!rt_list_extend(vm, a, b)) return VNULL;
    return a;
}

/* dst = src * n; src is either another list's items or (in place) dst's own. */
static bool list_repeat_into(VM *vm, List *dst, const Value *src, size_t len, int64_t n)
{
    bool inplace = src == dst->items;
    if (n <= 0 || len == 0) return list_resize(vm, dst, 0);
    if ((uint64_t)n > SIZE_MAX / sizeof(Value) / len) {
        rt_no_memory(vm);
        return false;
    }
    size_t total = len * (size_t)n;
    if (!list_set_cap(vm, dst, total)) return false;
    /* In place, the first len items are already there after the realloc. */
    if (!inplace) memcpy(dst->items, src, len * sizeof(Value));
    size_t done = len;
    while (done < total) {
        size_t c = done < total - done ? done : total - done;
        memcpy(dst->items + done, dst->items, c * sizeof(Value));
        done += c;
    }
    dst->len = total;
    return true;
}

static Value list_mul(VM *vm, Value a, Value b)
{
    Value seq = rt_isinstance_type(a, &rt_list_type) ? a : b, other = seq == a ? b : a;
    int64_t n;
    int ok = ct_repeat_operand(vm, seq, other, &n);
    if (ok <= 0) return ok < 0 ? VNULL : rt_NotImplemented;
    Value r = rt_list_new(vm, 0);
    if (!r) return VNULL;
    List *l = v_list(seq);
    if (!list_repeat_into(vm, v_list(r), l->items, l->len, n)) return VNULL;
    return r;
}

static Value list_imul(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_list_type)) return rt_NotImplemented;
    int64_t n;
    int ok = ct_repeat_operand(vm, a, b, &n);
    if (ok <= 0) return ok < 0 ? VNULL : rt_NotImplemented;
    List *l = v_list(a);
    if (!list_repeat_into(vm, l, l->items, l->len, n)) return VNULL;
    return a;
}

static Value list_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "list", kwnames)) return VNULL;
    if (!ct_nargs(vm, "list", argc, 0, 1)) return VNULL;
    if (argc == 0) return rt_list_new(vm, 0);
    return rt_list_from_iter(vm, argv[0]);
}

/* ---- methods ---------------------------------------------------------------- */

#define SELF v_list(argv[0])

static Value m_append(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "append");
    if (!ct_onearg(vm, "list.append", argc - 1)) return VNULL;
    return rt_list_append(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

static Value m_extend(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "extend");
    if (!ct_onearg(vm, "list.extend", argc - 1)) return VNULL;
    return rt_list_extend(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

static Value m_insert(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "insert");
    if (!ct_nargs(vm, "insert", argc - 1, 2, 2)) return VNULL;
    int64_t i;
    if (!ct_as_ssize(vm, argv[1], &i)) return VNULL;
    List *l = SELF;
    int64_t n = (int64_t)l->len;
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    if (!list_resize(vm, l, l->len + 1)) return VNULL;
    memmove(l->items + i + 1, l->items + i, (size_t)(n - i) * sizeof(Value));
    l->items[i] = argv[2];
    return rt_None;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "pop");
    if (!ct_nargs(vm, "pop", argc - 1, 0, 1)) return VNULL;
    List *l = SELF;
    int64_t i = -1;
    if (argc > 1 && !ct_as_ssize(vm, argv[1], &i)) return VNULL;
    if (l->len == 0) return rt_raise(vm, &rt_exc_IndexError, "pop from empty list");
    if (i < 0) i += (int64_t)l->len;
    if (i < 0 || (uint64_t)i >= l->len) return rt_raise(vm, &rt_exc_IndexError, "pop index out of range");
    Value v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - (size_t)i - 1) * sizeof(Value));
    if (!list_resize(vm, l, l->len - 1)) return VNULL;
    return v;
}

static Value m_remove(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "remove");
    if (!ct_onearg(vm, "list.remove", argc - 1)) return VNULL;
    List *l = SELF;
    for (size_t i = 0; i < l->len; i++) {
        int r = l->items[i] == argv[1] ? 1 : rt_eq(vm, l->items[i], argv[1]);
        if (r < 0) return VNULL;
        if (r && i < l->len) {
            memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Value));
            return list_resize(vm, l, l->len - 1) ? rt_None : VNULL;
        }
    }
    return rt_raise(vm, &rt_exc_ValueError, "list.remove(x): x not in list");
}

static Value m_index(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "index");
    if (!ct_nargs(vm, "index", argc - 1, 1, 3)) return VNULL;
    List *l = SELF;
    int64_t start = 0, stop = INT64_MAX;
    if (argc > 2 && !ct_slice_arg(vm, argv[2], &start)) return VNULL;
    if (argc > 3 && !ct_slice_arg(vm, argv[3], &stop)) return VNULL;
    if (start < 0) {
        start += (int64_t)l->len;
        if (start < 0) start = 0;
    }
    if (stop < 0) {
        stop += (int64_t)l->len;
        if (stop < 0) stop = 0;
    }
    for (int64_t i = start; i < stop && (uint64_t)i < l->len; i++) {
        int r = l->items[i] == argv[1] ? 1 : rt_eq(vm, l->items[i], argv[1]);
        if (r < 0) return VNULL;
        if (r) return v_from_small(i);
    }
    Value r = rt_repr(vm, argv[1]);
    if (!r) return VNULL;
    return rt_raise(vm, &rt_exc_ValueError, "%s is not in list", v_cstr(r));
}

static Value m_count(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "count");
    if (!ct_onearg(vm, "list.count", argc - 1)) return VNULL;
    List *l = SELF;
    int64_t c = 0;
    for (size_t i = 0; i < l->len; i++) {
        int r = l->items[i] == argv[1] ? 1 : rt_eq(vm, l->items[i], argv[1]);
        if (r < 0) return VNULL;
        c += r;
    }
    return v_from_small(c);
}

static Value m_clear(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "clear");
    if (!ct_noargs(vm, "list.clear", argc - 1)) return VNULL;
    return list_resize(vm, SELF, 0) ? rt_None : VNULL;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "copy");
    if (!ct_noargs(vm, "list.copy", argc - 1)) return VNULL;
    return rt_list_from(vm, SELF->len, SELF->items);
}

static void reverse_values(Value *a, size_t n)
{
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        Value t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

static Value m_reverse(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "reverse");
    if (!ct_noargs(vm, "list.reverse", argc - 1)) return VNULL;
    reverse_values(SELF->items, SELF->len);
    return rt_None;
}

static Value m_sort(VM *vm, int argc, Value *argv, Value kwnames)
{
    CT_SELF(&rt_list_type, "sort");
    if (argc > 1) return rt_raise(vm, &rt_exc_TypeError, "sort() takes no positional arguments");
    Value key = rt_None, rev = rt_False;
    size_t nk = ct_kwcount(kwnames);
    for (size_t i = 0; i < nk; i++) {
        Value name = v_tuple(kwnames)->items[i];
        const char *s = v_cstr(name);
        if (strcmp(s, "key") == 0) key = argv[argc + i];
        else if (strcmp(s, "reverse") == 0) rev = argv[argc + i];
        else return rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for sort()", s);
    }
    /* reverse is parsed as an int, as CPython: reverse=None is a TypeError. */
    int64_t r;
    if (!ct_as_ssize(vm, rev, &r)) return VNULL;
    return rt_list_sort(vm, argv[0], key, r != 0);
}

static Value m_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__reversed__");
    if (!ct_noargs(vm, "list.__reversed__", argc - 1)) return VNULL;
    return ct_list_reverse_iter_new(vm, argv[0]);
}

static Value m_len(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__len__");
    if (!ct_noargs(vm, "list.__len__", argc - 1)) return VNULL;
    return v_from_small((int64_t)SELF->len);
}

static Value m_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__getitem__");
    if (!ct_onearg(vm, "list.__getitem__", argc - 1)) return VNULL;
    return list_getitem(vm, argv[0], argv[1]);
}

static Value m_setitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__setitem__");
    if (!ct_nargs(vm, "__setitem__", argc - 1, 2, 2)) return VNULL;
    return list_setitem(vm, argv[0], argv[1], argv[2]) < 0 ? VNULL : rt_None;
}

static Value m_delitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__delitem__");
    if (!ct_onearg(vm, "list.__delitem__", argc - 1)) return VNULL;
    return list_setitem(vm, argv[0], argv[1], VNULL) < 0 ? VNULL : rt_None;
}

static Value m_contains(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__contains__");
    if (!ct_onearg(vm, "list.__contains__", argc - 1)) return VNULL;
    int r = list_contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value m_iter(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_list_type, "__iter__");
    if (!ct_noargs(vm, "list.__iter__", argc - 1)) return VNULL;
    return rt_seq_iter_new(vm, argv[0]);
}

static const NativeDef list_methods[] = {
    {"append", m_append, 0},
    {"extend", m_extend, 0},
    {"insert", m_insert, 0},
    {"pop", m_pop, 0},
    {"remove", m_remove, 0},
    {"index", m_index, 0},
    {"count", m_count, 0},
    {"clear", m_clear, 0},
    {"copy", m_copy, 0},
    {"reverse", m_reverse, 0},
    {"sort", m_sort, NF_KEYWORDS},
    {"__reversed__", m_reversed, 0},
    {"__len__", m_len, 0},
    {"__getitem__", m_getitem, 0},
    {"__setitem__", m_setitem, 0},
    {"__delitem__", m_delitem, 0},
    {"__contains__", m_contains, 0},
    {"__iter__", m_iter, 0},
    {NULL, NULL, 0},
};

Type rt_list_type = {
    .name = "list",
    .instance_size = sizeof(List),
    .trace = list_trace,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .len = list_len,
    .contains = list_contains,
    .binop = {[BIN_ADD] = list_add, [BIN_MUL] = list_mul},
    .inplace = {[BIN_ADD] = list_iadd, [BIN_MUL] = list_imul},
    .new = list_new,
};

bool ct_list_init(VM *vm)
{
    if (!rt_type_ready(vm, &rt_list_type)) return false;
    return rt_add_methods(vm, &rt_list_type, list_methods);
}
