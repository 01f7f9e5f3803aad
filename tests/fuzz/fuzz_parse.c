/* tests/fuzz/fuzz_parse.c — libFuzzer target: any bytes as source text, parsed
 * as a module and as a REPL statement, and compiled when they parse.  The
 * promise under test: any text gives a clean SyntaxError, never a crash. */
#include <stddef.h>
#include <stdint.h>

#include "compiler/compiler.h"
#include "lang/parser.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(VM *vm, const uint8_t *data, size_t size, ParseMode mode)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err = {0};
    AstModule *mod = lx_parse(&arena, (const char *)data, size, "<fuzz>", mode, &err);
    if (mod) {
        fuzz_begin(vm);
        SyntaxErrorInfo cerr = {0};
        (void)cg_compile(vm, mod, "<fuzz>", 0, &cerr);
        fuzz_end(vm);
    }
    ast_arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    VM *vm = fuzz_vm();
    one(vm, data, size, PARSE_FILE);
    one(vm, data, size, PARSE_SINGLE);
    return 0;
}
