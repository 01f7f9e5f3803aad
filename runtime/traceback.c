/* runtime/traceback.c — printing exceptions exactly as CPython 3.11 does
 * (Lib/traceback.py's format, without the ^^^ position markers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/objimpl.h"
#include "runtime/code.h"

/* The last source file read, so a deep recursion's traceback reads its file
 * once. */
typedef struct SourceCache {
    char *filename;
    char *data;
    size_t len;
} SourceCache;

static void cache_free(SourceCache *c)
{
    free(c->filename);
    free(c->data);
    c->filename = c->data = NULL;
}

static bool cache_load(SourceCache *c, const char *filename)
{
    if (c->filename && !strcmp(c->filename, filename))
        return c->data != NULL;
    cache_free(c);
    c->filename = strdup(filename);
    FILE *f = fopen(filename, "rb");
    if (!f)
        return false;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (len < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    c->data = buf;
    c->len = len;
    return buf != NULL;
}

/* Line `lineno` (1-based), without its indentation and line end (trailing
 * blanks stay, as CPython shows them); false if unavailable.  *raw, *rawlen: the whole line, without its newline. */
static bool source_line(SourceCache *c, const char *filename, uint32_t lineno, const char **start,
                        size_t *len, const char **raw, size_t *rawlen)
{
    if (!filename || filename[0] == '<' || lineno == 0 || !cache_load(c, filename))
        return false;
    const char *p = c->data, *end = c->data + c->len;
    for (uint32_t l = 1; l < lineno; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e)
        e = end;
    if (e > p && e[-1] == '\r')
        e--;
    *raw = p;
    *rawlen = (size_t)(e - p);
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
        p++;
    *start = p;
    *len = (size_t)(e - p);
    return true;
}

static const char *code_filename(Code *code)
{
    return code && v_is_str(code->filename) ? v_cstr(code->filename) : "<unknown>";
}

static const char *code_name(Code *code)
{
    return code && v_is_str(code->name) ? v_cstr(code->name) : "?";
}

/* The state of one print (CPython's exception_print_context): the group
 * nesting depth gives each line an indent and a "| " margin. */
typedef struct PrintCtx {
    VM *vm;
    FILE *out;
    SourceCache cache;
    int depth;          /* exception group nesting */
    bool need_close;    /* the last member's box still needs its bottom line */
    Value *seen;        /* exceptions already printed (chains may have cycles) */
    size_t nseen, capseen;
} PrintCtx;

enum { MAX_GROUP_WIDTH = 15, MAX_GROUP_DEPTH = 10 };

static void indent(PrintCtx *c)
{
    for (int i = 0; i < 2 * c->depth; i++)
        fputc(' ', c->out);
}

static void margin(PrintCtx *c)
{
    indent(c);
    if (c->depth)
        fputs("| ", c->out);
}

/* Characters (not bytes) in the first n bytes of UTF-8 text. */
static int64_t chars_in(const char *s, size_t n)
{
    int64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

/* CPython's location line under a traceback entry's source:
 *     return x[1] + 2
 *            ~^^^
 * `^` under the failing instruction's span, `~` and `^` split by the
 * operator or brackets of a binary operation or subscript; nothing when the
 * span is the whole line.  raw is the line, its text starting `lead` bytes
 * in and `len` long. */
static void print_carets(PrintCtx *c, Traceback *t, const char *raw, size_t rawlen, size_t lead,
                         size_t len)
{
    uint32_t line, end_line;
    int32_t col, end_col;
    rt_code_position(t->code, t->lasti / 2, &line, &end_line, &col, &end_col);
    if (line != t->lineno || col < 0 || end_col < 0 || (size_t)col > rawlen)
        return;
    int64_t start = chars_in(raw, (size_t)col), end, left = -1, right = -1;
    if (end_line == line) {
        if ((size_t)end_col > rawlen || end_col < col)
            return;
        end = chars_in(raw, (size_t)end_col);
        int64_t l, r;
        if (c->vm->caret_anchors &&
            c->vm->caret_anchors(raw + col, (size_t)(end_col - col), &l, &r)) {
            left = start + chars_in(raw + col, (size_t)l);
            right = start + chars_in(raw + col, (size_t)r);
        }
    } else {
        size_t last = lead + len; /* to the line's last non-blank */
        while (last > lead && (raw[last - 1] == ' ' || raw[last - 1] == '\t' || raw[last - 1] == '\f'))
            last--;
        end = chars_in(raw, last);
    }
    int64_t first = chars_in(raw, lead), stripped = chars_in(raw + lead, len);
    if (end - start == stripped && left < 0)
        return;
    margin(c);
    fputs("    ", c->out);
    for (int64_t k = first; k < end; k++) {
        if (k < start)
            fputc(' ', c->out);
        else if (left >= 0 && k >= left && k < right)
            fputc('^', c->out);
        else
            fputc(left >= 0 ? '~' : '^', c->out);
    }
    fputc('\n', c->out);
}

static void print_tb(PrintCtx *c, Value tb, const char *header_margin, const char *header)
{
    FILE *out = c->out;
    indent(c);
    fprintf(out, "%s%s\n", header_margin, header);
    const char *last_file = NULL, *last_name = NULL;
    uint32_t last_line = 0;
    long count = 0;
    for (; v_is(tb, &rt_traceback_type); tb = ((Traceback *)v_obj(tb))->next) {
        Traceback *t = (Traceback *)v_obj(tb);
        const char *file = code_filename(t->code), *name = code_name(t->code);
        if (last_file && !strcmp(file, last_file) && !strcmp(name, last_name) &&
            t->lineno == last_line) {
            count++;
        } else {
            if (count > 3) {
                margin(c);
                fprintf(out, "  [Previous line repeated %ld more time%s]\n", count - 3,
                        count - 3 == 1 ? "" : "s");
            }
            last_file = file;
            last_name = name;
            last_line = t->lineno;
            count = 1;
        }
        if (count > 3)
            continue;
        margin(c);
        fprintf(out, "  File \"%s\", line %u, in %s\n", file, t->lineno, name);
        const char *line, *raw;
        size_t len, rawlen;
        if (source_line(&c->cache, file, t->lineno, &line, &len, &raw, &rawlen) && len) {
            margin(c);
            fprintf(out, "    %.*s\n", (int)len, line);
            print_carets(c, t, raw, rawlen, (size_t)(line - raw), len);
        }
    }
    if (count > 3) {
        margin(c);
        fprintf(out, "  [Previous line repeated %ld more time%s]\n", count - 3,
                count - 3 == 1 ? "" : "s");
    }
}

static Value type_display_name(VM *vm, Type *t)
{
    Value mod = VNULL;
    if ((t->flags & TF_CLASS) && t->dict)
        mod = rt_dict_get_str(t->dict, vm->names.__module__);
    else
        mod = t->module;
    const char *qn = t->qualname && v_is_str(t->qualname) ? v_cstr(t->qualname) : t->name;
    if (mod && v_is_str(mod) && strcmp(v_cstr(mod), "__main__") && strcmp(v_cstr(mod), "builtins"))
        return rt_str_printf(vm, "%s.%s", v_cstr(mod), qn);
    return rt_str_from_cstr(vm, qn);
}

Value rt_exc_format_line(VM *vm, Value exc)
{
    Type *t = v_type(exc);
    Value name = type_display_name(vm, t);
    if (!name)
        return VNULL;
    Value s = rt_str(vm, exc);
    if (!s) {
        vm->exc = VNULL;
        return rt_str_printf(vm, "%s: <exception str() failed>", v_cstr(name));
    }
    if (!v_is_str(s) || v_str(s)->len == 0)
        return name;
    return rt_str_printf(vm, "%s: %s", v_cstr(name), v_cstr(s));
}

static Value exc_attr(VM *vm, Value exc, const char *name)
{
    return rt_exc_field(vm, exc, name);
}

/* CPython's print of a SyntaxError: location, line, caret, then
 * "Type: msg" (without the "(file, line n)" suffix of str()). */
static bool print_syntax_error(PrintCtx *c, Value exc)
{
    VM *vm = c->vm;
    FILE *out = c->out;
    Value msg = exc_attr(vm, exc, "msg"), fn = exc_attr(vm, exc, "filename");
    Value ln = exc_attr(vm, exc, "lineno"), off = exc_attr(vm, exc, "offset");
    Value text = exc_attr(vm, exc, "text"), eoff = exc_attr(vm, exc, "end_offset");
    Value eln = exc_attr(vm, exc, "end_lineno");
    if (!msg || msg == rt_None)
        return false;
    const char *file = fn && v_is_str(fn) ? v_cstr(fn) : "<string>";
    if (ln && v_is_small(ln)) {
        margin(c);
        fprintf(out, "  File \"%s\", line %lld\n", file, (long long)v_small(ln));
    }
    if (text && v_is_str(text)) {
        const char *s = v_cstr(text);
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            len--;
        size_t lead = 0;
        while (lead < len && (s[lead] == ' ' || s[lead] == '\t' || s[lead] == '\f'))
            lead++;
        size_t tail = len;
        while (tail > lead && (s[tail - 1] == ' ' || s[tail - 1] == '\t'))
            tail--;
        margin(c);
        fprintf(out, "    %.*s\n", (int)(tail - lead), s + lead);
        /* offsets count characters (1-based); convert to columns of the
         * stripped line by counting code points.  No caret when the offset
         * points into the indentation (CPython's "unexpected indent"). */
        long col = off && v_is_small(off) ? (long)v_small(off) - 1 - (long)lead : -1;
        if (off && v_is_small(off) && v_small(off) > 0 && col >= 0) {
            long end = col + 1;
            /* CPython's printer gives an IndentationError one caret
             * whatever its end_offset (traceback.py marks the range). */
            bool indent = rt_is_subtype(v_type(exc), &rt_exc_IndentationError);
            if (!indent && eoff && v_is_small(eoff) && (!eln || eln == ln || eln == rt_None) &&
                v_small(eoff) > v_small(off))
                end = (long)v_small(eoff) - 1 - (long)lead;
            long linechars = 0;
            for (size_t i = lead; i < tail; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                    linechars++;
            if (col > linechars)
                col = linechars;
            if (end > linechars + 1)
                end = linechars + 1;
            if (end <= col)
                end = col + 1;
            margin(c);
            fputs("    ", out);
            for (long i = 0; i < col; i++)
                fputc(' ', out);
            for (long i = col; i < end; i++)
                fputc('^', out);
            fputc('\n', out);
        }
    }
    Value name = type_display_name(vm, v_type(exc));
    Value ms = rt_str(vm, msg);
    if (!name || !ms) {
        vm->exc = VNULL;
        return false;
    }
    margin(c);
    fprintf(out, "%s: %s\n", v_cstr(name), v_cstr(ms));
    return true;
}

static bool was_seen(PrintCtx *c, Value exc)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i] == exc)
            return true;
    return false;
}

static void add_seen(PrintCtx *c, Value exc)
{
    if (c->nseen == c->capseen) {
        size_t cap = c->capseen ? 2 * c->capseen : 16;
        Value *n = realloc(c->seen, cap * sizeof *n);
        if (!n)
            return;
        c->seen = n;
        c->capseen = cap;
    }
    c->seen[c->nseen++] = exc;
}

/* __notes__: each line of each note (str() of a non-str one) on its own
 * line; a __notes__ that is not a sequence prints as its repr. */
static void print_notes(PrintCtx *c, Value exc)
{
    VM *vm = c->vm;
    Dict *d = ((Exception *)v_obj(exc))->dict;
    Value notes = d ? rt_dict_get_cstr(vm, d, "__notes__") : VNULL;
    if (!notes)
        return;
    if (!v_type(notes)->getitem || v_is_str(notes) || v_is(notes, &rt_bytes_type) ||
        rt_isinstance_type(notes, &rt_dict_type)) {
        Value r = rt_repr(vm, notes);
        margin(c);
        /* CPython 3.11 ends this one without a newline. */
        fputs(r ? v_cstr(r) : "<__notes__ repr() failed>", c->out);
        vm->exc = VNULL;
        return;
    }
    Value list = rt_list_from_iter(vm, notes);
    if (!list) {
        vm->exc = VNULL;
        return;
    }
    for (size_t i = 0; i < v_list(list)->len; i++) {
        Value n = v_list(list)->items[i];
        Value s = v_is_str(n) ? n : rt_str(vm, n);
        const char *p = s && v_is_str(s) ? v_cstr(s) : "<note str() failed>";
        vm->exc = VNULL;
        while (p) { /* each piece of note.split('\n') */
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            margin(c);
            fprintf(c->out, "%.*s\n", (int)len, p);
            p = nl ? nl + 1 : NULL;
        }
    }
}

/* Traceback, "Type: message" and notes of one exception (no chain). */
static void print_exception(PrintCtx *c, Value exc)
{
    VM *vm = c->vm;
    Exception *e = (Exception *)v_obj(exc);
    if (v_is(e->traceback, &rt_traceback_type)) {
        bool group = rt_is_exc_group(exc);
        print_tb(c, e->traceback, group && c->depth == 1 ? "+ " : c->depth ? "| " : "",
                 group ? "Exception Group Traceback (most recent call last):"
                       : "Traceback (most recent call last):");
    }
    if (!(rt_isinstance_type(exc, &rt_exc_SyntaxError) && print_syntax_error(c, exc))) {
        Value line = rt_exc_format_line(vm, exc);
        margin(c);
        if (!line) {
            vm->exc = VNULL;
            fprintf(c->out, "%s\n", v_type(exc)->name);
        } else {
            fprintf(c->out, "%s\n", v_cstr(line));
        }
    }
    print_notes(c, exc);
}

static void print_recursive(PrintCtx *c, Value exc);

static void print_chained(PrintCtx *c, Value exc, const char *message)
{
    bool need_close = c->need_close;
    print_recursive(c, exc);
    c->need_close = need_close;
    margin(c);
    fputc('\n', c->out);
    margin(c);
    fputs(message, c->out);
    margin(c);
    fputc('\n', c->out);
}

static void print_group(PrintCtx *c, Value exc)
{
    FILE *out = c->out;
    if (c->depth > MAX_GROUP_DEPTH) {
        margin(c);
        fprintf(out, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
        return;
    }
    bool toplevel = c->depth == 0;
    if (toplevel)
        c->depth++;
    print_exception(c, exc);
    Tuple *items = rt_exc_group_items(exc);
    size_t nexc = items->len;
    size_t n = nexc <= MAX_GROUP_WIDTH ? nexc : MAX_GROUP_WIDTH + 1;
    c->need_close = false;
    for (size_t i = 0; i < n; i++) {
        bool last = i == n - 1;
        if (last)
            c->need_close = true; /* a nested group may draw the bottom line */
        bool truncated = i >= MAX_GROUP_WIDTH;
        indent(c);
        if (truncated)
            fprintf(out, "%s+---------------- ... ----------------\n", i == 0 ? "+-" : "  ");
        else
            fprintf(out, "%s+---------------- %zu ----------------\n", i == 0 ? "+-" : "  ",
                    i + 1);
        c->depth++;
        if (!truncated) {
            print_recursive(c, items->items[i]);
        } else {
            size_t rem = nexc - MAX_GROUP_WIDTH;
            margin(c);
            fprintf(out, "and %zu more exception%s\n", rem, rem > 1 ? "s" : "");
        }
        if (last && c->need_close) {
            indent(c);
            fputs("+------------------------------------\n", out);
            c->need_close = false;
        }
        c->depth--;
    }
    if (toplevel)
        c->depth--;
}

/* CPython's print_exception_recursive: the chain first, then exc. */
static void print_recursive(PrintCtx *c, Value exc)
{
    VM *vm = c->vm;
    if (!rt_isinstance_type(exc, &rt_exc_BaseException)) {
        Value r = rt_repr(vm, exc);
        margin(c);
        fprintf(c->out, "%s\n", r ? v_cstr(r) : "<unprintable>");
        vm->exc = VNULL;
        return;
    }
    if (!rt_enter_c(vm, " in print_exception_recursive")) {
        vm->exc = VNULL;
        return;
    }
    add_seen(c, exc);
    Exception *e = (Exception *)v_obj(exc);
    if (e->cause && e->cause != rt_None) {
        if (!was_seen(c, e->cause))
            print_chained(c, e->cause,
                          "The above exception was the direct cause of the following exception:\n");
    } else if (e->context && e->context != rt_None && !e->suppress_context &&
               !was_seen(c, e->context)) {
        print_chained(c, e->context,
                      "During handling of the above exception, another exception occurred:\n");
    }
    if (rt_is_exc_group(exc))
        print_group(c, exc);
    else
        print_exception(c, exc);
    rt_leave_c(vm);
}

void rt_print_exception(VM *vm, Value exc, void *file)
{
    PrintCtx c = {.vm = vm, .out = file ? (FILE *)file : stderr};
    Value saved = vm->exc;
    vm->exc = VNULL;
    print_recursive(&c, exc);
    cache_free(&c.cache);
    free(c.seen);
    fflush(c.out);
    vm->exc = saved;
}

void rt_write_unraisable(VM *vm, Value obj)
{
    rt_write_unraisable_msg(vm, NULL, obj);
}

void rt_write_unraisable_msg(VM *vm, const char *context, Value obj)
{
    Value exc = vm->exc;
    vm->exc = VNULL;
    if (!exc)
        return;
    Value r = rt_repr(vm, obj);
    vm->exc = VNULL;
    if (vm->flush_std)
        vm->flush_std(vm);
    fprintf(stderr, "Exception ignored %s: %s\n", context ? context : "in",
            r ? v_cstr(r) : "<object repr() failed>");
    rt_print_exception(vm, exc, stderr);
    fflush(stderr);
    vm->exc = VNULL;
}
