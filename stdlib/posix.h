/* stdlib/posix.h — what stdlib/posix.c shares with _posixsubprocess and
 * _signal: the steps around fork() and the conversions exec needs. */
#ifndef MINIPY_POSIX_H
#define MINIPY_POSIX_H
#include <sys/types.h>
#include "runtime/object.h"

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
