/* stdlib/builtins_more.c — builtins that look at the running program or
 * reach outside it: globals/locals/vars/dir, iter(callable, sentinel),
 * input/open, exec/eval/compile, __import__, exit, and the iterator
 * constructors (enumerate, zip, map, filter, reversed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "stdlib/builtins.h"
#include "runtime/callable.h"
#include "stdlib/_io.h"
#include "runtime/frameobject.h"
#include "runtime/state.h"
#include "stdlib/_ast.h"
#include "vm/import.h"
#include "vm/vm.h"

/* ---- namespaces ------------------------------------------------------------------ */

static Value caller_globals(VM *vm)
{
    if (vm->frame && vm->frame->globals)
        return v_from(vm->frame->globals);
    /* No Python frame (called from C at top level): the __main__ namespace. */
    Value m = rt_dict_get_str(vm->modules, vm->names.__main__);
    if (m && v_is(m, &rt_module_type))
        return v_from(((Module *)v_obj(m))->dict);
    return v_from(vm->builtins);
}

Value mp_frame_locals(VM *vm)
{
    Frame *f = vm->frame;
    if (!f)
        return caller_globals(vm);
    return rt_frame_locals(vm, f);
}

static Value bi_globals(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "globals", argc, 0, 0) ? caller_globals(vm) : VNULL;
}

static Value bi_locals(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "locals", argc, 0, 0) ? mp_frame_locals(vm) : VNULL;
}

static Value bi_vars(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "vars", argc, 0, 1))
        return VNULL;
    if (argc == 0)
        return mp_frame_locals(vm);
    Value o = argv[0];
    if (v_is(o, &rt_module_type))
        return v_from(((Module *)v_obj(o))->dict);
    Value d = rt_getattr(vm, o, vm->names.__dict__);
    if (!d && rt_exc_clear_if(vm, &rt_exc_AttributeError))
        return rt_raise(vm, &rt_exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

static bool add_keys(VM *vm, Dict *names, Dict *src)
{
    if (!src)
        return true;
    Value k, v;
    for (size_t i = 0; rt_dict_next(src, &i, &k, &v);)
        if (!rt_dict_set(vm, names, k, rt_None))
            return false;
    return true;
}

static Value bi_dir(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "dir", argc, 0, 1))
        return VNULL;
    Value keys;
    if (argc == 0) {
        Value loc = mp_frame_locals(vm);
        if (!loc)
            return VNULL;
        keys = v_is(loc, &rt_dict_type) ? rt_dict_keys_list(vm, v_dict(loc))
                                         : rt_list_from_iter(vm, loc);
    } else {
        Value o = argv[0];
        Type *t = v_type(o);
        Value dname = rt_str_intern_cstr(vm, "__dir__");
        Value custom = (t->flags & TF_CLASS) ? rt_lookup_special(vm, o, dname) : VNULL;
        /* PEP 562: a module's own __dir__ function. */
        if (!custom && !vm->exc && v_is(o, &rt_module_type))
            custom = rt_dict_get_str(((Module *)v_obj(o))->dict, dname);
        if (!custom && vm->exc)
            return VNULL;
        if (custom) {
            Value r = rt_call0(vm, custom);
            keys = r ? rt_list_from_iter(vm, r) : VNULL;
        } else {
            Value nd = rt_dict_new(vm);
            if (!nd)
                return VNULL;
            Dict *names = v_dict(nd);
            if (v_is(o, &rt_module_type)) {
                if (!add_keys(vm, names, ((Module *)v_obj(o))->dict))
                    return VNULL;
            } else {
                if (v_is_obj(o) && rt_isinstance_type(o, &rt_type_type)) {
                    t = (Type *)v_obj(o);
                } else {
                    Value d = rt_getattr_opt(vm, o, vm->names.__dict__);
                    if (!d && vm->exc)
                        vm->exc = VNULL;
                    if (d && v_is(d, &rt_dict_type) && !add_keys(vm, names, v_dict(d)))
                        return VNULL;
                }
                Tuple *mro = v_tuple(t->mro);
                for (size_t i = 0; i < mro->len; i++)
                    if (!add_keys(vm, names, ((Type *)v_obj(mro->items[i]))->dict))
                        return VNULL;
            }
            keys = rt_dict_keys_list(vm, names);
        }
    }
    if (!keys || !rt_list_sort(vm, keys, rt_None, false))
        return VNULL;
    return keys;
}

/* ---- iter(obj) and iter(callable, sentinel) -------------------------------------------- */

typedef struct CallIter {
    Obj hdr;
    Value func;     /* VNULL once exhausted */
    Value sentinel;
} CallIter;

static void calliter_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((CallIter *)o)->func);
    rt_gc_mark(vm, ((CallIter *)o)->sentinel);
}

static Value calliter_iter(VM *vm, Value v) { return v; }

static Value calliter_next(VM *vm, Value v)
{
    CallIter *ci = (CallIter *)v_obj(v);
    if (!ci->func)
        return VNULL;
    Value r = rt_call0(vm, ci->func);
    if (!r) {
        if (rt_exc_clear_if(vm, &rt_exc_StopIteration))
            ci->func = VNULL;
        return VNULL;
    }
    int eq = rt_eq(vm, r, ci->sentinel);
    if (eq < 0)
        return VNULL;
    if (eq) {
        ci->func = VNULL;
        return VNULL;
    }
    return r;
}

static Type calliter_type = {
    .name = "callable_iterator",
    .instance_size = sizeof(CallIter),
    .trace = calliter_trace,
    .iter = calliter_iter,
    .next = calliter_next,
};

static Value bi_iter(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "iter", argc, 1, 2))
        return VNULL;
    if (argc == 1)
        return rt_iter(vm, argv[0]);
    if (!v_type(argv[0])->call)
        return rt_raise(vm, &rt_exc_TypeError, "iter(v, w): v must be callable");
    CallIter *ci = rt_alloc(vm, &calliter_type, sizeof(CallIter));
    if (!ci)
        return VNULL;
    ci->func = argv[0];
    ci->sentinel = argv[1];
    return v_from(ci);
}

/* ---- input and open ----------------------------------------------------------------- */

static Value sys_get(VM *vm, const char *name)
{
    if (!vm->sys_module)
        return VNULL;
    return rt_dict_get_str(((Module *)v_obj(vm->sys_module))->dict, rt_str_intern_cstr(vm, name));
}

/* input() on the terminal: the prompt and the line go through libedit. */
static Value input_tty(VM *vm, int argc, Value *argv)
{
    const char *prompt = "";
    if (argc == 1) {
        Value p = rt_str(vm, argv[0]);
        if (!p)
            return VNULL;
        if (strlen(v_cstr(p)) != v_str(p)->len)
            return rt_raise(vm, &rt_exc_ValueError, "input: prompt string cannot contain null characters");
        prompt = v_cstr(p);
    }
    mp_io_flush_std(vm);
    bool interrupted = false;
    char *line = vm->tty_readline(vm, prompt, &interrupted);
    if (interrupted)
        return rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
    if (!line)
        return rt_raise(vm, &rt_exc_EOFError, "EOF when reading a line");
    Value r = rt_str_from_cstr(vm, line);
    free(line);
    return r;
}

static Value bi_input(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "input", argc, 0, 1))
        return VNULL;
    Value out = sys_get(vm, "stdout"), in = sys_get(vm, "stdin");
    if (!in || in == rt_None)
        return rt_raise(vm, &rt_exc_RuntimeError, "input(): lost sys.stdin");
    if (!out || out == rt_None)
        return rt_raise(vm, &rt_exc_RuntimeError, "input(): lost sys.stdout");
    if (vm->tty_readline && in == vm->stdin_file && out == vm->stdout_file && isatty(0) && isatty(1))
        return input_tty(vm, argc, argv);
    /* CPython flushes sys.stderr, writes the prompt to sys.stdout and
     * flushes it, then reads a line of sys.stdin. */
    Value err = sys_get(vm, "stderr");
    if (err && err != rt_None && !rt_call_method(vm, err, "flush", 0, NULL))
        vm->exc = VNULL;
    if (argc == 1) {
        Value p = rt_str(vm, argv[0]);
        if (!p || !rt_call_method(vm, out, "write", 1, &p))
            return VNULL;
    }
    if (!rt_call_method(vm, out, "flush", 0, NULL))
        return VNULL;
    Value line = mp_io_readline(vm, in);
    if (!line)
        return VNULL;
    if (!v_is_str(line))
        return rt_raise(vm, &rt_exc_TypeError, "object.readline() returned non-string");
    Str *s = v_str(line);
    if (s->len == 0)
        return rt_raise(vm, &rt_exc_EOFError, "EOF when reading a line");
    if (s->data[s->len - 1] == '\n')
        return rt_str_new(vm, s->data, s->len - 1);
    return line;
}


/* ---- exec / eval / compile ---------------------------------------------------------- */

static Code *source_code(VM *vm, Value src, const char *who, const char *filename,
                         ParseMode mode)
{
    if (v_is(src, &rt_code_type))
        return (Code *)v_obj(src);
    const char *s;
    size_t len;
    if (v_is_str(src)) {
        s = v_cstr(src);
        len = v_str(src)->len;
    } else if (v_is(src, &rt_bytes_type)) {
        s = (const char *)((Bytes *)v_obj(src))->data;
        len = ((Bytes *)v_obj(src))->len;
    } else {
        rt_raise(vm, &rt_exc_TypeError, "%s() arg 1 must be a string, bytes or code object", who);
        return NULL;
    }
    if (memchr(s, 0, len)) {
        rt_raise(vm, &rt_exc_SyntaxError, "source code string cannot contain null bytes");
        return NULL;
    }
    if (mode == PARSE_EVAL) /* eval() ignores leading blanks, as CPython */
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
    return cg_compile_source(vm, s, len, filename, mode, vm->config.optimize);
}

static bool is_mapping(Value v)
{
    return v_type(v)->getitem != NULL;
}

/* Globals/locals for exec and eval: the caller's when none are given. */
static bool run_namespaces(VM *vm, Value *g, Value *l)
{
    if (*g == rt_None) {
        *g = caller_globals(vm);
        if (*l == rt_None && !(*l = mp_frame_locals(vm)))
            return false;
    } else if (*l == rt_None) {
        *l = *g;
    }
    Dict *gd = v_dict(*g);
    if (!rt_dict_get_str(gd, vm->names.__builtins__) &&
        !rt_dict_set_str(vm, gd, vm->names.__builtins__, vm->builtins_module))
        return false;
    return true;
}

static Value bi_eval(VM *vm, int argc, Value *argv, Value kw)
{
    if (!mp_check_positional(vm, "eval", argc, 1, 3))
        return VNULL;
    Value g = argc > 1 ? argv[1] : rt_None, l = argc > 2 ? argv[2] : rt_None;
    if (g != rt_None && !v_is(g, &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError,
                        is_mapping(g) ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                      : "globals must be a dict");
    if (l != rt_None && !is_mapping(l))
        return rt_raise(vm, &rt_exc_TypeError, "locals must be a mapping");
    Code *code = source_code(vm, argv[0], "eval", "<string>", PARSE_EVAL);
    if (!code || !run_namespaces(vm, &g, &l))
        return VNULL;
    return vm_run_code(vm, code, v_dict(g), l);
}

static Value bi_exec(VM *vm, int argc, Value *argv, Value kwnames)
{
    /* exec(source, globals=None, locals=None, /, *, closure=None) */
    if (argc > 3)
        return rt_raise(vm, &rt_exc_TypeError,
                        "exec() takes at most 3 positional arguments (%d given)", argc);
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError,
                        "exec() takes at least 1 positional argument (0 given)");
    Value a[4] = {argv[0], argc > 1 ? argv[1] : VNULL, argc > 2 ? argv[2] : VNULL, VNULL};
    for (size_t i = 0; kwnames && i < v_tuple(kwnames)->len; i++) {
        const char *k = v_cstr(v_tuple(kwnames)->items[i]);
        if (strcmp(k, "closure"))
            return rt_raise(vm, &rt_exc_TypeError,
                            "'%s' is an invalid keyword argument for exec()", k);
        a[3] = argv[argc + i];
    }
    Value closure = a[3] && a[3] != rt_None ? a[3] : VNULL;
    Value g = a[1] ? a[1] : rt_None, l = a[2] ? a[2] : rt_None;
    if (g != rt_None && !v_is(g, &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "exec() globals must be a dict, not %s",
                        rt_type_name(g));
    if (l != rt_None && !is_mapping(l))
        return rt_raise(vm, &rt_exc_TypeError, "locals must be a mapping or None, not %s",
                        rt_type_name(l));
    if (v_is(a[0], &rt_code_type)) {
        /* CPython 3.11's rules for closure=: exactly one cell per free
         * variable of the code, and none for code without any. */
        uint32_t nfree = ((Code *)v_obj(a[0]))->nfrees;
        if (!nfree && closure)
            return rt_raise(vm, &rt_exc_TypeError, "cannot use a closure with this code object");
        if (nfree) {
            bool ok = closure && v_is(closure, &rt_tuple_type) && v_tuple(closure)->len == nfree;
            for (uint32_t i = 0; ok && i < nfree; i++)
                ok = v_is(v_tuple(closure)->items[i], &rt_cell_type);
            if (!ok)
                return rt_raise(vm, &rt_exc_TypeError,
                                "code object requires a closure of exactly length %u", nfree);
        }
    } else if (closure) {
        return rt_raise(vm, &rt_exc_TypeError,
                        "closure can only be used when source is a code object");
    }
    Code *code = source_code(vm, a[0], "exec", "<string>", PARSE_FILE);
    if (!code || !run_namespaces(vm, &g, &l))
        return VNULL;
    return vm_run_code_closure(vm, code, v_dict(g), l, closure) ? rt_None : VNULL;
}

/* compile(tree, ...): an ast object tree to code (or itself with PyCF_ONLY_AST). */
static Value compile_ast(VM *vm, Value tree, const char *filename, const char *mode, int64_t flags,
                         int optimize)
{
    if (flags & MP_PYCF_ONLY_AST)
        return tree;
    Arena arena;
    ast_arena_init(&arena);
    Value r = VNULL, keep = VNULL;
    AstModule *mod = mp_ast_to_module(vm, &arena, tree, mode, &keep);
    if (mod) {
        SyntaxErrorInfo err;
        memset(&err, 0, sizeof err);
        Code *code = cg_compile(vm, mod, filename, optimize, &err);
        if (code)
            r = v_from(code);
        else if (vm->exc == VNULL)
            cg_raise_syntax_error(vm, &err);
    }
    ast_arena_free(&arena);
    rt_gc_keep_alive(tree);
    rt_gc_keep_alive(keep);
    return r;
}

static Value bi_compile(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"source", "filename", "mode", "flags",
                                        "dont_inherit", "optimize", "_feature_version", NULL};
    Value a[7];
    if (!rt_parse_args(vm, "compile", argc, argv, kwnames, names, 0, 3, a))
        return VNULL;
    if (v_is(a[1], &rt_bytes_type)) {
        Bytes *b = (Bytes *)v_obj(a[1]);
        if (!(a[1] = rt_str_new(vm, (const char *)b->data, b->len)))
            return VNULL;
    }
    if (!v_is_str(a[1]))
        return rt_raise(vm, &rt_exc_TypeError,
                        "expected str, bytes or os.PathLike object, not %s", rt_type_name(a[1]));
    /* flags: the __future__ feature bits, CO_NESTED (obsolete) and the
     * PyCF_* compile flags CPython knows. */
    int64_t flags = 0;
    if (a[3] && !rt_as_i64(vm, a[3], &flags))
        return VNULL;
    const int64_t future_mask = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 |
                                0x800000 | 0x1000000;
    const int64_t compile_mask = 0x400 | 0x2000 | 0x1000 | 0x200 | 0x4000;
    if (flags & ~(future_mask | 0x10 | compile_mask))
        return rt_raise(vm, &rt_exc_ValueError, "compile(): unrecognised flags");
    if (a[5] && a[5] != rt_None) {
        int64_t o;
        if (!rt_as_i64(vm, a[5], &o))
            return VNULL;
        if (o < -1 || o > 2)
            return rt_raise(vm, &rt_exc_ValueError, "compile(): invalid optimize value");
    }
    if (!v_is_str(a[2]))
        return rt_raise(vm, &rt_exc_TypeError, "compile() argument 'mode' must be str, not %s",
                        rt_type_name(a[2]));
    const char *m = v_cstr(a[2]);
    ParseMode mode;
    if (!strcmp(m, "exec"))
        mode = PARSE_FILE;
    else if (!strcmp(m, "eval"))
        mode = PARSE_EVAL;
    else if (!strcmp(m, "single"))
        mode = PARSE_SINGLE;
    else if (!strcmp(m, "func_type")) {
        if (!(flags & MP_PYCF_ONLY_AST))
            return rt_raise(vm, &rt_exc_ValueError,
                            "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
        mode = PARSE_FUNC_TYPE;
    } else
        return rt_raise(vm, &rt_exc_ValueError,
                        "compile() mode must be 'exec', 'eval' or 'single'");
    if (flags & MP_PYCF_TYPE_COMMENTS)
        return rt_raise(vm, &rt_exc_NotImplementedError,
                        "compile() with PyCF_TYPE_COMMENTS: minipy's parser keeps no type comments");
    int optimize = vm->config.optimize;
    if (a[5] && a[5] != rt_None) {
        int64_t o;
        if (!rt_as_i64(vm, a[5], &o))
            return VNULL;
        if (o >= 0)
            optimize = o > 2 ? 2 : (int)o;
    }
    if (v_is(a[0], &rt_code_type))
        return a[0];
    if (mp_ast_is_node(a[0]))
        return compile_ast(vm, a[0], v_cstr(a[1]), m, flags, optimize);
    const char *s;
    size_t len;
    if (v_is_str(a[0])) {
        s = v_cstr(a[0]);
        len = v_str(a[0])->len;
    } else if (v_is(a[0], &rt_bytes_type)) {
        s = (const char *)((Bytes *)v_obj(a[0]))->data;
        len = ((Bytes *)v_obj(a[0]))->len;
    } else {
        return rt_raise(vm, &rt_exc_TypeError,
                        "compile() arg 1 must be a string, bytes or AST object");
    }
    if (memchr(s, 0, len))
        return rt_raise(vm, &rt_exc_SyntaxError, "source code string cannot contain null bytes");
    if (flags & MP_PYCF_ONLY_AST)
        return mp_ast_parse(vm, s, len, v_cstr(a[1]), mode);
    Code *code = cg_compile_source(vm, s, len, v_cstr(a[1]), mode, optimize);
    return code ? v_from(code) : VNULL;
}

/* ---- import, exit ------------------------------------------------------------------- */

static Value bi_import(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    Value a[5];
    if (!rt_parse_args(vm, "__import__", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    if (!v_is_str(a[0]))
        return rt_raise(vm, &rt_exc_TypeError, "__import__() argument 1 must be str, not %s",
                        rt_type_name(a[0]));
    Value g = a[1] && a[1] != rt_None ? a[1] : caller_globals(vm);
    if (!v_is(g, &rt_dict_type))
        g = caller_globals(vm);
    int64_t level = 0;
    if (a[4] && !rt_as_i64(vm, a[4], &level))
        return VNULL;
    if (level < 0)
        return rt_raise(vm, &rt_exc_ValueError, "level must be >= 0");
    if (v_str(a[0])->len == 0 && level == 0)
        return rt_raise(vm, &rt_exc_ValueError, "Empty module name");
    return vm_import(vm, a[0], v_dict(g), a[3] ? a[3] : rt_None, (int)level);
}

static Value raise_exit(VM *vm, int argc, Value *argv, const char *name)
{
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError,
                        "Quitter.__call__() takes from 1 to 2 positional arguments but %d were given",
                        argc + 1);
    Value args = rt_tuple_pack(vm, 1, argc ? argv[0] : rt_None);
    Value e = args ? rt_exc_new(vm, &rt_exc_SystemExit, args) : VNULL;
    return e ? rt_raise_value(vm, e) : VNULL;
}

static Value bi_exit(VM *vm, int argc, Value *argv, Value kw) { return raise_exit(vm, argc, argv, "exit"); }
static Value bi_quit(VM *vm, int argc, Value *argv, Value kw) { return raise_exit(vm, argc, argv, "quit"); }

static const NativeDef more_defs[] = {
    {"globals", bi_globals, 0},
    {"locals", bi_locals, 0},
    {"vars", bi_vars, 0},
    {"dir", bi_dir, 0},
    {"iter", bi_iter, 0},
    {"input", bi_input, 0},
    {"eval", bi_eval, 0},
    {"exec", bi_exec, NF_KEYWORDS},
    {"compile", bi_compile, NF_KEYWORDS},
    {"__import__", bi_import, NF_KEYWORDS},
    {"exit", bi_exit, 0},
    {"quit", bi_quit, 0},
    {"__build_class__", vm_build_class, NF_KEYWORDS},
    {"aiter", vm_builtin_aiter, 0},
    {"anext", vm_builtin_anext, 0},
    {NULL, NULL, 0},
};

bool mp_builtins_more_init(VM *vm, Dict *d, Value modname)
{
    rt_static_init(&calliter_type.hdr, &rt_type_type);
    if (!rt_type_ready(vm, &calliter_type))
        return false;
    return rt_add_functions(vm, d, more_defs, modname);
}
