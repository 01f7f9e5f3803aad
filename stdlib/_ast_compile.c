/* stdlib/_ast_compile.c — ast objects back to minipy's C AST for
 * compile(tree, ...). */
#include "stdlib/_ast.h"
#include "runtime/errors.h"

AstModule *mp_ast_to_module(VM *vm, Arena *a, Value obj, const char *mode)
{
    rt_raise(vm, &rt_exc_NotImplementedError, "compile() of an AST object");
    return NULL;
}
