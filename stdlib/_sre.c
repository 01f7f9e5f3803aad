/* stdlib/_sre.c — the _sre module behind CPython's own Lib/re package, after
 * Modules/_sre/sre.c: _sre.compile() wraps the opcode list re/_compiler.py
 * produced in a Pattern (re.Pattern); its methods run the engine
 * (stdlib/_sre_engine.c) and build Match objects (re.Match), and
 * Pattern.scanner() gives the _sre.SRE_Scanner that finditer and
 * re.Scanner step through.
 *
 * Subjects: an ASCII str and any bytes-like object are matched in place,
 * one byte per character; another str is decoded once into code points (a
 * SreText, cached for the last such string, which also maps character
 * indices back to UTF-8 offsets for slicing).  A bytes-like subject is held
 * through a buffer export while the engine may call back into Python. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "runtime/objimpl.h"
#include "stdlib/_sre.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/import.h"
#include "vm/vm.h"

/* ---- decoded text of a non-ASCII str ------------------------------------------------- */

#define TEXT_STEP 64 /* characters between two recorded UTF-8 offsets */

typedef struct SreText {
    Obj hdr;
    Value str;
    uint32_t *chars;
    size_t *offs;    /* offs[k]: byte offset of character k * TEXT_STEP */
    int64_t n;
} SreText;

static void text_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((SreText *)o)->str); }
static void text_finalize(VM *vm, Obj *o)
{
    SreText *t = (SreText *)o;
    free(t->chars);
    free(t->offs);
    t->chars = NULL;
    t->offs = NULL;
}

static Type text_type = {
    .name = "_sre.SRE_Text", .instance_size = sizeof(SreText), .trace = text_trace,
    .finalize = text_finalize,
};

static Value last_text; /* rooted: the text of the last non-ASCII subject */

/* A sequence rt_utf8_decode refuses (a surrogate's encoding): the length
 * its lead byte announces, as str's character count assumes, and its bits. */
static size_t lenient_decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
    size_t n = p[0] < 0xC0 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
    if (n > avail)
        n = avail;
    uint32_t v = n == 1 ? p[0] : p[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        v = v << 6 | (p[i] & 0x3F);
    *cp = v;
    return n;
}

static Value text_for(VM *vm, Value str)
{
    if (last_text && ((SreText *)v_obj(last_text))->str == str)
        return last_text;
    Str *s = v_str(str);
    SreText *t = rt_alloc(vm, &text_type, sizeof(SreText));
    if (!t)
        return VNULL;
    t->str = str;
    t->n = (int64_t)s->nchars;
    t->chars = malloc((s->nchars + 1) * sizeof(uint32_t));
    t->offs = malloc((s->nchars / TEXT_STEP + 1) * sizeof(size_t));
    if (!t->chars || !t->offs)
        return rt_no_memory(vm);
    size_t b = 0;
    for (size_t i = 0; i < s->nchars; i++) {
        if (i % TEXT_STEP == 0)
            t->offs[i / TEXT_STEP] = b;
        uint32_t cp;
        size_t k = rt_utf8_decode(s->data + b, s->len - b, &cp);
        if (!k)
            k = lenient_decode((const unsigned char *)s->data + b, s->len - b, &cp);
        t->chars[i] = cp;
        b += k;
    }
    if (s->nchars % TEXT_STEP == 0)
        t->offs[s->nchars / TEXT_STEP] = b;
    last_text = v_from(t);
    return last_text;
}

static inline size_t utf8_len(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

static size_t text_offset(const SreText *t, int64_t i)
{
    int64_t k = i / TEXT_STEP * TEXT_STEP;
    size_t b = t->offs[i / TEXT_STEP];
    for (; k < i; k++)
        b += utf8_len(t->chars[k]);
    return b;
}

/* ---- subjects ------------------------------------------------------------------------ */

typedef struct SreSubject {
    Value obj;          /* the string as given */
    Value text;         /* SreText of a non-ASCII str, else VNULL */
    const void *data;
    int charsize;
    int64_t length;
    bool isbytes, has_buf;
    RtBuffer buf;
} SreSubject;

/* CPython's getstring(): str or a bytes-like object.  export: hold the
 * buffer (release with subject_release) because Python code may run. */
static bool subject_get(VM *vm, Value string, SreSubject *sj, bool export)
{
    memset(sj, 0, sizeof *sj);
    sj->obj = string;
    if (v_is_str(string)) {
        Str *s = v_str(string);
        if (s->ascii) {
            sj->data = s->data;
            sj->charsize = 1;
        } else {
            if (!(sj->text = text_for(vm, string)))
                return false;
            sj->data = ((SreText *)v_obj(sj->text))->chars;
            sj->charsize = 4;
        }
        sj->length = (int64_t)s->nchars;
        return true;
    }
    if (!rt_has_buffer(string)) {
        rt_raise(vm, &rt_exc_TypeError, "expected string or bytes-like object, got '%.200s'",
                 rt_type_name(string));
        return false;
    }
    if (!rt_get_buffer(vm, string, &sj->buf, export ? RT_BUF_EXPORT : 0))
        return false;
    sj->has_buf = export;
    sj->data = sj->buf.ptr;
    sj->charsize = 1;
    sj->length = (int64_t)sj->buf.len;
    sj->isbytes = true;
    return true;
}

static void subject_release(VM *vm, SreSubject *sj)
{
    if (sj->has_buf) {
        rt_buffer_release(vm, &sj->buf);
        sj->has_buf = false;
    }
}

/* string[a:b] as CPython's getslice gives it: bytes for any bytes-like
 * subject, str (exact) for a str. */
static Value slice_of(VM *vm, Value string, Value text, int64_t a, int64_t b)
{
    if (a < 0 || b < a)
        a = b = 0;
    if (v_is_str(string)) {
        Str *s = v_str(string);
        if (s->ascii)
            return rt_str_substr(vm, string, (size_t)a, (size_t)b);
        if (!text && !(text = text_for(vm, string)))
            return VNULL;
        const SreText *t = (const SreText *)v_obj(text);
        return rt_str_substr(vm, string, text_offset(t, a), text_offset(t, b));
    }
    if (v_is(string, &rt_bytes_type)) {
        Bytes *by = (Bytes *)v_obj(string);
        if (a == 0 && (size_t)b == by->len)
            return string;
        return rt_bytes_new(vm, by->data + a, (size_t)(b - a));
    }
    RtBuffer buf;
    if (!rt_get_buffer(vm, string, &buf, 0))
        return VNULL;
    if ((size_t)b > buf.len)
        b = (int64_t)buf.len;
    if (a > b)
        a = b;
    Value r = rt_bytes_new(vm, buf.ptr + a, (size_t)(b - a));
    rt_buffer_release(vm, &buf);
    return r;
}

/* ---- Pattern ------------------------------------------------------------------------- */

typedef struct SrePattern {
    Obj hdr;
    Value pattern;     /* str, bytes or None */
    Value groupindex;  /* dict name -> index */
    Value indexgroup;  /* tuple index -> name or None */
    int64_t flags;
    int groups;
    int isbytes;       /* -1: no pattern string (either kind of subject) */
    SreCode prog;
} SrePattern;

typedef struct SreMatch {
    Obj hdr;
    Value string, pattern, text;
    int64_t pos, endpos, lastindex;
    int ngroups;       /* groups + 1 */
    int64_t marks[];   /* start, end of each group; -1 when unmatched */
} SreMatch;

typedef struct SreScanner {
    Obj hdr;
    Value pattern;
    SreSubject sj;
    SreState st;
    bool done;
} SreScanner;

static Type pattern_type, match_type, scanner_type;

static inline SrePattern *PAT(Value v) { return (SrePattern *)v_obj(v); }
static inline SreMatch *MAT(Value v) { return (SreMatch *)v_obj(v); }

static void pattern_trace(VM *vm, Obj *o)
{
    SrePattern *p = (SrePattern *)o;
    rt_gc_mark(vm, p->pattern);
    rt_gc_mark(vm, p->groupindex);
    rt_gc_mark(vm, p->indexgroup);
}

static void pattern_finalize(VM *vm, Obj *o)
{
    sre_code_free(&((SrePattern *)o)->prog);
}

static Value engine_error(VM *vm, int status)
{
    if (status == SRE_ERROR_MEMORY)
        return rt_no_memory(vm);
    if (status == SRE_ERROR_INTERRUPTED) {
        vm->interrupted = 0;
        return rt_raise_value(vm, v_from(&rt_exc_KeyboardInterrupt));
    }
    return rt_raise(vm, &rt_exc_RuntimeError, "internal error in regular expression engine");
}

/* CPython's state_init: the subject must suit the pattern; pos/endpos clamp. */
static bool state_init(VM *vm, SreState *st, Value pattern, const SreSubject *sj, int64_t pos, int64_t endpos)
{
    SrePattern *p = PAT(pattern);
    if (p->isbytes == 0 && sj->isbytes) {
        rt_raise(vm, &rt_exc_TypeError, "cannot use a string pattern on a bytes-like object");
        return false;
    }
    if (p->isbytes == 1 && !sj->isbytes) {
        rt_raise(vm, &rt_exc_TypeError, "cannot use a bytes pattern on a string-like object");
        return false;
    }
    memset(st, 0, sizeof *st);
    pos = pos < 0 ? 0 : pos > sj->length ? sj->length : pos;
    endpos = endpos < 0 ? 0 : endpos > sj->length ? sj->length : endpos;
    st->str = sj->data;
    st->charsize = sj->charsize;
    st->length = sj->length;
    st->pos = st->start = pos;
    st->endpos = endpos;
    st->ngroups = p->groups;
    st->code = p->prog.code;
    st->prog = &p->prog;
    st->interrupted = &vm->interrupted;
    return true;
}

static Value match_new(VM *vm, Value pattern, const SreSubject *sj, const SreState *st)
{
    int ngroups = PAT(pattern)->groups + 1;
    SreMatch *m = rt_alloc(vm, &match_type, sizeof(SreMatch) + 2 * (size_t)ngroups * sizeof(int64_t));
    if (!m)
        return VNULL;
    m->string = sj->obj;
    m->pattern = pattern;
    m->text = sj->text;
    m->pos = st->pos;
    m->endpos = st->endpos;
    m->ngroups = ngroups;
    m->marks[0] = st->start;
    m->marks[1] = st->ptr;
    for (int g = 1; g < ngroups; g++) {
        int64_t a = sre_mark(st, 2 * g - 2), b = sre_mark(st, 2 * g - 1);
        if (a < 0 || b < 0 || b < a)
            a = b = -1;
        m->marks[2 * g] = a;
        m->marks[2 * g + 1] = b;
    }
    m->lastindex = sre_lastindex(st);
    return v_from(m);
}

/* A method's (string, pos=0, endpos=sys.maxsize) arguments. */
static bool string_pos_args(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, Value *string,
                            int64_t *pos, int64_t *endpos)
{
    static const char *const names[] = {"string", "pos", "endpos", NULL};
    Value a[3];
    if (!rt_parse_args(vm, fname, argc - 1, argv + 1, kwnames, names, 0, 1, a))
        return false;
    *string = a[0];
    *pos = 0;
    *endpos = INT64_MAX;
    return (!a[1] || mp_as_ssize(vm, a[1], pos)) && (!a[2] || mp_as_ssize(vm, a[2], endpos));
}

enum { RUN_MATCH, RUN_FULLMATCH, RUN_SEARCH };

static Value pattern_run(VM *vm, int argc, Value *argv, Value kwnames, const char *fname, int how)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, fname, argc, argv, kwnames, &string, &pos, &endpos))
        return VNULL;
    SreSubject sj;
    SreState st;
    if (!subject_get(vm, string, &sj, false))
        return VNULL;
    Value r = VNULL;
    if (state_init(vm, &st, argv[0], &sj, pos, endpos)) {
        st.match_all = how == RUN_FULLMATCH;
        int status = how == RUN_SEARCH ? sre_search(&st) : sre_match(&st);
        if (status < 0)
            engine_error(vm, status);
        else
            r = status ? match_new(vm, argv[0], &sj, &st) : rt_None;
        sre_state_free(&st);
    }
    subject_release(vm, &sj);
    return r;
}

static Value pat_match(VM *vm, int argc, Value *argv, Value kw)
{
    return pattern_run(vm, argc, argv, kw, "match", RUN_MATCH);
}
static Value pat_fullmatch(VM *vm, int argc, Value *argv, Value kw)
{
    return pattern_run(vm, argc, argv, kw, "fullmatch", RUN_FULLMATCH);
}
static Value pat_search(VM *vm, int argc, Value *argv, Value kw)
{
    return pattern_run(vm, argc, argv, kw, "search", RUN_SEARCH);
}

/* Group g of a matched state as a str/bytes; unmatched: the empty slice
 * (empty) or None. */
static Value state_group(VM *vm, const SreSubject *sj, const SreState *st, int g, bool empty)
{
    int64_t a = sre_mark(st, 2 * g - 2), b = sre_mark(st, 2 * g - 1);
    if (a < 0 || b < 0 || b < a) {
        if (!empty)
            return rt_None;
        a = b = 0;
    }
    return slice_of(vm, sj->obj, sj->text, a, b);
}

static Value pat_findall(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "findall", argc, argv, kwnames, &string, &pos, &endpos))
        return VNULL;
    SreSubject sj;
    SreState st;
    if (!subject_get(vm, string, &sj, false))
        return VNULL;
    if (!state_init(vm, &st, argv[0], &sj, pos, endpos)) {
        subject_release(vm, &sj);
        return VNULL;
    }
    int groups = PAT(argv[0])->groups;
    Value list = rt_list_new(vm, 0);
    while (list && st.start <= st.endpos) {
        int status = sre_search(&st);
        if (status <= 0) {
            if (status < 0)
                list = engine_error(vm, status);
            break;
        }
        Value item;
        if (groups == 0) {
            item = slice_of(vm, sj.obj, sj.text, st.start, st.ptr);
        } else if (groups == 1) {
            item = state_group(vm, &sj, &st, 1, true);
        } else {
            item = rt_tuple_new(vm, (size_t)groups);
            for (int g = 0; item && g < groups; g++) {
                Value v = state_group(vm, &sj, &st, g + 1, true);
                if (!v)
                    item = VNULL;
                else
                    v_tuple(item)->items[g] = v;
            }
        }
        if (!item || !rt_list_append(vm, list, item)) {
            list = VNULL;
            break;
        }
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    sre_state_free(&st);
    subject_release(vm, &sj);
    return list;
}

static Value scanner_make(VM *vm, Value pattern, Value string, int64_t pos, int64_t endpos)
{
    SreScanner *sc = rt_alloc(vm, &scanner_type, sizeof(SreScanner));
    if (!sc)
        return VNULL;
    sc->pattern = pattern;
    sc->done = true;
    if (!subject_get(vm, string, &sc->sj, true))
        return VNULL;
    if (!state_init(vm, &sc->st, pattern, &sc->sj, pos, endpos)) {
        subject_release(vm, &sc->sj);
        return VNULL;
    }
    sc->done = false;
    return v_from(sc);
}

static Value pat_scanner(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "scanner", argc, argv, kwnames, &string, &pos, &endpos))
        return VNULL;
    return scanner_make(vm, argv[0], string, pos, endpos);
}

static Value pat_finditer(VM *vm, int argc, Value *argv, Value kwnames)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "finditer", argc, argv, kwnames, &string, &pos, &endpos))
        return VNULL;
    Value sc = scanner_make(vm, argv[0], string, pos, endpos);
    if (!sc)
        return VNULL;
    Value search = rt_getattr_cstr(vm, sc, "search");
    Value iter = search ? rt_dict_get_cstr(vm, ((Module *)v_obj(vm->builtins_module))->dict, "iter") : VNULL;
    return iter ? rt_call2(vm, iter, search, rt_None) : VNULL;
}

static Value pat_split(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"string", "maxsplit", NULL};
    Value a[2];
    int64_t maxsplit = 0;
    if (!rt_parse_args(vm, "split", argc - 1, argv + 1, kwnames, names, 0, 1, a) ||
        (a[1] && !mp_as_ssize(vm, a[1], &maxsplit)))
        return VNULL;
    SreSubject sj;
    SreState st;
    if (!subject_get(vm, a[0], &sj, false))
        return VNULL;
    if (!state_init(vm, &st, argv[0], &sj, 0, INT64_MAX)) {
        subject_release(vm, &sj);
        return VNULL;
    }
    int groups = PAT(argv[0])->groups;
    Value list = rt_list_new(vm, 0);
    int64_t n = 0, last = st.start;
    while (list && (!maxsplit || n < maxsplit)) {
        int status = sre_search(&st);
        if (status <= 0) {
            if (status < 0)
                list = engine_error(vm, status);
            break;
        }
        Value item = slice_of(vm, sj.obj, sj.text, last, st.start);
        if (!item || !rt_list_append(vm, list, item)) {
            list = VNULL;
            break;
        }
        for (int g = 1; list && g <= groups; g++) {
            item = state_group(vm, &sj, &st, g, false);
            if (!item || !rt_list_append(vm, list, item))
                list = VNULL;
        }
        n++;
        st.must_advance = st.ptr == st.start;
        last = st.start = st.ptr;
    }
    if (list) {
        Value item = slice_of(vm, sj.obj, sj.text, last, st.endpos);
        if (!item || !rt_list_append(vm, list, item))
            list = VNULL;
    }
    sre_state_free(&st);
    subject_release(vm, &sj);
    return list;
}

static bool is_callable(VM *vm, Value v)
{
    Type *t = v_type(v);
    if (!t->call)
        return false;
    return !(t->flags & TF_CLASS) || rt_lookup_type_attr(t, vm->names.__call__) != VNULL;
}

/* Calls re.<name>(*args), as CPython's sre.c does for the template work. */
static Value call_re(VM *vm, const char *name, int argc, Value *argv)
{
    Value mod = vm_import(vm, rt_str_intern_cstr(vm, "re"), NULL, rt_None, 0);
    Value f = mod ? rt_getattr_cstr(vm, mod, name) : VNULL;
    return f ? rt_call(vm, f, argc, argv, VNULL) : VNULL;
}

/* Does the replacement contain no backslash (so it is used as it is)? */
static bool repl_is_literal(VM *vm, Value repl)
{
    if (v_is_str(repl))
        return memchr(v_str(repl)->data, '\\', v_str(repl)->len) == NULL;
    if (!rt_has_buffer(repl))
        return false;
    RtBuffer buf;
    if (!rt_get_buffer(vm, repl, &buf, 0)) {
        vm->exc = VNULL;
        return false;
    }
    bool lit = memchr(buf.ptr, '\\', buf.len) == NULL;
    rt_buffer_release(vm, &buf);
    return lit;
}

static Value join_pieces(VM *vm, const SreSubject *sj, Value list)
{
    Value joiner = slice_of(vm, sj->obj, sj->text, 0, 0);
    if (!joiner || v_list(list)->len == 0)
        return joiner;
    if (!sj->isbytes)
        return rt_str_join(vm, joiner, list);
    return rt_call_method(vm, joiner, "join", 1, &list);
}

static Value pattern_subx(VM *vm, Value self, Value repl, Value string, int64_t count, bool subn)
{
    Value filter = repl;
    bool callable = is_callable(vm, repl);
    if (!callable && !repl_is_literal(vm, repl)) {
        Value args[2] = {self, repl};
        if (!(filter = call_re(vm, "_subx", 2, args)))
            return VNULL;
        callable = is_callable(vm, filter);
    }
    SreSubject sj;
    SreState st;
    if (!subject_get(vm, string, &sj, true))
        return VNULL;
    if (!state_init(vm, &st, self, &sj, 0, INT64_MAX)) {
        subject_release(vm, &sj);
        return VNULL;
    }
    Value list = rt_list_new(vm, 0);
    int64_t n = 0, i = 0;
    while (list && (!count || n < count)) {
        int status = sre_search(&st);
        if (status <= 0) {
            if (status < 0)
                list = engine_error(vm, status);
            break;
        }
        int64_t b = st.start, e = st.ptr;
        if (i < b) {
            Value item = slice_of(vm, sj.obj, sj.text, i, b);
            if (!item || !rt_list_append(vm, list, item)) {
                list = VNULL;
                break;
            }
        }
        Value item = filter;
        if (callable) {
            Value m = match_new(vm, self, &sj, &st);
            item = m ? rt_call1(vm, filter, m) : VNULL;
        }
        if (!item || (item != rt_None && !rt_list_append(vm, list, item))) {
            list = VNULL;
            break;
        }
        i = e;
        n++;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    if (list && i < st.endpos) {
        Value item = slice_of(vm, sj.obj, sj.text, i, st.endpos);
        if (!item || !rt_list_append(vm, list, item))
            list = VNULL;
    }
    sre_state_free(&st);
    subject_release(vm, &sj);
    Value r = list ? join_pieces(vm, &sj, list) : VNULL;
    if (!r || !subn)
        return r;
    Value cnt = rt_int_from_i64(vm, n);
    return cnt ? rt_tuple_pack(vm, 2, r, cnt) : VNULL;
}

static Value sub_common(VM *vm, int argc, Value *argv, Value kwnames, const char *fname, bool subn)
{
    static const char *const names[] = {"repl", "string", "count", NULL};
    Value a[3];
    int64_t count = 0;
    if (!rt_parse_args(vm, fname, argc - 1, argv + 1, kwnames, names, 0, 2, a) ||
        (a[2] && !mp_as_ssize(vm, a[2], &count)))
        return VNULL;
    return pattern_subx(vm, argv[0], a[0], a[1], count, subn);
}

static Value pat_sub(VM *vm, int argc, Value *argv, Value kw) { return sub_common(vm, argc, argv, kw, "sub", false); }
static Value pat_subn(VM *vm, int argc, Value *argv, Value kw) { return sub_common(vm, argc, argv, kw, "subn", true); }

/* "Pattern.name" / "Match.name" for the messages of methods CPython
 * declares with their class name. */
static const char *qualified(char *buf, size_t n, Type *t, const char *name)
{
    snprintf(buf, n, "%s.%s", t->name_str ? v_cstr(t->name_str) : t->name, name);
    return buf;
}

static Value return_self(VM *vm, int argc, Value *argv, Value kwnames)
{
    char buf[64];
    const char *f = qualified(buf, sizeof buf, v_type(argv[0]), "__copy__");
    if (!mp_no_kw(vm, f, kwnames) || !rt_check_nargs(vm, f, argc - 1, 0, 0))
        return VNULL;
    return argv[0];
}

static Value return_self_memo(VM *vm, int argc, Value *argv, Value kwnames)
{
    char buf[64];
    const char *f = qualified(buf, sizeof buf, v_type(argv[0]), "__deepcopy__");
    if (!mp_no_kw(vm, f, kwnames) || !rt_check_nargs(vm, f, argc - 1, 1, 1))
        return VNULL;
    return argv[0];
}

static Value class_getitem(VM *vm, int argc, Value *argv, Value kwnames)
{
    char buf[64];
    if (!rt_check_nargs(vm, qualified(buf, sizeof buf, (Type *)v_obj(argv[0]), "__class_getitem__"), argc - 1, 1, 1))
        return VNULL;
    return rt_generic_alias_new(vm, argv[0], argv[1]);
}

/* CPython's read-only members (PyMemberDef READONLY) refuse assignment
 * with this message, where its getsets say "... is not writable". */
static int readonly_member(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static Value pattern_repr(VM *vm, Value self)
{
    static const struct { const char *name; int64_t value; } flag_names[] = {
        {"re.TEMPLATE", SRE_FLAG_TEMPLATE}, {"re.IGNORECASE", SRE_FLAG_IGNORECASE},
        {"re.LOCALE", SRE_FLAG_LOCALE},     {"re.MULTILINE", SRE_FLAG_MULTILINE},
        {"re.DOTALL", SRE_FLAG_DOTALL},     {"re.UNICODE", SRE_FLAG_UNICODE},
        {"re.VERBOSE", SRE_FLAG_VERBOSE},   {"re.DEBUG", SRE_FLAG_DEBUG},
        {"re.ASCII", SRE_FLAG_ASCII},
    };
    SrePattern *p = PAT(self);
    Value r = rt_repr(vm, p->pattern);
    if (!r)
        return VNULL;
    StrBuf b;
    sb_init(&b);
    sb_adds(vm, &b, "re.compile(");
    /* %.200R: at most 200 characters of the repr */
    Str *rs = v_str(r);
    size_t cut = rs->nchars > 200 ? rt_str_offset(rs, 200) : rs->len;
    sb_add(vm, &b, rs->data, cut);
    int64_t flags = p->flags;
    if (p->isbytes == 0 && (flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII)) == SRE_FLAG_UNICODE)
        flags &= ~(int64_t)SRE_FLAG_UNICODE;
    bool first = true;
    for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++) {
        if (flags & flag_names[i].value) {
            sb_adds(vm, &b, first ? ", " : "|");
            sb_adds(vm, &b, flag_names[i].name);
            flags &= ~flag_names[i].value;
            first = false;
        }
    }
    if (flags)
        sb_printf(vm, &b, "%s0x%llx", first ? ", " : "|", (unsigned long long)flags);
    sb_addc(vm, &b, ')');
    return sb_finish(vm, &b);
}

static Value pattern_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !v_isa(b, &pattern_type))
        return rt_NotImplemented;
    if (a == b)
        return rt_bool(op == CMP_EQ);
    SrePattern *x = PAT(a), *y = PAT(b);
    bool eq = x->flags == y->flags && x->isbytes == y->isbytes && x->prog.size == y->prog.size &&
              memcmp(x->prog.code, y->prog.code, x->prog.size * sizeof(uint32_t)) == 0;
    if (eq) {
        int r = rt_eq(vm, x->pattern, y->pattern);
        if (r < 0)
            return VNULL;
        eq = r;
    }
    return rt_bool(eq == (op == CMP_EQ));
}

static int64_t pattern_hash(VM *vm, Value self)
{
    SrePattern *p = PAT(self);
    int64_t h = rt_hash(vm, p->pattern);
    if (h == -1 && vm->exc)
        return -1;
    uint64_t x = 1469598103934665603ull;
    for (size_t i = 0; i < p->prog.size; i++)
        x = (x ^ p->prog.code[i]) * 1099511628211ull;
    h ^= (int64_t)(x >> 1);
    h ^= p->flags ^ p->isbytes ^ (int64_t)p->prog.size;
    return h == -1 ? -2 : h;
}

static Value pat_get_pattern(VM *vm, Value self) { return PAT(self)->pattern; }
static Value pat_get_flags(VM *vm, Value self) { return rt_int_from_i64(vm, PAT(self)->flags); }
static Value pat_get_groups(VM *vm, Value self) { return v_from_small(PAT(self)->groups); }
static Value pat_get_groupindex(VM *vm, Value self)
{
    Value gi = PAT(self)->groupindex;
    if (rt_len(vm, gi) == 0)
        return rt_dict_new(vm);
    return rt_mappingproxy_new(vm, gi);
}

static const NativeDef pattern_methods[] = {
    {"match", pat_match, NF_KEYWORDS},
    {"fullmatch", pat_fullmatch, NF_KEYWORDS},
    {"search", pat_search, NF_KEYWORDS},
    {"sub", pat_sub, NF_KEYWORDS},
    {"subn", pat_subn, NF_KEYWORDS},
    {"findall", pat_findall, NF_KEYWORDS},
    {"split", pat_split, NF_KEYWORDS},
    {"finditer", pat_finditer, NF_KEYWORDS},
    {"scanner", pat_scanner, NF_KEYWORDS},
    {"__copy__", return_self, 0},
    {"__deepcopy__", return_self_memo, 0},
    {"__class_getitem__", class_getitem, NF_CLASSMETHOD},
    {NULL, NULL, 0},
};

static const GetSetDef pattern_getsets[] = {
    {"pattern", pat_get_pattern, readonly_member},
    {"flags", pat_get_flags, readonly_member},
    {"groups", pat_get_groups, readonly_member},
    {"groupindex", pat_get_groupindex, NULL},
    {NULL, NULL, NULL},
};

/* ---- Match --------------------------------------------------------------------------- */

static void match_trace(VM *vm, Obj *o)
{
    SreMatch *m = (SreMatch *)o;
    rt_gc_mark(vm, m->string);
    rt_gc_mark(vm, m->pattern);
    rt_gc_mark(vm, m->text);
}

/* CPython's match_getindex: an int, or a group name. */
static bool match_index(VM *vm, Value self, Value index, int *out)
{
    SreMatch *m = MAT(self);
    int64_t i = -1;
    if (rt_is_int(index) || rt_lookup_special(vm, index, rt_str_intern_cstr(vm, "__index__"))) {
        Value n = rt_index(vm, index);
        if (!n)
            return false;
        if (!rt_as_i64(vm, n, &i)) {
            vm->exc = VNULL;
            i = rt_int_sign(n) < 0 ? -1 : INT64_MAX;
        }
    } else if (vm->exc) {
        return false;
    } else {
        bool err = false;
        Value v = rt_dict_get(vm, (Dict *)v_obj(PAT(m->pattern)->groupindex), index, &err);
        if (err)
            return false;
        if (v && rt_is_int(v) && !rt_as_i64(vm, v, &i)) {
            vm->exc = VNULL;
            i = -1;
        }
    }
    if (i < 0 || i >= m->ngroups) {
        rt_raise(vm, &rt_exc_IndexError, "no such group");
        return false;
    }
    *out = (int)i;
    return true;
}

static Value match_slice(VM *vm, Value self, int g, Value dflt)
{
    SreMatch *m = MAT(self);
    if (m->marks[2 * g] < 0)
        return dflt;
    return slice_of(vm, m->string, m->text, m->marks[2 * g], m->marks[2 * g + 1]);
}

static Value match_group_of(VM *vm, Value self, Value index)
{
    int g;
    return match_index(vm, self, index, &g) ? match_slice(vm, self, g, rt_None) : VNULL;
}

static Value m_group(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!mp_no_kw(vm, "Match.group", kwnames))
        return VNULL;
    if (argc == 1)
        return match_slice(vm, argv[0], 0, rt_None);
    if (argc == 2)
        return match_group_of(vm, argv[0], argv[1]);
    Value t = rt_tuple_new(vm, (size_t)argc - 1);
    for (int i = 1; t && i < argc; i++) {
        Value v = match_group_of(vm, argv[0], argv[i]);
        if (!v)
            return VNULL;
        v_tuple(t)->items[i - 1] = v;
    }
    return t;
}

static Value match_getitem(VM *vm, Value self, Value key) { return match_group_of(vm, self, key); }

static Value m_groups(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"default", NULL};
    Value dflt;
    if (!rt_parse_args(vm, "groups", argc - 1, argv + 1, kwnames, names, 0, 0, &dflt))
        return VNULL;
    SreMatch *m = MAT(argv[0]);
    Value t = rt_tuple_new(vm, (size_t)m->ngroups - 1);
    for (int g = 1; t && g < m->ngroups; g++) {
        Value v = match_slice(vm, argv[0], g, dflt ? dflt : rt_None);
        if (!v)
            return VNULL;
        v_tuple(t)->items[g - 1] = v;
    }
    return t;
}

static Value m_groupdict(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"default", NULL};
    Value dflt;
    if (!rt_parse_args(vm, "groupdict", argc - 1, argv + 1, kwnames, names, 0, 0, &dflt))
        return VNULL;
    Dict *gi = (Dict *)v_obj(PAT(MAT(argv[0])->pattern)->groupindex);
    Value d = rt_dict_new(vm);
    size_t it = 0;
    Value k, v;
    while (d && rt_dict_next(gi, &it, &k, &v)) {
        int g;
        if (!match_index(vm, argv[0], k, &g))
            return VNULL;
        Value s = match_slice(vm, argv[0], g, dflt ? dflt : rt_None);
        if (!s || !rt_dict_set(vm, (Dict *)v_obj(d), k, s))
            return VNULL;
    }
    return d;
}

static bool group_arg(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, int *g)
{
    char buf[32];
    if (!mp_no_kw(vm, qualified(buf, sizeof buf, &match_type, fname), kwnames) ||
        !rt_check_nargs(vm, fname, argc - 1, 0, 1))
        return false;
    *g = 0;
    return argc == 1 || match_index(vm, argv[0], argv[1], g);
}

static Value m_start(VM *vm, int argc, Value *argv, Value kwnames)
{
    int g;
    return group_arg(vm, "start", argc, argv, kwnames, &g) ? rt_int_from_i64(vm, MAT(argv[0])->marks[2 * g]) : VNULL;
}

static Value m_end(VM *vm, int argc, Value *argv, Value kwnames)
{
    int g;
    return group_arg(vm, "end", argc, argv, kwnames, &g) ? rt_int_from_i64(vm, MAT(argv[0])->marks[2 * g + 1]) : VNULL;
}

static Value span_of(VM *vm, SreMatch *m, int g)
{
    return rt_tuple_pack(vm, 2, rt_int_from_i64(vm, m->marks[2 * g]), rt_int_from_i64(vm, m->marks[2 * g + 1]));
}

static Value m_span(VM *vm, int argc, Value *argv, Value kwnames)
{
    int g;
    return group_arg(vm, "span", argc, argv, kwnames, &g) ? span_of(vm, MAT(argv[0]), g) : VNULL;
}

static Value m_expand(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"template", NULL};
    Value tmpl;
    if (!rt_parse_args(vm, "expand", argc - 1, argv + 1, kwnames, names, 0, 1, &tmpl))
        return VNULL;
    Value args[3] = {MAT(argv[0])->pattern, argv[0], tmpl};
    return call_re(vm, "_expand", 3, args);
}

static Value match_repr(VM *vm, Value self)
{
    SreMatch *m = MAT(self);
    Value g0 = match_slice(vm, self, 0, rt_None);
    Value r = g0 ? rt_repr(vm, g0) : VNULL;
    if (!r)
        return VNULL;
    Str *rs = v_str(r);
    size_t cut = rs->nchars > 50 ? rt_str_offset(rs, 50) : rs->len;
    StrBuf b;
    sb_init(&b);
    sb_printf(vm, &b, "<%s object; span=(%lld, %lld), match=", v_type(self)->name, (long long)m->marks[0],
              (long long)m->marks[1]);
    sb_add(vm, &b, rs->data, cut);
    sb_addc(vm, &b, '>');
    return sb_finish(vm, &b);
}

static Value mat_get_string(VM *vm, Value self) { return MAT(self)->string; }
static Value mat_get_re(VM *vm, Value self) { return MAT(self)->pattern; }
static Value mat_get_pos(VM *vm, Value self) { return rt_int_from_i64(vm, MAT(self)->pos); }
static Value mat_get_endpos(VM *vm, Value self) { return rt_int_from_i64(vm, MAT(self)->endpos); }
static Value mat_get_lastindex(VM *vm, Value self)
{
    int64_t i = MAT(self)->lastindex;
    return i >= 0 ? rt_int_from_i64(vm, i) : rt_None;
}
static Value mat_get_lastgroup(VM *vm, Value self)
{
    SreMatch *m = MAT(self);
    Value ig = PAT(m->pattern)->indexgroup;
    if (m->lastindex < 0 || !v_is(ig, &rt_tuple_type) || (size_t)m->lastindex >= v_tuple(ig)->len)
        return rt_None;
    return v_tuple(ig)->items[m->lastindex];
}
static Value mat_get_regs(VM *vm, Value self)
{
    SreMatch *m = MAT(self);
    Value t = rt_tuple_new(vm, (size_t)m->ngroups);
    for (int g = 0; t && g < m->ngroups; g++) {
        Value s = span_of(vm, m, g);
        if (!s)
            return VNULL;
        v_tuple(t)->items[g] = s;
    }
    return t;
}

static const NativeDef match_methods[] = {
    {"group", m_group, NF_KEYWORDS},
    {"start", m_start, NF_KEYWORDS},
    {"end", m_end, NF_KEYWORDS},
    {"span", m_span, NF_KEYWORDS},
    {"groups", m_groups, NF_KEYWORDS},
    {"groupdict", m_groupdict, NF_KEYWORDS},
    {"expand", m_expand, NF_KEYWORDS},
    {"__copy__", return_self, 0},
    {"__deepcopy__", return_self_memo, 0},
    {"__class_getitem__", class_getitem, NF_CLASSMETHOD},
    {NULL, NULL, 0},
};

static const GetSetDef match_getsets[] = {
    {"string", mat_get_string, readonly_member},
    {"re", mat_get_re, readonly_member},
    {"pos", mat_get_pos, readonly_member},
    {"endpos", mat_get_endpos, readonly_member},
    {"lastindex", mat_get_lastindex, NULL},
    {"lastgroup", mat_get_lastgroup, NULL},
    {"regs", mat_get_regs, NULL},
    {NULL, NULL, NULL},
};

/* ---- Scanner ------------------------------------------------------------------------- */

static void scanner_trace(VM *vm, Obj *o)
{
    SreScanner *sc = (SreScanner *)o;
    rt_gc_mark(vm, sc->pattern);
    rt_gc_mark(vm, sc->sj.obj);
    rt_gc_mark(vm, sc->sj.text);
    rt_gc_mark(vm, sc->sj.buf.obj);
}

static void scanner_finalize(VM *vm, Obj *o)
{
    SreScanner *sc = (SreScanner *)o;
    sre_state_free(&sc->st);
    subject_release(vm, &sc->sj);
}

static Value scanner_step(VM *vm, int argc, Value *argv, Value kwnames, const char *fname, bool search)
{
    /* CPython's defining-class methods ignore keywords here */
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments", fname);
    SreScanner *sc = (SreScanner *)v_obj(argv[0]);
    if (sc->done)
        return rt_None;
    SreState *st = &sc->st;
    st->match_all = false;
    int status = search ? sre_search(st) : sre_match(st);
    if (status < 0)
        return engine_error(vm, status);
    if (status == 0) {
        sc->done = true;
        return rt_None;
    }
    Value m = match_new(vm, sc->pattern, &sc->sj, st);
    st->must_advance = st->ptr == st->start;
    st->start = st->ptr;
    return m;
}

static Value sc_match(VM *vm, int argc, Value *argv, Value kw) { return scanner_step(vm, argc, argv, kw, "match", false); }
static Value sc_search(VM *vm, int argc, Value *argv, Value kw) { return scanner_step(vm, argc, argv, kw, "search", true); }
static Value sc_get_pattern(VM *vm, Value self) { return ((SreScanner *)v_obj(self))->pattern; }

static const NativeDef scanner_methods[] = {
    {"match", sc_match, NF_KEYWORDS},
    {"search", sc_search, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef scanner_getsets[] = {
    {"pattern", sc_get_pattern, readonly_member},
    {NULL, NULL, NULL},
};

static Type pattern_type = {
    .name = "re.Pattern", .instance_size = sizeof(SrePattern), .trace = pattern_trace,
    .finalize = pattern_finalize, .repr = pattern_repr, .richcompare = pattern_richcompare,
    .hash = pattern_hash, .flags = TF_WEAKREF,
};

static Type match_type = {
    .name = "re.Match", .instance_size = sizeof(SreMatch), .trace = match_trace, .repr = match_repr,
    .getitem = match_getitem,
};

static Type scanner_type = {
    .name = "_sre.SRE_Scanner", .instance_size = sizeof(SreScanner), .trace = scanner_trace,
    .finalize = scanner_finalize,
};

/* ---- the module ---------------------------------------------------------------------- */

static Value sre_compile(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"pattern", "flags", "code", "groups", "groupindex", "indexgroup", NULL};
    Value a[6];
    int64_t flags, groups;
    if (!rt_parse_args(vm, "compile", argc, argv, kwnames, names, 0, 6, a))
        return VNULL;
    if (!rt_is_int(a[1]))
        return rt_raise(vm, &rt_exc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                        rt_type_name(a[1]));
    if (!v_isa(a[2], &rt_list_type))
        return rt_raise(vm, &rt_exc_TypeError, "compile() argument 'code' must be list, not %.50s",
                        rt_type_name(a[2]));
    if (!rt_as_i64(vm, a[1], &flags) || !mp_as_ssize(vm, a[3], &groups))
        return VNULL;
    if (!v_isa(a[4], &rt_dict_type))
        return rt_raise(vm, &rt_exc_TypeError, "compile() argument 'groupindex' must be dict, not %.50s",
                        rt_type_name(a[4]));
    if (!v_isa(a[5], &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "compile() argument 'indexgroup' must be tuple, not %.50s",
                        rt_type_name(a[5]));
    if (groups < 0 || groups > SRE_MAXGROUPS)
        return rt_raise(vm, &rt_exc_RuntimeError, "invalid SRE code");
    int isbytes = -1;
    if (a[0] != rt_None) {
        if (v_is_str(a[0]))
            isbytes = 0;
        else if (rt_has_buffer(a[0]))
            isbytes = 1;
        else
            return rt_raise(vm, &rt_exc_TypeError, "expected string or bytes-like object, got '%.200s'",
                            rt_type_name(a[0]));
    }
    List *code = v_list(a[2]);
    SrePattern *p = rt_alloc(vm, &pattern_type, sizeof(SrePattern));
    if (!p)
        return VNULL;
    p->pattern = a[0];
    p->groupindex = a[4];
    p->indexgroup = a[5];
    p->flags = flags;
    p->groups = (int)groups;
    p->isbytes = isbytes;
    /* one more word than given: a FAILURE the engine may read past a bad list */
    SreCode *prog = &p->prog;
    prog->code = malloc((code->len + 1) * sizeof(uint32_t));
    if (!prog->code)
        return rt_no_memory(vm);
    prog->size = code->len;
    prog->groups = (uint32_t)groups;
    for (size_t i = 0; i < code->len; i++) {
        Value w = code->items[i];
        int64_t x;
        if (!rt_is_int(w))
            return rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        if (!rt_as_i64(vm, w, &x) || x < 0 || x > (int64_t)UINT32_MAX) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_OverflowError, "regular expression code size limit exceeded");
        }
        prog->code[i] = (uint32_t)x;
    }
    prog->code[code->len] = SRE_OP_FAILURE;
    int ok = sre_prepare(prog);
    if (ok < 0)
        return rt_no_memory(vm);
    if (ok == 0)
        return rt_raise(vm, &rt_exc_RuntimeError, "invalid SRE code");
    return v_from(p);
}

static bool char_arg(VM *vm, const char *fname, int argc, Value *argv, int64_t *ch)
{
    if (!rt_check_nargs(vm, fname, argc, 1, 1))
        return false;
    if (!rt_is_int(argv[0])) {
        rt_raise(vm, &rt_exc_TypeError, "'%.200s' object cannot be interpreted as an integer", rt_type_name(argv[0]));
        return false;
    }
    if (!rt_as_i64(vm, argv[0], ch) || *ch < INT32_MIN || *ch > INT32_MAX) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    return true;
}

static Value sre_getcodesize(VM *vm, int argc, Value *argv, Value kw)
{
    return rt_check_nargs(vm, "getcodesize", argc, 0, 0) ? v_from_small(4) : VNULL;
}

static Value sre_ascii_iscased(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t ch;
    if (!char_arg(vm, "ascii_iscased", argc, argv, &ch))
        return VNULL;
    return rt_bool(ch < 128 && ((ch | 32) >= 'a' && (ch | 32) <= 'z'));
}

static Value mod_unicode_iscased(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t ch;
    if (!char_arg(vm, "unicode_iscased", argc, argv, &ch))
        return VNULL;
    return rt_bool(sre_unicode_iscased((uint32_t)ch));
}

static Value sre_ascii_tolower(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t ch;
    if (!char_arg(vm, "ascii_tolower", argc, argv, &ch))
        return VNULL;
    return v_from_small(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
}

static Value sre_unicode_tolower(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t ch;
    if (!char_arg(vm, "unicode_tolower", argc, argv, &ch))
        return VNULL;
    return v_from_small(sre_lower_unicode((uint32_t)ch));
}

static const NativeDef sre_functions[] = {
    {"compile", sre_compile, NF_KEYWORDS},
    {"getcodesize", sre_getcodesize, 0},
    {"ascii_iscased", sre_ascii_iscased, 0},
    {"unicode_iscased", mod_unicode_iscased, 0},
    {"ascii_tolower", sre_ascii_tolower, 0},
    {"unicode_tolower", sre_unicode_tolower, 0},
    {NULL, NULL, 0},
};

Value mp_sre_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_sre", &d);
    if (!m || !rt_add_functions(vm, d, sre_functions, rt_str_intern_cstr(vm, "_sre")))
        return VNULL;
    if (!pattern_type.dict) {
        if (!mp_type_ready(vm, &text_type, NULL) || !mp_type_ready(vm, &pattern_type, NULL) ||
            !mp_type_ready(vm, &match_type, NULL) || !mp_type_ready(vm, &scanner_type, NULL) ||
            !rt_add_methods(vm, &pattern_type, pattern_methods) ||
            !rt_add_getsets(vm, &pattern_type, pattern_getsets) ||
            !rt_add_methods(vm, &match_type, match_methods) || !rt_add_getsets(vm, &match_type, match_getsets) ||
            !rt_add_methods(vm, &scanner_type, scanner_methods) ||
            !rt_add_getsets(vm, &scanner_type, scanner_getsets))
            return VNULL;
        rt_gc_add_root(vm, &last_text);
    }
    Value copyright = rt_str_from_cstr(vm, " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    if (!copyright || !rt_dict_set_cstr(vm, d, "MAGIC", v_from_small(SRE_MAGIC)) ||
        !rt_dict_set_cstr(vm, d, "CODESIZE", v_from_small(4)) ||
        !rt_dict_set_cstr(vm, d, "MAXREPEAT", v_from_small(SRE_MAXREPEAT)) ||
        !rt_dict_set_cstr(vm, d, "MAXGROUPS", v_from_small(SRE_MAXGROUPS)) ||
        !rt_dict_set_cstr(vm, d, "copyright", copyright))
        return VNULL;
    return m;
}
