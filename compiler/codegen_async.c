/* compiler/codegen_async.c — async def bodies, `await`, `async for`,
 * `async with`, async generators and async comprehensions, in the shapes of
 * CPython 3.11's compile.c: an await is GET_AWAITABLE followed by the same
 * SEND/YIELD_VALUE loop as `yield from`, so coroutines run on the generator
 * machinery; an async generator wraps what it yields (ASYNC_GEN_WRAP) so
 * its driver can tell its own values from awaits passing through. */
#include "compiler/cg.h"

/* The scope is an `async def` body (not a comprehension inside one). */
static bool in_async_function(Compiler *c)
{
    const Scope *sc = c->u->scope;
    return sc->kind == ST_FUNCTION && sc->coroutine && !sc->comprehension;
}

void cg_emit_await(Compiler *c, int where)
{
    cg_emit(c, CGOP_GET_AWAITABLE, where);
    cg_load_const(c, rt_None);
    int loop = cg_new_label(c), exit = cg_new_label(c);
    cg_place(c, loop);
    cg_emit(c, CGOP_SEND, exit);
    cg_emit(c, CGOP_YIELD_VALUE, 0);
    cg_emit(c, CGOP_JUMP, loop);
    cg_place(c, exit);
}

void cg_await_expr(Compiler *c, const Expr *e)
{
    const Scope *sc = c->u->scope;
    if (sc->kind != ST_FUNCTION)
        cg_error_range(c, CG_AT(e), "'await' outside function");
    if (!in_async_function(c) && !sc->comprehension)
        cg_error_range(c, CG_AT(e), "'await' outside async function");
    cg_expr(c, e->u.yield.value);
    c->u->loc = CG_LOC(e);
    cg_emit_await(c, 0);
}

void cg_yield_value(Compiler *c)
{
    if (c->u->scope->coroutine)
        cg_emit(c, CGOP_ASYNC_GEN_WRAP, 0);
    cg_emit(c, CGOP_YIELD_VALUE, 0);
}

void cg_check_yield_from(Compiler *c, const Expr *e)
{
    if (in_async_function(c))
        cg_error_range(c, CG_AT(e), "'yield from' inside async function");
}

void cg_check_async_return(Compiler *c, const Stmt *s)
{
    const Scope *sc = c->u->scope;
    if (s->u.ret.value && sc->coroutine && sc->generator)
        cg_error_range(c, CG_AT(s), "'return' with value in async generator");
}

void cg_check_async_comprehension(Compiler *c, Scope *sc, const Expr *e)
{
    if (!sc->coroutine || e->kind == E_GENEXP)
        return;
    if (!in_async_function(c) && !c->u->scope->comprehension)
        cg_error_range(c, CG_AT(e), "asynchronous comprehension outside of an asynchronous function");
}

void cg_async_next(Compiler *c, int done)
{
    Unit *u = c->u;
    int outer = u->cur_handler;
    cg_push_handler(c, done, 0);
    cg_emit(c, CGOP_GET_ANEXT, 0);
    cg_load_const(c, rt_None);
    int loop = cg_new_label(c), exit = cg_new_label(c);
    cg_place(c, loop);
    cg_emit(c, CGOP_SEND, exit);
    cg_emit(c, CGOP_YIELD_VALUE, 0);
    cg_emit(c, CGOP_JUMP, loop);
    cg_place(c, exit);
    u->cur_handler = outer;
}

void cg_async_for(Compiler *c, const Stmt *s)
{
    Unit *u = c->u;
    if (!in_async_function(c))
        cg_error_range(c, CG_AT(s), "'async for' outside async function");
    int start = cg_new_label(c), done = cg_new_label(c), end = cg_new_label(c);
    cg_expr(c, s->u.loop.iter);
    u->loc = CG_LOC(s);
    cg_emit(c, CGOP_GET_AITER, 0);
    cg_place(c, start);
    FBlock *fb = cg_push_fblock(c, FB_FOR, s->lineno);
    fb->start = start;
    fb->exit = end;
    cg_async_next(c, done);
    cg_store_target(c, s->u.loop.target);
    cg_body(c, &s->u.loop.body);
    u->loc = CG_LOC(s);
    cg_emit(c, CGOP_JUMP, start);
    cg_pop_fblock(c);
    /* [aiter, exc]: StopAsyncIteration ends the loop, anything else re-raises. */
    cg_place(c, done);
    cg_emit(c, CGOP_END_ASYNC_FOR, 0);
    cg_body(c, &s->u.loop.orelse);
    cg_place(c, end);
}

void cg_async_exit_call(Compiler *c)
{
    cg_emit(c, CGOP_PUSH_NULL, 0);
    cg_load_const(c, rt_None);
    cg_load_const(c, rt_None);
    cg_load_const(c, rt_None);
    cg_emit(c, CGOP_CALL, 3);
    cg_emit_await(c, 2);
    cg_emit(c, CGOP_POP_TOP, 0);
}

void cg_async_with(Compiler *c, const Stmt *s, int item)
{
    Unit *u = c->u;
    if (!in_async_function(c))
        cg_error_range(c, CG_AT(s), "'async with' outside async function");
    const WithItem *w = s->u.with.items.items[item];
    int outer = u->cur_handler;
    int handler = cg_new_label(c), end = cg_new_label(c), cleanup = cg_new_label(c),
        suppress = cg_new_label(c);
    cg_expr(c, w->context_expr);
    u->loc = CG_LOC(s);
    cg_emit(c, CGOP_BEFORE_ASYNC_WITH, 0);
    cg_emit_await(c, 1);
    /* [exit, enter_result]: the handler keeps [exit]. */
    int rec = cg_push_handler(c, handler, -1);
    FBlock *fb = cg_push_fblock(c, FB_ASYNC_WITH, s->lineno);
    fb->handler = rec;
    fb->outer_handler = outer;
    if (w->optional_vars)
        cg_store_target(c, w->optional_vars);
    else
        cg_emit(c, CGOP_POP_TOP, 0);
    if (item + 1 < s->u.with.items.n)
        cg_async_with(c, s, item + 1);
    else
        cg_body(c, &s->u.with.body);
    cg_pop_fblock(c);
    u->cur_handler = outer;
    u->loc = CG_LOC(s);
    cg_async_exit_call(c);
    cg_emit(c, CGOP_JUMP, end);

    /* [exit, exc] */
    cg_place(c, handler);
    cg_push_handler(c, cleanup, 0);
    cg_emit(c, CGOP_PUSH_EXC_INFO, 0);
    cg_emit(c, CGOP_WITH_EXCEPT_START, 0);
    cg_emit_await(c, 2);
    cg_emit(c, CGOP_POP_JUMP_IF_TRUE, suppress);
    cg_emit(c, CGOP_RERAISE, 0);
    u->cur_handler = outer;
    cg_place(c, suppress);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_emit(c, CGOP_POP_EXCEPT, 0);
    cg_emit(c, CGOP_POP_TOP, 0);
    cg_emit(c, CGOP_JUMP, end);
    cg_emit_cleanup(c, cleanup);
    cg_place(c, end);
}
