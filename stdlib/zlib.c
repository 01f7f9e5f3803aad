/* stdlib/zlib.c — the zlib module over Debian's libz, with the interface and
 * messages of CPython 3.11's Modules/zlibmodule.c: compress / decompress
 * (wbits, bufsize), compressobj / decompressobj with every parameter, the
 * Compress and Decompress objects (flush modes, copy, max_length,
 * unconsumed_tail, unused_data, eof), crc32, adler32, the constants and
 * zlib.error.
 *
 * Output is collected in blocks of the sizes CPython's _BlocksOutputBuffer
 * uses (32 KiB, 64 KiB, 256 KiB, ...): with max_length, how much input
 * inflate has consumed when the output fills, and so unconsumed_tail,
 * follows the sequence of output windows it was given. */
#include <limits.h>
#include <stdio.h>

/* next_in points at input minipy must not change. */
#define ZLIB_CONST
#include <zlib.h>

#include "stdlib/mp_bytesout.h"
#include "stdlib/native.h"

static Value zlib_error; /* zlib.error */

#define DEF_BUF_SIZE (16 * 1024)
#define DEF_MEM_LEVEL 8

/* CPython's zlib_error: "Error <n> <context>[: <zlib's or a stock message>]". */
static Value raise_zlib(VM *vm, const z_stream *z, int err, const char *context)
{
    const char *msg = err == Z_VERSION_ERROR ? "library version mismatch" : z->msg;
    if (!msg) {
        if (err == Z_BUF_ERROR)
            msg = "incomplete or truncated stream";
        else if (err == Z_STREAM_ERROR)
            msg = "inconsistent stream state";
        else if (err == Z_DATA_ERROR)
            msg = "invalid input data";
    }
    if (msg)
        return rt_raise(vm, (Type *)v_obj(zlib_error), "Error %d %s: %.200s", err, context, msg);
    return rt_raise(vm, (Type *)v_obj(zlib_error), "Error %d %s", err, context);
}

static voidpf z_alloc(voidpf vm, uInt items, uInt size) { return mp_lib_alloc(vm, items, size); }
static void z_free(voidpf vm, voidpf p) { mp_lib_free(vm, p); }

/* A stream whose memory the collector counts (mp_bytesout.h). */
static void z_setup(VM *vm, z_stream *z)
{
    z->zalloc = z_alloc;
    z->zfree = z_free;
    z->opaque = vm;
}

/* ---- input and output windows ------------------------------------------------------- */

/* Hand zlib the next piece of input (avail_in is 32 bits wide); *left
 * counts what is not handed over yet. */
static void feed_input(z_stream *z, size_t *left)
{
    uInt n = *left > UINT_MAX ? UINT_MAX : (uInt)*left;
    z->avail_in = n;
    *left -= n;
}

/* The output of one call, in CPython's windows (mp_bytesout.h). */
typedef MpBlocks ZOut;

static void zout_init(ZOut *out, size_t first, size_t max) { mp_blocks_init(out, first, max); }

/* Record what zlib wrote since the last window. */
static void zout_sync(ZOut *out, const z_stream *z) { out->o.len = mp_blocks_written(out, z->next_out); }

/* Give zlib a fresh output window once the last one is full.  0: failed
 * (MemoryError pending); 1: room to write; 2: the limit is reached. */
static int zout_grow(VM *vm, ZOut *out, z_stream *z)
{
    if (out->nblocks > 0 && z->avail_out > 0)
        return 1;
    uint8_t *win;
    size_t size;
    int r = mp_blocks_next(vm, out, mp_blocks_written(out, z->next_out), &win, &size);
    if (r == 1) {
        z->next_out = win;
        z->avail_out = (uInt)size; /* windows are at most 256 MiB */
    }
    return r;
}

/* The window is full and more room is needed: grow, or say so. */
static inline bool window_full(const z_stream *z) { return z->avail_out == 0; }

/* ---- arguments ---------------------------------------------------------------------------- */

/* Clinic's `int`: an index that fits a C int. */
static bool c_int(VM *vm, Value v, int *out)
{
    int64_t i;
    Value x = rt_index(vm, v);
    if (!x)
        return false;
    if (!rt_as_i64(vm, x, &i) || i < INT_MIN || i > INT_MAX) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "Python int too large to convert to C int");
        return false;
    }
    *out = (int)i;
    return true;
}

/* Clinic's Py_ssize_t. */
static bool c_ssize(VM *vm, Value v, int64_t *out) { return mp_as_ssize(vm, v, out); }

/* Clinic's `unsigned_int(bitwise=True)`: the low 32 bits of any int. */
static bool c_uint_mask(VM *vm, Value v, uint32_t *out)
{
    Value x = rt_index(vm, v);
    Value low = x ? rt_binary_op(vm, BIN_AND, x, v_from_small(0xFFFFFFFF)) : VNULL;
    int64_t i;
    if (!low || !rt_as_i64(vm, low, &i))
        return false;
    *out = (uint32_t)i;
    return true;
}

/* The argument checks of Clinic's methods that take the defining class
 * (Compress / Decompress): positional-only parameters, their wording. */
static bool clinic_positional(VM *vm, const char *fname, int argc, Value kwnames, int min, int max)
{
    if (kwnames && v_tuple(kwnames)->len) {
        Value k = v_tuple(kwnames)->items[0];
        rt_raise(vm, &rt_exc_TypeError, "'%s' is an invalid keyword argument for %s()",
                 v_is_str(k) ? v_cstr(k) : "?", fname);
        return false;
    }
    if (argc < min) {
        rt_raise(vm, &rt_exc_TypeError, "%s() takes %s %d positional argument%s (%d given)", fname,
                 min == max ? "exactly" : "at least", min, min == 1 ? "" : "s", argc);
        return false;
    }
    if (argc > max) {
        if (max == 0)
            rt_raise(vm, &rt_exc_TypeError, "%s() takes no arguments", fname);
        else
            rt_raise(vm, &rt_exc_TypeError, "%s() takes at most %d argument%s (%d given)", fname, max,
                     max == 1 ? "" : "s", argc);
        return false;
    }
    return true;
}

/* ---- checksums ------------------------------------------------------------------------------ */

static Value checksum(VM *vm, const char *fname, int argc, Value *argv, Value kwnames, uint32_t start,
                      bool crc)
{
    uint32_t value = start;
    RtBuffer b;
    /* "zlib.crc32() takes no keyword arguments", but "crc32 expected ...". */
    if (!mp_no_kw(vm, fname, kwnames) || !rt_check_nargs(vm, fname + 5, argc, 1, 2) ||
        !mp_buffer_arg(vm, argv[0], &b))
        return VNULL;
    if (argc > 1 && !c_uint_mask(vm, argv[1], &value)) {
        rt_buffer_release(vm, &b);
        return VNULL;
    }
    value = crc ? (uint32_t)crc32_z(value, b.ptr, b.len) : (uint32_t)adler32_z(value, b.ptr, b.len);
    rt_buffer_release(vm, &b);
    return rt_int_from_u64(vm, value);
}

static Value mod_crc32(VM *vm, int argc, Value *argv, Value kwnames)
{
    return checksum(vm, "zlib.crc32", argc, argv, kwnames, 0, true);
}

static Value mod_adler32(VM *vm, int argc, Value *argv, Value kwnames)
{
    return checksum(vm, "zlib.adler32", argc, argv, kwnames, 1, false);
}

/* ---- one-shot compress / decompress ------------------------------------------------------ */

/* compress(data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS) */
static Value mod_compress(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"", "level", "wbits", NULL};
    Value a[3];
    int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS;
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "compress() takes at least 1 positional argument (0 given)");
    RtBuffer b;
    if (!rt_parse_args(vm, "compress", argc, argv, kwnames, names, 1, 1, a) ||
        !mp_buffer_arg(vm, a[0], &b))
        return VNULL;
    if ((a[1] && !c_int(vm, a[1], &level)) || (a[2] && !c_int(vm, a[2], &wbits))) {
        rt_buffer_release(vm, &b);
        return VNULL;
    }
    z_stream z = {0};
    Value r = VNULL;
    z_setup(vm, &z);
    int err = deflateInit2(&z, level, Z_DEFLATED, wbits, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR) {
        rt_raise(vm, &rt_exc_MemoryError, "Out of memory while compressing data");
    } else if (err == Z_STREAM_ERROR) {
        rt_raise(vm, (Type *)v_obj(zlib_error), "Bad compression level");
    } else if (err != Z_OK) {
        deflateEnd(&z);
        raise_zlib(vm, &z, err, "while compressing data");
    } else {
        ZOut out;
        zout_init(&out, 32 << 10, SIZE_MAX);
        size_t left = b.len;
        int flush;
        z.next_in = b.ptr;
        do {
            feed_input(&z, &left);
            flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
            do {
                if (zout_grow(vm, &out, &z) != 1)
                    goto fail;
                err = deflate(&z, flush);
                if (err == Z_STREAM_ERROR) {
                    raise_zlib(vm, &z, err, "while compressing data");
                    goto fail;
                }
            } while (window_full(&z));
        } while (flush != Z_FINISH);
        zout_sync(&out, &z);
        err = deflateEnd(&z);
        if (err == Z_OK)
            r = mp_out_finish(vm, &out.o);
        else
            raise_zlib(vm, &z, err, "while finishing compression");
        mp_out_free(&out.o);
        goto done;
    fail:
        deflateEnd(&z);
        mp_out_free(&out.o);
    }
done:
    rt_buffer_release(vm, &b);
    return r;
}

/* decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE) */
static Value mod_decompress(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"", "wbits", "bufsize", NULL};
    Value a[3];
    int wbits = MAX_WBITS;
    int64_t bufsize = DEF_BUF_SIZE;
    if (argc < 1)
        return rt_raise(vm, &rt_exc_TypeError, "decompress() takes at least 1 positional argument (0 given)");
    RtBuffer b;
    if (!rt_parse_args(vm, "decompress", argc, argv, kwnames, names, 1, 1, a) ||
        !mp_buffer_arg(vm, a[0], &b))
        return VNULL;
    Value r = VNULL;
    if ((a[1] && !c_int(vm, a[1], &wbits)) || (a[2] && !c_ssize(vm, a[2], &bufsize)))
        goto done;
    if (bufsize < 0) {
        rt_raise(vm, &rt_exc_ValueError, "bufsize must be non-negative");
        goto done;
    }
    if (bufsize == 0)
        bufsize = 1;
    z_stream z = {0};
    z_setup(vm, &z);
    z.next_in = b.ptr;
    int err = inflateInit2(&z, wbits);
    if (err == Z_MEM_ERROR) {
        rt_raise(vm, &rt_exc_MemoryError, "Out of memory while decompressing data");
        goto done;
    }
    if (err != Z_OK) {
        inflateEnd(&z);
        raise_zlib(vm, &z, err, "while preparing to decompress data");
        goto done;
    }
    ZOut out;
    zout_init(&out, (size_t)bufsize, SIZE_MAX);
    size_t left = b.len;
    do {
        feed_input(&z, &left);
        int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            if (zout_grow(vm, &out, &z) != 1)
                goto fail;
            err = inflate(&z, flush);
            if (err == Z_MEM_ERROR) {
                rt_raise(vm, &rt_exc_MemoryError, "Out of memory while decompressing data");
                goto fail;
            }
            if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
                raise_zlib(vm, &z, err, "while decompressing data");
                goto fail;
            }
        } while (window_full(&z));
    } while (err != Z_STREAM_END && left != 0);
    if (err != Z_STREAM_END) {
        raise_zlib(vm, &z, err, "while decompressing data");
        goto fail;
    }
    zout_sync(&out, &z);
    err = inflateEnd(&z);
    if (err != Z_OK)
        raise_zlib(vm, &z, err, "while finishing decompression");
    else
        r = mp_out_finish(vm, &out.o);
    mp_out_free(&out.o);
    goto done;
fail:
    inflateEnd(&z);
    mp_out_free(&out.o);
done:
    rt_buffer_release(vm, &b);
    return r;
}

/* ---- Compress -------------------------------------------------------------------------------- */

typedef struct Comp {
    Obj hdr;
    bool inited;   /* deflateInit2 succeeded and deflateEnd not called yet */
    z_stream z;
} Comp;

static Type comp_type, decomp_type;

static inline Comp *COMP(Value v) { return (Comp *)v_obj(v); }

static void comp_finalize(VM *vm, Obj *o)
{
    Comp *c = (Comp *)o;
    if (c->inited)
        deflateEnd(&c->z);
    c->inited = false;
}

/* compressobj(level, method, wbits, memLevel, strategy, zdict) */
static Value mod_compressobj(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"level", "method", "wbits", "memLevel", "strategy", "zdict", NULL};
    Value a[6];
    int p[5] = {Z_DEFAULT_COMPRESSION, Z_DEFLATED, MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY};
    if (!rt_parse_args(vm, "compressobj", argc, argv, kwnames, names, 0, 0, a))
        return VNULL;
    for (int i = 0; i < 5; i++)
        if (a[i] && !c_int(vm, a[i], &p[i]))
            return VNULL;
    RtBuffer zdict = {0};
    bool have_zdict = a[5] && a[5] != rt_None;
    if (have_zdict && !mp_buffer_arg(vm, a[5], &zdict))
        return VNULL;
    Comp *c = rt_alloc(vm, &comp_type, comp_type.instance_size);
    Value r = VNULL;
    if (!c)
        goto done;
    z_setup(vm, &c->z);
    int err = deflateInit2(&c->z, p[0], p[1], p[2], p[3], p[4]);
    if (err == Z_OK) {
        c->inited = true;
        if (have_zdict && (zdict.len > UINT_MAX ||
                           deflateSetDictionary(&c->z, zdict.ptr, (uInt)zdict.len) != Z_OK)) {
            if (zdict.len > UINT_MAX)
                rt_raise(vm, &rt_exc_OverflowError, "zdict length does not fit in an unsigned int");
            else
                rt_raise(vm, &rt_exc_ValueError, "Invalid dictionary");
            goto done;
        }
        r = v_from(c);
    } else if (err == Z_MEM_ERROR) {
        rt_raise(vm, &rt_exc_MemoryError, "Can't allocate memory for compression object");
    } else if (err == Z_STREAM_ERROR) {
        rt_raise(vm, &rt_exc_ValueError, "Invalid initialization option");
    } else {
        raise_zlib(vm, &c->z, err, "while creating compression object");
    }
done:
    if (have_zdict)
        rt_buffer_release(vm, &zdict);
    return r;
}

static Value comp_m_compress(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    RtBuffer b;
    if (!clinic_positional(vm, "compress", argc - 1, kwnames, 1, 1) || !mp_buffer_arg(vm, argv[1], &b))
        return VNULL;
    ZOut out;
    zout_init(&out, 32 << 10, SIZE_MAX);
    Value r = VNULL;
    size_t left = b.len;
    c->z.next_in = b.ptr;
    do {
        feed_input(&c->z, &left);
        do {
            if (zout_grow(vm, &out, &c->z) != 1)
                goto done;
            int err = deflate(&c->z, Z_NO_FLUSH);
            if (err == Z_STREAM_ERROR) {
                raise_zlib(vm, &c->z, err, "while compressing data");
                goto done;
            }
        } while (window_full(&c->z));
    } while (left != 0);
    zout_sync(&out, &c->z);
    r = mp_out_finish(vm, &out.o);
done:
    mp_out_free(&out.o);
    c->z.next_in = NULL;
    c->z.avail_in = 0;
    rt_buffer_release(vm, &b);
    return r;
}

/* flush(mode=Z_FINISH, /): Z_FINISH ends the stream. */
static Value comp_m_flush(VM *vm, int argc, Value *argv, Value kwnames)
{
    Comp *c = COMP(argv[0]);
    int mode = Z_FINISH;
    if (!clinic_positional(vm, "flush", argc - 1, kwnames, 0, 1) || (argc > 1 && !c_int(vm, argv[1], &mode)))
        return VNULL;
    if (mode == Z_NO_FLUSH)
        return rt_bytes_new(vm, NULL, 0);
    ZOut out;
    zout_init(&out, 32 << 10, SIZE_MAX);
    Value r = VNULL;
    int err;
    c->z.avail_in = 0;
    do {
        if (zout_grow(vm, &out, &c->z) != 1)
            goto done;
        err = deflate(&c->z, mode);
        if (err == Z_STREAM_ERROR) {
            raise_zlib(vm, &c->z, err, "while flushing");
            goto done;
        }
    } while (window_full(&c->z));
    zout_sync(&out, &c->z);
    if (err == Z_STREAM_END && mode == Z_FINISH) {
        c->inited = false;
        err = deflateEnd(&c->z);
        if (err != Z_OK) {
            raise_zlib(vm, &c->z, err, "while finishing compression");
            goto done;
        }
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        raise_zlib(vm, &c->z, err, "while flushing");
        goto done;
    }
    r = mp_out_finish(vm, &out.o);
done:
    mp_out_free(&out.o);
    return r;
}

static Value comp_copy(VM *vm, Value self)
{
    Comp *c = COMP(self);
    if (!c->inited)
        return rt_raise(vm, &rt_exc_ValueError, "Inconsistent stream state");
    Comp *n = rt_alloc(vm, &comp_type, comp_type.instance_size);
    if (!n)
        return VNULL;
    int err = deflateCopy(&n->z, &c->z);
    if (err == Z_OK) {
        n->inited = true;
        return v_from(n);
    }
    if (err == Z_STREAM_ERROR)
        return rt_raise(vm, &rt_exc_ValueError, "Inconsistent stream state");
    if (err == Z_MEM_ERROR)
        return rt_raise(vm, &rt_exc_MemoryError, "Can't allocate memory for compression object");
    return raise_zlib(vm, &c->z, err, "while copying compression object");
}

/* ---- Decompress ------------------------------------------------------------------------------- */

typedef struct Decomp {
    Obj hdr;
    bool inited, eof;
    z_stream z;
    Value unused_data;     /* bytes after the end of the stream */
    Value unconsumed_tail; /* input left when max_length stopped the output */
    Value zdict;           /* the dictionary object, or VNULL */
} Decomp;

static inline Decomp *DECOMP(Value v) { return (Decomp *)v_obj(v); }

static void decomp_trace(VM *vm, Obj *o)
{
    Decomp *d = (Decomp *)o;
    rt_gc_mark(vm, d->unused_data);
    rt_gc_mark(vm, d->unconsumed_tail);
    rt_gc_mark(vm, d->zdict);
}

static void decomp_finalize(VM *vm, Obj *o)
{
    Decomp *d = (Decomp *)o;
    if (d->inited)
        inflateEnd(&d->z);
    d->inited = false;
}

static bool set_inflate_zdict(VM *vm, Decomp *d)
{
    RtBuffer b;
    if (!rt_get_buffer(vm, d->zdict, &b, 0))
        return false;
    int err = Z_OK;
    if (b.len > UINT_MAX)
        rt_raise(vm, &rt_exc_OverflowError, "zdict length does not fit in an unsigned int");
    else if ((err = inflateSetDictionary(&d->z, b.ptr, (uInt)b.len)) != Z_OK)
        raise_zlib(vm, &d->z, err, "while setting zdict");
    rt_buffer_release(vm, &b);
    return b.len <= UINT_MAX && err == Z_OK;
}

/* decompressobj(wbits=MAX_WBITS, zdict=b'') */
static Value mod_decompressobj(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"wbits", "zdict", NULL};
    Value a[2];
    int wbits = MAX_WBITS;
    if (!rt_parse_args(vm, "decompressobj", argc, argv, kwnames, names, 0, 0, a) ||
        (a[0] && !c_int(vm, a[0], &wbits)))
        return VNULL;
    if (a[1] && !rt_has_buffer(a[1]))
        return rt_raise(vm, &rt_exc_TypeError, "zdict argument must support the buffer protocol");
    Decomp *d = rt_alloc(vm, &decomp_type, decomp_type.instance_size);
    Value empty = d ? rt_bytes_new(vm, NULL, 0) : VNULL;
    if (!empty)
        return VNULL;
    d->unused_data = d->unconsumed_tail = empty;
    d->zdict = a[1];
    z_setup(vm, &d->z);
    int err = inflateInit2(&d->z, wbits);
    if (err == Z_OK) {
        d->inited = true;
        /* A raw stream never asks for its dictionary: set it now. */
        if (d->zdict && wbits < 0 && !set_inflate_zdict(vm, d))
            return VNULL;
        return v_from(d);
    }
    if (err == Z_STREAM_ERROR)
        return rt_raise(vm, &rt_exc_ValueError, "Invalid initialization option");
    if (err == Z_MEM_ERROR)
        return rt_raise(vm, &rt_exc_MemoryError, "Can't allocate memory for decompression object");
    return raise_zlib(vm, &d->z, err, "while creating decompression object");
}

/* After a decompress or flush call over `data`: input past the end of the
 * stream joins unused_data; input left unread becomes unconsumed_tail. */
static bool save_unconsumed(VM *vm, Decomp *d, const RtBuffer *data, int err)
{
    const uint8_t *end = data->ptr + data->len;
    if (err == Z_STREAM_END && d->z.next_in < end) {
        Bytes *old = (Bytes *)v_obj(d->unused_data);
        size_t extra = (size_t)(end - d->z.next_in);
        MpOut joined = {0};
        if (!mp_out_reserve(vm, &joined, old->len + extra))
            return false;
        memcpy(joined.p, old->data, old->len);
        memcpy(joined.p + old->len, d->z.next_in, extra);
        joined.len = old->len + extra;
        Value n = mp_out_finish(vm, &joined);
        if (!n)
            return false;
        d->unused_data = n;
        /* next_in stays: as in CPython, an unconsumed_tail left by an
         * earlier call is then replaced by this leftover, not emptied. */
        d->z.avail_in = 0;
    }
    if (d->z.avail_in > 0 || ((Bytes *)v_obj(d->unconsumed_tail))->len) {
        Value t = rt_bytes_new(vm, d->z.next_in, (size_t)(end - d->z.next_in));
        if (!t)
            return false;
        d->unconsumed_tail = t;
    }
    return true;
}

/* The inflate loop of decompress() and flush(); stops early when the output
 * reaches out->max. */
static int inflate_loop(VM *vm, Decomp *d, ZOut *out, const RtBuffer *in, bool finish, bool *failed)
{
    size_t left = in->len;
    int err = Z_OK;
    d->z.next_in = in->ptr;
    *failed = false;
    do {
        feed_input(&d->z, &left);
        int flush = finish && left == 0 ? Z_FINISH : (finish ? Z_NO_FLUSH : Z_SYNC_FLUSH);
        do {
            int g = zout_grow(vm, out, &d->z);
            if (g == 0) {
                *failed = true;
                return err;
            }
            if (g == 2)
                return err;
            err = inflate(&d->z, flush);
            if (err == Z_NEED_DICT && d->zdict) {
                if (!set_inflate_zdict(vm, d)) {
                    *failed = true;
                    return err;
                }
                continue;
            }
            if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END)
                return err;
        } while (window_full(&d->z) || err == Z_NEED_DICT);
    } while (err != Z_STREAM_END && left != 0);
    return err;
}

/* decompress(data, /, max_length=0) */
static Value decomp_m_decompress(VM *vm, int argc, Value *argv, Value kwnames)
{
    static const char *const names[] = {"", "max_length", NULL};
    Decomp *d = DECOMP(argv[0]);
    Value a[2];
    int64_t max_length = 0;
    if (argc < 2)
        return rt_raise(vm, &rt_exc_TypeError, "decompress() takes at least 1 positional argument (0 given)");
    RtBuffer b;
    if (!rt_parse_args(vm, "decompress", argc - 1, argv + 1, kwnames, names, 1, 1, a) ||
        !mp_buffer_arg(vm, a[0], &b))
        return VNULL;
    Value r = VNULL;
    ZOut out;
    zout_init(&out, 32 << 10, SIZE_MAX);
    if (a[1] && !c_ssize(vm, a[1], &max_length))
        goto done;
    if (max_length < 0) {
        rt_raise(vm, &rt_exc_ValueError, "max_length must be non-negative");
        goto done;
    }
    if (max_length > 0)
        zout_init(&out, 32 << 10, (size_t)max_length);
    bool failed;
    int err = inflate_loop(vm, d, &out, &b, false, &failed);
    zout_sync(&out, &d->z);
    if (failed || !save_unconsumed(vm, d, &b, err))
        goto done;
    if (err == Z_STREAM_END)
        d->eof = true;
    else if (err != Z_OK && err != Z_BUF_ERROR) {
        raise_zlib(vm, &d->z, err, "while decompressing data");
        goto done;
    }
    r = mp_out_finish(vm, &out.o);
done:
    mp_out_free(&out.o);
    rt_buffer_release(vm, &b);
    return r;
}

/* flush(length=DEF_BUF_SIZE, /): inflate what is left of unconsumed_tail. */
static Value decomp_m_flush(VM *vm, int argc, Value *argv, Value kwnames)
{
    Decomp *d = DECOMP(argv[0]);
    int64_t length = DEF_BUF_SIZE;
    if (!clinic_positional(vm, "flush", argc - 1, kwnames, 0, 1) ||
        (argc > 1 && !c_ssize(vm, argv[1], &length)))
        return VNULL;
    if (length <= 0)
        return rt_raise(vm, &rt_exc_ValueError, "length must be greater than zero");
    Value tail = d->unconsumed_tail;
    RtBuffer b;
    if (!rt_get_buffer(vm, tail, &b, 0))
        return VNULL;
    ZOut out;
    zout_init(&out, (size_t)length, SIZE_MAX);
    Value r = VNULL;
    bool failed;
    int err = inflate_loop(vm, d, &out, &b, true, &failed);
    zout_sync(&out, &d->z);
    if (failed || !save_unconsumed(vm, d, &b, err))
        goto done;
    if (err == Z_STREAM_END) {
        d->eof = true;
        d->inited = false;
        err = inflateEnd(&d->z);
        if (err != Z_OK) {
            raise_zlib(vm, &d->z, err, "while finishing decompression");
            goto done;
        }
    }
    r = mp_out_finish(vm, &out.o);
done:
    mp_out_free(&out.o);
    rt_buffer_release(vm, &b);
    rt_gc_keep_alive(tail);
    return r;
}

static Value decomp_copy(VM *vm, Value self)
{
    Decomp *d = DECOMP(self);
    if (!d->inited)
        return rt_raise(vm, &rt_exc_ValueError, "Inconsistent stream state");
    Decomp *n = rt_alloc(vm, &decomp_type, decomp_type.instance_size);
    if (!n)
        return VNULL;
    n->unused_data = d->unused_data;
    n->unconsumed_tail = d->unconsumed_tail;
    n->zdict = d->zdict;
    n->eof = d->eof;
    int err = inflateCopy(&n->z, &d->z);
    if (err == Z_OK) {
        n->inited = true;
        return v_from(n);
    }
    if (err == Z_STREAM_ERROR)
        return rt_raise(vm, &rt_exc_ValueError, "Inconsistent stream state");
    if (err == Z_MEM_ERROR)
        return rt_raise(vm, &rt_exc_MemoryError, "Can't allocate memory for decompression object");
    return raise_zlib(vm, &d->z, err, "while copying decompression object");
}

/* copy(), __copy__() and __deepcopy__(memo) of both types. */
static Value m_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!clinic_positional(vm, "copy", argc - 1, kwnames, 0, 0))
        return VNULL;
    return v_type(argv[0]) == &comp_type ? comp_copy(vm, argv[0]) : decomp_copy(vm, argv[0]);
}

static Value m_dunder_copy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (!clinic_positional(vm, "__copy__", argc - 1, kwnames, 0, 0))
        return VNULL;
    return v_type(argv[0]) == &comp_type ? comp_copy(vm, argv[0]) : decomp_copy(vm, argv[0]);
}

static Value m_deepcopy(VM *vm, int argc, Value *argv, Value kwnames)
{
    if (argc != 2)
        return rt_raise(vm, &rt_exc_TypeError, "__deepcopy__() takes exactly 1 positional argument (%d given)",
                        argc - 1);
    return v_type(argv[0]) == &comp_type ? comp_copy(vm, argv[0]) : decomp_copy(vm, argv[0]);
}

static Value get_unused_data(VM *vm, Value self) { return DECOMP(self)->unused_data; }
static Value get_unconsumed_tail(VM *vm, Value self) { return DECOMP(self)->unconsumed_tail; }
static Value get_eof(VM *vm, Value self) { return rt_bool(DECOMP(self)->eof); }

/* The three are read-only members in CPython ("readonly attribute"). */
static int set_readonly(VM *vm, Value self, Value v)
{
    rt_raise(vm, &rt_exc_AttributeError, "readonly attribute");
    return -1;
}

static const NativeDef comp_methods[] = {
    {"compress", comp_m_compress, NF_KEYWORDS},
    {"flush", comp_m_flush, NF_KEYWORDS},
    {"copy", m_copy, NF_KEYWORDS},
    {"__copy__", m_dunder_copy, NF_KEYWORDS},
    {"__deepcopy__", m_deepcopy, 0},
    {NULL, NULL, 0},
};

static const NativeDef decomp_methods[] = {
    {"decompress", decomp_m_decompress, NF_KEYWORDS},
    {"flush", decomp_m_flush, NF_KEYWORDS},
    {"copy", m_copy, NF_KEYWORDS},
    {"__copy__", m_dunder_copy, NF_KEYWORDS},
    {"__deepcopy__", m_deepcopy, 0},
    {NULL, NULL, 0},
};

static const GetSetDef decomp_getsets[] = {
    {"unused_data", get_unused_data, set_readonly},
    {"unconsumed_tail", get_unconsumed_tail, set_readonly},
    {"eof", get_eof, set_readonly},
    {NULL, NULL, NULL},
};

static Type comp_type = {
    .name = "zlib.Compress", .instance_size = sizeof(Comp), .flags = TF_EXTERNAL, .finalize = comp_finalize,
};
static Type decomp_type = {
    .name = "zlib.Decompress", .instance_size = sizeof(Decomp), .flags = TF_EXTERNAL, .trace = decomp_trace,
    .finalize = decomp_finalize,
};

/* ---- the module ---------------------------------------------------------------------------------- */

static const NativeDef zlib_functions[] = {
    {"adler32", mod_adler32, NF_KEYWORDS},
    {"compress", mod_compress, NF_KEYWORDS},
    {"compressobj", mod_compressobj, NF_KEYWORDS},
    {"crc32", mod_crc32, NF_KEYWORDS},
    {"decompress", mod_decompress, NF_KEYWORDS},
    {"decompressobj", mod_decompressobj, NF_KEYWORDS},
    {NULL, NULL, 0},
};

static const struct {
    const char *name;
    int value;
} zlib_constants[] = {
    {"MAX_WBITS", MAX_WBITS},
    {"DEFLATED", Z_DEFLATED},
    {"DEF_MEM_LEVEL", DEF_MEM_LEVEL},
    {"DEF_BUF_SIZE", DEF_BUF_SIZE},
    {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
    {"Z_BEST_SPEED", Z_BEST_SPEED},
    {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
    {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
    {"Z_FILTERED", Z_FILTERED},
    {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
    {"Z_RLE", Z_RLE},
    {"Z_FIXED", Z_FIXED},
    {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
    {"Z_NO_FLUSH", Z_NO_FLUSH},
    {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
    {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
    {"Z_FULL_FLUSH", Z_FULL_FLUSH},
    {"Z_FINISH", Z_FINISH},
    {"Z_BLOCK", Z_BLOCK},
    {"Z_TREES", Z_TREES},
};

static Value make_error_class(VM *vm)
{
    Dict *ns = rt_dict_alloc(vm);
    Value bases = ns ? rt_tuple_pack(vm, 1, v_from(&rt_exc_Exception)) : VNULL;
    if (!bases || !rt_dict_set_str(vm, ns, vm->names.__module__, rt_str_intern_cstr(vm, "zlib")))
        return VNULL;
    return rt_class_new(vm, rt_str_intern_cstr(vm, "error"), bases, ns);
}

Value mp_zlib_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "zlib", &d);
    if (!m || !rt_add_functions(vm, d, zlib_functions, rt_str_intern_cstr(vm, "zlib")) ||
        !mp_type_ready(vm, &comp_type, NULL) || !mp_type_ready(vm, &decomp_type, NULL))
        return VNULL;
    if (!rt_dict_get_cstr(vm, comp_type.dict, "compress") &&
        (!rt_add_methods(vm, &comp_type, comp_methods) ||
         !rt_add_methods(vm, &decomp_type, decomp_methods) ||
         !rt_add_getsets(vm, &decomp_type, decomp_getsets)))
        return VNULL;
    if (!zlib_error) {
        rt_gc_add_root(vm, &zlib_error);
        if (!(zlib_error = make_error_class(vm)))
            return VNULL;
    }
    if (!rt_dict_set_cstr(vm, d, "error", zlib_error))
        return VNULL;
    for (size_t i = 0; i < sizeof zlib_constants / sizeof *zlib_constants; i++)
        if (!rt_dict_set_cstr(vm, d, zlib_constants[i].name, v_from_small(zlib_constants[i].value)))
            return VNULL;
    Value version = rt_str_from_cstr(vm, ZLIB_VERSION);
    Value runtime = version ? rt_str_from_cstr(vm, zlibVersion()) : VNULL;
    if (!runtime || !rt_dict_set_cstr(vm, d, "ZLIB_VERSION", version) ||
        !rt_dict_set_cstr(vm, d, "ZLIB_RUNTIME_VERSION", runtime))
        return VNULL;
    return m;
}
