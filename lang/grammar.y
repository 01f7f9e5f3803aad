/* lang/grammar.y — lemon grammar for minipy's Python 3.11 subset.
 * Actions are one-line calls to the ast_* builders (lang/builders.h); all
 * checks and node construction live there.  Nodes are arena-allocated, so
 * no %destructor is needed.  The lexer pushes tokens (lang/parser.c). */

%name lxParse
%token_prefix TK_
%token_type {Token}
%default_type {Expr *}
%extra_context {ParseCtx *p}
%stack_size 6000
%start_symbol start

%include {
#include <assert.h>
#include "lang/builders.h"
}

%syntax_error { ast_syntax_error(p, yymajor, &yyminor); }
%stack_overflow { ast_stack_overflow(p); }
%parse_failure { ast_parse_failure(p); }

/* Token order fixes the TK_* codes; every token the lexer emits is here. */
%token FILE_START SINGLE_START EVAL_START FEXPR_START FUNCTYPE_START.
%token NEWLINE INDENT DEDENT NAME NUMBER STRING.
%token FALSE NONE TRUE AND AS ASSERT ASYNC AWAIT BREAK CLASS CONTINUE DEF DEL ELIF ELSE EXCEPT
       FINALLY FOR FROM GLOBAL IF IMPORT IN IS LAMBDA NONLOCAL NOT OR PASS RAISE RETURN TRY
       WHILE WITH YIELD.
%token LPAR RPAR LSQB RSQB LBRACE RBRACE COLON COMMA SEMI PLUS MINUS STAR SLASH VBAR AMPER
       LESS GREATER EQUAL DOT PERCENT EQEQUAL NOTEQUAL LESSEQUAL GREATEREQUAL TILDE
       CIRCUMFLEX LEFTSHIFT RIGHTSHIFT DOUBLESTAR PLUSEQUAL MINEQUAL STAREQUAL SLASHEQUAL
       PERCENTEQUAL AMPEREQUAL VBAREQUAL CIRCUMFLEXEQUAL LEFTSHIFTEQUAL RIGHTSHIFTEQUAL
       DOUBLESTAREQUAL DOUBLESLASH DOUBLESLASHEQUAL AT ATEQUAL RARROW ELLIPSIS COLONEQUAL.
/* The soft keywords `match` and `case`: the driver (parser.c) turns a NAME
 * into these where they start a match statement or one of its cases. */
%token MATCH CASE.

/* Operator precedence of `expr`, lowest first (Python's binary levels). */
%left VBAR.
%left CIRCUMFLEX.
%left AMPER.
%left LEFTSHIFT RIGHTSHIFT.
%left PLUS MINUS.
%left STAR SLASH DOUBLESLASH PERCENT AT.
%right TILDE.
%right DOUBLESTAR.

start ::= FILE_START file_input.
start ::= SINGLE_START single_input.
start ::= EVAL_START eval_input.
start ::= FEXPR_START fexpr_input.
start ::= FUNCTYPE_START functype_input.

/* ---- top level ------------------------------------------------------------ */

%type file_lines {AstList *}
file_input ::= file_lines(L).                       { ast_set_body(p, L); }
file_lines(A) ::= .                                 { A = ast_list0(p); }
file_lines(A) ::= file_lines(L) NEWLINE.            { A = L; }
file_lines(A) ::= file_lines(L) stmt(S).            { A = ast_list_extend(p, L, S); }

single_input ::= .                                  { ast_set_body(p, ast_list0(p)); }
single_input ::= NEWLINE.                           { ast_set_body(p, ast_list0(p)); }
single_input ::= stmt(S).                           { ast_set_body(p, S); }

eval_input ::= testlist_star_expr(E) newlines.      { ast_set_expr(p, E); }
newlines ::= .
newlines ::= newlines NEWLINE.

/* compile(..., 'func_type'): a signature type comment, `(int, *str) -> bool` */
%type type_exprs {AstList *}
functype_input ::= LPAR RPAR RARROW test(R) newlines.                { ast_functype(p, NULL, R); }
functype_input ::= LPAR type_exprs(L) RPAR RARROW test(R) newlines.  { ast_functype(p, L, R); }
type_exprs(A) ::= test(E).                          { A = ast_list1(p, ast_type_expr(p, NULL, E)); }
type_exprs(A) ::= STAR(T) test(E).                  { A = ast_list1(p, ast_type_expr(p, &T, E)); }
type_exprs(A) ::= DOUBLESTAR(T) test(E).            { A = ast_list1(p, ast_type_expr(p, &T, E)); }
type_exprs(A) ::= type_exprs(L) COMMA test(E).      { A = ast_list_add(p, L, ast_type_expr(p, NULL, E)); }
type_exprs(A) ::= type_exprs(L) COMMA STAR(T) test(E). { A = ast_list_add(p, L, ast_type_expr(p, &T, E)); }
type_exprs(A) ::= type_exprs(L) COMMA DOUBLESTAR(T) test(E). { A = ast_list_add(p, L, ast_type_expr(p, &T, E)); }

fexpr_input ::= testlist_star_expr(E).              { ast_set_expr(p, E); }
fexpr_input ::= yield_expr(E).                      { ast_set_expr(p, E); }

/* ---- statements ----------------------------------------------------------- */

%type stmt {AstList *}
%type simple_stmt {AstList *}
%type small_stmts {AstList *}
%type stmt_seq {AstList *}
%type suite {AstList *}
%type small_stmt {Stmt *}
%type expr_stmt {Stmt *}
%type compound_stmt {Stmt *}

stmt(A) ::= simple_stmt(L).                         { A = L; }
stmt(A) ::= compound_stmt(S).                       { A = ast_list1(p, S); }
simple_stmt(A) ::= small_stmts(L) NEWLINE.          { A = L; }
simple_stmt(A) ::= small_stmts(L) SEMI(T) NEWLINE.  { A = ast_trailing_semi(p, L, &T); }
small_stmts(A) ::= small_stmt(S).                   { A = ast_list1(p, S); }
small_stmts(A) ::= small_stmts(L) SEMI small_stmt(S). { A = ast_list_add(p, L, S); }

suite(A) ::= simple_stmt(L).                        { A = L; }
suite(A) ::= NEWLINE INDENT stmt_seq(L) DEDENT.     { A = L; }
stmt_seq(A) ::= stmt(L).                            { A = L; }
stmt_seq(A) ::= stmt_seq(L) stmt(S).                { A = ast_list_extend(p, L, S); }

small_stmt(A) ::= expr_stmt(S).                     { A = S; }
small_stmt(A) ::= DEL(T) exprlist(E).               { A = ast_delete(p, &T, E); }
small_stmt(A) ::= PASS(T).                          { A = ast_simple(p, &T, S_PASS); }
small_stmt(A) ::= BREAK(T).                         { A = ast_simple(p, &T, S_BREAK); }
small_stmt(A) ::= CONTINUE(T).                      { A = ast_simple(p, &T, S_CONTINUE); }
small_stmt(A) ::= RETURN(T).                        { A = ast_return(p, &T, NULL); }
small_stmt(A) ::= RETURN(T) testlist_star_expr(E).  { A = ast_return(p, &T, E); }
small_stmt(A) ::= RAISE(T).                         { A = ast_raise(p, &T, NULL, NULL); }
small_stmt(A) ::= RAISE(T) test(E).                 { A = ast_raise(p, &T, E, NULL); }
small_stmt(A) ::= RAISE(T) test(E) FROM test(C).    { A = ast_raise(p, &T, E, C); }
small_stmt(A) ::= GLOBAL(T) namelist(L).            { A = ast_names(p, &T, S_GLOBAL, L); }
small_stmt(A) ::= NONLOCAL(T) namelist(L).          { A = ast_names(p, &T, S_NONLOCAL, L); }
small_stmt(A) ::= ASSERT(T) test(E).                { A = ast_assert(p, &T, E, NULL); }
small_stmt(A) ::= ASSERT(T) test(E) COMMA test(M).  { A = ast_assert(p, &T, E, M); }
small_stmt(A) ::= IMPORT(T) dotted_as_names(L).     { A = ast_import(p, &T, L); }
small_stmt(A) ::= FROM(T) dotted_name(D) IMPORT import_targets(L).   { A = ast_import_from(p, &T, 0, D, L); }
small_stmt(A) ::= FROM(T) dots(N) dotted_name(D) IMPORT import_targets(L). { A = ast_import_from(p, &T, N, D, L); }
small_stmt(A) ::= FROM(T) dots(N) IMPORT import_targets(L).          { A = ast_import_from(p, &T, N, NULL, L); }

%type namelist {AstList *}
namelist(A) ::= NAME(N).                            { A = ast_list1(p, ast_ident(p, &N)); }
namelist(A) ::= namelist(L) COMMA NAME(N).          { A = ast_list_add(p, L, ast_ident(p, &N)); }

%type dotted_name {const char *}
%type dotted_as_names {AstList *}
%type dotted_as_name {Alias *}
%type import_targets {AstList *}
%type import_as_names {AstList *}
%type import_as_name {Alias *}
%type dots {int}
dotted_name(A) ::= NAME(N).                         { A = ast_dotted_start(p, &N); }
dotted_name(A) ::= dotted_name(D) DOT NAME(N).      { A = ast_dotted(p, D, &N); }
dotted_as_names(A) ::= dotted_as_name(X).           { A = ast_list1(p, X); }
dotted_as_names(A) ::= dotted_as_names(L) COMMA dotted_as_name(X). { A = ast_list_add(p, L, X); }
dotted_as_name(A) ::= dotted_name(D).               { A = ast_alias(p, D, NULL, NULL); }
dotted_as_name(A) ::= dotted_name(D) AS NAME(N).    { A = ast_alias(p, D, NULL, &N); }
dots(A) ::= DOT.                                    { A = 1; }
dots(A) ::= ELLIPSIS.                               { A = 3; }
dots(A) ::= dots(N) DOT.                            { A = N + 1; }
dots(A) ::= dots(N) ELLIPSIS.                       { A = N + 3; }
import_targets(A) ::= STAR(S).                      { A = ast_list1(p, ast_alias(p, "*", &S, NULL)); }
import_targets(A) ::= LPAR import_as_names(L) RPAR. { A = L; }
import_targets(A) ::= LPAR import_as_names(L) COMMA RPAR. { A = L; }
import_targets(A) ::= import_as_names(L).           { A = L; }
import_as_names(A) ::= import_as_name(X).           { A = ast_list1(p, X); }
import_as_names(A) ::= import_as_names(L) COMMA import_as_name(X). { A = ast_list_add(p, L, X); }
import_as_name(A) ::= NAME(N).                      { A = ast_alias(p, ast_ident(p, &N), &N, NULL); }
import_as_name(A) ::= NAME(N) AS NAME(M).           { A = ast_alias(p, ast_ident(p, &N), &N, &M); }

%type assign_chain {AstList *}
%type augassign {int}
expr_stmt(A) ::= testlist_star_expr(E).             { A = ast_expr_stmt(p, E); }
expr_stmt(A) ::= yield_expr(E).                     { A = ast_expr_stmt(p, E); }
expr_stmt(A) ::= testlist_star_expr(T) augassign(O) yield_or_tlse(V). { A = ast_augassign(p, T, O, V); }
expr_stmt(A) ::= testlist_star_expr(T) COLON test(N).                  { A = ast_annassign(p, T, N, NULL); }
expr_stmt(A) ::= testlist_star_expr(T) COLON test(N) EQUAL yield_or_tlse(V). { A = ast_annassign(p, T, N, V); }
expr_stmt(A) ::= testlist_star_expr(T) COLONEQUAL(O) test(V). { A = ast_walrus_stmt(p, T, &O, V); }
expr_stmt(A) ::= assign_chain(L) yield_or_tlse(V).  { A = ast_assign(p, L, V); }
assign_chain(A) ::= testlist_star_expr(T) EQUAL.    { A = ast_list1(p, T); }
assign_chain(A) ::= yield_expr(T) EQUAL.            { A = ast_list1(p, T); }
assign_chain(A) ::= assign_chain(L) yield_or_tlse(T) EQUAL. { A = ast_list_add(p, L, T); }
yield_or_tlse(A) ::= yield_expr(E).                 { A = E; }
yield_or_tlse(A) ::= testlist_star_expr(E).         { A = E; }

augassign(A) ::= PLUSEQUAL.        { A = AUG_ADD; }
augassign(A) ::= MINEQUAL.         { A = AUG_SUB; }
augassign(A) ::= STAREQUAL.        { A = AUG_MUL; }
augassign(A) ::= SLASHEQUAL.       { A = AUG_TRUEDIV; }
augassign(A) ::= DOUBLESLASHEQUAL. { A = AUG_FLOORDIV; }
augassign(A) ::= PERCENTEQUAL.     { A = AUG_MOD; }
augassign(A) ::= DOUBLESTAREQUAL.  { A = AUG_POW; }
augassign(A) ::= LEFTSHIFTEQUAL.   { A = AUG_LSHIFT; }
augassign(A) ::= RIGHTSHIFTEQUAL.  { A = AUG_RSHIFT; }
augassign(A) ::= AMPEREQUAL.       { A = AUG_AND; }
augassign(A) ::= VBAREQUAL.        { A = AUG_OR; }
augassign(A) ::= CIRCUMFLEXEQUAL.  { A = AUG_XOR; }
augassign(A) ::= ATEQUAL.          { A = AUG_MATMUL; }

/* ---- compound statements -------------------------------------------------- */

%type if_chain {IfChain *}
%type else_opt {AstList *}
%type handlers {AstList *}
%type handler {ExceptHandler *}
%type with_items {AstList *}
%type with_item {WithItem *}
%type decorators {AstList *}
%type funcdef {Stmt *}
%type classdef {Stmt *}

compound_stmt(A) ::= if_chain(C).                   { A = ast_if_done(p, C, NULL); }
compound_stmt(A) ::= if_chain(C) ELSE COLON suite(B). { A = ast_if_done(p, C, B); }
if_chain(A) ::= IF(T) namedexpr_test(E) COLON suite(B).       { A = ast_if_start(p, &T, E, B); }
if_chain(A) ::= if_chain(C) ELIF(T) namedexpr_test(E) COLON suite(B). { A = ast_if_elif(p, C, &T, E, B); }

compound_stmt(A) ::= WHILE(T) namedexpr_test(E) COLON suite(B) else_opt(O).  { A = ast_while(p, &T, E, B, O); }
compound_stmt(A) ::= FOR(T) exprlist(X) IN testlist_star_expr(E) COLON suite(B) else_opt(O). { A = ast_for(p, &T, X, E, B, O); }
else_opt(A) ::= .                                   { A = NULL; }
else_opt(A) ::= ELSE COLON suite(B).                { A = B; }

compound_stmt(A) ::= TRY(T) COLON suite(B) handlers(H) else_opt(O).  { A = ast_try(p, &T, B, H, O, NULL); }
compound_stmt(A) ::= TRY(T) COLON suite(B) handlers(H) else_opt(O) FINALLY COLON suite(F). { A = ast_try(p, &T, B, H, O, F); }
compound_stmt(A) ::= TRY(T) COLON suite(B) FINALLY COLON suite(F).  { A = ast_try(p, &T, B, NULL, NULL, F); }
handlers(A) ::= handler(H).                         { A = ast_list1(p, H); }
handlers(A) ::= handlers(L) handler(H).             { A = ast_list_add(p, L, H); }
handler(A) ::= EXCEPT(T) COLON suite(B).            { A = ast_handler(p, &T, NULL, NULL, B); }
handler(A) ::= EXCEPT(T) test(E) COLON suite(B).    { A = ast_handler(p, &T, E, NULL, B); }
handler(A) ::= EXCEPT(T) test(E) AS NAME(N) COLON suite(B). { A = ast_handler(p, &T, E, &N, B); }
handler(A) ::= EXCEPT(T) STAR test(E) COLON suite(B).  { A = ast_handler_star(p, &T, E, NULL, B); }
handler(A) ::= EXCEPT(T) STAR test(E) AS NAME(N) COLON suite(B). { A = ast_handler_star(p, &T, E, &N, B); }
handler(A) ::= EXCEPT(T) STAR COLON(C) suite(B).       { A = ast_handler_star_bare(p, &T, &C, B); }

compound_stmt(A) ::= WITH(T) with_items(L) COLON suite(B). { A = ast_with(p, &T, L, B); }
with_items(A) ::= with_item(X).                     { A = ast_list1(p, X); }
with_items(A) ::= with_items(L) COMMA with_item(X). { A = ast_list_add(p, L, X); }
with_item(A) ::= test(E).                           { A = ast_withitem(p, E, NULL); }
with_item(A) ::= test(E) AS expr(V).                { A = ast_withitem(p, E, V); }
with_item(A) ::= test(E) AS star_expr(V).           { A = ast_withitem(p, E, V); }

compound_stmt(A) ::= match_stmt(M).                 { A = M; }
compound_stmt(A) ::= funcdef(F).                    { A = F; }
compound_stmt(A) ::= async_stmt(F).                 { A = F; }
compound_stmt(A) ::= decorators(D) async_stmt(F).   { A = ast_decorate(p, D, F); }
compound_stmt(A) ::= classdef(C).                   { A = C; }
compound_stmt(A) ::= decorators(D) funcdef(F).      { A = ast_decorate(p, D, F); }
compound_stmt(A) ::= decorators(D) classdef(C).     { A = ast_decorate(p, D, C); }
decorators(A) ::= AT namedexpr_test(E) NEWLINE.     { A = ast_list1(p, E); }
decorators(A) ::= decorators(L) AT namedexpr_test(E) NEWLINE. { A = ast_list_add(p, L, E); }

/* async def / for / with: the statement starts at `async`. */
%type async_stmt {Stmt *}
async_stmt(A) ::= ASYNC(T) funcdef(F).              { A = ast_async_stmt(p, &T, F); }
async_stmt(A) ::= ASYNC(T) FOR exprlist(X) IN testlist_star_expr(E) COLON suite(B) else_opt(O). { A = ast_async_stmt(p, &T, ast_for(p, &T, X, E, B, O)); }
async_stmt(A) ::= ASYNC(T) WITH with_items(L) COLON suite(B). { A = ast_async_stmt(p, &T, ast_with(p, &T, L, B)); }

%type params {AstList *}
%type param_list {AstList *}
%type param {Param *}
%type tfpdef {Arg *}
%type lparams {AstList *}
%type lparam_list {AstList *}
%type lparam {Param *}
%type arglist {AstList *}
%type args {AstList *}
%type argument {CallArg *}

funcdef(A) ::= DEF(T) NAME(N) LPAR params(P) RPAR COLON suite(B). { A = ast_funcdef(p, &T, &N, P, NULL, B); }
funcdef(A) ::= DEF(T) NAME(N) LPAR params(P) RPAR RARROW test(R) COLON suite(B). { A = ast_funcdef(p, &T, &N, P, R, B); }
params(A) ::= .                                     { A = NULL; }
params(A) ::= param_list(L).                        { A = L; }
params(A) ::= param_list(L) COMMA.                  { A = L; }
param_list(A) ::= param(X).                         { A = ast_list1(p, X); }
param_list(A) ::= param_list(L) COMMA param(X).     { A = ast_list_add(p, L, X); }
param(A) ::= tfpdef(X).                             { A = ast_param(p, PARAM_PLAIN, X, NULL, NULL); }
param(A) ::= tfpdef(X) EQUAL test(D).               { A = ast_param(p, PARAM_PLAIN, X, D, NULL); }
param(A) ::= STAR(T).                               { A = ast_param(p, PARAM_STAR, NULL, NULL, &T); }
param(A) ::= STAR(T) tfpdef(X).                     { A = ast_param(p, PARAM_STAR, X, NULL, &T); }
param(A) ::= STAR(T) NAME(N) COLON star_expr(E).    { A = ast_param(p, PARAM_STAR, ast_arg(p, &N, E), NULL, &T); }
param(A) ::= DOUBLESTAR(T) tfpdef(X).               { A = ast_param(p, PARAM_DSTAR, X, NULL, &T); }
param(A) ::= SLASH(T).                              { A = ast_param(p, PARAM_SLASH, NULL, NULL, &T); }
tfpdef(A) ::= NAME(N).                              { A = ast_arg(p, &N, NULL); }
tfpdef(A) ::= NAME(N) COLON test(E).                { A = ast_arg(p, &N, E); }

classdef(A) ::= CLASS(T) NAME(N) COLON suite(B).    { A = ast_classdef(p, &T, &N, NULL, B); }
classdef(A) ::= CLASS(T) NAME(N) LPAR RPAR COLON suite(B). { A = ast_classdef(p, &T, &N, NULL, B); }
classdef(A) ::= CLASS(T) NAME(N) LPAR arglist(L) RPAR COLON suite(B). { A = ast_classdef(p, &T, &N, L, B); }

/* ---- expressions ---------------------------------------------------------- */

%type tse_items {AstList *}
testlist_star_expr(A) ::= tse_items(L).             { A = ast_tuple_or_single(p, L, false); }
testlist_star_expr(A) ::= tse_items(L) COMMA.       { A = ast_tuple_or_single(p, L, true); }
tse_items(A) ::= tse_item(E).                       { A = ast_list1(p, E); }
tse_items(A) ::= tse_items(L) COMMA tse_item(E).    { A = ast_list_add(p, L, E); }
tse_item(A) ::= test(E).                            { A = E; }
tse_item(A) ::= star_expr(E).                       { A = E; }

%type ex_items {AstList *}
exprlist(A) ::= ex_items(L).                        { A = ast_tuple_or_single(p, L, false); }
exprlist(A) ::= ex_items(L) COMMA.                  { A = ast_tuple_or_single(p, L, true); }
ex_items(A) ::= ex_item(E).                         { A = ast_list1(p, E); }
ex_items(A) ::= ex_items(L) COMMA ex_item(E).       { A = ast_list_add(p, L, E); }
ex_item(A) ::= expr(E).                             { A = E; }
ex_item(A) ::= star_expr(E).                        { A = E; }

star_expr(A) ::= STAR(T) expr(E).                   { A = ast_starred(p, &T, E); }

yield_expr(A) ::= YIELD(T).                         { A = ast_yield(p, &T, NULL, false); }
yield_expr(A) ::= YIELD(T) testlist_star_expr(E).   { A = ast_yield(p, &T, E, false); }
yield_expr(A) ::= YIELD(T) FROM test(E).            { A = ast_yield(p, &T, E, true); }

test(A) ::= or_test(E).                             { A = E; }
/* Assignment expressions: only where CPython's grammar has a
 * named_expression (conditions, displays, arguments, subscripts). */
namedexpr_test(A) ::= test(E).                      { A = E; }
namedexpr_test(A) ::= named(E).                     { A = E; }
named(A) ::= test(T) COLONEQUAL test(V).            { A = ast_namedexpr(p, T, V); }
test(A) ::= or_test(B) IF or_test(C) ELSE test(O).  { A = ast_ifexp(p, C, B, O); }
test(A) ::= LAMBDA(T) COLON test(B).                { A = ast_lambda(p, &T, NULL, B); }
test(A) ::= LAMBDA(T) lparams(P) COLON test(B).     { A = ast_lambda(p, &T, P, B); }
lparams(A) ::= lparam_list(L).                      { A = L; }
lparams(A) ::= lparam_list(L) COMMA.                { A = L; }
lparam_list(A) ::= lparam(X).                       { A = ast_list1(p, X); }
lparam_list(A) ::= lparam_list(L) COMMA lparam(X).  { A = ast_list_add(p, L, X); }
lparam(A) ::= NAME(N).                              { A = ast_param(p, PARAM_PLAIN, ast_arg(p, &N, NULL), NULL, NULL); }
lparam(A) ::= NAME(N) EQUAL test(D).                { A = ast_param(p, PARAM_PLAIN, ast_arg(p, &N, NULL), D, NULL); }
lparam(A) ::= STAR(T).                              { A = ast_param(p, PARAM_STAR, NULL, NULL, &T); }
lparam(A) ::= STAR(T) NAME(N).                      { A = ast_param(p, PARAM_STAR, ast_arg(p, &N, NULL), NULL, &T); }
lparam(A) ::= DOUBLESTAR(T) NAME(N).                { A = ast_param(p, PARAM_DSTAR, ast_arg(p, &N, NULL), NULL, &T); }
lparam(A) ::= SLASH(T).                             { A = ast_param(p, PARAM_SLASH, NULL, NULL, &T); }

%type or_list {AstList *}
%type and_list {AstList *}
or_test(A) ::= and_test(E).                         { A = E; }
or_test(A) ::= or_list(L).                          { A = ast_boolop(p, BOOL_OR, L); }
or_list(A) ::= and_test(X) OR and_test(Y).          { A = ast_list2(p, X, Y); }
or_list(A) ::= or_list(L) OR and_test(Y).           { A = ast_list_add(p, L, Y); }
and_test(A) ::= not_test(E).                        { A = E; }
and_test(A) ::= and_list(L).                        { A = ast_boolop(p, BOOL_AND, L); }
and_list(A) ::= not_test(X) AND not_test(Y).        { A = ast_list2(p, X, Y); }
and_list(A) ::= and_list(L) AND not_test(Y).        { A = ast_list_add(p, L, Y); }
not_test(A) ::= NOT(T) not_test(E).                 { A = ast_unary(p, &T, UN_NOT_, E); }
not_test(A) ::= comparison(E).                      { A = E; }

%type comp_op {int}
comparison(A) ::= expr(E).                          { A = E; }
comparison(A) ::= comp_chain(E).                    { A = E; }
comp_chain(A) ::= expr(L) comp_op(O) expr(R).       { A = ast_compare(p, L, O, R); }
comp_chain(A) ::= comp_chain(C) comp_op(O) expr(R). { A = ast_compare_add(p, C, O, R); }
comp_op(A) ::= LESS.          { A = CMPK_LT; }
comp_op(A) ::= GREATER.       { A = CMPK_GT; }
comp_op(A) ::= EQEQUAL.       { A = CMPK_EQ; }
comp_op(A) ::= GREATEREQUAL.  { A = CMPK_GE; }
comp_op(A) ::= LESSEQUAL.     { A = CMPK_LE; }
comp_op(A) ::= NOTEQUAL.      { A = CMPK_NE; }
comp_op(A) ::= IN.            { A = CMPK_IN; }
comp_op(A) ::= NOT IN.        { A = CMPK_NOT_IN; }
comp_op(A) ::= IS.            { A = CMPK_IS; }
comp_op(A) ::= IS NOT.        { A = CMPK_IS_NOT; }

/* The binary and unary operators are one nonterminal with lemon's
 * precedences (declared at the top), not a chain of levels: an atom then
 * takes 2 unit reductions to become an `expr` instead of 10.  Lemon's
 * precedence resolves only the conflicts these rules create; `**` is
 * right-associative and binds tighter than a unary operator on its left
 * (-x**y is -(x**y)) while its right operand may be unary (x**-y). */
expr(A) ::= atom_expr(E).                           { A = E; }
expr(A) ::= expr(L) VBAR expr(R).                   { A = ast_binop(p, L, AUG_OR, R); }
expr(A) ::= expr(L) CIRCUMFLEX expr(R).             { A = ast_binop(p, L, AUG_XOR, R); }
expr(A) ::= expr(L) AMPER expr(R).                  { A = ast_binop(p, L, AUG_AND, R); }
expr(A) ::= expr(L) LEFTSHIFT expr(R).              { A = ast_binop(p, L, AUG_LSHIFT, R); }
expr(A) ::= expr(L) RIGHTSHIFT expr(R).             { A = ast_binop(p, L, AUG_RSHIFT, R); }
expr(A) ::= expr(L) PLUS expr(R).                   { A = ast_binop(p, L, AUG_ADD, R); }
expr(A) ::= expr(L) MINUS expr(R).                  { A = ast_binop(p, L, AUG_SUB, R); }
expr(A) ::= expr(L) STAR expr(R).                   { A = ast_binop(p, L, AUG_MUL, R); }
expr(A) ::= expr(L) SLASH expr(R).                  { A = ast_binop(p, L, AUG_TRUEDIV, R); }
expr(A) ::= expr(L) DOUBLESLASH expr(R).            { A = ast_binop(p, L, AUG_FLOORDIV, R); }
expr(A) ::= expr(L) PERCENT expr(R).                { A = ast_binop(p, L, AUG_MOD, R); }
expr(A) ::= expr(L) AT expr(R).                     { A = ast_binop(p, L, AUG_MATMUL, R); }
expr(A) ::= PLUS(T) expr(E). [TILDE]                { A = ast_unary(p, &T, UN_POS_, E); }
expr(A) ::= MINUS(T) expr(E). [TILDE]               { A = ast_unary(p, &T, UN_NEG_, E); }
expr(A) ::= TILDE(T) expr(E).                       { A = ast_unary(p, &T, UN_INVERT_, E); }
expr(A) ::= expr(L) DOUBLESTAR expr(R).             { A = ast_binop(p, L, AUG_POW, R); }

/* `await` takes a primary and binds tighter than `**` and unary operators. */
expr(A) ::= AWAIT(T) atom_expr(E).                  { A = ast_await(p, &T, E); }

atom_expr(A) ::= atom_expr(F) LPAR(O) RPAR(T).      { A = ast_call(p, F, NULL, &O, &T); }
atom_expr(A) ::= atom_expr(F) LPAR(O) arglist(L) RPAR(T). { A = ast_call(p, F, L, &O, &T); }
atom_expr(A) ::= atom_expr(V) LSQB subscriptlist(S) RSQB(T). { A = ast_subscript(p, V, S, &T); }
atom_expr(A) ::= atom_expr(V) DOT NAME(N).          { A = ast_attribute(p, V, &N); }

arglist(A) ::= args(L).                             { A = L; }
arglist(A) ::= args(L) COMMA.                       { A = ast_args_trailing_comma(p, L); }
args(A) ::= argument(X).                            { A = ast_list1(p, X); }
args(A) ::= args(L) COMMA argument(X).              { A = ast_list_add(p, L, X); }
argument(A) ::= test(E).                            { A = ast_callarg(p, CARG_POS, E, NULL); }
argument(A) ::= named(E).                           { A = ast_callarg(p, CARG_POS, E, NULL); }
argument(A) ::= test(E) comp_for(C).                { A = ast_callarg(p, CARG_GENEXP, ast_genexp(p, NULL, E, C), NULL); }
argument(A) ::= test(K) EQUAL test(V).              { A = ast_callarg(p, CARG_KEYWORD, V, K); }
argument(A) ::= STAR(T) test(E).                    { A = ast_callarg(p, CARG_STAR, ast_starred(p, &T, E), NULL); }
argument(A) ::= DOUBLESTAR(T) test(E).              { A = ast_callarg(p, CARG_DSTAR, E, ast_tokexpr(p, &T)); }

%type subs {AstList *}
subscriptlist(A) ::= subs(L).                       { A = ast_subscript_index(p, L); }
subscriptlist(A) ::= subs(L) COMMA.                 { A = ast_tuple_or_single(p, L, true); }
subs(A) ::= subscript(E).                           { A = ast_list1(p, E); }
subs(A) ::= subs(L) COMMA subscript(E).             { A = ast_list_add(p, L, E); }
subscript(A) ::= test(E).                           { A = E; }
subscript(A) ::= named(E).                          { A = E; }
subscript(A) ::= star_expr(E).                      { A = E; }
subscript(A) ::= opt_test(L) COLON(T) opt_test(U).  { A = ast_slice(p, &T, L, U, NULL); }
subscript(A) ::= opt_test(L) COLON(T) opt_test(U) COLON opt_test(S). { A = ast_slice(p, &T, L, U, S); }
opt_test(A) ::= .                                   { A = NULL; }
opt_test(A) ::= test(E).                            { A = E; }

%type comp_for {AstList *}
comp_for(A) ::= FOR(T) exprlist(X) IN or_test(I).   { A = ast_comp_for(p, NULL, &T, X, I); }
comp_for(A) ::= comp_for(C) FOR(T) exprlist(X) IN or_test(I). { A = ast_comp_for(p, C, &T, X, I); }
comp_for(A) ::= comp_for(C) IF or_test(E).          { A = ast_comp_if(p, C, E); }
comp_for(A) ::= ASYNC FOR(T) exprlist(X) IN or_test(I). { A = ast_comp_async(p, ast_comp_for(p, NULL, &T, X, I)); }
comp_for(A) ::= comp_for(C) ASYNC FOR(T) exprlist(X) IN or_test(I). { A = ast_comp_async(p, ast_comp_for(p, C, &T, X, I)); }

%type strings {StrBuild *}
%type tc_items {AstList *}
%type set_items {AstList *}
atom_expr(A) ::= NAME(N).                                { A = ast_name(p, &N); }
atom_expr(A) ::= NUMBER(N).                              { A = ast_number(p, &N); }
atom_expr(A) ::= strings(S).                             { A = ast_strings(p, S); }
atom_expr(A) ::= ELLIPSIS(T).                            { A = ast_const(p, &T, CONST_ELLIPSIS); }
atom_expr(A) ::= NONE(T).                                { A = ast_const(p, &T, CONST_NONE); }
atom_expr(A) ::= TRUE(T).                                { A = ast_const(p, &T, CONST_TRUE); }
atom_expr(A) ::= FALSE(T).                               { A = ast_const(p, &T, CONST_FALSE); }
atom_expr(A) ::= LPAR(T) RPAR.                           { A = ast_paren(p, &T, ast_list0(p), true); }
atom_expr(A) ::= LPAR(T) yield_expr(E) RPAR.             { A = ast_paren1(p, &T, E); }
atom_expr(A) ::= LPAR(T) tc_items(L) RPAR.               { A = ast_paren(p, &T, L, false); }
atom_expr(A) ::= LPAR(T) tc_items(L) COMMA RPAR.         { A = ast_paren(p, &T, L, true); }
atom_expr(A) ::= LPAR(T) test(E) comp_for(C) RPAR.       { A = ast_genexp(p, &T, E, C); }
atom_expr(A) ::= LPAR(T) named(E) comp_for(C) RPAR.      { A = ast_genexp(p, &T, E, C); }
atom_expr(A) ::= LSQB(T) RSQB.                           { A = ast_seq(p, &T, E_LIST, NULL); }
atom_expr(A) ::= LSQB(T) tc_items(L) RSQB.               { A = ast_seq(p, &T, E_LIST, L); }
atom_expr(A) ::= LSQB(T) tc_items(L) COMMA RSQB.         { A = ast_seq(p, &T, E_LIST, L); }
atom_expr(A) ::= LSQB(T) test(E) comp_for(C) RSQB.       { A = ast_comp(p, &T, E_LISTCOMP, NULL, E, C); }
atom_expr(A) ::= LSQB(T) named(E) comp_for(C) RSQB.      { A = ast_comp(p, &T, E_LISTCOMP, NULL, E, C); }
/* Unpacking is refused in comprehensions and parentheses (CPython's messages). */
atom_expr(A) ::= LSQB(T) star_expr(E) comp_for(C) RSQB.  { A = ast_comp(p, &T, E_LISTCOMP, NULL, E, C); }
atom_expr(A) ::= LBRACE(T) star_expr(E) comp_for(C) RBRACE. { A = ast_comp(p, &T, E_SETCOMP, NULL, E, C); }
atom_expr(A) ::= LPAR(T) star_expr(E) comp_for(C) RPAR.  { A = ast_genexp(p, &T, E, C); }
atom_expr(A) ::= LBRACE DOUBLESTAR(T) expr comp_for RBRACE. { A = ast_refuse(p, &T, "dict unpacking cannot be used in dict comprehension"); }
atom_expr(A) ::= LPAR DOUBLESTAR(T) expr RPAR.           { A = ast_refuse(p, &T, "cannot use double starred expression here"); }
atom_expr(A) ::= LBRACE(T) RBRACE.                       { A = ast_dict_new(p, &T, NULL, NULL); }
atom_expr(A) ::= LBRACE(T) dict_items(D) RBRACE.         { A = ast_at(p, &T, D); }
atom_expr(A) ::= LBRACE(T) dict_items(D) COMMA RBRACE.   { A = ast_at(p, &T, D); }
atom_expr(A) ::= LBRACE(T) test(K) COLON test(V) comp_for(C) RBRACE. { A = ast_comp(p, &T, E_DICTCOMP, K, V, C); }
atom_expr(A) ::= LBRACE(T) set_items(L) RBRACE.          { A = ast_seq(p, &T, E_SET, L); }
atom_expr(A) ::= LBRACE(T) set_items(L) COMMA RBRACE.    { A = ast_seq(p, &T, E_SET, L); }
atom_expr(A) ::= LBRACE(T) test(E) comp_for(C) RBRACE.   { A = ast_comp(p, &T, E_SETCOMP, NULL, E, C); }
atom_expr(A) ::= LBRACE(T) named(E) comp_for(C) RBRACE.  { A = ast_comp(p, &T, E_SETCOMP, NULL, E, C); }

strings(A) ::= STRING(T).                           { A = ast_str_begin(p, &T); }
strings(A) ::= strings(S) STRING(T).                { A = ast_str_add(p, S, &T); }

tc_items(A) ::= tc_item(E).                         { A = ast_list1(p, E); }
tc_items(A) ::= tc_items(L) COMMA tc_item(E).       { A = ast_list_add(p, L, E); }
tc_item(A) ::= test(E).                             { A = E; }
tc_item(A) ::= named(E).                            { A = E; }
tc_item(A) ::= star_expr(E).                        { A = E; }
tc_item(A) ::= test(E) AS expr(V).                  { A = ast_with_marker(p, E, V); }

dict_items(A) ::= test(K) COLON test(V).            { A = ast_dict_new(p, NULL, K, V); }
dict_items(A) ::= DOUBLESTAR expr(V).               { A = ast_dict_new(p, NULL, NULL, V); }
dict_items(A) ::= dict_items(D) COMMA test(K) COLON test(V). { A = ast_dict_add(p, D, K, V); }
dict_items(A) ::= dict_items(D) COMMA DOUBLESTAR expr(V).    { A = ast_dict_add(p, D, NULL, V); }

set_items(A) ::= set_item(E).                       { A = ast_list1(p, E); }
set_items(A) ::= set_items(L) COMMA set_item(E).    { A = ast_list_add(p, L, E); }
set_item(A) ::= test(E).                            { A = E; }
set_item(A) ::= named(E).                           { A = E; }
set_item(A) ::= star_expr(E).                       { A = E; }

/* ---- the match statement ------------------------------------------------------ */
/* CPython's PEG rules written LALR: a name in a pattern is one `pname` until
 * what follows decides between a capture, a value and a class pattern. */

%type match_stmt {Stmt *}
%type case_blocks {AstList *}
%type case_block {MatchCase *}
%type subj_head {AstList *}
%type patterns {Pattern *}
%type pattern {Pattern *}
%type or_pattern {Pattern *}
%type or_alts {AstList *}
%type closed_pattern {Pattern *}
%type maybe_star {Pattern *}
%type pseq {AstList *}
%type pseq_open {AstList *}
%type mitems {MapItems *}
%type pargs {AstList *}
%type parg {PatArg *}

match_stmt(A) ::= MATCH(T) subject(S) COLON NEWLINE INDENT case_blocks(L) DEDENT. { A = ast_match(p, &T, S, L); }
subject(A) ::= namedexpr_test(E).                   { A = E; }
subject(A) ::= subj_head(L).                        { A = ast_tuple_or_single(p, L, true); }
subject(A) ::= subj_head(L) subj_item(E).           { A = ast_tuple_or_single(p, ast_list_add(p, L, E), false); }
subj_head(A) ::= subj_item(E) COMMA.                { A = ast_list1(p, E); }
subj_head(A) ::= subj_head(L) subj_item(E) COMMA.   { A = ast_list_add(p, L, E); }
subj_item(A) ::= test(E).                           { A = E; }
subj_item(A) ::= named(E).                          { A = E; }
subj_item(A) ::= star_expr(E).                      { A = E; }

case_blocks(A) ::= case_block(C).                   { A = ast_list1(p, C); }
case_blocks(A) ::= case_blocks(L) case_block(C).    { A = ast_list_add(p, L, C); }
case_block(A) ::= CASE patterns(P) COLON suite(B).  { A = ast_match_case(p, P, NULL, B); }
case_block(A) ::= CASE patterns(P) IF namedexpr_test(G) COLON suite(B). { A = ast_match_case(p, P, G, B); }

patterns(A) ::= pattern(P).                         { A = P; }
patterns(A) ::= pseq_open(L).                       { A = ast_pat_sequence(p, NULL, L); }
pattern(A) ::= or_pattern(P).                       { A = P; }
pattern(A) ::= or_pattern(P) AS NAME(N).            { A = ast_pat_as(p, P, &N); }
or_pattern(A) ::= closed_pattern(P).                { A = P; }
or_pattern(A) ::= or_alts(L).                       { A = ast_pat_or(p, L); }
or_alts(A) ::= closed_pattern(X) VBAR closed_pattern(Y). { A = ast_list2(p, X, Y); }
or_alts(A) ::= or_alts(L) VBAR closed_pattern(Y).   { A = ast_list_add(p, L, Y); }

closed_pattern(A) ::= signed_number(E).             { A = ast_pat_value(p, E); }
closed_pattern(A) ::= signed_number(E) PLUS NUMBER(N).  { A = ast_pat_complex(p, E, AUG_ADD, ast_number(p, &N)); }
closed_pattern(A) ::= signed_number(E) MINUS NUMBER(N). { A = ast_pat_complex(p, E, AUG_SUB, ast_number(p, &N)); }
closed_pattern(A) ::= strings(S).                   { A = ast_pat_value(p, ast_strings(p, S)); }
closed_pattern(A) ::= NONE(T).                      { A = ast_pat_singleton(p, &T, CONST_NONE); }
closed_pattern(A) ::= TRUE(T).                      { A = ast_pat_singleton(p, &T, CONST_TRUE); }
closed_pattern(A) ::= FALSE(T).                     { A = ast_pat_singleton(p, &T, CONST_FALSE); }
closed_pattern(A) ::= pname(E).                     { A = ast_pat_name(p, E); }
closed_pattern(A) ::= LPAR(T) pattern(P) RPAR.      { A = ast_pat_group(p, &T, P); }
closed_pattern(A) ::= LPAR(T) RPAR.                 { A = ast_pat_sequence(p, &T, NULL); }
closed_pattern(A) ::= LPAR(T) pseq_open(L) RPAR.    { A = ast_pat_sequence(p, &T, L); }
closed_pattern(A) ::= LSQB(T) RSQB.                 { A = ast_pat_sequence(p, &T, NULL); }
closed_pattern(A) ::= LSQB(T) maybe_star(X) RSQB.   { A = ast_pat_sequence(p, &T, ast_list1(p, X)); }
closed_pattern(A) ::= LSQB(T) pseq_open(L) RSQB.    { A = ast_pat_sequence(p, &T, L); }
closed_pattern(A) ::= LBRACE(T) RBRACE.             { A = ast_pat_mapping(p, &T, NULL, NULL); }
closed_pattern(A) ::= LBRACE(T) mitems(M) RBRACE.   { A = ast_pat_mapping(p, &T, M, NULL); }
closed_pattern(A) ::= LBRACE(T) mitems(M) COMMA RBRACE. { A = ast_pat_mapping(p, &T, M, NULL); }
closed_pattern(A) ::= LBRACE(T) DOUBLESTAR NAME(R) RBRACE. { A = ast_pat_mapping(p, &T, NULL, &R); }
closed_pattern(A) ::= LBRACE(T) DOUBLESTAR NAME(R) COMMA RBRACE. { A = ast_pat_mapping(p, &T, NULL, &R); }
closed_pattern(A) ::= LBRACE(T) mitems(M) COMMA DOUBLESTAR NAME(R) RBRACE. { A = ast_pat_mapping(p, &T, M, &R); }
closed_pattern(A) ::= LBRACE(T) mitems(M) COMMA DOUBLESTAR NAME(R) COMMA RBRACE. { A = ast_pat_mapping(p, &T, M, &R); }
closed_pattern(A) ::= pname(C) LPAR RPAR.           { A = ast_pat_class(p, C, NULL); }
closed_pattern(A) ::= pname(C) LPAR pargs(L) RPAR.  { A = ast_pat_class(p, C, L); }
closed_pattern(A) ::= pname(C) LPAR pargs(L) COMMA RPAR. { A = ast_pat_class(p, C, L); }

signed_number(A) ::= NUMBER(N).                     { A = ast_number(p, &N); }
signed_number(A) ::= MINUS(T) NUMBER(N).            { A = ast_pat_negative(p, &T, ast_number(p, &N)); }
pname(A) ::= NAME(N).                               { A = ast_name(p, &N); }
pname(A) ::= pname(V) DOT NAME(N).                  { A = ast_attribute(p, V, &N); }

maybe_star(A) ::= pattern(P).                       { A = P; }
maybe_star(A) ::= STAR(T) NAME(N).                  { A = ast_pat_star(p, &T, &N); }
pseq(A) ::= maybe_star(X) COMMA.                    { A = ast_list1(p, X); }
pseq(A) ::= pseq(L) maybe_star(X) COMMA.            { A = ast_list_add(p, L, X); }
pseq_open(A) ::= pseq(L).                           { A = L; }
pseq_open(A) ::= pseq(L) maybe_star(X).             { A = ast_list_add(p, L, X); }

mitems(A) ::= mkey(K) COLON pattern(P).             { A = ast_map_item(p, NULL, K, P); }
mitems(A) ::= mitems(M) COMMA mkey(K) COLON pattern(P). { A = ast_map_item(p, M, K, P); }
mkey(A) ::= signed_number(E).                       { A = E; }
mkey(A) ::= signed_number(E) PLUS NUMBER(N).        { A = ast_pat_complex(p, E, AUG_ADD, ast_number(p, &N))->u.value.value; }
mkey(A) ::= signed_number(E) MINUS NUMBER(N).       { A = ast_pat_complex(p, E, AUG_SUB, ast_number(p, &N))->u.value.value; }
mkey(A) ::= strings(S).                             { A = ast_pat_value(p, ast_strings(p, S))->u.value.value; }
mkey(A) ::= NONE(T).                                { A = ast_const(p, &T, CONST_NONE); }
mkey(A) ::= TRUE(T).                                { A = ast_const(p, &T, CONST_TRUE); }
mkey(A) ::= FALSE(T).                               { A = ast_const(p, &T, CONST_FALSE); }
mkey(A) ::= pname(E).                               { A = E; }

pargs(A) ::= parg(X).                               { A = ast_list1(p, X); }
pargs(A) ::= pargs(L) COMMA parg(X).                { A = ast_list_add(p, L, X); }
parg(A) ::= pattern(P).                             { A = ast_pat_arg(p, NULL, P); }
parg(A) ::= NAME(K) EQUAL pattern(P).               { A = ast_pat_arg(p, &K, P); }
