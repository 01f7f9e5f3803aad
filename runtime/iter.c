/* runtime/iter.c — the builtin iterators (list/tuple/str/generic sequence
 * iterators, list_reverseiterator, enumerate, zip, map, filter, reversed)
 * and rt_containers_init, which readies every container type. */
#include <string.h>
#include "runtime/containers_int.h"
#include "runtime/objimpl.h"

/* ---- sequence iterators ------------------------------------------------------------ */

/* One struct for list_iterator, tuple_iterator, the str iterators (index
 * is a byte offset for non-ASCII strs) and the generic __getitem__ one. */
typedef struct SeqIter {
    Obj hdr;
    Value seq;     /* VNULL once exhausted */
    size_t index;
} SeqIter;

static void seqiter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((SeqIter *)o)->seq); }

static Value listiter_next(VM *vm, Value v)
{
    SeqIter *it = (SeqIter *)v_obj(v);
    if (!it->seq) return VNULL;
    List *l = v_list(it->seq);
    if (it->index < l->len) return l->items[it->index++];
    it->seq = VNULL;
    return VNULL;
}

static Value tupleiter_next(VM *vm, Value v)
{
    SeqIter *it = (SeqIter *)v_obj(v);
    if (!it->seq) return VNULL;
    Tuple *t = v_tuple(it->seq);
    if (it->index < t->len) return t->items[it->index++];
    it->seq = VNULL;
    return VNULL;
}

static Value strasciiiter_next(VM *vm, Value v)
{
    SeqIter *it = (SeqIter *)v_obj(v);
    if (!it->seq) return VNULL;
    if (it->index < v_str(it->seq)->len) return rt_str_getitem_index(vm, it->seq, (int64_t)it->index++);
    it->seq = VNULL;
    return VNULL;
}

static Value striter_next(VM *vm, Value v)
{
    SeqIter *it = (SeqIter *)v_obj(v);
    if (!it->seq) return VNULL;
    Str *s = v_str(it->seq);
    if (it->index >= s->len) {
        it->seq = VNULL;
        return VNULL;
    }
    uint32_t cp;
    size_t n = rt_utf8_decode(s->data + it->index, s->len - it->index, &cp);
    if (n == 0) n = 1;
    Value r = rt_str_new(vm, s->data + it->index, n);
    it->index += n;
    return r;
}

/* CPython's `iterator`: seq[0], seq[1], ... until IndexError/StopIteration. */
static Value getitemiter_next(VM *vm, Value v)
{
    SeqIter *it = (SeqIter *)v_obj(v);
    if (!it->seq) return VNULL;
    Value r = rt_getitem(vm, it->seq, rt_int_from_i64(vm, (int64_t)it->index));
    if (!r) {
        if (rt_exc_clear_if(vm, &rt_exc_IndexError) || rt_exc_clear_if(vm, &rt_exc_StopIteration))
            it->seq = VNULL;
        return VNULL;
    }
    it->index++;
    return r;
}

#define ITER_TYPE(var, pyname, nextfn, size, tracefn) \
    static Type var = {                               \
        .name = pyname,                               \
        .instance_size = size,                        \
        .trace = tracefn,                             \
        .iter = ct_iter_self,                         \
        .next = nextfn,                               \
    }

#define ITER_TYPE_PUBLIC(var, pyname, nextfn, size, tracefn) \
    Type var = {                                             \
        .name = pyname,                                      \
        .instance_size = size,                               \
        .trace = tracefn,                                    \
        .iter = ct_iter_self,                                \
        .next = nextfn,                                      \
    }

ITER_TYPE(listiter_type, "list_iterator", listiter_next, sizeof(SeqIter), seqiter_trace);
ITER_TYPE(tupleiter_type, "tuple_iterator", tupleiter_next, sizeof(SeqIter), seqiter_trace);
ITER_TYPE(strasciiiter_type, "str_ascii_iterator", strasciiiter_next, sizeof(SeqIter), seqiter_trace);
ITER_TYPE(striter_type, "str_iterator", striter_next, sizeof(SeqIter), seqiter_trace);
ITER_TYPE(getitemiter_type, "iterator", getitemiter_next, sizeof(SeqIter), seqiter_trace);

Value rt_seq_iter_new(VM *vm, Value seq)
{
    Type *t;
    Type *st = v_type(seq);
    if (st == &rt_list_type) t = &listiter_type;
    else if (st == &rt_tuple_type) t = &tupleiter_type;
    else if (st == &rt_str_type) t = v_str(seq)->ascii ? &strasciiiter_type : &striter_type;
    else t = &getitemiter_type;
    SeqIter *it = rt_alloc(vm, t, sizeof(SeqIter));
    if (!it) return VNULL;
    it->seq = seq;
    return v_from(it);
}

/* ---- reverse iterators --------------------------------------------------------------- */

typedef struct RevIter {
    Obj hdr;
    Value seq;      /* VNULL once exhausted */
    int64_t index;  /* next index to produce */
} RevIter;

static void reviter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((RevIter *)o)->seq); }

static Value listreviter_next(VM *vm, Value v)
{
    RevIter *it = (RevIter *)v_obj(v);
    if (!it->seq) return VNULL;
    List *l = v_list(it->seq);
    if (it->index >= 0 && (size_t)it->index < l->len) return l->items[it->index--];
    it->seq = VNULL;
    return VNULL;
}

static Value reversed_next(VM *vm, Value v)
{
    RevIter *it = (RevIter *)v_obj(v);
    if (!it->seq) return VNULL;
    if (it->index < 0) {
        it->seq = VNULL;
        return VNULL;
    }
    if (v_is(it->seq, &rt_tuple_type)) return v_tuple(it->seq)->items[it->index--];
    Value r = rt_getitem(vm, it->seq, rt_int_from_i64(vm, it->index));
    if (!r) {
        if (rt_exc_clear_if(vm, &rt_exc_IndexError) || rt_exc_clear_if(vm, &rt_exc_StopIteration))
            it->seq = VNULL;
        return VNULL;
    }
    it->index--;
    return r;
}

ITER_TYPE(listreviter_type, "list_reverseiterator", listreviter_next, sizeof(RevIter), reviter_trace);
ITER_TYPE_PUBLIC(rt_reversed_type, "reversed", reversed_next, sizeof(RevIter), reviter_trace);

static Value make_reviter(VM *vm, Type *t, Value seq, int64_t len)
{
    RevIter *it = rt_alloc(vm, t, sizeof(RevIter));
    if (!it) return VNULL;
    it->seq = seq;
    it->index = len - 1;
    return v_from(it);
}

Value ct_list_reverse_iter_new(VM *vm, Value list)
{
    return make_reviter(vm, &listreviter_type, list, (int64_t)v_list(list)->len);
}

static bool is_sequence(VM *vm, Type *t)
{
    if (t == &rt_dict_type) return false;
    if (t->flags & TF_CLASS) return rt_lookup_type_attr(t, vm->names.__getitem__) != VNULL;
    return t->getitem != NULL;
}

Value rt_reversed_new(VM *vm, Value seq)
{
    Type *t = v_type(seq);
    if (t == &rt_list_type) return ct_list_reverse_iter_new(vm, seq);
    if (t == &rt_range_type) return ct_range_reverse_iter(vm, seq);
    if (t == &rt_dict_type) return ct_dict_iter_new(vm, seq, 0, true);
    if (t == &rt_tuple_type) return make_reviter(vm, &rt_reversed_type, seq, (int64_t)v_tuple(seq)->len);
    Value rev = rt_lookup_type_attr(t, vm->names.__reversed__);
    if (rev == rt_None) return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not reversible", t->name);
    if (rev) return rt_call_method(vm, seq, "__reversed__", 0, NULL);
    if (!is_sequence(vm, t)) return rt_raise(vm, &rt_exc_TypeError, "'%s' object is not reversible", t->name);
    int64_t n = rt_len(vm, seq);
    if (n < 0) return VNULL;
    return make_reviter(vm, &rt_reversed_type, seq, n);
}

/* ---- enumerate -------------------------------------------------------------------- */

typedef struct Enumerate {
    Obj hdr;
    Value it;
    Value count;  /* int; small in practice */
} Enumerate;

static void enumerate_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Enumerate *)o)->it);
    rt_gc_mark(vm, ((Enumerate *)o)->count);
}

static Value enumerate_next(VM *vm, Value v)
{
    Enumerate *e = (Enumerate *)v_obj(v);
    Value x = rt_next(vm, e->it);
    if (!x) return VNULL;
    Value c = e->count, n;
    if (v_is_small(c) && v_small(c) < SMALL_MAX) n = v_from_small(v_small(c) + 1);
    else n = rt_binary_op(vm, BIN_ADD, c, v_from_small(1));
    if (!n) return VNULL;
    e->count = n;
    return rt_tuple_pack(vm, 2, c, x);
}

ITER_TYPE_PUBLIC(rt_enumerate_type, "enumerate", enumerate_next, sizeof(Enumerate), enumerate_trace);

Value rt_enumerate_new(VM *vm, Value iterable, Value start)
{
    Value count = v_from_small(0);
    if (start && start != VNULL) {
        if (!rt_is_int(start)) {
            count = rt_index(vm, start);
            if (!count) return VNULL;
        } else if (start == rt_True || start == rt_False) {
            count = v_from_small(start == rt_True);
        } else {
            count = start;
        }
    }
    Value it = rt_iter(vm, iterable);
    if (!it) return VNULL;
    Enumerate *e = rt_alloc(vm, &rt_enumerate_type, sizeof(Enumerate));
    if (!e) return VNULL;
    e->it = it;
    e->count = count;
    return v_from(e);
}

static Value enumerate_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "start", NULL};
    Value a[2];
    /* CPython's wording for a missing iterable differs from the generic parser's. */
    if (argc == 0 && !kwnames)
        return rt_raise(vm, &rt_exc_TypeError, "enumerate() missing required argument 'iterable'");
    if (!rt_parse_args(vm, "enumerate", argc, argv, kwnames, names, 0, 1, a)) return VNULL;
    return rt_enumerate_new(vm, a[0], a[1]);
}

/* ---- zip / map --------------------------------------------------------------------- */

typedef struct Zip {
    Obj hdr;     /* hdr.aux: zip(strict=True) */
    Value func;  /* map only */
    Value its;   /* tuple of iterators; VNULL once exhausted */
} Zip;

static void zip_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Zip *)o)->func);
    rt_gc_mark(vm, ((Zip *)o)->its);
}

/* zip(strict=True) saw iterator i end: every other must end there too. */
static Value zip_strict_end(VM *vm, Value its, size_t i)
{
    if (i)
        return rt_raise(vm, &rt_exc_ValueError, "zip() argument %zu is shorter than argument%s%zu", i + 1,
                        i == 1 ? " " : "s 1-", i);
    for (size_t k = 1; k < v_tuple(its)->len; k++) {
        Value x = rt_next(vm, v_tuple(its)->items[k]);
        if (x)
            return rt_raise(vm, &rt_exc_ValueError, "zip() argument %zu is longer than argument%s%zu", k + 1,
                            k == 1 ? " " : "s 1-", k);
        if (vm->exc)
            return VNULL;
    }
    return VNULL;
}

static Value zip_next(VM *vm, Value v)
{
    Zip *z = (Zip *)v_obj(v);
    if (!z->its) return VNULL;
    size_t n = v_tuple(z->its)->len;
    if (n == 0) return VNULL;
    Value r = rt_tuple_new(vm, n);
    if (!r) return VNULL;
    for (size_t i = 0; i < n; i++) {
        Value x = rt_next(vm, v_tuple(z->its)->items[i]);
        if (!x) {
            if (vm->exc) return VNULL;
            Value its = z->its;
            z->its = VNULL;
            return z->hdr.aux ? zip_strict_end(vm, its, i) : VNULL;
        }
        v_tuple(r)->items[i] = x;
    }
    return r;
}

static Value map_next(VM *vm, Value v)
{
    Zip *z = (Zip *)v_obj(v);
    if (!z->its) return VNULL;
    size_t n = v_tuple(z->its)->len;
    Value buf[8], *args = buf;
    if (n > 8) {
        Value t = rt_tuple_new(vm, n); /* GC-visible scratch space */
        if (!t) return VNULL;
        args = v_tuple(t)->items;
    }
    for (size_t i = 0; i < n; i++) {
        Value x = rt_next(vm, v_tuple(z->its)->items[i]);
        if (!x) {
            if (!vm->exc) z->its = VNULL;
            return VNULL;
        }
        args[i] = x;
    }
    return rt_call(vm, z->func, (int)n, args, VNULL);
}

ITER_TYPE_PUBLIC(rt_zip_type, "zip", zip_next, sizeof(Zip), zip_trace);
ITER_TYPE_PUBLIC(rt_map_type, "map", map_next, sizeof(Zip), zip_trace);

static Value make_zip(VM *vm, Type *t, Value func, int n, Value *iterables)
{
    Value its = rt_tuple_new(vm, (size_t)n);
    if (!its) return VNULL;
    for (int i = 0; i < n; i++) {
        Value it = rt_iter(vm, iterables[i]);
        if (!it) return VNULL;
        v_tuple(its)->items[i] = it;
    }
    Zip *z = rt_alloc(vm, t, sizeof(Zip));
    if (!z) return VNULL;
    z->func = func;
    z->its = its;
    return v_from(z);
}

Value rt_zip_new(VM *vm, int n, Value *iterables) { return make_zip(vm, &rt_zip_type, VNULL, n, iterables); }

Value rt_map_new(VM *vm, Value func, int n, Value *iterables)
{
    if (n < 1) return rt_raise(vm, &rt_exc_TypeError, "map() must have at least two arguments.");
    return make_zip(vm, &rt_map_type, func, n, iterables);
}

static Value zip_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    size_t nk = ct_kwcount(kwnames);
    int strict = 0;
    for (size_t i = 0; i < nk; i++) {
        const char *k = v_cstr(v_tuple(kwnames)->items[i]);
        if (strcmp(k, "strict") != 0)
            return rt_raise(vm, &rt_exc_TypeError, "zip() got an unexpected keyword argument '%s'", k);
        strict = rt_truthy(vm, argv[argc + i]);
        if (strict < 0) return VNULL;
    }
    Value z = rt_zip_new(vm, argc, argv);
    if (z) v_obj(z)->aux = (uint32_t)strict;
    return z;
}

static Value map_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "map", kwnames)) return VNULL;
    if (argc < 2) return rt_raise(vm, &rt_exc_TypeError, "map() must have at least two arguments.");
    return rt_map_new(vm, argv[0], argc - 1, argv + 1);
}

/* ---- filter ---------------------------------------------------------------------------- */

typedef struct Filter {
    Obj hdr;
    Value func;  /* rt_None: truthiness */
    Value it;
} Filter;

static void filter_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Filter *)o)->func);
    rt_gc_mark(vm, ((Filter *)o)->it);
}

static Value filter_next(VM *vm, Value v)
{
    Filter *f = (Filter *)v_obj(v);
    for (;;) {
        Value x = rt_next(vm, f->it);
        if (!x) return VNULL;
        Value t = x;
        if (f->func != rt_None && f->func != v_from(&rt_bool_type)) {
            t = rt_call1(vm, f->func, x);
            if (!t) return VNULL;
        }
        int r = t == rt_True ? 1 : t == rt_False ? 0 : rt_truthy(vm, t);
        if (r < 0) return VNULL;
        if (r) return x;
    }
}

ITER_TYPE_PUBLIC(rt_filter_type, "filter", filter_next, sizeof(Filter), filter_trace);

Value rt_filter_new(VM *vm, Value func, Value iterable)
{
    Value it = rt_iter(vm, iterable);
    if (!it) return VNULL;
    Filter *f = rt_alloc(vm, &rt_filter_type, sizeof(Filter));
    if (!f) return VNULL;
    f->func = func;
    f->it = it;
    return v_from(f);
}

static Value filter_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "filter", kwnames)) return VNULL;
    if (!ct_nargs(vm, "filter", argc, 2, 2)) return VNULL;
    return rt_filter_new(vm, argv[0], argv[1]);
}

static Value reversed_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, "reversed", kwnames)) return VNULL;
    if (!ct_nargs(vm, "reversed", argc, 1, 1)) return VNULL;
    return rt_reversed_new(vm, argv[0]);
}

/* __class_getitem__ of list, tuple, dict, set, frozenset (a classmethod). */
static Value class_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    if (!ct_nargs(vm, "__class_getitem__", argc - 1, 1, 1)) return VNULL;
    return rt_generic_alias_new(vm, argv[0], argv[1]);
}

static const NativeDef class_getitem_def[] = {
    {"__class_getitem__", class_getitem, NF_CLASSMETHOD},
    {NULL, NULL, 0},
};

/* ---- set-up ---------------------------------------------------------------------------- */

bool rt_containers_init(VM *vm)
{
    rt_enumerate_type.new = enumerate_new_slot;
    rt_zip_type.new = zip_new_slot;
    rt_map_type.new = map_new_slot;
    rt_filter_type.new = filter_new_slot;
    rt_reversed_type.new = reversed_new_slot;
    if (!ct_tuple_init(vm) || !ct_list_init(vm) || !ct_dict_init(vm) || !ct_dictview_init(vm) ||
        !ct_set_init(vm) || !ct_range_init(vm))
        return false;
    Type *iters[] = {&listiter_type, &tupleiter_type, &strasciiiter_type, &striter_type,
                     &getitemiter_type, &listreviter_type, &rt_reversed_type, &rt_enumerate_type,
                     &rt_zip_type, &rt_map_type, &rt_filter_type};
    for (size_t i = 0; i < sizeof iters / sizeof *iters; i++)
        if (!rt_type_ready(vm, iters[i])) return false;
    if (!rt_genericalias_init(vm) || !rt_mappingproxy_init(vm)) return false;
    Type *generic[] = {&rt_list_type, &rt_tuple_type, &rt_dict_type, &rt_set_type, &rt_frozenset_type};
    for (size_t i = 0; i < sizeof generic / sizeof *generic; i++)
        if (!rt_add_methods(vm, generic[i], class_getitem_def)) return false;
    return true;
}
