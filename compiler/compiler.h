/* compiler/compiler.h — AST to code objects: the whole interface of compiler/.
 * (compiler/symtable.c, compiler/codegen.c, compiler/fold.c) */
#ifndef MINIPY_COMPILER_H
#define MINIPY_COMPILER_H
#include "lang/ast.h"
#include "runtime/code.h"
#include "runtime/object.h"

/* Compile a parsed module.  optimize: 0, 1 (-O: no asserts, __debug__ is
 * False), 2 (-OO: also no docstrings).  Returns NULL on a compile-time
 * error (err filled: "'return' outside function", unsupported constructs...)
 * or with vm->exc set (MemoryError). */
Code *cg_compile(VM *vm, const AstModule *mod, const char *filename, int optimize,
                 SyntaxErrorInfo *err);

/* Parse + compile; a syntax error is raised as SyntaxError in vm->exc. */
Code *cg_compile_source(VM *vm, const char *src, size_t len, const char *filename,
                        ParseMode mode, int optimize);

/* Raise the SyntaxError (IndentationError, TabError) that err describes,
 * with CPython's (filename, lineno, offset, text, end_lineno, end_offset). */
Value cg_raise_syntax_error(VM *vm, const SyntaxErrorInfo *err);

/* The traceback's caret anchors (CPython's extract_anchors_from_line):
 * when segment (one line's span of a failing instruction) parses as a
 * single binary operation or subscript, the byte range of the operator or
 * of the brackets within it, and true. */
bool cg_caret_anchors(const char *segment, size_t len, int64_t *left, int64_t *right);
/* Fill err->text with the source line err->lineno names (if not yet set). */
void cg_fill_error_text(SyntaxErrorInfo *err, const char *src, size_t len);

/* cg_compile_source for the text of a file (a module or the main script):
 * bytes that are not UTF-8 get the file form of the error. */
Code *cg_compile_file(VM *vm, const char *src, size_t len, const char *filename, int optimize);

#endif
