/* stdlib/posix.h — what the posix module's two files (stdlib/posix.c: files,
 * descriptors, the system; stdlib/posix_process.c: processes, ids) share,
 * and what _posixsubprocess uses: the steps around fork() and the
 * conversions exec needs. */
#ifndef MINIPY_POSIX_H
#define MINIPY_POSIX_H
#include <sys/types.h>
#include "runtime/object.h"

/* A path argument (CPython's path_t). */
typedef struct PathArg {
    const char *fname, *argname;
    bool nullable, allow_fd;
    Value object;      /* as given (the OSError filename) */
    const char *path;  /* NUL-terminated, or NULL (fd or None) */
    size_t len;
    int fd;            /* -1 unless an fd was given */
    bool is_bytes;
} PathArg;

/* Set up p for an argument of function fname; nullable: None allowed;
 * allow_fd: an int is a file descriptor. */
void mp_path_init(PathArg *p, const char *fname, const char *argname, bool nullable, bool allow_fd);
/* Convert v (str, bytes, os.PathLike, or an fd/None where allowed). */
bool mp_path_convert(VM *vm, Value v, PathArg *p);
/* OSError for errno naming p's path; for errno alone. */
Value mp_path_error(VM *vm, PathArg *p);
Value mp_posix_error(VM *vm);
/* Integer arguments in C int / int64 range, with CPython's messages. */
bool mp_posix_int(VM *vm, Value v, int *out);
bool mp_posix_i64(VM *vm, Value v, int64_t *out);
/* PEP 475: a system call interrupted by a signal runs the Python handlers,
 * then is retried unless one raised.  Use: do r = call; while (EINTR_RETRY(r)); */
#define EINTR_RETRY(r) ((r) < 0 && errno == EINTR && rt_check_signals(vm))
/* Before a call that may block: run the handlers of a signal that already
 * came (the eval loop checks only at backward jumps and Python calls). */
#define SIGNALS_FIRST() do { if (vm->interrupted && !rt_check_signals(vm)) return VNULL; } while (0)

/* posix_process.c's functions, added to the module by posix.c's init. */
extern const struct NativeDef mp_posix_process_functions[];

/* Before fork(): the before-hooks of register_at_fork, and every stdio
 * buffer flushed (the child would write the parent's pending text again). */
void mp_posix_before_fork(VM *vm);
/* After fork() in the parent (pid > 0) or the child (pid == 0): their hooks. */
void mp_posix_after_fork(VM *vm, pid_t pid);
/* A sequence of str/bytes/PathLike → malloc'd NULL-terminated array of
 * malloc'd strings (free with mp_free_cstr_array); NULL + exception. */
char **mp_seq_to_cstr_array(VM *vm, Value seq, const char *fname, const char *argname);
/* A mapping → "KEY=VALUE" strings, as CPython's parse_envlist. */
char **mp_env_to_cstr_array(VM *vm, Value env);
void mp_free_cstr_array(char **a);

#endif
