/* stdlib/_io_textio.c — _io.TextIOWrapper and IncrementalNewlineDecoder
 * (CPython's Modules/_io/textio.c).
 *
 * utf-8, utf-8-sig, ascii and latin-1 are coded natively (_io_codecs.c);
 * any other encoding goes through codecs.getincrementalencoder/decoder.
 * Written text is encoded into `pending` and handed to the buffer when it
 * passes the chunk size, on a newline under line buffering, or on flush,
 * as CPython does; print() appends to `pending` directly (mp_io_fast_*). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/_io.h"
#include "stdlib/_io_codecs.h"
#include "runtime/buffer.h"
#include "runtime/containers.h"
#include "runtime/errors.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "stdlib/modsupport.h"
#include "stdlib/native.h"
#include "vm/import.h"

static TextIO *live_text;

TextIO *io_textio_live_first(void) { return live_text; }

typedef struct TextIOX {
    TextIO t;
    Value mode; /* the `mode` attribute open() sets, or VNULL */
} TextIOX;

static void textio_trace(VM *vm, Obj *o)
{
    TextIO *t = (TextIO *)o;
    rt_gc_mark(vm, t->buffer);
    rt_gc_mark(vm, t->encoding);
    rt_gc_mark(vm, t->errors);
    rt_gc_mark(vm, t->readnl);
    rt_gc_mark(vm, t->encoder);
    rt_gc_mark(vm, t->decoder);
    rt_gc_mark(vm, t->nldecoder);
    rt_gc_mark(vm, t->decoded);
    rt_gc_mark(vm, t->snap_input);
    rt_gc_mark(vm, ((TextIOX *)o)->mode);
}

/* Off the live list once closed, detached or freed (as Buffered's). */
void io_textio_forget(TextIO *t)
{
    if (t->prev_live)
        t->prev_live->next_live = t->next_live;
    else if (live_text == t)
        live_text = t->next_live;
    if (t->next_live)
        t->next_live->prev_live = t->prev_live;
    t->prev_live = t->next_live = NULL;
}

static void textio_finalize(VM *vm, Obj *o)
{
    TextIO *t = (TextIO *)o;
    io_textio_forget(t);
    if (t->pending)
        rt_free(vm, t->pending, t->pending_cap);
    t->pending = NULL;
}

static TextIO *tx_any(VM *vm, Value v)
{
    if (!v_isa(v, &mp_textiowrapper_type) && !rt_isinstance_type(v, &mp_textiowrapper_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.TextIOWrapper' object but received '%s'",
                 rt_type_name(v));
        return NULL;
    }
    return (TextIO *)v_obj(v);
}

/* CHECK_ATTACHED */
static TextIO *tx(VM *vm, Value v)
{
    TextIO *t = tx_any(vm, v);
    if (!t)
        return NULL;
    if (!t->ok) {
        if (t->detached)
            rt_raise(vm, &rt_exc_ValueError, "underlying buffer has been detached");
        else
            rt_raise(vm, &rt_exc_ValueError, "I/O operation on uninitialized object");
        return NULL;
    }
    return t;
}

static bool buffer_closed_fast(TextIO *t, int *closed)
{
    if (!t->fast_buffer)
        return false;
    Buffered *b = (Buffered *)v_obj(t->buffer);
    if (!b->ok || !b->fast_raw)
        return false;
    *closed = ((FileIO *)v_obj(b->raw))->fd < 0;
    return true;
}

/* CHECK_CLOSED: -1 error, else 0 (open) — raises on closed. */
static TextIO *tx_open(VM *vm, Value v)
{
    TextIO *t = tx(vm, v);
    if (!t)
        return NULL;
    int closed;
    if (!buffer_closed_fast(t, &closed)) {
        Value c = rt_getattr_cstr(vm, t->buffer, "closed");
        if (!c || (closed = rt_truthy(vm, c)) < 0)
            return NULL;
    }
    if (closed) {
        io_closed_error(vm);
        return NULL;
    }
    return t;
}

/* ---- the pending bytes ------------------------------------------------------------------ */

bool io_text_flush_pending(VM *vm, TextIO *t)
{
    if (!t->pending_len)
        return true;
    size_t n = t->pending_len;
    t->pending_len = 0;
    if (t->fast_buffer) {
        Buffered *b = (Buffered *)v_obj(t->buffer);
        if (b->ok && b->fast_raw && ((FileIO *)v_obj(b->raw))->fd >= 0)
            return io_buffered_write_data(vm, b, (const uint8_t *)t->pending, n);
    }
    Value data = rt_bytes_new(vm, (const uint8_t *)t->pending, n);
    if (!data)
        return false;
    return io_call(vm, t->buffer, "write", 1, &data) != VNULL;
}

static bool pending_add(VM *vm, TextIO *t, const char *s, size_t n)
{
    if (n == 0)
        return true; /* write('') adds nothing (and may come with a NULL s) */
    if (t->pending_len + n > t->pending_cap) {
        size_t cap = t->pending_cap ? t->pending_cap : 256;
        while (cap < t->pending_len + n)
            cap *= 2;
        char *p = t->pending ? rt_realloc(vm, t->pending, t->pending_cap, cap) : rt_malloc(vm, cap);
        if (!p)
            return false;
        t->pending = p;
        t->pending_cap = cap;
    }
    memcpy(t->pending + t->pending_len, s, n);
    t->pending_len += n;
    return true;
}

/* Encoded bytes of one write(): CPython's chunking of pending_bytes. */
static bool pending_write(VM *vm, TextIO *t, const char *s, size_t n, bool needflush)
{
    if (t->pending_len + n > (size_t)t->chunk_size && !io_text_flush_pending(vm, t))
        return false;
    if (!pending_add(vm, t, s, n))
        return false;
    if (t->pending_len >= (size_t)t->chunk_size || needflush || t->write_through)
        return io_text_flush_pending(vm, t);
    return true;
}

/* ---- decoder operations (native or codecs objects) ------------------------------------------ */

static Value decode_chunk(VM *vm, TextIO *t, const uint8_t *p, size_t n, bool final)
{
    if (t->enc == ENC_OTHER) {
        Value data = rt_bytes_new(vm, p, n);
        if (!data)
            return VNULL;
        Value a[2] = {data, rt_bool(final)};
        Value r = io_call(vm, t->decoder, "decode", 2, a);
        if (r && !v_is_str(r))
            return rt_raise(vm, &rt_exc_TypeError, "decoder should return a string result, not '%s'",
                            rt_type_name(r));
        return r;
    }
    StrBuf out;
    sb_init(&out);
    if (!io_decode_native(vm, t->enc, t->err, &t->dec, p, n, final, &out)) {
        sb_free(&out);
        return VNULL;
    }
    if (t->readuniversal) {
        StrBuf nl;
        sb_init(&nl);
        bool ok = io_nl_process(vm, t->readtranslate, &t->dec.pendingcr, &t->seennl,
                                out.data ? out.data : "", out.len, final, &nl);
        sb_free(&out);
        if (!ok) {
            sb_free(&nl);
            return VNULL;
        }
        return sb_finish(vm, &nl);
    }
    return sb_finish(vm, &out);
}

static bool dec_reset(VM *vm, TextIO *t)
{
    if (t->enc == ENC_OTHER)
        return io_call(vm, t->decoder, "reset", 0, NULL) != VNULL;
    memset(&t->dec, 0, sizeof t->dec);
    t->dec.first = t->enc == ENC_UTF8SIG;
    return true;
}

/* decoder.getstate(): the buffered bytes (*buf) and the flags. */
static bool dec_getstate(VM *vm, TextIO *t, Value *buf, int64_t *flags)
{
    if (t->enc != ENC_OTHER) {
        int64_t inner = t->enc == ENC_UTF8SIG && t->dec.first;
        *flags = t->readuniversal ? (inner << 1) | t->dec.pendingcr : inner;
        *buf = rt_bytes_new(vm, t->dec.partial, t->dec.npartial);
        return *buf != VNULL;
    }
    Value st = io_call(vm, t->decoder, "getstate", 0, NULL);
    if (!st)
        return false;
    if (!v_is(st, &rt_tuple_type) || v_tuple(st)->len != 2) {
        rt_raise(vm, &rt_exc_TypeError, "illegal decoder state");
        return false;
    }
    *buf = v_tuple(st)->items[0];
    if (!v_isa(*buf, &rt_bytes_type)) {
        rt_raise(vm, &rt_exc_TypeError, "illegal decoder state: the first item should be a bytes object, not '%s'",
                 rt_type_name(*buf));
        return false;
    }
    return rt_as_i64(vm, v_tuple(st)->items[1], flags);
}

static bool dec_setstate(VM *vm, TextIO *t, int64_t flags)
{
    if (t->enc != ENC_OTHER) {
        memset(&t->dec, 0, sizeof t->dec);
        int64_t inner = flags;
        if (t->readuniversal) {
            t->dec.pendingcr = flags & 1;
            inner = flags >> 1;
        }
        t->dec.first = t->enc == ENC_UTF8SIG && inner;
        return true;
    }
    Value st = rt_tuple_pack(vm, 2, rt_bytes_new(vm, NULL, 0), rt_int_from_i64(vm, flags));
    return st && io_call(vm, t->decoder, "setstate", 1, &st) != VNULL;
}

static bool enc_reset(VM *vm, TextIO *t, bool start)
{
    if (t->enc == ENC_OTHER) {
        if (start)
            return io_call(vm, t->encoder, "reset", 0, NULL) != VNULL;
        Value z = v_from_small(0);
        return io_call(vm, t->encoder, "setstate", 1, &z) != VNULL;
    }
    t->encoding_start_of_stream = start && t->enc == ENC_UTF8SIG;
    return true;
}

/* ---- decoded characters ---------------------------------------------------------------------- */

static void set_decoded(TextIO *t, Value s)
{
    t->decoded = s;
    t->decoded_off = 0;
}

static size_t decoded_left(TextIO *t)
{
    return t->decoded ? v_str(t->decoded)->len - t->decoded_off : 0;
}

/* Up to n characters (n < 0: all) of the decoded text, consumed. */
static Value take_decoded(VM *vm, TextIO *t, int64_t n)
{
    size_t left = decoded_left(t);
    if (!left)
        return rt_str_new(vm, "", 0);
    const char *s = v_cstr(t->decoded) + t->decoded_off;
    size_t k = n < 0 ? left : io_char_offset(s, left, (size_t)n);
    if (t->decoded_off == 0 && k == left) {
        Value r = t->decoded;
        t->decoded_off += k;
        return r;
    }
    t->decoded_off += k;
    return rt_str_new(vm, s, k);
}

/* One chunk from the buffer, decoded: 1 more may come, 0 at EOF, -1 error. */
static int read_chunk(VM *vm, TextIO *t, int64_t size_hint)
{
    if (!t->can_read) {
        io_unsupported(vm, "not readable");
        return -1;
    }
    Value dec_buffer = VNULL;
    int64_t dec_flags = 0;
    if (t->telling && !dec_getstate(vm, t, &dec_buffer, &dec_flags))
        return -1;
    if (size_hint > 0)
        size_hint = (int64_t)((t->b2cratio > 1.0 ? t->b2cratio : 1.0) * (double)size_hint);
    int64_t chunk_size = t->chunk_size > size_hint ? t->chunk_size : size_hint;
    Value cs = rt_int_from_i64(vm, chunk_size);
    Value input = io_call(vm, t->buffer, t->has_read1 ? "read1" : "read", 1, &cs);
    if (!input)
        return -1;
    RtBuffer b;
    if (!rt_has_buffer(input)) {
        rt_raise(vm, &rt_exc_TypeError, "underlying %s() should have returned a bytes-like object, not '%s'",
                 t->has_read1 ? "read1" : "read", rt_type_name(input));
        return -1;
    }
    if (!rt_get_buffer(vm, input, &b, 0))
        return -1;
    size_t nbytes = b.len;
    bool eof = nbytes == 0;
    Value decoded = decode_chunk(vm, t, b.ptr, b.len, eof);
    rt_gc_keep_alive(input);
    if (!decoded)
        return -1;
    set_decoded(t, decoded);
    size_t nchars = v_str(decoded)->nchars;
    t->b2cratio = nchars ? (double)nbytes / (double)nchars : 0.0;
    if (nchars)
        eof = false;
    if (t->telling) {
        /* The snapshot: flags and everything fed since (buffered + input). */
        Value inb = v_isa(input, &rt_bytes_type) ? input : rt_bytes_new(vm, b.ptr, b.len);
        if (!inb)
            return -1;
        Value joined = ((Bytes *)v_obj(dec_buffer))->len ? rt_binary_op(vm, BIN_ADD, dec_buffer, inb) : inb;
        if (!joined)
            return -1;
        t->snap_input = joined;
        t->snap_flags = dec_flags;
    }
    return !eof;
}

/* ---- construction ------------------------------------------------------------------------------ */

/* encoding=None: CPython's UTF-8 mode under the C locale says "utf-8",
 * nl_langinfo(CODESET) otherwise ("UTF-8": minipy's text is UTF-8). */
static Value locale_encoding(VM *vm)
{
    return rt_str_intern_cstr(vm, io_locale_kind() == 0 ? "utf-8" : "UTF-8");
}

static Value import_codecs(VM *vm)
{
    return vm_import(vm, rt_str_intern_cstr(vm, "codecs"), NULL, rt_None, 0);
}

/* codecs.lookup-based set-up for encodings _io does not code itself. */
static bool setup_codecs(VM *vm, TextIO *t, bool readable, bool writable)
{
    Value codecs = import_codecs(vm);
    if (!codecs) {
        Value saved = vm->exc;
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_LookupError, "unknown encoding: %s (the codecs module cannot be imported)",
                 v_cstr(t->encoding));
        if (saved && vm->exc)
            rt_setattr(vm, vm->exc, rt_str_intern_cstr(vm, "__context__"), saved);
        return false;
    }
    Value info = io_call(vm, codecs, "lookup", 1, &t->encoding);
    if (!info)
        return false;
    Value is_text = rt_getattr_opt(vm, info, rt_str_intern_cstr(vm, "_is_text_encoding"));
    if (vm->exc)
        return false;
    if (is_text && rt_truthy(vm, is_text) == 0)
        return rt_raise(vm, &rt_exc_LookupError,
                        "'%s' is not a text encoding; use codecs.open() to handle arbitrary codecs",
                        v_cstr(t->encoding)) != VNULL;
    if (readable) {
        Value a[1] = {t->encoding};
        Value mk = io_call(vm, codecs, "getincrementaldecoder", 1, a);
        if (!mk || !(t->decoder = rt_call1(vm, mk, t->errors)))
            return false;
        if (t->readuniversal) {
            Value args[2] = {t->decoder, rt_bool(t->readtranslate)};
            if (!(t->decoder = rt_call(vm, v_from(&mp_nldecoder_type), 2, args, VNULL)))
                return false;
        }
    }
    if (writable) {
        Value a[1] = {t->encoding};
        Value mk = io_call(vm, codecs, "getincrementalencoder", 1, a);
        if (!mk || !(t->encoder = rt_call1(vm, mk, t->errors)))
            return false;
    }
    return true;
}

static bool set_newline(VM *vm, TextIO *t, Value newline)
{
    t->readnl = newline;
    t->readuniversal = newline == rt_None || v_str(newline)->len == 0;
    t->readtranslate = newline == rt_None;
    t->writetranslate = newline == rt_None || v_str(newline)->len != 0;
    t->writenl = NULL;
    if (!t->readuniversal) {
        const char *nl = v_cstr(newline);
        if (strcmp(nl, "\n"))
            t->writenl = !strcmp(nl, "\r") ? "\r" : "\r\n";
    }
    return true;
}

static bool check_newline(VM *vm, Value newline, const char *who)
{
    if (newline == rt_None)
        return true;
    if (!v_is_str(newline)) {
        rt_raise(vm, &rt_exc_TypeError, "%s() argument 'newline' must be str or None, not %s", who,
                 rt_type_name(newline));
        return false;
    }
    const char *nl = v_cstr(newline);
    if (v_str(newline)->len && strcmp(nl, "\n") && strcmp(nl, "\r") && strcmp(nl, "\r\n")) {
        rt_raise(vm, &rt_exc_ValueError, "illegal newline value: %s", nl);
        return false;
    }
    return true;
}

/* The encoder/decoder for t->encoding and t->errors (construction and reconfigure). */
static bool setup_coding(VM *vm, TextIO *t, bool readable, bool writable)
{
    t->enc = (uint8_t)io_enc_kind(v_cstr(t->encoding));
    t->err = (uint8_t)io_err_kind(v_cstr(t->errors));
    t->encoder = t->decoder = VNULL;
    if (t->enc != ENC_OTHER && t->err == ERR_OTHER) {
        /* Unknown handler names fail as in codecs.lookup_error. */
        Value codecs = import_codecs(vm);
        if (!codecs) {
            vm->exc = VNULL;
            rt_raise(vm, &rt_exc_LookupError, "unknown error handler name '%s'", v_cstr(t->errors));
            return false;
        }
        t->enc = ENC_OTHER;
    }
    if (t->enc == ENC_OTHER)
        return setup_codecs(vm, t, readable, writable);
    memset(&t->dec, 0, sizeof t->dec);
    t->dec.first = t->enc == ENC_UTF8SIG;
    return true;
}

static bool is_fast_buffer(Value buf)
{
    return v_is(buf, &mp_bufwriter_type) || v_is(buf, &mp_bufrandom_type) || v_is(buf, &mp_bufreader_type);
}

Value io_textio_make(VM *vm, Value buffer, Value encoding, Value errors, Value newline,
                     bool line_buffering, bool write_through)
{
    return VNULL == buffer ? VNULL : rt_call(vm, v_from(&mp_textiowrapper_type), 6,
                                            (Value[]){buffer, encoding, errors, newline,
                                                      rt_bool(line_buffering), rt_bool(write_through)},
                                            VNULL);
}

static Value textio_setup(VM *vm, Value self, int argc, Value *argv, Value kwnames);

/* TextIOWrapper(buffer, ...) is built at once (minipy's type call runs no
 * native __init__ after a native constructor); a Python subclass with its
 * own __init__ gets a blank object, which its super().__init__(buffer, ...)
 * sets up, as in CPython. */
static Value textio_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    TextIO *t = rt_alloc(vm, type, type->instance_size < sizeof(TextIOX) ? sizeof(TextIOX) : type->instance_size);
    if (!t)
        return VNULL;
    t->chunk_size = 8192;
    Value self = v_from(t);
    if (type != &mp_textiowrapper_type && (type->flags & TF_CLASS) &&
        rt_lookup_type_attr(type, vm->names.__init__) !=
            rt_dict_get_str(mp_textiowrapper_type.dict, vm->names.__init__))
        return self;
    return textio_setup(vm, self, argc, argv, kwnames) ? self : VNULL;
}

static Value textio_init(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!tx_any(vm, argv[0]))
        return VNULL;
    return textio_setup(vm, argv[0], argc - 1, argv + 1, kwnames);
}

static Value textio_setup(VM *vm, Value self, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"buffer", "encoding", "errors", "newline",
                                        "line_buffering", "write_through", NULL};
    Value a[6];
    TextIO *t = (TextIO *)v_obj(self);
    if (!rt_parse_args(vm, "TextIOWrapper", argc, argv, kwnames, names, 0, 1, a))
        return VNULL;
    for (int i = 1; i <= 3; i++) {
        if (!a[i])
            a[i] = rt_None;
        else if (a[i] != rt_None && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "TextIOWrapper() argument '%s' must be str or None, not %s",
                            names[i], rt_type_name(a[i]));
    }
    if (!check_newline(vm, a[3], "TextIOWrapper"))
        return VNULL;
    int lb = a[4] ? rt_truthy(vm, a[4]) : 0, wt = a[5] ? rt_truthy(vm, a[5]) : 0;
    if (lb < 0 || wt < 0)
        return VNULL;
    if (t->ok) { /* __init__ again: start over */
        io_textio_forget(t);
        t->ok = false;
    }
    t->chunk_size = 8192;
    t->buffer = a[0];
    Value enc = a[1];
    if (enc == rt_None || !strcmp(v_cstr(enc), "locale"))
        enc = locale_encoding(vm);
    t->encoding = enc;
    t->errors = a[2] == rt_None ? rt_str_intern_cstr(vm, "strict") : a[2];
    t->line_buffering = lb;
    t->write_through = wt;
    set_newline(vm, t, a[3]);
    Value r = io_call(vm, a[0], "readable", 0, NULL);
    if (!r)
        return VNULL;
    bool readable = r == rt_True;
    Value w = io_call(vm, a[0], "writable", 0, NULL);
    if (!w)
        return VNULL;
    bool writable = w == rt_True;
    if (!setup_coding(vm, t, readable, writable))
        return VNULL;
    t->can_read = readable;
    t->can_write = writable;
    Value s = io_call(vm, a[0], "seekable", 0, NULL);
    if (!s)
        return VNULL;
    t->seekable = t->telling = rt_truthy(vm, s) > 0;
    Value read1 = rt_getattr_opt(vm, a[0], rt_str_intern_cstr(vm, "read1"));
    if (!read1 && vm->exc)
        return VNULL;
    t->has_read1 = read1 != VNULL;
    t->fast_buffer = is_fast_buffer(a[0]);
    t->encoding_start_of_stream = false;
    if (t->seekable && writable) {
        int64_t pos;
        if (!io_call_int(vm, a[0], "tell", 0, NULL, &pos)) {
            vm->exc = VNULL;
        } else if (!enc_reset(vm, t, pos == 0)) {
            return VNULL;
        }
    } else if (writable) {
        t->encoding_start_of_stream = t->enc == ENC_UTF8SIG;
    }
    t->ok = true;
    t->prev_live = NULL;
    t->next_live = live_text;
    if (live_text)
        live_text->prev_live = t;
    live_text = t;
    return rt_None;
}

/* ---- writing ------------------------------------------------------------------------------------- */

static bool write_text(VM *vm, TextIO *t, Value text)
{
    Str *s = v_str(text);
    const char *data = s->data;
    size_t len = s->len;
    bool haslf = memchr(data, '\n', len) != NULL;
    bool needflush = t->line_buffering && (haslf || memchr(data, '\r', len));
    StrBuf tr;
    sb_init(&tr);
    if (haslf && t->writetranslate && t->writenl) {
        for (size_t i = 0; i < len; i++) {
            bool ok = data[i] == '\n' ? sb_adds(vm, &tr, t->writenl) : sb_addc(vm, &tr, data[i]);
            if (!ok) {
                sb_free(&tr);
                return false;
            }
        }
        data = tr.data;
        len = tr.len;
    }
    bool ok;
    if (t->enc == ENC_OTHER) {
        Value tv = tr.data ? rt_str_new(vm, tr.data, tr.len) : text;
        sb_free(&tr);
        if (!tv)
            return false;
        Value b = io_call(vm, t->encoder, "encode", 1, &tv);
        if (!b)
            return false;
        if (!v_isa(b, &rt_bytes_type)) {
            rt_raise(vm, &rt_exc_TypeError, "encoder should return a bytes object, not '%s'", rt_type_name(b));
            return false;
        }
        Bytes *bb = (Bytes *)v_obj(b);
        ok = pending_write(vm, t, (const char *)bb->data, bb->len, needflush);
    } else {
        StrBuf enc;
        sb_init(&enc);
        if (t->encoding_start_of_stream) {
            if (!sb_add(vm, &enc, "\xEF\xBB\xBF", 3)) {
                sb_free(&tr);
                return false;
            }
            t->encoding_start_of_stream = false;
        }
        if (!enc.len && (t->enc == ENC_UTF8 || t->enc == ENC_UTF8SIG) && !memchr(data, 0xED, len)) {
            ok = pending_write(vm, t, data, len, needflush);
        } else {
            ok = io_encode_native(vm, t->enc, t->err, data, len, &enc) &&
                 pending_write(vm, t, enc.data ? enc.data : "", enc.len, needflush);
        }
        sb_free(&enc);
        sb_free(&tr);
    }
    if (!ok)
        return false;
    if (needflush && !io_call(vm, t->buffer, "flush", 0, NULL))
        return false;
    return true;
}

static bool after_write(VM *vm, TextIO *t)
{
    t->decoded = VNULL;
    t->decoded_off = 0;
    t->snap_input = VNULL;
    if (t->decoder || t->enc != ENC_OTHER)
        return dec_reset(vm, t);
    return true;
}

static Value t_write(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "write", argc - 1, 1, 1))
        return VNULL;
    TextIO *t = tx_open(vm, argv[0]);
    if (!t)
        return VNULL;
    if (!v_is_str(argv[1]))
        return rt_raise(vm, &rt_exc_TypeError, "write() argument must be str, not %s", rt_type_name(argv[1]));
    if (!t->can_write)
        return io_unsupported(vm, "not writable");
    if (!write_text(vm, t, argv[1]) || !after_write(vm, t))
        return VNULL;
    return rt_int_from_i64(vm, (int64_t)v_str(argv[1])->nchars);
}

/* ---- print()'s fast path -------------------------------------------------------------------------- */

TextIO *mp_io_fast_text(Value file)
{
    if (!v_is(file, &mp_textiowrapper_type))
        return NULL;
    TextIO *t = (TextIO *)v_obj(file);
    if (!t->ok || !t->fast_buffer || t->enc != ENC_UTF8 || t->writenl || t->encoding_start_of_stream)
        return NULL;
    Buffered *b = (Buffered *)v_obj(t->buffer);
    if (!b->ok || !b->writable || !b->fast_raw || ((FileIO *)v_obj(b->raw))->fd < 0)
        return NULL;
    return t;
}

bool mp_io_fast_write(VM *vm, TextIO *t, const char *s, size_t len, bool ascii)
{
    if (!ascii && memchr(s, 0xED, len)) {
        /* Lone surrogates: the errors handler decides. */
        StrBuf enc;
        sb_init(&enc);
        bool ok = io_encode_native(vm, t->enc, t->err, s, len, &enc) &&
                  pending_write(vm, t, enc.data ? enc.data : "", enc.len, false);
        sb_free(&enc);
        return ok;
    }
    if (t->pending_len + len <= t->pending_cap && t->pending_len + len < (size_t)t->chunk_size) {
        memcpy(t->pending + t->pending_len, s, len);
        t->pending_len += len;
        return true;
    }
    if (t->pending_len + len > (size_t)t->chunk_size && !io_text_flush_pending(vm, t))
        return false;
    if (!pending_add(vm, t, s, len))
        return false;
    return t->pending_len < (size_t)t->chunk_size || io_text_flush_pending(vm, t);
}

bool mp_io_fast_done(VM *vm, TextIO *t, bool newline, bool flush)
{
    if (t->write_through || (t->line_buffering && newline)) {
        if (!io_text_flush_pending(vm, t))
            return false;
    }
    if (t->line_buffering && newline && !io_call(vm, t->buffer, "flush", 0, NULL))
        return false;
    if (t->decoded || t->snap_input)
        if (!after_write(vm, t))
            return false;
    if (flush && !io_call(vm, v_from(t), "flush", 0, NULL))
        return false;
    return true;
}

/* ---- reading --------------------------------------------------------------------------------------- */

static bool check_readable(VM *vm, TextIO *t)
{
    if (!t->can_read) {
        io_unsupported(vm, "not readable");
        return false;
    }
    return true;
}

static Value t_read(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "read", argc - 1, 0, 1))
        return VNULL;
    TextIO *t = tx(vm, argv[0]);
    if (!t)
        return VNULL;
    int64_t n;
    if (!io_size_arg(vm, argc > 1 ? argv[1] : VNULL, &n))
        return VNULL;
    if (!tx_open(vm, argv[0]) || !check_readable(vm, t) || !io_text_flush_pending(vm, t))
        return VNULL;
    if (n < 0) {
        Value bytes = io_call(vm, t->buffer, "read", 0, NULL);
        if (!bytes)
            return VNULL;
        if (bytes == rt_None)
            bytes = rt_bytes_new(vm, NULL, 0);
        RtBuffer b;
        if (!rt_get_buffer(vm, bytes, &b, 0))
            return VNULL;
        Value decoded = decode_chunk(vm, t, b.ptr, b.len, true);
        rt_gc_keep_alive(bytes);
        if (!decoded)
            return VNULL;
        Value head = take_decoded(vm, t, -1);
        if (!head)
            return VNULL;
        t->decoded = VNULL;
        t->snap_input = VNULL;
        return v_str(head)->len ? rt_str_concat(vm, head, decoded) : decoded;
    }
    Value result = take_decoded(vm, t, n);
    if (!result)
        return VNULL;
    int64_t remaining = n - (int64_t)v_str(result)->nchars;
    if (remaining <= 0)
        return result;
    StrBuf acc;
    sb_init(&acc);
    if (!sb_add_value_str(vm, &acc, result))
        goto fail;
    while (remaining > 0) {
        int r = read_chunk(vm, t, remaining);
        if (r < 0)
            goto fail;
        Value more = take_decoded(vm, t, remaining);
        if (!more || !sb_add_value_str(vm, &acc, more))
            goto fail;
        remaining -= (int64_t)v_str(more)->nchars;
        if (r == 0)
            break;
    }
    return sb_finish(vm, &acc);
fail:
    sb_free(&acc);
    return VNULL;
}

/* Where the first line ending in s[0..n) ends (bytes), or -1 with
 * *consumed the bytes that cannot be part of one (_PyIO_find_line_ending). */
static int64_t find_line_ending(TextIO *t, const char *s, size_t n, size_t *consumed)
{
    if (t->readtranslate) {
        const char *p = memchr(s, '\n', n);
        if (p)
            return p - s + 1;
        *consumed = n;
        return -1;
    }
    if (t->readuniversal) {
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '\n')
                return (int64_t)i + 1;
            if (s[i] == '\r')
                return (int64_t)i + 1 + (i + 1 < n && s[i + 1] == '\n');
        }
        *consumed = n;
        return -1;
    }
    const char *nl = v_cstr(t->readnl);
    size_t k = v_str(t->readnl)->len;
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == nl[0] && !memcmp(s + i, nl, k))
            return (int64_t)(i + k);
    *consumed = n >= k ? n - k + 1 : 0;
    return -1;
}

static Value readline_impl(VM *vm, TextIO *t, int64_t limit)
{
    if (!io_text_flush_pending(vm, t))
        return VNULL;
    StrBuf line;
    sb_init(&line);
    size_t line_chars = 0;
    const char *nl = t->readnl != rt_None && t->readnl ? v_cstr(t->readnl) : "";
    bool two = !t->readtranslate && !t->readuniversal && v_str(t->readnl)->len == 2;
    for (;;) {
        int r = 1;
        while (!decoded_left(t)) {
            r = read_chunk(vm, t, 0);
            if (r < 0)
                goto fail;
            if (r == 0)
                break;
        }
        if (r == 0 && !decoded_left(t)) {
            t->decoded = VNULL;
            t->snap_input = VNULL;
            break;
        }
        const char *chunk = v_cstr(t->decoded) + t->decoded_off;
        size_t clen = decoded_left(t), end, consumed;
        bool found;
        if (two && line.len && line.data[line.len - 1] == nl[0] && chunk[0] == nl[1]) {
            /* a two-character newline split across chunks */
            end = 1;
            found = true;
        } else {
            int64_t e = find_line_ending(t, chunk, clen, &consumed);
            found = e >= 0;
            end = found ? (size_t)e : clen;
        }
        if (limit >= 0) {
            size_t want = (size_t)limit - line_chars;
            size_t lim = io_char_offset(chunk, end, want);
            if (lim < end) {
                end = lim;
                found = true;
            } else if (!found && line_chars + io_count_chars(chunk, end) >= (size_t)limit) {
                found = true;
            }
        }
        if (found && !line.len) {
            /* The whole line lies in this chunk: no copy through a buffer. */
            Value res = t->decoded_off == 0 && end == clen ? t->decoded : rt_str_new(vm, chunk, end);
            t->decoded_off += end;
            return res;
        }
        if (!sb_add(vm, &line, chunk, end))
            goto fail;
        if (limit >= 0)
            line_chars += io_count_chars(chunk, end);
        t->decoded_off += end;
        if (found)
            break;
    }
    return sb_finish(vm, &line);
fail:
    sb_free(&line);
    return VNULL;
}

static Value t_readline(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "readline", argc - 1, 0, 1))
        return VNULL;
    TextIO *t = tx(vm, argv[0]);
    if (!t)
        return VNULL;
    int64_t limit = -1;
    if (argc > 1) {
        if (v_isa(argv[1], &rt_float_type) || !rt_is_int(argv[1]))
            return rt_raise(vm, &rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                            rt_type_name(argv[1]));
        if (!io_size_arg(vm, argv[1], &limit))
            return VNULL;
    }
    if (!tx_open(vm, argv[0]) || !check_readable(vm, t))
        return VNULL;
    return readline_impl(vm, t, limit);
}

Value mp_io_readline(VM *vm, Value file)
{
    if (v_is(file, &mp_textiowrapper_type)) {
        TextIO *t = tx_open(vm, file);
        if (!t || !check_readable(vm, t))
            return VNULL;
        return readline_impl(vm, t, -1);
    }
    return io_call(vm, file, "readline", 0, NULL);
}

static Value textio_next(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    if (!t)
        return VNULL;
    t->telling = false;
    Value line;
    if (v_is(self, &mp_textiowrapper_type)) {
        if (!tx_open(vm, self) || !check_readable(vm, t))
            return VNULL;
        line = readline_impl(vm, t, -1);
    } else {
        line = io_call(vm, self, "readline", 0, NULL);
        if (line && !v_is_str(line))
            return rt_raise(vm, &rt_exc_OSError, "readline() should have returned a str object, not '%s'",
                            rt_type_name(line));
    }
    if (!line)
        return VNULL;
    if (v_str(line)->len == 0) {
        t->snap_input = VNULL;
        t->telling = t->seekable;
        return VNULL;
    }
    return line;
}

/* ---- tell / seek ------------------------------------------------------------------------------------- */

typedef struct Cookie {
    int64_t start_pos, dec_flags, bytes_to_feed, need_eof, chars_to_skip;
} Cookie;

static Value build_cookie(VM *vm, const Cookie *c)
{
    if (!c->dec_flags && !c->bytes_to_feed && !c->need_eof && !c->chars_to_skip)
        return rt_int_from_i64(vm, c->start_pos);
    int64_t parts[5] = {c->start_pos, c->dec_flags, c->bytes_to_feed, c->need_eof, c->chars_to_skip};
    Value r = v_from_small(0);
    for (int i = 4; i >= 0 && r; i--) {
        r = rt_binary_op(vm, BIN_LSHIFT, r, v_from_small(64));
        Value part = rt_int_from_u64(vm, (uint64_t)parts[i]);
        if (r && part)
            r = rt_binary_op(vm, BIN_OR, r, part);
    }
    return r;
}

static bool parse_cookie(VM *vm, Value v, Cookie *c)
{
    int64_t parts[5] = {0};
    Value mask = rt_int_from_u64(vm, UINT64_MAX);
    Value cur = v;
    for (int i = 0; i < 5; i++) {
        Value low = rt_binary_op(vm, BIN_AND, cur, mask);
        if (!low)
            return false;
        Value sh = rt_binary_op(vm, BIN_RSHIFT, cur, v_from_small(64));
        if (!sh)
            return false;
        if (v_is_small(low)) {
            parts[i] = v_small(low);
        } else {
            /* beyond 62 bits: go through the high and low halves */
            Value hi = rt_binary_op(vm, BIN_RSHIFT, low, v_from_small(32));
            Value lo = rt_binary_op(vm, BIN_AND, low, v_from_small(0xFFFFFFFF));
            int64_t h, l;
            if (!hi || !lo || !rt_as_i64(vm, hi, &h) || !rt_as_i64(vm, lo, &l))
                return false;
            parts[i] = (int64_t)(((uint64_t)h << 32) | (uint64_t)l);
        }
        cur = sh;
    }
    *c = (Cookie){parts[0], parts[1], parts[2], parts[3], parts[4]};
    return true;
}

/* Characters decoding p[0..n) gives from the current decoder state. */
static bool dec_count(VM *vm, TextIO *t, const uint8_t *p, size_t n, bool final, int64_t *chars)
{
    Value s = decode_chunk(vm, t, p, n, final);
    if (!s)
        return false;
    *chars = (int64_t)v_str(s)->nchars;
    return true;
}

static bool dec_buffer_len(VM *vm, TextIO *t, int64_t *len, int64_t *flags)
{
    Value buf;
    if (!dec_getstate(vm, t, &buf, flags))
        return false;
    *len = (int64_t)((Bytes *)v_obj(buf))->len;
    return true;
}

/* Saves/restores the decoder around tell()'s trial decoding. */
typedef struct SavedDec {
    DecState dec;
    uint8_t seennl;
    Value state;
} SavedDec;

static bool save_dec(VM *vm, TextIO *t, SavedDec *s)
{
    s->dec = t->dec;
    s->seennl = t->seennl;
    s->state = VNULL;
    if (t->enc == ENC_OTHER)
        return (s->state = io_call(vm, t->decoder, "getstate", 0, NULL)) != VNULL;
    return true;
}

static bool restore_dec(VM *vm, TextIO *t, SavedDec *s)
{
    t->dec = s->dec;
    t->seennl = s->seennl;
    if (t->enc == ENC_OTHER)
        return io_call(vm, t->decoder, "setstate", 1, &s->state) != VNULL;
    return true;
}

static Value t_tell(VM *vm, int argc, Value *argv, Value kw)
{
    TextIO *t = tx_open(vm, argv[0]);
    if (!t)
        return VNULL;
    if (!t->seekable)
        return io_unsupported(vm, "underlying stream is not seekable");
    if (!t->telling)
        return rt_raise(vm, &rt_exc_OSError, "telling position disabled by next() call");
    if (!io_text_flush_pending(vm, t) || !io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    int64_t position;
    if (!io_call_int(vm, t->buffer, "tell", 0, NULL, &position))
        return VNULL;
    if ((t->enc == ENC_OTHER && !t->decoder) || !t->snap_input)
        return rt_int_from_i64(vm, position);
    Cookie c = {0};
    c.dec_flags = t->snap_flags;
    Value next_input = t->snap_input;
    Bytes *ni = (Bytes *)v_obj(next_input);
    c.start_pos = position - (int64_t)ni->len;
    int64_t chars_to_skip = t->decoded ? (int64_t)io_count_chars(v_cstr(t->decoded), t->decoded_off) : 0;
    if (chars_to_skip == 0)
        return build_cookie(vm, &c);
    SavedDec saved;
    if (!save_dec(vm, t, &saved))
        return VNULL;
    bool ok = false;
    int64_t skip_bytes = (int64_t)(t->b2cratio * (double)chars_to_skip), skip_back = 1;
    int64_t chars, buflen, flags;
    if (skip_bytes > (int64_t)ni->len)
        skip_bytes = (int64_t)ni->len;
    while (skip_bytes > 0) {
        if (!dec_setstate(vm, t, c.dec_flags) || !dec_count(vm, t, ni->data, (size_t)skip_bytes, false, &chars))
            goto done;
        if (chars <= chars_to_skip) {
            if (!dec_buffer_len(vm, t, &buflen, &flags))
                goto done;
            if (buflen == 0) {
                c.dec_flags = flags;
                chars_to_skip -= chars;
                break;
            }
            skip_bytes -= buflen;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if (skip_bytes <= 0) {
        skip_bytes = 0;
        if (!dec_setstate(vm, t, c.dec_flags))
            goto done;
    }
    c.start_pos += skip_bytes;
    c.chars_to_skip = chars_to_skip;
    if (chars_to_skip == 0) {
        ok = true;
        goto done;
    }
    int64_t decoded_n = 0;
    size_t i = (size_t)skip_bytes;
    for (; i < ni->len; i++) {
        if (!dec_count(vm, t, ni->data + i, 1, false, &chars))
            goto done;
        decoded_n += chars;
        c.bytes_to_feed += 1;
        if (!dec_buffer_len(vm, t, &buflen, &flags))
            goto done;
        if (buflen == 0 && decoded_n <= chars_to_skip) {
            c.start_pos += c.bytes_to_feed;
            chars_to_skip -= decoded_n;
            c.dec_flags = flags;
            c.bytes_to_feed = 0;
            decoded_n = 0;
        }
        if (decoded_n >= chars_to_skip)
            break;
    }
    if (i >= ni->len) {
        if (!dec_count(vm, t, (const uint8_t *)"", 0, true, &chars))
            goto done;
        decoded_n += chars;
        c.need_eof = 1;
        if (decoded_n < chars_to_skip) {
            rt_raise(vm, &rt_exc_OSError, "can't reconstruct logical file position");
            goto done;
        }
    }
    c.chars_to_skip = chars_to_skip;
    ok = true;
done: {
        Value exc = vm->exc;
        vm->exc = VNULL;
        bool rs = restore_dec(vm, t, &saved);
        if (exc) {
            vm->exc = exc;
            return VNULL;
        }
        if (!rs || !ok)
            return VNULL;
        rt_gc_keep_alive(next_input);
        return build_cookie(vm, &c);
    }
}

static Value t_seek(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "seek", argc - 1, 1, 2))
        return VNULL;
    TextIO *t = tx_open(vm, argv[0]);
    if (!t)
        return VNULL;
    Value cookie = argv[1];
    int64_t whence = 0;
    if (argc > 2 && !mp_as_ssize(vm, argv[2], &whence))
        return VNULL;
    if (!t->seekable)
        return io_unsupported(vm, "underlying stream is not seekable");
    if (!rt_is_int(cookie)) {
        Value i = rt_index(vm, cookie);
        if (!i)
            return VNULL;
        cookie = i;
    }
    if (whence == 1) {
        if (rt_int_sign(cookie) != 0)
            return io_unsupported(vm, "can't do nonzero cur-relative seeks");
        if (!(cookie = io_call(vm, argv[0], "tell", 0, NULL)))
            return VNULL;
    } else if (whence == 2) {
        if (rt_int_sign(cookie) != 0)
            return io_unsupported(vm, "can't do nonzero end-relative seeks");
        if (!io_call(vm, argv[0], "flush", 0, NULL))
            return VNULL;
        t->decoded = VNULL;
        t->snap_input = VNULL;
        if ((t->decoder || t->enc != ENC_OTHER) && !dec_reset(vm, t))
            return VNULL;
        Value a[2] = {v_from_small(0), v_from_small(2)};
        Value res = io_call(vm, t->buffer, "seek", 2, a);
        if (!res)
            return VNULL;
        if (t->encoder || t->enc != ENC_OTHER) {
            int64_t p;
            if (!mp_as_ssize(vm, res, &p) || !enc_reset(vm, t, p == 0))
                return VNULL;
        }
        return res;
    } else if (whence != 0) {
        return rt_raise(vm, &rt_exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    }
    if (rt_int_sign(cookie) < 0) {
        Value r = rt_repr(vm, cookie);
        return r ? rt_raise(vm, &rt_exc_ValueError, "negative seek position %s", v_cstr(r)) : VNULL;
    }
    if (!io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    Cookie c;
    if (!parse_cookie(vm, cookie, &c))
        return VNULL;
    Value sp = rt_int_from_i64(vm, c.start_pos);
    if (!io_call(vm, t->buffer, "seek", 1, &sp))
        return VNULL;
    t->decoded = VNULL;
    t->snap_input = VNULL;
    if (t->decoder || t->enc != ENC_OTHER) {
        bool ok = (c.start_pos == 0 && c.dec_flags == 0) ? dec_reset(vm, t) : dec_setstate(vm, t, c.dec_flags);
        if (!ok)
            return VNULL;
        t->snap_flags = c.dec_flags;
        t->snap_input = rt_bytes_new(vm, NULL, 0);
    }
    if (c.chars_to_skip) {
        Value nb = rt_int_from_i64(vm, c.bytes_to_feed);
        Value input = io_call(vm, t->buffer, "read", 1, &nb);
        if (!input)
            return VNULL;
        RtBuffer b;
        if (!rt_get_buffer(vm, input, &b, 0))
            return VNULL;
        Value decoded = decode_chunk(vm, t, b.ptr, b.len, c.need_eof != 0);
        rt_gc_keep_alive(input);
        if (!decoded)
            return VNULL;
        set_decoded(t, decoded);
        t->snap_input = v_isa(input, &rt_bytes_type) ? input : rt_bytes_new(vm, b.ptr, b.len);
        if ((int64_t)v_str(decoded)->nchars < c.chars_to_skip)
            return rt_raise(vm, &rt_exc_OSError, "can't restore logical file position");
        t->decoded_off = io_char_offset(v_cstr(decoded), v_str(decoded)->len, (size_t)c.chars_to_skip);
    }
    if (t->encoder || t->enc != ENC_OTHER) {
        if (!enc_reset(vm, t, rt_int_sign(cookie) == 0))
            return VNULL;
    }
    return cookie;
}

static Value t_truncate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "truncate", argc - 1, 0, 1))
        return VNULL;
    TextIO *t = tx(vm, argv[0]);
    if (!t || !io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    Value pos = argc > 1 ? argv[1] : rt_None;
    return io_call(vm, t->buffer, "truncate", 1, &pos);
}

/* ---- the rest ------------------------------------------------------------------------------------- */

static Value t_flush(VM *vm, int argc, Value *argv, Value kw)
{
    TextIO *t = tx_open(vm, argv[0]);
    if (!t)
        return VNULL;
    t->telling = t->seekable;
    if (!io_text_flush_pending(vm, t))
        return VNULL;
    return io_call(vm, t->buffer, "flush", 0, NULL);
}

static Value t_close(VM *vm, int argc, Value *argv, Value kw)
{
    TextIO *t = tx(vm, argv[0]);
    if (!t)
        return VNULL;
    Value c = rt_getattr_cstr(vm, argv[0], "closed");
    if (!c)
        return VNULL;
    int closed = rt_truthy(vm, c);
    if (closed < 0)
        return VNULL;
    if (closed)
        return rt_None;
    Value r = io_call(vm, argv[0], "flush", 0, NULL);
    io_textio_forget(t);
    Value saved = r ? VNULL : vm->exc;
    vm->exc = VNULL;
    Value r2 = io_call(vm, t->buffer, "close", 0, NULL);
    if (saved) {
        if (!r2)
            rt_setattr(vm, vm->exc, rt_str_intern_cstr(vm, "__context__"), saved);
        else
            vm->exc = saved;
        return VNULL;
    }
    return r2 ? rt_None : VNULL;
}

static Value t_detach(VM *vm, int argc, Value *argv, Value kw)
{
    TextIO *t = tx(vm, argv[0]);
    if (!t || !io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    Value b = t->buffer;
    io_textio_forget(t);
    t->buffer = rt_None;
    t->ok = false;
    t->detached = true;
    t->fast_buffer = false;
    return b;
}

#define BUF_FORWARD(fname, method)                                       \
    static Value fname(VM *vm, int argc, Value *argv, Value kw)          \
    {                                                                    \
        TextIO *t = tx(vm, argv[0]);                                     \
        return t ? io_call(vm, t->buffer, method, 0, NULL) : VNULL;      \
    }
BUF_FORWARD(t_fileno, "fileno")
BUF_FORWARD(t_seekable, "seekable")
BUF_FORWARD(t_readable, "readable")
BUF_FORWARD(t_writable, "writable")
BUF_FORWARD(t_isatty, "isatty")

static Value t_reconfigure(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"self", "encoding", "errors", "newline", "line_buffering",
                                        "write_through", NULL};
    Value a[6];
    if (argc > 1)
        return rt_raise(vm, &rt_exc_TypeError, "reconfigure() takes no positional arguments");
    if (!rt_parse_args(vm, "reconfigure", argc, argv, kwnames, names, 1, 1, a))
        return VNULL;
    TextIO *t = tx(vm, argv[0]);
    if (!t)
        return VNULL;
    for (int i = 1; i <= 2; i++)
        if (a[i] && a[i] != rt_None && !v_is_str(a[i]))
            return rt_raise(vm, &rt_exc_TypeError, "reconfigure() argument '%s' must be str or None, not %s",
                            names[i], rt_type_name(a[i]));
    if (a[3] && !check_newline(vm, a[3], "reconfigure"))
        return VNULL;
    bool change_coding = (a[1] && a[1] != rt_None) || (a[2] && a[2] != rt_None);
    if ((change_coding || a[3]) && (t->decoded || t->snap_input) && decoded_left(t) + (t->snap_input ? 1 : 0))
        return io_unsupported(vm, "It is not possible to set the encoding or newline of stream after the first read");
    int lb = -1, wt = -1;
    if (a[4] && a[4] != rt_None && (lb = rt_truthy(vm, a[4])) < 0)
        return VNULL;
    if (a[5] && a[5] != rt_None && (wt = rt_truthy(vm, a[5])) < 0)
        return VNULL;
    if (!io_call(vm, argv[0], "flush", 0, NULL))
        return VNULL;
    if (a[3])
        set_newline(vm, t, a[3]);
    if (change_coding || a[3]) {
        if (a[1] && a[1] != rt_None) {
            t->encoding = !strcmp(v_cstr(a[1]), "locale") ? locale_encoding(vm) : a[1];
            if (!a[2] || a[2] == rt_None)
                t->errors = rt_str_intern_cstr(vm, "strict");
        }
        if (a[2] && a[2] != rt_None)
            t->errors = a[2];
        Value r = io_call(vm, t->buffer, "readable", 0, NULL);
        Value w = r ? io_call(vm, t->buffer, "writable", 0, NULL) : VNULL;
        if (!w || !setup_coding(vm, t, r == rt_True, w == rt_True))
            return VNULL;
        t->can_read = r == rt_True;
        t->can_write = w == rt_True;
    }
    if (lb >= 0)
        t->line_buffering = lb;
    if (wt >= 0)
        t->write_through = wt;
    return rt_None;
}

static Value t_encoding_get(VM *vm, Value self) { TextIO *t = tx_any(vm, self); return t ? t->encoding : VNULL; }
static Value t_errors_get(VM *vm, Value self) { TextIO *t = tx_any(vm, self); return t ? t->errors : VNULL; }

static Value t_buffer_get(VM *vm, Value self)
{
    TextIO *t = tx_any(vm, self);
    return t ? t->buffer : VNULL;
}

static Value t_line_buffering_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    return t ? rt_bool(t->line_buffering) : VNULL;
}

static Value t_write_through_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    return t ? rt_bool(t->write_through) : VNULL;
}

static Value t_closed_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    if (!t)
        return VNULL;
    int closed;
    if (buffer_closed_fast(t, &closed))
        return rt_bool(closed);
    return rt_getattr_cstr(vm, t->buffer, "closed");
}

static Value t_name_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    return t ? rt_getattr_cstr(vm, t->buffer, "name") : VNULL;
}

static Value t_newlines_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    if (!t)
        return VNULL;
    if (t->enc != ENC_OTHER)
        return t->readuniversal ? io_newlines_value(vm, t->seennl) : rt_None;
    if (!t->decoder)
        return rt_None;
    Value r = rt_getattr_opt(vm, t->decoder, rt_str_intern_cstr(vm, "newlines"));
    return r ? r : vm->exc ? VNULL : rt_None;
}

static Value t_chunk_get(VM *vm, Value self)
{
    TextIO *t = tx(vm, self);
    return t ? rt_int_from_i64(vm, t->chunk_size) : VNULL;
}

static int t_chunk_set(VM *vm, Value self, Value v)
{
    TextIO *t = tx(vm, self);
    if (!t)
        return -1;
    if (!v) {
        rt_raise(vm, &rt_exc_AttributeError, "cannot delete attribute");
        return -1;
    }
    int64_t n;
    if (!mp_as_ssize(vm, v, &n))
        return -1;
    if (n <= 0) {
        rt_raise(vm, &rt_exc_ValueError, "a strictly positive integer is required");
        return -1;
    }
    t->chunk_size = n;
    return 0;
}

static Value t_mode_get(VM *vm, Value self)
{
    TextIO *t = tx_any(vm, self);
    if (!t)
        return VNULL;
    Value m = ((TextIOX *)t)->mode;
    if (!m)
        return rt_raise(vm, &rt_exc_AttributeError, "'%s' object has no attribute 'mode'", rt_type_name(self));
    return m;
}

static int t_mode_set(VM *vm, Value self, Value v)
{
    TextIO *t = tx_any(vm, self);
    if (!t)
        return -1;
    ((TextIOX *)t)->mode = v;
    return 0;
}

static Value textio_repr(VM *vm, Value self)
{
    TextIO *t = (TextIO *)v_obj(self);
    StrBuf b;
    sb_init(&b);
    if (!sb_printf(vm, &b, "<%s", v_type(self)->name))
        return VNULL;
    if (t->ok) {
        Value name = rt_getattr_cstr(vm, self, "name");
        if (name) {
            Value r = rt_repr(vm, name);
            if (!r || !sb_adds(vm, &b, " name=") || !sb_add_value_str(vm, &b, r))
                goto fail;
        } else if (rt_exc_matches(vm, vm->exc, &rt_exc_Exception)) {
            vm->exc = VNULL;
        } else {
            goto fail;
        }
    }
    Value mode = ((TextIOX *)t)->mode;
    if (mode) {
        Value r = rt_repr(vm, mode);
        if (!r || !sb_adds(vm, &b, " mode=") || !sb_add_value_str(vm, &b, r))
            goto fail;
    }
    if (t->encoding) {
        Value r = rt_repr(vm, t->encoding);
        if (!r || !sb_adds(vm, &b, " encoding=") || !sb_add_value_str(vm, &b, r))
            goto fail;
    }
    if (!sb_addc(vm, &b, '>'))
        goto fail;
    return sb_finish(vm, &b);
fail:
    sb_free(&b);
    return VNULL;
}

static bool textio_del_needed(VM *vm, Obj *o)
{
    TextIO *t = (TextIO *)o;
    return t->ok && !t->io.is_std;
}

static const NativeDef textio_methods[] = {
    {"write", t_write, 0},
    {"read", t_read, 0},
    {"readline", t_readline, 0},
    {"tell", t_tell, 0},
    {"seek", t_seek, 0},
    {"truncate", t_truncate, 0},
    {"flush", t_flush, 0},
    {"close", t_close, 0},
    {"detach", t_detach, 0},
    {"fileno", t_fileno, 0},
    {"seekable", t_seekable, 0},
    {"readable", t_readable, 0},
    {"writable", t_writable, 0},
    {"isatty", t_isatty, 0},
    {"reconfigure", t_reconfigure, NF_KEYWORDS},
    {"__init__", textio_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef textio_getsets[] = {
    {"encoding", t_encoding_get, NULL},
    {"errors", t_errors_get, NULL},
    {"buffer", t_buffer_get, NULL},
    {"line_buffering", t_line_buffering_get, NULL},
    {"write_through", t_write_through_get, NULL},
    {"closed", t_closed_get, NULL},
    {"name", t_name_get, NULL},
    {"newlines", t_newlines_get, NULL},
    {"_CHUNK_SIZE", t_chunk_get, t_chunk_set},
    {"mode", t_mode_get, t_mode_set},
    {NULL, NULL, NULL},
};

Type mp_textiowrapper_type = {
    .name = "_io.TextIOWrapper",
    .base = &mp_textiobase_type,
    .instance_size = sizeof(TextIOX),
    .trace = textio_trace,
    .finalize = textio_finalize,
    .repr = textio_repr,
    .new = textio_new,
    .next = textio_next,
    .del = io_del,
    .del_needed = textio_del_needed,
    .flags = TF_BASETYPE | TF_FINALIZE | TF_WEAKREF,
};

/* ---- IncrementalNewlineDecoder -------------------------------------------------------------------- */

static void nld_trace(VM *vm, Obj *o)
{
    rt_gc_mark(vm, ((NLDecoder *)o)->decoder);
}

static NLDecoder *nld(VM *vm, Value v)
{
    if (!v_isa(v, &mp_nldecoder_type) && !rt_isinstance_type(v, &mp_nldecoder_type)) {
        rt_raise(vm, &rt_exc_TypeError, "descriptor requires a '_io.IncrementalNewlineDecoder' object");
        return NULL;
    }
    NLDecoder *d = (NLDecoder *)v_obj(v);
    if (!d->decoder) {
        rt_raise(vm, &rt_exc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
        return NULL;
    }
    return d;
}

static Value nld_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"decoder", "translate", "errors", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "IncrementalNewlineDecoder", argc, argv, kwnames, names, 0, 2, a))
        return VNULL;
    int tr = rt_truthy(vm, a[1]);
    if (tr < 0)
        return VNULL;
    NLDecoder *d = rt_alloc(vm, type, type->instance_size);
    if (!d)
        return VNULL;
    d->decoder = a[0];
    d->translate = tr;
    return v_from(d);
}

static Value io_nld_decode(VM *vm, Value self, Value input, bool final)
{
    NLDecoder *d = nld(vm, self);
    if (!d)
        return VNULL;
    Value out = input;
    if (d->decoder != rt_None) {
        Value a[2] = {input, rt_bool(final)};
        if (!(out = io_call(vm, d->decoder, "decode", 2, a)))
            return VNULL;
    }
    if (!v_is_str(out))
        return rt_raise(vm, &rt_exc_TypeError, "decoder should return a string result, not '%s'",
                        rt_type_name(out));
    StrBuf b;
    sb_init(&b);
    if (!io_nl_process(vm, d->translate, &d->pendingcr, &d->seennl, v_cstr(out), v_str(out)->len, final, &b)) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static Value nld_decode(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"self", "input", "final", NULL};
    Value a[3];
    if (!rt_parse_args(vm, "decode", argc, argv, kwnames, names, 1, 2, a))
        return VNULL;
    int fin = a[2] ? rt_truthy(vm, a[2]) : 0;
    if (fin < 0)
        return VNULL;
    return io_nld_decode(vm, argv[0], a[1], fin);
}

static Value nld_getstate(VM *vm, int argc, Value *argv, Value kw)
{
    NLDecoder *d = nld(vm, argv[0]);
    if (!d)
        return VNULL;
    Value buffer;
    int64_t flag = 0;
    if (d->decoder != rt_None) {
        Value st = io_call(vm, d->decoder, "getstate", 0, NULL);
        if (!st)
            return VNULL;
        if (!v_is(st, &rt_tuple_type) || v_tuple(st)->len != 2)
            return rt_raise(vm, &rt_exc_TypeError, "illegal decoder state");
        buffer = v_tuple(st)->items[0];
        if (!rt_as_i64(vm, v_tuple(st)->items[1], &flag))
            return VNULL;
    } else {
        buffer = rt_bytes_new(vm, NULL, 0);
    }
    flag = (flag << 1) | d->pendingcr;
    return rt_tuple_pack(vm, 2, buffer, rt_int_from_i64(vm, flag));
}

static Value nld_setstate(VM *vm, int argc, Value *argv, Value kw)
{
    if (!rt_check_nargs(vm, "setstate", argc - 1, 1, 1))
        return VNULL;
    NLDecoder *d = nld(vm, argv[0]);
    if (!d)
        return VNULL;
    Value st = argv[1];
    if (!v_is(st, &rt_tuple_type))
        return rt_raise(vm, &rt_exc_TypeError, "state argument must be a tuple");
    if (v_tuple(st)->len != 2)
        return rt_raise(vm, &rt_exc_TypeError, "setstate() argument must be a tuple of 2 items");
    int64_t flag;
    if (!rt_as_i64(vm, v_tuple(st)->items[1], &flag))
        return VNULL;
    d->pendingcr = flag & 1;
    if (d->decoder != rt_None) {
        Value inner = rt_tuple_pack(vm, 2, v_tuple(st)->items[0], rt_int_from_i64(vm, flag >> 1));
        if (!inner || !io_call(vm, d->decoder, "setstate", 1, &inner))
            return VNULL;
    }
    return rt_None;
}

static Value nld_reset(VM *vm, int argc, Value *argv, Value kw)
{
    NLDecoder *d = nld(vm, argv[0]);
    if (!d)
        return VNULL;
    d->seennl = 0;
    d->pendingcr = false;
    if (d->decoder != rt_None)
        return io_call(vm, d->decoder, "reset", 0, NULL);
    return rt_None;
}

static Value nld_newlines_get(VM *vm, Value self)
{
    NLDecoder *d = nld(vm, self);
    return d ? io_newlines_value(vm, d->seennl) : VNULL;
}

static Value nld_init(VM *vm, int argc, Value *argv, Value kw) { return rt_None; }

static const NativeDef nld_methods[] = {
    {"decode", nld_decode, NF_KEYWORDS},
    {"getstate", nld_getstate, 0},
    {"setstate", nld_setstate, 0},
    {"reset", nld_reset, 0},
    {"__init__", nld_init, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef nld_getsets[] = {
    {"newlines", nld_newlines_get, NULL},
    {NULL, NULL, NULL},
};

Type mp_nldecoder_type = {
    .name = "_io.IncrementalNewlineDecoder",
    .instance_size = sizeof(NLDecoder),
    .trace = nld_trace,
    .new = nld_new,
    .flags = TF_BASETYPE,
};

bool io_textio_init(VM *vm, Dict *d)
{
    return io_add_type(vm, d, &mp_textiowrapper_type, textio_methods, textio_getsets) &&
           io_add_type(vm, d, &mp_nldecoder_type, nld_methods, nld_getsets);
}
