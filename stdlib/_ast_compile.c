/* stdlib/_ast_compile.c — ast objects back to minipy's C AST for
 * compile(tree, ...), as CPython's obj2ast functions (Python/Python-ast.c)
 * and PyAST_Validate (Python/ast.c) do it: a field missing from a node is
 * 'required field "x" missing from Y' (TypeError), a None where a value is
 * needed "field 'x' is required for Y" (ValueError), a node of the wrong
 * kind "expected some sort of expr, but got ...", then the tree is checked
 * (contexts, empty bodies, constants' types...) with CPython's messages. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/callable.h"
#include "runtime/complex.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/state.h"
#include "runtime/str.h"
#include "stdlib/_ast.h"
#include "stdlib/_ast_nodes.h"
#include "stdlib/modsupport.h"

typedef struct Conv {
    VM *vm;
    Arena *a;
    Value keep;   /* list: constants referenced by CONST_OBJECT */
    bool err;     /* an exception is pending */
} Conv;

/* ---- fields ------------------------------------------------------------------------------ */

static const char *type_name(const Value v) { return mp_type_short_name(v); }

/* obj.name, or VNULL when the attribute is missing (c->err on other errors). */
static Value getf(Conv *c, Value obj, const char *name)
{
    if (c->err)
        return VNULL;
    Value key = rt_str_intern_cstr(c->vm, name);
    Value v = key ? rt_getattr_opt(c->vm, obj, key) : VNULL;
    if (!v && c->vm->exc)
        c->err = true;
    return v;
}

static void fail(Conv *c, Type *t, const char *fmt, const char *a1, const char *a2)
{
    if (!c->err)
        rt_raise(c->vm, t, fmt, a1, a2);
    c->err = true;
}

/* A field that must be present (it may be None). */
static Value reqf(Conv *c, Value obj, const char *name, const char *owner)
{
    Value v = getf(c, obj, name);
    if (!v && !c->err)
        fail(c, &rt_exc_TypeError, "required field \"%s\" missing from %s", name, owner);
    return v ? v : rt_None;
}

/* A field that may be missing (an optional "?" field): None then. */
static Value optf(Conv *c, Value obj, const char *name)
{
    Value v = getf(c, obj, name);
    return v ? v : rt_None;
}

static void required(Conv *c, const void *p, const char *name, const char *owner)
{
    if (!p && !c->err) {
        char msg[160];
        snprintf(msg, sizeof msg, "field '%s' is required for %s", name, owner);
        fail(c, &rt_exc_ValueError, "%s%s", msg, "");
    }
}

static const char *repr_of(Conv *c, Value v)
{
    Value r = rt_repr(c->vm, v);
    if (!r) {
        c->err = true;
        return "";
    }
    return v_cstr(r);
}

static bool is_a(Value obj, int cls) { return rt_isinstance_type(obj, mp_ast_classes[cls].type); }

static const char *ident(Conv *c, Value v)
{
    if (c->err || v == rt_None)
        return NULL;
    if (!v_is_str_exact(v)) {
        fail(c, &rt_exc_TypeError, "AST identifier must be of type str%s%s", "", "");
        return NULL;
    }
    return ast_strndup(c->a, v_cstr(v), v_str(v)->len);
}

static int64_t to_int(Conv *c, Value v)
{
    int64_t i = 0;
    if (c->err)
        return 0;
    if (!v_is_small(v) && !v_isa(v, &rt_int_type)) {
        fail(c, &rt_exc_ValueError, "invalid integer value: %s%s", repr_of(c, v), "");
        return 0;
    }
    if (!rt_as_i64(c->vm, v, &i))
        c->err = true;
    return i;
}

static int int_field(Conv *c, Value obj, const char *name, const char *owner)
{
    Value v = reqf(c, obj, name, owner);
    if (v == rt_None && !c->err) {
        required(c, NULL, name, owner);
        return 0;
    }
    return (int)to_int(c, v);
}

/* A list field: the list (a TypeError unless it is one). */
static List *list_field(Conv *c, Value obj, const char *name, const char *owner)
{
    Value v = reqf(c, obj, name, owner);
    if (c->err)
        return NULL;
    if (!v_isa(v, &rt_list_type)) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s field \"%s\" must be a list, not a %.100s", owner, name, type_name(v));
        fail(c, &rt_exc_TypeError, "%s%s", msg, "");
        return NULL;
    }
    return v_list(v);
}

/* lineno, col_offset (required) and end_lineno, end_col_offset (optional). */
static void positions(Conv *c, Value obj, const char *owner, int *pos)
{
    pos[0] = (int)to_int(c, reqf(c, obj, "lineno", owner));
    pos[1] = (int)to_int(c, reqf(c, obj, "col_offset", owner));
    Value el = optf(c, obj, "end_lineno"), ec = optf(c, obj, "end_col_offset");
    pos[2] = el == rt_None ? pos[0] : (int)to_int(c, el);
    pos[3] = ec == rt_None ? pos[1] : (int)to_int(c, ec);
}

/* The index among classes [first, last] of obj's class, or -1 with
 * "expected some sort of <what>, but got ...". */
static int which(Conv *c, Value obj, int first, int last, const char *what)
{
    if (c->err)
        return -1;
    for (int i = first; i <= last; i++)
        if (is_a(obj, i))
            return i;
    fail(c, &rt_exc_TypeError, "expected some sort of %s, but got %s", what, repr_of(c, obj));
    return -1;
}

static int op_of(Conv *c, Value obj, const int *table, int n, int sum, const char *what)
{
    if (c->err)
        return 0;
    for (int i = 0; i < n; i++)
        if (is_a(obj, table[i]))
            return i;
    fail(c, &rt_exc_TypeError, "expected some sort of %s, but got %s", mp_ast_classes[sum].type->name,
         repr_of(c, obj));
    return 0;
}

/* ---- expressions --------------------------------------------------------------------------- */

static Expr *c_expr(Conv *c, Value obj);
static AstList c_stmts(Conv *c, Value obj, const char *name, const char *owner);
static Arguments *c_arguments(Conv *c, Value obj);

static Expr *req_expr(Conv *c, Value obj, const char *name, const char *owner)
{
    Expr *e = c_expr(c, reqf(c, obj, name, owner));
    required(c, e, name, owner);
    return e;
}

static Expr *opt_expr(Conv *c, Value obj, const char *name) { return c_expr(c, optf(c, obj, name)); }

/* A list of expressions (None items kept as NULL; the validator decides). */
static AstList c_exprs(Conv *c, Value obj, const char *name, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, name, owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++)
        ast_list_push(c->a, &l, c_expr(c, list->items[i]));
    return l;
}

static AstList c_idents(Conv *c, Value obj, const char *name, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, name, owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        if (list->items[i] == rt_None)
            fail(c, &rt_exc_TypeError, "AST identifier must be of type str%s%s", "", "");
        ast_list_push(c->a, &l, (void *)ident(c, list->items[i]));
    }
    return l;
}

static ExprContext c_ctx(Conv *c, Value obj, const char *owner)
{
    Value v = reqf(c, obj, "ctx", owner);
    return (ExprContext)op_of(c, v, mp_ast_ctx_cls, 3, N_expr_context, "ctx");
}

static bool keep(Conv *c, Value v)
{
    if (!rt_list_append(c->vm, c->keep, v))
        c->err = true;
    return !c->err;
}

/* CPython's validate_constant: the types a constant may have.  VNULL if
 * v is fine, else the offending value (v or an item of it). */
static Value invalid_constant(Value v)
{
    if (v == rt_None || v == rt_Ellipsis || v_is(v, &rt_bool_type) || v_is_small(v) || v_is(v, &rt_int_type) ||
        v_is(v, &rt_float_type) || v_is(v, &rt_complex_type) || v_is_str_exact(v) || v_is(v, &rt_bytes_type))
        return VNULL;
    Value bad;
    if (v_is(v, &rt_tuple_type)) {
        for (size_t i = 0; i < v_tuple(v)->len; i++)
            if ((bad = invalid_constant(v_tuple(v)->items[i])))
                return bad;
        return VNULL;
    }
    if (v_is(v, &rt_frozenset_type)) {
        size_t pos = 0;
        Value k;
        while (rt_set_next((Set *)v_obj(v), &pos, &k))
            if ((bad = invalid_constant(k)))
                return bad;
        return VNULL;
    }
    return v;
}

static void c_constant(Conv *c, Value v, Constant *k)
{
    Value bad = invalid_constant(v);
    if (bad) {
        fail(c, &rt_exc_TypeError, "got an invalid type in Constant: %s%s", type_name(bad), "");
        return;
    }
    if (v == rt_None)
        k->kind = CONST_NONE;
    else if (v == rt_True)
        k->kind = CONST_TRUE;
    else if (v == rt_False)
        k->kind = CONST_FALSE;
    else if (v == rt_Ellipsis)
        k->kind = CONST_ELLIPSIS;
    else if (v_is_str_exact(v)) {
        k->kind = CONST_STR;
        k->s = ast_strndup(c->a, v_cstr(v), v_str(v)->len);
        k->len = v_str(v)->len;
    } else if (v_is(v, &rt_bytes_type)) {
        Bytes *b = (Bytes *)v_obj(v);
        k->kind = CONST_BYTES;
        k->s = ast_strndup(c->a, (const char *)b->data, b->len);
        k->len = b->len;
    } else if (v_is(v, &rt_float_type) && !signbit(v_f(v)) && !isnan(v_f(v))) {
        k->kind = CONST_FLOAT;
        k->f = v_f(v);
    } else if (v_is_small(v) && v_small(v) >= 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)v_small(v));
        k->kind = CONST_INT;
        k->s = ast_strndup(c->a, buf, strlen(buf));
    } else if (keep(c, v)) {
        /* big or negative ints, negative floats, complex, tuple, frozenset */
        k->kind = CONST_OBJECT;
        k->obj = (uintptr_t)v;
    }
}

static void c_comprehensions(Conv *c, Value obj, const char *owner, AstList *out)
{
    List *list = list_field(c, obj, "generators", owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value g = list->items[i];
        Comprehension *k = ast_alloc(c->a, sizeof *k);
        k->target = req_expr(c, g, "target", "comprehension");
        k->iter = req_expr(c, g, "iter", "comprehension");
        k->ifs = c_exprs(c, g, "ifs", "comprehension");
        k->is_async = int_field(c, g, "is_async", "comprehension") != 0;
        ast_list_push(c->a, out, k);
    }
}

static AstList c_keywords(Conv *c, Value obj, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, "keywords", owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value kv = list->items[i];
        Keyword *k = ast_alloc(c->a, sizeof *k);
        int pos[4];
        k->arg = ident(c, optf(c, kv, "arg"));
        k->value = req_expr(c, kv, "value", "keyword");
        positions(c, kv, "keyword", pos);
        k->lineno = pos[0], k->col = pos[1], k->end_lineno = pos[2], k->end_col = pos[3];
        ast_list_push(c->a, &l, k);
    }
    return l;
}

static void c_expr_fields(Conv *c, Value obj, int cls, Expr *e)
{
    const char *nm = mp_ast_classes[cls].type->name;
    switch (cls) {
    case N_BoolOp: {
        e->kind = E_BOOLOP;
        e->u.boolop.op = op_of(c, reqf(c, obj, "op", nm), (const int[]){N_And, N_Or}, 2, N_boolop, nm) ? BOOL_OR
                                                                                                    : BOOL_AND;
        e->u.boolop.values = c_exprs(c, obj, "values", nm);
        break;
    }
    case N_NamedExpr:
        e->kind = E_NAMEDEXPR;
        e->u.named.target = req_expr(c, obj, "target", nm);
        e->u.named.value = req_expr(c, obj, "value", nm);
        break;
    case N_BinOp:
        e->kind = E_BINOP;
        e->u.binop.left = req_expr(c, obj, "left", nm);
        e->u.binop.op = op_of(c, reqf(c, obj, "op", nm), mp_ast_binop_cls, 13, N_operator, nm);
        e->u.binop.right = req_expr(c, obj, "right", nm);
        break;
    case N_UnaryOp:
        e->kind = E_UNARYOP;
        e->u.unary.op = op_of(c, reqf(c, obj, "op", nm), mp_ast_unop_cls, 4, N_unaryop, nm);
        e->u.unary.operand = req_expr(c, obj, "operand", nm);
        break;
    case N_Lambda:
        e->kind = E_LAMBDA;
        e->u.lambda.args = c_arguments(c, reqf(c, obj, "args", nm));
        required(c, e->u.lambda.args, "args", nm);
        e->u.lambda.body = req_expr(c, obj, "body", nm);
        break;
    case N_IfExp:
        e->kind = E_IFEXP;
        e->u.ifexp.test = req_expr(c, obj, "test", nm);
        e->u.ifexp.body = req_expr(c, obj, "body", nm);
        e->u.ifexp.orelse = req_expr(c, obj, "orelse", nm);
        break;
    case N_Dict:
        e->kind = E_DICT;
        e->u.dict.keys = c_exprs(c, obj, "keys", nm);
        e->u.dict.values = c_exprs(c, obj, "values", nm);
        break;
    case N_Set:
        e->kind = E_SET;
        e->u.seq.elts = c_exprs(c, obj, "elts", nm);
        break;
    case N_ListComp:
    case N_SetComp:
    case N_GeneratorExp:
        e->kind = cls == N_ListComp ? E_LISTCOMP : cls == N_SetComp ? E_SETCOMP : E_GENEXP;
        e->u.comp.elt = req_expr(c, obj, "elt", nm);
        c_comprehensions(c, obj, nm, &e->u.comp.generators);
        break;
    case N_DictComp:
        e->kind = E_DICTCOMP;
        e->u.comp.key = req_expr(c, obj, "key", nm);
        e->u.comp.elt = req_expr(c, obj, "value", nm);
        c_comprehensions(c, obj, nm, &e->u.comp.generators);
        break;
    case N_Await:
        e->kind = E_AWAIT;
        e->u.yield.value = req_expr(c, obj, "value", nm);
        break;
    case N_Yield:
        e->kind = E_YIELD;
        e->u.yield.value = opt_expr(c, obj, "value");
        break;
    case N_YieldFrom:
        e->kind = E_YIELDFROM;
        e->u.yield.value = req_expr(c, obj, "value", nm);
        break;
    case N_Compare: {
        e->kind = E_COMPARE;
        e->u.compare.left = req_expr(c, obj, "left", nm);
        List *ops = list_field(c, obj, "ops", nm);
        for (size_t i = 0; ops && i < ops->len && !c->err; i++) {
            int op = op_of(c, ops->items[i], mp_ast_cmp_cls, 10, N_cmpop, nm);
            ast_list_push(c->a, &e->u.compare.ops, (void *)(intptr_t)op);
        }
        e->u.compare.comparators = c_exprs(c, obj, "comparators", nm);
        break;
    }
    case N_Call:
        e->kind = E_CALL;
        e->u.call.func = req_expr(c, obj, "func", nm);
        e->u.call.args = c_exprs(c, obj, "args", nm);
        e->u.call.keywords = c_keywords(c, obj, nm);
        break;
    case N_FormattedValue:
        e->kind = E_FORMATTED;
        e->u.fmt.value = req_expr(c, obj, "value", nm);
        e->u.fmt.conversion = int_field(c, obj, "conversion", nm);
        e->u.fmt.spec = opt_expr(c, obj, "format_spec");
        break;
    case N_JoinedStr:
        e->kind = E_JOINEDSTR;
        e->u.seq.elts = c_exprs(c, obj, "values", nm);
        break;
    case N_Constant: {
        e->kind = E_CONSTANT;
        c_constant(c, reqf(c, obj, "value", nm), &e->u.constant);
        Value kind = optf(c, obj, "kind");
        if (kind != rt_None && !v_is_str_exact(kind))
            fail(c, &rt_exc_TypeError, "AST string must be of type str%s%s", "", "");
        break;
    }
    case N_Attribute:
        e->kind = E_ATTRIBUTE;
        e->u.attr.value = req_expr(c, obj, "value", nm);
        e->u.attr.name = ident(c, reqf(c, obj, "attr", nm));
        required(c, e->u.attr.name, "attr", nm);
        e->ctx = c_ctx(c, obj, nm);
        break;
    case N_Subscript:
        e->kind = E_SUBSCRIPT;
        e->u.subscript.value = req_expr(c, obj, "value", nm);
        e->u.subscript.index = req_expr(c, obj, "slice", nm);
        e->ctx = c_ctx(c, obj, nm);
        break;
    case N_Starred:
        e->kind = E_STARRED;
        e->u.starred.value = req_expr(c, obj, "value", nm);
        e->ctx = c_ctx(c, obj, nm);
        break;
    case N_Name:
        e->kind = E_NAME;
        e->u.name.id = ident(c, reqf(c, obj, "id", nm));
        required(c, e->u.name.id, "id", nm);
        e->ctx = c_ctx(c, obj, nm);
        break;
    case N_List:
    case N_Tuple:
        e->kind = cls == N_List ? E_LIST : E_TUPLE;
        e->u.seq.elts = c_exprs(c, obj, "elts", nm);
        e->ctx = c_ctx(c, obj, nm);
        break;
    case N_Slice:
        e->kind = E_SLICE;
        e->u.slice.lower = opt_expr(c, obj, "lower");
        e->u.slice.upper = opt_expr(c, obj, "upper");
        e->u.slice.step = opt_expr(c, obj, "step");
        break;
    }
}

static Expr *c_expr(Conv *c, Value obj)
{
    if (c->err || obj == rt_None)
        return NULL;
    int pos[4];
    positions(c, obj, "expr", pos);
    int cls = which(c, obj, N_BoolOp, N_Slice, "expr");
    if (cls < 0 || c->err)
        return NULL;
    if (!rt_enter_c(c->vm, " while traversing 'expr' node")) {
        c->err = true;
        return NULL;
    }
    Expr *e = ast_alloc(c->a, sizeof *e);
    e->lineno = pos[0], e->col = pos[1], e->end_lineno = pos[2], e->end_col = pos[3];
    c_expr_fields(c, obj, cls, e);
    rt_leave_c(c->vm);
    return c->err ? NULL : e;
}

/* ---- arguments, patterns ------------------------------------------------------------------- */

/* Product types (arg, arguments, keyword...) take None as a node without
 * fields, as CPython's obj2ast does. */
static Arg *c_arg(Conv *c, Value obj)
{
    if (c->err)
        return NULL;
    Arg *a = ast_alloc(c->a, sizeof *a);
    int pos[4];
    a->name = ident(c, reqf(c, obj, "arg", "arg"));
    a->annotation = opt_expr(c, obj, "annotation");
    positions(c, obj, "arg", pos);
    required(c, a->name, "arg", "arg");
    a->lineno = pos[0], a->col = pos[1], a->end_lineno = pos[2], a->end_col = pos[3];
    return a;
}

static AstList c_arg_list(Conv *c, Value obj, const char *name)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, name, "arguments");
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Arg *a = c_arg(c, list->items[i]);
        required(c, a, name, "arguments");
        ast_list_push(c->a, &l, a);
    }
    return l;
}

static Arguments *c_arguments(Conv *c, Value obj)
{
    if (c->err)
        return NULL;
    Arguments *a = ast_alloc(c->a, sizeof *a);
    a->posonlyargs = c_arg_list(c, obj, "posonlyargs");
    a->args = c_arg_list(c, obj, "args");
    Value v = optf(c, obj, "vararg");
    a->vararg = v == rt_None ? NULL : c_arg(c, v);
    a->kwonlyargs = c_arg_list(c, obj, "kwonlyargs");
    a->kw_defaults = c_exprs(c, obj, "kw_defaults", "arguments");
    v = optf(c, obj, "kwarg");
    a->kwarg = v == rt_None ? NULL : c_arg(c, v);
    a->defaults = c_exprs(c, obj, "defaults", "arguments");
    return a;
}

static Pattern *c_pattern(Conv *c, Value obj);

static AstList c_patterns(Conv *c, Value obj, const char *name, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, name, owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Pattern *p = c_pattern(c, list->items[i]);
        required(c, p, name, owner);
        ast_list_push(c->a, &l, p);
    }
    return l;
}

static void c_pattern_fields(Conv *c, Value obj, int cls, Pattern *p)
{
    const char *nm = mp_ast_classes[cls].type->name;
    switch (cls) {
    case N_MatchValue:
        p->kind = P_VALUE;
        p->u.value.value = req_expr(c, obj, "value", nm);
        break;
    case N_MatchSingleton: {
        p->kind = P_SINGLETON;
        Value v = reqf(c, obj, "value", nm);
        if (v != rt_None && v != rt_True && v != rt_False && !c->err)
            fail(c, &rt_exc_ValueError, "MatchSingleton can only contain True, False and None%s%s", "", "");
        p->u.singleton = v == rt_True ? CONST_TRUE : v == rt_False ? CONST_FALSE : CONST_NONE;
        break;
    }
    case N_MatchSequence:
    case N_MatchOr:
        p->kind = cls == N_MatchOr ? P_OR : P_SEQUENCE;
        p->u.list.patterns = c_patterns(c, obj, "patterns", nm);
        break;
    case N_MatchMapping:
        p->kind = P_MAPPING;
        p->u.mapping.keys = c_exprs(c, obj, "keys", nm);
        p->u.mapping.patterns = c_patterns(c, obj, "patterns", nm);
        p->u.mapping.rest = ident(c, optf(c, obj, "rest"));
        break;
    case N_MatchClass:
        p->kind = P_CLASS;
        p->u.cls.cls = req_expr(c, obj, "cls", nm);
        p->u.cls.patterns = c_patterns(c, obj, "patterns", nm);
        p->u.cls.kwd_attrs = c_idents(c, obj, "kwd_attrs", nm);
        p->u.cls.kwd_patterns = c_patterns(c, obj, "kwd_patterns", nm);
        break;
    case N_MatchStar:
        p->kind = P_STAR;
        p->name = ident(c, optf(c, obj, "name"));
        break;
    case N_MatchAs:
        p->kind = P_AS;
        p->u.as.pattern = c_pattern(c, optf(c, obj, "pattern"));
        p->name = ident(c, optf(c, obj, "name"));
        break;
    }
}

static Pattern *c_pattern(Conv *c, Value obj)
{
    if (c->err || obj == rt_None)
        return NULL;
    int pos[4];
    positions(c, obj, "pattern", pos);
    int cls = which(c, obj, N_MatchValue, N_MatchOr, "pattern");
    if (cls < 0 || c->err)
        return NULL;
    if (!rt_enter_c(c->vm, " while traversing 'pattern' node")) {
        c->err = true;
        return NULL;
    }
    Pattern *p = ast_alloc(c->a, sizeof *p);
    p->lineno = pos[0], p->col = pos[1], p->end_lineno = pos[2], p->end_col = pos[3];
    c_pattern_fields(c, obj, cls, p);
    rt_leave_c(c->vm);
    return c->err ? NULL : p;
}

/* ---- statements ---------------------------------------------------------------------------- */

static AstList c_handlers(Conv *c, Value obj, const char *owner, bool star)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, "handlers", owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value h = list->items[i];
        if (h == rt_None) {
            required(c, NULL, "handlers", owner);
            break;
        }
        int pos[4];
        positions(c, h, "excepthandler", pos);
        if (which(c, h, N_ExceptHandler, N_ExceptHandler, "excepthandler") < 0)
            break;
        ExceptHandler *x = ast_alloc(c->a, sizeof *x);
        x->type = opt_expr(c, h, "type");
        x->name = ident(c, optf(c, h, "name"));
        x->body = c_stmts(c, h, "body", "ExceptHandler");
        x->star = star;
        x->lineno = pos[0], x->col = pos[1], x->end_lineno = pos[2], x->end_col = pos[3];
        ast_list_push(c->a, &l, x);
    }
    return l;
}

static AstList c_aliases(Conv *c, Value obj, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, "names", owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value v = list->items[i];
        Alias *a = ast_alloc(c->a, sizeof *a);
        int pos[4];
        a->name = ident(c, reqf(c, v, "name", "alias"));
        a->asname = ident(c, optf(c, v, "asname"));
        positions(c, v, "alias", pos);
        required(c, a->name, "name", "alias");
        a->lineno = pos[0], a->col = pos[1], a->end_lineno = pos[2], a->end_col = pos[3];
        ast_list_push(c->a, &l, a);
    }
    return l;
}

static void c_withitems(Conv *c, Value obj, const char *owner, AstList *out)
{
    List *list = list_field(c, obj, "items", owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value v = list->items[i];
        WithItem *w = ast_alloc(c->a, sizeof *w);
        w->context_expr = req_expr(c, v, "context_expr", "withitem");
        w->optional_vars = opt_expr(c, v, "optional_vars");
        ast_list_push(c->a, out, w);
    }
}

static void c_cases(Conv *c, Value obj, AstList *out)
{
    List *list = list_field(c, obj, "cases", "Match");
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Value v = list->items[i];
        MatchCase *m = ast_alloc(c->a, sizeof *m);
        m->pattern = c_pattern(c, reqf(c, v, "pattern", "match_case"));
        required(c, m->pattern, "pattern", "match_case");
        m->guard = opt_expr(c, v, "guard");
        m->body = c_stmts(c, v, "body", "match_case");
        ast_list_push(c->a, out, m);
    }
}

static void c_stmt_fields(Conv *c, Value obj, int cls, Stmt *s)
{
    const char *nm = mp_ast_classes[cls].type->name;
    switch (cls) {
    case N_FunctionDef:
    case N_AsyncFunctionDef:
        s->kind = S_FUNCTIONDEF;
        s->is_async = cls == N_AsyncFunctionDef;
        s->u.funcdef.name = ident(c, reqf(c, obj, "name", nm));
        required(c, s->u.funcdef.name, "name", nm);
        s->u.funcdef.args = c_arguments(c, reqf(c, obj, "args", nm));
        required(c, s->u.funcdef.args, "args", nm);
        s->u.funcdef.body = c_stmts(c, obj, "body", nm);
        s->u.funcdef.decorators = c_exprs(c, obj, "decorator_list", nm);
        s->u.funcdef.returns = opt_expr(c, obj, "returns");
        break;
    case N_ClassDef:
        s->kind = S_CLASSDEF;
        s->u.classdef.name = ident(c, reqf(c, obj, "name", nm));
        required(c, s->u.classdef.name, "name", nm);
        s->u.classdef.bases = c_exprs(c, obj, "bases", nm);
        s->u.classdef.keywords = c_keywords(c, obj, nm);
        s->u.classdef.body = c_stmts(c, obj, "body", nm);
        s->u.classdef.decorators = c_exprs(c, obj, "decorator_list", nm);
        break;
    case N_Return:
        s->kind = S_RETURN;
        s->u.ret.value = opt_expr(c, obj, "value");
        break;
    case N_Delete:
        s->kind = S_DELETE;
        s->u.del.targets = c_exprs(c, obj, "targets", nm);
        break;
    case N_Assign:
        s->kind = S_ASSIGN;
        s->u.assign.targets = c_exprs(c, obj, "targets", nm);
        s->u.assign.value = req_expr(c, obj, "value", nm);
        break;
    case N_AugAssign:
        s->kind = S_AUGASSIGN;
        s->u.augassign.target = req_expr(c, obj, "target", nm);
        s->u.augassign.op = op_of(c, reqf(c, obj, "op", nm), mp_ast_binop_cls, 13, N_operator, nm);
        s->u.augassign.value = req_expr(c, obj, "value", nm);
        break;
    case N_AnnAssign:
        s->kind = S_ANNASSIGN;
        s->u.annassign.target = req_expr(c, obj, "target", nm);
        s->u.annassign.annotation = req_expr(c, obj, "annotation", nm);
        s->u.annassign.value = opt_expr(c, obj, "value");
        s->u.annassign.simple = int_field(c, obj, "simple", nm) != 0;
        break;
    case N_For:
    case N_AsyncFor:
        s->kind = S_FOR;
        s->is_async = cls == N_AsyncFor;
        s->u.loop.target = req_expr(c, obj, "target", nm);
        s->u.loop.iter = req_expr(c, obj, "iter", nm);
        s->u.loop.body = c_stmts(c, obj, "body", nm);
        s->u.loop.orelse = c_stmts(c, obj, "orelse", nm);
        break;
    case N_While:
        s->kind = S_WHILE;
        s->u.loop.test = req_expr(c, obj, "test", nm);
        s->u.loop.body = c_stmts(c, obj, "body", nm);
        s->u.loop.orelse = c_stmts(c, obj, "orelse", nm);
        break;
    case N_If:
        s->kind = S_IF;
        s->u.ifs.test = req_expr(c, obj, "test", nm);
        s->u.ifs.body = c_stmts(c, obj, "body", nm);
        s->u.ifs.orelse = c_stmts(c, obj, "orelse", nm);
        break;
    case N_With:
    case N_AsyncWith:
        s->kind = S_WITH;
        s->is_async = cls == N_AsyncWith;
        c_withitems(c, obj, nm, &s->u.with.items);
        s->u.with.body = c_stmts(c, obj, "body", nm);
        break;
    case N_Match:
        s->kind = S_MATCH;
        s->u.match.subject = req_expr(c, obj, "subject", nm);
        c_cases(c, obj, &s->u.match.cases);
        break;
    case N_Raise:
        s->kind = S_RAISE;
        s->u.raise.exc = opt_expr(c, obj, "exc");
        s->u.raise.cause = opt_expr(c, obj, "cause");
        break;
    case N_Try:
    case N_TryStar:
        s->kind = S_TRY;
        s->u.try_.body = c_stmts(c, obj, "body", nm);
        s->u.try_.handlers = c_handlers(c, obj, nm, cls == N_TryStar);
        s->u.try_.orelse = c_stmts(c, obj, "orelse", nm);
        s->u.try_.finalbody = c_stmts(c, obj, "finalbody", nm);
        break;
    case N_Assert:
        s->kind = S_ASSERT;
        s->u.assert_.test = req_expr(c, obj, "test", nm);
        s->u.assert_.msg = opt_expr(c, obj, "msg");
        break;
    case N_Import:
        s->kind = S_IMPORT;
        s->u.import.names = c_aliases(c, obj, nm);
        break;
    case N_ImportFrom: {
        s->kind = S_IMPORTFROM;
        s->u.import.module = ident(c, optf(c, obj, "module"));
        s->u.import.names = c_aliases(c, obj, nm);
        Value level = optf(c, obj, "level");
        s->u.import.level = level == rt_None ? 0 : (int)to_int(c, level);
        break;
    }
    case N_Global:
    case N_Nonlocal:
        s->kind = cls == N_Global ? S_GLOBAL : S_NONLOCAL;
        s->u.names.names = c_idents(c, obj, "names", nm);
        break;
    case N_Expr:
        s->kind = S_EXPR;
        s->u.expr.value = req_expr(c, obj, "value", nm);
        break;
    case N_Pass: s->kind = S_PASS; break;
    case N_Break: s->kind = S_BREAK; break;
    case N_Continue: s->kind = S_CONTINUE; break;
    }
}

static Stmt *c_stmt(Conv *c, Value obj)
{
    if (c->err || obj == rt_None)
        return NULL;
    int pos[4];
    positions(c, obj, "stmt", pos);
    int cls = which(c, obj, N_FunctionDef, N_Continue, "stmt");
    if (cls < 0 || c->err)
        return NULL;
    if (!rt_enter_c(c->vm, " while traversing 'stmt' node")) {
        c->err = true;
        return NULL;
    }
    Stmt *s = ast_alloc(c->a, sizeof *s);
    s->lineno = pos[0], s->col = pos[1], s->end_lineno = pos[2], s->end_col = pos[3];
    c_stmt_fields(c, obj, cls, s);
    rt_leave_c(c->vm);
    return c->err ? NULL : s;
}

static AstList c_stmts(Conv *c, Value obj, const char *name, const char *owner)
{
    AstList l = {0, 0, NULL};
    List *list = list_field(c, obj, name, owner);
    for (size_t i = 0; list && i < list->len && !c->err; i++) {
        Stmt *s = c_stmt(c, list->items[i]);
        if (!s && !c->err)
            fail(c, &rt_exc_ValueError, "None disallowed in statement list%s%s", "", "");
        ast_list_push(c->a, &l, s);
    }
    return l;
}

/* ---- the module ---------------------------------------------------------------------------- */

static const char *const mode_names[] = {"exec", "eval", "single", "func_type"};
static const int mode_classes[] = {N_Module, N_Expression, N_Interactive, N_FunctionType};

AstModule *mp_ast_to_module(VM *vm, Arena *a, Value obj, const char *mode, Value *keep_list)
{
    Conv c = {vm, a, rt_list_new(vm, 0), false};
    if (!c.keep)
        return NULL;
    *keep_list = c.keep;
    int m = 0;
    while (m < 4 && strcmp(mode, mode_names[m]) != 0)
        m++;
    if (m == 4) {
        rt_raise(vm, &rt_exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    if (!is_a(obj, mode_classes[m])) {
        rt_raise(vm, &rt_exc_TypeError, "expected %s node, got %s", mp_ast_classes[mode_classes[m]].type->name,
                 type_name(obj));
        return NULL;
    }
    AstModule *mod = ast_alloc(a, sizeof *mod);
    const char *nm = mp_ast_classes[mode_classes[m]].type->name;
    if (m == 3) {
        rt_raise(vm, &rt_exc_NotImplementedError, "compiling a FunctionType node is not supported by minipy");
        return NULL;
    } else if (m == 1) {
        mod->mode = PARSE_EVAL;
        Expr *body = req_expr(&c, obj, "body", nm);
        if (body) {
            Stmt *s = ast_alloc(a, sizeof *s);
            s->kind = S_EXPR;
            s->lineno = body->lineno, s->col = body->col;
            s->end_lineno = body->end_lineno, s->end_col = body->end_col;
            s->u.expr.value = body;
            ast_list_push(a, &mod->body, s);
        }
    } else {
        mod->mode = m == 0 ? PARSE_FILE : PARSE_SINGLE;
        mod->body = c_stmts(&c, obj, "body", nm);
        if (m == 0)
            list_field(&c, obj, "type_ignores", nm);
    }
    if (c.err || !mp_ast_validate(vm, mod))
        return NULL;
    return mod;
}
