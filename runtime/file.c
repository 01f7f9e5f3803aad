/* runtime/file.c — file objects: open(), sys.stdin/stdout/stderr.
 *
 * Backed by stdio: writes go straight into the FILE's buffer, which is what
 * makes print() cheap.  Text files are UTF-8 with universal newlines on
 * input ("\r\n" and "\r" read as "\n") and no translation on output, as
 * CPython on Linux. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/file.h"
#include "runtime/callable.h"
#include "runtime/state.h"
#include "runtime/buffer.h"

static void file_trace(VM *vm, Obj *o)
{
    File *f = (File *)o;
    rt_gc_mark(vm, f->name);
    rt_gc_mark(vm, f->mode);
    rt_gc_mark(vm, f->encoding);
}

/* Process-wide like the stdio buffers it mirrors. */
static File *open_writers;

static void link_open(File *f)
{
    f->prev_open = NULL;
    f->next_open = open_writers;
    if (open_writers)
        open_writers->prev_open = f;
    open_writers = f;
}

static void unlink_open(File *f)
{
    if (f->prev_open)
        f->prev_open->next_open = f->next_open;
    else if (open_writers == f)
        open_writers = f->next_open;
    if (f->next_open)
        f->next_open->prev_open = f->prev_open;
    f->prev_open = f->next_open = NULL;
}

void rt_file_flush_all(void)
{
    for (File *f = open_writers; f; f = f->next_open)
        if (f->fp)
            fflush(f->fp);
}

static void file_finalize(VM *vm, Obj *o)
{
    File *f = (File *)o;
    unlink_open(f);
    if (f->fp && !f->std)
        fclose(f->fp);
    else if (f->fp)
        fflush(f->fp);
    f->fp = NULL;
}

bool rt_is_file(Value v)
{
    if (!v_is_obj(v))
        return false;
    Type *t = v_obj(v)->type;
    return t == &rt_textfile_type || t == &rt_bufreader_type || t == &rt_bufwriter_type ||
           t == &rt_bufrandom_type;
}

FILE *rt_file_text_out(Value v)
{
    if (!v_is(v, &rt_textfile_type))
        return NULL;
    File *f = (File *)v_obj(v);
    return (!f->closed && f->writable) ? f->fp : NULL;
}

FILE *rt_file_text_in(Value v)
{
    if (!v_is(v, &rt_textfile_type))
        return NULL;
    File *f = (File *)v_obj(v);
    return (!f->closed && f->readable) ? f->fp : NULL;
}

void rt_file_flush_std(VM *vm)
{
    fflush(stdout);
    fflush(stderr);
}

Value rt_file_new(VM *vm, FILE *fp, Value name, const char *mode, bool binary, bool std)
{
    Type *t = &rt_textfile_type;
    bool plus = strchr(mode, '+') != NULL;
    bool reading = strchr(mode, 'r') != NULL;
    if (binary)
        t = plus ? &rt_bufrandom_type : reading ? &rt_bufreader_type : &rt_bufwriter_type;
    File *f = rt_alloc(vm, t, sizeof(File));
    if (!f)
        return VNULL;
    f->fp = fp;
    f->name = name;
    f->encoding = rt_None;
    f->mode = rt_str_from_cstr(vm, mode);
    if (!f->mode)
        return VNULL;
    if (!binary) {
        f->encoding = rt_str_from_cstr(vm, std ? "utf-8" : "UTF-8");
        if (!f->encoding)
            return VNULL;
    }
    f->binary = binary;
    f->readable = reading || plus;
    f->writable = !reading || plus;
    f->std = std;
    return v_from(f);
}

bool rt_file_init_std(VM *vm)
{
    /* CPython: stdout is line buffered on a terminal, block buffered
     * otherwise; stderr is line buffered. */
    if (isatty(1))
        setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
    else
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
    Value n;
    if (!(n = rt_str_from_cstr(vm, "<stdin>")) ||
        !(vm->stdin_file = rt_file_new(vm, stdin, n, "r", false, true)))
        return false;
    if (!(n = rt_str_from_cstr(vm, "<stdout>")) ||
        !(vm->stdout_file = rt_file_new(vm, stdout, n, "w", false, true)))
        return false;
    if (!(n = rt_str_from_cstr(vm, "<stderr>")) ||
        !(vm->stderr_file = rt_file_new(vm, stderr, n, "w", false, true)))
        return false;
    return true;
}

/* ---- helpers -------------------------------------------------------------- */

static File *self_file(VM *vm, Value v)
{
    if (!rt_is_file(v)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a file object, not '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (File *)v_obj(v);
}

static File *open_file(VM *vm, Value v)
{
    File *f = self_file(vm, v);
    if (f && (f->closed || !f->fp)) {
        rt_raise(vm, &rt_exc_ValueError, "I/O operation on closed file.");
        return NULL;
    }
    return f;
}

static File *readable_file(VM *vm, Value v)
{
    File *f = open_file(vm, v);
    if (f && !f->readable) {
        rt_raise(vm, &rt_exc_OSError, "not readable");
        return NULL;
    }
    return f;
}

static File *writable_file(VM *vm, Value v)
{
    File *f = open_file(vm, v);
    if (f && !f->writable) {
        rt_raise(vm, &rt_exc_OSError, "not writable");
        return NULL;
    }
    return f;
}

static Value io_error(VM *vm, File *f)
{
    int e = errno ? errno : EIO;
    clearerr(f->fp);
    if (e == EINTR && vm->interrupted && !rt_check_signals(vm)) /* Ctrl-C during a blocking read */
        return VNULL;
    return rt_raise_oserror(vm, e, NULL);
}

/* Text read from the file: check UTF-8 and make a str.  CPython reports the
 * offset inside the decoded chunk; ours is relative to what this call read. */
static Value decode_text(VM *vm, const char *buf, size_t len)
{
    size_t bad;
    if (!rt_utf8_valid_strict(buf, len, &bad)) {
        unsigned char c = (unsigned char)buf[bad];
        const char *why = (c >= 0x80 && c < 0xc2) || c > 0xf4 ? "invalid start byte"
                          : bad + 1 >= len                      ? "unexpected end of data"
                                                                : "invalid continuation byte";
        return rt_raise(vm, &rt_exc_UnicodeDecodeError,
                        "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c, bad, why);
    }
    return rt_str_new(vm, buf, len);
}

/* Append one text character (universal newlines).  Returns false at EOF. */
static bool read_text_char(StrBuf *b, VM *vm, FILE *fp, bool *ok)
{
    int c = getc_unlocked(fp);
    if (c == EOF)
        return false;
    if (c == '\r') {
        int d = getc_unlocked(fp);
        if (d != '\n' && d != EOF)
            ungetc(d, fp);
        c = '\n';
    }
    *ok = sb_addc(vm, b, (char)c);
    if ((unsigned char)c >= 0xc0) {
        int extra = (unsigned char)c >= 0xf0 ? 3 : (unsigned char)c >= 0xe0 ? 2 : 1;
        for (int i = 0; i < extra && *ok; i++) {
            int d = getc_unlocked(fp);
            if (d == EOF)
                break;
            if ((d & 0xc0) != 0x80) {
                ungetc(d, fp);
                break;
            }
            *ok = sb_addc(vm, b, (char)d);
        }
    }
    return true;
}

Value rt_file_readline(VM *vm, File *f)
{
    StrBuf b;
    sb_init(&b);
    FILE *fp = f->fp;
    if (f->binary) {
        int c;
        while ((c = getc_unlocked(fp)) != EOF) {
            if (!sb_addc(vm, &b, (char)c))
                goto fail;
            if (c == '\n')
                break;
        }
        if (ferror(fp)) {
            sb_free(&b);
            return io_error(vm, f);
        }
        Value r = rt_bytes_new(vm, (const uint8_t *)b.data, b.len);
        sb_free(&b);
        return r;
    }
    for (;;) {
        int c = getc_unlocked(fp);
        if (c == EOF)
            break;
        if (c == '\r') {
            int d = getc_unlocked(fp);
            if (f->raw_newlines) { /* newline='': "\r" ends a line, kept as is */
                if (!sb_addc(vm, &b, '\r'))
                    goto fail;
                if (d == '\n' && !sb_addc(vm, &b, '\n'))
                    goto fail;
                if (d != '\n' && d != EOF)
                    ungetc(d, fp);
                break;
            }
            if (d != '\n' && d != EOF)
                ungetc(d, fp);
            c = '\n';
        }
        if (!sb_addc(vm, &b, (char)c))
            goto fail;
        if (c == '\n')
            break;
    }
    if (ferror(fp)) {
        sb_free(&b);
        return io_error(vm, f);
    }
    Value r = decode_text(vm, b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
fail:
    sb_free(&b);
    return VNULL;
}

/* Read everything left. */
static Value read_all(VM *vm, File *f)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return rt_no_memory(vm);
    for (;;) {
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return rt_no_memory(vm);
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f->fp);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f->fp)) {
        free(buf);
        return io_error(vm, f);
    }
    Value r;
    if (f->binary) {
        r = rt_bytes_new(vm, (const uint8_t *)buf, len);
    } else if (f->raw_newlines) {
        r = decode_text(vm, buf, len);
    } else {
        /* universal newlines, in place: the text only shrinks */
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (buf[i] == '\r') {
                buf[o++] = '\n';
                if (i + 1 < len && buf[i + 1] == '\n')
                    i++;
            } else {
                buf[o++] = buf[i];
            }
        }
        /* a '\r' ending one read and '\n' starting the next cannot happen:
         * we read to EOF in one go */
        r = decode_text(vm, buf, o);
    }
    free(buf);
    return r;
}

static bool size_arg(VM *vm, int argc, Value *argv, int64_t *n)
{
    *n = -1;
    if (argc > 1 && argv[1] != rt_None) {
        if (!rt_is_int(argv[1])) {
            rt_raise(vm, &rt_exc_TypeError, "argument should be integer or None, not '%s'",
                     rt_type_name(argv[1]));
            return false;
        }
        if (!rt_as_i64(vm, argv[1], n))
            return false;
    }
    return true;
}

/* read(size) and readline(size): the method's checks, then the file and the size (-1: all). */
static File *sized_read_args(VM *vm, const char *name, int argc, Value *argv, int64_t *n)
{
    if (!rt_check_nargs(vm, name, argc - 1, 0, 1))
        return NULL;
    File *f = readable_file(vm, argv[0]);
    return f && size_arg(vm, argc, argv, n) ? f : NULL;
}

/* What a sized read collected in b, as bytes or decoded text; frees b. */
static Value finish_read(VM *vm, File *f, StrBuf *b, bool ok)
{
    Value r = !ok ? VNULL
              : f->binary ? rt_bytes_new(vm, (const uint8_t *)b->data, b->len)
                          : decode_text(vm, b->data ? b->data : "", b->len);
    sb_free(b);
    return r;
}

/* ---- methods -------------------------------------------------------------- */

static Value f_read(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t n;
    File *f = sized_read_args(vm, "read", argc, argv, &n);
    if (!f)
        return VNULL;
    if (n < 0)
        return read_all(vm, f);
    StrBuf b;
    sb_init(&b);
    Value r;
    if (f->binary) {
        if (n > 0) {
            char *tmp = malloc((size_t)n);
            if (!tmp)
                return rt_no_memory(vm);
            size_t got = fread(tmp, 1, (size_t)n, f->fp);
            r = rt_bytes_new(vm, (const uint8_t *)tmp, got);
            free(tmp);
        } else {
            r = rt_bytes_new(vm, NULL, 0);
        }
        return r;
    }
    bool ok = true;
    for (int64_t i = 0; i < n && ok; i++)
        if (!read_text_char(&b, vm, f->fp, &ok))
            break;
    return finish_read(vm, f, &b, ok);
}

static Value f_readline(VM *vm, int argc, Value *argv, Value kw)
{
    int64_t n;
    File *f = sized_read_args(vm, "readline", argc, argv, &n);
    if (!f)
        return VNULL;
    if (n < 0)
        return rt_file_readline(vm, f);
    StrBuf b;
    sb_init(&b);
    bool ok = true;
    for (int64_t i = 0; i < n && ok; i++) {
        if (f->binary) {
            int c = getc_unlocked(f->fp);
            if (c == EOF)
                break;
            ok = sb_addc(vm, &b, (char)c);
            if (c == '\n')
                break;
        } else {
            if (!read_text_char(&b, vm, f->fp, &ok))
                break;
            if (b.data[b.len - 1] == '\n')
                break;
        }
    }
    return finish_read(vm, f, &b, ok);
}

static Value f_readlines(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = readable_file(vm, argv[0]);
    if (!f)
        return VNULL;
    Value list = rt_list_new(vm, 0);
    if (!list)
        return VNULL;
    for (;;) {
        Value line = rt_file_readline(vm, f);
        if (!line)
            return VNULL;
        if (rt_len(vm, line) == 0)
            break;
        if (!rt_list_append(vm, list, line))
            return VNULL;
    }
    return list;
}

bool rt_file_put_text(VM *vm, FILE *fp, Value str, bool std)
{
    Str *s = v_str(str);
    if (!s->ascii && rt_utf8_has_surrogate(s->data, s->len, NULL)) {
        Value b = rt_str_encode(vm, str, "utf-8", std ? "surrogateescape" : "strict");
        if (!b)
            return false;
        BView v = rt_bytes_view(b);
        return fwrite(v.data, 1, v.len, fp) == v.len || v.len == 0;
    }
    return s->len == 0 || fwrite(s->data, 1, s->len, fp) == s->len;
}

static Value file_write_value(VM *vm, File *f, Value s)
{
    if (f->binary) {
        RtBuffer b;
        if (!rt_get_buffer(vm, s, &b, 0))
            return VNULL;
        if (b.len && fwrite(b.ptr, 1, b.len, f->fp) != b.len)
            return io_error(vm, f);
        return rt_int_from_i64(vm, (int64_t)b.len);
    }
    if (!v_is_str(s))
        return rt_raise(vm, &rt_exc_TypeError, "write() argument must be str, not %s",
                        rt_type_name(s));
    if (!rt_file_put_text(vm, f->fp, s, f->std))
        return vm->exc ? VNULL : io_error(vm, f);
    return rt_int_from_i64(vm, (int64_t)v_str(s)->nchars);
}

static Value f_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    File *f = writable_file(vm, argv[0]);
    if (!f)
        return VNULL;
    return file_write_value(vm, f, argv[1]);
}

static Value f_writelines(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "writelines", argc - 1, 1, 1))
        return VNULL;
    File *f = writable_file(vm, argv[0]);
    if (!f)
        return VNULL;
    Value it = rt_iter(vm, argv[1]);
    if (!it)
        return VNULL;
    Value item;
    while ((item = rt_next(vm, it)))
        if (!file_write_value(vm, f, item))
            return VNULL;
    return vm->exc ? VNULL : rt_None;
}

static Value f_close(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = self_file(vm, argv[0]);
    if (!f)
        return VNULL;
    if (!f->closed && f->fp) {
        int r = f->std ? fflush(f->fp) : fclose(f->fp);
        if (!f->std)
            f->fp = NULL;
        f->closed = true;
        unlink_open(f);
        if (r != 0)
            return rt_raise_oserror(vm, errno, NULL);
    }
    return rt_None;
}

static Value f_flush(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    if (!f)
        return VNULL;
    if (fflush(f->fp) != 0)
        return io_error(vm, f);
    return rt_None;
}

static Value f_enter(VM *vm, int argc, Value *argv, Value kw)
{
    return open_file(vm, argv[0]) ? argv[0] : VNULL;
}

static Value f_exit(VM *vm, int argc, Value *argv, Value kw)
{
    return f_close(vm, 1, argv, VNULL);
}

static Value f_fileno(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    return f ? rt_int_from_i64(vm, fileno(f->fp)) : VNULL;
}

static Value f_isatty(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    return f ? rt_bool(isatty(fileno(f->fp))) : VNULL;
}

static Value f_readable(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    return f ? rt_bool(f->readable) : VNULL;
}

static Value f_writable(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    return f ? rt_bool(f->writable) : VNULL;
}

static Value f_seekable(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    return f ? rt_bool(ftello(f->fp) >= 0) : VNULL;
}

static Value f_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    File *f = open_file(vm, argv[0]);
    int64_t off, whence = 0;
    if (!f || !rt_as_i64(vm, argv[1], &off) || (argc > 2 && !rt_as_i64(vm, argv[2], &whence)))
        return VNULL;
    if (whence < 0 || whence > 2)
        return rt_raise(vm, &rt_exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                        (long long)whence);
    if (fseeko(f->fp, (off_t)off, (int)whence) != 0)
        return io_error(vm, f);
    return rt_int_from_i64(vm, (int64_t)ftello(f->fp));
}

static Value f_tell(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = open_file(vm, argv[0]);
    if (!f)
        return VNULL;
    off_t p = ftello(f->fp);
    if (p < 0)
        return io_error(vm, f);
    return rt_int_from_i64(vm, (int64_t)p);
}

static Value f_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    File *f = writable_file(vm, argv[0]);
    if (!f)
        return VNULL;
    fflush(f->fp);
    int64_t size = (int64_t)ftello(f->fp);
    if (argc > 1 && argv[1] != rt_None && !rt_as_i64(vm, argv[1], &size))
        return VNULL;
    if (ftruncate(fileno(f->fp), (off_t)size) != 0)
        return io_error(vm, f);
    return rt_int_from_i64(vm, size);
}

static const NativeDef file_methods[] = {
    {"read", f_read, 0},
    {"readline", f_readline, 0},
    {"readlines", f_readlines, 0},
    {"write", f_write, 0},
    {"writelines", f_writelines, 0},
    {"close", f_close, 0},
    {"flush", f_flush, 0},
    {"fileno", f_fileno, 0},
    {"isatty", f_isatty, 0},
    {"readable", f_readable, 0},
    {"writable", f_writable, 0},
    {"seekable", f_seekable, 0},
    {"seek", f_seek, 0},
    {"tell", f_tell, 0},
    {"truncate", f_truncate, 0},
    {"__enter__", f_enter, 0},
    {"__exit__", f_exit, 0},
    {NULL, NULL, 0},
};

/* ---- slots ---------------------------------------------------------------- */

static Value file_repr(VM *vm, Value v)
{
    File *f = (File *)v_obj(v);
    Value name = rt_repr(vm, f->name);
    if (!name)
        return VNULL;
    if (f->binary)
        return rt_str_printf(vm, "<%s name=%s>", f->hdr.type->name, v_cstr(name));
    Value mode = rt_repr(vm, f->mode), enc = rt_repr(vm, f->encoding);
    if (!mode || !enc)
        return VNULL;
    return rt_str_printf(vm, "<_io.TextIOWrapper name=%s mode=%s encoding=%s>", v_cstr(name),
                         v_cstr(mode), v_cstr(enc));
}

static Value file_getattr(VM *vm, Value obj, Value name)
{
    File *f = (File *)v_obj(obj);
    const char *n = v_cstr(name);
    if (n[0] != '_') {
        if (!strcmp(n, "closed"))
            return rt_bool(f->closed);
        if (!strcmp(n, "name"))
            return f->name;
        if (!strcmp(n, "mode"))
            return f->mode;
        if (!strcmp(n, "encoding") && !f->binary)
            return f->encoding;
        if (!strcmp(n, "buffer") && !f->binary) {
            /* The binary layer: the same FILE, never closed through it. */
            Value b = rt_file_new(vm, f->fp, f->name, f->readable && f->writable ? "r+b"
                                                      : f->readable             ? "rb"
                                                                                : "wb",
                                  true, true);
            if (b)
                ((File *)v_obj(b))->closed = f->closed;
            return b;
        }
        if (!strcmp(n, "errors") && !f->binary)
            return rt_str_intern_cstr(vm, "strict");
    }
    return rt_generic_getattr(vm, obj, name);
}

static Value file_iter(VM *vm, Value v)
{
    return readable_file(vm, v) ? v : VNULL;
}

static Value file_next(VM *vm, Value v)
{
    File *f = readable_file(vm, v);
    if (!f)
        return VNULL;
    Value line = rt_file_readline(vm, f);
    if (!line)
        return VNULL;
    if (f->binary ? ((Bytes *)v_obj(line))->len == 0 : v_str(line)->len == 0)
        return VNULL;
    return line;
}

#define FILE_TYPE(var, tname)                                                               \
    Type var = {.name = tname,                                                              \
                .instance_size = sizeof(File),                                              \
                .trace = file_trace,                                                        \
                .finalize = file_finalize,                                                  \
                .repr = file_repr,                                                          \
                .getattr = file_getattr,                                                    \
                .iter = file_iter,                                                          \
                .next = file_next}

FILE_TYPE(rt_textfile_type, "_io.TextIOWrapper");
FILE_TYPE(rt_bufreader_type, "_io.BufferedReader");
FILE_TYPE(rt_bufwriter_type, "_io.BufferedWriter");
FILE_TYPE(rt_bufrandom_type, "_io.BufferedRandom");

bool rt_file_init(VM *vm)
{
    if (rt_textfile_type.dict) /* both builtins and sys ask for it */
        return true;
    Type *types[] = {&rt_textfile_type, &rt_bufreader_type, &rt_bufwriter_type,
                     &rt_bufrandom_type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        rt_static_init(&types[i]->hdr, &rt_type_type);
        if (!rt_type_ready(vm, types[i]) || !rt_add_methods(vm, types[i], file_methods))
            return false;
    }
    return true;
}

/* ---- open() ----------------------------------------------------------------- */

Value rt_file_open(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener", NULL};
    Value a[8];
    if (argc > 8)
        return rt_raise(vm, &rt_exc_TypeError, "open() takes at most 8 arguments (%d given)", argc);
    if (!rt_parse_args(vm, "open", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    Value file = a[0];
    const char *mode = "r";
    if (a[1]) {
        if (!v_is_str(a[1]))
            return rt_raise(vm, &rt_exc_TypeError,
                            "open() argument 'mode' must be str, not %s", rt_type_name(a[1]));
        mode = v_cstr(a[1]);
    }
    /* Validate the mode as CPython's _io.open does. */
    int creating = 0, reading = 0, writing = 0, appending = 0, updating = 0, text = 0, binary = 0;
    for (const char *p = mode; *p; p++) {
        int *flag;
        switch (*p) {
        case 'x': flag = &creating; break;
        case 'r': flag = &reading; break;
        case 'w': flag = &writing; break;
        case 'a': flag = &appending; break;
        case '+': flag = &updating; break;
        case 't': flag = &text; break;
        case 'b': flag = &binary; break;
        default: flag = NULL; break;
        }
        if (!flag || *flag)
            return rt_raise(vm, &rt_exc_ValueError, "invalid mode: '%s'", mode);
        *flag = 1;
    }
    if (text && binary)
        return rt_raise(vm, &rt_exc_ValueError, "can't have text and binary mode at once");
    if (creating + reading + writing + appending != 1)
        return rt_raise(vm, &rt_exc_ValueError,
                        "must have exactly one of create/read/write/append mode");
    if (binary && a[3] && a[3] != rt_None)
        return rt_raise(vm, &rt_exc_ValueError, "binary mode doesn't take an encoding argument");
    if (a[3] && a[3] != rt_None && !v_is_str(a[3]))
        return rt_raise(vm, &rt_exc_TypeError,
                        "open() argument 'encoding' must be str or None, not %s",
                        rt_type_name(a[3]));
    if (a[3] && a[3] != rt_None) {
        /* Text is UTF-8 (ASCII is a subset); other codecs are refused loudly. */
        char norm[32];
        size_t k = 0;
        for (const char *p = v_cstr(a[3]); *p && k < sizeof norm - 1; p++)
            norm[k++] = *p == '_' ? '-' : (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
        norm[k] = 0;
        static const char *const ok[] = {"utf-8", "utf8", "u8", "ascii", "us-ascii", "utf-8-sig", NULL};
        static const char *const known[] = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "cp1252",
                                            "utf-16", "utf-32", "cp437", "l1", NULL};
        bool good = false, refused = false;
        for (int j = 0; ok[j]; j++)
            good |= !strcmp(norm, ok[j]);
        for (int j = 0; known[j]; j++)
            refused |= !strcmp(norm, known[j]);
        if (refused)
            return rt_raise(vm, &rt_exc_NotImplementedError,
                            "encoding '%s' is not supported by minipy", v_cstr(a[3]));
        if (!good)
            return rt_raise(vm, &rt_exc_LookupError, "unknown encoding: %s", v_cstr(a[3]));
    }
    bool raw_newlines = false;
    if (a[5] && a[5] != rt_None) {
        if (!v_is_str(a[5]))
            return rt_raise(vm, &rt_exc_TypeError,
                            "open() argument 'newline' must be str or None, not %s",
                            rt_type_name(a[5]));
        const char *nl = v_cstr(a[5]);
        if (strcmp(nl, "") && strcmp(nl, "\n") && strcmp(nl, "\r") && strcmp(nl, "\r\n"))
            return rt_raise(vm, &rt_exc_ValueError, "illegal newline value: %s", nl);
        if (binary)
            return rt_raise(vm, &rt_exc_ValueError, "binary mode doesn't take a newline argument");
        raw_newlines = true;
    }

    int flags = O_CLOEXEC;
    char fmode[4];
    if (reading)
        flags |= updating ? O_RDWR : O_RDONLY, strcpy(fmode, updating ? "r+" : "r");
    else if (writing)
        flags |= (updating ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC,
            strcpy(fmode, updating ? "w+" : "w");
    else if (appending)
        flags |= (updating ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND,
            strcpy(fmode, updating ? "a+" : "a");
    else
        flags |= (updating ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL,
            strcpy(fmode, updating ? "w+" : "w");

    int fd;
    FILE *fp;
    rt_file_flush_all();
    if (v_is_str(file)) {
        fd = open(v_cstr(file), flags, 0666);
        if (fd < 0)
            return rt_raise_oserror(vm, errno, v_cstr(file));
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return rt_raise_oserror(vm, EISDIR, v_cstr(file));
        }
    } else if (rt_is_int(file)) {
        int64_t n;
        if (!rt_as_i64(vm, file, &n))
            return VNULL;
        fd = dup((int)n);
        if (fd < 0)
            return rt_raise_oserror(vm, errno, NULL);
    } else {
        return rt_raise(vm, &rt_exc_TypeError,
                        "expected str, bytes or os.PathLike object, not %s", rt_type_name(file));
    }
    fp = fdopen(fd, fmode);
    if (!fp) {
        int e = errno;
        close(fd);
        return rt_raise_oserror(vm, e, v_is_str(file) ? v_cstr(file) : NULL);
    }
    /* The mode attribute as CPython shows it: text modes drop 't'. */
    char shown[8];
    size_t k = 0;
    for (const char *p = mode; *p && k < sizeof shown - 1; p++)
        if (*p != 't')
            shown[k++] = *p;
    shown[k] = 0;
    Value f = rt_file_new(vm, fp, file, binary ? shown : shown, binary, false);
    if (!f) {
        fclose(fp);
        return VNULL;
    }
    File *fo = (File *)v_obj(f);
    fo->readable = reading || updating;
    fo->writable = !reading || updating;
    fo->raw_newlines = raw_newlines;
    if (fo->writable)
        link_open(fo);
    if (!binary && a[3] && a[3] != rt_None)
        fo->encoding = a[3];
    return f;
}
