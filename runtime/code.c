/* runtime/code.c — code objects (layout in runtime/code.h). */
#include <string.h>

#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "runtime/code.h"

static void code_trace(VM *vm, Obj *o)
{
    Code *c = (Code *)o;
    rt_gc_mark(vm, c->consts);
    rt_gc_mark(vm, c->names);
    rt_gc_mark(vm, c->varnames);
    rt_gc_mark(vm, c->cellvars);
    rt_gc_mark(vm, c->freevars);
    rt_gc_mark(vm, c->name);
    rt_gc_mark(vm, c->qualname);
    rt_gc_mark(vm, c->filename);
}

static void code_finalize(VM *vm, Obj *o)
{
    Code *c = (Code *)o;
    rt_free(vm, c->insns, c->ninsns * sizeof(Insn));
    rt_free(vm, c->lines, c->ninsns * sizeof(uint32_t));
    rt_free(vm, c->spans, c->ninsns * sizeof(CodeSpan));
    rt_free(vm, c->exctable, c->nexc * sizeof(ExcEntry));
    rt_free(vm, c->caches, 0);
    c->insns = NULL;
    c->lines = NULL;
    c->spans = NULL;
    c->exctable = NULL;
    c->caches = NULL;
}

static Value code_repr(VM *vm, Value v)
{
    Code *c = (Code *)v_obj(v);
    return rt_str_printf(vm, "<code object %s at %p, file \"%s\", line %u>",
                         v_is_str(c->name) ? v_cstr(c->name) : "?", (void *)c,
                         v_is_str(c->filename) ? v_cstr(c->filename) : "?", c->firstlineno);
}

static Value or_empty(Value v) { return v ? v : rt_empty_tuple; }

/* co_flags in CPython's values (inspect.CO_*): minipy's own bits differ. */
static int64_t cpython_flags(const Code *c)
{
    int64_t f = 0;
    if (!(c->flags & (CO_MODULE | CO_CLASS)))
        f |= 0x1 | 0x2; /* CO_OPTIMIZED | CO_NEWLOCALS */
    if (c->flags & CO_VARARGS)
        f |= 0x4;
    if (c->flags & CO_VARKEYWORDS)
        f |= 0x8;
    if (c->flags & CO_NESTED)
        f |= 0x10;
    /* The async bits have CPython's values already. */
    f |= c->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR);
    if ((c->flags & CO_GENERATOR) && !(c->flags & (CO_COROUTINE | CO_ASYNC_GENERATOR)))
        f |= 0x20;
    return f;
}

/* CPython 3.11 makes a function's first constant its docstring or None:
 * show minipy's constants that way. */
static Value visible_consts(VM *vm, const Code *c)
{
    Value consts = or_empty(c->consts);
    if ((c->flags & (CO_MODULE | CO_CLASS | CO_HAS_DOCSTRING)))
        return consts;
    Tuple *t = v_tuple(consts);
    Value out = rt_list_new(vm, t->len + 1);
    if (!out || !rt_list_append(vm, out, rt_None))
        return VNULL;
    for (size_t i = 0; i < t->len; i++)
        if (t->items[i] != rt_None && !rt_list_append(vm, out, t->items[i]))
            return VNULL;
    return rt_tuple_from(vm, v_list(out)->len, v_list(out)->items);
}

/* Parameters, then the locals that are not cells (CPython keeps a local
 * captured by an inner function only in co_cellvars). */
static Value visible_varnames(VM *vm, const Code *c)
{
    Tuple *vars = v_tuple(or_empty(c->varnames)), *cells = v_tuple(or_empty(c->cellvars));
    size_t nparams = c->argcount + c->kwonlyargcount + !!(c->flags & CO_VARARGS) +
                     !!(c->flags & CO_VARKEYWORDS);
    Value out = rt_list_new(vm, vars->len);
    if (!out)
        return VNULL;
    for (size_t i = 0; i < vars->len; i++) {
        bool cell = false;
        for (size_t j = 0; i >= nparams && j < cells->len && !cell; j++)
            cell = cells->items[j] == vars->items[i] ||
                   !strcmp(v_cstr(cells->items[j]), v_cstr(vars->items[i]));
        if (!cell && !rt_list_append(vm, out, vars->items[i]))
            return VNULL;
    }
    return rt_tuple_from(vm, v_list(out)->len, v_list(out)->items);
}

/* The value of co_<s>, or VNULL without exception if there is none. */
static Value code_field(VM *vm, Value obj, const char *s)
{
    Code *c = (Code *)v_obj(obj);
    {
        if (!strcmp(s, "name"))
            return c->name;
        if (!strcmp(s, "qualname"))
            return c->qualname;
        if (!strcmp(s, "filename"))
            return c->filename ? c->filename : rt_None;
        if (!strcmp(s, "firstlineno"))
            return v_from_small(c->firstlineno);
        if (!strcmp(s, "consts"))
            return visible_consts(vm, c);
        if (!strcmp(s, "names"))
            return or_empty(c->names);
        if (!strcmp(s, "varnames"))
            return visible_varnames(vm, c);
        if (!strcmp(s, "cellvars"))
            return or_empty(c->cellvars);
        if (!strcmp(s, "freevars"))
            return or_empty(c->freevars);
        if (!strcmp(s, "argcount"))
            return v_from_small(c->argcount);
        if (!strcmp(s, "posonlyargcount"))
            return v_from_small(c->posonlyargcount);
        if (!strcmp(s, "kwonlyargcount"))
            return v_from_small(c->kwonlyargcount);
        if (!strcmp(s, "nlocals")) {
            Value v = visible_varnames(vm, c);
            return v ? v_from_small((int64_t)v_tuple(v)->len) : VNULL;
        }
        if (!strcmp(s, "stacksize"))
            return v_from_small(c->stacksize);
        if (!strcmp(s, "flags"))
            return v_from_small(cpython_flags(c));
        if (!strcmp(s, "code"))
            return rt_bytes_new(vm, (const uint8_t *)c->insns, c->ninsns * sizeof(Insn));
    }
    return VNULL;
}

#define CO(n)                                                                   \
    static Value get_co_##n(VM *vm, Value self) { return code_field(vm, self, #n); }
CO(name) CO(qualname) CO(filename) CO(firstlineno) CO(consts) CO(names) CO(varnames)
CO(cellvars) CO(freevars) CO(argcount) CO(posonlyargcount) CO(kwonlyargcount) CO(nlocals)
CO(stacksize) CO(flags) CO(code)
#undef CO
#define CO(n) {"co_" #n, get_co_##n, NULL},
static const GetSetDef code_getsets[] = {
    CO(name) CO(qualname) CO(filename) CO(firstlineno) CO(consts) CO(names) CO(varnames)
    CO(cellvars) CO(freevars) CO(argcount) CO(posonlyargcount) CO(kwonlyargcount) CO(nlocals)
    CO(stacksize) CO(flags) CO(code)
    {NULL, NULL, NULL},
};
#undef CO

Type rt_code_type = {
    .name = "code",
    .instance_size = sizeof(Code),
    .trace = code_trace,
    .finalize = code_finalize,
    .repr = code_repr,
};

Code *rt_code_new(VM *vm, const Insn *insns, uint32_t ninsns, const uint32_t *lines,
                  const ExcEntry *exc, uint32_t nexc)
{
    Code *c = rt_alloc(vm, &rt_code_type, sizeof(Code));
    if (!c)
        return NULL;
    c->consts = c->names = c->varnames = c->cellvars = c->freevars = rt_empty_tuple;
    c->name = c->qualname = c->filename = rt_None;
    if (ninsns) {
        if (!(c->insns = rt_malloc(vm, ninsns * sizeof(Insn))) ||
            !(c->lines = rt_malloc(vm, ninsns * sizeof(uint32_t))))
            return NULL;
        if (insns)
            memcpy(c->insns, insns, ninsns * sizeof(Insn));
        else
            memset(c->insns, 0, ninsns * sizeof(Insn));
        if (lines)
            memcpy(c->lines, lines, ninsns * sizeof(uint32_t));
        else
            memset(c->lines, 0, ninsns * sizeof(uint32_t));
        c->ninsns = ninsns;
    }
    if (nexc) {
        if (!(c->exctable = rt_malloc(vm, nexc * sizeof(ExcEntry))))
            return NULL;
        if (exc)
            memcpy(c->exctable, exc, nexc * sizeof(ExcEntry));
        else
            memset(c->exctable, 0, nexc * sizeof(ExcEntry));
        c->nexc = nexc;
    }
    return c;
}

uint32_t rt_code_line(const Code *code, uint32_t insn_index)
{
    if (!code->lines || code->ninsns == 0)
        return code->firstlineno;
    if (insn_index >= code->ninsns)
        insn_index = code->ninsns - 1;
    return code->lines[insn_index];
}

bool rt_code_set_spans(VM *vm, Code *code, const CodeSpan *spans)
{
    if (!code->ninsns)
        return true;
    CodeSpan *copy = rt_malloc(vm, code->ninsns * sizeof(CodeSpan));
    if (!copy)
        return false;
    memcpy(copy, spans, code->ninsns * sizeof(CodeSpan));
    rt_free(vm, code->spans, code->ninsns * sizeof(CodeSpan));
    code->spans = copy;
    return true;
}

void rt_code_position(const Code *code, uint32_t insn_index, uint32_t *line, uint32_t *end_line,
                      int32_t *col, int32_t *end_col)
{
    *line = rt_code_line(code, insn_index);
    *end_line = *line;
    *col = *end_col = -1;
    if (code->spans && insn_index < code->ninsns) {
        const CodeSpan *s = &code->spans[insn_index];
        *end_line = s->end_line;
        *col = s->col;
        *end_col = s->end_col;
    }
}

/* ---- co_positions() and co_lines() ----------------------------------------------
 * CPython counts offsets (f_lasti, tb_lasti, co_lines) in bytes of 2-byte
 * code units; minipy counts each instruction as one unit, so an offset is
 * 2*index and co_positions() yields one position per instruction, which
 * keeps traceback.py's `positions[lasti // 2]` right. */

static Value opt_int(int64_t v) { return v < 0 ? rt_None : v_from_small(v); }

static Value code_co_positions(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "co_positions", argc - 1, 0, 0))
        return VNULL;
    Code *c = (Code *)v_obj(argv[0]);
    Value out = rt_list_new(vm, c->ninsns);
    if (!out)
        return VNULL;
    for (uint32_t i = 0; i < c->ninsns; i++) {
        uint32_t line, end_line;
        int32_t col, end_col;
        rt_code_position(c, i, &line, &end_line, &col, &end_col);
        Value t4[4] = {opt_int(line), opt_int(end_line), opt_int(col), opt_int(end_col)};
        Value t = rt_tuple_from(vm, 4, t4);
        if (!t || !rt_list_append(vm, out, t))
            return VNULL;
    }
    return rt_iter(vm, out);
}

static Value code_co_lines(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "co_lines", argc - 1, 0, 0))
        return VNULL;
    Code *c = (Code *)v_obj(argv[0]);
    Value out = rt_list_new(vm, 0);
    if (!out)
        return VNULL;
    uint32_t start = 0;
    for (uint32_t i = 1; i <= c->ninsns; i++) {
        if (i < c->ninsns && rt_code_line(c, i) == rt_code_line(c, start))
            continue;
        Value t3[3] = {v_from_small(2 * (int64_t)start), v_from_small(2 * (int64_t)i),
                       v_from_small(rt_code_line(c, start))};
        Value t = rt_tuple_from(vm, 3, t3);
        if (!t || !rt_list_append(vm, out, t))
            return VNULL;
        start = i;
    }
    return rt_iter(vm, out);
}

void rt_code_set_filename(VM *vm, Code *code, Value filename)
{
    code->filename = filename;
    if (!v_is(code->consts, &rt_tuple_type))
        return;
    Tuple *t = v_tuple(code->consts);
    for (size_t i = 0; i < t->len; i++)
        if (v_is(t->items[i], &rt_code_type))
            rt_code_set_filename(vm, (Code *)v_obj(t->items[i]), filename);
}

/* code.replace(**changes): a copy with some fields changed.  The fields
 * that only describe the code are accepted; those the bytecode depends on
 * (argument counts, variable tables, the bytecode itself) are refused
 * loudly rather than producing a code object that would misbehave. */
static const char *const replace_ok[] = {"co_name", "co_qualname", "co_filename",
                                         "co_firstlineno", "co_consts", "co_names",
                                         "co_flags", NULL};
static const char *const replace_refused[] = {
    "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize",
    "co_code", "co_varnames", "co_freevars", "co_cellvars", "co_linetable",
    "co_exceptiontable", NULL};

static bool replace_check(VM *vm, const char *k, Value v, const Code *c)
{
    if (!strcmp(k, "co_flags")) {
        /* Only CO_ITERABLE_COROUTINE may change (types.coroutine sets it on
         * a generator function's code); the other bits describe how the
         * bytecode was compiled. */
        if (!v_is_small(v)) {
            rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                     rt_type_name(v));
            return false;
        }
        if ((v_small(v) ^ cpython_flags(c)) & ~(int64_t)CO_ITERABLE_COROUTINE) {
            rt_raise(vm, &rt_exc_NotImplementedError,
                     "code.replace(co_flags=...) can only change CO_ITERABLE_COROUTINE in minipy");
            return false;
        }
        return true;
    }
    if (!strcmp(k, "co_firstlineno"))
        return v_is_small(v) ? true
                             : (rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer", rt_type_name(v)), false);
    if (!strcmp(k, "co_consts") || !strcmp(k, "co_names")) {
        if (!v_is(v, &rt_tuple_type)) {
            rt_raise(vm, &rt_exc_TypeError, "replace() argument '%s' must be tuple, not %s", k,
                     rt_type_name(v));
            return false;
        }
        size_t need = v_tuple(!strcmp(k, "co_consts") ? c->consts : c->names)->len;
        if (v_tuple(v)->len < need) {
            rt_raise(vm, &rt_exc_ValueError, "%s: minipy's bytecode needs at least %zu items", k,
                     need);
            return false;
        }
        return true;
    }
    if (!v_is_str(v)) {
        rt_raise(vm, &rt_exc_TypeError, "replace() argument '%s' must be str, not %s", k,
                 rt_type_name(v));
        return false;
    }
    return true;
}

static Value code_replace(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "replace() takes no positional arguments");
    Code *c = (Code *)v_obj(argv[0]);
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t i = 0; i < nkw; i++) {
        const char *k = v_cstr(v_tuple(kwnames)->items[i]);
        bool ok = false;
        for (int j = 0; replace_ok[j] && !ok; j++)
            ok = !strcmp(k, replace_ok[j]);
        for (int j = 0; replace_refused[j] && !ok; j++)
            if (!strcmp(k, replace_refused[j]))
                return rt_raise(vm, &rt_exc_NotImplementedError,
                                "code.replace(%s=...) is not supported by minipy", k);
        if (!ok)
            return rt_raise(vm, &rt_exc_TypeError,
                            "'%s' is an invalid keyword argument for replace()", k);
        if (!replace_check(vm, k, argv[argc + i], c))
            return VNULL;
    }
    Code *n = rt_code_new(vm, c->insns, c->ninsns, c->lines, c->exctable, c->nexc);
    if (!n || (c->spans && !rt_code_set_spans(vm, n, c->spans)))
        return VNULL;
    n->consts = c->consts;
    n->names = c->names;
    n->varnames = c->varnames;
    n->cellvars = c->cellvars;
    n->freevars = c->freevars;
    n->name = c->name;
    n->qualname = c->qualname;
    n->filename = c->filename;
    n->argcount = c->argcount;
    n->posonlyargcount = c->posonlyargcount;
    n->kwonlyargcount = c->kwonlyargcount;
    n->nlocals = c->nlocals;
    n->ncells = c->ncells;
    n->nfrees = c->nfrees;
    n->stacksize = c->stacksize;
    n->flags = c->flags;
    n->firstlineno = c->firstlineno;
    for (size_t i = 0; i < nkw; i++) {
        const char *k = v_cstr(v_tuple(kwnames)->items[i]) + 3;
        Value v = argv[argc + i];
        if (!strcmp(k, "name"))
            n->name = v;
        else if (!strcmp(k, "qualname"))
            n->qualname = v;
        else if (!strcmp(k, "filename"))
            n->filename = v;
        else if (!strcmp(k, "firstlineno"))
            n->firstlineno = (uint32_t)v_small(v);
        else if (!strcmp(k, "flags"))
            n->flags = (n->flags & ~(uint32_t)CO_ITERABLE_COROUTINE) |
                       ((uint32_t)v_small(v) & CO_ITERABLE_COROUTINE);
        else if (!strcmp(k, "consts"))
            n->consts = v;
        else if (!strcmp(k, "names")) {
            /* the eval loop compares names by identity: intern them */
            Tuple *t = v_tuple(v);
            for (size_t j = 0; j < t->len; j++)
                if (!v_is_str(t->items[j]))
                    return rt_raise(vm, &rt_exc_TypeError, "co_names must contain only strings");
            Value copy = rt_tuple_new(vm, t->len);
            if (!copy)
                return VNULL;
            for (size_t j = 0; j < t->len; j++) {
                Value s = rt_str_intern_value(vm, t->items[j]);
                if (!s)
                    return VNULL;
                v_tuple(copy)->items[j] = s;
            }
            n->names = copy;
        }
    }
    return v_from(n);
}

static const NativeDef code_methods[] = {
    {"replace", code_replace, NF_KEYWORDS},
    {"co_positions", code_co_positions, 0},
    {"co_lines", code_co_lines, 0},
    {NULL, NULL, 0},
};

bool rt_code_init(VM *vm);
bool rt_code_init(VM *vm)
{
    return rt_type_ready(vm, &rt_code_type) && rt_add_methods(vm, &rt_code_type, code_methods) &&
           rt_add_getsets(vm, &rt_code_type, code_getsets);
}
