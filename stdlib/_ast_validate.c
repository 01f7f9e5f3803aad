/* stdlib/_ast_validate.c — the checks CPython's PyAST_Validate (Python/ast.c)
 * makes on a tree converted from ast objects before compiling it, with its
 * messages: expression contexts, empty bodies, operand counts, names that
 * cannot be identifiers, pattern shapes.  The compiler then sees only trees
 * the parser could have built in these respects. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime/errors.h"
#include "lang/builders.h"
#include "stdlib/_ast.h"

typedef struct Val {
    VM *vm;
    bool err;
} Val;

static bool verr(Val *v, Type *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool verr(Val *v, Type *t, const char *fmt, ...)
{
    if (!v->err) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        rt_raise(v->vm, t, "%s", msg);
    }
    v->err = true;
    return false;
}

static const char *const ctx_names[] = {"Load", "Store", "Del"};

static bool expr(Val *v, const Expr *e, ExprContext ctx);
static bool stmts(Val *v, const AstList *l);
static bool pattern(Val *v, const Pattern *p, bool star_ok);

static bool nonempty(Val *v, const AstList *l, const char *what, const char *owner)
{
    return l->n ? true : verr(v, &rt_exc_ValueError, "empty %s on %s", what, owner);
}

static bool exprs(Val *v, const AstList *l, ExprContext ctx, bool null_ok)
{
    for (int i = 0; i < l->n; i++) {
        const Expr *e = l->items[i];
        if (!e && !null_ok)
            return verr(v, &rt_exc_ValueError, "None disallowed in expression list");
        if (e && !expr(v, e, ctx))
            return false;
    }
    return true;
}

static bool opt(Val *v, const Expr *e) { return !e || expr(v, e, CTX_LOAD); }

static bool body(Val *v, const AstList *l, const char *owner)
{
    return nonempty(v, l, "body", owner) && stmts(v, l);
}

static bool args(Val *v, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!opt(v, ((const Arg *)l->items[i])->annotation))
            return false;
    return true;
}

static bool arguments(Val *v, const Arguments *a)
{
    if (!args(v, &a->posonlyargs) || !args(v, &a->args))
        return false;
    if (a->vararg && !opt(v, a->vararg->annotation))
        return false;
    if (!args(v, &a->kwonlyargs))
        return false;
    if (a->kwarg && !opt(v, a->kwarg->annotation))
        return false;
    if (a->defaults.n > a->posonlyargs.n + a->args.n)
        return verr(v, &rt_exc_ValueError, "more positional defaults than args on arguments");
    if (a->kw_defaults.n != a->kwonlyargs.n)
        return verr(v, &rt_exc_ValueError, "length of kwonlyargs is not the same as kw_defaults on arguments");
    return exprs(v, &a->defaults, CTX_LOAD, false) && exprs(v, &a->kw_defaults, CTX_LOAD, true);
}

static bool comprehensions(Val *v, const AstList *gens)
{
    if (!gens->n)
        return verr(v, &rt_exc_ValueError, "comprehension with no generators");
    for (int i = 0; i < gens->n; i++) {
        const Comprehension *g = gens->items[i];
        if (!expr(v, g->target, CTX_STORE) || !expr(v, g->iter, CTX_LOAD) || !exprs(v, &g->ifs, CTX_LOAD, false))
            return false;
    }
    return true;
}

static bool keywords(Val *v, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!expr(v, ((const Keyword *)l->items[i])->value, CTX_LOAD))
            return false;
    return true;
}

static bool has_ctx(ExprKind k)
{
    return k == E_ATTRIBUTE || k == E_SUBSCRIPT || k == E_STARRED || k == E_NAME || k == E_LIST || k == E_TUPLE;
}

static bool expr(Val *v, const Expr *e, ExprContext ctx)
{
    if (has_ctx(e->kind)) {
        if (e->ctx != ctx)
            return verr(v, &rt_exc_ValueError, "expression must have %s context but has %s instead",
                        ctx_names[ctx], ctx_names[e->ctx]);
    } else if (ctx != CTX_LOAD) {
        return verr(v, &rt_exc_ValueError, "expression which can't be assigned to in %s context", ctx_names[ctx]);
    }
    switch (e->kind) {
    case E_BOOLOP:
        if (e->u.boolop.values.n < 2)
            return verr(v, &rt_exc_ValueError, "BoolOp with less than 2 values");
        return exprs(v, &e->u.boolop.values, CTX_LOAD, false);
    case E_NAMEDEXPR:
        if (e->u.named.target->kind != E_NAME)
            return verr(v, &rt_exc_TypeError, "NamedExpr target must be a Name");
        return expr(v, e->u.named.value, CTX_LOAD);
    case E_BINOP: return expr(v, e->u.binop.left, CTX_LOAD) && expr(v, e->u.binop.right, CTX_LOAD);
    case E_UNARYOP: return expr(v, e->u.unary.operand, CTX_LOAD);
    case E_LAMBDA: return arguments(v, e->u.lambda.args) && expr(v, e->u.lambda.body, CTX_LOAD);
    case E_IFEXP:
        return expr(v, e->u.ifexp.test, CTX_LOAD) && expr(v, e->u.ifexp.body, CTX_LOAD) &&
               expr(v, e->u.ifexp.orelse, CTX_LOAD);
    case E_DICT:
        if (e->u.dict.keys.n != e->u.dict.values.n)
            return verr(v, &rt_exc_ValueError, "Dict doesn't have the same number of keys as values");
        return exprs(v, &e->u.dict.keys, CTX_LOAD, true) && exprs(v, &e->u.dict.values, CTX_LOAD, false);
    case E_SET: return exprs(v, &e->u.seq.elts, CTX_LOAD, false);
    case E_LISTCOMP:
    case E_SETCOMP:
    case E_GENEXP:
        return comprehensions(v, &e->u.comp.generators) && expr(v, e->u.comp.elt, CTX_LOAD);
    case E_DICTCOMP:
        return comprehensions(v, &e->u.comp.generators) && expr(v, e->u.comp.key, CTX_LOAD) &&
               expr(v, e->u.comp.elt, CTX_LOAD);
    case E_YIELD: return opt(v, e->u.yield.value);
    case E_YIELDFROM:
    case E_AWAIT: return expr(v, e->u.yield.value, CTX_LOAD);
    case E_COMPARE:
        if (!e->u.compare.comparators.n)
            return verr(v, &rt_exc_ValueError, "Compare with no comparators");
        if (e->u.compare.comparators.n != e->u.compare.ops.n)
            return verr(v, &rt_exc_ValueError, "Compare has a different number of comparators and operands");
        return exprs(v, &e->u.compare.comparators, CTX_LOAD, false) && expr(v, e->u.compare.left, CTX_LOAD);
    case E_CALL:
        return expr(v, e->u.call.func, CTX_LOAD) && exprs(v, &e->u.call.args, CTX_LOAD, false) &&
               keywords(v, &e->u.call.keywords);
    case E_FORMATTED: {
        int conv = e->u.fmt.conversion;
        if (conv != -1 && conv != 's' && conv != 'r' && conv != 'a')
            return verr(v, &rt_exc_SystemError, "Unrecognized conversion character %d", conv);
        return expr(v, e->u.fmt.value, CTX_LOAD) && opt(v, e->u.fmt.spec);
    }
    case E_JOINEDSTR: return exprs(v, &e->u.seq.elts, CTX_LOAD, false);
    case E_CONSTANT: return true;
    case E_ATTRIBUTE: return expr(v, e->u.attr.value, CTX_LOAD);
    case E_SUBSCRIPT: return expr(v, e->u.subscript.index, CTX_LOAD) && expr(v, e->u.subscript.value, CTX_LOAD);
    case E_STARRED: return expr(v, e->u.starred.value, ctx);
    case E_SLICE: return opt(v, e->u.slice.lower) && opt(v, e->u.slice.upper) && opt(v, e->u.slice.step);
    case E_LIST:
    case E_TUPLE: return exprs(v, &e->u.seq.elts, ctx, false);
    case E_NAME: {
        const char *id = e->u.name.id;
        if (!strcmp(id, "None") || !strcmp(id, "True") || !strcmp(id, "False"))
            return verr(v, &rt_exc_ValueError, "identifier field can't represent '%s' constant", id);
        return true;
    }
    case E_ASMARK: break;
    }
    return verr(v, &rt_exc_SystemError, "unexpected expression");
}

/* ---- patterns ------------------------------------------------------------------------------ */

static bool capture(Val *v, const char *name)
{
    if (name && !strcmp(name, "_"))
        return verr(v, &rt_exc_ValueError, "can't capture name '_' in patterns");
    return true;
}

static bool patterns(Val *v, const AstList *l, bool star_ok)
{
    for (int i = 0; i < l->n; i++)
        if (!pattern(v, l->items[i], star_ok))
            return false;
    return true;
}

/* A MatchValue's value: a number, string or bytes constant, an attribute,
 * or what the compiler checks further (-x, a+bj, an f-string). */
static bool match_value(Val *v, const Expr *e)
{
    switch (e->kind) {
    case E_CONSTANT:
        switch (e->u.constant.kind) {
        case CONST_OBJECT:
            if (!v_is((Value)e->u.constant.obj, &rt_tuple_type) && !v_is((Value)e->u.constant.obj, &rt_frozenset_type))
                return true;
            /* fall through */
        case CONST_NONE: case CONST_TRUE: case CONST_FALSE: case CONST_ELLIPSIS:
            return verr(v, &rt_exc_ValueError, "unexpected constant inside of a literal pattern");
        default: return true;
        }
    case E_ATTRIBUTE:
    case E_JOINEDSTR: return true;
    case E_UNARYOP:  /* -number */
        if (e->u.unary.op == UN_NEG_ && e->u.unary.operand->kind == E_CONSTANT)
            return expr(v, e, CTX_LOAD);
        break;
    case E_BINOP: {  /* a complex literal: [-]real +/- imag */
        const Expr *l = e->u.binop.left;
        if (l->kind == E_UNARYOP && l->u.unary.op == UN_NEG_)
            l = l->u.unary.operand;
        if ((e->u.binop.op == AUG_ADD || e->u.binop.op == AUG_SUB) && l->kind == E_CONSTANT &&
            e->u.binop.right->kind == E_CONSTANT)
            return expr(v, e, CTX_LOAD);
        break;
    }
    default: break;
    }
    return verr(v, &rt_exc_ValueError, "patterns may only match literals and attribute lookups");
}

static bool pattern(Val *v, const Pattern *p, bool star_ok)
{
    switch (p->kind) {
    case P_VALUE: return match_value(v, p->u.value.value);
    case P_SINGLETON: return true;
    case P_SEQUENCE: return patterns(v, &p->u.list.patterns, true);
    case P_MAPPING:
        if (p->u.mapping.keys.n != p->u.mapping.patterns.n)
            return verr(v, &rt_exc_ValueError, "MatchMapping doesn't have the same number of keys as patterns");
        if (!capture(v, p->u.mapping.rest))
            return false;
        for (int i = 0; i < p->u.mapping.keys.n; i++) {
            const Expr *k = p->u.mapping.keys.items[i];
            if (!k || (k->kind != E_CONSTANT && !match_value(v, k)))
                return k ? false : verr(v, &rt_exc_ValueError, "None disallowed in expression list");
        }
        return patterns(v, &p->u.mapping.patterns, false);
    case P_CLASS: {
        const Expr *c = p->u.cls.cls;
        while (c->kind == E_ATTRIBUTE)
            c = c->u.attr.value;
        if (c->kind != E_NAME)
            return verr(v, &rt_exc_ValueError, "MatchClass cls field can only contain Name or Attribute nodes.");
        if (p->u.cls.kwd_attrs.n != p->u.cls.kwd_patterns.n)
            return verr(v, &rt_exc_ValueError,
                        "MatchClass doesn't have the same number of keyword attributes as patterns");
        return expr(v, p->u.cls.cls, CTX_LOAD) && patterns(v, &p->u.cls.patterns, false) &&
               patterns(v, &p->u.cls.kwd_patterns, false);
    }
    case P_STAR:
        if (!star_ok)
            return verr(v, &rt_exc_ValueError, "can't use MatchStar here");
        return capture(v, p->name);
    case P_AS:
        if (!capture(v, p->name))
            return false;
        if (p->u.as.pattern && !p->name)
            return verr(v, &rt_exc_ValueError, "MatchAs must specify a target name if a pattern is given");
        return !p->u.as.pattern || pattern(v, p->u.as.pattern, false);
    case P_OR:
        if (p->u.list.patterns.n < 2)
            return verr(v, &rt_exc_ValueError, "MatchOr requires at least 2 patterns");
        return patterns(v, &p->u.list.patterns, false);
    }
    return true;
}

/* ---- statements ---------------------------------------------------------------------------- */

static bool try_stmt(Val *v, const Stmt *s)
{
    const char *owner = s->u.try_.handlers.n && ((const ExceptHandler *)s->u.try_.handlers.items[0])->star
                            ? "TryStar" : "Try";
    if (!body(v, &s->u.try_.body, owner))
        return false;
    if (!s->u.try_.handlers.n && !s->u.try_.finalbody.n)
        return verr(v, &rt_exc_ValueError, "%s has neither except handlers nor finalbody", owner);
    if (!s->u.try_.handlers.n && s->u.try_.orelse.n)
        return verr(v, &rt_exc_ValueError, "%s has orelse but no except handlers", owner);
    for (int i = 0; i < s->u.try_.handlers.n; i++) {
        const ExceptHandler *h = s->u.try_.handlers.items[i];
        if (h->star && !h->type)
            return verr(v, &rt_exc_NotImplementedError, "except* without an exception type is not supported by minipy");
        if (!opt(v, h->type) || !body(v, &h->body, "ExceptHandler"))
            return false;
    }
    return stmts(v, &s->u.try_.finalbody) && stmts(v, &s->u.try_.orelse);
}

static bool stmt(Val *v, const Stmt *s)
{
    switch (s->kind) {
    case S_FUNCTIONDEF:
        return body(v, &s->u.funcdef.body, s->is_async ? "AsyncFunctionDef" : "FunctionDef") &&
               arguments(v, s->u.funcdef.args) && exprs(v, &s->u.funcdef.decorators, CTX_LOAD, false) &&
               opt(v, s->u.funcdef.returns);
    case S_CLASSDEF:
        return body(v, &s->u.classdef.body, "ClassDef") && exprs(v, &s->u.classdef.bases, CTX_LOAD, false) &&
               keywords(v, &s->u.classdef.keywords) && exprs(v, &s->u.classdef.decorators, CTX_LOAD, false);
    case S_RETURN: return opt(v, s->u.ret.value);
    case S_DELETE:
        return nonempty(v, &s->u.del.targets, "targets", "Delete") && exprs(v, &s->u.del.targets, CTX_DEL, false);
    case S_ASSIGN:
        return nonempty(v, &s->u.assign.targets, "targets", "Assign") &&
               exprs(v, &s->u.assign.targets, CTX_STORE, false) && expr(v, s->u.assign.value, CTX_LOAD);
    case S_AUGASSIGN:
        return expr(v, s->u.augassign.target, CTX_STORE) && expr(v, s->u.augassign.value, CTX_LOAD);
    case S_ANNASSIGN:
        if (s->u.annassign.simple && s->u.annassign.target->kind != E_NAME)
            return verr(v, &rt_exc_TypeError, "AnnAssign with simple non-Name target");
        return expr(v, s->u.annassign.target, CTX_STORE) && opt(v, s->u.annassign.value) &&
               expr(v, s->u.annassign.annotation, CTX_LOAD);
    case S_FOR:
        return expr(v, s->u.loop.target, CTX_STORE) && expr(v, s->u.loop.iter, CTX_LOAD) &&
               body(v, &s->u.loop.body, s->is_async ? "AsyncFor" : "For") && stmts(v, &s->u.loop.orelse);
    case S_WHILE:
        return expr(v, s->u.loop.test, CTX_LOAD) && body(v, &s->u.loop.body, "While") &&
               stmts(v, &s->u.loop.orelse);
    case S_IF:
        return expr(v, s->u.ifs.test, CTX_LOAD) && body(v, &s->u.ifs.body, "If") && stmts(v, &s->u.ifs.orelse);
    case S_WITH: {
        const char *owner = s->is_async ? "AsyncWith" : "With";
        if (!nonempty(v, &s->u.with.items, "items", owner))
            return false;
        for (int i = 0; i < s->u.with.items.n; i++) {
            const WithItem *w = s->u.with.items.items[i];
            if (!expr(v, w->context_expr, CTX_LOAD) || (w->optional_vars && !expr(v, w->optional_vars, CTX_STORE)))
                return false;
        }
        return body(v, &s->u.with.body, owner);
    }
    case S_MATCH:
        if (!expr(v, s->u.match.subject, CTX_LOAD) || !nonempty(v, &s->u.match.cases, "cases", "Match"))
            return false;
        for (int i = 0; i < s->u.match.cases.n; i++) {
            const MatchCase *m = s->u.match.cases.items[i];
            if (!pattern(v, m->pattern, false) || !opt(v, m->guard) || !body(v, &m->body, "match_case"))
                return false;
        }
        return true;
    case S_RAISE:
        if (s->u.raise.exc)
            return expr(v, s->u.raise.exc, CTX_LOAD) && opt(v, s->u.raise.cause);
        if (s->u.raise.cause)
            return verr(v, &rt_exc_ValueError, "Raise with cause but no exception");
        return true;
    case S_TRY: return try_stmt(v, s);
    case S_ASSERT: return expr(v, s->u.assert_.test, CTX_LOAD) && opt(v, s->u.assert_.msg);
    case S_IMPORT: return nonempty(v, &s->u.import.names, "names", "Import");
    case S_IMPORTFROM:
        if (s->u.import.level < 0)
            return verr(v, &rt_exc_ValueError, "Negative ImportFrom level");
        return nonempty(v, &s->u.import.names, "names", "ImportFrom");
    case S_GLOBAL: return nonempty(v, &s->u.names.names, "names", "Global");
    case S_NONLOCAL: return nonempty(v, &s->u.names.names, "names", "Nonlocal");
    case S_EXPR: return expr(v, s->u.expr.value, CTX_LOAD);
    case S_PASS:
    case S_BREAK:
    case S_CONTINUE: return true;
    }
    return true;
}

static bool stmts(Val *v, const AstList *l)
{
    for (int i = 0; i < l->n; i++)
        if (!stmt(v, l->items[i]))
            return false;
    return true;
}

bool mp_ast_validate(VM *vm, const AstModule *m)
{
    Val v = {vm, false};
    return stmts(&v, &m->body);
}
