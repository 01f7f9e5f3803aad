/* stdlib/_imp.c — the `_imp` module: the import machinery's low-level
 * hooks that importlib and test helpers call (CPython's Python/import.c
 * exports them).  minipy's answers: one thread, so the import lock is a
 * counter; modules are built in or come from files, never frozen; C
 * extensions are not loaded, so there are no extension suffixes. */
#include <string.h>

#include "runtime/callable.h"
#include "runtime/state.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/pyc.h"
#include "vm/vm.h"

static int lock_depth; /* acquire_lock() calls not yet released */

static Value imp_acquire_lock(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "acquire_lock", argc, 0, 0))
        return VNULL;
    lock_depth++;
    return rt_None;
}

static Value imp_release_lock(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "release_lock", argc, 0, 0))
        return VNULL;
    if (lock_depth == 0)
        return rt_raise(vm, &rt_exc_RuntimeError, "not holding the import lock");
    lock_depth--;
    return rt_None;
}

static Value imp_lock_held(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "lock_held", argc, 0, 0))
        return VNULL;
    return rt_bool(lock_depth > 0);
}

static Value imp_extension_suffixes(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "extension_suffixes", argc, 0, 0))
        return VNULL;
    return rt_list_new(vm, 0);
}

static bool need_str(VM *vm, const char *fname, Value v)
{
    if (v_is_str(v))
        return true;
    rt_raise(vm, &rt_exc_TypeError, "%s() argument must be str, not %s", fname, rt_type_name(v));
    return false;
}

/* Is `name` one of sys.builtin_module_names? */
static bool builtin_name(VM *vm, Value name)
{
    Value names = rt_dict_get_cstr(vm, ((Module *)v_obj(vm->sys_module))->dict,
                                   "builtin_module_names");
    if (!names || !v_is(names, &rt_tuple_type))
        return false;
    Tuple *t = v_tuple(names);
    for (size_t i = 0; i < t->len; i++)
        if (v_is_str(t->items[i]) && !strcmp(v_cstr(t->items[i]), v_cstr(name)))
            return true;
    return false;
}

static Value imp_is_builtin(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_builtin", argc, 1, 1) || !need_str(vm, "is_builtin", argv[0]))
        return VNULL;
    /* CPython: -1 for sys and builtins (cannot be initialised again). */
    const char *n = v_cstr(argv[0]);
    if (!strcmp(n, "sys") || !strcmp(n, "builtins"))
        return v_from_small(-1);
    return v_from_small(builtin_name(vm, argv[0]) ? 1 : 0);
}

static Value imp_is_frozen(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_frozen", argc, 1, 1) || !need_str(vm, "is_frozen", argv[0]))
        return VNULL;
    return rt_False;
}

static Value no_frozen(VM *vm, Value name)
{
    Value args = rt_tuple_pack(vm, 1, rt_str_printf(vm, "No such frozen object named '%s'",
                                                     v_cstr(name)));
    Value exc = args ? rt_exc_new(vm, &rt_exc_ImportError, args) : VNULL;
    if (!exc || rt_setattr(vm, exc, rt_str_intern_cstr(vm, "name"), name) < 0)
        return VNULL;
    return rt_raise_value(vm, exc);
}

static Value imp_is_frozen_package(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "is_frozen_package", argc, 1, 1) ||
        !need_str(vm, "is_frozen_package", argv[0]))
        return VNULL;
    return no_frozen(vm, argv[0]);
}

static Value imp_get_frozen_object(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_frozen_object", argc, 1, 2) ||
        !need_str(vm, "get_frozen_object", argv[0]))
        return VNULL;
    return no_frozen(vm, argv[0]);
}

static Value imp_find_frozen(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"", "withdata", NULL};
    Value a[2] = {VNULL, VNULL};
    if (!rt_parse_args(vm, "find_frozen", argc, argv, kwnames, names, 1, 1, a) ||
        !need_str(vm, "find_frozen", a[0]))
        return VNULL;
    return rt_None;
}

static Value imp_override_frozen(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_override_frozen_modules_for_tests", argc, 1, 1))
        return VNULL;
    return rt_None;
}

/* create_builtin(spec): the built-in module spec.name names. */
static Value imp_create_builtin(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "create_builtin", argc, 1, 1))
        return VNULL;
    Value name = rt_getattr_cstr(vm, argv[0], "name");
    if (!name)
        return VNULL;
    if (!v_is_str(name))
        return rt_raise(vm, &rt_exc_TypeError, "name must be string, not %s", rt_type_name(name));
    Value m = mp_native_module(vm, v_cstr(name));
    if (!m && !vm->exc)
        return rt_raise(vm, &rt_exc_ImportError, "no built-in module named %s", v_cstr(name));
    return m;
}

static Value imp_exec_builtin(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "exec_builtin", argc, 1, 1))
        return VNULL;
    return v_from_small(0); /* built-in modules are complete when created */
}

static Value imp_create_dynamic(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "create_dynamic", argc, 1, 2))
        return VNULL;
    return rt_raise(vm, &rt_exc_ImportError, "minipy does not load C extension modules");
}

static Value imp_exec_dynamic(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "exec_dynamic", argc, 1, 1))
        return VNULL;
    return v_from_small(0);
}

/* source_hash(key, source): the 8 bytes a hash-based cache stores.  minipy's
 * caches use XXH3-64 of the source, which takes no key. */
static Value imp_source_hash(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"key", "source", NULL};
    Value a[2] = {VNULL, VNULL};
    if (!rt_parse_args(vm, "source_hash", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    if (!rt_is_int(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                        rt_type_name(a[0]));
    if (!v_is(a[1], &rt_bytes_type))
        return rt_raise(vm, &rt_exc_TypeError, "a bytes-like object is required, not '%s'",
                        rt_type_name(a[1]));
    Bytes *b = (Bytes *)v_obj(a[1]);
    uint64_t h = vm_pyc_hash(b->data, b->len);
    uint8_t out[8];
    for (int i = 0; i < 8; i++)
        out[i] = (uint8_t)(h >> (8 * i));
    return rt_bytes_new(vm, out, 8);
}

/* _fix_co_filename(code, path): the code (and its nested code) now says
 * it came from path. */
static Value imp_fix_co_filename(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_fix_co_filename", argc, 2, 2))
        return VNULL;
    if (!v_is(argv[0], &rt_code_type))
        return rt_raise(vm, &rt_exc_TypeError, "_fix_co_filename() argument 1 must be code, not %s",
                        rt_type_name(argv[0]));
    if (!need_str(vm, "_fix_co_filename", argv[1]))
        return VNULL;
    rt_code_set_filename(vm, (Code *)v_obj(argv[0]), argv[1]);
    return rt_None;
}

static const NativeDef imp_functions[] = {
    {"acquire_lock", imp_acquire_lock, 0},
    {"release_lock", imp_release_lock, 0},
    {"lock_held", imp_lock_held, 0},
    {"extension_suffixes", imp_extension_suffixes, 0},
    {"is_builtin", imp_is_builtin, 0},
    {"is_frozen", imp_is_frozen, 0},
    {"is_frozen_package", imp_is_frozen_package, 0},
    {"get_frozen_object", imp_get_frozen_object, 0},
    {"find_frozen", imp_find_frozen, NF_KEYWORDS},
    {"_override_frozen_modules_for_tests", imp_override_frozen, 0},
    {"create_builtin", imp_create_builtin, 0},
    {"exec_builtin", imp_exec_builtin, 0},
    {"create_dynamic", imp_create_dynamic, 0},
    {"exec_dynamic", imp_exec_dynamic, 0},
    {"source_hash", imp_source_hash, NF_KEYWORDS},
    {"_fix_co_filename", imp_fix_co_filename, 0},
    {NULL, NULL, 0},
};

Value mp_imp_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_imp", &d);
    if (!m || !rt_add_functions(vm, d, imp_functions, rt_str_intern_cstr(vm, "_imp")))
        return VNULL;
    static const char *const modes[] = {"default", "always", "never"};
    int mode = vm->config.check_hash_pycs;
    Value chk = rt_str_intern_cstr(vm, modes[mode >= 0 && mode <= 2 ? mode : 0]);
    if (!chk || !rt_dict_set_cstr(vm, d, "check_hash_based_pycs", chk))
        return VNULL;
    return m;
}
