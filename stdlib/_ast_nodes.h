/* stdlib/_ast_nodes.h — internal to the _ast module: the table of node
 * classes (stdlib/_ast.c builds them; stdlib/_ast_compile.c converts
 * instances back to the C AST). */
#ifndef MINIPY_AST_NODES_H
#define MINIPY_AST_NODES_H
#include "runtime/object.h"

/* X(name, base, kind, fields, attributes): SUM is an abstract class, CON
 * one of its constructors, PRD a product type.  Fields are written as in
 * ASDL ("expr? value"); the attributes: POS the usual four positions
 * (end_* optional), POSR all four required (patterns), NOA none. */
#define POS "int lineno, int col_offset, int? end_lineno, int? end_col_offset"
#define POSR "int lineno, int col_offset, int end_lineno, int end_col_offset"
#define NOA ""
#define AST_NODES(X)                                                                                   \
    X(mod, AST, SUM, "", NOA)                                                                          \
    X(Module, mod, CON, "stmt* body, type_ignore* type_ignores", NOA)                                  \
    X(Interactive, mod, CON, "stmt* body", NOA)                                                        \
    X(Expression, mod, CON, "expr body", NOA)                                                          \
    X(FunctionType, mod, CON, "expr* argtypes, expr returns", NOA)                                     \
    X(stmt, AST, SUM, "", POS)                                                                         \
    X(FunctionDef, stmt, CON,                                                                          \
      "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, "             \
      "string? type_comment", NOA)                                                                     \
    X(AsyncFunctionDef, stmt, CON,                                                                     \
      "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, "             \
      "string? type_comment", NOA)                                                                     \
    X(ClassDef, stmt, CON,                                                                             \
      "identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list", NOA)        \
    X(Return, stmt, CON, "expr? value", NOA)                                                           \
    X(Delete, stmt, CON, "expr* targets", NOA)                                                         \
    X(Assign, stmt, CON, "expr* targets, expr value, string? type_comment", NOA)                       \
    X(AugAssign, stmt, CON, "expr target, operator op, expr value", NOA)                               \
    X(AnnAssign, stmt, CON, "expr target, expr annotation, expr? value, int simple", NOA)              \
    X(For, stmt, CON, "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment", NOA)   \
    X(AsyncFor, stmt, CON, "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment",   \
      NOA)                                                                                             \
    X(While, stmt, CON, "expr test, stmt* body, stmt* orelse", NOA)                                    \
    X(If, stmt, CON, "expr test, stmt* body, stmt* orelse", NOA)                                       \
    X(With, stmt, CON, "withitem* items, stmt* body, string? type_comment", NOA)                       \
    X(AsyncWith, stmt, CON, "withitem* items, stmt* body, string? type_comment", NOA)                  \
    X(Match, stmt, CON, "expr subject, match_case* cases", NOA)                                        \
    X(Raise, stmt, CON, "expr? exc, expr? cause", NOA)                                                 \
    X(Try, stmt, CON, "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody", NOA)       \
    X(TryStar, stmt, CON, "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody", NOA)   \
    X(Assert, stmt, CON, "expr test, expr? msg", NOA)                                                  \
    X(Import, stmt, CON, "alias* names", NOA)                                                          \
    X(ImportFrom, stmt, CON, "identifier? module, alias* names, int? level", NOA)                      \
    X(Global, stmt, CON, "identifier* names", NOA)                                                     \
    X(Nonlocal, stmt, CON, "identifier* names", NOA)                                                   \
    X(Expr, stmt, CON, "expr value", NOA)                                                              \
    X(Pass, stmt, CON, "", NOA)                                                                        \
    X(Break, stmt, CON, "", NOA)                                                                       \
    X(Continue, stmt, CON, "", NOA)                                                                    \
    X(expr, AST, SUM, "", POS)                                                                         \
    X(BoolOp, expr, CON, "boolop op, expr* values", NOA)                                               \
    X(NamedExpr, expr, CON, "expr target, expr value", NOA)                                            \
    X(BinOp, expr, CON, "expr left, operator op, expr right", NOA)                                     \
    X(UnaryOp, expr, CON, "unaryop op, expr operand", NOA)                                             \
    X(Lambda, expr, CON, "arguments args, expr body", NOA)                                             \
    X(IfExp, expr, CON, "expr test, expr body, expr orelse", NOA)                                      \
    X(Dict, expr, CON, "expr* keys, expr* values", NOA)                                                \
    X(Set, expr, CON, "expr* elts", NOA)                                                               \
    X(ListComp, expr, CON, "expr elt, comprehension* generators", NOA)                                 \
    X(SetComp, expr, CON, "expr elt, comprehension* generators", NOA)                                  \
    X(DictComp, expr, CON, "expr key, expr value, comprehension* generators", NOA)                     \
    X(GeneratorExp, expr, CON, "expr elt, comprehension* generators", NOA)                             \
    X(Await, expr, CON, "expr value", NOA)                                                             \
    X(Yield, expr, CON, "expr? value", NOA)                                                            \
    X(YieldFrom, expr, CON, "expr value", NOA)                                                         \
    X(Compare, expr, CON, "expr left, cmpop* ops, expr* comparators", NOA)                             \
    X(Call, expr, CON, "expr func, expr* args, keyword* keywords", NOA)                                \
    X(FormattedValue, expr, CON, "expr value, int conversion, expr? format_spec", NOA)                 \
    X(JoinedStr, expr, CON, "expr* values", NOA)                                                       \
    X(Constant, expr, CON, "constant value, string? kind", NOA)                                        \
    X(Attribute, expr, CON, "expr value, identifier attr, expr_context ctx", NOA)                      \
    X(Subscript, expr, CON, "expr value, expr slice, expr_context ctx", NOA)                           \
    X(Starred, expr, CON, "expr value, expr_context ctx", NOA)                                         \
    X(Name, expr, CON, "identifier id, expr_context ctx", NOA)                                         \
    X(List, expr, CON, "expr* elts, expr_context ctx", NOA)                                            \
    X(Tuple, expr, CON, "expr* elts, expr_context ctx", NOA)                                           \
    X(Slice, expr, CON, "expr? lower, expr? upper, expr? step", NOA)                                   \
    X(expr_context, AST, SUM, "", NOA)                                                                 \
    X(Load, expr_context, CON, "", NOA)                                                                \
    X(Store, expr_context, CON, "", NOA)                                                               \
    X(Del, expr_context, CON, "", NOA)                                                                 \
    X(boolop, AST, SUM, "", NOA)                                                                       \
    X(And, boolop, CON, "", NOA)                                                                       \
    X(Or, boolop, CON, "", NOA)                                                                        \
    X(operator, AST, SUM, "", NOA)                                                                     \
    X(Add, operator, CON, "", NOA)                                                                     \
    X(Sub, operator, CON, "", NOA)                                                                     \
    X(Mult, operator, CON, "", NOA)                                                                    \
    X(MatMult, operator, CON, "", NOA)                                                                 \
    X(Div, operator, CON, "", NOA)                                                                     \
    X(Mod, operator, CON, "", NOA)                                                                     \
    X(Pow, operator, CON, "", NOA)                                                                     \
    X(LShift, operator, CON, "", NOA)                                                                  \
    X(RShift, operator, CON, "", NOA)                                                                  \
    X(BitOr, operator, CON, "", NOA)                                                                   \
    X(BitXor, operator, CON, "", NOA)                                                                  \
    X(BitAnd, operator, CON, "", NOA)                                                                  \
    X(FloorDiv, operator, CON, "", NOA)                                                                \
    X(unaryop, AST, SUM, "", NOA)                                                                      \
    X(Invert, unaryop, CON, "", NOA)                                                                   \
    X(Not, unaryop, CON, "", NOA)                                                                      \
    X(UAdd, unaryop, CON, "", NOA)                                                                     \
    X(USub, unaryop, CON, "", NOA)                                                                     \
    X(cmpop, AST, SUM, "", NOA)                                                                        \
    X(Eq, cmpop, CON, "", NOA)                                                                         \
    X(NotEq, cmpop, CON, "", NOA)                                                                      \
    X(Lt, cmpop, CON, "", NOA)                                                                         \
    X(LtE, cmpop, CON, "", NOA)                                                                        \
    X(Gt, cmpop, CON, "", NOA)                                                                         \
    X(GtE, cmpop, CON, "", NOA)                                                                        \
    X(Is, cmpop, CON, "", NOA)                                                                         \
    X(IsNot, cmpop, CON, "", NOA)                                                                      \
    X(In, cmpop, CON, "", NOA)                                                                         \
    X(NotIn, cmpop, CON, "", NOA)                                                                      \
    X(comprehension, AST, PRD, "expr target, expr iter, expr* ifs, int is_async", NOA)                 \
    X(excepthandler, AST, SUM, "", POS)                                                                \
    X(ExceptHandler, excepthandler, CON, "expr? type, identifier? name, stmt* body", NOA)              \
    X(arguments, AST, PRD,                                                                             \
      "arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, "     \
      "expr* defaults", NOA)                                                                           \
    X(arg, AST, PRD, "identifier arg, expr? annotation, string? type_comment", POS)                    \
    X(keyword, AST, PRD, "identifier? arg, expr value", POS)                                           \
    X(alias, AST, PRD, "identifier name, identifier? asname", POS)                                     \
    X(withitem, AST, PRD, "expr context_expr, expr? optional_vars", NOA)                               \
    X(match_case, AST, PRD, "pattern pattern, expr? guard, stmt* body", NOA)                           \
    X(pattern, AST, SUM, "", POSR)                                                                     \
    X(MatchValue, pattern, CON, "expr value", NOA)                                                     \
    X(MatchSingleton, pattern, CON, "constant value", NOA)                                             \
    X(MatchSequence, pattern, CON, "pattern* patterns", NOA)                                           \
    X(MatchMapping, pattern, CON, "expr* keys, pattern* patterns, identifier? rest", NOA)              \
    X(MatchClass, pattern, CON,                                                                        \
      "expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns", NOA)                \
    X(MatchStar, pattern, CON, "identifier? name", NOA)                                                \
    X(MatchAs, pattern, CON, "pattern? pattern, identifier? name", NOA)                                \
    X(MatchOr, pattern, CON, "pattern* patterns", NOA)                                                 \
    X(type_ignore, AST, SUM, "", NOA)                                                                  \
    X(TypeIgnore, type_ignore, CON, "int lineno, string tag", NOA)

enum { SUM, CON, PRD };
#define X_ENUM(name, base, kind, fields, attrs) N_##name,
enum { N_AST = -1, AST_NODES(X_ENUM) N_COUNT };


enum { MAX_FIELDS = 8 };

/* One class, as built: its type, its field names (interned) and, for
 * nodes with positions, whether it carries them. */
typedef struct NodeClass {
    Type *type;
    int nfields;
    Value fields[MAX_FIELDS];
    bool has_pos;
} NodeClass;

extern NodeClass mp_ast_classes[N_COUNT];
extern Value mp_ast_singletons[N_COUNT];

/* The node classes for minipy's operator numbers (lang/builders.h order):
 * BinOp/AugAssign ops, unary ops, compare ops, expression contexts. */
extern const int mp_ast_binop_cls[13], mp_ast_unop_cls[4], mp_ast_cmp_cls[10], mp_ast_ctx_cls[3];

#endif
