/* compiler/unparse.c — an expression back to source text, exactly as
 * CPython 3.11's Python/ast_unparse.c writes it: the strings that
 * `from __future__ import annotations` stores as annotations. */
#include <math.h>
#include <string.h>
#include "compiler/cg.h"
#include "runtime/state.h"

/* Precedence levels, lowest first (ast_unparse.c's). */
enum {
    PR_TUPLE, PR_TEST, PR_OR, PR_AND, PR_NOT, PR_CMP, PR_EXPR, PR_BOR = PR_EXPR, PR_BXOR,
    PR_BAND, PR_SHIFT, PR_ARITH, PR_TERM, PR_FACTOR, PR_POWER, PR_AWAIT, PR_ATOM,
};

typedef struct Buf {
    Compiler *c;
    char *p;
    int n, cap;
} Buf;

static void put(Buf *b, const char *s, size_t len)
{
    b->p = cg_grow(b->c, b->p, &b->cap, b->n + (int)len + 1, 1);
    memcpy(b->p + b->n, s, len);
    b->n += (int)len;
}

static void puts_(Buf *b, const char *s) { put(b, s, strlen(s)); }

static void put_if(Buf *b, bool cond, const char *s)
{
    if (cond)
        puts_(b, s);
}

static void unparse(Buf *b, const Expr *e, int level);

static void put_value_repr(Buf *b, Value v)
{
    if (v_is(v, &rt_float_type) && isinf(v_f(v))) {
        puts_(b, v_f(v) < 0 ? "-1e309" : "1e309");
        return;
    }
    Value r = rt_repr(b->c->vm, v);
    if (!r)
        cg_nomem(b->c);
    const Str *s = v_str(r);
    put(b, s->data, s->len);
}

static void put_list(Buf *b, const AstList *l, int level)
{
    for (int i = 0; i < l->n; i++) {
        put_if(b, i > 0, ", ");
        unparse(b, l->items[i], level);
    }
}

static void put_arg(Buf *b, const Arg *a, const Expr *def)
{
    puts_(b, a->name);
    if (def) {
        puts_(b, "=");
        unparse(b, def, PR_TEST);
    }
}

/* A lambda's parameters (they carry no annotations). */
static void put_args(Buf *b, const Arguments *a)
{
    bool first = true;
    int npos = a->posonlyargs.n + a->args.n;
    int di = npos - a->defaults.n;
    for (int i = 0; i < npos; i++) {
        const Arg *g = i < a->posonlyargs.n ? a->posonlyargs.items[i]
                                           : a->args.items[i - a->posonlyargs.n];
        put_if(b, !first, ", ");
        first = false;
        put_arg(b, g, i >= di ? a->defaults.items[i - di] : NULL);
        if (i + 1 == a->posonlyargs.n)
            puts_(b, ", /");
    }
    if (a->vararg || a->kwonlyargs.n) {
        put_if(b, !first, ", ");
        first = false;
        puts_(b, "*");
        if (a->vararg)
            puts_(b, a->vararg->name);
    }
    for (int i = 0; i < a->kwonlyargs.n; i++) {
        puts_(b, ", ");
        put_arg(b, a->kwonlyargs.items[i], i < a->kw_defaults.n ? a->kw_defaults.items[i] : NULL);
    }
    if (a->kwarg) {
        put_if(b, !first, ", ");
        puts_(b, "**");
        puts_(b, a->kwarg->name);
    }
}

static void put_generators(Buf *b, const AstList *gens)
{
    for (int i = 0; i < gens->n; i++) {
        const Comprehension *g = gens->items[i];
        puts_(b, " for ");
        unparse(b, g->target, PR_TUPLE);
        puts_(b, " in ");
        unparse(b, g->iter, PR_TEST + 1);
        for (int j = 0; j < g->ifs.n; j++) {
            puts_(b, " if ");
            unparse(b, g->ifs.items[j], PR_TEST + 1);
        }
    }
}

static void put_comp(Buf *b, const Expr *e, const char *open, const char *close)
{
    puts_(b, open);
    if (e->kind == E_DICTCOMP) {
        unparse(b, e->u.comp.key, PR_TEST);
        puts_(b, ": ");
    }
    unparse(b, e->u.comp.elt, PR_TEST);
    put_generators(b, &e->u.comp.generators);
    puts_(b, close);
}

static const char *const binop_text[] = {
    [BIN_ADD] = " + ", [BIN_SUB] = " - ", [BIN_MUL] = " * ", [BIN_TRUEDIV] = " / ",
    [BIN_FLOORDIV] = " // ", [BIN_MOD] = " % ", [BIN_POW] = " ** ", [BIN_LSHIFT] = " << ",
    [BIN_RSHIFT] = " >> ", [BIN_AND] = " & ", [BIN_OR] = " | ", [BIN_XOR] = " ^ ",
    [BIN_MATMUL] = " @ ",
};

static int binop_level(int op)
{
    switch (op) {
    case BIN_ADD: case BIN_SUB: return PR_ARITH;
    case BIN_LSHIFT: case BIN_RSHIFT: return PR_SHIFT;
    case BIN_OR: return PR_BOR;
    case BIN_XOR: return PR_BXOR;
    case BIN_AND: return PR_BAND;
    case BIN_POW: return PR_POWER;
    default: return PR_TERM;
    }
}

static const char *cmp_text(int op)
{
    switch (op) {
    case CMP_LT: return " < ";
    case CMP_LE: return " <= ";
    case CMP_EQ: return " == ";
    case CMP_NE: return " != ";
    case CMP_GT: return " > ";
    case CMP_GE: return " >= ";
    case CMPX_IS: return " is ";
    case CMPX_IS_NOT: return " is not ";
    case CMPX_IN: return " in ";
    default: return " not in ";
    }
}

static void put_call(Buf *b, const Expr *e)
{
    unparse(b, e->u.call.func, PR_ATOM);
    const AstList *args = &e->u.call.args, *kws = &e->u.call.keywords;
    if (args->n == 1 && kws->n == 0 && ((const Expr *)args->items[0])->kind == E_GENEXP) {
        put_comp(b, args->items[0], "(", ")");
        return;
    }
    puts_(b, "(");
    put_list(b, args, PR_TEST);
    for (int i = 0; i < kws->n; i++) {
        const Keyword *k = kws->items[i];
        put_if(b, i > 0 || args->n > 0, ", ");
        if (k->arg) {
            puts_(b, k->arg);
            puts_(b, "=");
        } else {
            puts_(b, "**");
        }
        unparse(b, k->value, PR_TEST);
    }
    puts_(b, ")");
}

static void unparse(Buf *b, const Expr *e, int level)
{
    Compiler *c = b->c;
    switch (e->kind) {
    case E_BOOLOP: {
        int pr = e->u.boolop.op == BOOL_AND ? PR_AND : PR_OR;
        const AstList *vals = &e->u.boolop.values;
        put_if(b, level > pr, "(");
        for (int i = 0; i < vals->n; i++) {
            put_if(b, i > 0, pr == PR_AND ? " and " : " or ");
            unparse(b, vals->items[i], pr + 1);
        }
        put_if(b, level > pr, ")");
        break;
    }
    case E_BINOP: {
        int pr = binop_level(e->u.binop.op);
        int rassoc = e->u.binop.op == BIN_POW;
        put_if(b, level > pr, "(");
        unparse(b, e->u.binop.left, pr + rassoc);
        puts_(b, binop_text[e->u.binop.op]);
        unparse(b, e->u.binop.right, pr + !rassoc);
        put_if(b, level > pr, ")");
        break;
    }
    case E_UNARYOP: {
        int op = e->u.unary.op;
        int pr = op == UN_NOT ? PR_NOT : PR_FACTOR;
        put_if(b, level > pr, "(");
        puts_(b, op == UN_NOT ? "not " : op == UN_NEG ? "-" : op == UN_POS ? "+" : "~");
        unparse(b, e->u.unary.operand, pr);
        put_if(b, level > pr, ")");
        break;
    }
    case E_LAMBDA: {
        const Arguments *a = e->u.lambda.args;
        bool has = a && (a->posonlyargs.n || a->args.n || a->vararg || a->kwonlyargs.n || a->kwarg);
        put_if(b, level > PR_TEST, "(");
        puts_(b, has ? "lambda " : "lambda");
        if (has)
            put_args(b, a);
        puts_(b, ": ");
        unparse(b, e->u.lambda.body, PR_TEST);
        put_if(b, level > PR_TEST, ")");
        break;
    }
    case E_IFEXP:
        put_if(b, level > PR_TEST, "(");
        unparse(b, e->u.ifexp.body, PR_TEST + 1);
        puts_(b, " if ");
        unparse(b, e->u.ifexp.test, PR_TEST + 1);
        puts_(b, " else ");
        unparse(b, e->u.ifexp.orelse, PR_TEST);
        put_if(b, level > PR_TEST, ")");
        break;
    case E_DICT:
        puts_(b, "{");
        for (int i = 0; i < e->u.dict.keys.n; i++) {
            put_if(b, i > 0, ", ");
            const Expr *k = e->u.dict.keys.items[i];
            if (k) {
                unparse(b, k, PR_TEST);
                puts_(b, ": ");
                unparse(b, e->u.dict.values.items[i], PR_TEST);
            } else {
                puts_(b, "**");
                unparse(b, e->u.dict.values.items[i], PR_EXPR);
            }
        }
        puts_(b, "}");
        break;
    case E_SET:
        if (e->u.seq.elts.n == 0) {
            puts_(b, "{*()}");
            break;
        }
        puts_(b, "{");
        put_list(b, &e->u.seq.elts, PR_TEST);
        puts_(b, "}");
        break;
    case E_LIST:
        puts_(b, "[");
        put_list(b, &e->u.seq.elts, PR_TEST);
        puts_(b, "]");
        break;
    case E_TUPLE: {
        int n = e->u.seq.elts.n;
        if (n == 0) {
            puts_(b, "()");
            break;
        }
        put_if(b, level > PR_TUPLE, "(");
        put_list(b, &e->u.seq.elts, PR_TEST);
        put_if(b, n == 1, ",");
        put_if(b, level > PR_TUPLE, ")");
        break;
    }
    case E_LISTCOMP: put_comp(b, e, "[", "]"); break;
    case E_SETCOMP: put_comp(b, e, "{", "}"); break;
    case E_DICTCOMP: put_comp(b, e, "{", "}"); break;
    case E_GENEXP: put_comp(b, e, "(", ")"); break;
    case E_AWAIT:
        put_if(b, level > PR_AWAIT, "(");
        puts_(b, "await ");
        unparse(b, e->u.yield.value, PR_ATOM);
        put_if(b, level > PR_AWAIT, ")");
        break;
    case E_YIELD:
        if (!e->u.yield.value) {
            puts_(b, "(yield)");
            break;
        }
        puts_(b, "(yield ");
        unparse(b, e->u.yield.value, PR_TEST);
        puts_(b, ")");
        break;
    case E_YIELDFROM:
        puts_(b, "(yield from ");
        unparse(b, e->u.yield.value, PR_TEST);
        puts_(b, ")");
        break;
    case E_COMPARE:
        put_if(b, level > PR_CMP, "(");
        unparse(b, e->u.compare.left, PR_CMP + 1);
        for (int i = 0; i < e->u.compare.ops.n; i++) {
            puts_(b, cmp_text((int)(intptr_t)e->u.compare.ops.items[i]));
            unparse(b, e->u.compare.comparators.items[i], PR_CMP + 1);
        }
        put_if(b, level > PR_CMP, ")");
        break;
    case E_CALL:
        put_call(b, e);
        break;
    case E_CONSTANT:
        if (e->u.constant.kind == CONST_ELLIPSIS)
            puts_(b, "...");
        else
            put_value_repr(b, cg_const_value(c, &e->u.constant));
        break;
    case E_ATTRIBUTE: {
        const Expr *v = e->u.attr.value;
        unparse(b, v, PR_ATOM);
        /* `1 .real`: an int needs a space before the dot. */
        puts_(b, v->kind == E_CONSTANT && v->u.constant.kind == CONST_INT ? " ." : ".");
        puts_(b, e->u.attr.name);
        break;
    }
    case E_SUBSCRIPT:
        unparse(b, e->u.subscript.value, PR_ATOM);
        puts_(b, "[");
        unparse(b, e->u.subscript.index, PR_TUPLE);
        puts_(b, "]");
        break;
    case E_STARRED:
        puts_(b, "*");
        unparse(b, e->u.starred.value, PR_EXPR);
        break;
    case E_NAME:
        puts_(b, e->u.name.id);
        break;
    case E_SLICE:
        if (e->u.slice.lower)
            unparse(b, e->u.slice.lower, PR_TEST);
        puts_(b, ":");
        if (e->u.slice.upper)
            unparse(b, e->u.slice.upper, PR_TEST);
        if (e->u.slice.step) {
            puts_(b, ":");
            unparse(b, e->u.slice.step, PR_TEST);
        }
        break;
    case E_NAMEDEXPR:
        put_if(b, level > PR_TUPLE, "(");
        unparse(b, e->u.named.target, PR_ATOM);
        puts_(b, " := ");
        unparse(b, e->u.named.value, PR_ATOM);
        put_if(b, level > PR_TUPLE, ")");
        break;
    case E_FORMATTED:
    case E_JOINEDSTR:
    case E_ASMARK:
        cg_error(c, e->lineno, e->col,
                 "f-strings in annotations under 'from __future__ import annotations' are not supported by minipy");
    }
}

Value cg_unparse(Compiler *c, const Expr *e)
{
    Buf b = {c, NULL, 0, 0};
    unparse(&b, e, PR_TEST);
    Value s = rt_str_new(c->vm, b.p ? b.p : "", (size_t)b.n);
    if (!s)
        cg_nomem(c);
    return s;
}
