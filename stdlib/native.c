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

/* os.path lives inside os: building os enters it in sys.modules. */
static Value ospath_module_init(VM *vm)
{
    Value os = mp_native_module(vm, "os");
    if (!os)
        return VNULL;
    return rt_dict_get_cstr(vm, vm->modules, "os.path");
}

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
    {"os", mp_os_module_init},
    {"os.path", ospath_module_init},
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
    {"unicodedata", mp_unicodedata_module_init},
    {"_io", mp_io_module_init},
};

Value mp_new_module(VM *vm, const char *name, Dict **dict)
{
    Value m = rt_module_new(vm, rt_str_intern_cstr(vm, name));
    if (m && dict)
        *dict = ((Module *)v_obj(m))->dict;
    return m;
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
