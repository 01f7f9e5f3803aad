/* stdlib/_ast.h — what compile() needs of the _ast module: the PyCF_* flags,
 * minipy's C AST as ast node objects, and node objects back to a C AST.
 * (stdlib/_ast.c, stdlib/_ast_compile.c, stdlib/_ast_validate.c) */
#ifndef MINIPY_AST_MODULE_H
#define MINIPY_AST_MODULE_H
#include "lang/ast.h"
#include "runtime/object.h"

enum {
    MP_PYCF_ONLY_AST = 0x400,
    MP_PYCF_TYPE_COMMENTS = 0x1000,
    MP_PYCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000,
};

/* The tree m as ast objects (Module, Expression or Interactive); builds
 * the _ast module first if needed.  VNULL with an exception on failure. */
Value mp_ast_from_module(VM *vm, const AstModule *m);

/* compile(src, ..., PyCF_ONLY_AST): parse and convert; SyntaxError raised
 * as compile() raises it. */
Value mp_ast_parse(VM *vm, const char *src, size_t len, const char *filename, ParseMode mode);

/* Is v an instance of ast.AST (false before _ast is first imported)? */
bool mp_ast_is_node(Value v);

/* Convert the ast object tree `obj` for compile() in mode ("exec", "eval",
 * "single", "func_type") into a C AST in arena a, validated as CPython's
 * PyAST_Validate does.  NULL with TypeError/ValueError raised otherwise.
 * Constants the C AST cannot spell (tuples, complex...) are referenced as
 * CONST_OBJECT from *keep_list, which the caller keeps alive while the C
 * AST is in use. */
AstModule *mp_ast_to_module(VM *vm, Arena *a, Value obj, const char *mode, Value *keep_list);

/* CPython's PyAST_Validate on a converted tree (stdlib/_ast_validate.c). */
bool mp_ast_validate(VM *vm, const AstModule *m);

#endif
