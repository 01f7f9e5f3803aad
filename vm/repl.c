/* vm/repl.c — the interactive loop: `minipy` with a terminal on stdin, or
 * `minipy -i script.py` after the script.
 *
 * Lines are read with libedit (editing keys, history kept in
 * ~/.minipy_history, Tab completion of names and attributes).  A statement is
 * compiled in PARSE_SINGLE mode, so an expression statement echoes its repr
 * and binds `_` (PRINT_EXPR).  Input continues with "... " while the parser
 * says the text is incomplete (open bracket, trailing backslash, triple-quoted
 * string, a block header), and a compound statement continues until a blank
 * line, as in CPython.  Errors print a traceback and the session goes on.
 *
 * Ctrl-C: the SIGINT handler (installed by main) only sets vm->interrupted.
 * While code runs the VM turns that into KeyboardInterrupt; at the prompt the
 * interrupted read returns, and the flag tells it apart from Ctrl-D. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* editline's readline.h declares an old `Function` typedef that would clash
 * with the runtime's Function: rename it while including. */
#define Function rl_Function
#include <editline/readline.h>
#undef Function

#include "compiler/compiler.h"
#include "config.h"
#include "lang/parser.h"
#include "runtime/callable.h"
#include "stdlib/_io.h"
#include "runtime/object.h"
#include "runtime/state.h"
#include "vm/repl.h"
#include "vm/vm.h"

/* The VM and namespace Tab completion looks in (readline's callbacks take
 * no context argument, so this one pointer is the REPL's only global). */
static struct {
    VM *vm;
    Dict *globals;
} completion;

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    NULL,
};

/* ---- completion ---------------------------------------------------------- */

/* Candidate names for the word being completed, as a list of str (VNULL if
 * nothing applies).  "a.b.c" looks up a.b with getattr and lists dir(a.b). */
static Value completion_names(VM *vm, const char *text, size_t *prefix_len)
{
    const char *dot = strrchr(text, '.');
    if (!dot) {
        *prefix_len = 0;
        Value names = rt_list_new(vm, 0);
        Dict *scopes[2] = {completion.globals, vm->builtins};
        for (int s = 0; names && s < 2; s++) {
            Value k, v;
            for (size_t i = 0; rt_dict_next(scopes[s], &i, &k, &v);)
                if (v_is_str(k) && !rt_list_append(vm, names, k)) return VNULL;
        }
        for (int i = 0; names && keywords[i]; i++)
            if (!rt_list_append(vm, names, rt_str_intern_cstr(vm, keywords[i]))) return VNULL;
        return names;
    }
    /* Resolve the dotted prefix name by name; never evaluate calls. */
    *prefix_len = (size_t)(dot - text) + 1;
    char path[512];
    size_t n = (size_t)(dot - text);
    if (n >= sizeof path) return VNULL;
    memcpy(path, text, n);
    path[n] = '\0';
    char *save = NULL, *part = strtok_r(path, ".", &save);
    if (!part) return VNULL;
    Value name = rt_str_from_cstr(vm, part);
    Value obj = name ? rt_dict_get_str(completion.globals, name) : VNULL;
    if (!obj && name) obj = rt_dict_get_str(vm->builtins, name);
    while (obj && (part = strtok_r(NULL, ".", &save)) != NULL)
        obj = rt_getattr_opt(vm, obj, rt_str_from_cstr(vm, part));
    if (!obj) return VNULL;
    Value dir = rt_dict_get_cstr(vm, vm->builtins, "dir");
    return dir ? rt_call1(vm, dir, obj) : VNULL;
}

static char **complete(const char *text, int start, int end)
{
    VM *vm = completion.vm;
    rl_attempted_completion_over = 1; /* no file-name completion */
    size_t prefix_len = 0;
    Value names = completion_names(vm, text, &prefix_len);
    vm->exc = VNULL; /* completion never raises into the session */
    if (!names || !v_is(names, &rt_list_type)) return NULL;
    List *l = v_list(names);
    size_t want = strlen(text + prefix_len), count = 0;
    char **matches = calloc(l->len + 2, sizeof *matches);
    if (!matches) return NULL;
    for (size_t i = 0; i < l->len; i++) {
        if (!v_is_str(l->items[i])) continue;
        Str *s = v_str(l->items[i]);
        if (s->len < want || memcmp(s->data, text + prefix_len, want) != 0) continue;
        if (want == 0 && s->data[0] == '_') continue; /* as rlcompleter: hide privates */
        bool dup = false;
        for (size_t j = 1; j <= count && !dup; j++)
            dup = strcmp(matches[j] + prefix_len, s->data) == 0;
        if (dup) continue;
        char *m = malloc(prefix_len + s->len + 1);
        if (!m) break;
        memcpy(m, text, prefix_len);
        memcpy(m + prefix_len, s->data, s->len + 1);
        matches[++count] = m;
    }
    if (count == 0) {
        free(matches);
        return NULL;
    }
    /* matches[0] is the longest common prefix of all matches. */
    size_t common = strlen(matches[1]);
    for (size_t j = 2; j <= count; j++) {
        size_t k = 0;
        while (k < common && matches[j][k] == matches[1][k]) k++;
        common = k;
    }
    matches[0] = strndup(matches[1], common);
    return matches;
}

/* ---- reading --------------------------------------------------------------- */

static char history_path[PATH_MAX];

static void history_open(void)
{
    const char *home = getenv("HOME");
    if (!home || snprintf(history_path, sizeof history_path, "%s/.minipy_history", home) >=
                     (int)sizeof history_path) {
        history_path[0] = '\0';
        return;
    }
    using_history();
    read_history(history_path);
}

static void history_save(void)
{
    if (history_path[0]) write_history(history_path);
}

typedef enum { READ_LINE, READ_EOF, READ_INTERRUPT } ReadResult;

static ReadResult read_line(VM *vm, const char *prompt, char **out)
{
    mp_io_flush_std(vm);
    vm->interrupted = 0;
    char *line = readline(prompt);
    if (vm->interrupted) {
        /* consume the signal (the signal module's record of it too); at the
         * prompt Ctrl-C only discards the line */
        if (!rt_check_signals(vm))
            vm->exc = VNULL;
        free(line);
        return READ_INTERRUPT;
    }
    if (!line) return READ_EOF;
    *out = line;
    return READ_LINE;
}

static bool only_blank(const char *s);

/* input() when stdin and stdout are the terminal: libedit's editing and
 * history, as CPython's input() once the readline module is loaded. */
static char *input_readline(VM *vm, const char *prompt, bool *interrupted)
{
    char *line = NULL;
    ReadResult r = read_line(vm, prompt, &line);
    *interrupted = r == READ_INTERRUPT;
    if (r != READ_LINE)
        return NULL;
    if (!only_blank(line)) add_history(line);
    return line;
}

void vm_repl_install_input(VM *vm)
{
    vm->tty_readline = input_readline;
}

/* ---- running --------------------------------------------------------------- */

/* Print the pending exception's traceback; SystemExit ends the session. */
static bool report_error(VM *vm, int *exit_code)
{
    Value exc = vm->exc;
    if (rt_exc_matches(vm, exc, &rt_exc_SystemExit)) {
        *exit_code = vm_handle_uncaught(vm);
        return false;
    }
    vm->exc = VNULL;
    mp_io_flush_std(vm);
    rt_print_exception(vm, exc, stderr);
    return true;
}

/* Parse and run one complete statement; false when the session must end. */
static bool run_source(VM *vm, Dict *globals, const char *src, size_t len, int *exit_code)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    bool go_on = true;
    AstModule *mod = lx_parse(&arena, src, len, "<stdin>", PARSE_SINGLE, &err);
    Code *code = mod ? cg_compile(vm, mod, "<stdin>", vm->config.optimize, &err) : NULL;
    if (!code) {
        if (!vm->exc) cg_raise_syntax_error(vm, &err);
        go_on = report_error(vm, exit_code);
    } else if ((rt_code_set_filename(vm, code, rt_str_from_cstr(vm, "<stdin>")),
                !vm_run_code(vm, code, globals, VNULL))) {
        go_on = report_error(vm, exit_code);
    }
    ast_arena_free(&arena);
    return go_on;
}

/* What the parser makes of the text so far: complete, incomplete, or an
 * error (reported when the statement is run). */
enum { TEXT_COMPLETE, TEXT_INCOMPLETE, TEXT_ERROR };
static int parse_state(const char *src, size_t len)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    AstModule *mod = lx_parse(&arena, src, len, "<stdin>", PARSE_SINGLE, &err);
    ast_arena_free(&arena);
    return mod ? TEXT_COMPLETE : err.incomplete ? TEXT_INCOMPLETE : TEXT_ERROR;
}

/* Does this statement start a block (if/for/while/def/class/try/with/match
 * or a decorator)?  Those wait for a blank line even when already complete, as in
 * CPython's interactive mode. */
static bool starts_compound(const char *s)
{
    static const char *const heads[] = {"if", "for", "while", "def", "class", "try", "with", NULL};
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '@') return true;
    for (int i = 0; heads[i]; i++) {
        size_t n = strlen(heads[i]);
        if (strncmp(s, heads[i], n) == 0 && (s[n] == ' ' || s[n] == ':' || s[n] == '(' || s[n] == '\t'))
            return true;
    }
    /* The soft keyword: `match x:` opens a block, `match = 5` does not. */
    if (strncmp(s, "match", 5) == 0 && (s[5] == ' ' || s[5] == '(' || s[5] == '[' || s[5] == '\t')) {
        const char *end = strchr(s, '\n');
        if (!end) end = s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
        return end > s && end[-1] == ':';
    }
    return false;
}

static bool only_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t') return false;
    return true;
}

/* __main__'s namespace: the -i script's, or a fresh module. */
static Dict *repl_globals(VM *vm)
{
    Value m = rt_dict_get_str(vm->modules, vm->names.__main__);
    if (m && v_is(m, &rt_module_type)) return ((Module *)v_obj(m))->dict;
    Value mod = rt_module_new(vm, vm->names.__main__);
    if (!mod) return NULL;
    Dict *d = ((Module *)v_obj(mod))->dict;
    if (!rt_dict_set_str(vm, d, vm->names.__name__, vm->names.__main__) ||
        !rt_dict_set_str(vm, d, vm->names.__doc__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__builtins__, vm->builtins_module) ||
        !rt_dict_set_str(vm, vm->modules, vm->names.__main__, mod))
        return NULL;
    return d;
}

int vm_repl(VM *vm)
{
    Dict *globals = repl_globals(vm);
    if (!globals) return vm_handle_uncaught(vm);
    completion.vm = vm;
    completion.globals = globals;
    rl_readline_name = "minipy";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,[]+-*/%^~:)}";
    history_open();
    if (!vm->config.quiet)
        fprintf(stderr, "minipy %s (a Python 3.11 subset); Ctrl-D or exit() to leave\n", MINIPY_VERSION);

    StrBuf buf;
    sb_init(&buf);
    int exit_code = 0;
    bool running = true;
    while (running) {
        char *line = NULL;
        ReadResult r = read_line(vm, buf.len ? "... " : ">>> ", &line);
        if (r == READ_INTERRUPT) {
            fputs("\nKeyboardInterrupt\n", stderr);
            buf.len = 0;
            continue;
        }
        if (r == READ_EOF) {
            fputc('\n', stdout);
            break;
        }
        bool blank = only_blank(line);
        if (!blank) add_history(line);
        if (buf.len == 0 && blank) {
            free(line);
            continue;
        }
        if (!sb_adds(vm, &buf, line) || !sb_addc(vm, &buf, '\n')) {
            free(line);
            running = report_error(vm, &exit_code);
            buf.len = 0;
            continue;
        }
        free(line);
        /* A simple statement runs once it is complete; a block waits for a
         * blank line. */
        int state = parse_state(buf.data, buf.len);
        if (state == TEXT_INCOMPLETE || (state == TEXT_COMPLETE && !blank && starts_compound(buf.data)))
            continue;
        running = run_source(vm, globals, buf.data, buf.len, &exit_code);
        buf.len = 0;
    }
    sb_free(&buf);
    history_save();
    mp_io_flush_std(vm);
    return exit_code;
}
