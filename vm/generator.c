/* vm/generator.c — generator objects.  A generator owns its frame and the
 * frame's region (one malloc'd block); resuming it links the frame on top of
 * vm->frame and runs a nested eval loop until YIELD_VALUE or a return (as
 * CPython 3.11 does for gen.send). */
#include <string.h>
#include "vm/frame.h"
#include "runtime/frameobject.h"

static Generator *as_gen(Value v) { return (Generator *)v_obj(v); }

/* "generator", "coroutine" or "async generator", for messages. */
static const char *gen_kind(const Generator *g)
{
    Type *t = g->hdr.type;
    return t == &vm_coroutine_type ? "coroutine"
         : t == &vm_async_generator_type ? "async generator" : "generator";
}

static void gen_trace(VM *vm, Obj *o)
{
    Generator *g = (Generator *)o;
    rt_gc_mark_obj(vm, (Obj *)g->func);
    rt_gc_mark_obj(vm, (Obj *)g->frame.code);
    rt_gc_mark_obj(vm, (Obj *)g->frame.globals);
    rt_gc_mark_obj(vm, (Obj *)g->frame.builtins);
    rt_gc_mark(vm, g->frame.locals);
    rt_gc_mark(vm, g->frame.frame_obj);
    rt_gc_mark(vm, g->name);
    rt_gc_mark(vm, g->qualname);
    rt_gc_mark(vm, g->handled);
    /* Checked: while the generator ran, its frame's region was scanned only
     * up to its calls (runtime/gc.c), so stale values may point at freed memory. */
    if (g->region) rt_gc_mark_range(vm, g->region, g->region_size);
}

static void gen_finalize(VM *vm, Obj *o)
{
    Generator *g = (Generator *)o;
    if (g->region) rt_free(vm, g->region, g->region_size * sizeof(Value));
    g->region = NULL;
}

static Value gen_repr(VM *vm, Value v)
{
    Generator *g = as_gen(v);
    return rt_str_printf(vm, "<%s object %s at %p>", g->hdr.type->name,
                         g->qualname && v_is_str(g->qualname) ? v_cstr(g->qualname) : "?",
                         (void *)g);
}

static Value gen_iter(VM *vm, Value v) { return v; }

static Value gen_iternext(VM *vm, Value v) { return vm_gen_send(vm, v, rt_None, NULL); }

Value vm_gen_new(VM *vm, Function *fn, int argc, Value *argv, Value kwnames)
{
    Code *c = fn->code;
    size_t size = vm_frame_size(c);
    Type *t = (c->flags & CO_COROUTINE) ? &vm_coroutine_type
            : (c->flags & CO_ASYNC_GENERATOR) ? &vm_async_generator_type : &vm_generator_type;
    Generator *g = rt_alloc(vm, t, sizeof(Generator));
    if (!g) return VNULL;
    g->handled = rt_None;
    g->name = fn->name;
    g->qualname = fn->qualname;
    g->func = fn;
    g->state = GEN_CREATED;
    Value *region = rt_malloc(vm, size * sizeof(Value));
    if (!region) return VNULL;
    memset(region, 0, size * sizeof(Value));
    g->region = region;
    g->region_size = size;
    Frame *f = &g->frame;
    f->code = c;
    f->func = fn;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = VNULL;
    f->slots = region;
    f->stack = region + c->nlocals + c->ncells + c->nfrees;
    f->sp = f->stack;
    f->ip = c->insns;
    f->prev = NULL;
    f->gen = g;
    f->is_entry = true;
    if (!vm_bind_args(vm, fn, region, argc, argv, kwnames)) return VNULL;
    return v_from(g);
}

/* Run the generator until it yields (returns the value), returns (VNULL,
 * *retval set) or raises (VNULL with vm->exc). */
static Value gen_resume(VM *vm, Generator *g, Value value, bool throwing, Value *retval)
{
    Frame *f = &g->frame;
    if (vm->depth >= vm->recursion_limit) {
        rt_raise(vm, &rt_exc_RecursionError, "maximum recursion depth exceeded");
        return VNULL;
    }
    if (g->state == GEN_SUSPENDED && !throwing) *f->sp++ = value;
    Value saved_handled = vm->handled;
    if (g->handled && g->handled != rt_None) vm->handled = g->handled;
    f->prev = vm->frame;
    vm->frame = f;
    vm->depth++;
    g->state = GEN_RUNNING;
    Value r = vm_eval(vm, f, throwing);
    vm->frame = f->prev;
    f->prev = NULL;
    vm->depth--;
    if (g->state == GEN_SUSPENDED) {
        g->handled = vm->handled != saved_handled ? vm->handled : rt_None;
        vm->handled = saved_handled;
        return r;
    }
    g->state = GEN_FINISHED;
    g->handled = rt_None;
    vm->handled = saved_handled;
    if (f->frame_obj) rt_frame_detach(vm, f);
    /* Drop the finished frame's references. */
    memset(g->region, 0, g->region_size * sizeof(Value));
    if (r) {
        if (retval) {
            *retval = r;
            /* Keep r reachable from the generator until the caller has
             * used it (vm_gen_release_result): the GC's current rule does
             * not root an old object held only in a C local, and the
             * caller allocates its StopIteration next. */
            g->frame.stack[0] = r;
        }
        return VNULL;
    }
    bool agen = g->hdr.type == &vm_async_generator_type;
    if (vm->exc && (rt_exc_matches(vm, vm->exc, &rt_exc_StopIteration)
                    || (agen && rt_exc_matches(vm, vm->exc, &rt_exc_StopAsyncIteration)))) {
        Value old = vm->exc;
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_RuntimeError, "%s raised %s", gen_kind(g),
                 rt_exc_matches(vm, old, &rt_exc_StopIteration) ? "StopIteration" : "StopAsyncIteration");
        if (vm->exc) {
            Exception *e = (Exception *)v_obj(vm->exc);
            e->cause = old;
            e->context = old;
            e->suppress_context = true;
        }
    }
    return VNULL;
}

Value vm_gen_send(VM *vm, Value gen, Value value, Value *retval)
{
    Generator *g = as_gen(gen);
    if (retval) *retval = rt_None;
    switch (g->state) {
    case GEN_RUNNING:
        return rt_raise(vm, &rt_exc_ValueError, "%s already executing", gen_kind(g));
    case GEN_FINISHED:
        if (g->hdr.type == &vm_coroutine_type)
            return rt_raise(vm, &rt_exc_RuntimeError, "cannot reuse already awaited coroutine");
        return VNULL;
    case GEN_CREATED:
        if (value != rt_None)
            return rt_raise(vm, &rt_exc_TypeError,
                            "can't send non-None value to a just-started %s", gen_kind(g));
        break;
    default: break;
    }
    return gen_resume(vm, g, value, false, retval);
}

/* The sub-iterator of a generator suspended inside `yield from`/`await`. */
static Value gen_delegate(Generator *g)
{
    if (g->state != GEN_SUSPENDED) return VNULL;
    Frame *f = &g->frame;
    ptrdiff_t i = f->ip - f->code->insns;
    if (i < 2) return VNULL;
    enum {
#define OP(name, operand, pops, pushes, jpops, jpushes) GOP_##name,
#include "vm/opcodes.def"
#undef OP
    };
    if (INSN_OP(f->code->insns[i - 2]) != GOP_SEND) return VNULL;
    return f->sp[-1];
}

static Value gen_close_value(VM *vm, Value gen);

Value vm_gen_yf(Value gen) { return gen_delegate(as_gen(gen)); }

bool vm_is_genobj(Value v)
{
    if (!v_is_obj(v)) return false;
    Type *t = v_type(v);
    return t == &vm_generator_type || t == &vm_coroutine_type || t == &vm_async_generator_type;
}

Value vm_gen_throw(VM *vm, Value gen, Value exc, Value *retval)
{
    Generator *g = as_gen(gen);
    if (retval) *retval = rt_None;
    if (g->state == GEN_RUNNING) return rt_raise(vm, &rt_exc_ValueError, "%s already executing", gen_kind(g));
    if (g->state == GEN_FINISHED) {
        if (g->hdr.type == &vm_coroutine_type && !rt_isinstance_type(exc, &rt_exc_GeneratorExit))
            return rt_raise(vm, &rt_exc_RuntimeError, "cannot reuse already awaited coroutine");
        vm->exc = exc;
        return VNULL;
    }
    Value yf = gen_delegate(g);
    if (yf) {
        bool is_exit = rt_isinstance_type(exc, &rt_exc_GeneratorExit);
        g->state = GEN_RUNNING;
        Value r = VNULL, ret = VNULL;
        bool delegated = true;
        if (is_exit) {
            /* Close the sub-iterator, then raise GeneratorExit here. */
            if (vm_is_genobj(yf)) {
                gen_close_value(vm, yf);
            } else {
                Value m = rt_getattr_opt(vm, yf, vm->names.close);
                if (m) rt_call0(vm, m);
            }
            g->state = GEN_SUSPENDED;
            if (vm->exc) return gen_resume(vm, g, VNULL, true, retval);
            vm->exc = exc;
            return gen_resume(vm, g, VNULL, true, retval);
        }
        if (vm_is_genobj(yf)) {
            r = vm_gen_throw(vm, yf, exc, &ret);
        } else {
            Value m = rt_getattr_opt(vm, yf, vm->names.throw);
            if (m) r = rt_call1(vm, m, exc);
            else if (!vm->exc) delegated = false;
        }
        g->state = GEN_SUSPENDED;
        if (delegated) {
            if (r) return r;
            if (!vm->exc || rt_exc_matches(vm, vm->exc, &rt_exc_StopIteration)) {
                Value val = vm->exc ? vm_stopiteration_value(vm, vm->exc) : ret;
                vm->exc = VNULL;
                if (vm_is_genobj(yf)) vm_gen_release_result(yf);
                /* Leave the SEND loop: pop the sub-iterator and continue
                 * after SEND with its return value pushed. */
                Frame *f = &g->frame;
                uint32_t send = f->code->insns[f->ip - f->code->insns - 2];
                f->sp--;
                f->ip = f->code->insns + INSN_ARG(send);
                return gen_resume(vm, g, val ? val : rt_None, false, retval);
            }
            return gen_resume(vm, g, VNULL, true, retval);
        }
    }
    vm->exc = exc;
    return gen_resume(vm, g, VNULL, true, retval);
}

/* close(): None, or VNULL with an exception. */
static Value gen_close_value(VM *vm, Value gen)
{
    Generator *g = as_gen(gen);
    if (g->state == GEN_CREATED || g->state == GEN_FINISHED) {
        g->state = GEN_FINISHED;
        return rt_None;
    }
    Value exc = rt_exc_new(vm, &rt_exc_GeneratorExit, rt_empty_tuple);
    if (!exc) return VNULL;
    Value r = vm_gen_throw(vm, gen, exc, NULL);
    if (r) return rt_raise(vm, &rt_exc_RuntimeError, "%s ignored GeneratorExit", gen_kind(g));
    if (!vm->exc) return rt_None;
    if (rt_exc_matches(vm, vm->exc, &rt_exc_GeneratorExit)
        || rt_exc_matches(vm, vm->exc, &rt_exc_StopIteration)) {
        vm->exc = VNULL;
        return rt_None;
    }
    return VNULL;
}

/* The collector closes an unreachable suspended generator (gc.h), when
 * closing can run code: a handler covers the yield, or it delegates. */
static bool gen_del_needed(VM *vm, Obj *o)
{
    Generator *g = (Generator *)o;
    return g->state == GEN_SUSPENDED
           && (gen_delegate(g) || vm_find_handler(g->frame.code, g->frame.ip));
}

static void gen_del(VM *vm, Value self)
{
    if (!gen_close_value(vm, self)) rt_write_unraisable(vm, self);
}

Value vm_gen_close(VM *vm, Value gen) { return gen_close_value(vm, gen); }

void vm_gen_release_result(Value gen)
{
    Generator *g = as_gen(gen);
    if (g->state == GEN_FINISHED && g->region) g->frame.stack[0] = VNULL;
}

/* StopIteration(ret) for a generator that returned ret. */
static Value gen_stop_iteration(VM *vm, Value gen, Value ret)
{
    Value r = vm_stop_iteration(vm, ret);
    vm_gen_release_result(gen);
    return r;
}

/* A finished send/next from Python: StopIteration(value). */
Value vm_stop_iteration(VM *vm, Value ret)
{
    Value args = ret && ret != rt_None ? rt_tuple_pack(vm, 1, ret) : rt_empty_tuple;
    if (!args) return VNULL;
    Value exc = rt_exc_new(vm, &rt_exc_StopIteration, args);
    if (!exc) return VNULL;
    return rt_raise_value(vm, exc);
}

static bool check_self(VM *vm, int argc, Value *argv, const char *meth)
{
    if (argc < 1 || !vm_is_genobj(argv[0]) || v_type(argv[0]) == &vm_async_generator_type) {
        rt_raise(vm, &rt_exc_TypeError,
                 "descriptor '%s' for 'generator' objects doesn't apply to a '%s' object", meth,
                 argc < 1 ? "NoneType" : rt_type_name(argv[0]));
        return false;
    }
    return true;
}

static Value m_send(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_self(vm, argc, argv, "send")) return VNULL;
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "%s.send() takes exactly one argument (%d given)",
                        rt_type_name(argv[0]), argc - 1);
    Value ret = VNULL;
    Value r = vm_gen_send(vm, argv[0], argv[1], &ret);
    if (r || vm->exc) return r;
    return gen_stop_iteration(vm, argv[0], ret);
}

static Value m_next(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_self(vm, argc, argv, "__next__")) return VNULL;
    Value ret = VNULL;
    Value r = vm_gen_send(vm, argv[0], rt_None, &ret);
    if (r || vm->exc) return r;
    return gen_stop_iteration(vm, argv[0], ret);
}

static Value m_iter(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_self(vm, argc, argv, "__iter__")) return VNULL;
    return argv[0];
}

static Value m_throw(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_self(vm, argc, argv, "throw")) return VNULL;
    Value exc = vm_throw_args(vm, "throw", argc - 1, argv + 1);
    if (!exc) return VNULL;
    Value ret = VNULL;
    Value r = vm_gen_throw(vm, argv[0], exc, &ret);
    if (r || vm->exc) return r;
    return gen_stop_iteration(vm, argv[0], ret);
}

Value vm_throw_args(VM *vm, const char *name, int argc, Value *argv)
{
    if (argc < 1 || argc > 3)
        return rt_raise(vm, &rt_exc_TypeError, "%s expected at %s, got %d", name,
                        argc < 1 ? "least 1 argument" : "most 3 arguments", argc);
    Value typ = argv[0], val = argc > 1 ? argv[1] : rt_None;
    Value exc;
    if (v_is_obj(typ) && rt_isinstance_type(typ, &rt_type_type)
        && rt_is_subtype((Type *)v_obj(typ), &rt_exc_BaseException)) {
        if (val != rt_None && rt_isinstance_type(val, (Type *)v_obj(typ))) {
            exc = val;
        } else {
            exc = val == rt_None ? rt_call0(vm, typ)
                                 : (v_is(val, &rt_tuple_type)
                                        ? rt_call(vm, typ, (int)v_tuple(val)->len, v_tuple(val)->items, VNULL)
                                        : rt_call1(vm, typ, val));
            if (!exc) return VNULL;
        }
    } else if (rt_isinstance_type(typ, &rt_exc_BaseException)) {
        if (val != rt_None)
            return rt_raise(vm, &rt_exc_TypeError, "instance exception may not have a separate value");
        exc = typ;
    } else {
        return rt_raise(vm, &rt_exc_TypeError,
                        "exceptions must be classes or instances deriving from BaseException, not %s",
                        rt_type_name(typ));
    }
    return exc;
}

static Value m_close(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!check_self(vm, argc, argv, "close")) return VNULL;
    return gen_close_value(vm, argv[0]);
}

static Value get_name(VM *vm, Value self) { return as_gen(self)->name; }
static Value get_qualname(VM *vm, Value self) { return as_gen(self)->qualname; }
static Value get_running(VM *vm, Value self) { return rt_bool(as_gen(self)->state == GEN_RUNNING); }
/* gi_frame: the frame object of a generator that has not finished (made
 * on first use; it reads the suspended frame live), None after. */
static Value get_frame(VM *vm, Value self)
{
    Generator *g = as_gen(self);
    return g->state == GEN_FINISHED ? rt_None : rt_frame_object(vm, &g->frame);
}
static Value get_code(VM *vm, Value self) { return v_from(as_gen(self)->frame.code); }
/* gi_code, cr_code, ag_code, cr_origin, ag_running are member descriptors
 * in CPython: "readonly attribute". */
static int set_readonly(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}
static int set_name(VM *vm, Value self, Value v)
{
    if (!v || !v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    as_gen(self)->name = v;
    return 0;
}
static int set_qualname(VM *vm, Value self, Value v)
{
    if (!v || !v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    as_gen(self)->qualname = v;
    return 0;
}
static Value get_yieldfrom(VM *vm, Value self)
{
    Value yf = gen_delegate(as_gen(self));
    return yf ? yf : rt_None;
}
static Value get_suspended(VM *vm, Value self) { return rt_bool(as_gen(self)->state == GEN_SUSPENDED); }

/* The generator methods that coroutines share (vm/async.c). */
const NativeDef vm_gen_common_methods[] = {
    {"send", m_send, 0},
    {"throw", m_throw, 0},
    {"close", m_close, 0},
    {NULL, NULL, 0},
};
Value vm_gen_get_name(VM *vm, Value self) { return get_name(vm, self); }
Value vm_gen_get_qualname(VM *vm, Value self) { return get_qualname(vm, self); }
Value vm_gen_get_running(VM *vm, Value self) { return get_running(vm, self); }
Value vm_gen_get_frame(VM *vm, Value self) { return get_frame(vm, self); }
Value vm_gen_get_code(VM *vm, Value self) { return get_code(vm, self); }
int vm_gen_set_readonly(VM *vm, Value self, Value v) { return set_readonly(vm, self, v); }
int vm_gen_set_name(VM *vm, Value self, Value v) { return set_name(vm, self, v); }
int vm_gen_set_qualname(VM *vm, Value self, Value v) { return set_qualname(vm, self, v); }

/* What every generator-like type shares: a Generator owning its frame,
 * finalized (closed) by the collector when unreachable while suspended. */
#define GENERATOR_SLOTS                                                     \
    .flags = TF_FINALIZE | TF_WEAKREF, .instance_size = sizeof(Generator), .trace = gen_trace, \
    .finalize = gen_finalize, .del = gen_del, .del_needed = gen_del_needed, .repr = gen_repr

Type vm_generator_type = {
    .name = "generator",
    GENERATOR_SLOTS,
    .iter = gen_iter,
    .next = gen_iternext,
};

/* Coroutines and async generators are Generators too; their methods and
 * the awaitables they hand out live in vm/async.c. */
Type vm_coroutine_type = {.name = "coroutine", GENERATOR_SLOTS};
Type vm_async_generator_type = {.name = "async_generator", GENERATOR_SLOTS};

static const NativeDef gen_methods[] = {
    {"send", m_send, 0},
    {"throw", m_throw, 0},
    {"close", m_close, 0},
    {"__next__", m_next, 0},
    {"__iter__", m_iter, 0},
    {NULL, NULL, 0},
};

static const GetSetDef gen_getsets[] = {
    {"__name__", get_name, set_name},
    {"__qualname__", get_qualname, set_qualname},
    {"gi_running", get_running, NULL},
    {"gi_frame", get_frame, NULL},
    {"gi_code", get_code, set_readonly},
    {"gi_yieldfrom", get_yieldfrom, NULL},
    {"gi_suspended", get_suspended, NULL},
    {NULL, NULL, NULL},
};

bool vm_types_init(VM *vm)
{
    return rt_type_ready(vm, &vm_generator_type) && rt_add_methods(vm, &vm_generator_type, gen_methods)
           && rt_add_getsets(vm, &vm_generator_type, gen_getsets)
           && rt_type_ready(vm, &vm_fastiter_type) && vm_async_types_init(vm);
}
