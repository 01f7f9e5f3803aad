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

static Value version_info(VM *vm, int major, int minor, int micro)
{
    return rt_tuple_pack(vm, 5, v_from_small(major), v_from_small(minor), v_from_small(micro),
                         rt_str_intern_cstr(vm, "final"), v_from_small(0));
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

/* sys.float_info's fields (attribute access only: ast.py needs max_10_exp). */
static Value make_float_info(VM *vm)
{
    Value f = ns_new(vm, "sys.float_info");
    if (!f)
        return VNULL;
    Dict *d = ((Namespace *)v_obj(f))->dict;
    if (!set(vm, d, "max", rt_float_new(vm, DBL_MAX)) || !set(vm, d, "max_exp", v_from_small(DBL_MAX_EXP)) ||
        !set(vm, d, "max_10_exp", v_from_small(DBL_MAX_10_EXP)) || !set(vm, d, "min", rt_float_new(vm, DBL_MIN)) ||
        !set(vm, d, "min_exp", v_from_small(DBL_MIN_EXP)) || !set(vm, d, "min_10_exp", v_from_small(DBL_MIN_10_EXP)) ||
        !set(vm, d, "dig", v_from_small(DBL_DIG)) || !set(vm, d, "mant_dig", v_from_small(DBL_MANT_DIG)) ||
        !set(vm, d, "epsilon", rt_float_new(vm, DBL_EPSILON)) || !set(vm, d, "radix", v_from_small(FLT_RADIX)) ||
        !set(vm, d, "rounds", v_from_small(1)))
        return VNULL;
    return f;
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
        !set(vm, id, "hexversion", rt_int_from_i64(vm, 0x000100f0)))
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
        !set(vm, d, "flags", make_flags(vm)) || !set(vm, d, "float_info", make_float_info(vm)) ||
        !set(vm, d, "builtin_module_names", builtin_names) ||
        !set(vm, d, "warnoptions", rt_list_new(vm, 0)) ||
        !set(vm, d, "_xoptions", rt_dict_new(vm)) ||
        !set(vm, d, "prefix", rt_str_from_cstr(vm, "/usr/local")) ||
        !set(vm, d, "exec_prefix", rt_str_from_cstr(vm, "/usr/local")))
        return false;
    return true;
}
