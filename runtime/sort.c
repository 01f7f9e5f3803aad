/* runtime/sort.c — the stable sort behind list.sort() and sorted().
 *
 * Binary insertion sort on runs of RUN items, then bottom-up merges that
 * skip already-ordered neighbours (so sorted input costs O(n)).  Like
 * CPython, only `<` is used, and when every key is a small int, a str or a
 * float the comparison is done inline instead of through rt_compare_bool.
 * reverse=True reverses, sorts, and reverses again, which keeps equal items
 * in their original order as CPython does. */
#include <string.h>
#include "runtime/containers_int.h"

enum { RUN = 32 };

typedef enum { CMP_GENERIC, CMP_SMALLINT, CMP_STR, CMP_FLOAT, CMP_TUPLE } CmpMode;

typedef struct {
    VM *vm;
    CmpMode mode;
    Value *keys, *vals;   /* vals NULL: keys are the values */
    Value *tk, *tv;       /* merge buffers */
} SortCtx;

static inline int str_order(Value a, Value b)
{
    Str *x = v_str(a), *y = v_str(b);
    size_t n = x->len < y->len ? x->len : y->len;
    /* UTF-8 byte order is code-point order. */
    int r = memcmp(x->data, y->data, n);
    if (r) return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Tuples as CPython's unsafe_tuple_compare: skip equal items (identity,
 * then ==), then `<` on the first differing pair; small ints and strs are
 * compared inline. */
static int tuple_lt(VM *vm, Value a, Value b)
{
    Tuple *x = v_tuple(a), *y = v_tuple(b);
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++) {
        Value p = x->items[i], q = y->items[i];
        if (p == q) continue;
        if (v_is_small(p) && v_is_small(q)) return (intptr_t)p < (intptr_t)q;
        if (v_is_str_exact(p) && v_is_str_exact(q)) {
            int r = str_order(p, q);
            if (r) return r < 0;
            continue;
        }
        int e = rt_eq(vm, p, q);
        if (e < 0) return -1;
        if (e) continue;
        return rt_compare_bool(vm, p, q, CMP_LT);
    }
    return x->len < y->len;
}

/* 1: a < b, 0: not, -1: error. */
static inline int lt(SortCtx *c, Value a, Value b)
{
    switch (c->mode) {
    case CMP_TUPLE:
        return tuple_lt(c->vm, a, b);
    case CMP_SMALLINT:
        return (intptr_t)a < (intptr_t)b; /* tagging preserves order */
    case CMP_STR:
        return str_order(a, b) < 0;
    case CMP_FLOAT:
        return v_f(a) < v_f(b);
    default:
        return rt_compare_bool(c->vm, a, b, CMP_LT);
    }
}

static void reverse_values(Value *a, size_t n)
{
    if (!a || n < 2) return;
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        Value t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

/* Insert keys[lo+1 .. hi) one by one into the sorted prefix. */
static bool insertion_sort(SortCtx *c, size_t lo, size_t hi)
{
    Value *k = c->keys, *v = c->vals;
    for (size_t i = lo + 1; i < hi; i++) {
        Value x = k[i];
        /* rightmost position p in [lo, i] with !(x < k[p-1]) */
        size_t l = lo, r = i;
        while (l < r) {
            size_t m = l + (r - l) / 2;
            int t = lt(c, x, k[m]);
            if (t < 0) return false;
            if (t) r = m;
            else l = m + 1;
        }
        if (l == i) continue;
        memmove(k + l + 1, k + l, (i - l) * sizeof(Value));
        k[l] = x;
        if (v) {
            Value y = v[i];
            memmove(v + l + 1, v + l, (i - l) * sizeof(Value));
            v[l] = y;
        }
    }
    return true;
}

/* Merge sorted [lo, mid) and [mid, hi).  On a comparison error the rest
 * of the left run is copied back, so the arrays stay a permutation. */
static bool merge(SortCtx *c, size_t lo, size_t mid, size_t hi)
{
    Value *k = c->keys, *v = c->vals;
    int t = lt(c, k[mid], k[mid - 1]);
    if (t <= 0) return t == 0;
    size_t nl = mid - lo;
    memcpy(c->tk, k + lo, nl * sizeof(Value));
    if (v) memcpy(c->tv, v + lo, nl * sizeof(Value));
    size_t i = 0, j = mid, d = lo;
    bool ok = true;
    while (i < nl && j < hi) {
        t = lt(c, k[j], c->tk[i]);
        if (t < 0) {
            ok = false;
            break;
        }
        if (t) {
            k[d] = k[j];
            if (v) v[d] = v[j];
            j++;
        } else {
            k[d] = c->tk[i];
            if (v) v[d] = c->tv[i];
            i++;
        }
        d++;
    }
    memcpy(k + d, c->tk + i, (nl - i) * sizeof(Value));
    if (v) memcpy(v + d, c->tv + i, (nl - i) * sizeof(Value));
    return ok;
}

static CmpMode choose_mode(const Value *k, size_t n)
{
    if (v_is_small(k[0])) {
        for (size_t i = 1; i < n; i++)
            if (!v_is_small(k[i])) return CMP_GENERIC;
        return CMP_SMALLINT;
    }
    Type *t = v_obj(k[0])->type;
    if (t != &rt_str_type && t != &rt_float_type && t != &rt_tuple_type) return CMP_GENERIC;
    for (size_t i = 1; i < n; i++)
        if (!v_is_obj(k[i]) || v_obj(k[i])->type != t) return CMP_GENERIC;
    return t == &rt_str_type ? CMP_STR : t == &rt_float_type ? CMP_FLOAT : CMP_TUPLE;
}

bool ct_sort_values(VM *vm, Value *vals, Value *keys, size_t n, bool reverse)
{
    if (n < 2) return true;
    SortCtx c = {vm, CMP_GENERIC, keys ? keys : vals, keys ? vals : NULL, NULL, NULL};
    c.mode = choose_mode(c.keys, n);
    if (reverse) {
        reverse_values(c.keys, n);
        reverse_values(c.vals, n);
    }
    bool ok = true;
    for (size_t lo = 0; ok && lo < n; lo += RUN) ok = insertion_sort(&c, lo, lo + RUN < n ? lo + RUN : n);
    if (ok && n > RUN) {
        size_t half = n; /* the left run of the last merge may exceed n / 2 */
        c.tk = rt_malloc(vm, half * sizeof(Value));
        c.tv = c.vals ? rt_malloc(vm, half * sizeof(Value)) : NULL;
        if (!c.tk || (c.vals && !c.tv)) ok = false;
        /* While a merge runs, some values live only in the merge buffers. */
        GcRoot rk, rv;
        size_t nk = c.tk ? half : 0, nv = c.tv ? half : 0;
        rt_gc_push_values(vm, &rk, &c.tk, &nk);
        rt_gc_push_values(vm, &rv, &c.tv, &nv);
        for (size_t w = RUN; ok && w < n; w *= 2) {
            for (size_t lo = 0; ok && lo + w < n; lo += 2 * w) {
                size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
                ok = merge(&c, lo, lo + w, hi);
            }
        }
        rt_gc_pop_root(vm, &rv);
        rt_gc_pop_root(vm, &rk);
        if (c.tk) rt_free(vm, c.tk, half * sizeof(Value));
        if (c.tv) rt_free(vm, c.tv, half * sizeof(Value));
    }
    if (reverse) {
        reverse_values(c.keys, n);
        reverse_values(c.vals, n);
    }
    return ok;
}
