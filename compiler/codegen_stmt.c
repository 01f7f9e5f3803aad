/* compiler/codegen_stmt.c — statements: definitions, control flow,
 * exception handling (CPython 3.11's zero-cost scheme: ranges in the
 * exception table, handlers entered with the exception pushed), with,
 * imports; and the unwinding of frame blocks for break/continue/return. */
#include <string.h>
#include "compiler/cg.h"
#include "runtime/state.h"

/* ---- frame blocks ------------------------------------------------------------ */

static FBlock *push_fblock(Compiler *c, FBlockKind kind, int line)
{
    Unit *u = c->u;
    if (u->nfblocks >= (int)(sizeof u->fblocks / sizeof u->fblocks[0]))
        cg_error(c, line, 0, "too many statically nested blocks");
    FBlock *fb = &u->fblocks[u->nfblocks++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->line = line;
    fb->name = VNULL;
    fb->handler = u->cur_handler;
    fb->outer_handler = u->cur_handler;
    return fb;
}

static void pop_fblock(Compiler *c)
{
    c->u->nfblocks--;
}

static void emit_exit_call(Compiler *c)
{
    cg_emit(c, CGOP_PUSH_NULL, 0);
    cg_load_const(c, rt_None);
    cg_load_const(c, rt_None);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_CALL, 3);
    cg_emit(c, CGOP_POP_TOP, 0);
}

/* Emit the code that leaves one block early; preserve_tos: a return value
 * sits on top of the block's own stack items. */
static void unwind_fblock(Compiler *c, const FBlock *fb, bool preserve_tos)
{
    Unit *u = c->u;
    switch (fb->kind) {
    case FB_WHILE:
        break;
    case FB_FOR:
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_POP_TOP, 0);
        break;
    case FB_TRY_EXCEPT:
        u->cur_handler = fb->outer_handler;
        break;
    case FB_FINALLY_TRY:
        u->cur_handler = fb->outer_handler;
        if (preserve_tos)
            push_fblock(c, FB_POP_VALUE, fb->line);
        cg_body(c, fb->finalbody);
        if (preserve_tos)
            pop_fblock(c);
        break;
    case FB_POP_VALUE:
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_POP_TOP, 0);
        break;
    case FB_FINALLY_END:
        /* [prev, exc, (v)] */
        u->cur_handler = fb->outer_handler;
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_POP_TOP, 0);
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_POP_EXCEPT, 0);
        break;
    case FB_WITH:
        /* [exit, (v)] */
        u->cur_handler = fb->outer_handler;
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        emit_exit_call(c);
        break;
    case FB_ASYNC_WITH:
        u->cur_handler = fb->outer_handler;
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_async_exit_call(c);
        break;
    case FB_HANDLER_CLEANUP:
        /* [prev, (v)] */
        u->cur_handler = fb->handler;
        if (fb->name != VNULL) {
            cg_load_const(c, rt_None);
            cg_nameop(c, fb->name, CTX_STORE, fb->line, 0);
            cg_nameop(c, fb->name, CTX_DEL, fb->line, 0);
        }
        u->cur_handler = fb->outer_handler;
        if (preserve_tos)
            cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_POP_EXCEPT, 0);
        break;
    }
}

/* Unwind blocks from the innermost outwards; with `loop`, stop at (and
 * return) the innermost loop.  Each block is popped while its own unwinding
 * code is emitted (a finally body must not see itself). */
static FBlock *unwind_stack(Compiler *c, bool preserve_tos, bool loop)
{
    Unit *u = c->u;
    if (u->nfblocks == 0)
        return NULL;
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->kind == FB_WHILE || top->kind == FB_FOR))
        return top;
    FBlock copy = *top;
    u->nfblocks--;
    unwind_fblock(c, &copy, preserve_tos);
    FBlock *r = unwind_stack(c, preserve_tos, loop);
    u->fblocks[u->nfblocks++] = copy;
    return r;
}

static void compile_return(Compiler *c, const Stmt *s)
{
    Unit *u = c->u;
    if (u->scope->kind != ST_FUNCTION)
        cg_error_range(c, CG_AT(s), "'return' outside function");
    cg_check_async_return(c, s);
    int saved = u->cur_handler;
    const Expr *v = s->u.ret.value;
    if (v)
        cg_expr(c, v);
    unwind_stack(c, v != NULL, false);
    u->loc = CG_LOC(s);
    if (!v)
        cg_load_const(c, rt_None);
    cg_emit(c, CGOP_RETURN_VALUE, 0);
    u->cur_handler = saved;
}

static void compile_break_continue(Compiler *c, const Stmt *s, bool is_break)
{
    Unit *u = c->u;
    int saved = u->cur_handler;
    int n = u->nfblocks;
    bool found = false;
    for (int i = n - 1; i >= 0 && !found; i--)
        found = u->fblocks[i].kind == FB_WHILE || u->fblocks[i].kind == FB_FOR;
    if (!found)
        cg_error_range(c, CG_AT(s), "%s",
                       is_break ? "'break' outside loop" : "'continue' not properly in loop");
    FBlock *loop = unwind_stack(c, false, true);
    u->loc = CG_LOC(s);
    if (is_break) {
        unwind_fblock(c, loop, false);
        cg_emit(c, CGOP_JUMP, loop->exit);
    } else {
        cg_emit(c, CGOP_JUMP, loop->start);
    }
    u->cur_handler = saved;
}

/* ---- definitions ----------------------------------------------------------------- */

static void load_decorators(Compiler *c, const AstList *decs)
{
    for (int i = 0; i < decs->n; i++) {
        cg_expr(c, decs->items[i]);
        cg_emit(c, CGOP_PUSH_NULL, 0);
    }
}

static void apply_decorators(Compiler *c, const AstList *decs)
{
    for (int i = decs->n - 1; i >= 0; i--) {
        c->u->loc = CG_LOC(((const Expr *)decs->items[i]));
        cg_emit(c, CGOP_CALL, 1);
    }
}

static int first_line(const Stmt *s, const AstList *decs)
{
    int line = s->lineno;
    for (int i = 0; i < decs->n; i++) {
        int l = ((const Expr *)decs->items[i])->lineno;
        if (l && l < line)
            line = l;
    }
    return line;
}

static void compile_funcdef(Compiler *c, const Stmt *s)
{
    Scope *sc = cg_symtable_lookup(&c->st, s);
    const AstList *decs = &s->u.funcdef.decorators;
    load_decorators(c, decs);
    int flags = cg_defaults(c, s->u.funcdef.args);
    flags |= cg_annotations(c, s->u.funcdef.args, s->u.funcdef.returns);
    Code *code = cg_function_body(c, sc, s->u.funcdef.args, &s->u.funcdef.body, NULL,
                                  first_line(s, decs));
    c->u->loc = CG_LOC(s);
    cg_make_closure(c, code, sc, flags);
    apply_decorators(c, decs);
    c->u->loc = CG_LOC(s);
    cg_nameop(c, cg_intern(c, s->u.funcdef.name), CTX_STORE, s->lineno, s->col);
}

/* Starred bases or **keywords: __build_class__ is called through CALL_EX. */
static bool class_call_is_ex(const Stmt *s)
{
    const AstList *b = &s->u.classdef.bases, *k = &s->u.classdef.keywords;
    for (int i = 0; i < b->n; i++)
        if (((const Expr *)b->items[i])->kind == E_STARRED)
            return true;
    for (int i = 0; i < k->n; i++)
        if (((const Keyword *)k->items[i])->arg == NULL)
            return true;
    return false;
}

static void compile_classdef(Compiler *c, const Stmt *s)
{
    Scope *sc = cg_symtable_lookup(&c->st, s);
    const AstList *decs = &s->u.classdef.decorators;
    const AstList *bases = &s->u.classdef.bases;
    load_decorators(c, decs);
    c->u->loc = CG_LOC(s);
    cg_emit(c, CGOP_LOAD_BUILD_CLASS, 0);
    if (!class_call_is_ex(s))
        cg_emit(c, CGOP_PUSH_NULL, 0);

    cg_enter_unit(c, sc, sc->name, first_line(s, decs));
    Unit *u = c->u;
    u->loc = CG_LOC(s);
    for (int i = 0; i < sc->ncells; i++)
        cg_emit(c, CGOP_MAKE_CELL, i);
    cg_emit(c, CGOP_LOAD_NAME, cg_add_name(c, c->s_name));
    cg_emit(c, CGOP_STORE_NAME, cg_add_name(c, c->s_module));
    cg_load_const(c, u->qualname);
    cg_emit(c, CGOP_STORE_NAME, cg_add_name(c, c->s_qualname));
    const AstList *body = &s->u.classdef.body;
    int start = 0;
    if (cg_find_ann(body))
        cg_emit(c, CGOP_SETUP_ANNOTATIONS, 0);
    if (cg_is_docstring(body)) {
        const Stmt *d = body->items[0];
        if (c->optimize < 2) {
            u->loc = cg_line_loc(d->lineno);
            cg_load_const(c, cg_const_value(c, &d->u.expr.value->u.constant));
            cg_emit(c, CGOP_STORE_NAME, cg_add_name(c, c->s_doc));
        }
        start = 1;
    }
    for (int i = start; i < body->n; i++)
        cg_stmt(c, body->items[i]);
    u->loc = cg_line_loc(s->end_lineno ? s->end_lineno : s->lineno);
    if (sc->needs_class_closure) {
        cg_emit(c, CGOP_LOAD_CLOSURE, cg_value_index(sc->cellvars, sc->ncells, c->s_class));
        cg_emit(c, CGOP_STORE_NAME, cg_add_name(c, c->s_classcell));
    }
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_RETURN_VALUE, 0);
    Code *code = cg_leave_unit(c);

    c->u->loc = CG_LOC(s);
    cg_make_closure(c, code, sc, 0);
    cg_load_const(c, sc->name);
    /* __build_class__(func, name, *bases, **keywords) */
    cg_call_helper(c, 2, bases, &s->u.classdef.keywords, CG_LOC(s));
    apply_decorators(c, decs);
    c->u->loc = CG_LOC(s);
    cg_nameop(c, sc->name, CTX_STORE, s->lineno, s->col);
}

/* ---- control flow -------------------------------------------------------------------- */

static void compile_if(Compiler *c, const Stmt *s)
{
    int end = cg_new_label(c);
    int other = s->u.ifs.orelse.n ? cg_new_label(c) : end;
    cg_jump_if(c, s->u.ifs.test, other, false);
    cg_body(c, &s->u.ifs.body);
    if (s->u.ifs.orelse.n) {
        cg_emit(c, CGOP_JUMP, end);
        cg_place(c, other);
        cg_body(c, &s->u.ifs.orelse);
    }
    cg_place(c, end);
}

static void compile_while(Compiler *c, const Stmt *s)
{
    /* The test is repeated at the bottom (as CPython 3.11 does), so an
     * iteration costs one conditional jump instead of two jumps. */
    int start = cg_new_label(c), body = cg_new_label(c), orelse = cg_new_label(c),
        end = cg_new_label(c);
    cg_place(c, start);
    cg_jump_if(c, s->u.loop.test, orelse, false);
    cg_place(c, body);
    FBlock *fb = push_fblock(c, FB_WHILE, s->lineno);
    fb->start = start;
    fb->exit = end;
    cg_body(c, &s->u.loop.body);
    pop_fblock(c);
    c->u->loc = CG_LOC(s);
    cg_jump_if(c, s->u.loop.test, body, true);
    cg_place(c, orelse);
    cg_body(c, &s->u.loop.orelse);
    cg_place(c, end);
}

static void compile_for(Compiler *c, const Stmt *s)
{
    int start = cg_new_label(c), orelse = cg_new_label(c), end = cg_new_label(c);
    cg_expr(c, s->u.loop.iter);
    c->u->loc = CG_LOC(s);
    cg_emit(c, CGOP_GET_ITER, 0);
    cg_place(c, start);
    cg_emit(c, CGOP_FOR_ITER, orelse);
    cg_store_target(c, s->u.loop.target);
    FBlock *fb = push_fblock(c, FB_FOR, s->lineno);
    fb->start = start;
    fb->exit = end;
    cg_body(c, &s->u.loop.body);
    pop_fblock(c);
    c->u->loc = CG_LOC(s);
    cg_emit(c, CGOP_JUMP, start);
    cg_place(c, orelse);
    cg_body(c, &s->u.loop.orelse);
    cg_place(c, end);
}

/* ---- exceptions ------------------------------------------------------------------------- */

/* The code of a cleanup handler: [prev, exc] → restore prev, re-raise. */
static void emit_cleanup(Compiler *c, int label)
{
    cg_place(c, label);
    cg_emit(c, CGOP_SWAP, 2);
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_RERAISE, 0);
}

static void compile_try_except(Compiler *c, const Stmt *s)
{
    if (((const ExceptHandler *)s->u.try_.handlers.items[0])->star) {
        cg_compile_try_star(c, s);
        return;
    }
    Unit *u = c->u;
    int outer = u->cur_handler;
    int handler = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c);
    int rec = cg_push_handler(c, handler, 0);
    FBlock *fb = push_fblock(c, FB_TRY_EXCEPT, s->lineno);
    fb->handler = rec;
    fb->outer_handler = outer;
    cg_body(c, &s->u.try_.body);
    pop_fblock(c);
    u->cur_handler = outer;
    cg_body(c, &s->u.try_.orelse);
    cg_emit(c, CGOP_JUMP, end);

    /* [exc] */
    const AstList *hs = &s->u.try_.handlers;
    cg_place(c, handler);
    u->loc = cg_line_loc(((const ExceptHandler *)hs->items[0])->lineno);
    int crec = cg_push_handler(c, cleanup, 0);
    cg_emit(c, CGOP_PUSH_EXC_INFO, 0);
    for (int i = 0; i < hs->n; i++) {
        const ExceptHandler *h = hs->items[i];
        u->loc = cg_line_loc(h->lineno);
        u->cur_handler = crec;
        int next = cg_new_label(c);
        if (h->type) {
            cg_expr(c, h->type);
            cg_emit(c, CGOP_CHECK_EXC_MATCH, 0);
            cg_emit(c, CGOP_POP_JUMP_IF_FALSE, next);
        } else if (i != hs->n - 1) {
            cg_error(c, h->lineno, h->col, "default 'except:' must be last");
        }
        if (h->name) {
            Value name = cg_intern(c, h->name);
            cg_nameop(c, name, CTX_STORE, h->lineno, h->col);
            int name_cleanup = cg_new_label(c);
            cg_push_handler(c, name_cleanup, 0);
            FBlock *hb = push_fblock(c, FB_HANDLER_CLEANUP, h->lineno);
            hb->handler = crec;
            hb->outer_handler = outer;
            hb->name = name;
            cg_body(c, &h->body);
            pop_fblock(c);
            u->cur_handler = outer;
            cg_emit(c, CGOP_POP_EXCEPT, 0);
            cg_load_const(c, rt_None);
            cg_nameop(c, name, CTX_STORE, h->lineno, h->col);
            cg_nameop(c, name, CTX_DEL, h->lineno, h->col);
            cg_emit(c, CGOP_JUMP, end);
            /* [prev, exc2]: unbind the name, re-raise into the cleanup. */
            u->cur_handler = crec;
            cg_place(c, name_cleanup);
            cg_load_const(c, rt_None);
            cg_nameop(c, name, CTX_STORE, h->lineno, h->col);
            cg_nameop(c, name, CTX_DEL, h->lineno, h->col);
            cg_emit(c, CGOP_RERAISE, 0);
        } else {
            cg_emit(c, CGOP_POP_TOP, 0);
            FBlock *hb = push_fblock(c, FB_HANDLER_CLEANUP, h->lineno);
            hb->handler = crec;
            hb->outer_handler = outer;
            cg_body(c, &h->body);
            pop_fblock(c);
            u->cur_handler = outer;
            cg_emit(c, CGOP_POP_EXCEPT, 0);
            cg_emit(c, CGOP_JUMP, end);
        }
        u->cur_handler = crec;
        cg_place(c, next);
    }
    cg_emit(c, CGOP_RERAISE, 0);
    u->cur_handler = outer;
    emit_cleanup(c, cleanup);
    cg_place(c, end);
}

static void compile_try(Compiler *c, const Stmt *s)
{
    if (!s->u.try_.finalbody.n) {
        compile_try_except(c, s);
        return;
    }
    Unit *u = c->u;
    int outer = u->cur_handler;
    int fin = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c);
    int rec = cg_push_handler(c, fin, 0);
    FBlock *fb = push_fblock(c, FB_FINALLY_TRY, s->lineno);
    fb->handler = rec;
    fb->outer_handler = outer;
    fb->finalbody = &s->u.try_.finalbody;
    if (s->u.try_.handlers.n)
        compile_try_except(c, s);
    else
        cg_body(c, &s->u.try_.body);
    pop_fblock(c);
    u->cur_handler = outer;
    cg_body(c, &s->u.try_.finalbody);
    cg_emit(c, CGOP_JUMP, end);

    /* [exc] */
    cg_place(c, fin);
    int crec = cg_push_handler(c, cleanup, 0);
    cg_emit(c, CGOP_PUSH_EXC_INFO, 0);
    FBlock *fe = push_fblock(c, FB_FINALLY_END, s->lineno);
    fe->handler = crec;
    fe->outer_handler = outer;
    cg_body(c, &s->u.try_.finalbody);
    pop_fblock(c);
    cg_emit(c, CGOP_RERAISE, 0);
    u->cur_handler = outer;
    emit_cleanup(c, cleanup);
    cg_place(c, end);
}

static void compile_with(Compiler *c, const Stmt *s, int item)
{
    Unit *u = c->u;
    const WithItem *w = s->u.with.items.items[item];
    int outer = u->cur_handler;
    int handler = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c),
        suppress = cg_new_label(c);
    cg_expr(c, w->context_expr);
    u->loc = CG_LOC(s);
    cg_emit(c, CGOP_BEFORE_WITH, 0);
    /* [exit, enter_result]: the handler keeps [exit]. */
    int rec = cg_push_handler(c, handler, -1);
    FBlock *fb = push_fblock(c, FB_WITH, s->lineno);
    fb->handler = rec;
    fb->outer_handler = outer;
    if (w->optional_vars)
        cg_store_target(c, w->optional_vars);
    else
        cg_emit(c, CGOP_POP_TOP, 0);
    if (item + 1 < s->u.with.items.n)
        compile_with(c, s, item + 1);
    else
        cg_body(c, &s->u.with.body);
    pop_fblock(c);
    u->cur_handler = outer;
    u->loc = CG_LOC(s);
    emit_exit_call(c);
    cg_emit(c, CGOP_JUMP, end);

    /* [exit, exc] */
    cg_place(c, handler);
    cg_push_handler(c, cleanup, 0);
    cg_emit(c, CGOP_PUSH_EXC_INFO, 0);
    cg_emit(c, CGOP_WITH_EXCEPT_START, 0);
    cg_emit(c, CGOP_POP_JUMP_IF_TRUE, suppress);
    cg_emit(c, CGOP_RERAISE, 0);
    u->cur_handler = outer;
    cg_place(c, suppress);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_emit(c, CGOP_JUMP, end);
    emit_cleanup(c, cleanup);
    cg_place(c, end);
}

static void compile_raise(Compiler *c, const Stmt *s)
{
    int n = 0;
    if (s->u.raise.exc) {
        cg_expr(c, s->u.raise.exc);
        n = 1;
        if (s->u.raise.cause) {
            cg_expr(c, s->u.raise.cause);
            n = 2;
        }
    }
    c->u->loc = CG_LOC(s);
    cg_emit(c, CGOP_RAISE, n);
}

static void compile_assert(Compiler *c, const Stmt *s)
{
    if (c->optimize)
        return;
    int end = cg_new_label(c);
    cg_jump_if(c, s->u.assert_.test, end, true);
    /* CPython's raise carries the test's location (tracebacks mark it). */
    c->u->loc = CG_LOC(s->u.assert_.test);
    cg_emit(c, CGOP_LOAD_ASSERTION_ERROR, 0);
    if (s->u.assert_.msg) {
        cg_emit(c, CGOP_PUSH_NULL, 0);
        cg_expr(c, s->u.assert_.msg);
        c->u->loc = CG_LOC(s->u.assert_.test);
        cg_emit(c, CGOP_CALL, 1);
    }
    cg_emit(c, CGOP_RAISE, 1);
    cg_place(c, end);
}

/* ---- imports ---------------------------------------------------------------------------- */

static Value intern_n(Compiler *c, const char *s, size_t n)
{
    Value v = rt_str_intern(c->vm, s, n);
    if (v == VNULL)
        cg_nomem(c);
    return v;
}

static void compile_import(Compiler *c, const Stmt *s)
{
    const AstList *names = &s->u.import.names;
    for (int i = 0; i < names->n; i++) {
        const Alias *a = names->items[i];
        cg_load_const(c, v_from_small(0));
        cg_load_const(c, rt_None);
        cg_emit(c, CGOP_IMPORT_NAME, cg_add_name(c, cg_intern(c, a->name)));
        const char *dot = strchr(a->name, '.');
        if (a->asname) {
            /* `import a.b.c as d` binds the submodule. */
            const char *p = dot;
            while (p) {
                const char *q = strchr(p + 1, '.');
                size_t len = q ? (size_t)(q - p - 1) : strlen(p + 1);
                cg_emit(c, CGOP_IMPORT_FROM, cg_add_name(c, intern_n(c, p + 1, len)));
                if (q) {
                    cg_emit(c, CGOP_SWAP, 2);
                    cg_emit(c, CGOP_POP_TOP, 0);
                }
                p = q;
            }
            cg_nameop(c, cg_intern(c, a->asname), CTX_STORE, s->lineno, s->col);
            if (dot)
                cg_emit(c, CGOP_POP_TOP, 0);
        } else {
            Value bind = dot ? intern_n(c, a->name, (size_t)(dot - a->name)) : cg_intern(c, a->name);
            cg_nameop(c, bind, CTX_STORE, s->lineno, s->col);
        }
    }
}

static void compile_importfrom(Compiler *c, const Stmt *s)
{
    cg_check_future(c, s);
    const AstList *names = &s->u.import.names;
    Value fromlist = rt_tuple_new(c->vm, (size_t)names->n);
    if (fromlist == VNULL)
        cg_nomem(c);
    for (int i = 0; i < names->n; i++) {
        const Alias *a = names->items[i];
        v_tuple(fromlist)->items[i] = cg_intern(c, a->name);
    }
    cg_load_const(c, v_from_small(s->u.import.level));
    cg_load_const(c, fromlist);
    const char *mod = s->u.import.module ? s->u.import.module : "";
    cg_emit(c, CGOP_IMPORT_NAME, cg_add_name(c, cg_intern(c, mod)));
    for (int i = 0; i < names->n; i++) {
        const Alias *a = names->items[i];
        if (strcmp(a->name, "*") == 0) {
            cg_emit(c, CGOP_IMPORT_STAR, 0);
            return;
        }
        cg_emit(c, CGOP_IMPORT_FROM, cg_add_name(c, cg_intern(c, a->name)));
        cg_nameop(c, cg_intern(c, a->asname ? a->asname : a->name), CTX_STORE, s->lineno, s->col);
    }
    cg_emit(c, CGOP_POP_TOP, 0);
}

/* ---- assignments --------------------------------------------------------------------------- */

static void compile_assign(Compiler *c, const Stmt *s)
{
    const AstList *targets = &s->u.assign.targets;
    cg_expr(c, s->u.assign.value);
    for (int i = 0; i < targets->n; i++) {
        if (i < targets->n - 1)
            cg_emit(c, CGOP_COPY, 1);
        cg_store_target(c, targets->items[i]);
    }
}

static void compile_augassign(Compiler *c, const Stmt *s)
{
    const Expr *t = s->u.augassign.target;
    int op = s->u.augassign.op | BIN_INPLACE;
    Unit *u = c->u;
    switch (t->kind) {
    case E_NAME: {
        Value name = cg_intern(c, t->u.name.id);
        cg_nameop(c, name, CTX_LOAD, t->lineno, t->col);
        cg_expr(c, s->u.augassign.value);
        u->loc = CG_LOC(s);
        cg_emit(c, CGOP_BINARY_OP, op);
        cg_nameop(c, name, CTX_STORE, t->lineno, t->col);
        break;
    }
    case E_ATTRIBUTE: {
        int name = cg_add_name(c, cg_mangled(c, t->u.attr.name));
        cg_expr(c, t->u.attr.value);
        u->loc = CG_LOC(t);
        cg_emit(c, CGOP_COPY, 1);
        cg_emit(c, CGOP_LOAD_ATTR, name);
        cg_expr(c, s->u.augassign.value);
        u->loc = CG_LOC(s);
        cg_emit(c, CGOP_BINARY_OP, op);
        cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_STORE_ATTR, name);
        break;
    }
    case E_SUBSCRIPT:
        cg_expr(c, t->u.subscript.value);
        cg_expr(c, t->u.subscript.index);
        u->loc = CG_LOC(t);
        cg_emit(c, CGOP_COPY, 2);
        cg_emit(c, CGOP_COPY, 2);
        cg_emit(c, CGOP_BINARY_SUBSCR, 0);
        cg_expr(c, s->u.augassign.value);
        u->loc = CG_LOC(s);
        cg_emit(c, CGOP_BINARY_OP, op);
        cg_emit(c, CGOP_SWAP, 3);
        cg_emit(c, CGOP_SWAP, 2);
        cg_emit(c, CGOP_STORE_SUBSCR, 0);
        break;
    default:
        cg_error(c, t->lineno, t->col, "'%s' is an illegal expression for augmented assignment",
                 "expression");
    }
}

static void compile_delete(Compiler *c, const Expr *t)
{
    switch (t->kind) {
    case E_NAME:
        cg_nameop(c, cg_intern(c, t->u.name.id), CTX_DEL, t->lineno, t->col);
        break;
    case E_TUPLE:
    case E_LIST:
        for (int i = 0; i < t->u.seq.elts.n; i++)
            compile_delete(c, t->u.seq.elts.items[i]);
        break;
    case E_ATTRIBUTE:
        cg_expr(c, t->u.attr.value);
        c->u->loc = CG_LOC(t);
        cg_emit(c, CGOP_DELETE_ATTR, cg_add_name(c, cg_mangled(c, t->u.attr.name)));
        break;
    case E_SUBSCRIPT:
        cg_expr(c, t->u.subscript.value);
        cg_expr(c, t->u.subscript.index);
        c->u->loc = CG_LOC(t);
        cg_emit(c, CGOP_DELETE_SUBSCR, 0);
        break;
    default:
        cg_error(c, t->lineno, t->col, "cannot delete expression");
    }
}

/* ---- the statement switch -------------------------------------------------------------------- */

void cg_body(Compiler *c, const AstList *body)
{
    for (int i = 0; i < body->n; i++)
        cg_stmt(c, body->items[i]);
}

void cg_stmt(Compiler *c, const Stmt *s)
{
    Unit *u = c->u;
    u->loc = CG_LOC(s);
    switch (s->kind) {
    case S_FUNCTIONDEF:
        compile_funcdef(c, s);
        break;
    case S_CLASSDEF:
        compile_classdef(c, s);
        break;
    case S_RETURN:
        compile_return(c, s);
        break;
    case S_DELETE:
        for (int i = 0; i < s->u.del.targets.n; i++)
            compile_delete(c, s->u.del.targets.items[i]);
        break;
    case S_ASSIGN:
        compile_assign(c, s);
        break;
    case S_AUGASSIGN:
        compile_augassign(c, s);
        break;
    case S_ANNASSIGN:
        cg_annassign(c, s);
        break;
    case S_FOR:
        if (s->is_async)
            cg_async_for(c, s);
        else
            compile_for(c, s);
        break;
    case S_WHILE:
        compile_while(c, s);
        break;
    case S_IF:
        compile_if(c, s);
        break;
    case S_WITH:
        if (s->is_async)
            cg_async_with(c, s, 0);
        else
            compile_with(c, s, 0);
        break;
    case S_RAISE:
        compile_raise(c, s);
        break;
    case S_TRY:
        compile_try(c, s);
        break;
    case S_ASSERT:
        compile_assert(c, s);
        break;
    case S_IMPORT:
        compile_import(c, s);
        break;
    case S_IMPORTFROM:
        compile_importfrom(c, s);
        break;
    case S_GLOBAL:
    case S_NONLOCAL:
    case S_PASS:
        break;
    case S_EXPR: {
        const Expr *v = s->u.expr.value;
        if (c->interactive && u->scope->kind == ST_MODULE) {
            cg_expr(c, v);
            u->loc = CG_LOC(s);
            cg_emit(c, CGOP_PRINT_EXPR, 0);
            break;
        }
        if (v->kind == E_CONSTANT)
            break;
        cg_expr(c, v);
        u->loc = CG_LOC(s);
        cg_emit(c, CGOP_POP_TOP, 0);
        break;
    }
    case S_MATCH:
        cg_match(c, s);
        break;
    case S_BREAK:
        compile_break_continue(c, s, true);
        break;
    case S_CONTINUE:
        compile_break_continue(c, s, false);
        break;
    }
}

/* ---- for codegen_async.c ---------------------------------------------------------------- */

FBlock *cg_push_fblock(Compiler *c, FBlockKind kind, int line)
{
    return push_fblock(c, kind, line);
}

void cg_pop_fblock(Compiler *c)
{
    pop_fblock(c);
}

void cg_emit_cleanup(Compiler *c, int label)
{
    emit_cleanup(c, label);
}
