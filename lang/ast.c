/* lang/ast.c — the arena and the AST builders the grammar's actions call.
 * Checks that an LALR grammar cannot express (assignment targets, keyword
 * arguments, parameter order) live here, with CPython 3.11's messages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "lang/builders.h"
#include "runtime/unicode_db.h"

/* ---- arena ----------------------------------------------------------------- */

struct ArenaBlock {
    ArenaBlock *next;
    size_t size;
    size_t mapped;   /* length of the mapping holding this block (ast_map_block), 0 if malloc'd */
    _Alignas(16) char data[];
};

enum {
    ARENA_BLOCK = 64 * 1024,
    /* Past this many bytes of small blocks the arena takes huge blocks. */
    ARENA_HUGE_AFTER = 512 * 1024,
};

void *ast_map_block(size_t *size) {
    size_t n = (*size + AST_HUGE_BLOCK - 1) & ~(size_t)(AST_HUGE_BLOCK - 1);
    /* Over-map by one huge page, then trim to a 2 MiB-aligned range. */
    char *p = mmap(NULL, n + AST_HUGE_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)p + AST_HUGE_BLOCK - 1) & ~(uintptr_t)(AST_HUGE_BLOCK - 1);
    char *q = (char *)start;
    if (q > p) munmap(p, (size_t)(q - p));
    if (q + n < p + n + AST_HUGE_BLOCK) munmap(q + n, (size_t)(p + n + AST_HUGE_BLOCK - (q + n)));
#ifdef MADV_HUGEPAGE
    madvise(q, n, MADV_HUGEPAGE);
#endif
    *size = n;
    return q;
}

void ast_unmap_block(void *p, size_t size) { munmap(p, size); }

void ast_arena_init(Arena *a) {
    a->blocks = NULL;
    a->used_in_block = 0;
    a->total = 0;
}

static void block_free(ArenaBlock *b) {
    if (b->mapped) ast_unmap_block(b, b->mapped);
    else free(b);
}

void ast_arena_free(Arena *a) {
    ArenaBlock *b = a->blocks;
    while (b) {
        ArenaBlock *n = b->next;
        block_free(b);
        b = n;
    }
    a->blocks = NULL;
    a->used_in_block = 0;
    a->total = 0;
}

/* A new block with room for at least `size` bytes: a small malloc'd one
 * while the arena is small, else a fresh (already zero) mapping. */
static ArenaBlock *block_new(Arena *a, size_t size) {
    ArenaBlock *nb = NULL;
    if (a->total >= ARENA_HUGE_AFTER) {
        size_t len = sizeof(ArenaBlock) + size;
        void *m = ast_map_block(&len);
        if (m) {
            nb = m;
            nb->mapped = len;
            nb->size = len - sizeof(ArenaBlock);
        }
    }
    if (!nb) {
        size_t cap = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
        nb = malloc(sizeof(ArenaBlock) + cap);
        if (!nb) {
            fputs("minipy: out of memory in parser\n", stderr);
            abort();
        }
        nb->mapped = 0;
        nb->size = cap;
    }
    a->total += nb->size;
    return nb;
}

void *ast_alloc(Arena *a, size_t size) {
    size = (size + 15) & ~(size_t)15;
    ArenaBlock *b = a->blocks;
    if (!b || a->used_in_block + size > b->size) {
        ArenaBlock *nb = block_new(a, size);
        size_t full = nb->mapped ? AST_HUGE_BLOCK / 4 : ARENA_BLOCK / 4;
        if (b && size > full) {
            /* A big one-off block goes behind the current one, which stays open. */
            nb->next = b->next;
            b->next = nb;
            if (!nb->mapped) memset(nb->data, 0, size);
            return nb->data;
        }
        nb->next = b;
        a->blocks = nb;
        a->used_in_block = 0;
        b = nb;
    }
    void *r = b->data + a->used_in_block;
    a->used_in_block += size;
    /* A mapped block is zero from the kernel and never handed out twice. */
    if (!b->mapped) memset(r, 0, size);
    return r;
}

char *ast_strndup(Arena *a, const char *s, size_t n) {
    char *r = ast_alloc(a, n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

void ast_list_push(Arena *a, AstList *l, void *item) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        void **items = ast_alloc(a, (size_t)cap * sizeof(void *));
        if (l->n) memcpy(items, l->items, (size_t)l->n * sizeof(void *));
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = item;
}

/* ---- errors ---------------------------------------------------------------- */

void ast_error(ParseCtx *p, SyntaxErrorKind kind, int lineno, int col0, const char *fmt, ...) {
    p->failed = true;
    if (p->err->msg[0]) return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx_set_error(p->err, p->filename, p->buf, p->buf_end, kind, lineno, col0, "%s%s",
                 p->fexpr ? "f-string: " : "", msg);
}

void ast_error_expr(ParseCtx *p, const Expr *e, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bool first = !p->err->msg[0];
    ast_error(p, SE_SYNTAX, e->lineno, e->col, "%s", msg);
    if (first && e->end_lineno) { /* the whole expression is marked */
        p->err->end_lineno = e->end_lineno;
        p->err->end_col = e->end_col + 1;
    }
}

/* ---- lists ----------------------------------------------------------------- */

AstList *ast_list0(ParseCtx *p) { return ast_alloc(p->a, sizeof(AstList)); }

AstList *ast_list1(ParseCtx *p, void *x) {
    AstList *l = ast_list0(p);
    ast_list_push(p->a, l, x);
    return l;
}

AstList *ast_list2(ParseCtx *p, void *x, void *y) {
    AstList *l = ast_list1(p, x);
    ast_list_push(p->a, l, y);
    return l;
}

AstList *ast_list_add(ParseCtx *p, AstList *l, void *x) {
    ast_list_push(p->a, l, x);
    return l;
}

AstList *ast_list_extend(ParseCtx *p, AstList *l, AstList *more) {
    if (!more) return l;
    for (int i = 0; i < more->n; i++) ast_list_push(p->a, l, more->items[i]);
    return l;
}

static AstList copy_list(AstList *l) {
    AstList r = {0, 0, NULL};
    return l ? *l : r;
}

void ast_set_body(ParseCtx *p, AstList *body) { p->body = body; }
void ast_set_expr(ParseCtx *p, Expr *e) { p->expr = e; }

/* A `*` or `**` item is kept as its expression; the flags note which came
 * (bit 0: `*`, bit 1: `**`) so the order is checked. */
Expr *ast_type_expr(ParseCtx *p, const Token *star, Expr *e) {
    int kind = star ? (star->len == 2 ? 2 : 1) : 0;
    if (p->functype_seen & 2)  /* at the ',' after the `**` item, as CPython */
        ast_error(p, SE_SYNTAX, p->functype_end_line, p->functype_end_col, "invalid syntax");
    else if ((p->functype_seen & 1) && kind != 2)
        ast_error(p, SE_SYNTAX, star ? star->lineno : e->lineno, star ? star->col : e->col, "invalid syntax");
    p->functype_seen |= kind;
    p->functype_end_line = e->end_lineno;
    p->functype_end_col = e->end_col;
    return e;
}

void ast_functype(ParseCtx *p, AstList *argtypes, Expr *returns) {
    p->argtypes = argtypes ? argtypes : ast_list0(p);
    p->expr = returns;
}

/* ---- nodes ----------------------------------------------------------------- */

Expr *ast_new_expr(ParseCtx *p, ExprKind kind, int lineno, int col) {
    Expr *e = ast_alloc(p->a, sizeof(Expr));
    e->kind = kind;
    e->lineno = lineno;
    e->col = col;
    ast_last_end(p, &e->end_lineno, &e->end_col);
    return e;
}

static Expr *expr_at_tok(ParseCtx *p, ExprKind kind, const Token *t) {
    return ast_new_expr(p, kind, t->lineno, t->col);
}

static Expr *expr_at(ParseCtx *p, ExprKind kind, const Expr *pos) {
    return ast_new_expr(p, kind, ast_start_line(pos), ast_start_col(pos));
}

static Stmt *new_stmt(ParseCtx *p, StmtKind kind, int lineno, int col) {
    Stmt *s = ast_alloc(p->a, sizeof(Stmt));
    s->kind = kind;
    s->lineno = lineno;
    s->col = col;
    ast_last_end(p, &s->end_lineno, &s->end_col);
    return s;
}

/* A compound statement ends where its last nested statement ends. */
void ast_block_end(const AstList *l, int *line, int *col) {
    const Stmt *last = l->items[l->n - 1];
    *line = last->block_end_lineno ? last->block_end_lineno : last->end_lineno;
    *col = last->block_end_lineno ? last->block_end_col : last->end_col;
}

static void end_at_last(Stmt *s, const AstList *l) {
    if (!l || l->n == 0) return;
    ast_block_end(l, &s->end_lineno, &s->end_col);
}

AstList *ast_trailing_semi(ParseCtx *p, AstList *stmts, const Token *semi) {
    Stmt *last = stmts->items[stmts->n - 1];
    last->block_end_lineno = semi->lineno;
    last->block_end_col = semi->col + 1;
    return stmts;
}

static Stmt *stmt_at_tok(ParseCtx *p, StmtKind kind, const Token *t) {
    return new_stmt(p, kind, t->lineno, t->col);
}

static inline uint32_t ident_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ (h >> 15);
}

/* An identifier with non-ASCII characters stands for its NFKC normal form (PEP 3131): that
 * form in UTF-8 in the arena, or the token's own text when it is ASCII. */
static const char *ident_text(ParseCtx *p, const Token *t, size_t *len) {
    size_t n = (size_t)t->len, k = 0;
    *len = n;
    while (k < n && (unsigned char)t->s[k] < 0x80) k++;
    if (k == n) return t->s;
    uint32_t *cps = malloc(n * sizeof *cps), *norm = NULL;
    size_t m = 0, nn = (size_t)-1;
    if (cps) {
        for (const char *q = t->s, *e = t->s + n; q < e; m++) {
            unsigned c = (unsigned char)*q++;
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
            c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
            while (more-- > 0 && q < e) c = c << 6 | ((unsigned char)*q++ & 0x3F);
            cps[m] = c;
        }
        nn = rt_ucd_normalize(RT_UCD_NFKC, cps, m, &norm);
    }
    free(cps);
    if (nn == (size_t)-1) {
        fputs("minipy: out of memory in parser\n", stderr);
        abort();
    }
    char *out = ast_alloc(p->a, nn * 4 + 1), *o = out;
    for (size_t i = 0; i < nn; i++) {
        uint32_t c = norm[i];
        if (c < 0x80) *o++ = (char)c;
        else if (c < 0x800) *o++ = (char)(0xC0 | c >> 6), *o++ = (char)(0x80 | (c & 0x3F));
        else if (c < 0x10000)
            *o++ = (char)(0xE0 | c >> 12), *o++ = (char)(0x80 | (c >> 6 & 0x3F)), *o++ = (char)(0x80 | (c & 0x3F));
        else
            *o++ = (char)(0xF0 | c >> 18), *o++ = (char)(0x80 | (c >> 12 & 0x3F)),
            *o++ = (char)(0x80 | (c >> 6 & 0x3F)), *o++ = (char)(0x80 | (c & 0x3F));
    }
    *o = 0;
    free(norm);
    *len = (size_t)(o - out);
    return out;
}

/* One arena copy per distinct identifier (see ParseCtx.idents). */
const char *ast_ident(ParseCtx *p, const Token *t) {
    ParseCtx *r = p->root ? p->root : p;
    size_t n;
    const char *text = ident_text(p, t, &n);
    uint32_t h = ident_hash(text, n);
    if (r->idents) {
        for (uint32_t i = h & r->idmask;; i = (i + 1) & r->idmask) {
            const char *k = r->idents[i];
            if (!k) break;
            if (strncmp(k, text, n) == 0 && k[n] == 0) return k;
        }
    }
    if ((r->idcount + 1) * 2 > (r->idents ? r->idmask + 1 : 0)) {
        uint32_t size = r->idents ? (r->idmask + 1) * 2 : 256;
        const char **tab = calloc(size, sizeof *tab);
        if (!tab) {
            fputs("minipy: out of memory in parser\n", stderr);
            abort();
        }
        for (uint32_t k = 0; r->idents && k <= r->idmask; k++) {
            const char *key = r->idents[k];
            if (!key) continue;
            uint32_t j = ident_hash(key, strlen(key)) & (size - 1);
            while (tab[j]) j = (j + 1) & (size - 1);
            tab[j] = key;
        }
        free(r->idents);
        r->idents = tab;
        r->idmask = size - 1;
    }
    char *s = ast_strndup(p->a, text, n);
    uint32_t i = h & r->idmask;
    while (r->idents[i]) i = (i + 1) & r->idmask;
    r->idents[i] = s;
    r->idcount++;
    return s;
}

void ast_idents_free(ParseCtx *p) {
    free(p->idents);
    p->idents = NULL;
    p->idmask = p->idcount = 0;
}

/* ---- expression context ---------------------------------------------------- */

/* CPython's _PyPegen_get_expr_name: what an expression is called in errors. */
const char *ast_expr_name(const Expr *e) {
    switch (e->kind) {
    case E_ATTRIBUTE: return "attribute";
    case E_SUBSCRIPT: return "subscript";
    case E_STARRED: return "starred";
    case E_NAME: return "name";
    case E_LIST: return "list";
    case E_TUPLE: return "tuple";
    case E_LAMBDA: return "lambda";
    case E_CALL: return "function call";
    case E_BOOLOP: case E_BINOP: case E_UNARYOP: return "expression";
    case E_GENEXP: return "generator expression";
    case E_YIELD: case E_YIELDFROM: return "yield expression";
    case E_AWAIT: return "await expression";
    case E_LISTCOMP: return "list comprehension";
    case E_SETCOMP: return "set comprehension";
    case E_DICTCOMP: return "dict comprehension";
    case E_DICT: return "dict literal";
    case E_SET: return "set display";
    case E_JOINEDSTR: case E_FORMATTED: return "f-string expression";
    case E_CONSTANT:
        switch (e->u.constant.kind) {
        case CONST_NONE: return "None";
        case CONST_TRUE: return "True";
        case CONST_FALSE: return "False";
        case CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case E_COMPARE: return "comparison";
    case E_IFEXP: return "conditional expression";
    case E_NAMEDEXPR: return "named expression";
    default: return "expression";
    }
}

/* Expressions CPython's invalid_assignment rule reports with the "here.
 * Maybe you meant '==' instead of '='?" hint: bitwise_or-level ones, minus
 * list, tuple, genexp, True, None and False. */
static bool hint_equal(const Expr *e) {
    switch (e->kind) {
    case E_BOOLOP: case E_COMPARE: case E_LAMBDA: case E_IFEXP: case E_LIST: case E_TUPLE:
    case E_GENEXP: case E_STARRED:
        return false;
    case E_UNARYOP: return e->u.unary.op != UN_NOT_;
    case E_CONSTANT: {
        ConstKind k = e->u.constant.kind;
        return k != CONST_NONE && k != CONST_TRUE && k != CONST_FALSE;
    }
    default: return true;
    }
}

/* Mark e as an assignment (CTX_STORE) or del (CTX_DEL) target, or report
 * why it cannot be one.  hint: the first and only target of `x = v`. */
static bool set_ctx(ParseCtx *p, Expr *e, ExprContext ctx, bool hint) {
    switch (e->kind) {
    case E_NAME:
        if (ctx == CTX_STORE && strcmp(e->u.name.id, "__debug__") == 0) {
            ast_error_expr(p, e, "cannot assign to __debug__");
            return false;
        }
        e->ctx = ctx;
        return true;
    case E_ATTRIBUTE:
    case E_SUBSCRIPT:
        e->ctx = ctx;
        return true;
    case E_STARRED:
        if (ctx == CTX_DEL) {
            ast_error_expr(p, e, "cannot delete starred");
            return false;
        }
        e->ctx = ctx;
        return set_ctx(p, e->u.starred.value, ctx, false);
    case E_TUPLE:
    case E_LIST: {
        int nstar = 0;
        for (int i = 0; i < e->u.seq.elts.n; i++) {
            Expr *x = e->u.seq.elts.items[i];
            if (x->kind == E_STARRED && ++nstar == 2) {
                ast_error_expr(p, e, "multiple starred expressions in assignment");
                return false;
            }
            if (!set_ctx(p, x, ctx, false)) return false;
        }
        e->ctx = ctx;
        return true;
    }
    default:
        if (ctx == CTX_DEL)
            ast_error_expr(p, e, "cannot delete %s", ast_expr_name(e));
        else if (hint && hint_equal(e))
            ast_error_expr(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                           ast_expr_name(e));
        else
            ast_error_expr(p, e, "cannot assign to %s", ast_expr_name(e));
        return false;
    }
}

static void set_store(ParseCtx *p, Expr *e) {
    if (e->kind == E_STARRED) {
        ast_error_expr(p, e, "starred assignment target must be in a list or tuple");
        return;
    }
    set_ctx(p, e, CTX_STORE, false);
}

/* ---- statements ------------------------------------------------------------ */

Stmt *ast_simple(ParseCtx *p, const Token *t, StmtKind kind) { return stmt_at_tok(p, kind, t); }

Stmt *ast_expr_stmt(ParseCtx *p, Expr *e) {
    Stmt *s = new_stmt(p, S_EXPR, ast_start_line(e), ast_start_col(e));
    s->u.expr.value = e;
    if (e->kind == E_STARRED) ast_error_expr(p, e, "can't use starred expression here");
    return s;
}

Stmt *ast_delete(ParseCtx *p, const Token *t, Expr *targets) {
    Stmt *s = stmt_at_tok(p, S_DELETE, t);
    /* `del a, b` deletes two targets; `del (a, b)` one tuple target. */
    if (targets->kind == E_TUPLE && !targets->parenthesized) {
        for (int i = 0; i < targets->u.seq.elts.n; i++) {
            Expr *x = targets->u.seq.elts.items[i];
            set_ctx(p, x, CTX_DEL, false);
            ast_list_push(p->a, &s->u.del.targets, x);
        }
    } else {
        set_ctx(p, targets, CTX_DEL, false);
        ast_list_push(p->a, &s->u.del.targets, targets);
    }
    return s;
}

Stmt *ast_return(ParseCtx *p, const Token *t, Expr *value) {
    Stmt *s = stmt_at_tok(p, S_RETURN, t);
    s->u.ret.value = value;
    return s;
}

Stmt *ast_raise(ParseCtx *p, const Token *t, Expr *exc, Expr *cause) {
    Stmt *s = stmt_at_tok(p, S_RAISE, t);
    s->u.raise.exc = exc;
    s->u.raise.cause = cause;
    return s;
}

Stmt *ast_names(ParseCtx *p, const Token *t, StmtKind kind, AstList *names) {
    Stmt *s = stmt_at_tok(p, kind, t);
    s->u.names.names = copy_list(names);
    return s;
}

Stmt *ast_assert(ParseCtx *p, const Token *t, Expr *test, Expr *msg) {
    Stmt *s = stmt_at_tok(p, S_ASSERT, t);
    s->u.assert_.test = test;
    s->u.assert_.msg = msg;
    return s;
}

Stmt *ast_import(ParseCtx *p, const Token *t, AstList *aliases) {
    Stmt *s = stmt_at_tok(p, S_IMPORT, t);
    s->u.import.names = copy_list(aliases);
    return s;
}

Stmt *ast_import_from(ParseCtx *p, const Token *t, int level, const char *module, AstList *aliases) {
    Stmt *s = stmt_at_tok(p, S_IMPORTFROM, t);
    s->u.import.module = module;
    s->u.import.names = copy_list(aliases);
    s->u.import.level = level;
    return s;
}

const char *ast_dotted(ParseCtx *p, const char *left, const Token *name) {
    size_t n = strlen(left);
    char *r = ast_alloc(p->a, n + 1 + (size_t)name->len + 1);
    memcpy(r, left, n);
    r[n] = '.';
    memcpy(r + n + 1, name->s, (size_t)name->len);
    return r;
}

const char *ast_dotted_start(ParseCtx *p, const Token *first) {
    p->dotted_line = first->lineno;
    p->dotted_col = first->col;
    return ast_ident(p, first);
}

Alias *ast_alias(ParseCtx *p, const char *name, const Token *first, const Token *asname) {
    Alias *al = ast_alloc(p->a, sizeof(Alias));
    al->name = name;
    al->asname = asname ? ast_ident(p, asname) : NULL;
    al->lineno = first ? first->lineno : p->dotted_line;
    al->col = first ? first->col : p->dotted_col;
    if (asname) {
        al->end_lineno = asname->lineno;
        al->end_col = asname->col + asname->len;
    } else {
        ast_last_end(p, &al->end_lineno, &al->end_col);
    }
    return al;
}

Stmt *ast_augassign(ParseCtx *p, Expr *target, int op, Expr *value) {
    Stmt *s = new_stmt(p, S_AUGASSIGN, ast_start_line(target), ast_start_col(target));
    if (target->kind == E_NAME || target->kind == E_ATTRIBUTE || target->kind == E_SUBSCRIPT)
        set_ctx(p, target, CTX_STORE, false);
    else
        ast_error_expr(p, target, "'%s' is an illegal expression for augmented assignment",
                       ast_expr_name(target));
    s->u.augassign.target = target;
    s->u.augassign.op = op;
    s->u.augassign.value = value;
    return s;
}

Stmt *ast_annassign(ParseCtx *p, Expr *target, Expr *annotation, Expr *value) {
    Stmt *s = new_stmt(p, S_ANNASSIGN, ast_start_line(target), ast_start_col(target));
    switch (target->kind) {
    case E_NAME:
        s->u.annassign.simple = !target->parenthesized;  /* `(x): int` is not simple */
        set_ctx(p, target, CTX_STORE, false);
        break;
    case E_ATTRIBUTE:
    case E_SUBSCRIPT:
        set_ctx(p, target, CTX_STORE, false);
        break;
    case E_TUPLE:
        ast_error_expr(p, target, "only single target (not tuple) can be annotated");
        break;
    case E_LIST:
        ast_error_expr(p, target, "only single target (not list) can be annotated");
        break;
    default:
        ast_error_expr(p, target, "illegal target for annotation");
        break;
    }
    s->u.annassign.target = target;
    s->u.annassign.annotation = annotation;
    s->u.annassign.value = value;
    return s;
}

Stmt *ast_assign(ParseCtx *p, AstList *targets, Expr *value) {
    Expr *first = targets->items[0];
    Stmt *s = new_stmt(p, S_ASSIGN, ast_start_line(first), ast_start_col(first));
    for (int i = 0; i < targets->n; i++) {
        Expr *t = targets->items[i];
        if (t->kind == E_STARRED) {
            ast_error_expr(p, t, "starred assignment target must be in a list or tuple");
            break;
        }
        if (!set_ctx(p, t, CTX_STORE, targets->n == 1)) break;
    }
    s->u.assign.targets = *targets;
    s->u.assign.value = value;
    if (value->kind == E_STARRED) ast_error_expr(p, value, "can't use starred expression here");
    return s;
}

IfChain *ast_if_start(ParseCtx *p, const Token *t, Expr *test, AstList *body) {
    IfChain *c = ast_alloc(p->a, sizeof(IfChain));
    Stmt *s = stmt_at_tok(p, S_IF, t);
    s->u.ifs.test = test;
    s->u.ifs.body = copy_list(body);
    c->top = c->last = s;
    return c;
}

IfChain *ast_if_elif(ParseCtx *p, IfChain *c, const Token *t, Expr *test, AstList *body) {
    Stmt *s = stmt_at_tok(p, S_IF, t);
    s->u.ifs.test = test;
    s->u.ifs.body = copy_list(body);
    ast_list_push(p->a, &c->last->u.ifs.orelse, s);
    c->last = s;
    return c;
}

Stmt *ast_if_done(ParseCtx *p, IfChain *c, AstList *orelse) {
    c->last->u.ifs.orelse = copy_list(orelse);
    end_at_last(c->last, &c->last->u.ifs.body);
    end_at_last(c->last, orelse);
    for (Stmt *s = c->top; s != c->last; s = s->u.ifs.orelse.items[0]) {
        s->end_lineno = c->last->end_lineno;
        s->end_col = c->last->end_col;
    }
    return c->top;
}

Stmt *ast_while(ParseCtx *p, const Token *t, Expr *test, AstList *body, AstList *orelse) {
    Stmt *s = stmt_at_tok(p, S_WHILE, t);
    s->u.loop.test = test;
    s->u.loop.body = copy_list(body);
    s->u.loop.orelse = copy_list(orelse);
    end_at_last(s, body);
    end_at_last(s, orelse);
    return s;
}

Stmt *ast_for(ParseCtx *p, const Token *t, Expr *target, Expr *iter, AstList *body, AstList *orelse) {
    Stmt *s = stmt_at_tok(p, S_FOR, t);
    set_store(p, target);
    s->u.loop.target = target;
    s->u.loop.iter = iter;
    s->u.loop.body = copy_list(body);
    s->u.loop.orelse = copy_list(orelse);
    end_at_last(s, body);
    end_at_last(s, orelse);
    return s;
}

Stmt *ast_try(ParseCtx *p, const Token *t, AstList *body, AstList *handlers, AstList *orelse,
              AstList *finalbody) {
    Stmt *s = stmt_at_tok(p, S_TRY, t);
    s->u.try_.body = copy_list(body);
    s->u.try_.handlers = copy_list(handlers);
    s->u.try_.orelse = copy_list(orelse);
    s->u.try_.finalbody = copy_list(finalbody);
    end_at_last(s, body);
    if (handlers && handlers->n) end_at_last(s, &((ExceptHandler *)handlers->items[handlers->n - 1])->body);
    end_at_last(s, orelse);
    end_at_last(s, finalbody);
    for (int i = 1; handlers && i < handlers->n; i++) {
        ExceptHandler *h = handlers->items[i];
        if (h->star != ((ExceptHandler *)handlers->items[0])->star) {
            bool first = !p->err->msg[0];
            ast_error(p, SE_SYNTAX, h->lineno, h->col,
                      "cannot have both 'except' and 'except*' on the same 'try'");
            if (first) /* the caret spans the keyword */
                p->err->end_col = h->col + (h->star ? 7 : 6) + 1;
            break;
        }
    }
    for (int i = 0; handlers && i < handlers->n - 1; i++) {
        ExceptHandler *h = handlers->items[i];
        if (!h->type) {
            ast_error(p, SE_SYNTAX, h->lineno, h->col, "default 'except:' must be last");
            break;
        }
    }
    return s;
}

ExceptHandler *ast_handler(ParseCtx *p, const Token *t, Expr *type, const Token *name, AstList *body) {
    ExceptHandler *h = ast_alloc(p->a, sizeof(ExceptHandler));
    h->type = type;
    h->name = name ? ast_ident(p, name) : NULL;
    h->body = copy_list(body);
    h->lineno = t->lineno;
    h->col = t->col;
    if (body && body->n) {
        ast_block_end(body, &h->end_lineno, &h->end_col);
    } else {
        ast_last_end(p, &h->end_lineno, &h->end_col);
    }
    return h;
}

ExceptHandler *ast_handler_star(ParseCtx *p, const Token *t, Expr *type, const Token *name, AstList *body) {
    ExceptHandler *h = ast_handler(p, t, type, name, body);
    h->star = true;
    return h;
}

/* `except*:` */
ExceptHandler *ast_handler_star_bare(ParseCtx *p, const Token *t, const Token *colon, AstList *body) {
    ast_error(p, SE_SYNTAX, colon->lineno, colon->col, "expected one or more exception types");
    return ast_handler_star(p, t, NULL, NULL, body);
}

WithItem *ast_withitem(ParseCtx *p, Expr *ctx, Expr *vars) {
    WithItem *w = ast_alloc(p->a, sizeof(WithItem));
    w->context_expr = ctx;
    w->optional_vars = vars;
    if (vars) set_store(p, vars);
    return w;
}

/* `(a as b, c)` is only valid as a with statement's parenthesized items;
 * the grammar accepts it in any parentheses as an E_ASMARK marker and the
 * with builder consumes it.  Any
 * marker left at the end of the parse is a syntax error (parser.c). */
Expr *ast_with_marker(ParseCtx *p, Expr *ctx, Expr *vars) {
    Expr *m = expr_at(p, E_ASMARK, ctx);
    m->u.binop.left = ctx;
    m->u.binop.right = vars;
    ast_list_push(p->a, &p->markers, m);
    return m;
}

static WithItem *item_of(ParseCtx *p, Expr *e) {
    if (e->kind == E_ASMARK && e->u.binop.right) {
        Expr *ctx = e->u.binop.left, *vars = e->u.binop.right;
        e->u.binop.right = NULL;  /* consumed */
        return ast_withitem(p, ctx, vars);
    }
    return ast_withitem(p, e, NULL);
}

Stmt *ast_with(ParseCtx *p, const Token *t, AstList *items, AstList *body) {
    Stmt *s = stmt_at_tok(p, S_WITH, t);
    WithItem *only = items->n == 1 ? items->items[0] : NULL;
    if (only && !only->optional_vars && only->context_expr->kind == E_TUPLE &&
        only->context_expr->parenthesized && only->context_expr->u.seq.elts.n > 0) {
        /* `with (a, b as c):` lists items (3.9+), it is not a tuple. */
        AstList *elts = &only->context_expr->u.seq.elts;
        for (int i = 0; i < elts->n; i++) ast_list_push(p->a, &s->u.with.items, item_of(p, elts->items[i]));
    } else if (only && !only->optional_vars && only->context_expr->kind == E_ASMARK) {
        ast_list_push(p->a, &s->u.with.items, item_of(p, only->context_expr));
    } else {
        s->u.with.items = *items;
    }
    s->u.with.body = copy_list(body);
    end_at_last(s, body);
    return s;
}

Stmt *ast_decorate(ParseCtx *p, AstList *decorators, Stmt *def) {
    if (def->kind == S_FUNCTIONDEF) def->u.funcdef.decorators = *decorators;
    else def->u.classdef.decorators = *decorators;
    return def;
}

Arg *ast_arg(ParseCtx *p, const Token *name, Expr *annotation) {
    Arg *a = ast_alloc(p->a, sizeof(Arg));
    a->name = ast_ident(p, name);
    a->annotation = annotation;
    a->lineno = name->lineno;
    a->col = name->col;
    if (annotation) {
        ast_last_end(p, &a->end_lineno, &a->end_col);
    } else {
        a->end_lineno = name->lineno;
        a->end_col = name->col + name->len;
    }
    return a;
}

Param *ast_param(ParseCtx *p, ParamKind kind, Arg *arg, Expr *def, const Token *t) {
    Param *pa = ast_alloc(p->a, sizeof(Param));
    pa->kind = kind;
    pa->arg = arg;
    pa->def = def;
    if (t) pa->lineno = t->lineno, pa->col = t->col;
    else pa->lineno = arg->lineno, pa->col = arg->col;
    return pa;
}

static void dup_check(ParseCtx *p, Arguments *a, Arg *arg, AstList *seen) {
    for (int i = 0; i < seen->n; i++) {
        if (strcmp(((Arg *)seen->items[i])->name, arg->name) == 0) {
            ast_error(p, SE_SYNTAX, arg->lineno, arg->col, "duplicate argument '%s' in function definition",
                      arg->name);
            return;
        }
    }
    ast_list_push(p->a, seen, arg);
}

/* The flat parameter list the grammar collects, checked for CPython's order
 * rules and split into posonly/args/vararg/kwonly/kwarg. */
static Arguments *build_arguments(ParseCtx *p, AstList *params) {
    Arguments *a = ast_alloc(p->a, sizeof(Arguments));
    if (!params) return a;
    bool seen_star = false, seen_slash = false, seen_default = false, bare_star = false;
    Param *star = NULL;
    AstList seen = {0, 0, NULL};
    for (int i = 0; i < params->n; i++) {
        Param *pa = params->items[i];
        if (a->kwarg) {
            ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "arguments cannot follow var-keyword argument");
            return a;
        }
        switch (pa->kind) {
        case PARAM_SLASH:
            if (seen_slash) { ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "/ may appear only once"); return a; }
            if (seen_star) { ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "/ must be ahead of *"); return a; }
            if (a->args.n == 0) { ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "invalid syntax"); return a; }
            seen_slash = true;
            a->posonlyargs = a->args;
            memset(&a->args, 0, sizeof a->args);
            break;
        case PARAM_STAR:
            if (seen_star) {
                ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "* argument may appear only once");
                return a;
            }
            seen_star = true;
            star = pa;
            if (pa->arg) {
                a->vararg = pa->arg;
                dup_check(p, a, pa->arg, &seen);
            } else {
                bare_star = true;
            }
            break;
        case PARAM_DSTAR:
            if (bare_star && a->kwonlyargs.n == 0) {
                ast_error(p, SE_SYNTAX, star->lineno, star->col, "named arguments must follow bare *");
                return a;
            }
            a->kwarg = pa->arg;
            dup_check(p, a, pa->arg, &seen);
            break;
        case PARAM_PLAIN:
            dup_check(p, a, pa->arg, &seen);
            if (seen_star) {
                ast_list_push(p->a, &a->kwonlyargs, pa->arg);
                ast_list_push(p->a, &a->kw_defaults, pa->def);
            } else {
                if (pa->def) {
                    seen_default = true;
                    ast_list_push(p->a, &a->defaults, pa->def);
                } else if (seen_default) {
                    ast_error(p, SE_SYNTAX, pa->lineno, pa->col, "non-default argument follows default argument");
                    return a;
                }
                ast_list_push(p->a, &a->args, pa->arg);
            }
            break;
        }
    }
    if (bare_star && a->kwonlyargs.n == 0)
        ast_error(p, SE_SYNTAX, star->lineno, star->col, "named arguments must follow bare *");
    return a;
}

Stmt *ast_funcdef(ParseCtx *p, const Token *t, const Token *name, AstList *params, Expr *returns,
                  AstList *body) {
    Stmt *s = stmt_at_tok(p, S_FUNCTIONDEF, t);
    s->u.funcdef.name = ast_ident(p, name);
    s->u.funcdef.args = build_arguments(p, params);
    s->u.funcdef.returns = returns;
    s->u.funcdef.body = copy_list(body);
    end_at_last(s, body);
    return s;
}

static void split_call_args(ParseCtx *p, AstList *args, AstList *pos, AstList *kws, bool is_class);

Stmt *ast_classdef(ParseCtx *p, const Token *t, const Token *name, AstList *args, AstList *body) {
    Stmt *s = stmt_at_tok(p, S_CLASSDEF, t);
    s->u.classdef.name = ast_ident(p, name);
    if (args) split_call_args(p, args, &s->u.classdef.bases, &s->u.classdef.keywords, true);
    s->u.classdef.body = copy_list(body);
    end_at_last(s, body);
    return s;
}

/* ---- expressions ----------------------------------------------------------- */

Expr *ast_tuple_or_single(ParseCtx *p, AstList *items, bool trailing_comma) {
    Expr *first = items->items[0];
    if (items->n == 1 && !trailing_comma) return first;
    Expr *e = expr_at(p, E_TUPLE, first);
    e->u.seq.elts = *items;
    return e;
}

/* `a[*b]` indexes with a one-element tuple (3.11). */
Expr *ast_subscript_index(ParseCtx *p, AstList *items) {
    Expr *first = items->items[0];
    return ast_tuple_or_single(p, items, first->kind == E_STARRED);
}

Expr *ast_starred(ParseCtx *p, const Token *t, Expr *value) {
    Expr *e = expr_at_tok(p, E_STARRED, t);
    e->u.starred.value = value;
    return e;
}

/* `target := value`: the target must be a plain name (CPython's
 * invalid_named_expression names what it is otherwise). */
Expr *ast_namedexpr(ParseCtx *p, Expr *target, Expr *value) {
    Expr *e = expr_at(p, E_NAMEDEXPR, target);
    e->u.named.target = target;
    e->u.named.value = value;
    if (target->kind != E_NAME)
        ast_error_expr(p, target, "cannot use assignment expressions with %s", ast_expr_name(target));
    else
        set_ctx(p, target, CTX_STORE, false);
    return e;
}

Expr *ast_refuse(ParseCtx *p, const Token *t, const char *msg) {
    ast_error(p, SE_SYNTAX, t->lineno, t->col, "%s", msg);
    return expr_at_tok(p, E_CONSTANT, t);
}

/* `x := v` as a statement needs parentheses: "invalid syntax" at the ':='
 * when the left side is a name (or names), CPython's message otherwise. */
Stmt *ast_walrus_stmt(ParseCtx *p, Expr *target, const Token *op, Expr *value) {
    Stmt *s = new_stmt(p, S_EXPR, ast_start_line(target), ast_start_col(target));
    if (target->kind == E_NAME || (target->kind == E_TUPLE && !target->parenthesized))
        ast_error(p, SE_SYNTAX, op->lineno, op->col, "invalid syntax");
    else
        ast_error_expr(p, target, "cannot use assignment expressions with %s", ast_expr_name(target));
    s->u.expr.value = value;
    return s;
}

Expr *ast_yield(ParseCtx *p, const Token *t, Expr *value, bool from) {
    Expr *e = expr_at_tok(p, from ? E_YIELDFROM : E_YIELD, t);
    e->u.yield.value = value;
    return e;
}

Expr *ast_ifexp(ParseCtx *p, Expr *test, Expr *body, Expr *orelse) {
    Expr *e = expr_at(p, E_IFEXP, body);
    e->u.ifexp.test = test;
    e->u.ifexp.body = body;
    e->u.ifexp.orelse = orelse;
    return e;
}

Expr *ast_lambda(ParseCtx *p, const Token *t, AstList *params, Expr *body) {
    Expr *e = expr_at_tok(p, E_LAMBDA, t);
    e->u.lambda.args = build_arguments(p, params);
    e->u.lambda.body = body;
    return e;
}

Expr *ast_boolop(ParseCtx *p, BoolOpKind op, AstList *values) {
    Expr *e = expr_at(p, E_BOOLOP, values->items[0]);
    e->u.boolop.op = op;
    e->u.boolop.values = *values;
    return e;
}

Expr *ast_unary(ParseCtx *p, const Token *t, int op, Expr *operand) {
    Expr *e = expr_at_tok(p, E_UNARYOP, t);
    e->u.unary.op = op;
    e->u.unary.operand = operand;
    return e;
}

Expr *ast_compare(ParseCtx *p, Expr *left, int op, Expr *right) {
    Expr *e = expr_at(p, E_COMPARE, left);
    e->u.compare.left = left;
    return ast_compare_add(p, e, op, right);
}

Expr *ast_compare_add(ParseCtx *p, Expr *cmp, int op, Expr *right) {
    ast_last_end(p, &cmp->end_lineno, &cmp->end_col);
    ast_list_push(p->a, &cmp->u.compare.ops, (void *)(intptr_t)op);
    ast_list_push(p->a, &cmp->u.compare.comparators, right);
    return cmp;
}

Expr *ast_binop(ParseCtx *p, Expr *left, int op, Expr *right) {
    Expr *e = expr_at(p, E_BINOP, left);
    e->u.binop.left = left;
    e->u.binop.op = op;
    e->u.binop.right = right;
    return e;
}

CallArg *ast_callarg(ParseCtx *p, CallArgKind kind, Expr *value, Expr *key) {
    CallArg *c = ast_alloc(p->a, sizeof(CallArg));
    ast_last_end(p, &c->end_lineno, &c->end_col);
    c->kind = kind;
    c->value = value;
    c->key = key;
    return c;
}

/* `f(x for x in y,)` needs parentheses around the generator. */
AstList *ast_args_trailing_comma(ParseCtx *p, AstList *args) {
    CallArg *c = args->items[0];
    if (args->n == 1 && c->kind == CARG_GENEXP)
        ast_error_expr(p, c->value, "Generator expression must be parenthesized");
    return args;
}

Expr *ast_tokexpr(ParseCtx *p, const Token *t) { return expr_at_tok(p, E_CONSTANT, t); }

/* Call arguments in any legal order (CPython's messages for the others);
 * `name=value` arrives as an expression pair and is checked here. */
static void split_call_args(ParseCtx *p, AstList *args, AstList *pos, AstList *kws, bool is_class) {
    bool seen_kw = false, seen_dstar = false;
    for (int i = 0; i < args->n; i++) {
        CallArg *c = args->items[i];
        switch (c->kind) {
        case CARG_GENEXP:
            if (args->n > 1 || is_class) {
                ast_error_expr(p, c->value, is_class ? "invalid syntax" : "Generator expression must be parenthesized");
                return;
            }
            /* fall through */
        case CARG_POS:
            if (seen_dstar) {
                ast_error_expr(p, c->value, "positional argument follows keyword argument unpacking");
                return;
            }
            if (seen_kw) {
                ast_error_expr(p, c->value, "positional argument follows keyword argument");
                return;
            }
            ast_list_push(p->a, pos, c->value);
            break;
        case CARG_STAR:
            if (seen_dstar) {
                ast_error_expr(p, c->value, "iterable argument unpacking follows keyword argument unpacking");
                return;
            }
            ast_list_push(p->a, pos, c->value);
            break;
        case CARG_KEYWORD: {
            Expr *k = c->key;
            if (k->kind != E_NAME) {
                if (k->kind == E_CONSTANT && (k->u.constant.kind == CONST_TRUE ||
                                              k->u.constant.kind == CONST_FALSE ||
                                              k->u.constant.kind == CONST_NONE))
                    ast_error_expr(p, k, "cannot assign to %s", ast_expr_name(k));
                else
                    ast_error_expr(p, k, "expression cannot contain assignment, perhaps you meant \"==\"?");
                return;
            }
            for (int j = 0; j < kws->n; j++) {
                Keyword *o = kws->items[j];
                if (o->arg && strcmp(o->arg, k->u.name.id) == 0) {
                    ast_error_expr(p, k, "keyword argument repeated: %s", o->arg);
                    return;
                }
            }
            seen_kw = true;
            Keyword *kw = ast_alloc(p->a, sizeof(Keyword));
            kw->arg = k->u.name.id;
            kw->value = c->value;
            kw->lineno = k->lineno;
            kw->col = k->col;
            kw->end_lineno = c->end_lineno;
            kw->end_col = c->end_col;
            ast_list_push(p->a, kws, kw);
            break;
        }
        case CARG_DSTAR: {
            seen_dstar = true;
            Keyword *kw = ast_alloc(p->a, sizeof(Keyword));
            kw->value = c->value;
            kw->lineno = c->key->lineno;
            kw->col = c->key->col;
            kw->end_lineno = c->end_lineno;
            kw->end_col = c->end_col;
            ast_list_push(p->a, kws, kw);
            break;
        }
        }
    }
}

Expr *ast_call(ParseCtx *p, Expr *func, AstList *args, const Token *open, const Token *close) {
    Expr *e = expr_at(p, E_CALL, func);
    if (args && args->n == 1 && ((CallArg *)args->items[0])->kind == CARG_GENEXP) {
        /* `f(x for x in y)`: the generator expression spans the call's parentheses */
        Expr *g = ((CallArg *)args->items[0])->value;
        g->lineno = open->lineno;
        g->col = open->col;
        g->end_lineno = close->lineno;
        g->end_col = close->col + 1;
    }
    e->u.call.func = func;
    if (args) split_call_args(p, args, &e->u.call.args, &e->u.call.keywords, false);
    e->end_lineno = close->lineno;
    e->end_col = close->col + 1;
    return e;
}

Expr *ast_subscript(ParseCtx *p, Expr *value, Expr *index, const Token *close) {
    Expr *e = expr_at(p, E_SUBSCRIPT, value);
    e->u.subscript.value = value;
    e->u.subscript.index = index;
    e->end_lineno = close->lineno;
    e->end_col = close->col + 1;
    return e;
}

Expr *ast_attribute(ParseCtx *p, Expr *value, const Token *name) {
    Expr *e = expr_at(p, E_ATTRIBUTE, value);
    e->u.attr.value = value;
    e->u.attr.name = ast_ident(p, name);
    e->end_lineno = name->lineno;
    e->end_col = name->col + name->len;
    return e;
}

Expr *ast_slice(ParseCtx *p, const Token *t, Expr *lower, Expr *upper, Expr *step) {
    Expr *e = lower ? expr_at(p, E_SLICE, lower) : expr_at_tok(p, E_SLICE, t);
    e->u.slice.lower = lower;
    e->u.slice.upper = upper;
    e->u.slice.step = step;
    return e;
}

AstList *ast_comp_for(ParseCtx *p, AstList *gens, const Token *t, Expr *target, Expr *iter) {
    Comprehension *c = ast_alloc(p->a, sizeof(Comprehension));
    set_store(p, target);
    c->target = target;
    c->iter = iter;
    if (!gens) gens = ast_list0(p);
    ast_list_push(p->a, gens, c);
    return gens;
}

AstList *ast_comp_if(ParseCtx *p, AstList *gens, Expr *cond) {
    Comprehension *c = gens->items[gens->n - 1];
    ast_list_push(p->a, &c->ifs, cond);
    return gens;
}

Expr *ast_name(ParseCtx *p, const Token *t) {
    Expr *e = expr_at_tok(p, E_NAME, t);
    e->u.name.id = ast_ident(p, t);
    return e;
}

Expr *ast_number(ParseCtx *p, const Token *t) {
    Expr *e = expr_at_tok(p, E_CONSTANT, t);
    char small[64];
    char *buf = t->len < (int)sizeof small ? small : ast_alloc(p->a, (size_t)t->len + 1);
    int n = 0;
    for (int i = 0; i < t->len; i++)
        if (t->s[i] != '_') buf[n++] = t->s[i];
    buf[n] = 0;
    if (t->flags == LXF_FLOAT || t->flags == LXF_IMAG) { /* strtod stops at the j */
        e->u.constant.kind = t->flags == LXF_FLOAT ? CONST_FLOAT : CONST_IMAG;
        e->u.constant.f = strtod(buf, NULL);
    } else {
        e->u.constant.kind = CONST_INT;
        e->u.constant.s = buf == small ? ast_strndup(p->a, buf, (size_t)n) : buf;
        e->u.constant.len = (size_t)n;
    }
    return e;
}

Expr *ast_const(ParseCtx *p, const Token *t, ConstKind kind) {
    Expr *e = expr_at_tok(p, E_CONSTANT, t);
    e->u.constant.kind = kind;
    return e;
}

Expr *ast_seq(ParseCtx *p, const Token *t, ExprKind kind, AstList *items) {
    Expr *e = expr_at_tok(p, kind, t);
    if (items) e->u.seq.elts = *items;
    return e;
}

static void set_paren(Expr *e, const Token *t) {
    e->parenthesized = true;
    e->paren_lineno = t->lineno;
    e->paren_col = t->col;
}

Expr *ast_paren1(ParseCtx *p, const Token *t, Expr *e) {
    set_paren(e, t);
    return e;
}

Expr *ast_paren(ParseCtx *p, const Token *t, AstList *items, bool trailing_comma) {
    if (items->n == 1 && !trailing_comma) {
        Expr *e = items->items[0];
        if (e->kind == E_STARRED) ast_error_expr(p, e, "cannot use starred expression here");
        set_paren(e, t);
        return e;
    }
    Expr *e = ast_seq(p, t, E_TUPLE, items);
    set_paren(e, t);
    return e;
}

Expr *ast_genexp(ParseCtx *p, const Token *t, Expr *elt, AstList *gens) {
    Expr *e = t ? expr_at_tok(p, E_GENEXP, t) : expr_at(p, E_GENEXP, elt);
    e->u.comp.elt = elt;
    e->u.comp.generators = *gens;
    if (elt->kind == E_STARRED) ast_error_expr(p, elt, "iterable unpacking cannot be used in comprehension");
    return e;
}

Expr *ast_comp(ParseCtx *p, const Token *t, ExprKind kind, Expr *key, Expr *elt, AstList *gens) {
    Expr *e = expr_at_tok(p, kind, t);
    e->u.comp.key = key;
    e->u.comp.elt = elt;
    e->u.comp.generators = *gens;
    if (elt->kind == E_STARRED) ast_error_expr(p, elt, "iterable unpacking cannot be used in comprehension");
    return e;
}

Expr *ast_dict_new(ParseCtx *p, const Token *t, Expr *key, Expr *value) {
    Expr *e = t ? expr_at_tok(p, E_DICT, t) : expr_at(p, E_DICT, key ? key : value);
    if (value) ast_dict_add(p, e, key, value);
    return e;
}

Expr *ast_dict_add(ParseCtx *p, Expr *dict, Expr *key, Expr *value) {
    ast_list_push(p->a, &dict->u.dict.keys, key);
    ast_list_push(p->a, &dict->u.dict.values, value);
    return dict;
}

Expr *ast_at(ParseCtx *p, const Token *t, Expr *e) {
    e->lineno = t->lineno;
    e->col = t->col;
    ast_last_end(p, &e->end_lineno, &e->end_col);
    return e;
}

/* ---- async ----------------------------------------------------------------- */

Stmt *ast_async_stmt(ParseCtx *p, const Token *t, Stmt *s) {
    s->is_async = true;
    s->lineno = t->lineno;
    s->col = t->col;
    return s;
}

Expr *ast_await(ParseCtx *p, const Token *t, Expr *value) {
    Expr *e = expr_at_tok(p, E_AWAIT, t);
    e->u.yield.value = value;
    return e;
}

AstList *ast_comp_async(ParseCtx *p, AstList *gens) {
    Comprehension *c = gens->items[gens->n - 1];
    c->is_async = true;
    return gens;
}
