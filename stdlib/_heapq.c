/* stdlib/_heapq.c — the _heapq module behind CPython's heapq.py, after
 * Modules/_heapqmodule.c: the same sift order (so heaps have the same
 * layout as CPython's, heapify's cache-friendly order for big lists
 * included), the max-heap helpers, and "list changed size during iteration"
 * when a comparison resizes the heap. */
#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static bool changed_size(VM *vm)
{
    rt_raise(vm, &rt_exc_RuntimeError, "list changed size during iteration");
    return false;
}

/* a < b for the min-heap, b < a for the max-heap. */
static int heap_lt(VM *vm, Value a, Value b, bool max)
{
    return max ? rt_compare_bool(vm, b, a, CMP_LT) : rt_compare_bool(vm, a, b, CMP_LT);
}

/* Move the item at pos up towards startpos while it is smaller than its parent. */
static bool siftdown(VM *vm, Value heap, size_t startpos, size_t pos, bool max)
{
    List *l = v_list(heap);
    size_t size = l->len;
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        int lt = heap_lt(vm, l->items[pos], l->items[parentpos], max);
        if (lt < 0)
            return false;
        if (size != l->len)
            return changed_size(vm);
        if (!lt)
            break;
        Value t = l->items[parentpos];
        l->items[parentpos] = l->items[pos];
        l->items[pos] = t;
        pos = parentpos;
    }
    return true;
}

/* Move the smaller child up until a leaf, then sift the item back down. */
static bool siftup(VM *vm, Value heap, size_t pos, bool max)
{
    List *l = v_list(heap);
    size_t endpos = l->len, startpos = pos, limit = endpos >> 1;
    while (pos < limit) {
        size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            int lt = heap_lt(vm, l->items[childpos], l->items[childpos + 1], max);
            if (lt < 0)
                return false;
            childpos += (size_t)(lt ^ 1);
            if (endpos != l->len)
                return changed_size(vm);
        }
        Value t = l->items[childpos];
        l->items[childpos] = l->items[pos];
        l->items[pos] = t;
        pos = childpos;
    }
    return siftdown(vm, heap, startpos, pos, max);
}

static bool list_arg(VM *vm, const char *fname, const char *which, Value v)
{
    if (v_is(v, &rt_list_type) || rt_isinstance_type(v, &rt_list_type))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() argument%s must be list, not %s", fname, which,
             rt_type_name(v));
    return false;
}

static Value heappush(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "heappush", argc, 2, 2) ||
        !list_arg(vm, "heappush", " 1", argv[0]) || !rt_list_append(vm, argv[0], argv[1]))
        return VNULL;
    return siftdown(vm, argv[0], 0, v_list(argv[0])->len - 1, false) ? rt_None : VNULL;
}

static Value do_pop(VM *vm, const char *qname, const char *fname, int argc, Value *argv, bool max)
{
    if (!rt_check_nargs(vm, qname, argc, 1, 1) || !list_arg(vm, fname, "", argv[0]))
        return VNULL;
    List *l = v_list(argv[0]);
    if (l->len == 0)
        return rt_raise(vm, &rt_exc_IndexError, "index out of range");
    Value last = l->items[--l->len];
    if (l->len == 0)
        return last;
    Value r = l->items[0];
    l->items[0] = last;
    return siftup(vm, argv[0], 0, max) ? r : VNULL;
}

static Value heappop(VM *vm, int argc, Value *argv, Value kw)
{
    return do_pop(vm, "_heapq.heappop", "heappop", argc, argv, false);
}

static Value heappop_max(VM *vm, int argc, Value *argv, Value kw)
{
    return do_pop(vm, "_heapq._heappop_max", "_heappop_max", argc, argv, true);
}

static Value do_replace(VM *vm, const char *fname, int argc, Value *argv, bool max)
{
    if (!mp_check_positional(vm, fname, argc, 2, 2) || !list_arg(vm, fname, " 1", argv[0]))
        return VNULL;
    List *l = v_list(argv[0]);
    if (l->len == 0)
        return rt_raise(vm, &rt_exc_IndexError, "index out of range");
    Value r = l->items[0];
    l->items[0] = argv[1];
    return siftup(vm, argv[0], 0, max) ? r : VNULL;
}

static Value heapreplace(VM *vm, int argc, Value *argv, Value kw)
{
    return do_replace(vm, "heapreplace", argc, argv, false);
}

static Value heapreplace_max(VM *vm, int argc, Value *argv, Value kw)
{
    return do_replace(vm, "_heapreplace_max", argc, argv, true);
}

static Value heappushpop(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "heappushpop", argc, 2, 2) ||
        !list_arg(vm, "heappushpop", " 1", argv[0]))
        return VNULL;
    List *l = v_list(argv[0]);
    Value item = argv[1];
    if (l->len == 0)
        return item;
    int lt = rt_compare_bool(vm, l->items[0], item, CMP_LT);
    if (lt < 0)
        return VNULL;
    if (!lt)
        return item;
    if (l->len == 0)
        return rt_raise(vm, &rt_exc_IndexError, "index out of range");
    Value r = l->items[0];
    l->items[0] = item;
    return siftup(vm, argv[0], 0, false) ? r : VNULL;
}

static size_t keep_top_bit(size_t n)
{
    int i = 0;
    while (n > 1) {
        n >>= 1;
        i++;
    }
    return n << i;
}

/* CPython's heapify order: bottom-up, and for lists beyond 2500 items
 * the cache-friendly order, which sifts the same nodes in another order
 * (and so can leave another, equally valid, layout). */
static bool heapify_list(VM *vm, Value heap, bool max)
{
    size_t n = v_list(heap)->len;
    if (n <= 2500) {
        for (size_t i = n >> 1; i-- > 0;)
            if (!siftup(vm, heap, i, max))
                return false;
        return true;
    }
    size_t m = n >> 1, leftmost = keep_top_bit(m + 1) - 1, mhalf = m >> 1;
    for (size_t pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? leftmost : m, to = pass == 0 ? mhalf : leftmost;
        for (size_t i = from; i-- > to;) {
            for (size_t j = i;; j >>= 1) {
                if (!siftup(vm, heap, j, max))
                    return false;
                if (!(j & 1))
                    break;
            }
        }
    }
    return true;
}

static Value heapify(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_heapq.heapify", argc, 1, 1) || !list_arg(vm, "heapify", "", argv[0]))
        return VNULL;
    return heapify_list(vm, argv[0], false) ? rt_None : VNULL;
}

static Value heapify_max(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "_heapq._heapify_max", argc, 1, 1) ||
        !list_arg(vm, "_heapify_max", "", argv[0]))
        return VNULL;
    return heapify_list(vm, argv[0], true) ? rt_None : VNULL;
}

static const NativeDef heapq_functions[] = {
    {"heappush", heappush, 0},
    {"heappushpop", heappushpop, 0},
    {"heappop", heappop, 0},
    {"heapreplace", heapreplace, 0},
    {"heapify", heapify, 0},
    {"_heappop_max", heappop_max, 0},
    {"_heapreplace_max", heapreplace_max, 0},
    {"_heapify_max", heapify_max, 0},
    {NULL, NULL, 0},
};

Value mp_heapq_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_heapq", &d);
    if (!m || !rt_add_functions(vm, d, heapq_functions, rt_str_intern_cstr(vm, "_heapq")))
        return VNULL;
    return m;
}
