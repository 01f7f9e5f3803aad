/* vm/verify.h — the bytecode verifier for code loaded from .pyc files
 * (DESIGN.md §6).  (vm/verify.c)
 *
 * Checks, for a code object and every code object among its constants:
 * opcodes exist; operands suit their kind in vm/opcodes.def (constant, name,
 * local and cell indexes in range, jump targets on instructions, NONE
 * operands zero, operator numbers known); the exception table's ranges and
 * handlers; the line table; counts against the name tuples; constant types;
 * and, by abstract interpretation along every path (handlers entered with
 * their depth + 1), that the stack never drops below zero nor rises above
 * stacksize, that the "null" marker only reaches the slots that accept it,
 * and that values the eval loop trusts without checking (list under
 * LIST_APPEND, code under MAKE_FUNCTION, cell tuples for closures, str
 * under BUILD_STRING, kwnames tuples, the exception under PUSH_EXC_INFO)
 * have the right kind.  Code the compiler produces always passes. */
#ifndef MINIPY_VERIFY_H
#define MINIPY_VERIFY_H
#include "runtime/code.h"

/* NULL when code is well-formed, else a static reason string.  Does not
 * allocate objects or raise. */
const char *vm_verify_code(VM *vm, const Code *code);

#endif
