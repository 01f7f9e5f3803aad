/* runtime/containers_int.h — helpers shared by the container files only
 * (tuple.c list.c dict.c set.c range.c iter.c sort.c).  Not a contract. */
#ifndef MINIPY_CONTAINERS_INT_H
#define MINIPY_CONTAINERS_INT_H
#include <string.h>
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"

/* Obj.aux bit: a repr of this list/dict/set is in progress (Py_ReprEnter). */
#define CT_REPR_BIT 0x80000000u

/* Hash with the common cases inline: small ints (CPython's modular hash of
 * a value within ±2**61) and strs with a cached hash. */
static inline int64_t ct_hash(VM *vm, Value k)
{
    if (v_is_small(k)) {
        int64_t x = v_small(k);
        if (x == SMALL_MAX) return 0;
        if (x == -1 || x == SMALL_MIN) return -2;
        return x;
    }
    if (v_obj(k)->type == &rt_str_type) {
        int64_t h = v_str(k)->hash;
        return h != -1 ? h : rt_str_hash(k);
    }
    return rt_hash(vm, k);
}

/* Equality used by hash tables once hashes match: identity, then str bytes,
 * then the generic comparison (which may run user code). */
static inline int ct_key_eq(VM *vm, Value a, Value b)
{
    if (a == b) return 1;
    if (v_is_str(a) && v_is_str(b)) {
        Str *x = v_str(a), *y = v_str(b);
        return x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
    }
    if (v_is_small(a) && v_is_small(b)) return 0;
    return rt_eq(vm, a, b);
}

/* Argument-count errors, CPython 3.11 wording.  n excludes self. */
bool ct_nargs(VM *vm, const char *name, int n, int min, int max);  /* "pop expected at most 1 argument, got 2" */
bool ct_noargs(VM *vm, const char *qualname, int n);  /* "list.clear() takes no arguments (1 given)" */
bool ct_onearg(VM *vm, const char *qualname, int n);  /* "list.append() takes exactly one argument (0 given)" */
bool ct_nokw(VM *vm, const char *name, Value kwnames); /* "list() takes no keyword arguments" */
/* Checks argv[0] of a method descriptor call is a `t` (or `t2` if not NULL). */
bool ct_self(VM *vm, int argc, Value *argv, Type *t, Type *t2, const char *meth);
#define CT_SELF(t, meth) do { if (!ct_self(vm, argc, argv, (t), NULL, (meth))) return VNULL; } while (0)
#define CT_SELF2(t, t2, meth) do { if (!ct_self(vm, argc, argv, (t), (t2), (meth))) return VNULL; } while (0)
size_t ct_kwcount(Value kwnames);

/* An index value (int, bool or __index__) as int64 for a sequence access;
 * big ints raise IndexError "cannot fit 'int' into an index-sized integer".
 * Returns false with TypeError "<what> indices must be integers or slices,
 * not <type>" for non-integers. */
bool ct_index_value(VM *vm, Value idx, const char *what, int64_t *out);
/* An int argument (for range(), count...): TypeError "'float' object cannot
 * be interpreted as an integer"; OverflowError for big ints. */
bool ct_as_ssize(VM *vm, Value v, int64_t *out);
/* Slice index from a method argument (tuple.index(x, start, end)): clamped. */
bool ct_slice_arg(VM *vm, Value v, int64_t *out);

/* seq * other: 1 with *n set, 0 for NotImplemented (a class instance
 * without __index__), -1 raised ("can't multiply sequence by non-int..."). */
int ct_repeat_operand(VM *vm, Value seq, Value other, int64_t *n);
/* Lexicographic rich comparison for two lists or two tuples. */
Value ct_seq_richcompare(VM *vm, Value a, Value b, CmpOp op);
/* "(1, 2)" / "[1, 2]": items between open and close. */
Value ct_seq_repr(VM *vm, const Value *items, size_t n, const char *open, const char *close,
                  Value owner);
int64_t ct_identity_hash(VM *vm, Value v);
Value ct_iter_self(VM *vm, Value v);

/* Sorting an array in place (sort.c): stable; keys may be NULL (sort the
 * values themselves).  Returns false with the comparison's exception. */
bool ct_sort_values(VM *vm, Value *vals, Value *keys, size_t n, bool reverse);

/* Per-file type set-up, called by rt_containers_init (iter.c). */
bool ct_tuple_init(VM *vm);
bool ct_list_init(VM *vm);
bool ct_dict_init(VM *vm);
bool ct_set_init(VM *vm);
bool ct_range_init(VM *vm);

/* Dict views and set algebra shared between dict.c and set.c. */
Value ct_set_from_iterable(VM *vm, Type *type, Value iterable);
Value ct_set_binop(VM *vm, BinOp op, Value a, Value b); /* a, b: sets */
/* dict.c / dictview.c.  kind: 0 keys, 1 values, 2 items. */
bool ct_dict_set_hashed(VM *vm, Dict *d, Value key, int64_t hash, Value v);
Value ct_dict_iter_new(VM *vm, Value dict, int kind, bool reverse);
Value ct_dict_view_new(VM *vm, Value dict, int kind);
bool ct_dictview_init(VM *vm);
Value ct_list_reverse_iter_new(VM *vm, Value list);
Value ct_range_reverse_iter(VM *vm, Value range);

#endif
