/* runtime/containers.h — tuple, list, dict, set/frozenset, range, slice and
 * the builtin iterators.  (runtime/tuple.c list.c dict.c set.c range.c iter.c) */
#ifndef MINIPY_CONTAINERS_H
#define MINIPY_CONTAINERS_H
#include "runtime/object.h"

Value rt_tuple_new(VM *vm, size_t len);           /* items set to rt_None */
Value rt_tuple_from(VM *vm, size_t len, const Value *items);
Value rt_tuple_pack(VM *vm, int n, ...);
extern Value rt_empty_tuple;                      /* set up by rt_containers_init */

Value rt_list_new(VM *vm, size_t cap);            /* len 0 */
Value rt_list_from(VM *vm, size_t len, const Value *items);
bool rt_list_append(VM *vm, Value list, Value v);
bool rt_list_extend(VM *vm, Value list, Value iterable);
Value rt_list_sort(VM *vm, Value list, Value key, bool reverse); /* stable; rt_None or VNULL */

Value rt_dict_new(VM *vm);
Dict *rt_dict_alloc(VM *vm);
/* Lookups return VNULL when absent; *error set (and vm->exc) if hashing or
 * comparing raised.  The _str variants take an interned or plain str and
 * cannot fail. */
Value rt_dict_get(VM *vm, Dict *d, Value key, bool *error);
bool rt_dict_set(VM *vm, Dict *d, Value key, Value v);
int rt_dict_del(VM *vm, Dict *d, Value key);      /* -1 error, 0 absent, 1 deleted */
Value rt_dict_get_str(Dict *d, Value key);
bool rt_dict_set_str(VM *vm, Dict *d, Value key, Value v);
Value rt_dict_get_cstr(VM *vm, Dict *d, const char *key);
bool rt_dict_set_cstr(VM *vm, Dict *d, const char *key, Value v);
/* Entry position of a str key, or -1: for the eval loop's inline caches. */
int64_t rt_dict_find_str(Dict *d, Value key);
bool rt_dict_update(VM *vm, Dict *d, Value other); /* mapping or iterable of pairs */
/* Iterate: for (size_t i = 0; rt_dict_next(d, &i, &k, &v);) */
bool rt_dict_next(Dict *d, size_t *pos, Value *key, Value *value);
Value rt_dict_copy(VM *vm, Dict *d);
Value rt_dict_keys_list(VM *vm, Dict *d);

Value rt_set_new(VM *vm, Type *type);             /* set or frozenset, empty */
bool rt_set_add(VM *vm, Value set, Value key);
int rt_set_contains(VM *vm, Value set, Value key);
bool rt_set_next(Set *s, size_t *pos, Value *key);
extern Obj rt_set_dummy_obj;
/* CPython's set_update_internal: a set/frozenset/dict argument is merged
 * table-wise (not item by item), which decides iteration order; use it for
 * SET_UPDATE ({*a, *b}) so orders match CPython. */
bool rt_set_update(VM *vm, Value set, Value iterable);
/* The frozenset CPython's compiler folds a constant set display of 3 or
 * more items into (built from the items, then rebuilt in its own iteration
 * order by the constant merger).  With BUILD_SET 0; LOAD_CONST it;
 * SET_UPDATE 1, print({-5, -1, 7, ...}) matches CPython's order. */
Value rt_frozenset_const(VM *vm, size_t n, const Value *items);

Value rt_range_new(VM *vm, int64_t start, int64_t stop, int64_t step);
Value rt_slice_new(VM *vm, Value start, Value stop, Value step);
/* Clamp a slice to a sequence of `len` (CPython's PySlice_AdjustIndices).
 * Returns the slice length, -1 on error. */
int64_t rt_slice_indices(VM *vm, Value slice, int64_t len, int64_t *start, int64_t *stop, int64_t *step);
/* Normalize an index for a sequence of len (negative from the end). False:
 * IndexError raised with "<what> index out of range". */
bool rt_seq_index(VM *vm, Value index, int64_t len, const char *what, int64_t *out);

/* Builtin iterator constructors (used by builtins and the eval loop). */
Value rt_seq_iter_new(VM *vm, Value seq);         /* list/tuple/str iterator */
Value rt_enumerate_new(VM *vm, Value iterable, Value start);
Value rt_zip_new(VM *vm, int n, Value *iterables);
Value rt_map_new(VM *vm, Value func, int n, Value *iterables);
Value rt_filter_new(VM *vm, Value func, Value iterable);
Value rt_reversed_new(VM *vm, Value seq);
/* The iterator classes themselves (calling one = the builtin of that name),
 * for builtins that want to expose them as types. */
extern Type rt_enumerate_type, rt_zip_type, rt_map_type, rt_filter_type, rt_reversed_type;

#endif
