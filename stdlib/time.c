/* stdlib/time.c — the time module (CPython's Modules/timemodule.c on
 * Linux): clocks and their _ns forms, sleep, struct_time (a structseq),
 * gmtime/localtime/mktime/asctime/ctime/strftime with CPython's argument
 * checks and messages, strptime (CPython's _strptime.py does the work),
 * the timezone variables and tzset, clock_* and get_clock_info. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/callable.h"
#include "runtime/containers.h"
#include "runtime/int.h"
#include "runtime/state.h"
#include "runtime/str.h"
#include "runtime/structseq.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/import.h"

/* time.struct_time, rooted (rebuilt with the module). */
static Value struct_time_type;

static bool no_args(VM *vm, const char *name, int argc)
{
    if (argc) {
        rt_raise(vm, &rt_exc_TypeError, "time.%s() takes no arguments (%d given)", name, argc);
        return false;
    }
    return true;
}

/* PyArg_ParseTuple's count check: "f() takes at most 1 argument (2 given)". */
static bool tuple_nargs(VM *vm, const char *fname, int argc, int min, int max)
{
    if (argc >= min && argc <= max)
        return true;
    int n = argc < min ? min : max;
    rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d argument%s (%d given)", fname,
             min == max ? "exactly" : argc < min ? "at least" : "at most", n, n == 1 ? "" : "s", argc);
    return false;
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

/* ---- clock_* and get_clock_info ------------------------------------------------ */

static bool arg_clock(VM *vm, const char *fname, int argc, Value *argv, int nargs, clockid_t *id)
{
    if (!rt_check_nargs(vm, fname, argc, nargs, nargs))
        return false;
    int64_t v;
    if (!mp_as_ssize(vm, argv[0], &v))
        return false;
    *id = (clockid_t)v;
    return true;
}

static Value t_clock_gettime(VM *vm, int argc, Value *argv, Value kw)
{
    clockid_t id;
    struct timespec ts;
    if (!arg_clock(vm, "clock_gettime", argc, argv, 1, &id))
        return VNULL;
    if (clock_gettime(id, &ts) != 0)
        return rt_raise_oserror(vm, errno, NULL);
    return rt_float_new(vm, (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static Value t_clock_gettime_ns(VM *vm, int argc, Value *argv, Value kw)
{
    clockid_t id;
    struct timespec ts;
    if (!arg_clock(vm, "clock_gettime_ns", argc, argv, 1, &id))
        return VNULL;
    if (clock_gettime(id, &ts) != 0)
        return rt_raise_oserror(vm, errno, NULL);
    return rt_int_from_i64(vm, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static Value t_clock_getres(VM *vm, int argc, Value *argv, Value kw)
{
    clockid_t id;
    struct timespec ts;
    if (!arg_clock(vm, "clock_getres", argc, argv, 1, &id))
        return VNULL;
    if (clock_getres(id, &ts) != 0)
        return rt_raise_oserror(vm, errno, NULL);
    return rt_float_new(vm, (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static Value t_clock_settime(VM *vm, int argc, Value *argv, Value kw)
{
    clockid_t id;
    if (!arg_clock(vm, "clock_settime", argc, argv, 2, &id))
        return VNULL;
    double secs;
    bool ovf = false;
    if (v_is(argv[1], &rt_float_type))
        secs = v_f(argv[1]);
    else if (rt_is_int(argv[1]))
        secs = rt_int_to_double(vm, argv[1], &ovf);
    else
        return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                        rt_type_name(argv[1]));
    if (isnan(secs))
        return rt_raise(vm, &rt_exc_ValueError, "Invalid value NaN (not a number)");
    if (ovf || fabs(secs) > 9.2e9)
        return rt_raise(vm, &rt_exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    struct timespec ts = {(time_t)floor(secs), (long)((secs - floor(secs)) * 1e9)};
    if (clock_settime(id, &ts) != 0)
        return rt_raise_oserror(vm, errno, NULL);
    return rt_None;
}

static Value t_clock_settime_ns(VM *vm, int argc, Value *argv, Value kw)
{
    clockid_t id;
    int64_t ns;
    if (!arg_clock(vm, "clock_settime_ns", argc, argv, 2, &id) || !mp_as_ssize(vm, argv[1], &ns))
        return VNULL;
    int64_t sec = ns / 1000000000, rest = ns % 1000000000;
    if (rest < 0)
        rest += 1000000000, sec--;
    struct timespec ts = {(time_t)sec, (long)rest};
    if (clock_settime(id, &ts) != 0)
        return rt_raise_oserror(vm, errno, NULL);
    return rt_None;
}

static Value t_get_clock_info(VM *vm, int argc, Value *argv, Value kw)
{
    static const struct {
        const char *name, *impl;
        clockid_t id;
        bool monotonic, adjustable;
    } clocks[] = {
        {"time", "clock_gettime(CLOCK_REALTIME)", CLOCK_REALTIME, false, true},
        {"monotonic", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
        {"perf_counter", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
        {"process_time", "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", CLOCK_PROCESS_CPUTIME_ID, true, false},
        {"thread_time", "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", CLOCK_THREAD_CPUTIME_ID, true, false},
    };
    if (!tuple_nargs(vm, "get_clock_info", argc, 1, 1))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "get_clock_info() argument 1 must be str, not %s", rt_type_name(argv[0]));
    for (size_t i = 0; i < sizeof clocks / sizeof *clocks; i++) {
        if (strcmp(v_cstr(argv[0]), clocks[i].name))
            continue;
        struct timespec res;
        double r = clock_getres(clocks[i].id, &res) == 0 ? (double)res.tv_sec + (double)res.tv_nsec * 1e-9 : 1e-9;
        /* A namespace like sys.implementation's (types.SimpleNamespace). */
        Value impl = rt_getattr_cstr(vm, vm->sys_module, "implementation");
        Value values[4] = {rt_str_from_cstr(vm, clocks[i].impl), rt_bool(clocks[i].monotonic),
                           rt_bool(clocks[i].adjustable), rt_float_new(vm, r)};
        Value names = rt_tuple_pack(vm, 4, rt_str_intern_cstr(vm, "implementation"), rt_str_intern_cstr(vm, "monotonic"),
                                    rt_str_intern_cstr(vm, "adjustable"), rt_str_intern_cstr(vm, "resolution"));
        if (!impl || !values[0] || !values[3] || !names)
            return VNULL;
        return rt_call(vm, v_from(v_type(impl)), 0, values, names);
    }
    return rt_raise(vm, &rt_exc_ValueError, "unknown clock");
}

/* ---- struct tm <-> struct_time ------------------------------------------------------- */

/* A timestamp argument (None or absent: now), floored to time_t as
 * CPython's _PyTime_ObjectToTime_t. */
static bool arg_time_t(VM *vm, Value v, time_t *out)
{
    if (!v || v == rt_None) {
        *out = time(NULL);
        return true;
    }
    if (v_is(v, &rt_float_type)) {
        double d = v_f(v);
        if (isnan(d)) {
            rt_raise(vm, &rt_exc_ValueError, "Invalid value NaN (not a number)");
            return false;
        }
        d = floor(d);
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
            rt_raise(vm, &rt_exc_OverflowError, "timestamp out of range for platform time_t");
            return false;
        }
        *out = (time_t)d;
        return true;
    }
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    int64_t t;
    if (!rt_as_i64(vm, i, &t)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "timestamp out of range for platform time_t");
        return false;
    }
    *out = (time_t)t;
    return true;
}

static Value tm_to_struct_time(VM *vm, const struct tm *tm)
{
    Value v[11] = {
        rt_int_from_i64(vm, (int64_t)tm->tm_year + 1900),
        v_from_small(tm->tm_mon + 1),
        v_from_small(tm->tm_mday),
        v_from_small(tm->tm_hour),
        v_from_small(tm->tm_min),
        v_from_small(tm->tm_sec),
        v_from_small((tm->tm_wday + 6) % 7),
        v_from_small(tm->tm_yday + 1),
        v_from_small(tm->tm_isdst),
        tm->tm_zone ? rt_str_from_cstr(vm, tm->tm_zone) : rt_None,
        rt_int_from_i64(vm, tm->tm_gmtoff),
    };
    if (!v[0] || !v[9] || !v[10])
        return VNULL;
    return rt_structseq_new(vm, struct_time_type, v);
}

static bool to_tm(VM *vm, time_t t, bool local, struct tm *tm)
{
    errno = 0;
    if ((local ? localtime_r(&t, tm) : gmtime_r(&t, tm)) != NULL)
        return true;
    rt_raise_oserror(vm, errno ? errno : EINVAL, NULL);
    return false;
}

static Value gm_or_local(VM *vm, const char *fname, int argc, Value *argv, bool local)
{
    time_t t;
    struct tm tm;
    if (!tuple_nargs(vm, fname, argc, 0, 1) || !arg_time_t(vm, argc ? argv[0] : VNULL, &t) || !to_tm(vm, t, local, &tm))
        return VNULL;
    return tm_to_struct_time(vm, &tm);
}

static Value t_gmtime(VM *vm, int argc, Value *argv, Value kw) { return gm_or_local(vm, "gmtime", argc, argv, false); }
static Value t_localtime(VM *vm, int argc, Value *argv, Value kw) { return gm_or_local(vm, "localtime", argc, argv, true); }

/* A C int from a time tuple item ('i' of PyArg_ParseTuple). */
static bool tuple_int(VM *vm, Value v, int *out)
{
    if (v_is(v, &rt_float_type)) {
        rt_raise(vm, &rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    Value i = rt_index(vm, v);
    if (!i)
        return false;
    int64_t x;
    if (!rt_as_i64(vm, i, &x)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C long");
        return false;
    }
    if (x > 2147483647 || x < -2147483648LL) {
        rt_raise(vm, &rt_exc_OverflowError, x > 0 ? "signed integer is greater than maximum"
                                                  : "signed integer is less than minimum");
        return false;
    }
    *out = (int)x;
    return true;
}

/* CPython's gettmarg: a 9-tuple (or struct_time, whose zone fields are
 * used too) into *tm, Python's conventions undone. */
static bool gettmarg(VM *vm, Value arg, struct tm *tm, const char *fname, Value *zone_keep)
{
    memset(tm, 0, sizeof *tm);
    if (!rt_isinstance_type(arg, &rt_tuple_type)) {
        rt_raise(vm, &rt_exc_TypeError, "Tuple or struct_time argument required");
        return false;
    }
    Tuple *t = v_tuple(arg);
    if (t->len != 9) {
        rt_raise(vm, &rt_exc_TypeError, "%s(): illegal time tuple argument", fname);
        return false;
    }
    int f[9];
    for (int i = 0; i < 9; i++)
        if (!tuple_int(vm, t->items[i], &f[i]))
            return false;
    tm->tm_year = f[0] - 1900;
    tm->tm_mon = f[1] - 1;
    tm->tm_mday = f[2];
    tm->tm_hour = f[3];
    tm->tm_min = f[4];
    tm->tm_sec = f[5];
    tm->tm_wday = (f[6] + 1) % 7;
    tm->tm_yday = f[7] - 1;
    tm->tm_isdst = f[8];
    if (v_type(arg) == (Type *)v_obj(struct_time_type)) {
        Value zone = rt_getattr_cstr(vm, arg, "tm_zone");
        Value off = zone ? rt_getattr_cstr(vm, arg, "tm_gmtoff") : VNULL;
        if (!off)
            return false;
        if (zone != rt_None) {
            if (!v_is_str(zone)) {
                rt_raise(vm, &rt_exc_TypeError, "bad argument type for built-in operation");
                return false;
            }
            *zone_keep = zone; /* keeps the text tm_zone points into alive */
            tm->tm_zone = v_cstr(zone);
        }
        if (off != rt_None) {
            int64_t o;
            if (!mp_as_ssize(vm, off, &o))
                return false;
            tm->tm_gmtoff = (long)o;
        }
    }
    return true;
}

/* CPython's checktm: ranges strftime and asctime index arrays with. */
static bool checktm(VM *vm, struct tm *tm)
{
    const char *bad = NULL;
    if (tm->tm_mon == -1)
        tm->tm_mon = 0;
    else if (tm->tm_mon < 0 || tm->tm_mon > 11)
        bad = "month out of range";
    if (!bad) {
        if (tm->tm_mday == 0)
            tm->tm_mday = 1;
        else if (tm->tm_mday < 0 || tm->tm_mday > 31)
            bad = "day of month out of range";
    }
    if (!bad && (tm->tm_hour < 0 || tm->tm_hour > 23))
        bad = "hour out of range";
    if (!bad && (tm->tm_min < 0 || tm->tm_min > 59))
        bad = "minute out of range";
    if (!bad && (tm->tm_sec < 0 || tm->tm_sec > 61))
        bad = "seconds out of range";
    if (!bad && tm->tm_wday < 0)
        bad = "day of week out of range";
    if (!bad) {
        if (tm->tm_yday == -1)
            tm->tm_yday = 0;
        else if (tm->tm_yday < 0 || tm->tm_yday > 365)
            bad = "day of year out of range";
    }
    if (bad) {
        rt_raise(vm, &rt_exc_ValueError, "%s", bad);
        return false;
    }
    return true;
}

static Value asctime_of(VM *vm, const struct tm *tm)
{
    static const char wday[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return rt_str_printf(vm, "%s %s%3d %.2d:%.2d:%.2d %lld", wday[tm->tm_wday], mon[tm->tm_mon], tm->tm_mday,
                         tm->tm_hour, tm->tm_min, tm->tm_sec, 1900LL + tm->tm_year);
}

/* The time tuple argument, or localtime() when absent/None. */
static bool tm_arg_or_now(VM *vm, Value v, struct tm *tm, const char *fname, Value *zone_keep)
{
    if (!v) {
        time_t t = time(NULL);
        return to_tm(vm, t, true, tm);
    }
    return gettmarg(vm, v, tm, fname, zone_keep);
}

static Value t_asctime(VM *vm, int argc, Value *argv, Value kw)
{
    struct tm tm;
    Value keep = VNULL;
    if (!rt_check_nargs(vm, "asctime", argc, 0, 1) || !tm_arg_or_now(vm, argc ? argv[0] : VNULL, &tm, "asctime", &keep) ||
        !checktm(vm, &tm))
        return VNULL;
    return asctime_of(vm, &tm);
}

static Value t_ctime(VM *vm, int argc, Value *argv, Value kw)
{
    time_t t;
    struct tm tm;
    if (!tuple_nargs(vm, "ctime", argc, 0, 1) || !arg_time_t(vm, argc ? argv[0] : VNULL, &t) || !to_tm(vm, t, true, &tm))
        return VNULL;
    return asctime_of(vm, &tm);
}

static Value t_mktime(VM *vm, int argc, Value *argv, Value kw)
{
    struct tm tm;
    Value keep = VNULL;
    if (argc != 1)
        return rt_raise(vm, &rt_exc_TypeError, "time.mktime() takes exactly one argument (%d given)", argc);
    if (!gettmarg(vm, argv[0], &tm, "mktime", &keep))
        return VNULL;
    tm.tm_wday = -1; /* sentinel: mktime sets it on success */
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1)
        return rt_raise(vm, &rt_exc_OverflowError, "mktime argument out of range");
    return rt_float_new(vm, (double)t);
}

static Value t_strftime(VM *vm, int argc, Value *argv, Value kw)
{
    if (!tuple_nargs(vm, "strftime", argc, 1, 2))
        return VNULL;
    if (!v_is_str(argv[0]))
        return rt_raise(vm, &rt_exc_TypeError, "strftime() argument 1 must be str, not %s", rt_type_name(argv[0]));
    struct tm tm;
    Value keep = VNULL;
    if (!tm_arg_or_now(vm, argc > 1 ? argv[1] : VNULL, &tm, "strftime", &keep) || !checktm(vm, &tm))
        return VNULL;
    if (tm.tm_isdst < -1)
        tm.tm_isdst = -1;
    else if (tm.tm_isdst > 1)
        tm.tm_isdst = 1;
    Str *fmt = v_str(argv[0]);
    if (memchr(fmt->data, 0, fmt->len))
        return rt_raise(vm, &rt_exc_ValueError, "embedded null character");
    if (fmt->len == 0)
        return rt_str_from_cstr(vm, "");
    /* Grow the buffer until strftime fits, as CPython: a 0 result with a
     * buffer 256 times the format is an empty expansion. */
    for (size_t size = 1024;; size += size) {
        char *buf = malloc(size);
        if (!buf)
            return rt_no_memory(vm);
        size_t n = strftime(buf, size, fmt->data, &tm);
        if (n > 0 || size >= 256 * fmt->len) {
            size_t bad;
            Value r = rt_utf8_valid(buf, n, &bad) ? rt_str_new(vm, buf, n) : VNULL;
            if (!r && !vm->exc) {
                /* not UTF-8 (a locale's bytes): decode as Latin-1 rather than fail */
                StrBuf sb;
                sb_init(&sb);
                bool ok = true;
                for (size_t i = 0; ok && i < n; i++) {
                    char out[4];
                    ok = sb_add(vm, &sb, out, rt_utf8_encode((unsigned char)buf[i], out));
                }
                r = ok ? sb_finish(vm, &sb) : (sb_free(&sb), VNULL);
            }
            free(buf);
            return r;
        }
        free(buf);
    }
}

/* strptime(string, format="%a %b %d %H:%M:%S %Y"): CPython's _strptime. */
static Value t_strptime(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_no_kw(vm, "strptime", kw))
        return VNULL;
    Value m = vm_import(vm, rt_str_intern_cstr(vm, "_strptime"), NULL, rt_None, 0);
    Value f = m ? rt_getattr_cstr(vm, m, "_strptime_time") : VNULL;
    return f ? rt_call(vm, f, argc, argv, VNULL) : VNULL;
}

/* ---- time zones -------------------------------------------------------------------- */

/* CPython's init_timezone as on glibc: the offsets and names of early
 * January and early July of this year (the later one is the DST side,
 * swapped in the southern hemisphere). */
static bool init_timezone(VM *vm, Dict *d)
{
    const time_t year = (365 * 24 + 6) * 3600;
    time_t t = (time(NULL) / year) * year;
    struct tm jan, jul;
    if (!to_tm(vm, t, true, &jan) || !to_tm(vm, t + year / 2, true, &jul))
        return false;
    long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
    char janname[10], julname[10];
    snprintf(janname, sizeof janname, "%s", jan.tm_zone ? jan.tm_zone : "");
    snprintf(julname, sizeof julname, "%s", jul.tm_zone ? jul.tm_zone : "");
    if (janzone < -48 * 3600 || janzone > 48 * 3600 || julzone < -48 * 3600 || julzone > 48 * 3600) {
        rt_raise(vm, &rt_exc_RuntimeError, "invalid GMT offset");
        return false;
    }
    bool south = janzone < julzone;
    Value tzname = rt_tuple_pack(vm, 2, rt_str_from_cstr(vm, south ? julname : janname),
                                 rt_str_from_cstr(vm, south ? janname : julname));
    return tzname && rt_dict_set_cstr(vm, d, "timezone", v_from_small(south ? julzone : janzone)) &&
           rt_dict_set_cstr(vm, d, "altzone", v_from_small(south ? janzone : julzone)) &&
           rt_dict_set_cstr(vm, d, "daylight", v_from_small(janzone != julzone)) &&
           rt_dict_set_cstr(vm, d, "tzname", tzname);
}

static Value t_tzset(VM *vm, int argc, Value *argv, Value kw)
{
    if (!no_args(vm, "tzset", argc))
        return VNULL;
    tzset();
    Value m = rt_dict_get_cstr(vm, vm->modules, "time");
    if (!m || !v_is(m, &rt_module_type))
        return rt_None;
    return init_timezone(vm, ((Module *)v_obj(m))->dict) ? rt_None : VNULL;
}

static const NativeDef time_functions[] = {
#define X(name, id) {#name, t_##name, 0}, {#name "_ns", t_##name##_ns, 0},
    CLOCKS(X)
#undef X
    {"sleep", t_sleep, 0},
    {"gmtime", t_gmtime, 0},
    {"localtime", t_localtime, 0},
    {"mktime", t_mktime, 0},
    {"asctime", t_asctime, 0},
    {"ctime", t_ctime, 0},
    {"strftime", t_strftime, 0},
    {"strptime", t_strptime, 0},
    {"tzset", t_tzset, 0},
    {"clock_gettime", t_clock_gettime, 0},
    {"clock_gettime_ns", t_clock_gettime_ns, 0},
    {"clock_getres", t_clock_getres, 0},
    {"clock_settime", t_clock_settime, 0},
    {"clock_settime_ns", t_clock_settime_ns, 0},
    {"get_clock_info", t_get_clock_info, 0},
    {NULL, NULL, 0},
};

static const char *const struct_time_fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
    "tm_zone", "tm_gmtoff", NULL,
};

static const RtStructSeqDesc struct_time_desc = {
    .name = "time.struct_time",
    .doc = "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
           " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
           " sequence of 9 integers.\n\n"
           " Note that several fields' values are not the same as those defined by\n"
           " the C language standard for struct tm.  For example, the value of the\n"
           " field tm_year is the actual year, not year - 1900.  See individual\n"
           " fields' descriptions for details.",
    .fields = struct_time_fields,
    .n_in_sequence = 9,
};

Value mp_time_module_init(VM *vm)
{
    static const struct {
        const char *name;
        clockid_t id;
    } clock_ids[] = {
        {"CLOCK_REALTIME", CLOCK_REALTIME}, {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
        {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW}, {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
        {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID}, {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
        {"CLOCK_TAI", CLOCK_TAI},
    };
    Dict *d;
    Value m = mp_new_module(vm, "time", &d);
    if (!m || !rt_add_functions(vm, d, time_functions, rt_str_intern_cstr(vm, "time")))
        return VNULL;
    rt_gc_add_root(vm, &struct_time_type);
    if (!(struct_time_type = rt_structseq_type_new(vm, &struct_time_desc)) ||
        !rt_dict_set_cstr(vm, d, "struct_time", struct_time_type) ||
        !rt_dict_set_cstr(vm, d, "_STRUCT_TM_ITEMS", v_from_small(11)))
        return VNULL;
    for (size_t i = 0; i < sizeof clock_ids / sizeof *clock_ids; i++)
        if (!rt_dict_set_cstr(vm, d, clock_ids[i].name, v_from_small(clock_ids[i].id)))
            return VNULL;
    tzset();
    return init_timezone(vm, d) ? m : VNULL;
}
