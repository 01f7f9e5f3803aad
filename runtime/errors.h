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
    X(Exception, BaseException)                       \
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
    X(Warning, Exception)                             \
    X(DeprecationWarning, Warning)                    \
    X(RuntimeWarning, Warning)                        \
    X(UserWarning, Warning)

#define X(name, base) extern Type rt_exc_##name;
RT_EXCEPTIONS(X)
#undef X

/* Create an exception instance of `type` with args (a tuple). */
Value rt_exc_new(VM *vm, Type *type, Value args);
/* Raise: set vm->exc (adding __context__ from the exception being handled)
 * and return VNULL so callers can `return rt_raise(...)`. */
Value rt_raise(VM *vm, Type *type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Value rt_raise_value(VM *vm, Value exc);   /* exc: instance, or a class to instantiate */
Value rt_raise_str(VM *vm, Type *type, Value msg); /* msg: any value (KeyError(key)) */
Value rt_raise_oserror(VM *vm, int err, const char *filename); /* errno → subclass, CPython message */
Value rt_no_memory(VM *vm);                /* MemoryError without allocating */
bool rt_exc_matches(VM *vm, Value exc, Type *type); /* isinstance(exc, type) */
/* vm->exc is an instance of `type`: clear it and return true. */
bool rt_exc_clear_if(VM *vm, Type *type);
/* The printed form "Type: message" / "Type" (as traceback's last line). */
Value rt_exc_format_line(VM *vm, Value exc);
/* Print a CPython-shaped traceback for exc (with its chain) to `out`. */
void rt_print_exception(VM *vm, Value exc, void *file /* FILE* */);
/* The pending exception cannot propagate (a finalizer raised): print it on
 * stderr as CPython's "Exception ignored in: <repr of obj>" and clear it. */
void rt_write_unraisable(VM *vm, Value obj);
struct SyntaxErrorInfo;
Value rt_raise_syntax_error(VM *vm, const struct SyntaxErrorInfo *info);
/* Append a traceback entry for (code, line) in front of exc's chain. */
bool rt_traceback_add(VM *vm, Value exc, struct Code *code, uint32_t lineno);

#endif
