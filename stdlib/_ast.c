/* stdlib/_ast.c — the _ast module behind CPython's Lib/ast.py: the node
 * classes of Python 3.11's abstract grammar (AST and its abstract and
 * concrete subclasses, with _fields, _attributes, __match_args__, the None
 * class defaults of optional fields, docstrings in ASDL form), their
 * constructor and __reduce__, the PyCF_* flags, and minipy's C AST
 * (lang/ast.h) as these objects for compile(..., PyCF_ONLY_AST).  The way
 * back, compile(tree, ...), is stdlib/_ast_compile.c (conversion) and
 * stdlib/_ast_validate.c (CPython's checks). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compiler/compiler.h"
#include "lang/parser.h"
#include "runtime/complex.h"
#include "runtime/containers.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/_ast.h"
#include "stdlib/_ast_nodes.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/vm.h"

/* ---- the class table ------------------------------------------------------------------- */

typedef struct NodeSpec {
    const char *name;
    int base;  /* N_* or N_AST */
    int kind;
    const char *fields, *attrs;
} NodeSpec;

#define X_SPEC(name, base, kind, fields, attrs) {#name, N_##base, kind, fields, attrs},
static const NodeSpec specs[N_COUNT] = {AST_NODES(X_SPEC)};

NodeClass mp_ast_classes[N_COUNT];
static Type *ast_type;           /* AST */
static Value g_roots;            /* a list holding every class and singleton */
Value mp_ast_singletons[N_COUNT]; /* the shared instances of Load, Add, ... */
static Value s_lineno, s_col_offset, s_end_lineno, s_end_col_offset, s_fields, s_attributes;

/* Split "expr? value, int simple" into names (and whole "type name" parts). */
static int split_fields(const char *s, const char *parts[], size_t lens[], int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        parts[n] = s;
        lens[n++] = (size_t)(e - s);
        s = e;
    }
    return n;
}

/* The name part of "type? name". */
static void field_name(const char *part, size_t len, const char **name, size_t *nlen)
{
    const char *sp = memchr(part, ' ', len);
    *name = sp + 1;
    *nlen = len - (size_t)(sp + 1 - part);
}

/* "Name(type a, type b)" or "Name" for a constructor or product type. */
static void ctor_doc(char *buf, size_t cap, size_t *n, const NodeSpec *sp)
{
    *n += (size_t)snprintf(buf + *n, cap - *n, "%s", sp->name);
    if (*sp->fields)
        *n += (size_t)snprintf(buf + *n, cap - *n, "(%s)", sp->fields);
}

/* The class docstring in ASDL form, as CPython's. */
static Value make_doc(VM *vm, int idx)
{
    const NodeSpec *sp = &specs[idx];
    char buf[4096];
    size_t n = 0;
    if (sp->kind != SUM) {
        ctor_doc(buf, sizeof buf, &n, sp);
        return rt_str_new(vm, buf, n);
    }
    bool simple = true;
    for (int i = idx + 1; i < N_COUNT && specs[i].base == idx; i++)
        if (*specs[i].fields)
            simple = false;
    n += (size_t)snprintf(buf, sizeof buf, "%s = ", sp->name);
    int indent = (int)strlen(sp->name) + 1;
    for (int i = idx + 1; i < N_COUNT && specs[i].base == idx; i++) {
        if (i > idx + 1)
            n += simple ? (size_t)snprintf(buf + n, sizeof buf - n, " | ")
                        : (size_t)snprintf(buf + n, sizeof buf - n, "\n%*s| ", indent, "");
        ctor_doc(buf, sizeof buf, &n, &specs[i]);
    }
    return rt_str_new(vm, buf, n);
}

static Value names_tuple(VM *vm, const char *s, Value *out_names, int *count)
{
    const char *parts[MAX_FIELDS];
    size_t lens[MAX_FIELDS];
    int n = split_fields(s, parts, lens, MAX_FIELDS);
    Value t = rt_tuple_new(vm, (size_t)n);
    if (!t)
        return VNULL;
    for (int i = 0; i < n; i++) {
        const char *nm;
        size_t nl;
        field_name(parts[i], lens[i], &nm, &nl);
        Value v = rt_str_intern(vm, nm, nl);
        if (!v)
            return VNULL;
        v_tuple(t)->items[i] = v;
        if (out_names)
            out_names[i] = v;
    }
    if (count)
        *count = n;
    return t;
}

/* Class attributes None for the optional ("?") fields or attributes. */
static bool set_optional_defaults(VM *vm, Dict *ns, const char *s)
{
    const char *parts[MAX_FIELDS];
    size_t lens[MAX_FIELDS];
    int n = split_fields(s, parts, lens, MAX_FIELDS);
    for (int i = 0; i < n; i++) {
        const char *sp = memchr(parts[i], ' ', lens[i]);
        if (sp[-1] != '?')
            continue;
        const char *nm;
        size_t nl;
        field_name(parts[i], lens[i], &nm, &nl);
        Value key = rt_str_intern(vm, nm, nl);
        if (!key || !rt_dict_set_str(vm, ns, key, rt_None))
            return false;
    }
    return true;
}

static Value make_class(VM *vm, const char *name, Type *base, Dict *ns)
{
    Value bases = rt_tuple_pack(vm, 1, v_from(base));
    if (!bases)
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, name), bases, ns);
}

static bool build_class(VM *vm, int idx, Dict *mod)
{
    const NodeSpec *sp = &specs[idx];
    NodeClass *nc = &mp_ast_classes[idx];
    Value nsv = rt_dict_new(vm);
    if (!nsv)
        return false;
    Dict *ns = v_dict(nsv);
    Value fields = names_tuple(vm, sp->fields, nc->fields, &nc->nfields);
    Value doc = make_doc(vm, idx);
    if (!fields || !doc || !rt_dict_set_cstr(vm, ns, "_fields", fields) ||
        !rt_dict_set_cstr(vm, ns, "__match_args__", fields) ||
        !rt_dict_set_cstr(vm, ns, "__module__", rt_str_intern_cstr(vm, "ast")) ||
        !rt_dict_set_cstr(vm, ns, "__doc__", doc) || !set_optional_defaults(vm, ns, sp->fields))
        return false;
    if (sp->kind != CON) {
        Value attrs = names_tuple(vm, sp->attrs, NULL, NULL);
        if (!attrs || !rt_dict_set_cstr(vm, ns, "_attributes", attrs) ||
            !set_optional_defaults(vm, ns, sp->attrs))
            return false;
    }
    Type *base = sp->base == N_AST ? ast_type : mp_ast_classes[sp->base].type;
    Value cls = make_class(vm, sp->name, base, ns);
    if (!cls || !rt_list_append(vm, g_roots, cls) || !rt_dict_set_cstr(vm, mod, sp->name, cls))
        return false;
    nc->type = (Type *)v_obj(cls);
    int owner = sp->kind == CON ? sp->base : idx;
    nc->has_pos = owner >= 0 && *specs[owner].attrs;
    return true;
}

/* ---- AST.__init__ and __reduce__ ---------------------------------------------------------- */

/* The constructor's work: positional arguments fill _fields in order,
 * keywords set any attribute.  argv holds the npos positional arguments,
 * then the keyword values. */
static Value init_fields(VM *vm, Value self, int npos, Value *argv, Value kwnames)
{
    Type *t = v_type(self);
    Value fields = rt_getattr_opt(vm, v_from(t), s_fields);
    if (!fields && vm->exc)
        return VNULL;
    size_t nfields = 0;
    if (fields) {
        int64_t n = rt_len(vm, fields);
        if (n < 0)
            return VNULL;
        nfields = (size_t)n;
    }
    if ((size_t)npos > nfields)
        return rt_raise(vm, &rt_exc_TypeError, "%s constructor takes at most %zu positional argument%s",
                        mp_type_short_name(self), nfields, nfields == 1 ? "" : "s");
    for (int i = 0; i < npos; i++) {
        Value name = rt_getitem(vm, fields, v_from_small(i));
        if (!name || rt_setattr(vm, self, name, argv[i]) < 0)
            return VNULL;
    }
    size_t nkw = kwnames ? v_tuple(kwnames)->len : 0;
    for (size_t k = 0; k < nkw; k++) {
        Value key = v_tuple(kwnames)->items[k];
        for (int i = 0; i < npos; i++) {
            Value name = rt_getitem(vm, fields, v_from_small(i));
            if (!name)
                return VNULL;
            int eq = rt_eq(vm, name, key);
            if (eq < 0)
                return VNULL;
            if (eq)
                return rt_raise(vm, &rt_exc_TypeError, "%s got multiple values for argument '%s'",
                                mp_type_short_name(self), v_cstr(key));
        }
        if (rt_setattr(vm, self, key, argv[npos + k]) < 0)
            return VNULL;
    }
    return rt_None;
}

static Value ast_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    return init_fields(vm, argv[0], argc - 1, argv + 1, kwnames);
}

static Value g_init_fn;  /* AST.__init__ */

/* AST's tp_new: calling a node class runs AST.__init__'s work here, as the
 * VM calls no native __init__ of a class after its __new__.  A subclass
 * with its own __init__ gets a bare instance. */
static Value ast_new(VM *vm, Type *t, int argc, Value *argv, Value kwnames)
{
    Value obj = rt_instance_new(vm, t);
    if (!obj || rt_lookup_type_attr(t, vm->names.__init__) != g_init_fn)
        return obj;
    return init_fields(vm, obj, argc, argv, kwnames) ? obj : VNULL;
}

static Value ast_reduce(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!rt_check_nargs(vm, "__reduce__", argc - 1, 0, 0))
        return VNULL;
    Dict **dp = rt_instance_dict_ptr(argv[0]);
    Value d = dp && *dp ? v_from(*dp) : VNULL;
    if (!d && !(d = rt_dict_new(vm)))
        return VNULL;
    return rt_tuple_pack(vm, 3, v_from(v_type(argv[0])), rt_empty_tuple, d);
}

static const NativeDef ast_methods[] = {
    {"__init__", ast_init, NF_KEYWORDS},
    {"__reduce__", ast_reduce, 0},
    {NULL, NULL, 0},
};

/* ---- C AST to objects ---------------------------------------------------------------------- */

typedef struct ToPy {
    VM *vm;
    bool failed;
} ToPy;

/* A node of class cls with the given field values (in _fields order) and,
 * when pos is not NULL, lineno, col_offset, end_lineno, end_col_offset. */
static Value mk(ToPy *c, int cls, int n, const Value *vals, const int *pos)
{
    VM *vm = c->vm;
    if (c->failed)
        return rt_None;
    const NodeClass *nc = &mp_ast_classes[cls];
    Value obj = rt_instance_new(vm, nc->type);
    Dict *d = obj ? rt_dict_alloc(vm) : NULL;
    if (!d)
        goto fail;
    *rt_instance_dict_ptr(obj) = d;
    for (int i = 0; i < n; i++)
        if (!rt_dict_set_str(vm, d, nc->fields[i], vals[i]))
            goto fail;
    if (pos) {
        const Value names[4] = {s_lineno, s_col_offset, s_end_lineno, s_end_col_offset};
        for (int i = 0; i < 4; i++)
            if (!rt_dict_set_str(vm, d, names[i], v_from_small(pos[i])))
                goto fail;
    }
    return obj;
fail:
    c->failed = true;
    return rt_None;
}

#define VALS(...) (int)(sizeof((Value[]){__VA_ARGS__}) / sizeof(Value)), (Value[]){__VA_ARGS__}
#define MK(c, cls, pos, ...) mk(c, N_##cls, VALS(__VA_ARGS__), pos)
#define MK0(c, cls, pos) mk(c, N_##cls, 0, NULL, pos)
#define POSOF(x) ((const int[]){(x)->lineno, (x)->col, (x)->end_lineno, (x)->end_col})

static Value py_expr(ToPy *c, const Expr *e);
static Value py_stmts(ToPy *c, const AstList *l);

static Value check(ToPy *c, Value v)
{
    if (!v) {
        c->failed = true;
        return rt_None;
    }
    return v;
}

static Value py_ident(ToPy *c, const char *s)
{
    if (!s)
        return rt_None;
    return check(c, rt_str_intern_cstr(c->vm, s));
}

static Value py_int(ToPy *c, int64_t i) { return check(c, rt_int_from_i64(c->vm, i)); }

static Value new_list(ToPy *c, int n)
{
    return check(c, rt_list_new(c->vm, (size_t)n));
}

static void append(ToPy *c, Value list, Value v)
{
    if (!c->failed && !rt_list_append(c->vm, list, v))
        c->failed = true;
}

static Value py_opt_expr(ToPy *c, const Expr *e) { return e ? py_expr(c, e) : rt_None; }

static Value py_exprs(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++)
        append(c, list, py_opt_expr(c, l->items[i]));
    return list;
}

static Value py_names(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++)
        append(c, list, py_ident(c, l->items[i]));
    return list;
}

static Value py_constant(ToPy *c, const Constant *k)
{
    VM *vm = c->vm;
    switch (k->kind) {
    case CONST_NONE: return rt_None;
    case CONST_TRUE: return rt_True;
    case CONST_FALSE: return rt_False;
    case CONST_ELLIPSIS: return rt_Ellipsis;
    case CONST_INT: return check(c, rt_int_from_string(vm, k->s, strlen(k->s), 0));
    case CONST_FLOAT: return check(c, rt_float_new(vm, k->f));
    case CONST_IMAG: return check(c, rt_complex_new(vm, 0.0, k->f));
    case CONST_STR: return check(c, rt_str_new(vm, k->s ? k->s : "", k->len));
    case CONST_BYTES: return check(c, rt_bytes_new(vm, (const uint8_t *)(k->s ? k->s : ""), k->len));
    case CONST_OBJECT: return (Value)k->obj;
    }
    return rt_None;
}

const int mp_ast_binop_cls[] = {N_Add, N_Sub, N_Mult, N_Div, N_FloorDiv, N_Mod, N_Pow,
                                N_LShift, N_RShift, N_BitAnd, N_BitOr, N_BitXor, N_MatMult};
const int mp_ast_unop_cls[] = {N_USub, N_UAdd, N_Invert, N_Not};
const int mp_ast_cmp_cls[] = {N_Lt, N_LtE, N_Eq, N_NotEq, N_Gt, N_GtE, N_Is, N_IsNot, N_In, N_NotIn};
const int mp_ast_ctx_cls[] = {N_Load, N_Store, N_Del};

static Value py_arg(ToPy *c, const Arg *a)
{
    if (!a)
        return rt_None;
    return MK(c, arg, POSOF(a), py_ident(c, a->name), py_opt_expr(c, a->annotation), rt_None);
}

static Value py_args(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++)
        append(c, list, py_arg(c, l->items[i]));
    return list;
}

static Value py_arguments(ToPy *c, const Arguments *a)
{
    return MK(c, arguments, NULL, py_args(c, &a->posonlyargs), py_args(c, &a->args), py_arg(c, a->vararg),
              py_args(c, &a->kwonlyargs), py_exprs(c, &a->kw_defaults), py_arg(c, a->kwarg),
              py_exprs(c, &a->defaults));
}

static Value py_keywords(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++) {
        const Keyword *k = l->items[i];
        append(c, list, MK(c, keyword, POSOF(k), py_ident(c, k->arg), py_expr(c, k->value)));
    }
    return list;
}

static Value py_comps(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++) {
        const Comprehension *g = l->items[i];
        append(c, list, MK(c, comprehension, NULL, py_expr(c, g->target), py_expr(c, g->iter),
                           py_exprs(c, &g->ifs), py_int(c, g->is_async)));
    }
    return list;
}

static Value py_ctx(const Expr *e) { return mp_ast_singletons[mp_ast_ctx_cls[e->ctx]]; }

static Value py_expr(ToPy *c, const Expr *e)
{
    const int *pos = POSOF(e);
    if (c->failed)
        return rt_None;
    switch (e->kind) {
    case E_BOOLOP:
        return MK(c, BoolOp, pos, mp_ast_singletons[e->u.boolop.op == BOOL_AND ? N_And : N_Or],
                  py_exprs(c, &e->u.boolop.values));
    case E_NAMEDEXPR:
        return MK(c, NamedExpr, pos, py_expr(c, e->u.named.target), py_expr(c, e->u.named.value));
    case E_BINOP:
        return MK(c, BinOp, pos, py_expr(c, e->u.binop.left), mp_ast_singletons[mp_ast_binop_cls[e->u.binop.op]],
                  py_expr(c, e->u.binop.right));
    case E_UNARYOP:
        return MK(c, UnaryOp, pos, mp_ast_singletons[mp_ast_unop_cls[e->u.unary.op]], py_expr(c, e->u.unary.operand));
    case E_LAMBDA:
        return MK(c, Lambda, pos, py_arguments(c, e->u.lambda.args), py_expr(c, e->u.lambda.body));
    case E_IFEXP:
        return MK(c, IfExp, pos, py_expr(c, e->u.ifexp.test), py_expr(c, e->u.ifexp.body),
                  py_expr(c, e->u.ifexp.orelse));
    case E_DICT:
        return MK(c, Dict, pos, py_exprs(c, &e->u.dict.keys), py_exprs(c, &e->u.dict.values));
    case E_SET: return MK(c, Set, pos, py_exprs(c, &e->u.seq.elts));
    case E_LISTCOMP:
        return MK(c, ListComp, pos, py_expr(c, e->u.comp.elt), py_comps(c, &e->u.comp.generators));
    case E_SETCOMP:
        return MK(c, SetComp, pos, py_expr(c, e->u.comp.elt), py_comps(c, &e->u.comp.generators));
    case E_GENEXP:
        return MK(c, GeneratorExp, pos, py_expr(c, e->u.comp.elt), py_comps(c, &e->u.comp.generators));
    case E_DICTCOMP:
        return MK(c, DictComp, pos, py_expr(c, e->u.comp.key), py_expr(c, e->u.comp.elt),
                  py_comps(c, &e->u.comp.generators));
    case E_AWAIT: return MK(c, Await, pos, py_expr(c, e->u.yield.value));
    case E_YIELD: return MK(c, Yield, pos, py_opt_expr(c, e->u.yield.value));
    case E_YIELDFROM: return MK(c, YieldFrom, pos, py_expr(c, e->u.yield.value));
    case E_COMPARE: {
        Value ops = new_list(c, e->u.compare.ops.n);
        for (int i = 0; i < e->u.compare.ops.n; i++)
            append(c, ops, mp_ast_singletons[mp_ast_cmp_cls[(intptr_t)e->u.compare.ops.items[i]]]);
        return MK(c, Compare, pos, py_expr(c, e->u.compare.left), ops, py_exprs(c, &e->u.compare.comparators));
    }
    case E_CALL:
        return MK(c, Call, pos, py_expr(c, e->u.call.func), py_exprs(c, &e->u.call.args),
                  py_keywords(c, &e->u.call.keywords));
    case E_FORMATTED:
        return MK(c, FormattedValue, pos, py_expr(c, e->u.fmt.value), py_int(c, e->u.fmt.conversion),
                  py_opt_expr(c, e->u.fmt.spec));
    case E_JOINEDSTR: return MK(c, JoinedStr, pos, py_exprs(c, &e->u.seq.elts));
    case E_CONSTANT: {
        Value kind = rt_None;
        if (e->u.constant.kind == CONST_STR && e->u.constant.u_prefix)
            kind = check(c, rt_str_intern_cstr(c->vm, "u"));
        return MK(c, Constant, pos, py_constant(c, &e->u.constant), kind);
    }
    case E_ATTRIBUTE:
        return MK(c, Attribute, pos, py_expr(c, e->u.attr.value), py_ident(c, e->u.attr.name), py_ctx(e));
    case E_SUBSCRIPT:
        return MK(c, Subscript, pos, py_expr(c, e->u.subscript.value), py_expr(c, e->u.subscript.index),
                  py_ctx(e));
    case E_STARRED: return MK(c, Starred, pos, py_expr(c, e->u.starred.value), py_ctx(e));
    case E_NAME: return MK(c, Name, pos, py_ident(c, e->u.name.id), py_ctx(e));
    case E_LIST: return MK(c, List, pos, py_exprs(c, &e->u.seq.elts), py_ctx(e));
    case E_TUPLE: return MK(c, Tuple, pos, py_exprs(c, &e->u.seq.elts), py_ctx(e));
    case E_SLICE:
        return MK(c, Slice, pos, py_opt_expr(c, e->u.slice.lower), py_opt_expr(c, e->u.slice.upper),
                  py_opt_expr(c, e->u.slice.step));
    case E_ASMARK: break;
    }
    rt_raise(c->vm, &rt_exc_SystemError, "unexpected expression kind %d in the AST", (int)e->kind);
    c->failed = true;
    return rt_None;
}

static Value py_pattern(ToPy *c, const Pattern *p);

static Value py_patterns(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++)
        append(c, list, py_pattern(c, l->items[i]));
    return list;
}

static Value py_pattern(ToPy *c, const Pattern *p)
{
    const int *pos = POSOF(p);
    switch (p->kind) {
    case P_VALUE: return MK(c, MatchValue, pos, py_expr(c, p->u.value.value));
    case P_SINGLETON: {
        Constant k = {.kind = p->u.singleton};
        return MK(c, MatchSingleton, pos, py_constant(c, &k));
    }
    case P_SEQUENCE: return MK(c, MatchSequence, pos, py_patterns(c, &p->u.list.patterns));
    case P_OR: return MK(c, MatchOr, pos, py_patterns(c, &p->u.list.patterns));
    case P_MAPPING:
        return MK(c, MatchMapping, pos, py_exprs(c, &p->u.mapping.keys), py_patterns(c, &p->u.mapping.patterns),
                  py_ident(c, p->u.mapping.rest));
    case P_CLASS:
        return MK(c, MatchClass, pos, py_expr(c, p->u.cls.cls), py_patterns(c, &p->u.cls.patterns),
                  py_names(c, &p->u.cls.kwd_attrs), py_patterns(c, &p->u.cls.kwd_patterns));
    case P_STAR: return MK(c, MatchStar, pos, py_ident(c, p->name));
    case P_AS:
        return MK(c, MatchAs, pos, p->u.as.pattern ? py_pattern(c, p->u.as.pattern) : rt_None,
                  py_ident(c, p->name));
    }
    return rt_None;
}

static Value py_stmt(ToPy *c, const Stmt *s)
{
    const int *pos = POSOF(s);
    if (c->failed)
        return rt_None;
    switch (s->kind) {
    case S_FUNCTIONDEF: {
        Value name = py_ident(c, s->u.funcdef.name), args = py_arguments(c, s->u.funcdef.args);
        Value body = py_stmts(c, &s->u.funcdef.body), decos = py_exprs(c, &s->u.funcdef.decorators);
        Value ret = py_opt_expr(c, s->u.funcdef.returns);
        if (s->is_async)
            return MK(c, AsyncFunctionDef, pos, name, args, body, decos, ret, rt_None);
        return MK(c, FunctionDef, pos, name, args, body, decos, ret, rt_None);
    }
    case S_CLASSDEF:
        return MK(c, ClassDef, pos, py_ident(c, s->u.classdef.name), py_exprs(c, &s->u.classdef.bases),
                  py_keywords(c, &s->u.classdef.keywords), py_stmts(c, &s->u.classdef.body),
                  py_exprs(c, &s->u.classdef.decorators));
    case S_RETURN: return MK(c, Return, pos, py_opt_expr(c, s->u.ret.value));
    case S_DELETE: return MK(c, Delete, pos, py_exprs(c, &s->u.del.targets));
    case S_ASSIGN:
        return MK(c, Assign, pos, py_exprs(c, &s->u.assign.targets), py_expr(c, s->u.assign.value), rt_None);
    case S_AUGASSIGN:
        return MK(c, AugAssign, pos, py_expr(c, s->u.augassign.target), mp_ast_singletons[mp_ast_binop_cls[s->u.augassign.op]],
                  py_expr(c, s->u.augassign.value));
    case S_ANNASSIGN:
        return MK(c, AnnAssign, pos, py_expr(c, s->u.annassign.target), py_expr(c, s->u.annassign.annotation),
                  py_opt_expr(c, s->u.annassign.value), py_int(c, s->u.annassign.simple));
    case S_FOR: {
        Value t = py_expr(c, s->u.loop.target), it = py_expr(c, s->u.loop.iter);
        Value body = py_stmts(c, &s->u.loop.body), orelse = py_stmts(c, &s->u.loop.orelse);
        if (s->is_async)
            return MK(c, AsyncFor, pos, t, it, body, orelse, rt_None);
        return MK(c, For, pos, t, it, body, orelse, rt_None);
    }
    case S_WHILE:
        return MK(c, While, pos, py_expr(c, s->u.loop.test), py_stmts(c, &s->u.loop.body),
                  py_stmts(c, &s->u.loop.orelse));
    case S_IF:
        return MK(c, If, pos, py_expr(c, s->u.ifs.test), py_stmts(c, &s->u.ifs.body), py_stmts(c, &s->u.ifs.orelse));
    case S_WITH: {
        Value items = new_list(c, s->u.with.items.n);
        for (int i = 0; i < s->u.with.items.n; i++) {
            const WithItem *w = s->u.with.items.items[i];
            append(c, items, MK(c, withitem, NULL, py_expr(c, w->context_expr), py_opt_expr(c, w->optional_vars)));
        }
        Value body = py_stmts(c, &s->u.with.body);
        if (s->is_async)
            return MK(c, AsyncWith, pos, items, body, rt_None);
        return MK(c, With, pos, items, body, rt_None);
    }
    case S_MATCH: {
        Value cases = new_list(c, s->u.match.cases.n);
        for (int i = 0; i < s->u.match.cases.n; i++) {
            const MatchCase *m = s->u.match.cases.items[i];
            append(c, cases, MK(c, match_case, NULL, py_pattern(c, m->pattern), py_opt_expr(c, m->guard),
                                py_stmts(c, &m->body)));
        }
        return MK(c, Match, pos, py_expr(c, s->u.match.subject), cases);
    }
    case S_RAISE: return MK(c, Raise, pos, py_opt_expr(c, s->u.raise.exc), py_opt_expr(c, s->u.raise.cause));
    case S_TRY: {
        Value handlers = new_list(c, s->u.try_.handlers.n);
        bool star = false;
        for (int i = 0; i < s->u.try_.handlers.n; i++) {
            const ExceptHandler *h = s->u.try_.handlers.items[i];
            star = h->star;
            append(c, handlers, MK(c, ExceptHandler, POSOF(h), py_opt_expr(c, h->type), py_ident(c, h->name),
                                   py_stmts(c, &h->body)));
        }
        Value body = py_stmts(c, &s->u.try_.body), orelse = py_stmts(c, &s->u.try_.orelse);
        Value fin = py_stmts(c, &s->u.try_.finalbody);
        if (star)
            return MK(c, TryStar, pos, body, handlers, orelse, fin);
        return MK(c, Try, pos, body, handlers, orelse, fin);
    }
    case S_ASSERT: return MK(c, Assert, pos, py_expr(c, s->u.assert_.test), py_opt_expr(c, s->u.assert_.msg));
    case S_IMPORT:
    case S_IMPORTFROM: {
        Value names = new_list(c, s->u.import.names.n);
        for (int i = 0; i < s->u.import.names.n; i++) {
            const Alias *a = s->u.import.names.items[i];
            append(c, names, MK(c, alias, POSOF(a), py_ident(c, a->name), py_ident(c, a->asname)));
        }
        if (s->kind == S_IMPORT)
            return MK(c, Import, pos, names);
        return MK(c, ImportFrom, pos, py_ident(c, s->u.import.module), names, py_int(c, s->u.import.level));
    }
    case S_GLOBAL: return MK(c, Global, pos, py_names(c, &s->u.names.names));
    case S_NONLOCAL: return MK(c, Nonlocal, pos, py_names(c, &s->u.names.names));
    case S_EXPR: return MK(c, Expr, pos, py_expr(c, s->u.expr.value));
    case S_PASS: return MK0(c, Pass, pos);
    case S_BREAK: return MK0(c, Break, pos);
    case S_CONTINUE: return MK0(c, Continue, pos);
    }
    return rt_None;
}

static Value py_stmts(ToPy *c, const AstList *l)
{
    Value list = new_list(c, l->n);
    for (int i = 0; i < l->n && !c->failed; i++)
        append(c, list, py_stmt(c, l->items[i]));
    return list;
}

static Value py_module(ToPy *c, const AstModule *m)
{
    switch (m->mode) {
    case PARSE_EVAL: {
        const Stmt *s = m->body.n ? m->body.items[0] : NULL;
        return MK(c, Expression, NULL, s ? py_expr(c, s->u.expr.value) : rt_None);
    }
    case PARSE_SINGLE: return MK(c, Interactive, NULL, py_stmts(c, &m->body));
    case PARSE_FUNC_TYPE: return MK(c, FunctionType, NULL, py_exprs(c, &m->argtypes), py_expr(c, m->returns));
    case PARSE_FILE: break;
    }
    return MK(c, Module, NULL, py_stmts(c, &m->body), new_list(c, 0));
}

Value mp_ast_from_module(VM *vm, const AstModule *m)
{
    if (!mp_native_module(vm, "_ast"))
        return VNULL;
    ToPy c = {vm, false};
    Value r = py_module(&c, m);
    if (c.failed) {
        if (!vm->exc)
            rt_raise(vm, &rt_exc_MemoryError, "out of memory");
        return VNULL;
    }
    return r;
}

Value mp_ast_parse(VM *vm, const char *src, size_t len, const char *filename, ParseMode mode)
{
    Arena arena;
    ast_arena_init(&arena);
    SyntaxErrorInfo err;
    memset(&err, 0, sizeof err);
    AstModule *mod = lx_parse(&arena, src, len, filename, mode, &err);
    Value r = VNULL;
    if (mod) {
        r = mp_ast_from_module(vm, mod);
    } else {
        cg_fill_error_text(&err, src, len);
        cg_raise_syntax_error(vm, &err);
    }
    ast_arena_free(&arena);
    return r;
}

/* ---- the module ---------------------------------------------------------------------------- */

bool mp_ast_is_node(Value v) { return ast_type && rt_isinstance_type(v, ast_type); }

Value mp_ast_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_ast", &d);
    if (!m)
        return VNULL;
    if (!g_roots) {
        rt_gc_add_root(vm, &g_roots);
        if (!(g_roots = rt_list_new(vm, N_COUNT * 2)))
            return VNULL;
        s_lineno = rt_str_intern_cstr(vm, "lineno");
        s_col_offset = rt_str_intern_cstr(vm, "col_offset");
        s_end_lineno = rt_str_intern_cstr(vm, "end_lineno");
        s_end_col_offset = rt_str_intern_cstr(vm, "end_col_offset");
        s_fields = rt_str_intern_cstr(vm, "_fields");
        s_attributes = rt_str_intern_cstr(vm, "_attributes");
        Value nsv = rt_dict_new(vm);
        if (!nsv)
            return VNULL;
        Dict *ns = v_dict(nsv);
        if (!rt_dict_set_cstr(vm, ns, "_fields", rt_empty_tuple) ||
            !rt_dict_set_cstr(vm, ns, "__match_args__", rt_empty_tuple) ||
            !rt_dict_set_cstr(vm, ns, "_attributes", rt_empty_tuple) ||
            !rt_dict_set_cstr(vm, ns, "__module__", rt_str_intern_cstr(vm, "ast")))
            return VNULL;
        for (const NativeDef *def = ast_methods; def->name; def++) {
            Value f = rt_native_new(vm, def->name, def->fn, def->flags | NF_METHOD, VNULL);
            if (!f || !rt_dict_set_cstr(vm, ns, def->name, f))
                return VNULL;
            if (def->fn == ast_init)
                g_init_fn = f;
        }
        Value ast = make_class(vm, "AST", &rt_object_type, ns);
        if (!ast || !rt_list_append(vm, g_roots, ast))
            return VNULL;
        ast_type = (Type *)v_obj(ast);
        ast_type->new = ast_new;
        for (int i = 0; i < N_COUNT; i++) {
            if (!build_class(vm, i, d))
                return VNULL;
            if (specs[i].kind == CON && !*specs[i].fields && i != N_Pass && i != N_Break && i != N_Continue) {
                Value inst = rt_instance_new(vm, mp_ast_classes[i].type);
                if (!inst || !rt_list_append(vm, g_roots, inst))
                    return VNULL;
                mp_ast_singletons[i] = inst;
            }
        }
    } else {
        if (!rt_dict_set_cstr(vm, d, "AST", v_from(ast_type)))
            return VNULL;
        for (int i = 0; i < N_COUNT; i++)
            if (!rt_dict_set_cstr(vm, d, specs[i].name, v_from(mp_ast_classes[i].type)))
                return VNULL;
    }
    if (!rt_dict_set_cstr(vm, d, "AST", v_from(ast_type)) ||
        !rt_dict_set_cstr(vm, d, "PyCF_ONLY_AST", v_from_small(MP_PYCF_ONLY_AST)) ||
        !rt_dict_set_cstr(vm, d, "PyCF_TYPE_COMMENTS", v_from_small(MP_PYCF_TYPE_COMMENTS)) ||
        !rt_dict_set_cstr(vm, d, "PyCF_ALLOW_TOP_LEVEL_AWAIT", v_from_small(MP_PYCF_ALLOW_TOP_LEVEL_AWAIT)))
        return VNULL;
    return m;
}
