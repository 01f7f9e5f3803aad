/* stdlib/time.c — the time module: clocks and sleep. */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "runtime/callable.h"
#include "runtime/state.h"
#include "stdlib/native.h"

static bool no_args(VM *vm, const char *name, int argc)
{
    if (argc) {
        rt_raise(vm, &rt_exc_TypeError, "time.%s() takes no arguments (%d given)", name, argc);
        return false;
    }
    return true;
}

static double clock_sec(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static Value clock_ns(VM *vm, clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return rt_int_from_i64(vm, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCKS(X)                                                                  \
    X(time, CLOCK_REALTIME) X(perf_counter, CLOCK_MONOTONIC)                       \
    X(monotonic, CLOCK_MONOTONIC) X(process_time, CLOCK_PROCESS_CPUTIME_ID)        \
    X(thread_time, CLOCK_THREAD_CPUTIME_ID)

#define X(name, id)                                                                \
    static Value t_##name(VM *vm, int argc, Value *argv, Value kw)                 \
    {                                                                              \
        return no_args(vm, #name, argc) ? rt_float_new(vm, clock_sec(id)) : VNULL; \
    }                                                                              \
    static Value t_##name##_ns(VM *vm, int argc, Value *argv, Value kw)            \
    {                                                                              \
        return no_args(vm, #name "_ns", argc) ? clock_ns(vm, id) : VNULL;           \
    }
CLOCKS(X)
#undef X

/* Sleeps in one nanosleep; a signal (Ctrl-C) interrupts it and, if the VM
 * saw SIGINT, raises KeyboardInterrupt now rather than after the full wait. */
static Value t_sleep(VM *vm, int argc, Value *argv, Value kw)
{
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "time.sleep() takes exactly one argument (%d given)",
                        argc);
    double secs;
    if (v_is(argv[0], &rt_float_type)) {
        secs = v_f(argv[0]);
    } else if (rt_is_int(argv[0])) {
        bool ovf = false;
        secs = rt_int_to_double(vm, argv[0], &ovf);
        if (ovf)
            return rt_raise(vm, &rt_exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    } else {
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                        rt_type_name(argv[0]));
    }
    if (isnan(secs))
        return rt_raise(vm, &rt_exc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0)
        return rt_raise(vm, &rt_exc_ValueError, "sleep length must be non-negative");
    /* a signal that arrived before the call: its handler runs first (in
     * CPython it would have run right after the previous call) */
    if (vm->interrupted && !rt_check_signals(vm))
        return VNULL;
    struct timespec req = {(time_t)secs, (long)((secs - floor(secs)) * 1e9)}, rem;
    while (nanosleep(&req, &rem) != 0 && errno == EINTR) {
        if (vm->interrupted && !rt_check_signals(vm)) /* a handler raised; else sleep on (PEP 475) */
            return VNULL;
        req = rem;
    }
    return rt_None;
}

static const NativeDef time_functions[] = {
#define X(name, id) {#name, t_##name, 0}, {#name "_ns", t_##name##_ns, 0},
    CLOCKS(X)
#undef X
    {"sleep", t_sleep, 0},
    {NULL, NULL, 0},
};

Value mp_time_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "time", &d);
    if (!m || !rt_add_functions(vm, d, time_functions, rt_str_intern_cstr(vm, "time")))
        return VNULL;
    return m;
}
