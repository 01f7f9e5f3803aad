/* runtime/file.h — file objects (open(), sys.stdout & co), backed by stdio.
 * (runtime/file.c) */
#ifndef MINIPY_FILE_H
#define MINIPY_FILE_H
#include <stdio.h>
#include "runtime/object.h"

/* '_io.TextIOWrapper' and the binary variants share one layout. */
typedef struct File {
    Obj hdr;
    FILE *fp;         /* NULL once closed */
    Value name;       /* str (or int for fds) */
    Value mode;       /* str as given to open() */
    Value encoding;   /* str (text files) */
    bool binary, readable, writable, closed;
    bool std;         /* stdin/stdout/stderr: close() only flushes */
    bool raw_newlines;/* newline='' or '\n': no "\r\n"/"\r" translation on input */
    struct File *prev_open, *next_open; /* open writable files (see rt_file_flush_all) */
} File;

extern Type rt_textfile_type, rt_bufreader_type, rt_bufwriter_type, rt_bufrandom_type;

/* Ready the file types (called from mp_builtins_init). */
bool rt_file_init(VM *vm);
/* Write a str's text to fp.  Lone surrogates (which UTF-8 cannot hold) go
 * through the codec: surrogateescape on the standard streams (CPython's
 * choice under the C and C.UTF-8 locales), strict on other files. */
bool rt_file_put_text(VM *vm, FILE *fp, Value str, bool std);
/* Wrap an already open FILE. */
Value rt_file_new(VM *vm, FILE *fp, Value name, const char *mode, bool binary, bool std);
/* The three standard streams (sets vm->stdin_file etc., sets stdout's buffering). */
bool rt_file_init_std(VM *vm);
/* open(file, mode='r', buffering=-1, encoding=None, ...) */
Value rt_file_open(VM *vm, int argc, Value *argv, Value kwnames);
/* If v is an open, writable text File: its FILE (print's fast path); else NULL. */
FILE *rt_file_text_out(Value v);
/* If v is an open, readable text File: its FILE; else NULL. */
FILE *rt_file_text_in(Value v);
/* readline() on a text file: str without limit ('' at EOF), VNULL on error. */
Value rt_file_readline(VM *vm, File *f);
bool rt_is_file(Value v);
/* Flush every open writable file: CPython closes an unreferenced file at
 * once (refcounting), so `open(p, 'w').write(s)` then reading p works; we
 * flush pending writes whenever a file is opened instead. */
void rt_file_flush_all(void);
/* Flush sys.stdout/sys.stderr's FILEs (before tracebacks and at exit). */
void rt_file_flush_std(VM *vm);

#endif
