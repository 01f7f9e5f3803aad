/* stdlib/native.c — the table of native modules, by name.  The import
 * system asks here before searching sys.path; each module is built once and
 * then lives in sys.modules. */
#include <string.h>

#include "runtime/callable.h"
#include "runtime/state.h"
#include "stdlib/native.h"
#include "vm/vm.h"

static Value sys_module_init(VM *vm) { return vm->sys_module; }
static Value builtins_module_init(VM *vm) { return vm->builtins_module; }

static const struct {
    const char *name;
    Value (*init)(VM *vm);
} native_modules[] = {
    {"sys", sys_module_init},
    {"builtins", builtins_module_init},
    {"math", mp_math_module_init},
    {"cmath", mp_cmath_module_init},
    {"time", mp_time_module_init},
    {"marshal", mp_marshal_module_init},
    {"posix", mp_posix_module_init},
    {"_signal", mp_signal_module_init},
    {"_posixsubprocess", mp_posixsubprocess_module_init},
    {"select", mp_select_module_init},
    {"gc", mp_gc_module_init},
    {"_weakref", mp_weakref_module_init},
    {"itertools", mp_itertools_module_init},
    {"_operator", mp_operator_module_init},
    {"_functools", mp_functools_module_init},
    {"_collections", mp_collections_module_init},
    {"_random", mp_random_module_init},
    {"_struct", mp_struct_module_init},
    {"_bisect", mp_bisect_module_init},
    {"_heapq", mp_heapq_module_init},
    {"_thread", mp_thread_module_init},
    {"atexit", mp_atexit_module_init},
    {"binascii", mp_binascii_module_init},
    {"errno", mp_errno_module_init},
    {"_stat", mp_stat_module_init},
    {"_string", mp_string_module_init},
    {"_sha512", mp_sha512_module_init},
    {"_hashlib", mp_hashlib_module_init},
    {"_blake2", mp_blake2_module_init},
    {"zlib", mp_zlib_module_init},
    {"_bz2", mp_bz2_module_init},
    {"_lzma", mp_lzma_module_init},
    {"unicodedata", mp_unicodedata_module_init},
    {"_imp", mp_imp_module_init},
    {"array", mp_array_module_init},
    {"_socket", mp_socket_module_init},
    {"_ast", mp_ast_module_init},
    {"_sre", mp_sre_module_init},
    {"_csv", mp_csv_module_init},
    {"_json", mp_json_module_init},
    {"_codecs", mp_codecs_module_init},
    {"_locale", mp_locale_module_init},
    {"_io", mp_io_module_init},
};

Value mp_new_module(VM *vm, const char *name, Dict **dict)
{
    Value m = rt_module_new(vm, rt_str_intern_cstr(vm, name));
    if (m && dict)
        *dict = ((Module *)v_obj(m))->dict;
    return m;
}

Value mp_native_module_names(VM *vm)
{
    size_t n = sizeof native_modules / sizeof *native_modules;
    Value list = rt_list_new(vm, n);
    for (size_t i = 0; list && i < n; i++) {
        if (strchr(native_modules[i].name, '.'))
            continue; /* os.path: a submodule, not a built-in module */
        Value s = rt_str_intern_cstr(vm, native_modules[i].name);
        if (!s || !rt_list_append(vm, list, s))
            return VNULL;
    }
    if (!list || !rt_list_sort(vm, list, VNULL, false))
        return VNULL;
    return rt_tuple_from(vm, v_list(list)->len, v_list(list)->items);
}

Value mp_native_module(VM *vm, const char *name)
{
    for (size_t i = 0; i < sizeof native_modules / sizeof *native_modules; i++) {
        if (strcmp(native_modules[i].name, name) != 0)
            continue;
        Value key = rt_str_intern_cstr(vm, name);
        Value m = rt_dict_get_str(vm->modules, key);
        if (m)
            return m;
        m = native_modules[i].init(vm);
        if (!m)
            return VNULL;
        if (!rt_dict_set_str(vm, vm->modules, key, m))
            return VNULL;
        return m;
    }
    return VNULL;
}
