/* lang/ast_dump.c — ast_dump: the AST in exactly CPython's
 * `ast.dump(ast.parse(src))` form (no attributes; None-valued optional
 * fields left out), so unit tests compare it with python3's output. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/builders.h"

typedef struct Out {
    Arena *a;
    char *p;
    size_t n, cap;
} Out;

static void put(Out *o, const char *s, size_t n) {
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 256;
        while (cap < o->n + n + 1) cap *= 2;
        char *np = ast_alloc(o->a, cap);
        if (o->n) memcpy(np, o->p, o->n);
        o->p = np;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = 0;
}

static void puts_(Out *o, const char *s) { put(o, s, strlen(s)); }

static void putf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Out *o, const char *fmt, ...) {
    char b[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    put(o, b, (size_t)n);
}

/* ---- constants --------------------------------------------------------------- */

static bool printable_cp(unsigned cp) {
    if (cp < 0x20 || cp == 0x7F) return false;
    if (cp >= 0x80 && cp <= 0xA0) return false;
    if (cp == 0xAD || cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F)) return false;
    if (cp >= 0x2060 && cp <= 0x206F) return false;
    if (cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xE000 && cp <= 0xF8FF)) return false;
    if (cp >= 0xFFF0 && cp <= 0xFFFB) return false;
    if (cp >= 0xF0000) return false;
    return true;
}

static unsigned utf8_decode(const unsigned char *s, const unsigned char *e, int *n) {
    unsigned c = s[0];
    if (c < 0x80 || s + 1 >= e) { *n = 1; return c; }
    if (c < 0xE0) { *n = 2; return ((c & 0x1F) << 6) | (s[1] & 0x3F); }
    if (c < 0xF0 && s + 2 < e) { *n = 3; return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); }
    if (s + 3 < e) {
        *n = 4;
        return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    *n = 1;
    return c;
}

/* Python's repr() of a str or bytes value. */
static void put_repr(Out *o, const char *s, size_t len, bool bytes) {
    bool has_sq = memchr(s, '\'', len) != NULL, has_dq = memchr(s, '"', len) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    if (bytes) puts_(o, "b");
    put(o, &q, 1);
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        unsigned c = *p;
        if (c == (unsigned char)q || c == '\\') {
            char b[2] = {'\\', (char)c};
            put(o, b, 2);
            p++;
        } else if (c == '\n') puts_(o, "\\n"), p++;
        else if (c == '\r') puts_(o, "\\r"), p++;
        else if (c == '\t') puts_(o, "\\t"), p++;
        else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) putf(o, "\\x%02x", c), p++;
        else if (c < 0x80) put(o, (const char *)p++, 1);
        else {
            int n;
            unsigned cp = utf8_decode(p, e, &n);
            if (printable_cp(cp)) put(o, (const char *)p, (size_t)n);
            else if (cp < 0x100) putf(o, "\\x%02x", cp);
            else if (cp < 0x10000) putf(o, "\\u%04x", cp);
            else putf(o, "\\U%08x", cp);
            p += n;
        }
    }
    put(o, &q, 1);
}

/* Python's repr() of a float: the shortest string that round-trips. */
static void put_float(Out *o, double d) {
    if (isnan(d)) { puts_(o, "nan"); return; }
    if (isinf(d)) { puts_(o, d < 0 ? "-inf" : "inf"); return; }
    char b[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(b, sizeof b, "%.*e", prec - 1, d);
        if (strtod(b, NULL) == d) break;
    }
    /* b is d[.ddd]e[+-]XX: split digits and exponent */
    char digits[32];
    int nd = 0;
    const char *q = b;
    bool neg = false;
    if (*q == '-') neg = true, q++;
    for (; *q && *q != 'e'; q++)
        if (*q != '.') digits[nd++] = *q;
    int exp = atoi(q + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = 0;
    if (neg) puts_(o, "-");
    if (exp >= -5 && exp < 16) {
        if (exp < 0) {
            puts_(o, "0.");
            for (int i = -1; i > exp; i--) puts_(o, "0");
            puts_(o, digits);
        } else {
            for (int i = 0; i <= exp; i++) put(o, i < nd ? &digits[i] : "0", 1);
            puts_(o, ".");
            if (nd > exp + 1) puts_(o, digits + exp + 1);
            else puts_(o, "0");
        }
    } else {
        put(o, digits, 1);
        if (nd > 1) {
            puts_(o, ".");
            puts_(o, digits + 1);
        }
        putf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
}

/* An int literal (any base) in decimal, with a small bignum in base 1e9. */
static void put_int(Out *o, const char *s) {
    int base = 10;
    if (s[0] == '0' && s[1]) {
        char c = s[1] | 0x20;
        if (c == 'x') base = 16, s += 2;
        else if (c == 'o') base = 8, s += 2;
        else if (c == 'b') base = 2, s += 2;
    }
    size_t len = strlen(s);
    size_t cap = len / 9 + 2;
    uint32_t *limbs = calloc(cap, sizeof *limbs);  /* little-endian base 1e9 */
    size_t n = 1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        unsigned v = c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
        uint64_t carry = v;
        for (size_t k = 0; k < n; k++) {
            uint64_t x = (uint64_t)limbs[k] * (uint64_t)base + carry;
            limbs[k] = (uint32_t)(x % 1000000000u);
            carry = x / 1000000000u;
        }
        if (carry) limbs[n++] = (uint32_t)carry;
    }
    putf(o, "%u", limbs[n - 1]);
    for (size_t k = n - 1; k-- > 0;) putf(o, "%09u", limbs[k]);
    free(limbs);
}

static void put_const(Out *o, const Constant *c) {
    switch (c->kind) {
    case CONST_NONE: puts_(o, "None"); break;
    case CONST_TRUE: puts_(o, "True"); break;
    case CONST_FALSE: puts_(o, "False"); break;
    case CONST_ELLIPSIS: puts_(o, "Ellipsis"); break;
    case CONST_INT: put_int(o, c->s); break;
    case CONST_FLOAT: put_float(o, c->f); break;
    case CONST_IMAG: put_float(o, c->f), puts_(o, "j"); break;
    case CONST_STR: put_repr(o, c->s ? c->s : "", c->len, false); break;
    case CONST_BYTES: put_repr(o, c->s ? c->s : "", c->len, true); break;
    case CONST_OBJECT: puts_(o, "<object>"); break;  /* only in trees compiled from ast objects */
    }
}

/* ---- nodes ------------------------------------------------------------------- */

static void expr(Out *o, const Expr *e);
static void stmts(Out *o, const AstList *l);

static const char *const binop_names[] = {"Add", "Sub", "Mult", "Div", "FloorDiv", "Mod", "Pow",
                                          "LShift", "RShift", "BitAnd", "BitOr", "BitXor", "MatMult"};
static const char *const unop_names[] = {"USub", "UAdd", "Invert", "Not"};
static const char *const cmp_names[] = {"Lt", "LtE", "Eq", "NotEq", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
static const char *const ctx_names[] = {"Load()", "Store()", "Del()"};

static void expr_list(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i) puts_(o, ", ");
        if (l->items[i]) expr(o, l->items[i]);
        else puts_(o, "None");
    }
    puts_(o, "]");
}

static void opt_expr(Out *o, const char *field, const Expr *e) {
    if (!e) return;
    putf(o, ", %s=", field);
    expr(o, e);
}

/* One field: its "name=" text (with the ", " before it where it is not the first), then its value. */
static void field_expr(Out *o, const char *pre, const Expr *e) {
    puts_(o, pre);
    expr(o, e);
}

static void field_exprs(Out *o, const char *pre, const AstList *l) {
    puts_(o, pre);
    expr_list(o, l);
}

static void field_stmts(Out *o, const char *pre, const AstList *l) {
    puts_(o, pre);
    stmts(o, l);
}

/* Nodes of one field: "Name(field=" then the value and ")". */
static void node_expr(Out *o, const char *pre, const Expr *e) {
    field_expr(o, pre, e);
    puts_(o, ")");
}

static void node_exprs(Out *o, const char *pre, const AstList *l) {
    field_exprs(o, pre, l);
    puts_(o, ")");
}

static void names(Out *o, const AstList *l);

static void node_names(Out *o, const char *pre, const AstList *l) {
    puts_(o, pre);
    names(o, l);
    puts_(o, ")");
}

/* The tail that For, While and If share. */
static void body_orelse(Out *o, const AstList *body, const AstList *orelse) {
    field_stmts(o, ", body=", body);
    field_stmts(o, ", orelse=", orelse);
    puts_(o, ")");
}

static void arg(Out *o, const Arg *a) {
    puts_(o, "arg(arg=");
    put_repr(o, a->name, strlen(a->name), false);
    opt_expr(o, "annotation", a->annotation);
    puts_(o, ")");
}

static void arg_list(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i) puts_(o, ", ");
        arg(o, l->items[i]);
    }
    puts_(o, "]");
}

static void arguments(Out *o, const Arguments *a) {
    puts_(o, "arguments(posonlyargs=");
    arg_list(o, &a->posonlyargs);
    puts_(o, ", args=");
    arg_list(o, &a->args);
    if (a->vararg) puts_(o, ", vararg="), arg(o, a->vararg);
    puts_(o, ", kwonlyargs=");
    arg_list(o, &a->kwonlyargs);
    field_exprs(o, ", kw_defaults=", &a->kw_defaults);
    if (a->kwarg) puts_(o, ", kwarg="), arg(o, a->kwarg);
    field_exprs(o, ", defaults=", &a->defaults);
    puts_(o, ")");
}

static void keywords(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        const Keyword *k = l->items[i];
        if (i) puts_(o, ", ");
        puts_(o, "keyword(");
        if (k->arg) {
            puts_(o, "arg=");
            put_repr(o, k->arg, strlen(k->arg), false);
            puts_(o, ", ");
        }
        field_expr(o, "value=", k->value);
        puts_(o, ")");
    }
    puts_(o, "]");
}

static void generators(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        const Comprehension *c = l->items[i];
        if (i) puts_(o, ", ");
        field_expr(o, "comprehension(target=", c->target);
        field_expr(o, ", iter=", c->iter);
        field_exprs(o, ", ifs=", &c->ifs);
        puts_(o, c->is_async ? ", is_async=1)" : ", is_async=0)");
    }
    puts_(o, "]");
}

static void seq(Out *o, const char *name, const Expr *e, bool ctx) {
    putf(o, "%s(elts=", name);
    expr_list(o, &e->u.seq.elts);
    if (ctx) putf(o, ", ctx=%s", ctx_names[e->ctx]);
    puts_(o, ")");
}

static void comp(Out *o, const char *name, const Expr *e) {
    putf(o, "%s(", name);
    if (e->kind == E_DICTCOMP) {
        field_expr(o, "key=", e->u.comp.key);
        puts_(o, ", value=");
    } else {
        puts_(o, "elt=");
    }
    expr(o, e->u.comp.elt);
    puts_(o, ", generators=");
    generators(o, &e->u.comp.generators);
    puts_(o, ")");
}

static void expr(Out *o, const Expr *e) {
    switch (e->kind) {
    case E_BOOLOP:
        putf(o, "BoolOp(op=%s(), values=", e->u.boolop.op == BOOL_AND ? "And" : "Or");
        expr_list(o, &e->u.boolop.values);
        puts_(o, ")");
        break;
    case E_NAMEDEXPR:
        field_expr(o, "NamedExpr(target=", e->u.named.target);
        node_expr(o, ", value=", e->u.named.value);
        break;
    case E_ASMARK:
        node_expr(o, "withitem(context_expr=", e->u.binop.left);
        break;
    case E_BINOP:
        field_expr(o, "BinOp(left=", e->u.binop.left);
        putf(o, ", op=%s(), right=", binop_names[e->u.binop.op]);
        expr(o, e->u.binop.right);
        puts_(o, ")");
        break;
    case E_UNARYOP:
        putf(o, "UnaryOp(op=%s(), operand=", unop_names[e->u.unary.op]);
        expr(o, e->u.unary.operand);
        puts_(o, ")");
        break;
    case E_LAMBDA:
        puts_(o, "Lambda(args=");
        arguments(o, e->u.lambda.args);
        field_expr(o, ", body=", e->u.lambda.body);
        puts_(o, ")");
        break;
    case E_IFEXP:
        field_expr(o, "IfExp(test=", e->u.ifexp.test);
        field_expr(o, ", body=", e->u.ifexp.body);
        field_expr(o, ", orelse=", e->u.ifexp.orelse);
        puts_(o, ")");
        break;
    case E_DICT:
        field_exprs(o, "Dict(keys=", &e->u.dict.keys);
        field_exprs(o, ", values=", &e->u.dict.values);
        puts_(o, ")");
        break;
    case E_SET: seq(o, "Set", e, false); break;
    case E_LISTCOMP: comp(o, "ListComp", e); break;
    case E_SETCOMP: comp(o, "SetComp", e); break;
    case E_DICTCOMP: comp(o, "DictComp", e); break;
    case E_GENEXP: comp(o, "GeneratorExp", e); break;
    case E_YIELD:
        puts_(o, "Yield(");
        if (e->u.yield.value) puts_(o, "value="), expr(o, e->u.yield.value);
        puts_(o, ")");
        break;
    case E_YIELDFROM:
        node_expr(o, "YieldFrom(value=", e->u.yield.value);
        break;
    case E_AWAIT:
        node_expr(o, "Await(value=", e->u.yield.value);
        break;
    case E_COMPARE:
        field_expr(o, "Compare(left=", e->u.compare.left);
        puts_(o, ", ops=[");
        for (int i = 0; i < e->u.compare.ops.n; i++)
            putf(o, "%s%s()", i ? ", " : "", cmp_names[(intptr_t)e->u.compare.ops.items[i]]);
        field_exprs(o, "], comparators=", &e->u.compare.comparators);
        puts_(o, ")");
        break;
    case E_CALL:
        field_expr(o, "Call(func=", e->u.call.func);
        field_exprs(o, ", args=", &e->u.call.args);
        puts_(o, ", keywords=");
        keywords(o, &e->u.call.keywords);
        puts_(o, ")");
        break;
    case E_FORMATTED:
        field_expr(o, "FormattedValue(value=", e->u.fmt.value);
        putf(o, ", conversion=%d", e->u.fmt.conversion);
        opt_expr(o, "format_spec", e->u.fmt.spec);
        puts_(o, ")");
        break;
    case E_JOINEDSTR:
        node_exprs(o, "JoinedStr(values=", &e->u.seq.elts);
        break;
    case E_CONSTANT:
        puts_(o, "Constant(value=");
        put_const(o, &e->u.constant);
        puts_(o, ")");
        break;
    case E_ATTRIBUTE:
        field_expr(o, "Attribute(value=", e->u.attr.value);
        puts_(o, ", attr=");
        put_repr(o, e->u.attr.name, strlen(e->u.attr.name), false);
        putf(o, ", ctx=%s)", ctx_names[e->ctx]);
        break;
    case E_SUBSCRIPT:
        field_expr(o, "Subscript(value=", e->u.subscript.value);
        field_expr(o, ", slice=", e->u.subscript.index);
        putf(o, ", ctx=%s)", ctx_names[e->ctx]);
        break;
    case E_STARRED:
        field_expr(o, "Starred(value=", e->u.starred.value);
        putf(o, ", ctx=%s)", ctx_names[e->ctx]);
        break;
    case E_NAME:
        puts_(o, "Name(id=");
        put_repr(o, e->u.name.id, strlen(e->u.name.id), false);
        putf(o, ", ctx=%s)", ctx_names[e->ctx]);
        break;
    case E_LIST: seq(o, "List", e, true); break;
    case E_TUPLE: seq(o, "Tuple", e, true); break;
    case E_SLICE: {
        puts_(o, "Slice(");
        const char *sep = "";
        if (e->u.slice.lower) puts_(o, "lower="), expr(o, e->u.slice.lower), sep = ", ";
        if (e->u.slice.upper) puts_(o, sep), puts_(o, "upper="), expr(o, e->u.slice.upper), sep = ", ";
        if (e->u.slice.step) puts_(o, sep), puts_(o, "step="), expr(o, e->u.slice.step);
        puts_(o, ")");
        break;
    }
    }
}

static void names(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i) puts_(o, ", ");
        put_repr(o, l->items[i], strlen(l->items[i]), false);
    }
    puts_(o, "]");
}

static void aliases(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        const Alias *a = l->items[i];
        if (i) puts_(o, ", ");
        puts_(o, "alias(name=");
        put_repr(o, a->name, strlen(a->name), false);
        if (a->asname) puts_(o, ", asname="), put_repr(o, a->asname, strlen(a->asname), false);
        puts_(o, ")");
    }
    puts_(o, "]");
}

static void pattern(Out *o, const Pattern *p);

static void pattern_list(Out *o, const char *pre, const AstList *l) {
    puts_(o, pre);
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i) puts_(o, ", ");
        pattern(o, l->items[i]);
    }
    puts_(o, "]");
}

static void put_name_field(Out *o, const char *pre, const char *name) {
    if (!name) return;
    puts_(o, pre);
    put_repr(o, name, strlen(name), false);
}

static void pattern(Out *o, const Pattern *p) {
    switch (p->kind) {
    case P_VALUE:
        node_expr(o, "MatchValue(value=", p->u.value.value);
        break;
    case P_SINGLETON:
        putf(o, "MatchSingleton(value=%s)", p->u.singleton == CONST_NONE ? "None"
                                            : p->u.singleton == CONST_TRUE ? "True" : "False");
        break;
    case P_SEQUENCE:
        pattern_list(o, "MatchSequence(patterns=", &p->u.list.patterns);
        puts_(o, ")");
        break;
    case P_OR:
        pattern_list(o, "MatchOr(patterns=", &p->u.list.patterns);
        puts_(o, ")");
        break;
    case P_MAPPING:
        field_exprs(o, "MatchMapping(keys=", &p->u.mapping.keys);
        pattern_list(o, ", patterns=", &p->u.mapping.patterns);
        put_name_field(o, ", rest=", p->u.mapping.rest);
        puts_(o, ")");
        break;
    case P_CLASS:
        field_expr(o, "MatchClass(cls=", p->u.cls.cls);
        pattern_list(o, ", patterns=", &p->u.cls.patterns);
        puts_(o, ", kwd_attrs=");
        names(o, &p->u.cls.kwd_attrs);
        pattern_list(o, ", kwd_patterns=", &p->u.cls.kwd_patterns);
        puts_(o, ")");
        break;
    case P_STAR:
        puts_(o, "MatchStar(");
        put_name_field(o, "name=", p->name);
        puts_(o, ")");
        break;
    case P_AS:
        puts_(o, "MatchAs(");
        if (p->u.as.pattern) {
            puts_(o, "pattern=");
            pattern(o, p->u.as.pattern);
        }
        put_name_field(o, p->u.as.pattern ? ", name=" : "name=", p->name);
        puts_(o, ")");
        break;
    }
}

static void stmt(Out *o, const Stmt *s) {
    switch (s->kind) {
    case S_MATCH:
        field_expr(o, "Match(subject=", s->u.match.subject);
        puts_(o, ", cases=[");
        for (int i = 0; i < s->u.match.cases.n; i++) {
            const MatchCase *m = s->u.match.cases.items[i];
            if (i) puts_(o, ", ");
            puts_(o, "match_case(pattern=");
            pattern(o, m->pattern);
            opt_expr(o, "guard", m->guard);
            field_stmts(o, ", body=", &m->body);
            puts_(o, ")");
        }
        puts_(o, "])");
        break;
    case S_FUNCTIONDEF:
        puts_(o, s->is_async ? "AsyncFunctionDef(name=" : "FunctionDef(name=");
        put_repr(o, s->u.funcdef.name, strlen(s->u.funcdef.name), false);
        puts_(o, ", args=");
        arguments(o, s->u.funcdef.args);
        field_stmts(o, ", body=", &s->u.funcdef.body);
        field_exprs(o, ", decorator_list=", &s->u.funcdef.decorators);
        opt_expr(o, "returns", s->u.funcdef.returns);
        puts_(o, ")");
        break;
    case S_CLASSDEF:
        puts_(o, "ClassDef(name=");
        put_repr(o, s->u.classdef.name, strlen(s->u.classdef.name), false);
        field_exprs(o, ", bases=", &s->u.classdef.bases);
        puts_(o, ", keywords=");
        keywords(o, &s->u.classdef.keywords);
        field_stmts(o, ", body=", &s->u.classdef.body);
        field_exprs(o, ", decorator_list=", &s->u.classdef.decorators);
        puts_(o, ")");
        break;
    case S_RETURN:
        puts_(o, "Return(");
        if (s->u.ret.value) puts_(o, "value="), expr(o, s->u.ret.value);
        puts_(o, ")");
        break;
    case S_DELETE:
        node_exprs(o, "Delete(targets=", &s->u.del.targets);
        break;
    case S_ASSIGN:
        field_exprs(o, "Assign(targets=", &s->u.assign.targets);
        field_expr(o, ", value=", s->u.assign.value);
        puts_(o, ")");
        break;
    case S_AUGASSIGN:
        field_expr(o, "AugAssign(target=", s->u.augassign.target);
        putf(o, ", op=%s(), value=", binop_names[s->u.augassign.op]);
        expr(o, s->u.augassign.value);
        puts_(o, ")");
        break;
    case S_ANNASSIGN:
        field_expr(o, "AnnAssign(target=", s->u.annassign.target);
        field_expr(o, ", annotation=", s->u.annassign.annotation);
        opt_expr(o, "value", s->u.annassign.value);
        putf(o, ", simple=%d)", s->u.annassign.simple ? 1 : 0);
        break;
    case S_FOR:
        field_expr(o, s->is_async ? "AsyncFor(target=" : "For(target=", s->u.loop.target);
        field_expr(o, ", iter=", s->u.loop.iter);
        body_orelse(o, &s->u.loop.body, &s->u.loop.orelse);
        break;
    case S_WHILE:
        field_expr(o, "While(test=", s->u.loop.test);
        body_orelse(o, &s->u.loop.body, &s->u.loop.orelse);
        break;
    case S_IF:
        field_expr(o, "If(test=", s->u.ifs.test);
        body_orelse(o, &s->u.ifs.body, &s->u.ifs.orelse);
        break;
    case S_WITH:
        puts_(o, s->is_async ? "AsyncWith(items=[" : "With(items=[");
        for (int i = 0; i < s->u.with.items.n; i++) {
            const WithItem *w = s->u.with.items.items[i];
            if (i) puts_(o, ", ");
            field_expr(o, "withitem(context_expr=", w->context_expr);
            opt_expr(o, "optional_vars", w->optional_vars);
            puts_(o, ")");
        }
        field_stmts(o, "], body=", &s->u.with.body);
        puts_(o, ")");
        break;
    case S_RAISE:
        puts_(o, "Raise(");
        if (s->u.raise.exc) puts_(o, "exc="), expr(o, s->u.raise.exc);
        if (s->u.raise.cause) puts_(o, ", cause="), expr(o, s->u.raise.cause);
        puts_(o, ")");
        break;
    case S_TRY:
        field_stmts(o, s->u.try_.handlers.n && ((const ExceptHandler *)s->u.try_.handlers.items[0])->star
                           ? "TryStar(body=" : "Try(body=",
                    &s->u.try_.body);
        puts_(o, ", handlers=[");
        for (int i = 0; i < s->u.try_.handlers.n; i++) {
            const ExceptHandler *h = s->u.try_.handlers.items[i];
            if (i) puts_(o, ", ");
            puts_(o, "ExceptHandler(");
            if (h->type) puts_(o, "type="), expr(o, h->type), puts_(o, ", ");
            if (h->name) puts_(o, "name="), put_repr(o, h->name, strlen(h->name), false), puts_(o, ", ");
            field_stmts(o, "body=", &h->body);
            puts_(o, ")");
        }
        field_stmts(o, "], orelse=", &s->u.try_.orelse);
        field_stmts(o, ", finalbody=", &s->u.try_.finalbody);
        puts_(o, ")");
        break;
    case S_ASSERT:
        field_expr(o, "Assert(test=", s->u.assert_.test);
        opt_expr(o, "msg", s->u.assert_.msg);
        puts_(o, ")");
        break;
    case S_IMPORT:
        puts_(o, "Import(names=");
        aliases(o, &s->u.import.names);
        puts_(o, ")");
        break;
    case S_IMPORTFROM:
        puts_(o, "ImportFrom(");
        if (s->u.import.module)
            puts_(o, "module="), put_repr(o, s->u.import.module, strlen(s->u.import.module), false), puts_(o, ", ");
        puts_(o, "names=");
        aliases(o, &s->u.import.names);
        putf(o, ", level=%d)", s->u.import.level);
        break;
    case S_GLOBAL:
        node_names(o, "Global(names=", &s->u.names.names);
        break;
    case S_NONLOCAL:
        node_names(o, "Nonlocal(names=", &s->u.names.names);
        break;
    case S_EXPR:
        node_expr(o, "Expr(value=", s->u.expr.value);
        break;
    case S_PASS: puts_(o, "Pass()"); break;
    case S_BREAK: puts_(o, "Break()"); break;
    case S_CONTINUE: puts_(o, "Continue()"); break;
    }
}

static void stmts(Out *o, const AstList *l) {
    puts_(o, "[");
    for (int i = 0; i < l->n; i++) {
        if (i) puts_(o, ", ");
        stmt(o, l->items[i]);
    }
    puts_(o, "]");
}

char *ast_dump(Arena *a, const AstModule *m) {
    Out o = {a, NULL, 0, 0};
    switch (m->mode) {
    case PARSE_EVAL:
        puts_(&o, "Expression(body=");
        if (m->body.n) expr(&o, ((Stmt *)m->body.items[0])->u.expr.value);
        puts_(&o, ")");
        break;
    case PARSE_SINGLE:
        puts_(&o, "Interactive(body=");
        stmts(&o, &m->body);
        puts_(&o, ")");
        break;
    default:
        puts_(&o, "Module(body=");
        stmts(&o, &m->body);
        puts_(&o, ", type_ignores=[])");
        break;
    }
    return o.p;
}
