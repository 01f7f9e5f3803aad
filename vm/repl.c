/* vm/repl.c — a minimal interactive loop: prompts, multi-line statements,
 * echo of expression values (PARSE_SINGLE compiles them to PRINT_EXPR),
 * tracebacks that do not end the session.  (A fuller REPL with line editing
 * is planned to replace this file.) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "config.h"
#include "lang/parser.h"
#include "runtime/callable.h"
#include "runtime/file.h"
#include "runtime/state.h"
#include "vm/repl.h"
#include "vm/vm.h"

static Dict *repl_globals(VM *vm)
{
    Value m = rt_dict_get_str(vm->modules, vm->names.__main__);
    if (m && v_is(m, &rt_module_type))
        return ((Module *)v_obj(m))->dict;
    Value mod = rt_module_new(vm, vm->names.__main__);
    if (!mod)
        return NULL;
    Dict *d = ((Module *)v_obj(mod))->dict;
    if (!rt_dict_set_str(vm, d, vm->names.__name__, vm->names.__main__) ||
        !rt_dict_set_str(vm, d, vm->names.__doc__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__builtins__, vm->builtins_module) ||
        !rt_dict_set_str(vm, vm->modules, vm->names.__main__, mod))
        return NULL;
    return d;
}

/* Print and clear the pending exception; true if it was SystemExit
 * (then *status is the exit status). */
static bool report(VM *vm, int *status)
{
    if (!vm->exc)
        return false;
    bool exiting = rt_isinstance_type(vm->exc, &rt_exc_SystemExit);
    int s = vm_handle_uncaught(vm);
    if (exiting)
        *status = s;
    return exiting;
}

/* Parse (to see whether more lines are needed), compile and run one entry.
 * Returns 1 when it needs more input, else 0. */
static int run_entry(VM *vm, Dict *globals, const char *src, size_t len, bool final)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    AstModule *mod = lx_parse(&arena, src, len, "<stdin>", PARSE_SINGLE, &err);
    if (!mod) {
        ast_arena_free(&arena);
        if (err.incomplete && !final)
            return 1;
        rt_raise_syntax_error(vm, &err);
        return 0;
    }
    memset(&err, 0, sizeof err);
    Code *code = cg_compile(vm, mod, "<stdin>", vm->config.optimize, &err);
    ast_arena_free(&arena);
    if (!code) {
        if (!vm->exc)
            rt_raise_syntax_error(vm, &err);
        return 0;
    }
    rt_code_set_filename(vm, code, rt_str_from_cstr(vm, "<stdin>"));
    vm_run_code(vm, code, globals, VNULL);
    return 0;
}

int vm_repl(VM *vm)
{
    Dict *globals = repl_globals(vm);
    int status = 0;
    if (!globals) {
        report(vm, &status);
        return 1;
    }
    bool tty = isatty(0);
    if (!vm->config.quiet && tty)
        fprintf(stderr, "minipy %s (a subset of Python 3.11)\n"
                        "Type \"exit()\" or Ctrl-D to leave.\n", MINIPY_VERSION);
    StrBuf buf;
    sb_init(&buf);
    char line[4096];
    bool block = false; /* a compound statement: ends at an empty line */
    for (;;) {
        fputs(buf.len ? "... " : ">>> ", stdout);
        fflush(stdout);
        vm->interrupted = 0;
        if (!fgets(line, sizeof line, stdin)) {
            if (ferror(stdin) && errno == EINTR) {
                clearerr(stdin);
                vm->interrupted = 0;
                fputs("\nKeyboardInterrupt\n", stderr);
                buf.len = 0;
                block = false;
                continue;
            }
            if (buf.len)
                run_entry(vm, globals, buf.data, buf.len, true);
            if (report(vm, &status))
                break;
            if (tty)
                fputc('\n', stdout);
            break;
        }
        size_t n = strlen(line);
        bool blank = strspn(line, " \t\r\n") == n;
        if (buf.len == 0 && blank)
            continue;
        if (!sb_add(vm, &buf, line, n)) {
            vm->exc = VNULL;
            break;
        }
        if (buf.len == n) {
            /* first line: a compound statement header waits for a blank line */
            size_t e = n;
            while (e && (line[e - 1] == '\n' || line[e - 1] == ' ' || line[e - 1] == '\r'))
                e--;
            block = e && line[e - 1] == ':';
        }
        if (block && !blank)
            continue;
        if (run_entry(vm, globals, buf.data, buf.len, block))
            continue;
        buf.len = 0;
        block = false;
        if (report(vm, &status))
            break;
        rt_file_flush_std(vm);
    }
    sb_free(&buf);
    return status;
}
