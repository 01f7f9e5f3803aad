/* runtime/traceback.c — printing exceptions exactly as CPython 3.11 does
 * (Lib/traceback.py's format, without the ^^^ position markers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/objimpl.h"
#include "runtime/code.h"
#include "runtime/file.h"

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

/* Line `lineno` (1-based), stripped of surrounding whitespace; false if
 * unavailable. */
static bool source_line(SourceCache *c, const char *filename, uint32_t lineno, const char **start,
                        size_t *len)
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
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f'))
        e--;
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

static void print_tb(VM *vm, Value tb, FILE *out, SourceCache *cache)
{
    fputs("Traceback (most recent call last):\n", out);
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
            if (count > 3)
                fprintf(out, "  [Previous line repeated %ld more time%s]\n", count - 3,
                        count - 3 == 1 ? "" : "s");
            last_file = file;
            last_name = name;
            last_line = t->lineno;
            count = 1;
        }
        if (count > 3)
            continue;
        fprintf(out, "  File \"%s\", line %u, in %s\n", file, t->lineno, name);
        const char *line;
        size_t len;
        if (source_line(cache, file, t->lineno, &line, &len) && len)
            fprintf(out, "    %.*s\n", (int)len, line);
    }
    if (count > 3)
        fprintf(out, "  [Previous line repeated %ld more time%s]\n", count - 3,
                count - 3 == 1 ? "" : "s");
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
    Dict **dp = rt_instance_dict_ptr(exc);
    if (!dp || !*dp)
        return VNULL;
    return rt_dict_get_cstr(vm, *dp, name);
}

/* CPython's print of a SyntaxError: location, line, caret, then
 * "Type: msg" (without the "(file, line n)" suffix of str()). */
static bool print_syntax_error(VM *vm, Value exc, FILE *out)
{
    Value msg = exc_attr(vm, exc, "msg"), fn = exc_attr(vm, exc, "filename");
    Value ln = exc_attr(vm, exc, "lineno"), off = exc_attr(vm, exc, "offset");
    Value text = exc_attr(vm, exc, "text"), eoff = exc_attr(vm, exc, "end_offset");
    Value eln = exc_attr(vm, exc, "end_lineno");
    if (!msg || msg == rt_None)
        return false;
    const char *file = fn && v_is_str(fn) ? v_cstr(fn) : "<string>";
    if (ln && v_is_small(ln))
        fprintf(out, "  File \"%s\", line %lld\n", file, (long long)v_small(ln));
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
        fprintf(out, "    %.*s\n", (int)(tail - lead), s + lead);
        if (off && v_is_small(off) && v_small(off) > 0) {
            /* offsets count characters (1-based); convert to columns of the
             * stripped line by counting code points. */
            long col = (long)v_small(off) - 1 - (long)lead;
            long end = col + 1;
            if (eoff && v_is_small(eoff) && (!eln || eln == ln || eln == rt_None) &&
                v_small(eoff) > v_small(off))
                end = (long)v_small(eoff) - 1 - (long)lead;
            long linechars = 0;
            for (size_t i = lead; i < tail; i++)
                if (((unsigned char)s[i] & 0xC0) != 0x80)
                    linechars++;
            if (col < 0)
                col = 0;
            if (col > linechars)
                col = linechars;
            if (end > linechars + 1)
                end = linechars + 1;
            if (end <= col)
                end = col + 1;
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
    fprintf(out, "%s: %s\n", v_cstr(name), v_cstr(ms));
    return true;
}

static void print_one(VM *vm, Value exc, FILE *out, SourceCache *cache, int depth)
{
    if (!rt_isinstance_type(exc, &rt_exc_BaseException)) {
        Value r = rt_repr(vm, exc);
        fprintf(out, "%s\n", r ? v_cstr(r) : "<unprintable>");
        vm->exc = VNULL;
        return;
    }
    Exception *e = (Exception *)v_obj(exc);
    if (depth < 100) {
        if (e->cause && e->cause != rt_None) {
            print_one(vm, e->cause, out, cache, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n",
                  out);
        } else if (e->context && e->context != rt_None && !e->suppress_context) {
            print_one(vm, e->context, out, cache, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n",
                  out);
        }
    }
    if (v_is(e->traceback, &rt_traceback_type))
        print_tb(vm, e->traceback, out, cache);
    if (rt_isinstance_type(exc, &rt_exc_SyntaxError) && print_syntax_error(vm, exc, out))
        return;
    Value line = rt_exc_format_line(vm, exc);
    if (!line) {
        vm->exc = VNULL;
        fprintf(out, "%s\n", v_type(exc)->name);
        return;
    }
    fprintf(out, "%s\n", v_cstr(line));
}

void rt_print_exception(VM *vm, Value exc, void *file)
{
    FILE *out = file ? (FILE *)file : stderr;
    Value saved = vm->exc;
    vm->exc = VNULL;
    SourceCache cache = {0};
    /* A chain with a cycle (a.__context__ = b, b.__context__ = a) would
     * recurse forever: print_one stops at depth 100, CPython tracks seen
     * exceptions; real programs never get near either limit. */
    print_one(vm, exc, out, &cache, 0);
    cache_free(&cache);
    fflush(out);
    vm->exc = saved;
}

void rt_write_unraisable(VM *vm, Value obj)
{
    Value exc = vm->exc;
    vm->exc = VNULL;
    if (!exc)
        return;
    Value r = rt_repr(vm, obj);
    vm->exc = VNULL;
    rt_file_flush_std(vm);
    fprintf(stderr, "Exception ignored in: %s\n", r ? v_cstr(r) : "<object repr() failed>");
    rt_print_exception(vm, exc, stderr);
    fflush(stderr);
    vm->exc = VNULL;
}
