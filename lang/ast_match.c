/* lang/ast_match.c — builders of the match statement and its patterns,
 * with the checks CPython 3.11's parser makes (its invalid_* rules).  The
 * compile-time checks (unreachable patterns, duplicate names...) are the
 * compiler's (compiler/codegen_match.c). */
#include <string.h>

#include "lang/builders.h"

/* Where a pattern beginning with q begins: at its outermost '(' if any. */
#define PSTART(q) ((q)->parenthesized ? (q)->paren_lineno : (q)->lineno), ((q)->parenthesized ? (q)->paren_col : (q)->col)

static Pattern *pat_new(ParseCtx *p, PatternKind kind, int lineno, int col) {
    Pattern *pt = ast_alloc(p->a, sizeof(Pattern));
    pt->kind = kind;
    pt->lineno = lineno;
    pt->col = col;
    ast_last_end(p, &pt->end_lineno, &pt->end_col);
    return pt;
}

static bool is_wildcard_name(const Token *t) { return t->len == 1 && t->s[0] == '_'; }

Pattern *ast_pat_value(ParseCtx *p, Expr *v) {
    if (v->kind == E_JOINEDSTR || v->kind == E_FORMATTED)
        ast_error_expr(p, v, "patterns may only match literals and attribute lookups");
    Pattern *pt = pat_new(p, P_VALUE, v->lineno, v->col);
    pt->u.value.value = v;
    return pt;
}

Expr *ast_pat_negative(ParseCtx *p, const Token *minus, Expr *num) {
    return ast_unary(p, minus, UN_NEG_, num);
}

/* `1 + 2j`: a real part, then an imaginary one. */
Pattern *ast_pat_complex(ParseCtx *p, Expr *real, int op, Expr *imag) {
    const Expr *r = real->kind == E_UNARYOP ? real->u.unary.operand : real;
    if (r->kind == E_CONSTANT && r->u.constant.kind == CONST_IMAG)
        ast_error_expr(p, real, "real number required in complex literal");
    else if (imag->kind != E_CONSTANT || imag->u.constant.kind != CONST_IMAG)
        ast_error_expr(p, imag, "imaginary number required in complex literal");
    return ast_pat_value(p, ast_binop(p, real, op, imag));
}

Pattern *ast_pat_singleton(ParseCtx *p, const Token *t, ConstKind kind) {
    Pattern *pt = pat_new(p, P_SINGLETON, t->lineno, t->col);
    pt->u.singleton = kind;
    return pt;
}

/* A name is a capture (`_` the wildcard), a dotted name a value pattern. */
Pattern *ast_pat_name(ParseCtx *p, Expr *e) {
    if (e->kind == E_ATTRIBUTE) return ast_pat_value(p, e);
    Pattern *pt = pat_new(p, P_AS, e->lineno, e->col);
    if (strcmp(e->u.name.id, "_") != 0) pt->name = e->u.name.id;
    return pt;
}

Pattern *ast_pat_star(ParseCtx *p, const Token *star, const Token *name) {
    Pattern *pt = pat_new(p, P_STAR, star->lineno, star->col);
    if (!is_wildcard_name(name)) pt->name = ast_ident(p, name);
    return pt;
}

Pattern *ast_pat_as(ParseCtx *p, Pattern *pat, const Token *name) {
    if (is_wildcard_name(name)) {
        ast_error(p, SE_SYNTAX, name->lineno, name->col, "cannot use '_' as a target");
        return pat;
    }
    Pattern *pt = pat_new(p, P_AS, PSTART(pat));
    pt->u.as.pattern = pat;
    pt->name = ast_ident(p, name);
    return pt;
}

Pattern *ast_pat_or(ParseCtx *p, AstList *alts) {
    Pattern *first = alts->items[0];
    Pattern *pt = pat_new(p, P_OR, PSTART(first));
    pt->u.list.patterns = *alts;
    return pt;
}

Pattern *ast_pat_sequence(ParseCtx *p, const Token *open, AstList *items) {
    Pattern *first = items && items->n ? items->items[0] : NULL;
    Pattern *pt = open ? pat_new(p, P_SEQUENCE, open->lineno, open->col)
                       : pat_new(p, P_SEQUENCE, PSTART(first));
    if (items) pt->u.list.patterns = *items;
    return pt;
}

Pattern *ast_pat_group(ParseCtx *p, const Token *lpar, Pattern *inner) {
    inner->parenthesized = true;
    inner->paren_lineno = lpar->lineno;
    inner->paren_col = lpar->col;
    return inner;
}

MapItems *ast_map_item(ParseCtx *p, MapItems *m, Expr *key, Pattern *pat) {
    if (!m) m = ast_alloc(p->a, sizeof(MapItems));
    if (key->kind == E_NAME) {
        /* Keys are literals or dotted names: a bare name cannot be one. */
        ast_error(p, SE_SYNTAX, key->end_lineno, key->end_col, "invalid syntax");
        return m;
    }
    ast_list_push(p->a, &m->keys, key);
    ast_list_push(p->a, &m->patterns, pat);
    return m;
}

Pattern *ast_pat_mapping(ParseCtx *p, const Token *open, MapItems *m, const Token *rest) {
    Pattern *pt = pat_new(p, P_MAPPING, open->lineno, open->col);
    if (m) {
        pt->u.mapping.keys = m->keys;
        pt->u.mapping.patterns = m->patterns;
    }
    if (rest) {
        if (is_wildcard_name(rest))
            ast_error(p, SE_SYNTAX, rest->lineno, rest->col, "invalid syntax");
        else
            pt->u.mapping.rest = ast_ident(p, rest);
    }
    return pt;
}

PatArg *ast_pat_arg(ParseCtx *p, const Token *kw, Pattern *pat) {
    PatArg *a = ast_alloc(p->a, sizeof(PatArg));
    a->kw = kw ? ast_ident(p, kw) : NULL;
    a->pat = pat;
    return a;
}

Pattern *ast_pat_class(ParseCtx *p, Expr *cls, AstList *args) {
    Pattern *pt = pat_new(p, P_CLASS, cls->lineno, cls->col);
    pt->u.cls.cls = cls;
    bool seen_kw = false;
    for (int i = 0; args && i < args->n; i++) {
        PatArg *a = args->items[i];
        if (a->kw) {
            seen_kw = true;
            ast_list_push(p->a, &pt->u.cls.kwd_attrs, (void *)a->kw);
            ast_list_push(p->a, &pt->u.cls.kwd_patterns, a->pat);
        } else if (seen_kw) {
            ast_error(p, SE_SYNTAX, a->pat->lineno, a->pat->col, "positional patterns follow keyword patterns");
            break;
        } else {
            ast_list_push(p->a, &pt->u.cls.patterns, a->pat);
        }
    }
    return pt;
}

MatchCase *ast_match_case(ParseCtx *p, Pattern *pat, Expr *guard, AstList *body) {
    MatchCase *m = ast_alloc(p->a, sizeof(MatchCase));
    m->pattern = pat;
    m->guard = guard;
    if (body) m->body = *body;
    return m;
}

Stmt *ast_match(ParseCtx *p, const Token *t, Expr *subject, AstList *cases) {
    Stmt *s = ast_alloc(p->a, sizeof(Stmt));
    s->kind = S_MATCH;
    s->lineno = t->lineno;
    s->col = t->col;
    s->u.match.subject = subject;
    s->u.match.cases = *cases;
    MatchCase *last = cases->items[cases->n - 1];
    if (last->body.n) ast_block_end(&last->body, &s->end_lineno, &s->end_col);
    return s;
}
