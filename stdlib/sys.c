/* stdlib/sys.c — the sys module.
 *
 * sys.path is vm->path: created empty here; vm_import_init (vm/import.c)
 * fills it (script folder or '' from sys.argv[0], MINIPYPATH, the stdlib).
 * sys.argv[0] follows CPython: the script path as given, '-c' for -c, '-m'
 * (then the module's path) for -m, '' for the REPL and '-' for stdin —
 * vm/main.c passes exactly that argv here. */
#include <float.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "runtime/callable.h"
#include "runtime/frameobject.h"
#include "stdlib/_io.h"
#include "runtime/state.h"
#include "runtime/int.h"
#include "runtime/structseq.h"
#include "vm/pyc.h"
#include "stdlib/native.h"
#include "vm/vm.h"

#define SYS_MAX_RECURSION_LIMIT 100000

/* ---- a simple attribute namespace (sys.implementation, sys.flags) ------------------- */

typedef struct Namespace {
    Obj hdr;
    Dict *dict;   /* first, like Instance */
    Value tag;    /* repr prefix: "namespace" or "sys.flags" */
} Namespace;

static void ns_trace(VM *vm, Obj *o)
{
    rt_gc_mark_obj(vm, (Obj *)((Namespace *)o)->dict);
    rt_gc_mark(vm, ((Namespace *)o)->tag);
}

static Value ns_getattr(VM *vm, Value obj, Value name)
{
    Namespace *ns = (Namespace *)v_obj(obj);
    Value v = rt_dict_get_str(ns->dict, name);
    if (v)
        return v;
    if (v_cstr(name)[0] == '_' && rt_str_equal(name, vm->names.__dict__))
        return v_from(ns->dict);
    return rt_generic_getattr(vm, obj, name);
}

static int ns_setattr(VM *vm, Value obj, Value name, Value v)
{
    Namespace *ns = (Namespace *)v_obj(obj);
    if (v)
        return rt_dict_set(vm, ns->dict, name, v) ? 0 : -1;
    int r = rt_dict_del(vm, ns->dict, name);
    if (r == 0) {
        rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                 rt_type_name(obj), v_cstr(name));
        return -1;
    }
    return r < 0 ? -1 : 0;
}

static Value ns_repr(VM *vm, Value obj)
{
    Namespace *ns = (Namespace *)v_obj(obj);
    if (!rt_enter_c(vm, " while getting the repr of an object"))
        return VNULL;
    StrBuf b;
    sb_init(&b);
    bool ok = sb_add_value_str(vm, &b, ns->tag) && sb_addc(vm, &b, '(');
    Value k, v;
    bool first = true;
    for (size_t i = 0; ok && rt_dict_next(ns->dict, &i, &k, &v);) {
        Value r = rt_repr(vm, v);
        ok = r && (first || sb_adds(vm, &b, ", ")) && sb_add_value_str(vm, &b, k) &&
             sb_addc(vm, &b, '=') && sb_add_value_str(vm, &b, r);
        first = false;
    }
    rt_leave_c(vm);
    if (!ok || !sb_addc(vm, &b, ')')) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Type namespace_type;

/* Namespaces are equal when their attributes are. */
static Value ns_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!rt_isinstance_type(a, &namespace_type) || !rt_isinstance_type(b, &namespace_type) ||
        (op != CMP_EQ && op != CMP_NE))
        return rt_NotImplemented;
    return rt_compare(vm, v_from(((Namespace *)v_obj(a))->dict),
                          v_from(((Namespace *)v_obj(b))->dict), op);
}

static Value ns_new(VM *vm, const char *tag);

/* types.SimpleNamespace(**kwargs) */
static Value ns_type_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    if (argc > 0)
        return rt_raise(vm, &rt_exc_TypeError, "no positional arguments expected");
    Value ns = ns_new(vm, "namespace");
    if (!ns)
        return VNULL;
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t i = 0; i < nkw; i++)
        if (!rt_dict_set(vm, ((Namespace *)v_obj(ns))->dict, v_tuple(kwnames)->items[i],
                         argv[i]))
            return VNULL;
    return ns;
}

static Type namespace_type = {
    .name = "types.SimpleNamespace",
    .instance_size = sizeof(Namespace),
    .trace = ns_trace,
    .repr = ns_repr,
    .richcompare = ns_richcompare,
    .getattr = ns_getattr,
    .setattr = ns_setattr,
    .new = ns_type_new,
};

static Value ns_new(VM *vm, const char *tag)
{
    Namespace *ns = rt_alloc(vm, &namespace_type, sizeof(Namespace));
    if (!ns)
        return VNULL;
    ns->tag = rt_str_from_cstr(vm, tag);
    ns->dict = rt_dict_alloc(vm);
    return ns->tag && ns->dict ? v_from(ns) : VNULL;
}

/* ---- functions ------------------------------------------------------------------------ */

static Value sys_exit(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "exit expected at most 1 argument, got %d", argc);
    Value args = argc ? rt_tuple_pack(vm, 1, argv[0]) : rt_empty_tuple;
    Value e = args ? rt_exc_new(vm, &rt_exc_SystemExit, args) : VNULL;
    return e ? rt_raise_value(vm, e) : VNULL;
}

static Value sys_getrecursionlimit(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc)
        return rt_raise(vm, &rt_exc_TypeError,
                        "getrecursionlimit() takes no arguments (%d given)", argc);
    return rt_int_from_i64(vm, vm->recursion_limit);
}

static Value sys_setrecursionlimit(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError,
                        "setrecursionlimit() takes exactly one argument (%d given)", argc);
    if (v_is(argv[0], &rt_float_type))
        return rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
    Value i = rt_index(vm, argv[0]);
    if (!i)
        return VNULL;
    if (!v_is_small(i) || v_small(i) > INT_MAX || v_small(i) < INT_MIN)
        return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
    int64_t n = v_small(i);
    if (n < 1)
        return rt_raise(vm, &rt_exc_ValueError, "recursion limit must be greater or equal than 1");
    if (n <= vm->depth)
        return rt_raise(vm, &rt_exc_RecursionError,
                        "cannot set the recursion limit to %d at the recursion depth %d: the "
                        "limit is too low",
                        (int)n, vm->depth);
    /* The VM sizes its frame array and C stack guard for this maximum. */
    vm->recursion_limit = n > SYS_MAX_RECURSION_LIMIT ? SYS_MAX_RECURSION_LIMIT : (int)n;
    return rt_None;
}

/* sys.excepthook(type, value, traceback): the traceback on stderr, as for
 * an uncaught exception. */
static Value sys_excepthook(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "excepthook", argc, 3, 3))
        return VNULL;
    mp_io_flush_std(vm);
    rt_print_exception(vm, argv[1], stderr);
    fflush(stderr);
    return rt_None;
}

static Value sys_exc_info(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc)
        return rt_raise(vm, &rt_exc_TypeError, "exc_info() takes no arguments (%d given)", argc);
    Value e = vm->handled;
    if (!e || e == rt_None)
        return rt_tuple_pack(vm, 3, rt_None, rt_None, rt_None);
    Value tb = rt_None;
    if (v_is_obj(e) && (v_obj(e)->type->flags & TF_EXCEPTION))
        tb = ((Exception *)v_obj(e))->traceback;
    return rt_tuple_pack(vm, 3, v_from(v_type(e)), e, tb ? tb : rt_None);
}

static Value sys_exception(VM *vm, int argc, Value *argv, Value kw)
{
    Value e = vm->handled;
    return e ? e : rt_None;
}

static Value sys_getsizeof(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1 || argc > 2)
        return rt_raise(vm, &rt_exc_TypeError, "getsizeof() takes at most 2 arguments (%d given)",
                        argc);
    Value v = argv[0];
    /* Roughly CPython's sizes on 64-bit, so programs comparing sizes behave. */
    size_t n;
    if (v_is_small(v) || v_is(v, &rt_bool_type))
        n = v_is_small(v) && v_small(v) == 0 ? 24 : 28;
    else if (v_is(v, &rt_int_type))
        n = 24 + 4 * ((rt_int_bit_length(v) + 29) / 30);
    else if (v_is_str(v))
        n = v_str(v)->ascii ? 49 + v_str(v)->len : 74 + 4 * v_str(v)->nchars;
    else if (v_is(v, &rt_bytes_type))
        n = 33 + ((Bytes *)v_obj(v))->len;
    else if (v_is(v, &rt_float_type))
        n = 24;
    else if (v_is(v, &rt_list_type))
        n = 56 + 8 * v_list(v)->cap;
    else if (v_is(v, &rt_tuple_type))
        n = 40 + 8 * v_tuple(v)->len;
    else if (v_is(v, &rt_dict_type))
        n = v_dict(v)->cap ? 64 + 24 * v_dict(v)->cap + ((size_t)1 << v_dict(v)->log2size) : 64;
    else if (v_is(v, &rt_set_type) || v_is(v, &rt_frozenset_type))
        n = 200 + 16 * (((Set *)v_obj(v))->mask + 1 > 8 ? ((Set *)v_obj(v))->mask + 1 : 0);
    else
        n = v_type(v)->instance_size ? v_type(v)->instance_size : 16;
    return rt_int_from_i64(vm, (int64_t)n);
}

static Value sys_intern(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "intern() takes exactly one argument (%d given)",
                        argc);
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "intern() argument must be str, not %s",
                        rt_type_name(argv[0]));
    return rt_str_intern_value(vm, argv[0]);
}

static Value sys_get_int_max_str_digits(VM *vm, int argc, Value *argv, Value kw)
{
    return v_from_small(0); /* minipy does not limit int/str conversions */
}

static Value sys_set_int_max_str_digits(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_None;
}

/* sys.audit(event, *args): minipy has no audit hooks, so nothing to call
 * (CPython without hooks does the same); os.walk, shutil & co call it. */
static Value sys_audit(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "audit() missing 1 required positional argument: 'event'");
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "expected str for argument 'event', not %s",
                        rt_type_name(argv[0]));
    return rt_None;
}

/* CPython's on Linux; see rt_bytes_decode for what minipy makes of it. */
static Value sys_getfilesystemencodeerrors(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "getfilesystemencodeerrors", argc, 0, 0))
        return VNULL;
    return rt_str_intern_cstr(vm, "surrogateescape");
}

static Value sys_getdefaultencoding(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_str_from_cstr(vm, "utf-8");
}

/* sys._getframe([depth]): the frame object depth calls below the caller. */
static Value sys_getframe(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "_getframe expected at most 1 argument, got %d",
                        argc);
    int64_t depth = 0;
    if (argc == 1) {
        if (!rt_isinstance_type(argv[0], &rt_int_type))
            return rt_raise(vm, &rt_exc_TypeError,
                            "'%s' object cannot be interpreted as an integer",
                            rt_type_name(argv[0]));
        if (!rt_as_i64(vm, argv[0], &depth))
            return VNULL;
    }
    Frame *f = vm->frame;
    for (; depth > 0 && f; depth--)
        f = f->prev;
    if (!f)
        return rt_raise(vm, &rt_exc_ValueError, "call stack is not deep enough");
    return rt_frame_object(vm, f);
}

static const NativeDef sys_functions[] = {
    {"_getframe", sys_getframe, 0},
    {"exit", sys_exit, 0},
    {"getrecursionlimit", sys_getrecursionlimit, 0},
    {"setrecursionlimit", sys_setrecursionlimit, 0},
    {"exc_info", sys_exc_info, 0},
    {"excepthook", sys_excepthook, 0},
    {"exception", sys_exception, 0},
    {"getsizeof", sys_getsizeof, 0},
    {"intern", sys_intern, 0},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, 0},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, 0},
    {"getdefaultencoding", sys_getdefaultencoding, 0},
    {"getfilesystemencoding", sys_getdefaultencoding, 0},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, 0},
    {"audit", sys_audit, 0},
    {NULL, NULL, 0},
};

/* ---- the module --------------------------------------------------------------------- */

static bool set(VM *vm, Dict *d, const char *name, Value v)
{
    return v && rt_dict_set_cstr(vm, d, name, v);
}

/* The struct sequences of sys (CPython's names, fields and reprs). */
static const char *const version_fields[] = {"major", "minor", "micro", "releaselevel", "serial", NULL};
static const RtStructSeqDesc version_desc = {"sys.version_info", NULL, version_fields, 5};
static const char *const float_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp",
                                           "min_10_exp", "dig", "mant_dig", "epsilon", "radix",
                                           "rounds", NULL};
static const RtStructSeqDesc float_desc = {"sys.float_info", NULL, float_fields, 11};
static const char *const hash_fields[] = {"width", "modulus", "inf", "nan", "imag", "algorithm",
                                          "hash_bits", "seed_bits", "cutoff", NULL};
static const RtStructSeqDesc hash_desc = {"sys.hash_info", NULL, hash_fields, 9};
static const char *const int_fields[] = {"bits_per_digit", "sizeof_digit", "default_max_str_digits",
                                         "str_digits_check_threshold", NULL};
static const RtStructSeqDesc int_desc = {"sys.int_info", NULL, int_fields, 4};
static const char *const thread_fields[] = {"name", "lock", "version", NULL};
static const RtStructSeqDesc thread_desc = {"sys.thread_info", NULL, thread_fields, 3};
static const char *const asyncgen_fields[] = {"firstiter", "finalizer", NULL};
static const RtStructSeqDesc asyncgen_desc = {"asyncgen_hooks", NULL, asyncgen_fields, 2};

static Value make_seq(VM *vm, const RtStructSeqDesc *desc, const Value *values)
{
    Value t = rt_structseq_type_new(vm, desc);
    return t ? rt_structseq_new(vm, t, values) : VNULL;
}

static Value version_info(VM *vm, int major, int minor, int micro)
{
    Value v[5] = {v_from_small(major), v_from_small(minor), v_from_small(micro),
                  rt_str_intern_cstr(vm, "final"), v_from_small(0)};
    return make_seq(vm, &version_desc, v);
}

static Value make_flags(VM *vm)
{
    Value f = ns_new(vm, "sys.flags");
    if (!f)
        return VNULL;
    Dict *d = ((Namespace *)v_obj(f))->dict;
    const VMConfig *c = &vm->config;
    /* CPython's fields, in its order (subprocess reads warn_default_encoding) */
    if (!set(vm, d, "debug", v_from_small(0)) || !set(vm, d, "inspect", v_from_small(c->inspect)) ||
        !set(vm, d, "interactive", v_from_small(c->inspect)) ||
        !set(vm, d, "optimize", v_from_small(c->optimize)) ||
        !set(vm, d, "dont_write_bytecode", v_from_small(c->dont_write_bytecode)) ||
        !set(vm, d, "no_user_site", v_from_small(c->isolated)) ||
        !set(vm, d, "no_site", v_from_small(0)) ||
        !set(vm, d, "ignore_environment", v_from_small(c->ignore_environment)) ||
        !set(vm, d, "verbose", v_from_small(c->verbose)) ||
        !set(vm, d, "bytes_warning", v_from_small(0)) ||
        !set(vm, d, "quiet", v_from_small(c->quiet)) ||
        !set(vm, d, "hash_randomization", v_from_small(1)) ||
        !set(vm, d, "isolated", v_from_small(c->isolated)) ||
        !set(vm, d, "dev_mode", rt_False) || !set(vm, d, "utf8_mode", v_from_small(0)) ||
        !set(vm, d, "warn_default_encoding", v_from_small(0)) ||
        !set(vm, d, "safe_path", rt_bool(c->isolated)) ||
        !set(vm, d, "int_max_str_digits", v_from_small(-1)))
        return VNULL;
    return f;
}

static Value make_float_info(VM *vm)
{
    Value v[11] = {rt_float_new(vm, DBL_MAX), v_from_small(DBL_MAX_EXP), v_from_small(DBL_MAX_10_EXP),
                   rt_float_new(vm, DBL_MIN), v_from_small(DBL_MIN_EXP), v_from_small(DBL_MIN_10_EXP),
                   v_from_small(DBL_DIG), v_from_small(DBL_MANT_DIG), rt_float_new(vm, DBL_EPSILON),
                   v_from_small(FLT_RADIX), v_from_small(1)};
    return make_seq(vm, &float_desc, v);
}

/* Numbers hash as CPython's (modulo 2**61 - 1, its inf/nan/imag
 * constants); str and bytes hash with XXH3-64, unseeded. */
static Value make_hash_info(VM *vm)
{
    Value v[9] = {v_from_small(64), rt_int_from_i64(vm, ((int64_t)1 << 61) - 1), v_from_small(314159),
                  v_from_small(0), v_from_small(1000003), rt_str_intern_cstr(vm, "xxh3"),
                  v_from_small(64), v_from_small(0), v_from_small(0)};
    return make_seq(vm, &hash_desc, v);
}

/* Big ints are GMP numbers of 64-bit limbs. */
static Value make_int_info(VM *vm)
{
    Value v[4] = {v_from_small(64), v_from_small(8), v_from_small(4300), v_from_small(640)};
    return make_seq(vm, &int_desc, v);
}

static Value make_thread_info(VM *vm)
{
    Value v[3] = {rt_str_intern_cstr(vm, "pthread"), rt_str_intern_cstr(vm, "semaphore"), rt_None};
    return make_seq(vm, &thread_desc, v);
}

/* ---- hooks and settings kept for library code -------------------------------------------- */

static double switch_interval = 0.005;
static int64_t coro_origin_depth;

static bool is_callable(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (!t->call)
        return false;
    return !(t->flags & TF_CLASS) || rt_lookup_type_attr(t, vm->names.__call__) != VNULL;
}

static Value sys_get_asyncgen_hooks(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_asyncgen_hooks", argc, 0, 0))
        return VNULL;
    Value v[2] = {vm->asyncgen_firstiter ? vm->asyncgen_firstiter : rt_None,
                  vm->asyncgen_finalizer ? vm->asyncgen_finalizer : rt_None};
    return make_seq(vm, &asyncgen_desc, v);
}

/* set_asyncgen_hooks(firstiter=..., finalizer=...): both checked before
 * either is set, as CPython. */
static Value sys_set_asyncgen_hooks(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"firstiter", "finalizer", NULL};
    Value a[2] = {VNULL, VNULL};
    if (!rt_parse_args(vm, "set_asyncgen_hooks", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    if (a[1] && a[1] != rt_None && !is_callable(vm, a[1]))
        return rt_raise(vm, &rt_exc_TypeError, "callable finalizer expected, got %s", rt_type_name(a[1]));
    if (a[0] && a[0] != rt_None && !is_callable(vm, a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "callable firstiter expected, got %s", rt_type_name(a[0]));
    if (a[1])
        vm->asyncgen_finalizer = a[1] == rt_None ? VNULL : a[1];
    if (a[0])
        vm->asyncgen_firstiter = a[0] == rt_None ? VNULL : a[0];
    return rt_None;
}

static Value sys_getswitchinterval(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "getswitchinterval", argc, 0, 0))
        return VNULL;
    return rt_float_new(vm, switch_interval);
}

static Value sys_setswitchinterval(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "setswitchinterval", argc, 1, 1))
        return VNULL;
    double d;
    if (!rt_to_double(vm, argv[0], &d))
        return VNULL;
    if (d <= 0.0)
        return rt_raise(vm, &rt_exc_ValueError, "switch interval must be strictly positive");
    switch_interval = d;
    return rt_None;
}

static Value sys_get_coro_depth(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_coroutine_origin_tracking_depth", argc, 0, 0))
        return VNULL;
    return v_from_small(coro_origin_depth);
}

static Value sys_set_coro_depth(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"depth", NULL};
    Value a[1] = {VNULL};
    int64_t depth;
    if (!rt_parse_args(vm, "set_coroutine_origin_tracking_depth", argc, argv, kwnames, names, 0, 1, a) ||
        !rt_as_i64(vm, a[0], &depth))
        return VNULL;
    if (depth < 0)
        return rt_raise(vm, &rt_exc_ValueError, "depth must be >= 0");
    coro_origin_depth = depth; /* recorded; minipy's coroutines keep no origin */
    return rt_None;
}

static Value sys_is_finalizing(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_finalizing", argc, 0, 0))
        return VNULL;
    return rt_False;
}

/* Tracing and profiling hooks: minipy runs no tracer.  Clearing one is
 * fine; installing one fails loudly rather than being silently ignored. */
static Value sys_gettrace(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "gettrace", argc, 0, 0))
        return VNULL;
    return rt_None;
}

static Value no_tracer(VM *vm, const char *fname, int argc, Value *argv)
{
    if (!rt_check_nargs(vm, fname, argc, 1, 1))
        return VNULL;
    if (argv[0] != rt_None)
        return rt_raise(vm, &rt_exc_NotImplementedError, "sys.%s() of a function: minipy has no "
                        "tracing or profiling hooks", fname);
    return rt_None;
}

static Value sys_settrace(VM *vm, int argc, Value *argv, Value kwnames)
{
    return no_tracer(vm, "settrace", argc, argv);
}

static Value sys_setprofile(VM *vm, int argc, Value *argv, Value kwnames)
{
    return no_tracer(vm, "setprofile", argc, argv);
}

/* sys.displayhook(value): what the REPL does with an expression's value:
 * None prints nothing; anything else is printed as repr() on sys.stdout
 * and kept in builtins._ (set to None first, as CPython). */
static Value sys_displayhook(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "displayhook", argc, 1, 1))
        return VNULL;
    Value v = argv[0];
    if (v == rt_None)
        return rt_None;
    Value under = rt_str_intern_cstr(vm, "_");
    if (!under || !rt_dict_set_str(vm, vm->builtins, under, rt_None))
        return VNULL;
    Value r = rt_repr(vm, v);
    Value out = r ? rt_dict_get_cstr(vm, ((Module *)v_obj(vm->sys_module))->dict, "stdout") : VNULL;
    if (!r)
        return VNULL;
    if (!out || out == rt_None)
        return rt_raise(vm, &rt_exc_RuntimeError, "lost sys.stdout");
    Value line = rt_str_printf(vm, "%s\n", v_cstr(r));
    if (!line || !rt_call_method(vm, out, "write", 1, &line))
        return VNULL;
    return rt_dict_set_str(vm, vm->builtins, under, v) ? rt_None : VNULL;
}

static const NativeDef sys_more_functions[] = {
    {"displayhook", sys_displayhook, 0},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, 0},
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, NF_KEYWORDS},
    {"getswitchinterval", sys_getswitchinterval, 0},
    {"setswitchinterval", sys_setswitchinterval, 0},
    {"get_coroutine_origin_tracking_depth", sys_get_coro_depth, 0},
    {"set_coroutine_origin_tracking_depth", sys_set_coro_depth, NF_KEYWORDS},
    {"is_finalizing", sys_is_finalizing, 0},
    {"gettrace", sys_gettrace, 0},
    {"getprofile", sys_gettrace, 0},
    {"settrace", sys_settrace, 0},
    {"setprofile", sys_setprofile, 0},
    {NULL, NULL, 0},
};

/* Where this interpreter and its library live, as site and sysconfig read it. */
static bool set_locations(VM *vm, Dict *d, Value exe)
{
    Value prefix = rt_str_from_cstr(vm, "/usr/local");
    return set(vm, d, "prefix", prefix) && set(vm, d, "exec_prefix", prefix) &&
           set(vm, d, "base_prefix", prefix) && set(vm, d, "base_exec_prefix", prefix) &&
           set(vm, d, "_base_executable", exe) && set(vm, d, "_home", rt_None) &&
           set(vm, d, "_stdlib_dir", rt_str_from_cstr(vm, MINIPY_CPYTHON_LIB)) &&
           set(vm, d, "platlibdir", rt_str_intern_cstr(vm, "lib")) &&
           set(vm, d, "abiflags", rt_str_intern_cstr(vm, "")) &&
           set(vm, d, "api_version", v_from_small(1013)) &&
           set(vm, d, "float_repr_style", rt_str_intern_cstr(vm, "short")) &&
           set(vm, d, "copyright", rt_str_from_cstr(vm, "minipy: Copyright (c) the minipy authors.\n"
               "Python language and library: Copyright (c) 2001-2023 Python Software Foundation.\n"
               "All Rights Reserved.")) &&
           set(vm, d, "float_info", make_float_info(vm)) && set(vm, d, "hash_info", make_hash_info(vm)) &&
           set(vm, d, "int_info", make_int_info(vm)) && set(vm, d, "thread_info", make_thread_info(vm)) &&
           rt_add_functions(vm, d, sys_more_functions, rt_str_intern_cstr(vm, "sys"));
}

bool mp_sys_init(VM *vm, int argc, char **argv)
{
    if (!namespace_type.dict) {
        rt_static_init(&namespace_type.hdr, &rt_type_type);
        if (!rt_type_ready(vm, &namespace_type))
            return false;
    }
    Dict *d;
    Value sys = mp_new_module(vm, "sys", &d);
    if (!sys)
        return false;
    vm->sys_module = sys;
    if (!vm->modules) {
        Value m = rt_dict_new(vm);
        if (!m)
            return false;
        vm->modules = v_dict(m);
    }
    if (!rt_dict_set_cstr(vm, vm->modules, "sys", sys) ||
        !rt_add_functions(vm, d, sys_functions, rt_str_intern_cstr(vm, "sys")))
        return false;

    Value av = rt_list_new(vm, (size_t)(argc > 0 ? argc : 1));
    if (!av)
        return false;
    for (int i = 0; i < argc; i++) {
        Value s = rt_str_from_cstr(vm, argv[i]);
        if (!s || !rt_list_append(vm, av, s))
            return false;
    }
    if (argc == 0 && !rt_list_append(vm, av, rt_str_new(vm, "", 0)))
        return false;
    vm->argv = av;
    if (!vm->path && !(vm->path = rt_list_new(vm, 8)))
        return false;
    if (!vm->stdout_file && !mp_io_init_std(vm, vm->config.unbuffered))
        return false;

    Value impl = ns_new(vm, "namespace");
    if (!impl)
        return false;
    Dict *id = ((Namespace *)v_obj(impl))->dict;
    if (!set(vm, id, "name", rt_str_intern_cstr(vm, "minipy")) ||
        !set(vm, id, "cache_tag", rt_str_intern_cstr(vm, PYC_CACHE_TAG)) ||
        !set(vm, id, "version", version_info(vm, 0, 1, 0)) ||
        !set(vm, id, "hexversion", rt_int_from_i64(vm, 0x000100f0)) ||
        !set(vm, id, "_multiarch", rt_str_intern_cstr(vm, MINIPY_MULTIARCH)))
        return false;

    char exe[PATH_MAX];
    Value exe_str = realpath("/proc/self/exe", exe) ? rt_str_from_cstr(vm, exe)
                                                     : rt_str_new(vm, "", 0);
    Value prefix = vm->config.pycache_prefix ? rt_str_from_cstr(vm, vm->config.pycache_prefix)
                                             : rt_None;
    Value builtin_names = mp_native_module_names(vm);
    if (!set(vm, d, "argv", av) || !set(vm, d, "orig_argv", rt_list_from_iter(vm, av)) ||
        !set(vm, d, "path", vm->path) ||
        !set(vm, d, "modules", v_from(vm->modules)) ||
        !set(vm, d, "version", rt_str_from_cstr(vm, "3.11.7 (minipy " MINIPY_VERSION ")")) ||
        !set(vm, d, "version_info", version_info(vm, 3, 11, 7)) ||
        !set(vm, d, "hexversion", rt_int_from_i64(vm, 0x030b07f0)) ||
        !set(vm, d, "implementation", impl) ||
        !set(vm, d, "stdout", vm->stdout_file) || !set(vm, d, "stderr", vm->stderr_file) ||
        !set(vm, d, "stdin", vm->stdin_file) || !set(vm, d, "__stdout__", vm->stdout_file) ||
        !set(vm, d, "__stderr__", vm->stderr_file) || !set(vm, d, "__stdin__", vm->stdin_file) ||
        !set(vm, d, "__excepthook__", rt_dict_get_cstr(vm, d, "excepthook")) ||
        !set(vm, d, "maxsize", rt_int_from_i64(vm, INT64_MAX)) ||
        !set(vm, d, "maxunicode", v_from_small(0x10ffff)) ||
        !set(vm, d, "byteorder", rt_str_intern_cstr(vm, "little")) ||
        !set(vm, d, "platform", rt_str_intern_cstr(vm, "linux")) ||
        !set(vm, d, "executable", exe_str) ||
        !set(vm, d, "dont_write_bytecode", rt_bool(vm->config.dont_write_bytecode)) ||
        !set(vm, d, "pycache_prefix", prefix) ||
        !set(vm, d, "flags", make_flags(vm)) || !set_locations(vm, d, exe_str) ||
        !set(vm, d, "builtin_module_names", builtin_names) ||
        !set(vm, d, "warnoptions", rt_list_new(vm, 0)) ||
        !set(vm, d, "_xoptions", rt_dict_new(vm)))
        return false;
    if (!set(vm, d, "__displayhook__", rt_dict_get_cstr(vm, d, "displayhook")))
        return false;
    rt_gc_add_root(vm, &vm->asyncgen_firstiter);
    rt_gc_add_root(vm, &vm->asyncgen_finalizer);
    return true;
}
