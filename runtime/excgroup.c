/* runtime/excgroup.c — BaseExceptionGroup / ExceptionGroup (PEP 654):
 * construction with CPython's checks, message/exceptions, derive, split,
 * subgroup, and the two helpers `except*` runs on (vm/eval.c's
 * CHECK_EG_MATCH and PREP_RERAISE_STAR), following CPython 3.11's
 * Objects/exceptions.c behaviour.
 *
 * ExceptionGroup's bases are (BaseExceptionGroup, Exception) in CPython.
 * The type model here has one base pointer: ExceptionGroup's base is
 * BaseExceptionGroup (so methods are found along it) and rt_is_subtype
 * answers the Exception relation (runtime/abstract.c). */
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"

static ExcGroup *EG(Value v) { return (ExcGroup *)v_obj(v); }

bool rt_is_exc_group(Value v) { return rt_isinstance_type(v, &rt_exc_BaseExceptionGroup); }

Tuple *rt_exc_group_items(Value v) { return v_tuple(EG(v)->excs); }

static void group_trace(VM *vm, Obj *o)
{
    ExcGroup *g = (ExcGroup *)o;
    rt_exc_trace(vm, o);
    rt_gc_mark(vm, g->msg);
    rt_gc_mark(vm, g->excs);
}

/* BaseExceptionGroup.__new__(cls, message, exceptions). */
static Value group_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError,
                        "BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)", argc);
    if (!rt_isinstance_type(argv[0], &rt_str_type))
        return rt_raise(vm, &rt_exc_TypeError,
                        "BaseExceptionGroup.__new__() argument 1 must be str, not %s",
                        rt_type_name(argv[0]));
    Value seq = argv[1];
    Type *st = v_type(seq);
    if (!st->getitem || rt_isinstance_type(seq, &rt_dict_type) ||
        rt_isinstance_type(seq, &rt_set_type))
        return rt_raise(vm, &rt_exc_TypeError, "second argument (exceptions) must be a sequence");
    Value excs = rt_tuple_from_iter(vm, seq);
    if (!excs)
        return VNULL;
    Tuple *t = v_tuple(excs);
    if (t->len == 0)
        return rt_raise(vm, &rt_exc_ValueError,
                        "second argument (exceptions) must be a non-empty sequence");
    bool nested_base = false;
    for (size_t i = 0; i < t->len; i++) {
        if (!rt_isinstance_type(t->items[i], &rt_exc_BaseException))
            return rt_raise(vm, &rt_exc_ValueError,
                            "Item %zu of second argument (exceptions) is not an exception", i);
        if (!rt_isinstance_type(t->items[i], &rt_exc_Exception))
            nested_base = true;
    }
    if (type == &rt_exc_BaseExceptionGroup) {
        if (!nested_base)
            type = &rt_exc_ExceptionGroup;
    } else if (type == &rt_exc_ExceptionGroup) {
        if (nested_base)
            return rt_raise(vm, &rt_exc_TypeError,
                            "Cannot nest BaseExceptions in an ExceptionGroup");
    } else if (nested_base && rt_is_subtype(type, &rt_exc_Exception)) {
        return rt_raise(vm, &rt_exc_TypeError, "Cannot nest BaseExceptions in '%s'", type->name);
    }
    /* BaseExceptionGroup.__init__ refuses keywords; a subclass's own
     * __init__ gets them instead. */
    if (kwnames && v_tuple(kwnames)->len && !(type->flags & TF_CLASS))
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes no keyword arguments", type->name);
    Value self = rt_exc_new(vm, type, VNULL);
    if (!self)
        return VNULL;
    Value args = rt_tuple_from(vm, 2, argv);
    if (!args)
        return VNULL;
    EG(self)->base.args = args;
    EG(self)->msg = argv[0];
    EG(self)->excs = excs;
    return self;
}

Value rt_exc_group_new(VM *vm, Value msg, Value excs)
{
    Value argv[2] = {msg, excs};
    return group_new(vm, &rt_exc_BaseExceptionGroup, 2, argv, VNULL);
}

static Value group_str(VM *vm, Value self)
{
    ExcGroup *g = EG(self);
    size_t n = v_tuple(g->excs)->len;
    Value m = rt_str(vm, g->msg);
    if (!m)
        return VNULL;
    return rt_str_printf(vm, "%s (%zu sub-exception%s)", v_cstr(m), n, n > 1 ? "s" : "");
}

static Value get_message(VM *vm, Value self) { return EG(self)->msg; }
static Value get_exceptions(VM *vm, Value self) { return EG(self)->excs; }

static const GetSetDef group_getsets[] = {
    {"message", get_message, NULL},
    {"exceptions", get_exceptions, NULL},
    {NULL, NULL, NULL},
};

/* split/subgroup/derive take one argument, with METH_O's wording. */
static bool one_arg(VM *vm, const char *name, int argc)
{
    if (argc == 1)
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s expected 1 argument, got %d", name, argc);
    return false;
}

static bool check_group(VM *vm, Value self, const char *what)
{
    if (rt_is_exc_group(self))
        return true;
    rt_raise(vm, &rt_exc_TypeError,
             "descriptor '%s' requires a 'BaseExceptionGroup' object but received a '%s'", what,
             rt_type_name(self));
    return false;
}

static Value m_derive(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "function takes exactly 1 argument (%d given)",
                        argc - 1);
    if (!check_group(vm, argv[0], "derive"))
        return VNULL;
    Value a[2] = {EG(argv[0])->msg, argv[1]};
    return group_new(vm, &rt_exc_BaseExceptionGroup, 2, a, VNULL);
}

/* ---- split ------------------------------------------------------------------ */

typedef enum { MATCH_TYPE, MATCH_PREDICATE, MATCH_LEAVES } MatcherKind;

static bool is_exc_class(Value v)
{
    return v_is_obj(v) && v_obj(v)->type == &rt_type_type &&
           rt_is_subtype((Type *)v_obj(v), &rt_exc_BaseException);
}

static bool is_callable(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (!t->call)
        return false;
    return !(t->flags & TF_CLASS) || rt_lookup_type_attr(t, vm->names.__call__) != VNULL;
}

static bool matcher_kind(VM *vm, Value m, MatcherKind *kind)
{
    bool is_type = v_is_obj(m) && v_obj(m)->type == &rt_type_type;
    if (!is_type && is_callable(vm, m)) {
        *kind = MATCH_PREDICATE;
        return true;
    }
    if (is_exc_class(m)) {
        *kind = MATCH_TYPE;
        return true;
    }
    if (v_is(m, &rt_tuple_type)) {
        Tuple *t = v_tuple(m);
        size_t i = 0;
        while (i < t->len && is_exc_class(t->items[i]))
            i++;
        if (i == t->len) {
            *kind = MATCH_TYPE;
            return true;
        }
    }
    rt_raise(vm, &rt_exc_TypeError,
             "expected a function, exception type or tuple of exception types");
    return false;
}

/* -1 error, 0 no, 1 yes.  MATCH_LEAVES: m is a list of leaf exceptions,
 * compared by identity. */
static int matches(VM *vm, Value exc, MatcherKind kind, Value m)
{
    if (kind == MATCH_TYPE)
        return rt_isinstance(vm, exc, m);
    if (kind == MATCH_PREDICATE) {
        Value r = rt_call1(vm, m, exc);
        return r ? rt_truthy(vm, r) : -1;
    }
    List *l = v_list(m);
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] == exc)
            return 1;
    return 0;
}

/* eg.derive(excs) with eg's traceback, cause, context and notes copied
 * (CPython's exceptiongroup_subset). */
static Value derive_and_copy(VM *vm, Value eg, Value excs)
{
    Value r = rt_call_method(vm, eg, "derive", 1, &excs);
    if (!r)
        return VNULL;
    if (!rt_is_exc_group(r))
        return rt_raise(vm, &rt_exc_TypeError,
                        "derive must return an instance of BaseExceptionGroup");
    Exception *src = (Exception *)v_obj(eg), *dst = (Exception *)v_obj(r);
    dst->traceback = src->traceback;
    dst->context = src->context;
    dst->cause = src->cause;
    dst->suppress_context = true;
    Value notes = rt_getattr_opt(vm, eg, rt_str_intern_cstr(vm, "__notes__"));
    if (!notes && vm->exc)
        return VNULL;
    if (notes && v_type(notes)->getitem && !rt_isinstance_type(notes, &rt_dict_type)) {
        Value copy = rt_list_from_iter(vm, notes);
        if (!copy || rt_setattr(vm, r, rt_str_intern_cstr(vm, "__notes__"), copy) < 0)
            return VNULL;
    }
    return r;
}

/* Split exc into (*match, *rest) (VNULL for an empty part); rest only with
 * want_rest. */
static bool split_rec(VM *vm, Value exc, MatcherKind kind, Value m, bool want_rest, Value *match,
                      Value *rest)
{
    *match = *rest = VNULL;
    int r = matches(vm, exc, kind, m);
    if (r < 0)
        return false;
    if (r) {
        *match = exc;
        return true;
    }
    if (!rt_is_exc_group(exc)) {
        if (want_rest)
            *rest = exc;
        return true;
    }
    if (!rt_enter_c(vm, " in split"))
        return false;
    Value ml = rt_list_new(vm, 0), rl = rt_list_new(vm, 0);
    bool ok = ml && rl;
    Tuple *items = rt_exc_group_items(exc);
    for (size_t i = 0; ok && i < items->len; i++) {
        Value em, er;
        ok = split_rec(vm, items->items[i], kind, m, want_rest, &em, &er) &&
             (!em || rt_list_append(vm, ml, em)) && (!er || rt_list_append(vm, rl, er));
    }
    rt_leave_c(vm);
    if (!ok)
        return false;
    if (v_list(ml)->len && !(*match = derive_and_copy(vm, exc, ml)))
        return false;
    if (want_rest && v_list(rl)->len && !(*rest = derive_and_copy(vm, exc, rl)))
        return false;
    return true;
}

static Value m_split(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!one_arg(vm, "split", argc - 1) || !check_group(vm, argv[0], "split"))
        return VNULL;
    MatcherKind kind;
    Value match, rest;
    if (!matcher_kind(vm, argv[1], &kind) ||
        !split_rec(vm, argv[0], kind, argv[1], true, &match, &rest))
        return VNULL;
    Value pair[2] = {match ? match : rt_None, rest ? rest : rt_None};
    return rt_tuple_from(vm, 2, pair);
}

static Value m_subgroup(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!one_arg(vm, "subgroup", argc - 1) || !check_group(vm, argv[0], "subgroup"))
        return VNULL;
    MatcherKind kind;
    Value match, rest;
    if (!matcher_kind(vm, argv[1], &kind) ||
        !split_rec(vm, argv[0], kind, argv[1], false, &match, &rest))
        return VNULL;
    return match ? match : rt_None;
}

static const NativeDef group_methods[] = {
    {"derive", m_derive, 0},
    {"split", m_split, 0},
    {"subgroup", m_subgroup, 0},
    {NULL, NULL, 0},
};

/* ---- except* support ------------------------------------------------------------ */

/* `except* T`: T must be exception classes, and not groups. */
static bool check_star_type(VM *vm, Value t)
{
    if (v_is(t, &rt_tuple_type)) {
        Tuple *tt = v_tuple(t);
        for (size_t i = 0; i < tt->len; i++)
            if (!check_star_type(vm, tt->items[i]))
                return false;
        return true;
    }
    if (!is_exc_class(t)) {
        rt_raise(vm, &rt_exc_TypeError,
                 "catching classes that do not inherit from BaseException is not allowed");
        return false;
    }
    if (rt_is_subtype((Type *)v_obj(t), &rt_exc_BaseExceptionGroup)) {
        rt_raise(vm, &rt_exc_TypeError,
                 "catching ExceptionGroup with except* is not allowed. Use except instead.");
        return false;
    }
    return true;
}

bool rt_exc_group_match(VM *vm, Value exc, Value type, Value *match, Value *rest)
{
    if (!check_star_type(vm, type))
        return false;
    *match = rt_None;
    *rest = exc;
    if (exc == rt_None) {
        *rest = rt_None;
        return true;
    }
    int r = rt_isinstance(vm, exc, type);
    if (r < 0)
        return false;
    if (r) {
        *rest = rt_None;
        if (rt_is_exc_group(exc)) {
            *match = exc;
            return true;
        }
        /* A naked exception is wrapped in a group. */
        Value one = rt_tuple_from(vm, 1, &exc);
        Value g = one ? rt_exc_group_new(vm, vm->empty_str, one) : VNULL;
        if (!g)
            return false;
        *match = g;
        return true;
    }
    if (!rt_is_exc_group(exc))
        return true;
    Value m, rs;
    if (!split_rec(vm, exc, MATCH_TYPE, type, true, &m, &rs))
        return false;
    *match = m ? m : rt_None;
    *rest = rs ? rs : rt_None;
    return true;
}

/* Leaves (non-group exceptions) of exc, appended to list. */
static bool collect_leaves(VM *vm, Value exc, Value list)
{
    if (exc == rt_None)
        return true;
    if (!rt_is_exc_group(exc))
        return rt_list_append(vm, list, exc);
    Tuple *items = rt_exc_group_items(exc);
    for (size_t i = 0; i < items->len; i++)
        if (!collect_leaves(vm, items->items[i], list))
            return false;
    return true;
}

/* A handler's exception that is (part of) the original group re-raised:
 * split copied these from it.  (Notes do not count: CPython 3.11 compares
 * a notes field that stays empty.) */
static bool same_metadata(Value a, Value b)
{
    Exception *x = (Exception *)v_obj(a), *y = (Exception *)v_obj(b);
    return x->traceback == y->traceback && x->cause == y->cause && x->context == y->context;
}

Value rt_exc_prep_reraise_star(VM *vm, Value orig, Value excs)
{
    List *l = v_list(excs);
    if (l->len == 0)
        return rt_None;
    if (!rt_is_exc_group(orig)) {
        /* A naked exception was caught and wrapped: at most one except*
         * clause ran. */
        return l->items[0];
    }
    Value raised = rt_list_new(vm, 0), reraised = rt_list_new(vm, 0);
    if (!raised || !reraised)
        return VNULL;
    for (size_t i = 0; i < l->len; i++) {
        Value e = l->items[i];
        if (e == rt_None)
            continue;
        if (!rt_list_append(vm, same_metadata(e, orig) ? reraised : raised, e))
            return VNULL;
    }
    /* The re-raised parts keep their place in the original group's shape. */
    Value leaves = rt_list_new(vm, 0);
    if (!leaves)
        return VNULL;
    for (size_t i = 0; i < v_list(reraised)->len; i++)
        if (!collect_leaves(vm, v_list(reraised)->items[i], leaves))
            return VNULL;
    Value proj = VNULL, unused;
    if (v_list(leaves)->len &&
        !split_rec(vm, orig, MATCH_LEAVES, leaves, false, &proj, &unused))
        return VNULL;
    size_t nraised = v_list(raised)->len;
    if (nraised == 0)
        return proj ? proj : rt_None;
    if (proj && !rt_list_append(vm, raised, proj))
        return VNULL;
    if (nraised == 1 && !proj)
        return v_list(raised)->items[0];
    return rt_exc_group_new(vm, vm->empty_str, raised);
}

bool rt_exc_groups_init(VM *vm)
{
    Type *ts[2] = {&rt_exc_BaseExceptionGroup, &rt_exc_ExceptionGroup};
    for (int i = 0; i < 2; i++) {
        ts[i]->instance_size = sizeof(ExcGroup);
        ts[i]->trace = group_trace;
        ts[i]->str = group_str;
        ts[i]->new = group_new;
        /* Ready only now: the slot wrappers (__new__, __str__) follow the slots. */
        if (!rt_type_ready(vm, ts[i]))
            return false;
    }
    /* CPython: class ExceptionGroup(BaseExceptionGroup, Exception), so its
     * MRO is ExceptionGroup, BaseExceptionGroup, Exception, BaseException,
     * object (the C3 order), which isinstance/issubclass walk. */
    Type *eg = &rt_exc_ExceptionGroup;
    Value bases = rt_tuple_pack(vm, 2, v_from(&rt_exc_BaseExceptionGroup), v_from(&rt_exc_Exception));
    Value mro = rt_tuple_pack(vm, 5, v_from(eg), v_from(&rt_exc_BaseExceptionGroup),
                              v_from(&rt_exc_Exception), v_from(&rt_exc_BaseException),
                              v_from(&rt_object_type));
    if (!bases || !mro)
        return false;
    eg->bases = bases;
    rt_type_set_mro(eg, mro);
    /* BaseExceptionGroup[T] is a generic alias, like list[T]: share list's
     * __class_getitem__ (a classmethod, so it binds to the group class). */
    Value cgi = rt_dict_get_cstr(vm, rt_list_type.dict, "__class_getitem__");
    if (cgi && !rt_dict_set_cstr(vm, rt_exc_BaseExceptionGroup.dict, "__class_getitem__", cgi))
        return false;
    return rt_add_getsets(vm, &rt_exc_BaseExceptionGroup, group_getsets) &&
           rt_add_methods(vm, &rt_exc_BaseExceptionGroup, group_methods);
}
