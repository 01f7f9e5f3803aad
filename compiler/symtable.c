/* compiler/symtable.c — builds the scopes of a module and resolves every
 * name following CPython 3.11's symtable.c: a first walk records how each
 * name is used in each scope, then analysis decides local / global / free /
 * cell, top-down with the set of names bound by enclosing functions. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "compiler/symtable.h"
#include "runtime/state.h"

/* ---- errors and memory ----------------------------------------------------- */

/* Errors carry CPython's location: 1-based columns, end exclusive. */
__attribute__((format(printf, 6, 7))) _Noreturn static void st_error_range(
    SymTable *st, int line, int col, int end_line, int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cg_set_error_v(st->err, st->filename, line, col, end_line, end_col, fmt, ap);
    va_end(ap);
    longjmp(*(jmp_buf *)st->fail, 1);
}
#define st_error(st, line, col, ...) st_error_range(st, line, col, 0, 0, __VA_ARGS__)
#define ST_AT(n) (n)->lineno, (n)->col, (n)->end_lineno, (n)->end_col

_Noreturn static void st_nomem(SymTable *st)
{
    st->err->msg[0] = '\0';
    longjmp(*(jmp_buf *)st->fail, 2);
}

static void *st_grow(SymTable *st, void *p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return p;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    void *q = ast_alloc(st->arena, (size_t)ncap * elem);
    if (p)
        memcpy(q, p, (size_t)*cap * elem);
    *cap = ncap;
    return q;
}

static inline uint32_t ptr_hash(uintptr_t p)
{
    uint64_t h = (uint64_t)p * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

Value cg_name(SymTable *st, const char *s)
{
    if (st->nmask) {
        uint32_t i = ptr_hash((uintptr_t)s) & st->nmask;
        while (st->nkeys[i]) {
            if (st->nkeys[i] == s)
                return st->nvals[i];
            i = (i + 1) & st->nmask;
        }
    }
    Value v = rt_str_intern_cstr(st->vm, s);
    if (v == VNULL)
        st_nomem(st);
    if ((st->ncount + 1) * 2 > st->nmask + 1) {
        uint32_t size = st->nmask ? (st->nmask + 1) * 2 : 1024;
        const char **keys = ast_alloc(st->arena, size * sizeof *keys);
        Value *vals = ast_alloc(st->arena, size * sizeof *vals);
        for (uint32_t k = 0; st->nmask && k <= st->nmask; k++) {
            if (!st->nkeys[k])
                continue;
            uint32_t j = ptr_hash((uintptr_t)st->nkeys[k]) & (size - 1);
            while (keys[j])
                j = (j + 1) & (size - 1);
            keys[j] = st->nkeys[k];
            vals[j] = st->nvals[k];
        }
        st->nkeys = keys;
        st->nvals = vals;
        st->nmask = size - 1;
    }
    uint32_t i = ptr_hash((uintptr_t)s) & st->nmask;
    while (st->nkeys[i])
        i = (i + 1) & st->nmask;
    st->nkeys[i] = s;
    st->nvals[i] = v;
    st->ncount++;
    return v;
}

static Value st_intern(SymTable *st, const char *s)
{
    return cg_name(st, s);
}

int cg_value_index(const Value *list, int n, Value name)
{
    for (int i = 0; i < n; i++)
        if (list[i] == name)
            return i;
    return -1;
}

/* ---- mangling ---------------------------------------------------------------- */

Value cg_mangle(VM *vm, Value private_name, Value name)
{
    if (private_name == VNULL)
        return name;
    const Str *n = v_str(name);
    if (n->len < 2 || n->data[0] != '_' || n->data[1] != '_')
        return name;
    if (n->len >= 4 && n->data[n->len - 1] == '_' && n->data[n->len - 2] == '_')
        return name;
    if (memchr(n->data, '.', n->len))
        return name;
    const char *p = v_cstr(private_name);
    while (*p == '_')
        p++;
    if (!*p)
        return name;
    size_t plen = strlen(p);
    char buf[512];
    char *dyn = NULL;
    char *out = buf;
    size_t total = 1 + plen + n->len;
    if (total + 1 > sizeof buf) {
        dyn = rt_malloc(vm, total + 1);
        if (!dyn)
            return VNULL;
        out = dyn;
    }
    out[0] = '_';
    memcpy(out + 1, p, plen);
    memcpy(out + 1 + plen, n->data, n->len);
    Value r = rt_str_intern(vm, out, total);
    if (dyn)
        rt_free(vm, dyn, total + 1);
    return r;
}

/* ---- symbols ------------------------------------------------------------------- */

Sym *cg_scope_find(const Scope *s, Value name)
{
    if (!s->table)
        return NULL;
    uint32_t i = ptr_hash(name) & s->tmask;
    for (;;) {
        int32_t k = s->table[i];
        if (k < 0)
            return NULL;
        if (s->syms[k].name == name)
            return &s->syms[k];
        i = (i + 1) & s->tmask;
    }
}

static void scope_rehash(SymTable *st, Scope *s, uint32_t size)
{
    s->table = ast_alloc(st->arena, size * sizeof(int32_t));
    memset(s->table, 0xff, size * sizeof(int32_t));
    s->tmask = size - 1;
    for (int k = 0; k < s->nsyms; k++) {
        uint32_t i = ptr_hash(s->syms[k].name) & s->tmask;
        while (s->table[i] >= 0)
            i = (i + 1) & s->tmask;
        s->table[i] = k;
    }
}

static Sym *scope_add(SymTable *st, Scope *s, Value name)
{
    Sym *sym = cg_scope_find(s, name);
    if (sym)
        return sym;
    s->syms = st_grow(st, s->syms, &s->capsyms, s->nsyms + 1, sizeof(Sym));
    sym = &s->syms[s->nsyms++];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    if (!s->table || (uint32_t)s->nsyms * 2 > s->tmask + 1) {
        scope_rehash(st, s, s->table ? (s->tmask + 1) * 2 : 16);
    } else {
        uint32_t i = ptr_hash(name) & s->tmask;
        while (s->table[i] >= 0)
            i = (i + 1) & s->tmask;
        s->table[i] = s->nsyms - 1;
    }
    return sym;
}

static void add_varname(SymTable *st, Scope *s, Value name)
{
    if (cg_value_index(s->varnames, s->nvarnames, name) >= 0)
        return;
    s->varnames = st_grow(st, s->varnames, &s->capvarnames, s->nvarnames + 1, sizeof(Value));
    s->varnames[s->nvarnames++] = name;
}

static Value mangle(SymTable *st, Value name)
{
    Value r = cg_mangle(st->vm, st->private_name, name);
    if (r == VNULL)
        st_nomem(st);
    return r;
}

static Sym *add_def(SymTable *st, Value name, int flag, int line, int col)
{
    name = mangle(st, name);
    Scope *s = st->cur;
    Sym *sym = scope_add(st, s, name);
    if ((flag & DEF_PARAM) && (sym->flags & DEF_PARAM))
        st_error(st, line, col, "duplicate argument '%s' in function definition", v_cstr(name));
    if (st->comp_iter_target) {
        if (sym->flags & (DEF_GLOBAL | DEF_NONLOCAL))
            st_error(st, line, col, "comprehension inner loop cannot rebind assignment expression target '%s'",
                     v_cstr(name));
        flag |= DEF_COMP_ITER;
    }
    sym->flags |= (uint16_t)flag;
    if (flag & DEF_PARAM)
        add_varname(st, s, name);
    return sym;
}

static Sym *add_def_cstr(SymTable *st, const char *name, int flag, int line, int col)
{
    return add_def(st, st_intern(st, name), flag, line, col);
}

/* ---- scopes ---------------------------------------------------------------------- */

static void map_put(SymTable *st, const void *node, Scope *s)
{
    if ((st->mapcount + 1) * 2 > st->mapmask + 1) {
        uint32_t nsize = st->mapmask ? (st->mapmask + 1) * 2 : 64;
        const void **keys = ast_alloc(st->arena, nsize * sizeof *keys);
        Scope **vals = ast_alloc(st->arena, nsize * sizeof *vals);
        for (uint32_t i = 0; st->mapmask && i <= st->mapmask; i++) {
            if (!st->keys[i])
                continue;
            uint32_t j = ptr_hash((uintptr_t)st->keys[i]) & (nsize - 1);
            while (keys[j])
                j = (j + 1) & (nsize - 1);
            keys[j] = st->keys[i];
            vals[j] = st->vals[i];
        }
        st->keys = keys;
        st->vals = vals;
        st->mapmask = nsize - 1;
    }
    uint32_t j = ptr_hash((uintptr_t)node) & st->mapmask;
    while (st->keys[j])
        j = (j + 1) & st->mapmask;
    st->keys[j] = node;
    st->vals[j] = s;
    st->mapcount++;
}

Scope *cg_symtable_lookup(SymTable *st, const void *node)
{
    if (!st->mapmask)
        return NULL;
    uint32_t j = ptr_hash((uintptr_t)node) & st->mapmask;
    while (st->keys[j]) {
        if (st->keys[j] == node)
            return st->vals[j];
        j = (j + 1) & st->mapmask;
    }
    return NULL;
}

static Scope *enter_scope(SymTable *st, ScopeKind kind, const void *node, Value name, int line)
{
    Scope *s = ast_alloc(st->arena, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->name = name;
    s->lineno = line;
    s->parent = st->cur;
    s->private_name = st->private_name;
    if (st->cur) {
        Scope *p = st->cur;
        p->children = st_grow(st, p->children, &p->capchildren, p->nchildren + 1, sizeof(Scope *));
        p->children[p->nchildren++] = s;
    }
    map_put(st, node, s);
    st->cur = s;
    return s;
}

static void leave_scope(SymTable *st)
{
    st->cur = st->cur->parent;
}

/* ---- the walk -------------------------------------------------------------------- */

static void visit_expr(SymTable *st, const Expr *e);
static void visit_expr_inner(SymTable *st, const Expr *e);
static void visit_stmt(SymTable *st, const Stmt *s);

static void visit_exprs(SymTable *st, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i])
            visit_expr(st, l->items[i]);
}

static void visit_stmts(SymTable *st, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        visit_stmt(st, l->items[i]);
}

static void visit_defaults(SymTable *st, const Arguments *a)
{
    if (!a)
        return;
    visit_exprs(st, &a->defaults);
    visit_exprs(st, &a->kw_defaults);
}

static void visit_params(SymTable *st, const Arguments *a)
{
    if (!a)
        return;
    for (int i = 0; i < a->posonlyargs.n; i++) {
        const Arg *g = a->posonlyargs.items[i];
        add_def_cstr(st, g->name, DEF_PARAM, g->lineno, g->col);
    }
    for (int i = 0; i < a->args.n; i++) {
        const Arg *g = a->args.items[i];
        add_def_cstr(st, g->name, DEF_PARAM, g->lineno, g->col);
    }
    for (int i = 0; i < a->kwonlyargs.n; i++) {
        const Arg *g = a->kwonlyargs.items[i];
        add_def_cstr(st, g->name, DEF_PARAM, g->lineno, g->col);
    }
    if (a->vararg) {
        add_def_cstr(st, a->vararg->name, DEF_PARAM, a->vararg->lineno, a->vararg->col);
        st->cur->varargs = true;
    }
    if (a->kwarg) {
        add_def_cstr(st, a->kwarg->name, DEF_PARAM, a->kwarg->lineno, a->kwarg->col);
        st->cur->varkeywords = true;
    }
    st->cur->nparams = st->cur->nvarnames;
}

static const char *comp_kind_name(ExprKind k)
{
    switch (k) {
    case E_LISTCOMP: return "list comprehension";
    case E_SETCOMP: return "set comprehension";
    case E_DICTCOMP: return "dict comprehension";
    default: return "generator expression";
    }
}

static const char *comp_scope_name(ExprKind k)
{
    switch (k) {
    case E_LISTCOMP: return "<listcomp>";
    case E_SETCOMP: return "<setcomp>";
    case E_DICTCOMP: return "<dictcomp>";
    default: return "<genexpr>";
    }
}

/* A comprehension with an `async for` clause or an `await` in its own scope
 * is a coroutine (an async generator for a genexp); so is one that holds a
 * non-genexp coroutine comprehension (which it awaits). */
static void mark_async_comprehension(SymTable *st, Scope *s, const AstList *gens)
{
    for (int i = 0; i < gens->n; i++)
        if (((const Comprehension *)gens->items[i])->is_async)
            s->coroutine = true;
    if (s->coroutine && !s->generator && st->cur->comprehension)
        st->cur->coroutine = true;
}

static void visit_comprehension(SymTable *st, const Expr *e)
{
    const AstList *gens = &e->u.comp.generators;
    const Comprehension *first = gens->items[0];
    /* The outermost iterable is evaluated in the enclosing scope. */
    st->cur->comp_iter_expr++;
    visit_expr(st, first->iter);
    st->cur->comp_iter_expr--;
    Scope *s = enter_scope(st, ST_FUNCTION, e, st_intern(st, comp_scope_name(e->kind)), e->lineno);
    s->comprehension = true;
    s->generator = e->kind == E_GENEXP;
    add_def(st, st->s_dot0, DEF_PARAM, e->lineno, e->col);
    s->nparams = 1;
    for (int i = 0; i < gens->n; i++) {
        const Comprehension *g = gens->items[i];
        st->comp_iter_target = true;
        visit_expr(st, g->target);
        st->comp_iter_target = false;
        if (i > 0) {
            s->comp_iter_expr++;
            visit_expr(st, g->iter);
            s->comp_iter_expr--;
        }
        visit_exprs(st, &g->ifs);
    }
    if (e->u.comp.key)
        visit_expr(st, e->u.comp.key);
    visit_expr(st, e->u.comp.elt);
    leave_scope(st);
    mark_async_comprehension(st, s, gens);
}

/* `x := v` inside a comprehension binds x in the nearest enclosing
 * function (or module) scope, as CPython's symtable_extend_namedexpr_scope. */
static void extend_namedexpr_scope(SymTable *st, const Expr *target)
{
    Value name = mangle(st, st_intern(st, target->u.name.id));
    for (Scope *s = st->cur; s; s = s->parent) {
        if (s->comprehension) {
            Sym *sym = cg_scope_find(s, name);
            if (sym && (sym->flags & DEF_COMP_ITER))
                st_error_range(st, ST_AT(target),
                               "assignment expression cannot rebind comprehension iteration variable '%s'",
                               v_cstr(name));
            continue;
        }
        if (s->kind == ST_FUNCTION) {
            Sym *sym = cg_scope_find(s, name);
            bool global = sym && (sym->flags & DEF_GLOBAL);
            Sym *here = scope_add(st, st->cur, name);
            here->flags |= global ? DEF_GLOBAL : DEF_NONLOCAL;
            Sym *there = scope_add(st, s, name);
            there->flags |= DEF_LOCAL;
            return;
        }
        if (s->kind == ST_MODULE) {
            scope_add(st, st->cur, name)->flags |= DEF_GLOBAL;
            scope_add(st, s, name)->flags |= DEF_GLOBAL;
            return;
        }
        st_error_range(st, ST_AT(target),
                       "assignment expression within a comprehension cannot be used in a class body");
    }
}

static void visit_namedexpr(SymTable *st, const Expr *e)
{
    if (st->in_annotation)
        st_error_range(st, ST_AT(e), "'named expression' can not be used within an annotation");
    if (st->cur->comp_iter_expr > 0)
        st_error_range(st, ST_AT(e),
                       "assignment expression cannot be used in a comprehension iterable expression");
    if (st->cur->comprehension)
        extend_namedexpr_scope(st, e->u.named.target);
    visit_expr(st, e->u.named.value);
    visit_expr(st, e->u.named.target);
}

static void enter_node(SymTable *st)
{
    if (++st->depth > st->max_depth) {
        rt_raise(st->vm, &rt_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        longjmp(*(jmp_buf *)st->fail, 2);
    }
}

static void visit_expr(SymTable *st, const Expr *e)
{
    enter_node(st);
    visit_expr_inner(st, e);
    st->depth--;
}

static void visit_expr_inner(SymTable *st, const Expr *e)
{
    switch (e->kind) {
    case E_BOOLOP:
        visit_exprs(st, &e->u.boolop.values);
        break;
    case E_NAMEDEXPR:
        visit_namedexpr(st, e);
        break;
    case E_ASMARK:
        break;
    case E_BINOP:
        visit_expr(st, e->u.binop.left);
        visit_expr(st, e->u.binop.right);
        break;
    case E_UNARYOP:
        visit_expr(st, e->u.unary.operand);
        break;
    case E_LAMBDA:
        visit_defaults(st, e->u.lambda.args);
        enter_scope(st, ST_FUNCTION, e, st_intern(st, "<lambda>"), e->lineno);
        visit_params(st, e->u.lambda.args);
        visit_expr(st, e->u.lambda.body);
        leave_scope(st);
        break;
    case E_IFEXP:
        visit_expr(st, e->u.ifexp.test);
        visit_expr(st, e->u.ifexp.body);
        visit_expr(st, e->u.ifexp.orelse);
        break;
    case E_DICT:
        visit_exprs(st, &e->u.dict.keys);
        visit_exprs(st, &e->u.dict.values);
        break;
    case E_SET:
    case E_LIST:
    case E_TUPLE:
    case E_JOINEDSTR:
        visit_exprs(st, &e->u.seq.elts);
        break;
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_DICTCOMP:
    case E_GENEXP:
        visit_comprehension(st, e);
        break;
    case E_AWAIT:
        visit_expr(st, e->u.yield.value);
        if (st->cur->comprehension)
            st->cur->coroutine = true;
        break;
    case E_YIELD:
    case E_YIELDFROM:
        if (st->in_annotation)
            st_error_range(st, ST_AT(e), "'yield expression' can not be used within an annotation");
        if (e->u.yield.value)
            visit_expr(st, e->u.yield.value);
        if (st->cur->comprehension) {
            const Expr *node = st->cur->node;
            st_error_range(st, ST_AT(e), "'yield' inside %s", comp_kind_name(node->kind));
        }
        st->cur->generator = true;
        break;
    case E_COMPARE:
        visit_expr(st, e->u.compare.left);
        visit_exprs(st, &e->u.compare.comparators);
        break;
    case E_CALL:
        visit_expr(st, e->u.call.func);
        visit_exprs(st, &e->u.call.args);
        for (int i = 0; i < e->u.call.keywords.n; i++) {
            const Keyword *k = e->u.call.keywords.items[i];
            visit_expr(st, k->value);
        }
        break;
    case E_FORMATTED:
        visit_expr(st, e->u.fmt.value);
        if (e->u.fmt.spec)
            visit_expr(st, e->u.fmt.spec);
        break;
    case E_CONSTANT:
        break;
    case E_ATTRIBUTE:
        visit_expr(st, e->u.attr.value);
        break;
    case E_SUBSCRIPT:
        visit_expr(st, e->u.subscript.value);
        visit_expr(st, e->u.subscript.index);
        break;
    case E_STARRED:
        visit_expr(st, e->u.starred.value);
        break;
    case E_SLICE:
        if (e->u.slice.lower)
            visit_expr(st, e->u.slice.lower);
        if (e->u.slice.upper)
            visit_expr(st, e->u.slice.upper);
        if (e->u.slice.step)
            visit_expr(st, e->u.slice.step);
        break;
    case E_NAME: {
        Value name = st_intern(st, e->u.name.id);
        if (e->ctx != CTX_LOAD && strcmp(e->u.name.id, "__debug__") == 0)
            st_error_range(st, ST_AT(e), e->ctx == CTX_DEL ? "cannot delete __debug__"
                                                          : "cannot assign to __debug__");
        add_def(st, name, e->ctx == CTX_LOAD ? USE : DEF_LOCAL, e->lineno, e->col);
        /* Zero-argument super() needs the __class__ cell of the class. */
        if (e->ctx == CTX_LOAD && st->cur->kind == ST_FUNCTION && name == st->s_super)
            add_def(st, st->s_class, USE, e->lineno, e->col);
        break;
    }
    }
}

/* Under the future an annotation is only text, but CPython still walks it
 * in a scope of its own to refuse yield, await and := there. */
static void visit_annotation(SymTable *st, const Expr *e)
{
    if (!e)
        return;
    if (!st->future_annotations) {
        visit_expr(st, e);
        return;
    }
    Scope *saved = st->cur;
    Scope *tmp = ast_alloc(st->arena, sizeof *tmp);
    tmp->kind = ST_FUNCTION;
    tmp->parent = saved;
    tmp->name = saved->name;
    tmp->private_name = st->private_name;
    st->cur = tmp;
    bool was = st->in_annotation;
    st->in_annotation = true;
    visit_expr(st, e);
    st->in_annotation = was;
    st->cur = saved;
}

static void visit_arg_annotations(SymTable *st, const AstList *args)
{
    for (int i = 0; i < args->n; i++)
        visit_annotation(st, ((const Arg *)args->items[i])->annotation);
}

/* A def's annotations are evaluated in the enclosing scope. */
static void visit_annotations(SymTable *st, const Arguments *a, const Expr *returns)
{
    if (a) {
        visit_arg_annotations(st, &a->args);
        visit_arg_annotations(st, &a->posonlyargs);
        if (a->vararg)
            visit_annotation(st, a->vararg->annotation);
        visit_arg_annotations(st, &a->kwonlyargs);
        if (a->kwarg)
            visit_annotation(st, a->kwarg->annotation);
    }
    visit_annotation(st, returns);
}

static void visit_annassign(SymTable *st, const Stmt *s)
{
    const Expr *t = s->u.annassign.target;
    if (t->kind == E_NAME) {
        Value name = mangle(st, st_intern(st, t->u.name.id));
        Sym *sym = cg_scope_find(st->cur, name);
        if (sym && (sym->flags & (DEF_GLOBAL | DEF_NONLOCAL)) && s->u.annassign.simple &&
            st->cur->kind != ST_MODULE)
            st_error_range(st, ST_AT(s), "annotated name '%s' can't be %s", v_cstr(name),
                           (sym->flags & DEF_GLOBAL) ? "global" : "nonlocal");
        if (s->u.annassign.simple)
            add_def(st, name, DEF_ANNOT | DEF_LOCAL, t->lineno, t->col);
        else if (s->u.annassign.value)
            add_def(st, name, DEF_LOCAL, t->lineno, t->col);
    } else {
        visit_expr(st, t);
    }
    visit_annotation(st, s->u.annassign.annotation);
    if (s->u.annassign.value)
        visit_expr(st, s->u.annassign.value);
}

static void declare(SymTable *st, const Stmt *s, bool global)
{
    if (!global && st->cur->kind == ST_MODULE)
        st_error_range(st, ST_AT(s), "nonlocal declaration not allowed at module level");
    const AstList *names = &s->u.names.names;
    const char *what = global ? "global" : "nonlocal";
    for (int i = 0; i < names->n; i++) {
        Value name = mangle(st, st_intern(st, names->items[i]));
        Sym *sym = scope_add(st, st->cur, name);
        int cur = sym->flags;
        if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            const char *fmt;
            if (cur & DEF_PARAM)
                fmt = "name '%s' is parameter and %s";
            else if (cur & USE)
                fmt = "name '%s' is used prior to %s declaration";
            else if (cur & DEF_ANNOT)
                fmt = "annotated name '%s' can't be %s";
            else
                fmt = "name '%s' is assigned to before %s declaration";
            st_error_range(st, ST_AT(s), fmt, v_cstr(name), what);
        }
        if (!(sym->flags & (DEF_GLOBAL | DEF_NONLOCAL))) {
            sym->line = s->lineno;
            sym->col = s->col;
            sym->end_line = s->end_lineno;
            sym->end_col = s->end_col;
        }
        sym->flags |= global ? DEF_GLOBAL : DEF_NONLOCAL;
    }
}

static void visit_stmt_inner(SymTable *st, const Stmt *s);

static void visit_patterns(SymTable *st, const AstList *l);

/* Captures bind names; value and class patterns use names. */
static void visit_pattern(SymTable *st, const Pattern *p)
{
    enter_node(st);
    switch (p->kind) {
    case P_VALUE:
        visit_expr(st, p->u.value.value);
        break;
    case P_SINGLETON:
    case P_STAR:
        break;
    case P_SEQUENCE:
    case P_OR:
        visit_patterns(st, &p->u.list.patterns);
        break;
    case P_MAPPING:
        visit_exprs(st, &p->u.mapping.keys);
        visit_patterns(st, &p->u.mapping.patterns);
        if (p->u.mapping.rest)
            add_def_cstr(st, p->u.mapping.rest, DEF_LOCAL, p->lineno, p->col);
        break;
    case P_CLASS:
        visit_expr(st, p->u.cls.cls);
        visit_patterns(st, &p->u.cls.patterns);
        visit_patterns(st, &p->u.cls.kwd_patterns);
        break;
    case P_AS:
        if (p->u.as.pattern)
            visit_pattern(st, p->u.as.pattern);
        break;
    }
    if (p->name)
        add_def_cstr(st, p->name, DEF_LOCAL, p->lineno, p->col);
    st->depth--;
}

static void visit_patterns(SymTable *st, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        visit_pattern(st, l->items[i]);
}

static void visit_stmt(SymTable *st, const Stmt *s)
{
    enter_node(st);
    visit_stmt_inner(st, s);
    st->depth--;
}

static void visit_stmt_inner(SymTable *st, const Stmt *s)
{
    switch (s->kind) {
    case S_FUNCTIONDEF: {
        Value name = st_intern(st, s->u.funcdef.name);
        add_def(st, name, DEF_LOCAL, s->lineno, s->col);
        visit_defaults(st, s->u.funcdef.args);
        visit_annotations(st, s->u.funcdef.args, s->u.funcdef.returns);
        visit_exprs(st, &s->u.funcdef.decorators);
        enter_scope(st, ST_FUNCTION, s, name, s->lineno)->coroutine = s->is_async;
        visit_params(st, s->u.funcdef.args);
        visit_stmts(st, &s->u.funcdef.body);
        leave_scope(st);
        break;
    }
    case S_CLASSDEF: {
        Value name = st_intern(st, s->u.classdef.name);
        add_def(st, name, DEF_LOCAL, s->lineno, s->col);
        visit_exprs(st, &s->u.classdef.bases);
        for (int i = 0; i < s->u.classdef.keywords.n; i++) {
            const Keyword *k = s->u.classdef.keywords.items[i];
            visit_expr(st, k->value);
        }
        visit_exprs(st, &s->u.classdef.decorators);
        Value saved = st->private_name;
        st->private_name = name;
        enter_scope(st, ST_CLASS, s, name, s->lineno);
        visit_stmts(st, &s->u.classdef.body);
        leave_scope(st);
        st->private_name = saved;
        break;
    }
    case S_RETURN:
        if (s->u.ret.value)
            visit_expr(st, s->u.ret.value);
        break;
    case S_DELETE:
        visit_exprs(st, &s->u.del.targets);
        break;
    case S_ASSIGN:
        visit_expr(st, s->u.assign.value);
        visit_exprs(st, &s->u.assign.targets);
        break;
    case S_AUGASSIGN:
        visit_expr(st, s->u.augassign.target);
        visit_expr(st, s->u.augassign.value);
        break;
    case S_ANNASSIGN:
        visit_annassign(st, s);
        break;
    case S_FOR:
        visit_expr(st, s->u.loop.target);
        visit_expr(st, s->u.loop.iter);
        visit_stmts(st, &s->u.loop.body);
        visit_stmts(st, &s->u.loop.orelse);
        break;
    case S_WHILE:
        visit_expr(st, s->u.loop.test);
        visit_stmts(st, &s->u.loop.body);
        visit_stmts(st, &s->u.loop.orelse);
        break;
    case S_IF:
        visit_expr(st, s->u.ifs.test);
        visit_stmts(st, &s->u.ifs.body);
        visit_stmts(st, &s->u.ifs.orelse);
        break;
    case S_WITH:
        for (int i = 0; i < s->u.with.items.n; i++) {
            const WithItem *w = s->u.with.items.items[i];
            visit_expr(st, w->context_expr);
            if (w->optional_vars)
                visit_expr(st, w->optional_vars);
        }
        visit_stmts(st, &s->u.with.body);
        break;
    case S_RAISE:
        if (s->u.raise.exc)
            visit_expr(st, s->u.raise.exc);
        if (s->u.raise.cause)
            visit_expr(st, s->u.raise.cause);
        break;
    case S_TRY:
        visit_stmts(st, &s->u.try_.body);
        for (int i = 0; i < s->u.try_.handlers.n; i++) {
            const ExceptHandler *h = s->u.try_.handlers.items[i];
            if (h->type)
                visit_expr(st, h->type);
            if (h->name)
                add_def_cstr(st, h->name, DEF_LOCAL, h->lineno, h->col);
            visit_stmts(st, &h->body);
        }
        visit_stmts(st, &s->u.try_.orelse);
        visit_stmts(st, &s->u.try_.finalbody);
        break;
    case S_ASSERT:
        visit_expr(st, s->u.assert_.test);
        if (s->u.assert_.msg)
            visit_expr(st, s->u.assert_.msg);
        break;
    case S_IMPORT:
    case S_IMPORTFROM:
        for (int i = 0; i < s->u.import.names.n; i++) {
            const Alias *a = s->u.import.names.items[i];
            if (strcmp(a->name, "*") == 0) {
                if (st->cur->kind != ST_MODULE)
                    st_error(st, a->lineno ? a->lineno : s->lineno, a->col,
                             "import * only allowed at module level");
                continue;
            }
            const char *bind = a->asname ? a->asname : a->name;
            const char *dot = a->asname ? NULL : strchr(bind, '.');
            Value v;
            if (dot) {
                v = rt_str_intern(st->vm, bind, (size_t)(dot - bind));
                if (v == VNULL)
                    st_nomem(st);
            } else {
                v = st_intern(st, bind);
            }
            add_def(st, v, DEF_IMPORT, s->lineno, s->col);
        }
        break;
    case S_GLOBAL:
        declare(st, s, true);
        break;
    case S_NONLOCAL:
        declare(st, s, false);
        break;
    case S_EXPR:
        visit_expr(st, s->u.expr.value);
        break;
    case S_MATCH:
        visit_expr(st, s->u.match.subject);
        for (int i = 0; i < s->u.match.cases.n; i++) {
            const MatchCase *m = s->u.match.cases.items[i];
            visit_pattern(st, m->pattern);
            if (m->guard)
                visit_expr(st, m->guard);
            visit_stmts(st, &m->body);
        }
        break;
    case S_PASS:
    case S_BREAK:
    case S_CONTINUE:
        break;
    }
}

/* ---- analysis ------------------------------------------------------------------- */

/* A small set of interned names (pointer identity); arena-backed. */
typedef struct NameSet {
    Value *items;
    int n, cap;
} NameSet;

static bool set_has(const NameSet *s, Value v)
{
    return s && cg_value_index(s->items, s->n, v) >= 0;
}

static void set_add(SymTable *st, NameSet *s, Value v)
{
    if (set_has(s, v))
        return;
    s->items = st_grow(st, s->items, &s->cap, s->n + 1, sizeof(Value));
    s->items[s->n++] = v;
}

static void set_discard(NameSet *s, Value v)
{
    int i = cg_value_index(s->items, s->n, v);
    if (i >= 0)
        s->items[i] = s->items[--s->n];
}

static void set_union(SymTable *st, NameSet *dst, const NameSet *src)
{
    for (int i = 0; src && i < src->n; i++)
        set_add(st, dst, src->items[i]);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(v_cstr(*(const Value *)a), v_cstr(*(const Value *)b));
}

static void analyze_name(SymTable *st, Scope *s, Sym *sym, NameSet *bound, NameSet *local,
                         NameSet *free, NameSet *global)
{
    int flags = sym->flags;
    Value name = sym->name;
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            st_error_range(st, sym->line, sym->col, sym->end_line, sym->end_col,
                           "name '%s' is nonlocal and global", v_cstr(name));
        sym->scope = SC_GLOBAL_EXPLICIT;
        set_add(st, global, name);
        if (bound)
            set_discard(bound, name);
        return;
    }
    if (flags & DEF_NONLOCAL) {
        if (!set_has(bound, name))
            st_error_range(st, sym->line, sym->col, sym->end_line, sym->end_col,
                           "no binding for nonlocal '%s' found", v_cstr(name));
        sym->scope = SC_FREE;
        set_add(st, free, name);
        return;
    }
    if (flags & DEF_BOUND) {
        sym->scope = SC_LOCAL;
        if (s->kind == ST_FUNCTION)
            set_add(st, local, name);
        set_discard(global, name);
        return;
    }
    if (set_has(bound, name)) {
        sym->scope = SC_FREE;
        set_add(st, free, name);
        return;
    }
    sym->scope = SC_GLOBAL_IMPLICIT;
}

static void analyze_block(SymTable *st, Scope *s, NameSet *bound, NameSet *free, NameSet *global);

static void analyze_child(SymTable *st, Scope *child, const NameSet *bound, NameSet *free,
                          const NameSet *global)
{
    /* Each child works on copies: analysis of one must not leak into a sibling. */
    NameSet b = {0}, g = {0};
    set_union(st, &b, bound);
    set_union(st, &g, global);
    analyze_block(st, child, &b, free, &g);
}

static void analyze_block(SymTable *st, Scope *s, NameSet *bound, NameSet *free, NameSet *global)
{
    NameSet local = {0}, newglobal = {0}, newfree = {0}, newbound = {0};
    if (s->kind == ST_CLASS) {
        set_union(st, &newglobal, global);
        set_union(st, &newbound, bound);
    }
    for (int i = 0; i < s->nsyms; i++)
        analyze_name(st, s, &s->syms[i], bound, &local, free, global);
    if (s->kind != ST_CLASS) {
        if (s->kind == ST_FUNCTION)
            set_union(st, &newbound, &local);
        set_union(st, &newbound, bound);
        set_union(st, &newglobal, global);
    } else {
        set_add(st, &newbound, st->s_class);
    }
    for (int i = 0; i < s->nchildren; i++)
        analyze_child(st, s->children[i], &newbound, &newfree, &newglobal);

    if (s->kind == ST_FUNCTION) {
        /* Locals that children capture become cells. */
        for (int i = 0; i < newfree.n;) {
            Sym *sym = cg_scope_find(s, newfree.items[i]);
            if (sym && sym->scope == SC_LOCAL) {
                sym->scope = SC_CELL;
                newfree.items[i] = newfree.items[--newfree.n];
            } else {
                i++;
            }
        }
    } else if (s->kind == ST_CLASS) {
        if (set_has(&newfree, st->s_class)) {
            set_discard(&newfree, st->s_class);
            s->needs_class_closure = true;
        }
    }
    /* Names free in children and not resolved here pass through this scope. */
    for (int i = 0; i < newfree.n; i++) {
        Value name = newfree.items[i];
        Sym *sym = cg_scope_find(s, name);
        if (sym) {
            if (s->kind == ST_CLASS && (sym->flags & (DEF_BOUND | DEF_GLOBAL)))
                sym->flags |= DEF_FREE_CLASS;
            continue;
        }
        if (!set_has(bound, name))
            continue;
        sym = scope_add(st, s, name);
        sym->scope = SC_FREE;
    }
    set_union(st, free, &newfree);

    /* Final lists: locals (after the parameters), cells, frees. */
    int ncell = 0, nfree = 0;
    for (int i = 0; i < s->nsyms; i++) {
        Sym *sym = &s->syms[i];
        if (sym->scope == SC_CELL)
            ncell++;
        if (sym->scope == SC_FREE || (sym->flags & DEF_FREE_CLASS))
            nfree++;
        if (s->kind == ST_FUNCTION && (sym->scope == SC_LOCAL || sym->scope == SC_CELL) &&
            !(sym->flags & DEF_PARAM))
            add_varname(st, s, sym->name);
    }
    if (s->needs_class_closure)
        ncell++;
    s->cellvars = ast_alloc(st->arena, (size_t)(ncell + 1) * sizeof(Value));
    s->freevars = ast_alloc(st->arena, (size_t)(nfree + 1) * sizeof(Value));
    for (int i = 0; i < s->nsyms; i++) {
        Sym *sym = &s->syms[i];
        if (sym->scope == SC_CELL)
            s->cellvars[s->ncells++] = sym->name;
        if (sym->scope == SC_FREE || (sym->flags & DEF_FREE_CLASS))
            s->freevars[s->nfrees++] = sym->name;
    }
    if (s->needs_class_closure)
        s->cellvars[s->ncells++] = st->s_class;
    qsort(s->cellvars, (size_t)s->ncells, sizeof(Value), cmp_names);
    qsort(s->freevars, (size_t)s->nfrees, sizeof(Value), cmp_names);
}

void cg_symtable_build(SymTable *st, const AstModule *mod)
{
    st->s_super = st_intern(st, "super");
    st->s_class = st_intern(st, "__class__");
    st->s_dot0 = st_intern(st, ".0");
    st->cur = NULL;
    st->private_name = VNULL;
    st->depth = 0;
    st->max_depth = 3 * (st->vm->recursion_limit > 0 ? st->vm->recursion_limit : 1000);
    st->top = enter_scope(st, ST_MODULE, mod, st_intern(st, "<module>"), 1);
    visit_stmts(st, &mod->body);
    leave_scope(st);
    NameSet free = {0}, global = {0};
    analyze_block(st, st->top, NULL, &free, &global);
}
