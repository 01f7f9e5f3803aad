/* stdlib/_bz2.c — the _bz2 module over Debian's libbz2, with the interface
 * and messages of CPython 3.11's Modules/_bz2module.c: BZ2Compressor
 * (compress, flush) and BZ2Decompressor (decompress with max_length, eof,
 * needs_input, unused_data), which bz2.py builds on. */
#include <limits.h>

#include <bzlib.h>

#include "stdlib/mp_bytesout.h"
#include "stdlib/native.h"

/* CPython's catch_bz2_error: true (exception set) for an error code. */
static bool bz2_failed(VM *vm, int ret)
{
    switch (ret) {
    case BZ_OK:
    case BZ_RUN_OK:
    case BZ_FLUSH_OK:
    case BZ_FINISH_OK:
    case BZ_STREAM_END:
        return false;
    case BZ_CONFIG_ERROR:
        rt_raise(vm, &rt_exc_SystemError, "libbzip2 was not compiled correctly");
        break;
    case BZ_PARAM_ERROR:
        rt_raise(vm, &rt_exc_ValueError, "Internal error - invalid parameters passed to libbzip2");
        break;
    case BZ_MEM_ERROR:
        rt_no_memory(vm);
        break;
    case BZ_DATA_ERROR:
    case BZ_DATA_ERROR_MAGIC:
        rt_raise(vm, &rt_exc_OSError, "Invalid data stream");
        break;
    case BZ_IO_ERROR:
        rt_raise(vm, &rt_exc_OSError, "Unknown I/O error");
        break;
    case BZ_UNEXPECTED_EOF:
        rt_raise(vm, &rt_exc_EOFError,
                 "Compressed file ended before the logical end-of-stream was detected");
        break;
    case BZ_SEQUENCE_ERROR:
        rt_raise(vm, &rt_exc_RuntimeError, "Internal error - Invalid sequence of commands sent to libbzip2");
        break;
    default:
        rt_raise(vm, &rt_exc_OSError, "Unrecognized error from libbzip2: %d", ret);
        break;
    }
    return true;
}

static void *bz_alloc(void *vm, int n, int m) { return mp_lib_alloc(vm, (size_t)n, (size_t)m); }
static void bz_free(void *vm, void *p) { mp_lib_free(vm, p); }

/* A stream whose memory the collector counts (mp_bytesout.h). */
static void bz_setup(VM *vm, bz_stream *s)
{
    s->bzalloc = bz_alloc;
    s->bzfree = bz_free;
    s->opaque = vm;
}

/* Point the stream's output at the next window (see mp_bytesout.h). */
static int next_window(VM *vm, MpBlocks *out, bz_stream *s)
{
    uint8_t *win;
    size_t size;
    int r = mp_blocks_next(vm, out, mp_blocks_written(out, s->next_out), &win, &size);
    if (r == 1) {
        s->next_out = (char *)win;
        s->avail_out = (unsigned int)size;
    }
    return r;
}

/* ---- BZ2Compressor ------------------------------------------------------------------------ */

typedef struct Comp {
    Obj hdr;
    bool inited, flushed;
    bz_stream s;
} Comp;

static Type comp_type, decomp_type;

static inline Comp *COMP(Value v) { return (Comp *)v_obj(v); }

static void comp_finalize(VM *vm, Obj *o)
{
    Comp *c = (Comp *)o;
    if (c->inited)
        BZ2_bzCompressEnd(&c->s);
    c->inited = false;
}

/* BZ2Compressor(compresslevel=9, /) */
static Value comp_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    int64_t level = 9;
    if (!mp_no_kw(vm, "BZ2Compressor", kwnames) || !rt_check_nargs(vm, "BZ2Compressor", argc, 0, 1))
        return VNULL;
    if (argc > 0) {
        Value i = rt_index(vm, argv[0]);
        if (!i)
            return VNULL;
        if (!rt_as_i64(vm, i, &level) || level < INT_MIN || level > INT_MAX) {
            vm->exc = VNULL;
            return rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        }
    }
    if (level < 1 || level > 9)
        return rt_raise(vm, &rt_exc_ValueError, "compresslevel must be between 1 and 9");
    Comp *c = rt_alloc(vm, type, type->instance_size);
    if (!c)
        return VNULL;
    bz_setup(vm, &c->s);
    if (bz2_failed(vm, BZ2_bzCompressInit(&c->s, (int)level, 0, 0)))
        return VNULL;
    c->inited = true;
    return v_from(c);
}

/* Run the compressor over data (BZ_RUN) or to the end (BZ_FINISH). */
static Value comp_run(VM *vm, Comp *c, const uint8_t *data, size_t len, int action)
{
    MpBlocks out;
    mp_blocks_init(&out, 32 << 10, SIZE_MAX);
    if (next_window(vm, &out, &c->s) != 1)
        return VNULL;
    c->s.next_in = (char *)data;
    c->s.avail_in = 0;
    for (;;) {
        if (c->s.avail_in == 0 && len > 0) {
            c->s.avail_in = len > UINT_MAX ? UINT_MAX : (unsigned int)len;
            len -= c->s.avail_in;
        }
        if (action == BZ_RUN && c->s.avail_in == 0)
            break;
        if (c->s.avail_out == 0 && next_window(vm, &out, &c->s) != 1)
            goto fail;
        int ret = BZ2_bzCompress(&c->s, action);
        if (bz2_failed(vm, ret))
            goto fail;
        if (action == BZ_FINISH && ret == BZ_STREAM_END)
            break;
    }
    return mp_blocks_finish(vm, &out, mp_blocks_written(&out, c->s.next_out));
fail:
    mp_out_free(&out.o);
    return VNULL;
}

static Value comp_m_compress(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    RtBuffer b;
    if (!mp_no_kw(vm, "BZ2Compressor.compress", kwnames) ||
        !rt_check_nargs(vm, "BZ2Compressor.compress", argc - 1, 1, 1) || !mp_buffer_arg(vm, argv[1], &b))
        return VNULL;
    Value r = c->flushed ? rt_raise(vm, &rt_exc_ValueError, "Compressor has been flushed")
                         : comp_run(vm, c, b.ptr, b.len, BZ_RUN);
    rt_buffer_release(vm, &b);
    return r;
}

static Value comp_m_flush(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    if (!rt_check_nargs(vm, "BZ2Compressor.flush", argc - 1, 0, 0))
        return VNULL;
    if (c->flushed)
        return rt_raise(vm, &rt_exc_ValueError, "Repeated call to flush()");
    c->flushed = true;
    return comp_run(vm, c, NULL, 0, BZ_FINISH);
}

/* ---- BZ2Decompressor ----------------------------------------------------------------------- */

typedef struct Decomp {
    Obj hdr;
    bool inited, eof, needs_input;
    bz_stream s;
    Value unused_data;  /* bytes after the end of the stream */
    uint8_t *pending;   /* malloc'd: input not consumed yet (kept across calls) */
    size_t pending_len, pending_cap;
} Decomp;

static inline Decomp *DECOMP(Value v) { return (Decomp *)v_obj(v); }

static void decomp_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((Decomp *)o)->unused_data); }

static void decomp_finalize(VM *vm, Obj *o)
{
    Decomp *d = (Decomp *)o;
    if (d->inited)
        BZ2_bzDecompressEnd(&d->s);
    d->inited = false;
    free(d->pending);
    d->pending = NULL;
}

static Value decomp_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (argc > 0)
        return rt_raise(vm, &rt_exc_TypeError, "BZ2Decompressor() takes no positional arguments");
    if (!mp_no_kw(vm, "BZ2Decompressor", kwnames))
        return VNULL;
    Decomp *d = rt_alloc(vm, type, type->instance_size);
    Value empty = d ? rt_bytes_new(vm, NULL, 0) : VNULL;
    if (!empty)
        return VNULL;
    d->unused_data = empty;
    d->needs_input = true;
    bz_setup(vm, &d->s);
    if (bz2_failed(vm, BZ2_bzDecompressInit(&d->s, 0, 0)))
        return VNULL;
    d->inited = true;
    return v_from(d);
}

/* Decompress from in[0..*len) until the stream ends, the input runs out or
 * the output reaches max_length; *len becomes what is left unread. */
static Value decomp_run(VM *vm, Decomp *d, const uint8_t *in, size_t *len, int64_t max_length)
{
    MpBlocks out;
    mp_blocks_init(&out, 32 << 10, max_length < 0 ? SIZE_MAX : (size_t)max_length);
    if (next_window(vm, &out, &d->s) != 1)
        return VNULL;
    size_t left = *len;
    d->s.next_in = (char *)in;
    for (;;) {
        d->s.avail_in = left > UINT_MAX ? UINT_MAX : (unsigned int)left;
        left -= d->s.avail_in;
        int ret = BZ2_bzDecompress(&d->s);
        left += d->s.avail_in;
        if (bz2_failed(vm, ret)) {
            mp_out_free(&out.o);
            return VNULL;
        }
        if (ret == BZ_STREAM_END) {
            d->eof = true;
            break;
        }
        if (left == 0)
            break;
        if (d->s.avail_out == 0) {
            int g = next_window(vm, &out, &d->s);
            if (g == 2)
                break;
            if (g == 0) {
                mp_out_free(&out.o);
                return VNULL;
            }
        }
    }
    *len = left;
    return mp_blocks_finish(vm, &out, mp_blocks_written(&out, d->s.next_out));
}

/* Keep the unread input for the next call (it may already be there). */
static bool keep_pending(VM *vm, Decomp *d, const uint8_t *rest, size_t n)
{
    if (n > d->pending_cap) {
        uint8_t *p = malloc(n);
        if (!p) {
            rt_no_memory(vm);
            return false;
        }
        memcpy(p, rest, n);
        free(d->pending);
        d->pending = p;
        d->pending_cap = n;
    } else {
        memmove(d->pending, rest, n);
    }
    d->pending_len = n;
    return true;
}

/* decompress(data, max_length=-1) */
static Value decomp_m_decompress(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"data", "max_length", NULL};
    Decomp *d = DECOMP(argv[0]);
    Value a[2];
    int64_t max_length = -1;
    RtBuffer b;
    if (!rt_parse_args(vm, "decompress", argc - 1, argv + 1, kwnames, names, 0, 1, a) ||
        !mp_buffer_arg(vm, a[0], &b))
        return VNULL;
    Value r = VNULL;
    if (a[1] && !mp_as_ssize(vm, a[1], &max_length))
        goto done;
    if (d->eof) {
        rt_raise(vm, &rt_exc_EOFError, "End of stream already reached");
        goto done;
    }
    /* Input left over from the last call comes first. */
    const uint8_t *in = b.ptr;
    size_t len = b.len;
    if (d->pending_len) {
        if (d->pending_len + b.len > d->pending_cap) {
            uint8_t *p = realloc(d->pending, d->pending_len + b.len);
            if (!p) {
                rt_no_memory(vm);
                goto done;
            }
            d->pending = p;
            d->pending_cap = d->pending_len + b.len;
        }
        memcpy(d->pending + d->pending_len, b.ptr, b.len);
        in = d->pending;
        len = d->pending_len + b.len;
    }
    size_t total = len;
    r = decomp_run(vm, d, in, &len, max_length);
    const uint8_t *rest = in + (total - len);
    if (!r) {
        d->pending_len = 0;
        goto done;
    }
    if (d->eof) {
        d->needs_input = false;
        d->pending_len = 0;
        if (len > 0) {
            Value u = rt_bytes_new(vm, rest, len);
            if (!u) {
                r = VNULL;
                goto done;
            }
            d->unused_data = u;
        }
    } else if (len == 0) {
        d->pending_len = 0;
        d->needs_input = true;
    } else {
        d->needs_input = false;
        if (!keep_pending(vm, d, rest, len))
            r = VNULL;
    }
done:
    rt_buffer_release(vm, &b);
    return r;
}

static Value get_eof(VM *vm, Value self) { return rt_bool(DECOMP(self)->eof); }
static Value get_needs_input(VM *vm, Value self) { return rt_bool(DECOMP(self)->needs_input); }
static Value get_unused_data(VM *vm, Value self) { return DECOMP(self)->unused_data; }

/* Read-only members in CPython ("readonly attribute"). */
static int set_readonly(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static const NativeDef comp_methods[] = {
    {"compress", comp_m_compress, NF_KEYWORDS},
    {"flush", comp_m_flush, 0},
    {NULL, NULL, 0},
};

static const NativeDef decomp_methods[] = {
    {"decompress", decomp_m_decompress, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const GetSetDef decomp_getsets[] = {
    {"eof", get_eof, set_readonly},
    {"needs_input", get_needs_input, set_readonly},
    {"unused_data", get_unused_data, set_readonly},
    {NULL, NULL, NULL},
};

static Type comp_type = {
    .name = "_bz2.BZ2Compressor", .instance_size = sizeof(Comp), .flags = TF_EXTERNAL, .finalize = comp_finalize,
    .new = comp_new,
};
static Type decomp_type = {
    .name = "_bz2.BZ2Decompressor", .instance_size = sizeof(Decomp), .flags = TF_EXTERNAL, .trace = decomp_trace,
    .finalize = decomp_finalize, .new = decomp_new,
};

Value mp_bz2_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_bz2", &d);
    if (!m || !mp_type_ready(vm, &comp_type, d) || !mp_type_ready(vm, &decomp_type, d))
        return VNULL;
    if (!rt_dict_get_cstr(vm, comp_type.dict, "compress") &&
        (!rt_add_methods(vm, &comp_type, comp_methods) ||
         !rt_add_methods(vm, &decomp_type, decomp_methods) ||
         !rt_add_getsets(vm, &decomp_type, decomp_getsets)))
        return VNULL;
    return m;
}
