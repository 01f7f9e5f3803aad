/* compiler/codegen_trystar.c — `try: ... except* T: ...` (PEP 654), laid
 * out as CPython 3.11 does:
 *
 *   handler entry [exc] → PUSH_EXC_INFO → [prev, orig]
 *   COPY 1, BUILD_LIST 0, SWAP 2          → [prev, orig, raised, rest]
 *   per clause: T, CHECK_EG_MATCH         → [prev, orig, raised, rest, match]
 *     match is None: pop it, next clause; else bind or pop it and run the
 *     body; an exception escaping the body is appended to `raised`.
 *   LIST_APPEND 1 (rest too), PREP_RERAISE_STAR → [prev, result]
 *   result None: POP_EXCEPT and go on; else restore prev and re-raise it.
 *
 * break/continue/return may not leave an except* body (CPython's
 * compile-time SyntaxError), so the bodies need no frame block. */
#include <string.h>
#include "compiler/cg.h"

/* The first break/continue/return that would leave an except* body: not
 * inside a nested function or class; break/continue not inside a loop of
 * the body itself. */
static void check_no_exit(Compiler *c, const AstList *body, bool in_loop)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        const char *msg = "'break', 'continue' and 'return' cannot appear in an except* block";
        switch (s->kind) {
        case S_BREAK:
        case S_CONTINUE:
            if (!in_loop)
                cg_error_range(c, CG_AT(s), "%s", msg);
            break;
        case S_RETURN:
            if (s->u.ret.value)
                cg_error_range(c, CG_AT(s->u.ret.value), "%s", msg);
            cg_error_range(c, CG_AT(s), "%s", msg);
            break;
        case S_FOR:
        case S_WHILE:
            check_no_exit(c, &s->u.loop.body, true);
            check_no_exit(c, &s->u.loop.orelse, in_loop);
            break;
        case S_IF:
            check_no_exit(c, &s->u.ifs.body, in_loop);
            check_no_exit(c, &s->u.ifs.orelse, in_loop);
            break;
        case S_WITH:
            check_no_exit(c, &s->u.with.body, in_loop);
            break;
        case S_TRY:
            check_no_exit(c, &s->u.try_.body, in_loop);
            for (int h = 0; h < s->u.try_.handlers.n; h++)
                check_no_exit(c, &((const ExceptHandler *)s->u.try_.handlers.items[h])->body,
                              in_loop);
            check_no_exit(c, &s->u.try_.orelse, in_loop);
            check_no_exit(c, &s->u.try_.finalbody, in_loop);
            break;
        default:
            break;
        }
    }
}

/* `name = None; del name` after a clause that bound `as name`. */
static void unbind(Compiler *c, Value name, const ExceptHandler *h)
{
    cg_load_const(c, rt_None);
    cg_nameop(c, name, CTX_STORE, h->lineno, h->col);
    cg_nameop(c, name, CTX_DEL, h->lineno, h->col);
}

/* One clause at [prev, orig, raised, rest]; ends there, at label `next`. */
static void compile_clause(Compiler *c, const ExceptHandler *h, int crec)
{
    Unit *u = c->u;
    int no_match = cg_new_label(c), next = cg_new_label(c), body_exc = cg_new_label(c);
    u->loc = cg_line_loc(h->lineno);
    u->cur_handler = crec;
    cg_expr(c, h->type);
    u->loc = cg_line_loc(h->lineno);
    cg_emit(c, CGOP_CHECK_EG_MATCH, 0);
    cg_emit(c, CGOP_COPY, 1);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_IS_OP, 0);
    cg_emit(c, CGOP_POP_JUMP_IF_TRUE, no_match);
    Value name = h->name ? cg_intern(c, h->name) : VNULL;
    if (name)
        cg_nameop(c, name, CTX_STORE, h->lineno, h->col);
    else
        cg_emit(c, CGOP_POP_TOP, 0);
    check_no_exit(c, &h->body, false);
    cg_push_handler(c, body_exc, 0);
    cg_body(c, &h->body);
    u->cur_handler = crec;
    u->loc = cg_line_loc(h->lineno);
    if (name)
        unbind(c, name, h);
    cg_emit(c, CGOP_JUMP, next);

    /* [prev, orig, raised, rest, exc2]: keep exc2 for the re-raise. */
    cg_place(c, body_exc);
    if (name)
        unbind(c, name, h);
    cg_emit(c, CGOP_LIST_APPEND, 2);
    cg_emit(c, CGOP_JUMP, next);

    cg_place(c, no_match);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_place(c, next);
}

void cg_compile_try_star(Compiler *c, const Stmt *s)
{
    Unit *u = c->u;
    int outer = u->cur_handler;
    int handler = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c),
        reraise = cg_new_label(c);
    int rec = cg_push_handler(c, handler, 0);
    /* The body unwinds like a plain try's (break/return just leave the
     * handler's range). */
    if (u->nfblocks >= (int)(sizeof u->fblocks / sizeof u->fblocks[0]))
        cg_error(c, s->lineno, 0, "too many statically nested blocks");
    FBlock *fb = &u->fblocks[u->nfblocks++];
    memset(fb, 0, sizeof *fb);
    fb->kind = FB_TRY_EXCEPT;
    fb->line = s->lineno;
    fb->name = VNULL;
    fb->handler = rec;
    fb->outer_handler = outer;
    cg_body(c, &s->u.try_.body);
    u->nfblocks--;
    u->cur_handler = outer;
    cg_body(c, &s->u.try_.orelse);
    cg_emit(c, CGOP_JUMP, end);

    /* [exc] */
    const AstList *hs = &s->u.try_.handlers;
    cg_place(c, handler);
    u->loc = cg_line_loc(((const ExceptHandler *)hs->items[0])->lineno);
    int crec = cg_push_handler(c, cleanup, 0);
    cg_emit(c, CGOP_PUSH_EXC_INFO, 0);
    cg_emit(c, CGOP_COPY, 1);
    cg_emit(c, CGOP_BUILD_LIST, 0);
    cg_emit(c, CGOP_SWAP, 2);
    for (int i = 0; i < hs->n; i++)
        compile_clause(c, hs->items[i], crec);
    /* [prev, orig, raised, rest] */
    u->cur_handler = crec;
    cg_emit(c, CGOP_LIST_APPEND, 1);
    cg_emit(c, CGOP_PREP_RERAISE_STAR, 0);
    cg_emit(c, CGOP_COPY, 1);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_IS_OP, 1);
    cg_emit(c, CGOP_POP_JUMP_IF_TRUE, reraise);
    cg_emit(c, CGOP_POP_TOP, 0);
    u->cur_handler = outer;
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_JUMP, end);

    /* [prev, result] */
    u->cur_handler = outer;
    cg_place(c, reraise);
    cg_emit(c, CGOP_SWAP, 2);
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_RERAISE, 0);

    /* [prev, exc2]: an error in a clause's type expression or matching. */
    u->cur_handler = outer;
    cg_place(c, cleanup);
    cg_emit(c, CGOP_SWAP, 2);
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_RERAISE, 0);
    cg_place(c, end);
}
