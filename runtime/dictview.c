/* runtime/dictview.c — dict_keys / dict_values / dict_items views and the
 * dict iterators.  Iterators remember the dict's size and raise
 * RuntimeError when it changes under them, as CPython does. */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

typedef struct DictView {
    Obj hdr;
    Value dict;
} DictView;

typedef struct DictIter {
    Obj hdr;
    Value dict;       /* VNULL once exhausted */
    size_t pos;       /* next entry to look at (reverse: one past) */
    size_t used;      /* dict size at creation; SIZE_MAX after an error */
    size_t remaining; /* items still to produce (CPython's di_len) */
    bool reverse;
} DictIter;

static Type view_types[3], iter_types[3], rev_iter_types[3];
static const char *const view_names[3] = {"dict_keys", "dict_values", "dict_items"};

static int view_kind(Value v)
{
    Type *t = v_type(v);
    for (int k = 0; k < 3; k++)
        if (t == &view_types[k]) return k;
    return -1;
}

static int iter_kind(Value v)
{
    Type *t = v_type(v);
    for (int k = 0; k < 3; k++)
        if (t == &iter_types[k] || t == &rev_iter_types[k]) return k;
    return -1;
}

/* ---- iterators ---------------------------------------------------------------------- */

Value ct_dict_iter_new(VM *vm, Value dict, int kind, bool reverse)
{
    DictIter *it = rt_alloc(vm, reverse ? &rev_iter_types[kind] : &iter_types[kind], sizeof(DictIter));
    if (!it) return VNULL;
    Dict *d = v_dict(dict);
    it->dict = dict;
    it->pos = reverse ? d->nentries : 0;
    it->used = d->used;
    it->remaining = d->used;
    it->reverse = reverse;
    return v_from(it);
}

static void iter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((DictIter *)o)->dict); }

static Value iter_next(VM *vm, Value self)
{
    DictIter *it = (DictIter *)v_obj(self);
    if (!it->dict) return VNULL;
    Dict *d = v_dict(it->dict);
    if (d->used != it->used) {
        it->used = SIZE_MAX;
        return rt_raise(vm, &rt_exc_RuntimeError, "dictionary changed size during iteration");
    }
    DictEntry *e = NULL;
    if (it->reverse) {
        while (it->pos > 0) {
            it->pos--;
            if (it->pos < d->nentries && d->entries[it->pos].key) {
                e = &d->entries[it->pos];
                break;
            }
        }
    } else {
        while (it->pos < d->nentries) {
            DictEntry *c = &d->entries[it->pos++];
            if (c->key) {
                e = c;
                break;
            }
        }
    }
    if (!e) {
        it->dict = VNULL;
        return VNULL;
    }
    if (it->remaining == 0) {
        it->used = SIZE_MAX;
        return rt_raise(vm, &rt_exc_RuntimeError, "dictionary keys changed during iteration");
    }
    it->remaining--;
    switch (iter_kind(self)) {
    case 0: return e->key;
    case 1: return e->value;
    default: return rt_tuple_pack(vm, 2, e->key, e->value);
    }
}

/* ---- views -------------------------------------------------------------------------- */

Value ct_dict_view_new(VM *vm, Value dict, int kind)
{
    DictView *v = rt_alloc(vm, &view_types[kind], sizeof(DictView));
    if (!v) return VNULL;
    v->dict = dict;
    return v_from(v);
}

static inline Dict *view_dict(Value v) { return v_dict(((DictView *)v_obj(v))->dict); }

static void view_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((DictView *)o)->dict); }

static int64_t view_len(VM *vm, Value v) { return (int64_t)view_dict(v)->used; }

static Value view_iter(VM *vm, Value v)
{
    return ct_dict_iter_new(vm, ((DictView *)v_obj(v))->dict, view_kind(v), false);
}

static int view_contains(VM *vm, Value v, Value x)
{
    Dict *d = view_dict(v);
    switch (view_kind(v)) {
    case 0: {
        bool err;
        Value r = rt_dict_get(vm, d, x, &err);
        return err ? -1 : r != VNULL;
    }
    case 1:
        for (size_t i = 0; i < d->nentries; i++) {
            if (!d->entries[i].key) continue;
            Value y = d->entries[i].value;
            int r = y == x ? 1 : rt_eq(vm, y, x);
            if (r) return r;
        }
        return 0;
    default: {
        if (!v_is(x, &rt_tuple_type) || v_tuple(x)->len != 2) return 0;
        bool err;
        Value r = rt_dict_get(vm, d, v_tuple(x)->items[0], &err);
        if (err) return -1;
        if (!r) return 0;
        return r == v_tuple(x)->items[1] ? 1 : rt_eq(vm, r, v_tuple(x)->items[1]);
    }
    }
}

static Value view_repr(VM *vm, Value v)
{
    Value l = rt_list_from_iter(vm, v);
    if (!l) return VNULL;
    Value r = rt_repr(vm, l);
    if (!r) return VNULL;
    return rt_str_printf(vm, "%s(%s)", view_names[view_kind(v)], v_cstr(r));
}

static bool setlike(Value v)
{
    int k = view_kind(v);
    return k == 0 || k == 2 || v_is(v, &rt_set_type) || v_is(v, &rt_frozenset_type);
}

/* every item of a is in b: -1 error */
static int all_contained(VM *vm, Value a, Value b)
{
    Value it = rt_iter(vm, a);
    if (!it) return -1;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x) return vm->exc ? -1 : 1;
        int r = rt_contains(vm, b, x);
        if (r <= 0) return r;
    }
}

static Value view_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (view_kind(a) == 1 || !setlike(a) || !setlike(b)) return rt_NotImplemented;
    int64_t la = rt_len(vm, a), lb = rt_len(vm, b);
    if (la < 0 || lb < 0) return VNULL;
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        r = la == lb ? all_contained(vm, a, b) : 0;
        if (r < 0) return VNULL;
        return rt_bool(op == CMP_EQ ? r : !r);
    case CMP_LT: r = la < lb ? all_contained(vm, a, b) : 0; break;
    case CMP_LE: r = la <= lb ? all_contained(vm, a, b) : 0; break;
    case CMP_GT: r = la > lb ? all_contained(vm, b, a) : 0; break;
    default: r = la >= lb ? all_contained(vm, b, a) : 0; break;
    }
    if (r < 0) return VNULL;
    return rt_bool(r);
}

/* keys/items views support & | - ^ with any iterable, giving a set. */
static Value view_setop(VM *vm, BinOp op, Value a, Value b)
{
    Value sa = ct_set_from_iterable(vm, &rt_set_type, a);
    if (!sa) return VNULL;
    Value sb = b;
    if (!v_is(b, &rt_set_type) && !v_is(b, &rt_frozenset_type)) {
        sb = ct_set_from_iterable(vm, &rt_set_type, b);
        if (!sb) return VNULL;
    }
    return ct_set_binop(vm, op, sa, sb);
}

static Value view_and(VM *vm, Value a, Value b) { return view_setop(vm, BIN_AND, a, b); }
static Value view_or(VM *vm, Value a, Value b) { return view_setop(vm, BIN_OR, a, b); }
static Value view_sub(VM *vm, Value a, Value b) { return view_setop(vm, BIN_SUB, a, b); }
static Value view_xor(VM *vm, Value a, Value b) { return view_setop(vm, BIN_XOR, a, b); }

static Value view_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1 || view_kind(argv[0]) < 0)
        return rt_raise(vm, &rt_exc_TypeError, "descriptor '__reversed__' needs a dict view");
    return ct_dict_iter_new(vm, ((DictView *)v_obj(argv[0]))->dict, view_kind(argv[0]), true);
}

static Value view_isdisjoint(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1 || view_kind(argv[0]) < 0)
        return rt_raise(vm, &rt_exc_TypeError, "descriptor 'isdisjoint' needs a dict view");
    if (argc - 1 != 1) {
        char q[48];
        snprintf(q, sizeof q, "%s.isdisjoint", v_type(argv[0])->name);
        return ct_onearg(vm, q, argc - 1) ? rt_None : VNULL;
    }
    Value it = rt_iter(vm, argv[1]);
    if (!it) return VNULL;
    for (;;) {
        Value x = rt_next(vm, it);
        if (!x) return vm->exc ? VNULL : rt_True;
        int r = view_contains(vm, argv[0], x);
        if (r < 0) return VNULL;
        if (r) return rt_False;
    }
}

static const NativeDef view_methods[] = {
    {"__reversed__", view_reversed, 0},
    {"isdisjoint", view_isdisjoint, 0},
    {NULL, NULL, 0},
};

static const char *const iter_names[3] = {"dict_keyiterator", "dict_valueiterator", "dict_itemiterator"};
static const char *const rev_iter_names[3] = {"dict_reversekeyiterator", "dict_reversevalueiterator",
                                              "dict_reverseitemiterator"};

bool ct_dictview_init(VM *vm)
{
    for (int k = 0; k < 3; k++) {
        Type *v = &view_types[k];
        v->name = view_names[k];
        v->instance_size = sizeof(DictView);
        v->trace = view_trace;
        v->repr = view_repr;
        v->len = view_len;
        v->iter = view_iter;
        v->contains = view_contains;
        if (k != 1) {
            v->richcompare = view_richcompare;
            v->binop[BIN_AND] = view_and;
            v->binop[BIN_OR] = view_or;
            v->binop[BIN_SUB] = view_sub;
            v->binop[BIN_XOR] = view_xor;
        }
        if (!rt_type_ready(vm, v) || !rt_add_methods(vm, v, view_methods)) return false;
        for (int r = 0; r < 2; r++) {
            Type *t = r ? &rev_iter_types[k] : &iter_types[k];
            t->name = r ? rev_iter_names[k] : iter_names[k];
            t->instance_size = sizeof(DictIter);
            t->trace = iter_trace;
            t->iter = ct_iter_self;
            t->next = iter_next;
            if (!rt_type_ready(vm, t)) return false;
        }
    }
    return true;
}
