/* stdlib/mp_bytesout.h — what the hashing and compression modules (_hashlib,
 * _blake2, zlib, _bz2, _lzma) share: a growable malloc'd output buffer that
 * becomes one bytes object at the end, and the reading of a bytes-like
 * argument.  Header-only: each module includes it once. */
#ifndef MINIPY_MP_BYTESOUT_H
#define MINIPY_MP_BYTESOUT_H
#include <stdlib.h>
#include <string.h>

#include "runtime/buffer.h"
#include "stdlib/modsupport.h"

/* Output collected by a library call loop: p[0..len) written, cap allocated. */
typedef struct MpOut {
    uint8_t *p;
    size_t len, cap;
} MpOut;

/* Room for at least `more` bytes past len (the capacity at least doubles). */
static inline bool mp_out_reserve(VM *vm, MpOut *o, size_t more)
{
    if (o->cap - o->len >= more)
        return true;
    size_t cap = o->cap ? o->cap : 256;
    while (cap - o->len < more) {
        if (cap > SIZE_MAX / 2) {
            rt_no_memory(vm);
            return false;
        }
        cap *= 2;
    }
    uint8_t *p = realloc(o->p, cap);
    if (!p) {
        rt_no_memory(vm);
        return false;
    }
    o->p = p;
    o->cap = cap;
    return true;
}

static inline void mp_out_free(MpOut *o)
{
    free(o->p);
    *o = (MpOut){NULL, 0, 0};
}

/* The bytes collected so far; the buffer is freed either way. */
static inline Value mp_out_finish(VM *vm, MpOut *o)
{
    Value r = rt_bytes_new(vm, o->p, o->len);
    mp_out_free(o);
    return r;
}

/* Output handed to a library in windows of the sizes CPython's
 * _BlocksOutputBuffer uses (Include/internal/pycore_blocks_output_buffer.h):
 * a first block, then 32 KiB, 64 KiB, 256 KiB, 1 MiB ... 256 MiB, each
 * capped by what is left of a total limit.  With a limit (max_length), how
 * much input a decompressor has consumed when the output fills depends on
 * the windows it was given, so minipy gives the same ones. */
typedef struct MpBlocks {
    MpOut o;
    int nblocks;
    size_t first; /* size of the first window */
    size_t max;   /* total limit; SIZE_MAX for none */
} MpBlocks;

static inline void mp_blocks_init(MpBlocks *b, size_t first, size_t max)
{
    *b = (MpBlocks){{NULL, 0, 0}, 0, first < max ? first : max, max};
}

/* The next window once `written` bytes are in: 1 with *win and *size set,
 * 2 when the limit is reached (no exception), 0 on MemoryError. */
static inline int mp_blocks_next(VM *vm, MpBlocks *b, size_t written, uint8_t **win, size_t *size)
{
    static const size_t sizes[] = {
        32 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 8 << 20, 16 << 20, 16 << 20, 32 << 20,
        32 << 20, 32 << 20, 32 << 20, 64 << 20, 64 << 20, 128 << 20, 128 << 20, 256 << 20,
    };
    const int nsizes = (int)(sizeof sizes / sizeof *sizes);
    b->o.len = written;
    size_t n = b->nblocks == 0 ? b->first : sizes[b->nblocks < nsizes ? b->nblocks : nsizes - 1];
    if (n > b->max - written)
        n = b->max - written;
    if (n == 0 && b->nblocks > 0)
        return 2;
    if (!mp_out_reserve(vm, &b->o, n ? n : 1))
        return 0;
    b->nblocks++;
    *win = b->o.p + written;
    *size = n;
    return 1;
}

/* The bytes of the first `written` bytes; the buffer is freed. */
static inline Value mp_blocks_finish(VM *vm, MpBlocks *b, size_t written)
{
    b->o.len = written;
    return mp_out_finish(vm, &b->o);
}

/* Bytes written so far, given the library's current output pointer. */
static inline size_t mp_blocks_written(const MpBlocks *b, const void *next_out)
{
    return b->o.p ? (size_t)((const uint8_t *)next_out - b->o.p) : 0;
}

/* The libraries' own memory (a compressor's state: 256 KiB for deflate, up
 * to hundreds of MiB for an lzma preset) comes from the collector's buffer
 * allocator, so it counts toward the next collection: otherwise a loop
 * that drops compressors would pile up their state until the collector
 * happened to run.  A collection may run inside these calls; it only
 * finalizes unreachable objects (other streams), never the caller's. */
static inline void *mp_lib_alloc(VM *vm, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        return NULL;
    void *p = rt_malloc(vm, nmemb * size);
    if (!p)
        vm->exc = VNULL; /* the library reports it; its caller raises */
    return p;
}

static inline void mp_lib_free(VM *vm, void *p) { rt_free(vm, p, 0); }


/* A transient view of a bytes-like argument (bytes, bytearray, a contiguous
 * memoryview); the caller releases it and calls no Python code meanwhile.
 * Not bytes-like: "a bytes-like object is required, not 'T'". */
static inline bool mp_buffer_arg(VM *vm, Value v, RtBuffer *b)
{
    return rt_get_buffer(vm, v, b, 0);
}

#endif
