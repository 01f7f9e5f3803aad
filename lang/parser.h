/* lang/parser.h — source text to AST: the whole interface of lang/.
 * (lang/lexer.re drives lang/grammar.y token by token) */
#ifndef MINIPY_PARSER_H
#define MINIPY_PARSER_H
#include "lang/ast.h"

/* Parse src (need not be NUL-terminated).  Returns NULL and fills *err on a
 * SyntaxError/IndentationError/TabError, including invalid UTF-8, nesting
 * deeper than 200 brackets ("too many nested parentheses") and constructs
 * minipy refuses ("'async def' is not supported by minipy"). */
AstModule *lx_parse(Arena *arena, const char *src, size_t len, const char *filename,
                 ParseMode mode, SyntaxErrorInfo *err);

/* For source read from a file: false and *err filled (CPython's
 * "Non-UTF-8 code starting with ..." error, without a location) when the
 * bytes are not UTF-8. */
bool lx_check_file_utf8(const char *src, size_t len, const char *filename, SyntaxErrorInfo *err);

#endif
