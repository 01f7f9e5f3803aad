/* vm/dis.h — the disassembler behind the `dis` module: CPython-shaped
 * listings of minipy code objects (vm/dis.c). */
#ifndef MINIPY_DIS_H
#define MINIPY_DIS_H
#include "runtime/object.h"
#include "runtime/code.h"

/* Append the listing of code, then (recursively) of every code object in
 * its constants, to out.  False with vm->exc set on error. */
bool vm_dis_code(VM *vm, Code *code, StrBuf *out);
/* Name of opcode op ("<N>" style NULL when out of range). */
const char *vm_dis_opname(int op);
/* The "<code object NAME, file "F", line N>" form used in listings. */
bool vm_dis_code_repr(VM *vm, Code *code, StrBuf *out);

#endif
