/* vm/repl.h — the interactive loop (vm/repl.c). */
#ifndef MINIPY_REPL_H
#define MINIPY_REPL_H
#include "runtime/object.h"

/* Read-eval-print on stdin until EOF or SystemExit, in __main__'s namespace
 * (created if -i did not run a program first).  Returns the exit status. */
int vm_repl(VM *vm);
/* Let input() read through libedit when stdin and stdout are a terminal. */
void vm_repl_install_input(VM *vm);

#endif
