/* stdlib/_thread.c — the _thread module for a single-threaded minipy, so
 * that CPython's pure-Python library (reprlib, functools, threading...) can
 * take its locks.  There is only ever the main thread: a lock is a flag, an
 * RLock a count; a blocking acquire of a held lock could only deadlock, so
 * it raises instead (with a timeout, it waits it out and fails as CPython
 * would); starting a thread raises RuntimeError. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "runtime/int.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "stdlib/_io.h"
#include "vm/vm.h"

#define MAIN_IDENT 1 /* get_ident() of the only thread */
#define TIMEOUT_MAX 9223372036.0 /* CPython's on Linux: PY_TIMEOUT_MAX in seconds */

typedef struct Lock {
    Obj hdr;
    int64_t count;  /* lock: 0 or 1; RLock: the recursion depth */
    int64_t owner;  /* RLock: get_ident() of the owner, 0 when free */
} Lock;

static Type lock_type, rlock_type;

static Lock *LK(Value v) { return (Lock *)v_obj(v); }

static Value lock_alloc(VM *vm, Type *t)
{
    Lock *l = rt_alloc(vm, t, t->instance_size);
    if (!l)
        return VNULL;
    l->count = l->owner = 0;
    return v_from(l);
}

/* acquire(blocking=True, timeout=-1): *wait gets the seconds to wait for a
 * held lock (-1: forever). */
static bool parse_acquire(VM *vm, const char *fname, int argc, Value *argv, Value kwnames,
                          double *wait)
{
    static const char *const names[] = {"blocking", "timeout", NULL};
    Value a[2];
    if (!rt_parse_args(vm, fname, argc - 1, argv + 1, kwnames, names, 0, 0, a))
        return false;
    int blocking = 1;
    if (a[0] && (blocking = rt_truthy(vm, a[0])) < 0)
        return false;
    double timeout = -1;
    if (a[1] && !rt_to_double(vm, a[1], &timeout))
        return false;
    if (!blocking && timeout != -1) {
        rt_raise(vm, &rt_exc_ValueError, "can't specify a timeout for a non-blocking call");
        return false;
    }
    if (timeout < 0 && timeout != -1) {
        rt_raise(vm, &rt_exc_ValueError, "timeout value must be positive");
        return false;
    }
    if (timeout * 1e9 >= 9223372036854775808.0 || timeout * 1e9 < -9223372036854775808.0) {
        /* CPython converts to int64 nanoseconds first */
        rt_raise(vm, &rt_exc_OverflowError, "timestamp out of range for platform time_t");
        return false;
    }
    if (timeout > TIMEOUT_MAX) {
        rt_raise(vm, &rt_exc_OverflowError, "timeout value is too large");
        return false;
    }
    *wait = blocking ? timeout : 0;
    return true;
}

/* A held lock with no other thread to release it: wait out the timeout
 * and fail, or raise where CPython would block forever. */
static Value wait_held(VM *vm, double wait)
{
    if (wait < 0)
        return rt_raise(vm, &rt_exc_RuntimeError,
                        "deadlock: acquiring a held lock with no timeout, and minipy has no "
                        "other thread to release it");
    struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !vm->interrupted)
        ;
    return rt_False;
}

static Value lock_acquire(VM *vm, int argc, Value *argv, Value kwnames)
{
    double wait;
    if (!parse_acquire(vm, "acquire", argc, argv, kwnames, &wait))
        return VNULL;
    Lock *l = LK(argv[0]);
    if (l->count)
        return wait_held(vm, wait);
    l->count = 1;
    return rt_True;
}

static Value lock_release(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "release", argc - 1, 0, 0))
        return VNULL;
    Lock *l = LK(argv[0]);
    if (!l->count)
        return rt_raise(vm, &rt_exc_RuntimeError, "release unlocked lock");
    l->count = 0;
    return rt_None;
}

static Value lock_exit(VM *vm, int argc, Value *argv, Value kwnames)
{
    return lock_release(vm, 1, argv, VNULL);
}

static Value lock_locked(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "locked", argc - 1, 0, 0))
        return VNULL;
    return rt_bool(LK(argv[0])->count != 0);
}

/* After fork() the child is single-threaded: the lock is simply free again
 * (concurrent.futures.thread registers this with os.register_at_fork). */
static Value lock_at_fork_reinit(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_at_fork_reinit", argc - 1, 0, 0))
        return VNULL;
    LK(argv[0])->count = 0;
    return rt_None;
}

static Value lock_repr(VM *vm, Value v)
{
    return rt_str_printf(vm, "<%s %s object at %p>", LK(v)->count ? "locked" : "unlocked",
                         v_type(v)->name, (void *)v_obj(v));
}

static Value lock_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    if (argc || (kwnames && v_tuple(kwnames)->len))
        return rt_raise(vm, &rt_exc_TypeError, "lock() takes no arguments");
    return lock_alloc(vm, t);
}

static const NativeDef lock_methods[] = {
    {"acquire", lock_acquire, NF_KEYWORDS},
    {"acquire_lock", lock_acquire, NF_KEYWORDS},
    {"release", lock_release, 0},
    {"release_lock", lock_release, 0},
    {"locked", lock_locked, 0},
    {"locked_lock", lock_locked, 0},
    {"_at_fork_reinit", lock_at_fork_reinit, 0},
    {"__enter__", lock_acquire, NF_KEYWORDS},
    {"__exit__", lock_exit, 0},
    {NULL, NULL, 0},
};

static Type lock_type = {
    .name = "_thread.lock",
    .instance_size = sizeof(Lock),
    .repr = lock_repr,
    .new = lock_new,
};

/* ---- RLock ---------------------------------------------------------------------------- */

static Value rlock_acquire(VM *vm, int argc, Value *argv, Value kwnames)
{
    double wait;
    if (!parse_acquire(vm, "acquire", argc, argv, kwnames, &wait))
        return VNULL;
    Lock *l = LK(argv[0]);
    if (l->count && l->owner != MAIN_IDENT)
        return wait_held(vm, wait);
    if (l->count == INT64_MAX)
        return rt_raise(vm, &rt_exc_OverflowError, "Internal lock count overflowed");
    l->count++;
    l->owner = MAIN_IDENT;
    return rt_True;
}

static Value rlock_release(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "release", argc - 1, 0, 0))
        return VNULL;
    Lock *l = LK(argv[0]);
    if (!l->count || l->owner != MAIN_IDENT)
        return rt_raise(vm, &rt_exc_RuntimeError, "cannot release un-acquired lock");
    if (--l->count == 0)
        l->owner = 0;
    return rt_None;
}

static Value rlock_exit(VM *vm, int argc, Value *argv, Value kwnames)
{
    return rlock_release(vm, 1, argv, VNULL);
}

static Value rlock_is_owned(VM *vm, int argc, Value *argv, Value kwnames)
{
    Lock *l = LK(argv[0]);
    return rt_bool(l->count && l->owner == MAIN_IDENT);
}

static Value rlock_recursion_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    Lock *l = LK(argv[0]);
    return rt_int_from_i64(vm, l->owner == MAIN_IDENT ? l->count : 0);
}

/* _release_save(): release fully, returning (count, owner) for _acquire_restore. */
static Value rlock_release_save(VM *vm, int argc, Value *argv, Value kwnames)
{
    Lock *l = LK(argv[0]);
    if (!l->count)
        return rt_raise(vm, &rt_exc_RuntimeError, "cannot release un-acquired lock");
    Value r = rt_tuple_pack(vm, 2, rt_int_from_i64(vm, l->count), rt_int_from_i64(vm, l->owner));
    if (r)
        l->count = l->owner = 0;
    return r;
}

static Value rlock_acquire_restore(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_acquire_restore", argc - 1, 1, 1))
        return VNULL;
    Value st = argv[1];
    int64_t count, owner;
    if (!v_is(st, &rt_tuple_type) || v_tuple(st)->len != 2 ||
        !rt_as_i64(vm, v_tuple(st)->items[0], &count) ||
        !rt_as_i64(vm, v_tuple(st)->items[1], &owner)) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_TypeError, "_acquire_restore() argument must be a 2-tuple");
        return VNULL;
    }
    Lock *l = LK(argv[0]);
    if (l->count)
        return wait_held(vm, -1);
    l->count = count;
    l->owner = owner;
    return rt_None;
}

static Value rlock_repr(VM *vm, Value v)
{
    Lock *l = LK(v);
    return rt_str_printf(vm, "<%s %s object owner=%lld count=%lld at %p>",
                         l->count ? "locked" : "unlocked", v_type(v)->name, (long long)l->owner,
                         (long long)l->count, (void *)v_obj(v));
}

static Value rlock_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    return lock_alloc(vm, t); /* CPython's RLock ignores its arguments */
}

static const NativeDef rlock_methods[] = {
    {"acquire", rlock_acquire, NF_KEYWORDS},
    {"release", rlock_release, 0},
    {"__enter__", rlock_acquire, NF_KEYWORDS},
    {"__exit__", rlock_exit, 0},
    {"_is_owned", rlock_is_owned, 0},
    {"_recursion_count", rlock_recursion_count, 0},
    {"_release_save", rlock_release_save, 0},
    {"_acquire_restore", rlock_acquire_restore, 0},
    {NULL, NULL, 0},
};

static Type rlock_type = {
    .name = "_thread.RLock",
    .flags = TF_BASETYPE,
    .instance_size = sizeof(Lock),
    .repr = rlock_repr,
    .new = rlock_new,
};

/* ---- module functions ------------------------------------------------------------------ */

static Value f_allocate_lock(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "allocate_lock", argc, 0, 0))
        return VNULL;
    return lock_alloc(vm, &lock_type);
}

static Value f_get_ident(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_ident", argc, 0, 0))
        return VNULL;
    return v_from_small(MAIN_IDENT);
}

static Value f_get_native_id(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "get_native_id", argc, 0, 0))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)getpid()); /* the main thread's id is the pid */
}

static Value f_start_new_thread(VM *vm, int argc, Value *argv, Value kwnames)
{
    return rt_raise(vm, &rt_exc_RuntimeError, "threads are not supported by minipy");
}

static Value f_count(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_count", argc, 0, 0))
        return VNULL;
    return v_from_small(0); /* threads started by _thread and still running */
}

static int64_t stack_size_setting;

static Value f_stack_size(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "stack_size", argc, 0, 1))
        return VNULL;
    int64_t old = stack_size_setting, size = 0;
    if (argc && !mp_as_ssize(vm, argv[0], &size))
        return VNULL;
    if (argc) {
        if (size != 0 && size < 32768)
            return rt_raise(vm, &rt_exc_ValueError, "size not valid: %lld bytes", (long long)size);
        stack_size_setting = size;
    }
    return rt_int_from_i64(vm, old);
}

static Value f_exit(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "exit", argc, 0, 0))
        return VNULL;
    return rt_raise_value(vm, v_from(&rt_exc_SystemExit));
}

static Value f_interrupt_main(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "interrupt_main", argc, 0, 1))
        return VNULL;
    vm->interrupted = 1; /* as a SIGINT would: KeyboardInterrupt at the next check */
    return rt_None;
}

static Value f_set_sentinel(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_set_sentinel", argc, 0, 0))
        return VNULL;
    return lock_alloc(vm, &lock_type);
}

static const NativeDef thread_functions[] = {
    {"allocate_lock", f_allocate_lock, 0},
    {"allocate", f_allocate_lock, 0},
    {"get_ident", f_get_ident, 0},
    {"get_native_id", f_get_native_id, 0},
    {"start_new_thread", f_start_new_thread, NF_KEYWORDS},
    {"start_new", f_start_new_thread, NF_KEYWORDS},
    {"_count", f_count, 0},
    {"stack_size", f_stack_size, 0},
    {"exit", f_exit, 0},
    {"exit_thread", f_exit, 0},
    {"interrupt_main", f_interrupt_main, 0},
    {"_set_sentinel", f_set_sentinel, 0},
    {NULL, NULL, 0},
};

/* _local: with one thread, an object with a __dict__ is thread-local. */
static Value make_local_class(VM *vm)
{
    Value ns = rt_dict_new(vm);
    if (!ns || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", rt_str_intern_cstr(vm, "_thread")))
        return VNULL;
    Value args[3] = {rt_str_intern_cstr(vm, "_local"),
                     rt_tuple_pack(vm, 1, v_from(&rt_object_type)), ns};
    if (!args[0] || !args[1])
        return VNULL;
    return rt_call(vm, v_from(&rt_type_type), 3, args, VNULL);
}

/* _thread._ExceptHookArgs: CPython's structseq (exc_type, exc_value,
 * exc_traceback, thread), here a tuple subclass with those four fields. */
static Value make_excepthook_args_class(VM *vm)
{
    static const char *const fields[] = {"exc_type", "exc_value", "exc_traceback", "thread"};
    Value ns = rt_dict_new(vm);
    Value op = mp_native_module(vm, "_operator");
    Value getter = op ? rt_getattr_cstr(vm, op, "itemgetter") : VNULL;
    if (!ns || !getter || !rt_dict_set_cstr(vm, v_dict(ns), "__module__", rt_str_intern_cstr(vm, "_thread")))
        return VNULL;
    for (int i = 0; i < 4; i++) {
        Value g = rt_call1(vm, getter, v_from_small(i));
        Value p = g ? rt_call1(vm, v_from(&rt_property_type), g) : VNULL;
        if (!p || !rt_dict_set_cstr(vm, v_dict(ns), fields[i], p))
            return VNULL;
    }
    Value args[3] = {rt_str_intern_cstr(vm, "_ExceptHookArgs"),
                     rt_tuple_pack(vm, 1, v_from(&rt_tuple_type)), ns};
    if (!args[0] || !args[1])
        return VNULL;
    return rt_call(vm, v_from(&rt_type_type), 3, args, VNULL);
}

/* _thread._excepthook(args): "Exception in thread NAME:" and the traceback
 * on stderr; SystemExit is silent (CPython's thread_excepthook). */
static Value th_excepthook(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "_excepthook", argc, 1, 1))
        return VNULL;
    Value type = rt_getitem(vm, argv[0], v_from_small(0));
    Value value = type ? rt_getitem(vm, argv[0], v_from_small(1)) : VNULL;
    Value thread = value ? rt_getitem(vm, argv[0], v_from_small(3)) : VNULL;
    if (!thread)
        return VNULL;
    if (type == v_from(&rt_exc_SystemExit))
        return rt_None;
    Value name = thread != rt_None ? rt_getattr_cstr(vm, thread, "name") : VNULL;
    vm->exc = VNULL;
    mp_io_flush_std(vm);
    fprintf(stderr, "Exception in thread %s:\n", name && v_is_str(name) ? v_cstr(name) : "?");
    if (value != rt_None)
        rt_print_exception(vm, value, stderr);
    fflush(stderr);
    return rt_None;
}

Value mp_thread_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_thread", &d);
    if (!m || !mp_type_ready(vm, &lock_type, NULL) || !mp_type_ready(vm, &rlock_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, lock_type.dict, "acquire") &&
        (!rt_add_methods(vm, &lock_type, lock_methods) ||
         !rt_add_methods(vm, &rlock_type, rlock_methods)))
        return VNULL;
    Value local = make_local_class(vm);
    Value tmax = rt_float_new(vm, TIMEOUT_MAX);
    Value hookargs = make_excepthook_args_class(vm);
    Value hook = rt_native_new(vm, "_excepthook", th_excepthook, 0, VNULL);
    if (!local || !tmax || !hookargs || !hook ||
        !rt_dict_set_cstr(vm, d, "_ExceptHookArgs", hookargs) ||
        !rt_dict_set_cstr(vm, d, "_excepthook", hook) || !rt_add_functions(vm, d, thread_functions, rt_str_intern_cstr(vm, "_thread")) ||
        !rt_dict_set_cstr(vm, d, "LockType", v_from(&lock_type)) ||
        !rt_dict_set_cstr(vm, d, "_local", local) ||
        !rt_dict_set_cstr(vm, d, "TIMEOUT_MAX", tmax) ||
        !rt_dict_set_cstr(vm, d, "error", v_from(&rt_exc_RuntimeError)))
        return VNULL;
    return m;
}
