/* vm/async.c — coroutines, async generators and the slow paths of the async
 * opcodes.  Coroutines and async generators are Generator objects (vm/
 * generator.c) of their own types: `await` is a SEND/YIELD_VALUE loop, so
 * they run on the generator machinery.  An async generator marks its own
 * yields (ASYNC_GEN_WRAP); the awaitables its __anext__/asend/athrow/aclose
 * return resume it and turn a marked yield into StopIteration(value) for
 * whoever awaits them, passing any other yield (an inner await) through, as
 * CPython's Objects/genobject.c does. */
#include "vm/frame.h"

static Generator *as_gen(Value v) { return (Generator *)v_obj(v); }

/* A generator turned into a generator-based coroutine (types.coroutine). */
static bool is_iterable_coroutine(Value v)
{
    return v_is(v, &vm_generator_type) && (as_gen(v)->frame.code->flags & CO_ITERABLE_COROUTINE);
}

static Value runtime_error(VM *vm, const char *msg)
{
    return rt_raise(vm, &rt_exc_RuntimeError, "%s", msg);
}

/* ---- the async generator's marked yields ------------------------------------- */

typedef struct Wrapped {
    Obj hdr;
    Value value;
} Wrapped;

static void wrapped_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Wrapped *)o)->value); }

static Type wrapped_type = {
    .name = "async_generator_wrapped_value",
    .instance_size = sizeof(Wrapped),
    .trace = wrapped_trace,
};

Value vm_async_gen_wrap(VM *vm, Value v)
{
    Wrapped *w = rt_alloc(vm, &wrapped_type, sizeof(Wrapped));
    if (!w) return VNULL;
    w->value = v;
    return v_from(w);
}

/* What resuming async generator g gave (r, or VNULL: an exception or a
 * return) as seen by the awaitable driving it: its own yield becomes
 * StopIteration(value), a return StopAsyncIteration. */
static Value agen_unwrap(VM *vm, Generator *g, Value r)
{
    if (!r) {
        if (!vm->exc)
            rt_raise_value(vm, v_from(&rt_exc_StopAsyncIteration));
        if (vm->exc && (rt_exc_matches(vm, vm->exc, &rt_exc_StopAsyncIteration)
                        || rt_exc_matches(vm, vm->exc, &rt_exc_GeneratorExit)))
            g->closed = true;
        g->running_async = false;
        return VNULL;
    }
    if (v_is(r, &wrapped_type)) {
        g->running_async = false;
        return vm_stop_iteration(vm, ((Wrapped *)v_obj(r))->value);
    }
    return r;
}

/* ---- awaitables handed out by async generators ----------------------------------- */

typedef enum { AW_INIT, AW_ITER, AW_CLOSED } AwaitState;

/* asend(v) / __anext__(): one step of the generator.  athrow(exc) /
 * aclose() (exc VNULL): throw into it. */
typedef struct AgenAwaitable {
    Obj hdr;
    Value gen;
    Value arg;        /* asend: the value to send; athrow: its arguments (a tuple), VNULL for aclose */
    AwaitState state;
} AgenAwaitable;

static void agaw_trace(VM *vm, Obj *o)
{
    AgenAwaitable *a = (AgenAwaitable *)o;
    rt_gc_mark(vm, a->gen);
    rt_gc_mark(vm, a->arg);
}

static Value agaw_iter(VM *vm, Value v) { return v; }
static Value asend_next(VM *vm, Value v);
static Value athrow_next(VM *vm, Value v);

static Type asend_type = {
    .name = "async_generator_asend",
    .instance_size = sizeof(AgenAwaitable),
    .trace = agaw_trace,
    .iter = agaw_iter,
    .next = asend_next,
};

static Type athrow_type = {
    .name = "async_generator_athrow",
    .instance_size = sizeof(AgenAwaitable),
    .trace = agaw_trace,
    .iter = agaw_iter,
    .next = athrow_next,
};

/* The first __anext__/asend/athrow/aclose of an async generator calls the
 * firstiter hook (asyncio uses it to close what is left at shutdown).  The
 * finalizer hook is not called yet: an unfinished generator is closed by
 * the collector as if none were set. */
static Value agaw_new(VM *vm, Type *t, Value gen, Value arg)
{
    Generator *g = as_gen(gen);
    if (!g->hooks_inited) {
        g->hooks_inited = true;
        if (vm->asyncgen_firstiter && !rt_call1(vm, vm->asyncgen_firstiter, gen))
            return VNULL;
    }
    AgenAwaitable *a = rt_alloc(vm, t, sizeof(AgenAwaitable));
    if (!a) return VNULL;
    a->gen = gen;
    a->arg = arg;
    a->state = AW_INIT;
    return v_from(a);
}

static AgenAwaitable *as_agaw(Value v) { return (AgenAwaitable *)v_obj(v); }

static Value asend_send(VM *vm, Value self, Value arg)
{
    AgenAwaitable *a = as_agaw(self);
    Generator *g = as_gen(a->gen);
    if (a->state == AW_CLOSED)
        return runtime_error(vm, "cannot reuse already awaited __anext__()/asend()");
    if (a->state == AW_INIT) {
        if (g->running_async)
            return runtime_error(vm, "anext(): asynchronous generator is already running");
        if (arg == rt_None) arg = a->arg;
        a->state = AW_ITER;
    }
    g->running_async = true;
    Value r = agen_unwrap(vm, g, vm_gen_send(vm, a->gen, arg, NULL));
    if (!r) a->state = AW_CLOSED;
    return r;
}

static Value asend_throw(VM *vm, Value self, Value exc)
{
    AgenAwaitable *a = as_agaw(self);
    if (a->state == AW_CLOSED)
        return runtime_error(vm, "cannot reuse already awaited __anext__()/asend()");
    Value r = agen_unwrap(vm, as_gen(a->gen), vm_gen_throw(vm, a->gen, exc, NULL));
    if (!r) a->state = AW_CLOSED;
    return r;
}

static Value asend_next(VM *vm, Value v) { return asend_send(vm, v, rt_None); }

/* aclose(): the generator must not yield again (its own values). */
static Value aclose_ignored(VM *vm, AgenAwaitable *a, Generator *g)
{
    g->running_async = false;
    a->state = AW_CLOSED;
    return runtime_error(vm, "async generator ignored GeneratorExit");
}

/* An athrow/aclose step that ended with an exception (or a return). */
static Value athrow_error(VM *vm, AgenAwaitable *a, Generator *g)
{
    g->running_async = false;
    a->state = AW_CLOSED;
    if (!a->arg && (!vm->exc || rt_exc_matches(vm, vm->exc, &rt_exc_StopAsyncIteration)
                    || rt_exc_matches(vm, vm->exc, &rt_exc_GeneratorExit))) {
        /* aclose() succeeded: the awaitable simply ends. */
        vm->exc = VNULL;
        return rt_raise_value(vm, v_from(&rt_exc_StopIteration));
    }
    return VNULL;
}

/* The result of resuming the generator for an athrow (unwrapped) or an
 * aclose (which must not see a yield of the generator's own). */
static Value athrow_result(VM *vm, AgenAwaitable *a, Generator *g, Value r)
{
    if (a->arg) {
        r = agen_unwrap(vm, g, r);
        if (!r) a->state = AW_CLOSED;
        return r;
    }
    if (r && v_is(r, &wrapped_type)) return aclose_ignored(vm, a, g);
    if (!r) return athrow_error(vm, a, g);
    return r;
}

static Value athrow_send(VM *vm, Value self, Value arg)
{
    AgenAwaitable *a = as_agaw(self);
    Generator *g = as_gen(a->gen);
    if (a->state == AW_CLOSED)
        return runtime_error(vm, "cannot reuse already awaited aclose()/athrow()");
    if (g->state == GEN_FINISHED) {
        a->state = AW_CLOSED;
        return rt_raise_value(vm, v_from(&rt_exc_StopIteration));
    }
    if (a->state == AW_INIT) {
        if (g->running_async) {
            a->state = AW_CLOSED;
            return runtime_error(vm, a->arg ? "athrow(): asynchronous generator is already running"
                                            : "aclose(): asynchronous generator is already running");
        }
        if (g->closed) {
            a->state = AW_CLOSED;
            return rt_raise_value(vm, v_from(&rt_exc_StopAsyncIteration));
        }
        if (arg != rt_None)
            return runtime_error(vm, "can't send non-None value to a just-started coroutine");
        Value exc = VNULL;
        if (a->arg) {
            Tuple *t = v_tuple(a->arg);
            exc = vm_throw_args(vm, "athrow", (int)t->len, t->items);
            if (!exc) {
                a->state = AW_CLOSED;
                return VNULL;
            }
        }
        a->state = AW_ITER;
        g->running_async = true;
        if (!exc) {
            g->closed = true;
            exc = rt_exc_new(vm, &rt_exc_GeneratorExit, rt_empty_tuple);
            if (!exc) return VNULL;
        }
        return athrow_result(vm, a, g, vm_gen_throw(vm, a->gen, exc, NULL));
    }
    return athrow_result(vm, a, g, vm_gen_send(vm, a->gen, arg, NULL));
}

static Value athrow_throw(VM *vm, Value self, Value exc)
{
    AgenAwaitable *a = as_agaw(self);
    if (a->state == AW_CLOSED)
        return runtime_error(vm, "cannot reuse already awaited aclose()/athrow()");
    return athrow_result(vm, a, as_gen(a->gen), vm_gen_throw(vm, a->gen, exc, NULL));
}

static Value athrow_next(VM *vm, Value v) { return athrow_send(vm, v, rt_None); }

/* ---- coroutine.__await__() ---------------------------------------------------------- */

typedef struct CoroWrapper {
    Obj hdr;
    Value coro;
} CoroWrapper;

static void cw_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((CoroWrapper *)o)->coro); }

/* One step of the coroutine as an iterator step: its return ends the
 * iteration with StopIteration(value). */
static Value coro_step(VM *vm, Value coro, Value v)
{
    Value ret = VNULL;
    Value r = vm_gen_send(vm, coro, v, &ret);
    if (r || vm->exc) return r;
    r = vm_stop_iteration(vm, ret);
    vm_gen_release_result(coro);
    return r;
}

static Value coro_throw_step(VM *vm, Value coro, Value exc)
{
    Value ret = VNULL;
    Value r = vm_gen_throw(vm, coro, exc, &ret);
    if (r || vm->exc) return r;
    r = vm_stop_iteration(vm, ret);
    vm_gen_release_result(coro);
    return r;
}

static Value cw_next(VM *vm, Value v) { return coro_step(vm, ((CoroWrapper *)v_obj(v))->coro, rt_None); }

static Type coro_wrapper_type = {
    .name = "coroutine_wrapper",
    .instance_size = sizeof(CoroWrapper),
    .trace = cw_trace,
    .iter = agaw_iter,
    .next = cw_next,
};

/* ---- Python-level methods ------------------------------------------------------------ */

/* The receiver of a method of type t (argv[0]), or false with CPython's
 * descriptor TypeError. */
static bool self_is(VM *vm, int argc, Value *argv, Type *t, const char *meth)
{
    if (argc >= 1 && v_is(argv[0], t)) return true;
    rt_raise(vm, &rt_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
             meth, t->name, argc < 1 ? "NoneType" : rt_type_name(argv[0]));
    return false;
}

/* argv[0] (the receiver) is checked already; CPython's METH_O/NOARGS messages. */
static bool one_arg(VM *vm, int argc, Value *argv, const char *meth)
{
    if (argc == 2) return true;
    rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes exactly one argument (%d given)",
             rt_type_name(argv[0]), meth, argc - 1);
    return false;
}

static bool no_args(VM *vm, int argc, Value *argv, const char *meth)
{
    if (argc == 1) return true;
    rt_raise(vm, &rt_exc_TypeError, "%s.%s() takes no arguments (%d given)", rt_type_name(argv[0]),
             meth, argc - 1);
    return false;
}

/* A slot wrapper's (__await__, __iter__) arity message. */
static bool slot_no_args(VM *vm, int argc)
{
    if (argc == 1) return true;
    rt_raise(vm, &rt_exc_TypeError, "expected 0 arguments, got %d", argc - 1);
    return false;
}

/* send/throw/close/__next__/__iter__/__await__ of the awaitables above:
 * `kind` selects the type. */
#define AWAITABLE_METHODS(prefix, type, send_fn, throw_fn)                                   \
    static Value prefix##_m_send(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                                       \
        if (!self_is(vm, argc, argv, &type, "send") || !one_arg(vm, argc, argv, "send")) return VNULL; \
        return send_fn(vm, argv[0], argv[1]);                                               \
    }                                                                                       \
    static Value prefix##_m_throw(VM *vm, int argc, Value *argv, Value kw)                \
    {                                                                                       \
        if (!self_is(vm, argc, argv, &type, "throw")) return VNULL;                        \
        Value exc = vm_throw_args(vm, "throw", argc - 1, argv + 1);                                  \
        return exc ? throw_fn(vm, argv[0], exc) : VNULL;                                   \
    }                                                                                       \
    static Value prefix##_m_self(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                                       \
        if (!self_is(vm, argc, argv, &type, "__await__") || !slot_no_args(vm, argc))        \
            return VNULL;                                                                   \
        return argv[0];                                                                     \
    }                                                                                       \
    static Value prefix##_m_next(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                                       \
        if (!self_is(vm, argc, argv, &type, "__next__")) return VNULL;                     \
        return send_fn(vm, argv[0], rt_None);                                               \
    }

static Value cw_send(VM *vm, Value self, Value v) { return coro_step(vm, ((CoroWrapper *)v_obj(self))->coro, v); }
static Value cw_throw(VM *vm, Value self, Value exc)
{
    return coro_throw_step(vm, ((CoroWrapper *)v_obj(self))->coro, exc);
}

AWAITABLE_METHODS(asend, asend_type, asend_send, asend_throw)
AWAITABLE_METHODS(athrow, athrow_type, athrow_send, athrow_throw)
AWAITABLE_METHODS(cw, coro_wrapper_type, cw_send, cw_throw)

static Value asend_m_close(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &asend_type, "close")) return VNULL;
    as_agaw(argv[0])->state = AW_CLOSED;
    return rt_None;
}

static Value athrow_m_close(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &athrow_type, "close")) return VNULL;
    as_agaw(argv[0])->state = AW_CLOSED;
    return rt_None;
}

static Value cw_m_close(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &coro_wrapper_type, "close")) return VNULL;
    return vm_gen_close(vm, ((CoroWrapper *)v_obj(argv[0]))->coro);
}

#define AWAITABLE_TABLE(prefix)                                                             \
    static const NativeDef prefix##_methods[] = {                                          \
        {"send", prefix##_m_send, 0},   {"throw", prefix##_m_throw, 0},                     \
        {"close", prefix##_m_close, 0}, {"__next__", prefix##_m_next, 0},                   \
        {"__iter__", prefix##_m_self, 0}, {"__await__", prefix##_m_self, 0},                \
        {NULL, NULL, 0},                                                                    \
    };
AWAITABLE_TABLE(asend)
AWAITABLE_TABLE(athrow)

static const NativeDef cw_methods[] = {
    {"send", cw_m_send, 0},   {"throw", cw_m_throw, 0},   {"close", cw_m_close, 0},
    {"__next__", cw_m_next, 0}, {"__iter__", cw_m_self, 0},
    {NULL, NULL, 0},
};

/* coroutine */

static Value coro_m_await(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_coroutine_type, "__await__") || !slot_no_args(vm, argc))
        return VNULL;
    CoroWrapper *w = rt_alloc(vm, &coro_wrapper_type, sizeof(CoroWrapper));
    if (!w) return VNULL;
    w->coro = argv[0];
    return v_from(w);
}

static const NativeDef coro_methods[] = {
    {"__await__", coro_m_await, 0},
    {NULL, NULL, 0},
};

static Value get_await(VM *vm, Value self)
{
    Value yf = vm_gen_yf(self);
    return yf ? yf : rt_None;
}
static Value get_code(VM *vm, Value self) { return v_from(as_gen(self)->frame.code); }
static Value get_none(VM *vm, Value self) { return rt_None; }
static Value get_suspended(VM *vm, Value self) { return rt_bool(as_gen(self)->state == GEN_SUSPENDED); }
static Value get_ag_running(VM *vm, Value self) { return rt_bool(as_gen(self)->running_async); }

static const GetSetDef coro_getsets[] = {
    {"__name__", vm_gen_get_name, vm_gen_set_name},
    {"__qualname__", vm_gen_get_qualname, vm_gen_set_qualname},
    {"cr_running", vm_gen_get_running, NULL},
    {"cr_frame", vm_gen_get_frame, NULL},
    {"cr_await", get_await, NULL},
    {"cr_code", get_code, vm_gen_set_readonly},
    {"cr_origin", get_none, vm_gen_set_readonly},
    {"cr_suspended", get_suspended, NULL},
    {NULL, NULL, NULL},
};

/* async generator */

static Value agen_m_aiter(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_async_generator_type, "__aiter__")) return VNULL;
    return argv[0];
}

static Value agen_m_anext(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_async_generator_type, "__anext__")) return VNULL;
    return agaw_new(vm, &asend_type, argv[0], rt_None);
}

static Value agen_m_asend(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_async_generator_type, "asend") || !one_arg(vm, argc, argv, "asend"))
        return VNULL;
    return agaw_new(vm, &asend_type, argv[0], argv[1]);
}

static Value agen_m_athrow(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_async_generator_type, "athrow")) return VNULL;
    /* The arguments are checked when the awaitable first runs, as in CPython. */
    Value args = rt_tuple_from(vm, (size_t)(argc - 1), argv + 1);
    return args ? agaw_new(vm, &athrow_type, argv[0], args) : VNULL;
}

static Value agen_m_aclose(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &vm_async_generator_type, "aclose") || !no_args(vm, argc, argv, "aclose"))
        return VNULL;
    return agaw_new(vm, &athrow_type, argv[0], VNULL);
}

static const NativeDef agen_methods[] = {
    {"__aiter__", agen_m_aiter, 0},
    {"__anext__", agen_m_anext, 0},
    {"asend", agen_m_asend, 0},
    {"athrow", agen_m_athrow, 0},
    {"aclose", agen_m_aclose, 0},
    {NULL, NULL, 0},
};

static const GetSetDef agen_getsets[] = {
    {"__name__", vm_gen_get_name, vm_gen_set_name},
    {"__qualname__", vm_gen_get_qualname, vm_gen_set_qualname},
    {"ag_running", get_ag_running, vm_gen_set_readonly},
    {"ag_frame", vm_gen_get_frame, NULL},
    {"ag_await", get_await, NULL},
    {"ag_code", get_code, vm_gen_set_readonly},
    {NULL, NULL, NULL},
};

static bool vm_async_builtins_init(VM *vm);

bool vm_async_types_init(VM *vm)
{
    return rt_type_ready(vm, &vm_coroutine_type) && rt_add_methods(vm, &vm_coroutine_type, vm_gen_common_methods)
           && rt_add_methods(vm, &vm_coroutine_type, coro_methods)
           && rt_add_getsets(vm, &vm_coroutine_type, coro_getsets)
           && rt_type_ready(vm, &vm_async_generator_type)
           && rt_add_methods(vm, &vm_async_generator_type, agen_methods)
           && rt_add_getsets(vm, &vm_async_generator_type, agen_getsets)
           && rt_type_ready(vm, &wrapped_type) && rt_type_ready(vm, &asend_type)
           && rt_add_methods(vm, &asend_type, asend_methods) && rt_type_ready(vm, &athrow_type)
           && rt_add_methods(vm, &athrow_type, athrow_methods) && rt_type_ready(vm, &coro_wrapper_type)
           && rt_add_methods(vm, &coro_wrapper_type, cw_methods) && vm_async_builtins_init(vm);
}

/* ---- the opcodes' slow paths ---------------------------------------------------------- */

/* CPython's _PyCoro_GetAwaitableIter: the iterator `await obj` drives. */
static Value awaitable_iter(VM *vm, Value obj)
{
    if (v_is(obj, &vm_coroutine_type) || is_iterable_coroutine(obj)) return obj;
    Value m = rt_lookup_special(vm, obj, vm->names.__await__);
    if (!m) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "object %s can't be used in 'await' expression",
                     rt_type_name(obj));
        return VNULL;
    }
    Value r = rt_call0(vm, m);
    if (!r) return VNULL;
    if (v_is(r, &vm_coroutine_type) || is_iterable_coroutine(r))
        return rt_raise(vm, &rt_exc_TypeError, "__await__() returned a coroutine");
    if (!v_type(r)->next)
        return rt_raise(vm, &rt_exc_TypeError, "__await__() returned non-iterator of type '%s'",
                        rt_type_name(r));
    return r;
}

Value vm_get_awaitable(VM *vm, Value obj, uint32_t where)
{
    Value it = awaitable_iter(vm, obj);
    if (!it) {
        if (where && !rt_lookup_type_attr(v_type(obj), vm->names.__await__)) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_TypeError,
                     "'async with' received an object from __a%s__ that does not implement __await__: %s",
                     where == 1 ? "enter" : "exit", rt_type_name(obj));
        }
        return VNULL;
    }
    if (v_is(it, &vm_coroutine_type) && vm_gen_yf(it))
        return runtime_error(vm, "coroutine is being awaited already");
    return it;
}

Value vm_get_aiter(VM *vm, Value obj)
{
    Value m = rt_lookup_special(vm, obj, vm->names.__aiter__);
    if (!m) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "'async for' requires an object with __aiter__ method, got %s",
                     rt_type_name(obj));
        return VNULL;
    }
    Value it = rt_call0(vm, m);
    if (!it) return VNULL;
    if (!rt_lookup_type_attr(v_type(it), vm->names.__anext__))
        return rt_raise(vm, &rt_exc_TypeError,
                        "'async for' received an object from __aiter__ that does not implement __anext__: %s",
                        rt_type_name(it));
    return it;
}

Value vm_get_anext(VM *vm, Value aiter)
{
    if (v_is(aiter, &vm_async_generator_type)) return agaw_new(vm, &asend_type, aiter, rt_None);
    Value m = rt_lookup_special(vm, aiter, vm->names.__anext__);
    if (!m) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "'async for' requires an iterator with __anext__ method, got %s",
                     rt_type_name(aiter));
        return VNULL;
    }
    Value next = rt_call0(vm, m);
    if (!next) return VNULL;
    Type *nt = v_type(next); /* for the message: __await__ may drop next */
    Value it = awaitable_iter(vm, next);
    if (!it) {
        Value cause = vm->exc;
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_TypeError, "'async for' received an invalid object from __anext__: %s",
                 nt->name);
        if (vm->exc && cause) {
            Exception *e = (Exception *)v_obj(vm->exc);
            e->cause = cause;
            e->context = cause;
            e->suppress_context = true;
        }
        return VNULL;
    }
    return it;
}

bool vm_before_async_with(VM *vm, Value *slot, Value *out_res)
{
    Value mgr = *slot;
    Value enter = rt_lookup_special(vm, mgr, vm->names.__aenter__);
    if (!enter) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError,
                     "'%s' object does not support the asynchronous context manager protocol",
                     rt_type_name(mgr));
        return false;
    }
    Value exit = rt_lookup_special(vm, mgr, vm->names.__aexit__);
    if (!exit) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError,
                     "'%s' object does not support the asynchronous context manager protocol "
                     "(missed __aexit__ method)",
                     rt_type_name(mgr));
        return false;
    }
    *slot = exit; /* on the value stack while __aenter__ runs */
    Value r = rt_call0(vm, enter);
    if (!r) return false;
    *out_res = r;
    return true;
}

bool vm_yield_from_coro_ok(VM *vm, Code *code)
{
    if (code->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)) return true;
    rt_raise(vm, &rt_exc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
    return false;
}

/* ---- builtins aiter() and anext() ------------------------------------------------------ */

Value vm_builtin_aiter(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "aiter() takes exactly one argument (%d given)", argc);
    Value m = rt_lookup_special(vm, argv[0], vm->names.__aiter__);
    if (!m) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "'%s' object is not an async iterable", rt_type_name(argv[0]));
        return VNULL;
    }
    Value it = rt_call0(vm, m);
    if (!it) return VNULL;
    if (!rt_lookup_type_attr(v_type(it), vm->names.__anext__))
        return rt_raise(vm, &rt_exc_TypeError, "aiter() returned not an async iterator of type '%s'",
                        rt_type_name(it));
    return it;
}

/* anext(it, default)'s awaitable: it.__anext__()'s awaitable, with its
 * StopAsyncIteration turned into StopIteration(default). */
typedef struct AnextAwaitable {
    Obj hdr;
    Value wrapped, deflt;
} AnextAwaitable;

static void anext_trace(VM *vm, Obj *o)
{
    AnextAwaitable *a = (AnextAwaitable *)o;
    rt_gc_mark(vm, a->wrapped);
    rt_gc_mark(vm, a->deflt);
}

/* Forward meth(arg) (arg VNULL: no argument) to the wrapped awaitable's iterator. */
static Value anext_proxy(VM *vm, Value self, const char *meth, Value arg)
{
    AnextAwaitable *a = (AnextAwaitable *)v_obj(self);
    Value it = awaitable_iter(vm, a->wrapped);
    if (!it) return VNULL;
    if (v_is(it, &vm_coroutine_type)) {
        CoroWrapper *w = rt_alloc(vm, &coro_wrapper_type, sizeof(CoroWrapper));
        if (!w) return VNULL;
        w->coro = it;
        it = v_from(w);
    }
    Value r = rt_call_method(vm, it, meth, arg ? 1 : 0, &arg);
    if (!r && vm->exc && rt_exc_matches(vm, vm->exc, &rt_exc_StopAsyncIteration)) {
        vm->exc = VNULL;
        return vm_stop_iteration(vm, a->deflt);
    }
    return r;
}

static Value anext_next(VM *vm, Value v) { return anext_proxy(vm, v, "__next__", VNULL); }
static Value anext_send(VM *vm, Value self, Value v) { return anext_proxy(vm, self, "send", v); }
static Value anext_throw(VM *vm, Value self, Value exc) { return anext_proxy(vm, self, "throw", exc); }

static Type anext_type = {
    .name = "anext_awaitable",
    .instance_size = sizeof(AnextAwaitable),
    .trace = anext_trace,
    .iter = agaw_iter,
    .next = anext_next,
};

AWAITABLE_METHODS(anext, anext_type, anext_send, anext_throw)

static Value anext_m_close(VM *vm, int argc, Value *argv, Value kw)
{
    if (!self_is(vm, argc, argv, &anext_type, "close")) return VNULL;
    return anext_proxy(vm, argv[0], "close", VNULL);
}

AWAITABLE_TABLE(anext)

Value vm_builtin_anext(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc < 1 || argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "anext expected at %s, got %d",
                        argc < 1 ? "least 1 argument" : "most 2 arguments", argc);
    Value m = rt_lookup_special(vm, argv[0], vm->names.__anext__);
    if (!m) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "'%s' object is not an async iterator", rt_type_name(argv[0]));
        return VNULL;
    }
    Value aw = rt_call0(vm, m);
    if (!aw || argc == 1) return aw;
    AnextAwaitable *a = rt_alloc(vm, &anext_type, sizeof(AnextAwaitable));
    if (!a) return VNULL;
    a->wrapped = aw;
    a->deflt = argv[1];
    return v_from(a);
}

static bool vm_async_builtins_init(VM *vm)
{
    return rt_type_ready(vm, &anext_type) && rt_add_methods(vm, &anext_type, anext_methods);
}
