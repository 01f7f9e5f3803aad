/* runtime/args.c — argument checking for native functions, with the
 * wording of CPython's getargs.c / Argument Clinic. */
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"

bool rt_check_nargs(VM *vm, const char *fname, int argc, int min, int max)
{
    if (argc >= min && (max < 0 || argc <= max))
        return true;
    if (max == 0)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments (%d given)", fname, argc);
    else if (min == 1 && max == 1)
        rt_raise(vm, &rt_exc_TypeError, "%s() takes exactly one argument (%d given)", fname, argc);
    else if (min == max)
        rt_raise(vm, &rt_exc_TypeError, "%s expected %d argument%s, got %d", fname, min,
                 min == 1 ? "" : "s", argc);
    else if (argc < min)
        rt_raise(vm, &rt_exc_TypeError, "%s expected at least %d argument%s, got %d", fname, min,
                 min == 1 ? "" : "s", argc);
    else
        rt_raise(vm, &rt_exc_TypeError, "%s expected at most %d argument%s, got %d", fname, max,
                 max == 1 ? "" : "s", argc);
    return false;
}

static bool str_eq_cstr(Value s, const char *c)
{
    return v_is_str(s) && strcmp(v_cstr(s), c) == 0;
}

bool rt_parse_args(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                   const char *const *names, int npositional_only, int nrequired, Value *out)
{
    int n = 0;
    while (names[n])
        n++;
    if (argc > n) {
        if (n == 0)
            rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments (%d given)", fname, argc);
        else
            /* Argument Clinic's wording for functions with keyword parameters:
             * "exactly" only when every parameter is positional-only and required. */
            rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d argument%s (%d given)", fname,
                     (npositional_only < nrequired ? npositional_only : nrequired) == n ? "exactly"
                                                                                        : "at most",
                     n, n == 1 ? "" : "s", argc);
        return false;
    }
    for (int i = 0; i < n; i++)
        out[i] = i < argc ? argv[i] : VNULL;
    /* As CPython's _PyArg_UnpackKeywords: a keyword that matches no
     * parameter is reported only after the missing required ones. */
    Value bad = VNULL;
    int bad_index = n;
    if (kwnames) {
        Tuple *kw = v_tuple(kwnames);
        for (size_t k = 0; k < kw->len; k++) {
            Value key = kw->items[k];
            int i;
            for (i = 0; i < n; i++)
                if (str_eq_cstr(key, names[i]))
                    break;
            if (i == n || i < npositional_only) {
                if (!bad) {
                    bad = key;
                    bad_index = i;
                }
                continue;
            }
            if (out[i]) {
                rt_raise(vm, &rt_exc_TypeError,
                         "argument for %s() given by name ('%s') and position (%d)", fname,
                         names[i], i + 1);
                return false;
            }
            out[i] = argv[argc + k];
        }
    }
    for (int i = 0; i < nrequired; i++) {
        if (!out[i]) {
            rt_raise(vm, &rt_exc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                     names[i], i + 1);
            return false;
        }
    }
    if (bad) {
        if (bad_index < n)
            rt_raise(vm, &rt_exc_TypeError,
                     "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                     fname, v_cstr(bad));
        else
            /* getargs.c's wording (3.11), for Clinic and PyArg_Parse* alike. */
            rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for %s()",
                     v_is_str(bad) ? v_cstr(bad) : "?", fname);
        return false;
    }
    return true;
}
