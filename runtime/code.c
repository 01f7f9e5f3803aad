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
    rt_free(vm, c->exctable, c->nexc * sizeof(ExcEntry));
    rt_free(vm, c->caches, 0);
    c->insns = NULL;
    c->lines = NULL;
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

static Value code_getattr(VM *vm, Value obj, Value name)
{
    Code *c = (Code *)v_obj(obj);
    const char *s = v_cstr(name);
    if (!strncmp(s, "co_", 3)) {
        s += 3;
        if (!strcmp(s, "name"))
            return c->name;
        if (!strcmp(s, "qualname"))
            return c->qualname;
        if (!strcmp(s, "filename"))
            return c->filename ? c->filename : rt_None;
        if (!strcmp(s, "firstlineno"))
            return v_from_small(c->firstlineno);
        if (!strcmp(s, "consts"))
            return or_empty(c->consts);
        if (!strcmp(s, "names"))
            return or_empty(c->names);
        if (!strcmp(s, "varnames"))
            return or_empty(c->varnames);
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
        if (!strcmp(s, "nlocals"))
            return v_from_small(c->nlocals);
        if (!strcmp(s, "stacksize"))
            return v_from_small(c->stacksize);
        if (!strcmp(s, "flags"))
            return v_from_small(c->flags);
        if (!strcmp(s, "code"))
            return rt_bytes_new(vm, (const uint8_t *)c->insns, c->ninsns * sizeof(Insn));
    }
    return rt_generic_getattr(vm, obj, name);
}

Type rt_code_type = {
    .name = "code",
    .instance_size = sizeof(Code),
    .trace = code_trace,
    .finalize = code_finalize,
    .repr = code_repr,
    .getattr = code_getattr,
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

bool rt_code_init(VM *vm);
bool rt_code_init(VM *vm) { return rt_type_ready(vm, &rt_code_type); }
