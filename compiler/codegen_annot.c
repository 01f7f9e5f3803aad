/* compiler/codegen_annot.c — `from __future__` statements and annotations:
 * function annotations (MAKE_FUNCTION's annotations tuple), annotated
 * assignments and SETUP_ANNOTATIONS in module and class bodies, and under
 * `from __future__ import annotations` their text (compiler/unparse.c).
 * CPython 3.11's future.c and compiler_annassign are the model. */
#include <string.h>
#include "compiler/cg.h"
#include "runtime/state.h"

/* ---- from __future__ ---------------------------------------------------------- */

static const char *const future_features[] = {
    "nested_scopes", "generators", "division", "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
};

static bool is_future_import(const Stmt *s)
{
    return s->kind == S_IMPORTFROM && s->u.import.module &&
           strcmp(s->u.import.module, "__future__") == 0;
}

static void check_features(Compiler *c, const Stmt *s)
{
    const AstList *names = &s->u.import.names;
    for (int i = 0; i < names->n; i++) {
        const Alias *a = names->items[i];
        bool known = false;
        for (size_t k = 0; k < sizeof future_features / sizeof *future_features; k++)
            known = known || strcmp(a->name, future_features[k]) == 0;
        if (!known && strcmp(a->name, "braces") == 0)
            cg_error(c, s->lineno, s->col, "not a chance");
        else if (!known)
            cg_error(c, s->lineno, s->col, "future feature %.100s is not defined", a->name);
        if (strcmp(a->name, "annotations") == 0)
            c->future_annotations = true;
    }
}

/* The leading future statements of a module (after its docstring), as
 * CPython's future_parse; later ones are refused by cg_check_future. */
void cg_future_scan(Compiler *c, const AstModule *mod)
{
    c->future_lineno = -1;
    if (mod->mode == PARSE_EVAL)
        return;
    const AstList *body = &mod->body;
    int i = cg_is_docstring(body) && mod->mode == PARSE_FILE ? 1 : 0;
    bool done = false;
    int prev_line = 0;
    for (; i < body->n; i++) {
        const Stmt *s = body->items[i];
        if (done && s->lineno > prev_line)
            return;
        prev_line = s->lineno;
        if (is_future_import(s)) {
            if (done)
                cg_error(c, s->lineno, s->col - 1,
                         "from __future__ imports must occur at the beginning of the file");
            check_features(c, s);
            c->future_lineno = s->lineno;
        } else {
            done = true;
        }
    }
}

void cg_check_future(Compiler *c, const Stmt *s)
{
    if (is_future_import(s) && s->lineno > c->future_lineno)
        cg_error_range(c, CG_AT(s), "from __future__ imports must occur at the beginning of the file");
}

/* ---- annotations ---------------------------------------------------------------- */

/* An annotation's value: the expression, or its text under the future. */
static void annotation_value(Compiler *c, const Expr *e)
{
    if (c->future_annotations) {
        cg_load_const(c, cg_unparse(c, e));
    } else if (e->kind == E_STARRED) {
        /* `*args: *Ts` stores the one item that unpacking Ts gives. */
        cg_expr(c, e->u.starred.value);
        cg_emit(c, CGOP_UNPACK_SEQUENCE, 1);
    } else {
        cg_expr(c, e);
    }
}

static int arg_annotations(Compiler *c, const AstList *args)
{
    int n = 0;
    for (int i = 0; i < args->n; i++) {
        const Arg *a = args->items[i];
        if (!a->annotation)
            continue;
        cg_load_const(c, cg_mangled(c, a->name));
        annotation_value(c, a->annotation);
        n++;
    }
    return n;
}

static int one_annotation(Compiler *c, const Arg *a)
{
    if (!a || !a->annotation)
        return 0;
    cg_load_const(c, cg_mangled(c, a->name));
    annotation_value(c, a->annotation);
    return 1;
}

/* Pushes the (name, value ...) tuple of a def's annotations; returns
 * MAKE_FUNCTION's flag 8, or 0 when there are none.  CPython 3.11's
 * order: args, then positional-only args, *args, keyword-only, **kwargs,
 * return. */
int cg_annotations(Compiler *c, const Arguments *args, const Expr *returns)
{
    int n = 0;
    if (args) {
        n += arg_annotations(c, &args->args);
        n += arg_annotations(c, &args->posonlyargs);
        n += one_annotation(c, args->vararg);
        n += arg_annotations(c, &args->kwonlyargs);
        n += one_annotation(c, args->kwarg);
    }
    if (returns) {
        cg_load_const(c, cg_intern(c, "return"));
        annotation_value(c, returns);
        n++;
    }
    if (!n)
        return 0;
    cg_emit(c, CGOP_BUILD_TUPLE, 2 * n);
    return 8;
}

/* Whether a module or class body needs SETUP_ANNOTATIONS (CPython 3.11's
 * find_ann: match statements are not searched). */
bool cg_find_ann(const AstList *body)
{
    for (int i = 0; i < body->n; i++) {
        const Stmt *s = body->items[i];
        switch (s->kind) {
        case S_ANNASSIGN:
            return true;
        case S_FOR:
        case S_WHILE:
            if (cg_find_ann(&s->u.loop.body) || cg_find_ann(&s->u.loop.orelse))
                return true;
            break;
        case S_IF:
            if (cg_find_ann(&s->u.ifs.body) || cg_find_ann(&s->u.ifs.orelse))
                return true;
            break;
        case S_WITH:
            if (cg_find_ann(&s->u.with.body))
                return true;
            break;
        case S_TRY:
            for (int j = 0; j < s->u.try_.handlers.n; j++) {
                const ExceptHandler *h = s->u.try_.handlers.items[j];
                if (cg_find_ann(&h->body))
                    return true;
            }
            if (cg_find_ann(&s->u.try_.body) || cg_find_ann(&s->u.try_.finalbody) ||
                cg_find_ann(&s->u.try_.orelse))
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* Evaluate e for its side effects only (complex annotated targets). */
static void eval_and_pop(Compiler *c, const Expr *e)
{
    cg_expr(c, e);
    cg_emit(c, CGOP_POP_TOP, 0);
}

static void check_ann_subscr(Compiler *c, const Expr *e)
{
    if (e->kind == E_SLICE) {
        if (e->u.slice.lower)
            eval_and_pop(c, e->u.slice.lower);
        if (e->u.slice.upper)
            eval_and_pop(c, e->u.slice.upper);
        if (e->u.slice.step)
            eval_and_pop(c, e->u.slice.step);
    } else if (e->kind == E_TUPLE) {
        for (int i = 0; i < e->u.seq.elts.n; i++)
            check_ann_subscr(c, e->u.seq.elts.items[i]);
    } else {
        eval_and_pop(c, e);
    }
}

void cg_annassign(Compiler *c, const Stmt *s)
{
    const Expr *t = s->u.annassign.target;
    ScopeKind sk = c->u->scope->kind;
    bool ns_scope = sk == ST_MODULE || sk == ST_CLASS;
    if (s->u.annassign.value) {
        cg_expr(c, s->u.annassign.value);
        cg_store_target(c, t);
    }
    switch (t->kind) {
    case E_NAME:
        if (s->u.annassign.simple && ns_scope) {
            c->u->loc = CG_LOC(s);
            annotation_value(c, s->u.annassign.annotation);
            cg_emit(c, CGOP_LOAD_NAME, cg_add_name(c, cg_intern(c, "__annotations__")));
            cg_load_const(c, cg_mangled(c, t->u.name.id));
            cg_emit(c, CGOP_STORE_SUBSCR, 0);
        }
        break;
    case E_ATTRIBUTE:
        if (!s->u.annassign.value)
            eval_and_pop(c, t->u.attr.value);
        break;
    case E_SUBSCRIPT:
        if (!s->u.annassign.value) {
            eval_and_pop(c, t->u.subscript.value);
            check_ann_subscr(c, t->u.subscript.index);
        }
        break;
    default:
        cg_error(c, t->lineno, t->col, "invalid node type for annotated assignment");
    }
    /* Annotations of complex targets are evaluated (not stored) in module
     * and class bodies, and not at all under the future. */
    if (!s->u.annassign.simple && !c->future_annotations && ns_scope)
        eval_and_pop(c, s->u.annassign.annotation);
}
