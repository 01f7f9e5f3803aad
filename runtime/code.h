/* runtime/code.h — code objects: what the compiler produces, marshal
 * stores, and the eval loop runs.  (runtime/code.c) */
#ifndef MINIPY_CODE_H
#define MINIPY_CODE_H
#include "runtime/object.h"

/* An instruction is one 32-bit word: opcode in the low 8 bits, operand in
 * the high 24 (vm/opcodes.def).  Jump operands are absolute instruction
 * indexes. */
typedef uint32_t Insn;
#define INSN(op, arg) ((Insn)(op) | ((Insn)(arg) << 8))
#define INSN_OP(w) ((w) & 0xffu)
#define INSN_ARG(w) ((w) >> 8)
#define INSN_ARG_MAX 0xffffffu

/* Exception table entry: an exception raised by an instruction in
 * [start, end) unwinds the operand stack to `depth` values, pushes the
 * exception and jumps to `handler`.  The first matching entry wins; the
 * compiler lists inner ranges before outer ones. */
typedef struct ExcEntry {
    uint32_t start, end, handler, depth;
} ExcEntry;

enum {
    CO_VARARGS = 1 << 0,
    CO_VARKEYWORDS = 1 << 1,
    CO_GENERATOR = 1 << 2,
    CO_NESTED = 1 << 3,
    CO_MODULE = 1 << 4,   /* module body: names go to globals */
    CO_CLASS = 1 << 5,    /* class body: LOAD_NAME/STORE_NAME on the class namespace */
    CO_HAS_DOCSTRING = 1 << 6, /* added by compiler: consts[0] is the docstring */
    /* CPython's values: */
    CO_COROUTINE = 0x80,          /* async def: calling it makes a coroutine */
    CO_ITERABLE_COROUTINE = 0x100, /* a generator that `await` accepts (types.coroutine) */
    CO_ASYNC_GENERATOR = 0x200,   /* async def with yield */
};
/* Calling a function with one of these makes a generator-like object. */
#define CO_GENLIKE (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

/* The rest of an instruction's source span beyond its line (CPython's
 * co_positions): columns are 0-based UTF-8 byte offsets, -1 unknown. */
typedef struct CodeSpan {
    uint32_t end_line;
    int32_t col, end_col;
} CodeSpan;

typedef struct Code {
    Obj hdr;
    Insn *insns;
    uint32_t ninsns;
    uint32_t *lines;        /* source line of each instruction */
    CodeSpan *spans;        /* and the rest of its span; NULL: lines only */
    ExcEntry *exctable;
    uint32_t nexc;
    Value consts;           /* tuple */
    Value names;            /* tuple of interned str: globals, attributes, imports */
    Value varnames;         /* tuple of str: parameters first, then other locals */
    Value cellvars;         /* tuple of str: locals captured by inner functions */
    Value freevars;         /* tuple of str: captured from enclosing functions */
    Value name, qualname;   /* str */
    Value filename;         /* str; fixed up at load time, not marshalled */
    uint32_t argcount;      /* positional parameters (incl. positional-only) */
    uint32_t posonlyargcount;
    uint32_t kwonlyargcount;
    uint32_t nlocals;       /* len(varnames) */
    uint32_t ncells, nfrees;
    uint32_t stacksize;     /* maximum operand stack depth */
    uint32_t flags;         /* CO_* */
    uint32_t firstlineno;
    uint32_t ncaches;       /* inline cache slots (runtime only) */
    void *caches;           /* eval loop's inline caches, allocated lazily */
} Code;

/* Allocates a code object that owns copies of insns/lines/exctable. */
Code *rt_code_new(VM *vm, const Insn *insns, uint32_t ninsns, const uint32_t *lines,
                  const ExcEntry *exc, uint32_t nexc);
uint32_t rt_code_line(const Code *code, uint32_t insn_index);
/* Give code a copy of spans (ninsns entries); false + MemoryError. */
bool rt_code_set_spans(VM *vm, Code *code, const CodeSpan *spans);
/* The full position of an instruction: line, end line, columns (-1 unknown). */
void rt_code_position(const Code *code, uint32_t insn_index, uint32_t *line, uint32_t *end_line,
                      int32_t *col, int32_t *end_col);
/* Set filename on code and, recursively, on every code in its consts. */
void rt_code_set_filename(VM *vm, Code *code, Value filename);

#endif
