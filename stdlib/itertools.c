/* stdlib/itertools.c — the itertools module, after CPython's
 * Modules/itertoolsmodule.c: the same types (tp_name "itertools.x"), the
 * same argument rules and messages, the same order of evaluation (which is
 * visible when iterables have side effects), groupby's _grouper that stops
 * as soon as its parent moves on, and tee's shared linked buffer. */
#include <stdlib.h>
#include <string.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

static Value iter_self(VM *vm, Value v) { return v; }

/* The fields are all Values after the header, so one trace serves every
 * type: mark `n` Values starting at the first field. */
#define FIELDS_TRACE(fn, T, n)                                   \
    static void fn(VM *vm, Obj *o)                               \
    {                                                            \
        Value *f = (Value *)((char *)o + sizeof(Obj));           \
        for (size_t i = 0; i < (n); i++)                         \
            rt_gc_mark(vm, f[i]);                                \
        (void)sizeof(T);                                         \
    }

#define ITER_TYPE(var, pyname, T, nextfn, tracefn)                                          \
    static Type var = {                                                                    \
        .name = "itertools." pyname, .instance_size = sizeof(T), .trace = tracefn,         \
        .iter = iter_self, .next = nextfn, .flags = TF_BASETYPE,                            \
    }

static void *alloc_iter(VM *vm, Type *t) { return rt_alloc(vm, t, t->instance_size); }

/* ---- count ------------------------------------------------------------------------- */

typedef struct Count {
    Obj hdr;
    Value cnt, step;
} Count;
FIELDS_TRACE(count_trace, Count, 2)

static Value count_next(VM *vm, Value self)
{
    Count *c = (Count *)v_obj(self);
    Value r = c->cnt, n;
    if (v_is_small(r) && v_is_small(c->step) && small_fits(v_small(r) + v_small(c->step)))
        n = v_from_small(v_small(r) + v_small(c->step));
    else
        n = rt_binary_op(vm, BIN_ADD, r, c->step);
    if (!n)
        return VNULL;
    c->cnt = n;
    return r;
}

static Value count_repr(VM *vm, Value self)
{
    Count *c = (Count *)v_obj(self);
    Value a = rt_repr(vm, c->cnt);
    if (!a)
        return VNULL;
    /* An int step equal to 1 (True included) is left out, as CPython does. */
    if (rt_is_int(c->step) && rt_int_cmp(c->step, v_from_small(1)) == 0)
        return rt_str_printf(vm, "%s(%s)", mp_type_short_name(self), v_cstr(a));
    Value b = rt_repr(vm, c->step);
    if (!b)
        return VNULL;
    return rt_str_printf(vm, "%s(%s, %s)", mp_type_short_name(self), v_cstr(a), v_cstr(b));
}

static bool is_number(VM *vm, Value v)
{
    if (rt_is_int(v) || rt_is_float(v))
        return true;
    static const char *const hooks[] = {"__index__", "__int__", "__float__", "__complex__"};
    for (size_t i = 0; i < 4; i++)
        if (rt_lookup_type_attr(v_type(v), rt_str_intern_cstr(vm, hooks[i])))
            return true;
    return false;
}

static Type count_type;

static Value count_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"start", "step", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "count", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    Value start = a[0] ? a[0] : v_from_small(0), step = a[1] ? a[1] : v_from_small(1);
    if (!is_number(vm, start) || !is_number(vm, step))
        return rt_raise(vm, &rt_exc_TypeError, "a number is required");
    Count *c = alloc_iter(vm, &count_type);
    if (!c)
        return VNULL;
    c->cnt = start;
    c->step = step;
    return v_from(c);
}

static Type count_type = {
    .name = "itertools.count", .instance_size = sizeof(Count), .trace = count_trace,
    .iter = iter_self, .next = count_next, .repr = count_repr, .new = count_new,
    .flags = TF_BASETYPE,
};

/* ---- cycle ------------------------------------------------------------------------- */

typedef struct Cycle {
    Obj hdr;
    Value it;    /* VNULL once the first pass is over */
    Value saved; /* list */
    Value index; /* small int: next position in saved */
} Cycle;
FIELDS_TRACE(cycle_trace, Cycle, 3)

static Value cycle_next(VM *vm, Value self)
{
    Cycle *c = (Cycle *)v_obj(self);
    if (c->it) {
        Value x = rt_next(vm, c->it);
        if (x)
            return rt_list_append(vm, c->saved, x) ? x : VNULL;
        if (vm->exc)
            return VNULL;
        c->it = VNULL;
    }
    List *l = v_list(c->saved);
    if (l->len == 0)
        return VNULL;
    size_t i = (size_t)v_small(c->index);
    Value x = l->items[i];
    c->index = v_from_small(i + 1 >= l->len ? 0 : (int64_t)i + 1);
    return x;
}

ITER_TYPE(cycle_type, "cycle", Cycle, cycle_next, cycle_trace);

static Value cycle_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "cycle", kwnames) || !mp_check_positional(vm, "cycle", argc, 1, 1))
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    Value saved = it ? rt_list_new(vm, 0) : VNULL;
    Cycle *c = saved ? alloc_iter(vm, &cycle_type) : NULL;
    if (!c)
        return VNULL;
    c->it = it;
    c->saved = saved;
    c->index = v_from_small(0);
    return v_from(c);
}

/* ---- repeat ------------------------------------------------------------------------ */

typedef struct Repeat {
    Obj hdr;
    Value element;
    int64_t cnt; /* -1: forever */
} Repeat;
FIELDS_TRACE(repeat_trace, Repeat, 1)

static Value repeat_next(VM *vm, Value self)
{
    Repeat *r = (Repeat *)v_obj(self);
    if (r->cnt == 0)
        return VNULL;
    if (r->cnt > 0)
        r->cnt--;
    return r->element;
}

static Value repeat_repr(VM *vm, Value self)
{
    Repeat *r = (Repeat *)v_obj(self);
    Value e = rt_repr(vm, r->element);
    if (!e)
        return VNULL;
    if (r->cnt < 0)
        return rt_str_printf(vm, "%s(%s)", mp_type_short_name(self), v_cstr(e));
    return rt_str_printf(vm, "%s(%s, %lld)", mp_type_short_name(self), v_cstr(e),
                         (long long)r->cnt);
}

static Value repeat_length_hint(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__length_hint__", argc - 1, 0, 0))
        return VNULL;
    Repeat *r = (Repeat *)v_obj(argv[0]);
    if (r->cnt < 0)
        return rt_raise(vm, &rt_exc_TypeError, "len() of unsized object");
    return rt_int_from_i64(vm, r->cnt);
}

static Type repeat_type;

static Value repeat_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"object", "times", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "repeat", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    int64_t n = -1;
    if (a[1]) {
        if (!mp_as_ssize(vm, a[1], &n))
            return VNULL;
        if (n < 0)
            n = 0;
    }
    Repeat *r = alloc_iter(vm, &repeat_type);
    if (!r)
        return VNULL;
    r->element = a[0];
    r->cnt = n;
    return v_from(r);
}

static Type repeat_type = {
    .name = "itertools.repeat", .instance_size = sizeof(Repeat), .trace = repeat_trace,
    .iter = iter_self, .next = repeat_next, .repr = repeat_repr, .new = repeat_new,
    .flags = TF_BASETYPE,
};

static const NativeDef repeat_methods[] = {
    {"__length_hint__", repeat_length_hint, 0},
    {NULL, NULL, 0},
};

/* ---- accumulate -------------------------------------------------------------------- */

typedef struct Accumulate {
    Obj hdr;
    Value it, func, total, initial; /* func/total/initial: VNULL when absent */
} Accumulate;
FIELDS_TRACE(accumulate_trace, Accumulate, 4)

static Value accumulate_next(VM *vm, Value self)
{
    Accumulate *a = (Accumulate *)v_obj(self);
    if (a->initial) {
        a->total = a->initial;
        a->initial = VNULL;
        return a->total;
    }
    Value x = rt_next(vm, a->it);
    if (!x)
        return VNULL;
    if (!a->total) {
        a->total = x;
        return x;
    }
    Value t = a->func ? rt_call2(vm, a->func, a->total, x) : rt_binary_op(vm, BIN_ADD, a->total, x);
    if (!t)
        return VNULL;
    a->total = t;
    return t;
}

ITER_TYPE(accumulate_type, "accumulate", Accumulate, accumulate_next, accumulate_trace);

static Value accumulate_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "func", "initial", NULL};
    Value a[3];
    if (argc > 2)
        return rt_raise(vm, &rt_exc_TypeError,
                        "accumulate() takes at most 2 positional arguments (%d given)", argc);
    if (!rt_parse_args(vm, "accumulate", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    Value it = rt_iter(vm, a[0]);
    Accumulate *acc = it ? alloc_iter(vm, &accumulate_type) : NULL;
    if (!acc)
        return VNULL;
    acc->it = it;
    acc->func = a[1] == rt_None ? VNULL : a[1];
    acc->initial = a[2] == rt_None ? VNULL : a[2];
    return v_from(acc);
}

/* ---- chain ------------------------------------------------------------------------- */

typedef struct Chain {
    Obj hdr;
    Value source; /* iterator of iterables; VNULL when done */
    Value active; /* current iterator or VNULL */
} Chain;
FIELDS_TRACE(chain_trace, Chain, 2)

static Value chain_next(VM *vm, Value self)
{
    Chain *c = (Chain *)v_obj(self);
    while (c->source) {
        if (!c->active) {
            Value iterable = rt_next(vm, c->source);
            Value it = iterable ? rt_iter(vm, iterable) : VNULL;
            if (!it) {
                c->source = VNULL;
                return VNULL;
            }
            c->active = it;
        }
        Value x = rt_next(vm, c->active);
        if (x || vm->exc)
            return x;
        c->active = VNULL;
    }
    return VNULL;
}

ITER_TYPE(chain_type, "chain", Chain, chain_next, chain_trace);

static Value chain_make(VM *vm, Type *type, Value iterable)
{
    Value src = rt_iter(vm, iterable);
    /* A subclass (from_iterable called on it) gets its own instance layout. */
    Chain *c = src ? alloc_iter(vm, type) : NULL;
    if (!c)
        return VNULL;
    c->source = src;
    return v_from(c);
}

static Value chain_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "chain", kwnames))
        return VNULL;
    Value args = rt_tuple_from(vm, (size_t)argc, argv);
    return args ? chain_make(vm, &chain_type, args) : VNULL;
}

static Value chain_from_iterable(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "chain.from_iterable", argc - 1, 1, 1))
        return VNULL;
    return chain_make(vm, (Type *)v_obj(argv[0]), argv[1]);
}

static const NativeDef chain_methods[] = {
    {"from_iterable", chain_from_iterable, NF_CLASSMETHOD},
    {NULL, NULL, 0},
};

/* ---- compress, dropwhile, takewhile, filterfalse, starmap ---------------------------- */

/* One layout for the iterators over one iterable with a function (or a
 * second iterator, for compress). */
typedef struct FuncIter {
    Obj hdr;
    Value func, it;
    Value state; /* dropwhile: rt_True once dropping ended; takewhile: once stopped */
} FuncIter;
FIELDS_TRACE(funciter_trace, FuncIter, 3)

static int call_truth(VM *vm, Value func, Value x)
{
    Value r = rt_call1(vm, func, x);
    return r ? rt_truthy(vm, r) : -1;
}

static Value compress_next(VM *vm, Value self)
{
    FuncIter *f = (FuncIter *)v_obj(self);
    for (;;) {
        Value datum = rt_next(vm, f->it);
        if (!datum)
            return VNULL;
        Value sel = rt_next(vm, f->func);
        if (!sel)
            return VNULL;
        int ok = rt_truthy(vm, sel);
        if (ok < 0)
            return VNULL;
        if (ok)
            return datum;
    }
}

static Value dropwhile_next(VM *vm, Value self)
{
    FuncIter *f = (FuncIter *)v_obj(self);
    for (;;) {
        Value x = rt_next(vm, f->it);
        if (!x || f->state == rt_True)
            return x;
        int ok = call_truth(vm, f->func, x);
        if (ok < 0)
            return VNULL;
        if (!ok) {
            f->state = rt_True;
            return x;
        }
    }
}

static Value takewhile_next(VM *vm, Value self)
{
    FuncIter *f = (FuncIter *)v_obj(self);
    if (f->state == rt_True)
        return VNULL;
    Value x = rt_next(vm, f->it);
    if (!x)
        return VNULL;
    int ok = call_truth(vm, f->func, x);
    if (ok < 0)
        return VNULL;
    if (ok)
        return x;
    f->state = rt_True;
    return VNULL;
}

static Value filterfalse_next(VM *vm, Value self)
{
    FuncIter *f = (FuncIter *)v_obj(self);
    for (;;) {
        Value x = rt_next(vm, f->it);
        if (!x)
            return VNULL;
        int ok = f->func == rt_None || f->func == v_from(&rt_bool_type) ? rt_truthy(vm, x)
                                                                        : call_truth(vm, f->func, x);
        if (ok < 0)
            return VNULL;
        if (!ok)
            return x;
    }
}

static Value starmap_next(VM *vm, Value self)
{
    FuncIter *f = (FuncIter *)v_obj(self);
    Value args = rt_next(vm, f->it);
    if (!args)
        return VNULL;
    if (!v_is(args, &rt_tuple_type) && !(args = rt_tuple_from_iter(vm, args)))
        return VNULL;
    Tuple *t = v_tuple(args);
    return rt_call(vm, f->func, (int)t->len, t->items, VNULL);
}

ITER_TYPE(compress_type, "compress", FuncIter, compress_next, funciter_trace);
ITER_TYPE(dropwhile_type, "dropwhile", FuncIter, dropwhile_next, funciter_trace);
ITER_TYPE(takewhile_type, "takewhile", FuncIter, takewhile_next, funciter_trace);
ITER_TYPE(filterfalse_type, "filterfalse", FuncIter, filterfalse_next, funciter_trace);
ITER_TYPE(starmap_type, "starmap", FuncIter, starmap_next, funciter_trace);

static Value funciter_make(VM *vm, Type *t, Value func, Value iterable)
{
    Value it = rt_iter(vm, iterable);
    FuncIter *f = it ? alloc_iter(vm, t) : NULL;
    if (!f)
        return VNULL;
    f->func = func;
    f->it = it;
    f->state = rt_False;
    return v_from(f);
}

/* The positional-only (function, iterable) constructors. */
static Value funciter_new(VM *vm, Type *t, const char *name, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, name, kwnames) || !mp_check_positional(vm, name, argc, 2, 2))
        return VNULL;
    return funciter_make(vm, t, argv[0], argv[1]);
}

static Value dropwhile_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return funciter_new(vm, &dropwhile_type, "dropwhile", argc, argv, kwnames);
}

static Value takewhile_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return funciter_new(vm, &takewhile_type, "takewhile", argc, argv, kwnames);
}

static Value filterfalse_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return funciter_new(vm, &filterfalse_type, "filterfalse", argc, argv, kwnames);
}

static Value starmap_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return funciter_new(vm, &starmap_type, "starmap", argc, argv, kwnames);
}

static Value compress_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"data", "selectors", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "compress", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    Value data = rt_iter(vm, a[0]);
    Value sel = data ? rt_iter(vm, a[1]) : VNULL;
    FuncIter *f = sel ? alloc_iter(vm, &compress_type) : NULL;
    if (!f)
        return VNULL;
    f->it = data;
    f->func = sel;
    f->state = rt_False;
    return v_from(f);
}

/* ---- groupby and _grouper ------------------------------------------------------------ */

typedef struct GroupBy {
    Obj hdr;
    Value it, keyfunc;          /* keyfunc: rt_None for identity */
    Value tgtkey, currkey, currvalue; /* VNULL when unset */
    Value currgrouper;          /* the _grouper that may still advance, or VNULL */
} GroupBy;
FIELDS_TRACE(groupby_trace, GroupBy, 6)

typedef struct Grouper {
    Obj hdr;
    Value parent, tgtkey;
} Grouper;
FIELDS_TRACE(grouper_trace, Grouper, 2)

/* Read the next value and its key: -1 error or exhausted (vm->exc tells). */
static int groupby_step(VM *vm, GroupBy *g)
{
    Value v = rt_next(vm, g->it);
    if (!v)
        return -1;
    Value k = g->keyfunc == rt_None ? v : rt_call1(vm, g->keyfunc, v);
    if (!k)
        return -1;
    g->currvalue = v;
    g->currkey = k;
    return 0;
}

static Type grouper_type;

static Value groupby_next(VM *vm, Value self)
{
    GroupBy *g = (GroupBy *)v_obj(self);
    g->currgrouper = VNULL;
    /* Skip the rest of the current group. */
    for (;;) {
        if (g->currkey) {
            if (!g->tgtkey)
                break;
            int eq = rt_eq(vm, g->tgtkey, g->currkey);
            if (eq < 0)
                return VNULL;
            if (!eq)
                break;
        }
        if (groupby_step(vm, g) < 0)
            return VNULL;
    }
    g->tgtkey = g->currkey;
    Grouper *gr = rt_alloc(vm, &grouper_type, sizeof(Grouper));
    if (!gr)
        return VNULL;
    gr->parent = self;
    gr->tgtkey = g->tgtkey;
    g->currgrouper = v_from(gr);
    return rt_tuple_pack(vm, 2, g->currkey, v_from(gr));
}

static Value grouper_next(VM *vm, Value self)
{
    Grouper *gr = (Grouper *)v_obj(self);
    GroupBy *g = (GroupBy *)v_obj(gr->parent);
    if (g->currgrouper != self)
        return VNULL;
    if (!g->currvalue && groupby_step(vm, g) < 0)
        return VNULL;
    int eq = rt_eq(vm, gr->tgtkey, g->currkey);
    if (eq <= 0)
        return VNULL;
    Value r = g->currvalue;
    g->currvalue = VNULL;
    return r;
}

ITER_TYPE(groupby_type, "groupby", GroupBy, groupby_next, groupby_trace);
static Type grouper_type = {
    .name = "itertools._grouper", .instance_size = sizeof(Grouper), .trace = grouper_trace,
    .iter = iter_self, .next = grouper_next,
};

static Value groupby_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "key", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "groupby", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    Value it = rt_iter(vm, a[0]);
    GroupBy *g = it ? alloc_iter(vm, &groupby_type) : NULL;
    if (!g)
        return VNULL;
    g->it = it;
    g->keyfunc = a[1] ? a[1] : rt_None;
    return v_from(g);
}

/* ---- islice ------------------------------------------------------------------------ */

typedef struct ISlice {
    Obj hdr;
    Value it;  /* VNULL once exhausted */
    int64_t next, stop, step, cnt; /* stop -1: none */
} ISlice;

static void islice_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((ISlice *)o)->it); }

static Value islice_next(VM *vm, Value self)
{
    ISlice *s = (ISlice *)v_obj(self);
    if (!s->it)
        return VNULL;
    while (s->cnt < s->next) {
        Value x = rt_next(vm, s->it);
        if (!x)
            goto empty;
        s->cnt++;
    }
    if (s->stop != -1 && s->cnt >= s->stop)
        goto empty;
    Value x = rt_next(vm, s->it);
    if (!x)
        goto empty;
    s->cnt++;
    int64_t old = s->next;
    s->next += s->step;
    if (s->next < old || (s->stop != -1 && s->next > s->stop))
        s->next = s->stop;
    return x;
empty:
    s->it = VNULL;
    return VNULL;
}

ITER_TYPE(islice_type, "islice", ISlice, islice_next, islice_trace);

/* PyNumber_AsSsize_t with the error cleared: -1 for anything unusable. */
static int64_t islice_arg(VM *vm, Value v)
{
    int64_t n;
    if (!mp_as_ssize(vm, v, &n)) {
        vm->exc = VNULL;
        return -1;
    }
    return n;
}

static Value islice_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char stop_msg[] =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (!mp_no_kw(vm, "islice", kwnames) || !mp_check_positional(vm, "islice", argc, 2, 4))
        return VNULL;
    int64_t start = 0, stop = -1, step = 1;
    Value a1 = argv[1];
    if (argc == 2) {
        if (a1 != rt_None && (stop = islice_arg(vm, a1)) == -1)
            return rt_raise(vm, &rt_exc_ValueError, stop_msg);
    } else {
        if (a1 != rt_None)
            start = islice_arg(vm, a1);
        if (argv[2] != rt_None && (stop = islice_arg(vm, argv[2])) == -1)
            return rt_raise(vm, &rt_exc_ValueError, stop_msg);
    }
    if (start < 0 || stop < -1)
        return rt_raise(vm, &rt_exc_ValueError,
                        "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    if (argc == 4 && argv[3] != rt_None)
        step = islice_arg(vm, argv[3]);
    if (step < 1)
        return rt_raise(vm, &rt_exc_ValueError,
                        "Step for islice() must be a positive integer or None.");
    Value it = rt_iter(vm, argv[0]);
    ISlice *s = it ? alloc_iter(vm, &islice_type) : NULL;
    if (!s)
        return VNULL;
    s->it = it;
    s->next = start;
    s->stop = stop;
    s->step = step;
    return v_from(s);
}

/* ---- pairwise ---------------------------------------------------------------------- */

typedef struct Pairwise {
    Obj hdr;
    Value it, old; /* it: VNULL once exhausted */
} Pairwise;
FIELDS_TRACE(pairwise_trace, Pairwise, 2)

static Value pairwise_next(VM *vm, Value self)
{
    Pairwise *p = (Pairwise *)v_obj(self);
    if (!p->it)
        return VNULL;
    if (!p->old && !(p->old = rt_next(vm, p->it))) {
        p->it = VNULL;
        return VNULL;
    }
    Value x = rt_next(vm, p->it);
    if (!x) {
        p->it = p->old = VNULL;
        return VNULL;
    }
    Value r = rt_tuple_pack(vm, 2, p->old, x);
    p->old = x;
    return r;
}

ITER_TYPE(pairwise_type, "pairwise", Pairwise, pairwise_next, pairwise_trace);

static Value pairwise_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "pairwise", kwnames) || !mp_check_positional(vm, "pairwise", argc, 1, 1))
        return VNULL;
    Value it = rt_iter(vm, argv[0]);
    Pairwise *p = it ? alloc_iter(vm, &pairwise_type) : NULL;
    if (!p)
        return VNULL;
    p->it = it;
    return v_from(p);
}

/* ---- tee --------------------------------------------------------------------------- */

/* CPython's layout: tee objects share a linked list of blocks of values read
 * from the underlying iterator; each tee holds its block and position. */
#define TEE_LINKCELLS 57

typedef struct TeeData {
    Obj hdr;
    Value it, next;              /* next: the following block or VNULL */
    Value values[TEE_LINKCELLS];
    int numread;
    bool running;
} TeeData;

static void teedata_trace(VM *vm, Obj *o)
{
    TeeData *d = (TeeData *)o;
    rt_gc_mark(vm, d->it);
    rt_gc_mark(vm, d->next);
    for (int i = 0; i < d->numread; i++)
        rt_gc_mark(vm, d->values[i]);
}

static Type teedata_type = {
    .name = "itertools._tee_dataobject", .instance_size = sizeof(TeeData),
    .trace = teedata_trace,
};

typedef struct Tee {
    Obj hdr;
    Value data;
    int index;
} Tee;

static void tee_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Tee *)o)->data); }

static Value teedata_new(VM *vm, Value it)
{
    TeeData *d = rt_alloc(vm, &teedata_type, sizeof(TeeData));
    if (!d)
        return VNULL;
    d->it = it;
    return v_from(d);
}

static Value tee_next(VM *vm, Value self)
{
    Tee *t = (Tee *)v_obj(self);
    TeeData *d = (TeeData *)v_obj(t->data);
    if (t->index >= TEE_LINKCELLS) {
        if (!d->next && !(d->next = teedata_new(vm, d->it)))
            return VNULL;
        t->data = d->next;
        t->index = 0;
        d = (TeeData *)v_obj(t->data);
    }
    if (t->index < d->numread)
        return d->values[t->index++];
    if (d->running)
        return rt_raise(vm, &rt_exc_RuntimeError, "cannot re-enter the tee iterator");
    d->running = true;
    Value x = rt_next(vm, d->it);
    d->running = false;
    if (!x)
        return VNULL;
    d->values[d->numread++] = x;
    t->index++;
    return x;
}

static Type tee_type = {
    .name = "itertools._tee", .instance_size = sizeof(Tee), .trace = tee_trace,
    .iter = iter_self, .next = tee_next, .flags = TF_WEAKREF,
};

static Value tee_copy_of(VM *vm, Value self)
{
    Tee *src = (Tee *)v_obj(self);
    Tee *t = rt_alloc(vm, &tee_type, sizeof(Tee));
    if (!t)
        return VNULL;
    t->data = src->data;
    t->index = src->index;
    return v_from(t);
}

static Value tee_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__copy__", argc - 1, 0, 0))
        return VNULL;
    return tee_copy_of(vm, argv[0]);
}

/* A tee over iterable: a copy when it is already a tee. */
static Value tee_from_iterable(VM *vm, Value iterable)
{
    Value it = rt_iter(vm, iterable);
    if (!it)
        return VNULL;
    if (v_is(it, &tee_type))
        return tee_copy_of(vm, it);
    Value d = teedata_new(vm, it);
    Tee *t = d ? rt_alloc(vm, &tee_type, sizeof(Tee)) : NULL;
    if (!t)
        return VNULL;
    t->data = d;
    return v_from(t);
}

static Value tee_type_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "_tee", kwnames) || !mp_check_positional(vm, "_tee", argc, 1, 1))
        return VNULL;
    return tee_from_iterable(vm, argv[0]);
}

static const NativeDef tee_methods[] = {
    {"__copy__", tee_copy, 0},
    {NULL, NULL, 0},
};

static Value itertools_tee(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "itertools.tee", kwnames) || !mp_check_positional(vm, "tee", argc, 1, 2))
        return VNULL;
    int64_t n = 2;
    if (argc == 2 && !mp_as_ssize(vm, argv[1], &n))
        return VNULL;
    if (n < 0)
        return rt_raise(vm, &rt_exc_ValueError, "n must be >= 0");
    Value r = rt_tuple_new(vm, (size_t)n);
    if (!r || n == 0)
        return r;
    Value it = rt_iter(vm, argv[0]);
    if (!it)
        return VNULL;
    /* An iterator with __copy__ is copied, as CPython does; others get a tee. */
    Value copy = rt_lookup_type_attr(v_type(it), rt_str_intern_cstr(vm, "__copy__"));
    Value first = copy ? it : tee_from_iterable(vm, it);
    if (!first)
        return VNULL;
    v_tuple(r)->items[0] = first;
    for (int64_t i = 1; i < n; i++) {
        Value c = rt_call_method(vm, v_tuple(r)->items[i - 1], "__copy__", 0, NULL);
        if (!c)
            return VNULL;
        v_tuple(r)->items[i] = c;
    }
    return r;
}

/* ---- zip_longest ------------------------------------------------------------------- */

typedef struct ZipLongest {
    Obj hdr;
    Value its;      /* tuple of iterators; an exhausted one becomes VNULL */
    Value fill;
    Value nactive;  /* small int */
} ZipLongest;
FIELDS_TRACE(ziplongest_trace, ZipLongest, 3)

static Value ziplongest_next(VM *vm, Value self)
{
    ZipLongest *z = (ZipLongest *)v_obj(self);
    Tuple *its = v_tuple(z->its);
    if (its->len == 0 || v_small(z->nactive) == 0)
        return VNULL;
    Value r = rt_tuple_new(vm, its->len);
    if (!r)
        return VNULL;
    for (size_t i = 0; i < its->len; i++) {
        Value x = z->fill;
        if (its->items[i]) {
            x = rt_next(vm, its->items[i]);
            if (!x) {
                int64_t n = v_small(z->nactive) - 1;
                z->nactive = v_from_small(n);
                if (n == 0 || vm->exc) {
                    z->nactive = v_from_small(0);
                    return VNULL;
                }
                x = z->fill;
                its->items[i] = VNULL;
            }
        }
        v_tuple(r)->items[i] = x;
    }
    return r;
}

ITER_TYPE(ziplongest_type, "zip_longest", ZipLongest, ziplongest_next, ziplongest_trace);

static Value ziplongest_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    Value fill = rt_None;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    if (nkw) {
        if (nkw != 1 || strcmp(v_cstr(v_tuple(kwnames)->items[0]), "fillvalue") != 0)
            return rt_raise(vm, &rt_exc_TypeError,
                            "zip_longest() got an unexpected keyword argument");
        fill = argv[argc];
    }
    Value its = rt_tuple_new(vm, (size_t)argc);
    if (!its)
        return VNULL;
    for (int i = 0; i < argc; i++) {
        Value it = rt_iter(vm, argv[i]);
        if (!it)
            return VNULL;
        v_tuple(its)->items[i] = it;
    }
    ZipLongest *z = alloc_iter(vm, &ziplongest_type);
    if (!z)
        return VNULL;
    z->its = its;
    z->fill = fill;
    z->nactive = v_from_small(argc);
    return v_from(z);
}

/* ---- combinatorics: product, combinations, cwr, permutations ------------------------- */

/* One layout for the four: the pool(s), the previous result (VNULL before
 * the first), and malloc'd index arrays. */
typedef struct Combo {
    Obj hdr;
    Value pool;     /* tuple (product: tuple of tuples) */
    Value result;   /* tuple or VNULL */
    int64_t *indices, *cycles;
    int64_t r;
    bool stopped;
} Combo;

static void combo_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((Combo *)o)->pool);
    rt_gc_mark(vm, ((Combo *)o)->result);
}

static void combo_finalize(VM *vm, Obj *o)
{
    Combo *c = (Combo *)o;
    free(c->indices);
    free(c->cycles);
    c->indices = c->cycles = NULL;
}

/* The next result as a fresh tuple: pool[indices[i]] for i < r. */
static Value combo_result(VM *vm, Combo *c, Value pool_of_pools)
{
    Value r = rt_tuple_new(vm, (size_t)c->r);
    if (!r)
        return VNULL;
    for (int64_t i = 0; i < c->r; i++) {
        Tuple *pool = pool_of_pools ? v_tuple(v_tuple(pool_of_pools)->items[i]) : v_tuple(c->pool);
        v_tuple(r)->items[i] = pool->items[c->indices[i]];
    }
    c->result = r;
    return r;
}

static Value combo_stop(Combo *c)
{
    c->stopped = true;
    c->result = VNULL;
    return VNULL;
}

static Value product_next(VM *vm, Value self)
{
    Combo *c = (Combo *)v_obj(self);
    if (c->stopped)
        return VNULL;
    Tuple *pools = v_tuple(c->pool);
    if (!c->result) {
        for (size_t i = 0; i < pools->len; i++)
            if (v_tuple(pools->items[i])->len == 0)
                return combo_stop(c);
    } else {
        int64_t i;
        for (i = c->r - 1; i >= 0; i--) {
            if (++c->indices[i] < (int64_t)v_tuple(pools->items[i])->len)
                break;
            c->indices[i] = 0;
        }
        if (i < 0)
            return combo_stop(c);
    }
    return combo_result(vm, c, c->pool);
}

static Value combinations_next(VM *vm, Value self)
{
    Combo *c = (Combo *)v_obj(self);
    if (c->stopped)
        return VNULL;
    int64_t n = (int64_t)v_tuple(c->pool)->len, r = c->r, *ix = c->indices;
    if (c->result) {
        int64_t i;
        for (i = r - 1; i >= 0 && ix[i] == i + n - r; i--)
            ;
        if (i < 0)
            return combo_stop(c);
        ix[i]++;
        for (int64_t j = i + 1; j < r; j++)
            ix[j] = ix[j - 1] + 1;
    }
    return combo_result(vm, c, VNULL);
}

static Value cwr_next(VM *vm, Value self)
{
    Combo *c = (Combo *)v_obj(self);
    if (c->stopped)
        return VNULL;
    int64_t n = (int64_t)v_tuple(c->pool)->len, r = c->r, *ix = c->indices;
    if (c->result) {
        int64_t i;
        for (i = r - 1; i >= 0 && ix[i] == n - 1; i--)
            ;
        if (i < 0)
            return combo_stop(c);
        int64_t index = ix[i] + 1;
        for (; i < r; i++)
            ix[i] = index;
    }
    return combo_result(vm, c, VNULL);
}

static Value permutations_next(VM *vm, Value self)
{
    Combo *c = (Combo *)v_obj(self);
    if (c->stopped)
        return VNULL;
    int64_t n = (int64_t)v_tuple(c->pool)->len, r = c->r, *ix = c->indices, *cy = c->cycles;
    if (c->result) {
        if (n == 0)
            return combo_stop(c);
        int64_t i;
        for (i = r - 1; i >= 0; i--) {
            if (--cy[i] == 0) {
                /* indices[i:] = indices[i+1:] + indices[i:i+1] */
                int64_t index = ix[i];
                for (int64_t j = i; j < n - 1; j++)
                    ix[j] = ix[j + 1];
                ix[n - 1] = index;
                cy[i] = n - i;
            } else {
                int64_t j = cy[i], index = ix[i];
                ix[i] = ix[n - j];
                ix[n - j] = index;
                break;
            }
        }
        if (i < 0)
            return combo_stop(c);
    }
    return combo_result(vm, c, VNULL);
}

static Type product_type, combinations_type, cwr_type, permutations_type;

#define COMBO_TYPE(var, pyname, nextfn)                                                      \
    static Type var = {                                                                    \
        .name = "itertools." pyname, .instance_size = sizeof(Combo), .trace = combo_trace,  \
        .finalize = combo_finalize, .iter = iter_self, .next = nextfn, .flags = TF_BASETYPE, \
    }
COMBO_TYPE(product_type, "product", product_next);
COMBO_TYPE(combinations_type, "combinations", combinations_next);
COMBO_TYPE(cwr_type, "combinations_with_replacement", cwr_next);
COMBO_TYPE(permutations_type, "permutations", permutations_next);

/* A Combo over `pool` producing r-tuples, with zeroed index arrays
 * (and a cycles array when with_cycles). */
static Combo *combo_new(VM *vm, Type *t, Value pool, int64_t r, bool with_cycles)
{
    Combo *c = rt_alloc(vm, t, sizeof(Combo));
    if (!c)
        return NULL;
    c->pool = pool;
    c->r = r;
    size_t n = r > 0 ? (size_t)r : 1;
    if (t == &permutations_type) /* indices over the whole pool */
        n = v_tuple(pool)->len > n ? v_tuple(pool)->len : n;
    c->indices = calloc(n, sizeof(int64_t));
    if (with_cycles)
        c->cycles = calloc(n, sizeof(int64_t));
    if (!c->indices || (with_cycles && !c->cycles)) {
        rt_no_memory(vm);
        return NULL;
    }
    return c;
}

static Value product_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    int64_t repeat = 1;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t k = 0; k < nkw; k++) {
        const char *name = v_cstr(v_tuple(kwnames)->items[k]);
        if (strcmp(name, "repeat") != 0)
            return rt_raise(vm, &rt_exc_TypeError,
                            "'%s' is an invalid keyword argument for product()", name);
        if (!mp_as_ssize(vm, argv[argc + k], &repeat))
            return VNULL;
        if (repeat < 0)
            return rt_raise(vm, &rt_exc_ValueError, "repeat argument cannot be negative");
    }
    if (argc && repeat > INT32_MAX / argc)
        return rt_raise(vm, &rt_exc_OverflowError, "repeat argument too large");
    int64_t npools = argc * repeat;
    Value pools = rt_tuple_new(vm, (size_t)npools);
    if (!pools)
        return VNULL;
    for (int i = 0; i < argc; i++) {
        Value t = rt_tuple_from_iter(vm, argv[i]);
        if (!t)
            return VNULL;
        for (int64_t k = 0; k < repeat; k++)
            v_tuple(pools)->items[k * argc + i] = t;
    }
    Combo *c = combo_new(vm, &product_type, pools, npools, false);
    return c ? v_from(c) : VNULL;
}

static Value combo_r_new(VM *vm, Type *t, const char *name, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "r", NULL};
    Value a[2];
    if (!rt_parse_args(vm, name, argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    Value pool = rt_tuple_from_iter(vm, a[0]);
    int64_t r;
    if (!pool || !mp_as_ssize(vm, a[1], &r))
        return VNULL;
    if (r < 0)
        return rt_raise(vm, &rt_exc_ValueError, "r must be non-negative");
    Combo *c = combo_new(vm, t, pool, r, false);
    if (!c)
        return VNULL;
    int64_t n = (int64_t)v_tuple(pool)->len;
    if (t == &combinations_type) {
        for (int64_t i = 0; i < r; i++)
            c->indices[i] = i;
        c->stopped = r > n;
    } else {
        c->stopped = n == 0 && r > 0;
    }
    return v_from(c);
}

static Value combinations_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return combo_r_new(vm, &combinations_type, "combinations", argc, argv, kwnames);
}

static Value cwr_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    return combo_r_new(vm, &cwr_type, "combinations_with_replacement", argc, argv, kwnames);
}

static Value permutations_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"iterable", "r", NULL};
    Value a[2];
    if (!rt_parse_args(vm, "permutations", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    Value pool = rt_tuple_from_iter(vm, a[0]);
    if (!pool)
        return VNULL;
    int64_t n = (int64_t)v_tuple(pool)->len, r = n;
    if (a[1] && a[1] != rt_None) {
        if (!rt_is_int(a[1]))
            return rt_raise(vm, &rt_exc_TypeError, "Expected int as r");
        if (!mp_as_ssize(vm, a[1], &r))
            return VNULL;
        if (r < 0)
            return rt_raise(vm, &rt_exc_ValueError, "r must be non-negative");
    }
    Combo *c = combo_new(vm, &permutations_type, pool, r, true);
    if (!c)
        return VNULL;
    for (int64_t i = 0; i < n; i++)
        c->indices[i] = i;
    for (int64_t i = 0; i < r && i < n; i++)
        c->cycles[i] = n - i;
    c->stopped = r > n;
    return v_from(c);
}

/* ---- the module -------------------------------------------------------------------- */

static const NativeDef itertools_functions[] = {
    {"tee", itertools_tee, NF_KEYWORDS},
    {NULL, NULL, 0},
};

Value mp_itertools_module_init(VM *vm)
{
    count_type.new = count_new;
    cycle_type.new = cycle_new;
    accumulate_type.new = accumulate_new;
    chain_type.new = chain_new;
    compress_type.new = compress_new;
    dropwhile_type.new = dropwhile_new;
    takewhile_type.new = takewhile_new;
    filterfalse_type.new = filterfalse_new;
    starmap_type.new = starmap_new;
    groupby_type.new = groupby_new;
    islice_type.new = islice_new;
    pairwise_type.new = pairwise_new;
    tee_type.new = tee_type_new;
    ziplongest_type.new = ziplongest_new;
    product_type.new = product_new;
    combinations_type.new = combinations_new;
    cwr_type.new = cwr_new;
    permutations_type.new = permutations_new;

    Dict *d;
    Value name = rt_str_intern_cstr(vm, "itertools");
    Value m = mp_new_module(vm, "itertools", &d);
    if (!m || !rt_add_functions(vm, d, itertools_functions, name))
        return VNULL;
    Type *public_types[] = {
        &count_type, &cycle_type, &repeat_type, &accumulate_type, &chain_type, &compress_type,
        &dropwhile_type, &takewhile_type, &filterfalse_type, &starmap_type, &groupby_type,
        &islice_type, &pairwise_type, &tee_type, &ziplongest_type, &product_type,
        &combinations_type, &cwr_type, &permutations_type, &grouper_type,
    };
    for (size_t i = 0; i < sizeof public_types / sizeof *public_types; i++)
        if (!mp_type_ready(vm, public_types[i], d))
            return VNULL;
    if (!mp_type_ready(vm, &teedata_type, d) || !rt_add_methods(vm, &repeat_type, repeat_methods) ||
        !rt_add_methods(vm, &chain_type, chain_methods) ||
        !rt_add_methods(vm, &tee_type, tee_methods))
        return VNULL;
    return m;
}
