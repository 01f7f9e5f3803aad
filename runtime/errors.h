/* runtime/errors.h — the builtin exception hierarchy and raising.
 * (runtime/exceptions.c) */
#ifndef MINIPY_ERRORS_H
#define MINIPY_ERRORS_H
#include "runtime/object.h"

/* CPython 3.11's builtin exception tree: X(name, base).  Parents come first.
 * Each expands to `Type rt_exc_<name>`. */
#define RT_EXCEPTIONS(X)                              \
    X(BaseException, object)                          \
    X(SystemExit, BaseException)                      \
    X(KeyboardInterrupt, BaseException)               \
    X(GeneratorExit, BaseException)                   \
    X(BaseExceptionGroup, BaseException)              \
    X(Exception, BaseException)                       \
    X(ExceptionGroup, BaseExceptionGroup)             \
    X(StopIteration, Exception)                       \
    X(StopAsyncIteration, Exception)                  \
    X(ArithmeticError, Exception)                     \
    X(FloatingPointError, ArithmeticError)            \
    X(OverflowError, ArithmeticError)                 \
    X(ZeroDivisionError, ArithmeticError)             \
    X(AssertionError, Exception)                      \
    X(AttributeError, Exception)                      \
    X(BufferError, Exception)                         \
    X(EOFError, Exception)                            \
    X(ImportError, Exception)                         \
    X(ModuleNotFoundError, ImportError)               \
    X(LookupError, Exception)                         \
    X(IndexError, LookupError)                        \
    X(KeyError, LookupError)                          \
    X(MemoryError, Exception)                         \
    X(NameError, Exception)                           \
    X(UnboundLocalError, NameError)                   \
    X(OSError, Exception)                             \
    X(FileExistsError, OSError)                       \
    X(FileNotFoundError, OSError)                     \
    X(IsADirectoryError, OSError)                     \
    X(NotADirectoryError, OSError)                    \
    X(PermissionError, OSError)                       \
    X(BlockingIOError, OSError)                       \
    X(ChildProcessError, OSError)                     \
    X(ConnectionError, OSError)                       \
    X(BrokenPipeError, ConnectionError)               \
    X(ConnectionAbortedError, ConnectionError)        \
    X(ConnectionRefusedError, ConnectionError)        \
    X(ConnectionResetError, ConnectionError)          \
    X(InterruptedError, OSError)                      \
    X(ProcessLookupError, OSError)                    \
    X(TimeoutError, OSError)                          \
    X(ReferenceError, Exception)                      \
    X(RuntimeError, Exception)                        \
    X(NotImplementedError, RuntimeError)              \
    X(RecursionError, RuntimeError)                   \
    X(SyntaxError, Exception)                         \
    X(IndentationError, SyntaxError)                  \
    X(TabError, IndentationError)                     \
    X(SystemError, Exception)                         \
    X(TypeError, Exception)                           \
    X(ValueError, Exception)                          \
    X(UnicodeError, ValueError)                       \
    X(UnicodeDecodeError, UnicodeError)               \
    X(UnicodeEncodeError, UnicodeError)               \
    X(UnicodeTranslateError, UnicodeError)            \
    X(Warning, Exception)                             \
    X(BytesWarning, Warning)                          \
    X(DeprecationWarning, Warning)                    \
    X(EncodingWarning, Warning)                       \
    X(FutureWarning, Warning)                         \
    X(ImportWarning, Warning)                         \
    X(PendingDeprecationWarning, Warning)             \
    X(ResourceWarning, Warning)                       \
    X(RuntimeWarning, Warning)                        \
    X(SyntaxWarning, Warning)                         \
    X(UnicodeWarning, Warning)                        \
    X(UserWarning, Warning)

#define X(name, base) extern Type rt_exc_##name;
RT_EXCEPTIONS(X)
#undef X

/* BaseExceptionGroup and subclasses (runtime/excgroup.c). */
typedef struct ExcGroup {
    Exception base;
    Value msg;   /* str */
    Value excs;  /* non-empty tuple of exceptions */
} ExcGroup;
bool rt_is_exc_group(Value v);
Tuple *rt_exc_group_items(Value group);
/* BaseExceptionGroup(msg, excs): ExceptionGroup when all are Exceptions. */
Value rt_exc_group_new(VM *vm, Value msg, Value excs);
/* except* T: split exc into the part matching T and the rest (rt_None for
 * an empty part; a naked matching exception is wrapped in a group). */
bool rt_exc_group_match(VM *vm, Value exc, Value type, Value *match, Value *rest);
/* What an except* statement re-raises: orig's unhandled rest and what its
 * handlers raised (list `excs`), or rt_None (CPython's _PyExc_PrepReraiseStar). */
Value rt_exc_prep_reraise_star(VM *vm, Value orig, Value excs);
bool rt_exc_groups_init(VM *vm);
/* The GC trace of every exception (groups extend it). */
void rt_exc_trace(VM *vm, Obj *o);

/* Create an exception instance of `type` with args (a tuple). */
Value rt_exc_new(VM *vm, Type *type, Value args);
/* Raise: set vm->exc (adding __context__ from the exception being handled)
 * and return VNULL so callers can `return rt_raise(...)`. */
Value rt_raise(VM *vm, Type *type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Value rt_raise_value(VM *vm, Value exc);   /* exc: instance, or a class to instantiate */
Value rt_raise_str(VM *vm, Type *type, Value msg); /* msg: any value (KeyError(key)) */
Value rt_raise_oserror(VM *vm, int err, const char *filename); /* errno → subclass, CPython message */
/* UnicodeEncodeError/UnicodeDecodeError(encoding, object, start, end,
 * reason): object is the str being encoded or the bytes being decoded. */
Value rt_raise_unicode_error(VM *vm, Type *type, const char *encoding, Value object, size_t start,
                             size_t end, const char *reason);
Value rt_no_memory(VM *vm);
/* vm->interrupted is set: run the Python signal handlers (vm->signal_hook),
 * or raise KeyboardInterrupt when the signal module is not loaded.  false:
 * a handler raised (the exception is pending). */
bool rt_check_signals(VM *vm);                /* MemoryError without allocating */
bool rt_exc_matches(VM *vm, Value exc, Type *type); /* isinstance(exc, type) */
/* vm->exc is an instance of `type`: clear it and return true. */
bool rt_exc_clear_if(VM *vm, Type *type);
/* A member of an exception (OSError.errno, SyntaxError.msg...) without
 * running Python code; VNULL if never set. */
Value rt_exc_field(VM *vm, Value exc, const char *name);
/* The printed form "Type: message" / "Type" (as traceback's last line). */
Value rt_exc_format_line(VM *vm, Value exc);
/* Print a CPython-shaped traceback for exc (with its chain) to `out`. */
void rt_print_exception(VM *vm, Value exc, void *file /* FILE* */);
/* The pending exception cannot propagate (a finalizer raised): print it on
 * stderr as CPython's "Exception ignored in: <repr of obj>" and clear it. */
void rt_write_unraisable(VM *vm, Value obj);
/* The same with CPython's "Exception ignored <context>: <repr of obj>". */
void rt_write_unraisable_msg(VM *vm, const char *context, Value obj);
/* Append a traceback entry for (code, line) in front of exc's chain. */
bool rt_traceback_add(VM *vm, Value exc, struct Code *code, uint32_t lineno);

#endif
