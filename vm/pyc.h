/* vm/pyc.h — the .pyc cache file: header codec, cache paths, reading and
 * writing (DESIGN.md §6; every byte is described in vm/PYC_FORMAT.md).
 * (vm/pyc.c) */
#ifndef MINIPY_PYC_H
#define MINIPY_PYC_H
#include <stdint.h>
#include <sys/types.h>
#include "runtime/code.h"
#include "runtime/object.h"

/* The format number: bump whenever vm/opcodes.def or the marshal format
 * changes (and then update PYC_OPCODES_HASH below: tests/unit/test_pyc.c
 * fails until both are done, printing the new hash). */
#define PYC_FORMAT 7
/* XXH3-64 of vm/opcodes.def's table stringified through the X-macro
 * (vm_pyc_opcodes_hash()) at the time PYC_FORMAT was last bumped. */
#define PYC_OPCODES_HASH 0x4db20787a628ed1cULL

/* sys.implementation.cache_tag: part of every cache file name, so caches of
 * different minipy formats sit side by side. */
#define PYC_CACHE_TAG "minipy-01"

/* Header: magic (u16 PYC_FORMAT, '\r', '\n'), u32 flags, then u64 mtime_ns
 * and u64 source size (timestamp pycs) or u64 XXH3-64 of the source and u64
 * zero (hash-based), then u64 XXH3-64 of the payload.  Little-endian. */
#define PYC_HEADER_SIZE 32
enum {
    PYC_FLAG_HASH = 1 << 0,         /* hash-based, not timestamp */
    PYC_FLAG_CHECK_SOURCE = 1 << 1, /* hash-based: compare with the source on import */
    PYC_FLAGS_KNOWN = PYC_FLAG_HASH | PYC_FLAG_CHECK_SOURCE,
};

typedef struct PycHeader {
    uint32_t flags;
    uint64_t mtime_ns, source_size; /* timestamp pycs */
    uint64_t source_hash;           /* hash-based pycs */
    uint64_t checksum;              /* of the payload */
} PycHeader;

/* Mirror images.  decode returns NULL or why the header is refused:
 * "file shorter than a header", "bad magic number", "invalid flags". */
void vm_pyc_header_encode(const PycHeader *h, uint8_t out[PYC_HEADER_SIZE]);
const char *vm_pyc_header_decode(const uint8_t *data, size_t len, PycHeader *h);
void vm_pyc_magic(uint8_t out[4]);

uint64_t vm_pyc_hash(const void *data, size_t len); /* XXH3-64 */
uint64_t vm_pyc_opcodes_hash(void);

/* Paths (malloc'd; NULL when there is none).  cache_path: for source
 * "<dir>/<m>.py" → "<dir>/__pycache__/<m>.minipy-01[.opt-N].pyc", or under
 * vm->config.pycache_prefix the absolute source folder mirrored under the
 * prefix.  vm may be NULL (no prefix).  source_from_cache is its inverse
 * (prefix trees excluded); NULL for a path not shaped like a cache path. */
char *vm_pyc_cache_path(VM *vm, const char *source_path, int optimize);
/* Where the cache goes when the tree's own cache folder cpath (from
 * vm_pyc_cache_path) is not writable, as for CPython's Lib/ installed by
 * root: the source folder mirrored under the per-user prefix
 * $XDG_CACHE_HOME/minipy/pycache (else ~/.cache/minipy/pycache).  NULL when
 * the folder is writable, an explicit prefix is set, or no home is known. */
char *vm_pyc_fallback_cache_path(VM *vm, const char *source_path, int optimize, const char *cpath);
char *vm_pyc_source_from_cache(const char *cache_path);

/* What the importer knows of a source file. */
typedef struct PycSource {
    const char *path;
    uint64_t mtime_ns, size;
    mode_t mode;
    char *data;      /* the source text once read (malloc'd, owned), or NULL */
    size_t len;
} PycSource;

/* Reads a whole file with one read (open, fstat, read, close).  *data is
 * malloc'd with a NUL after the last byte.  False with errno set. */
bool vm_read_file(const char *path, char **data, size_t *len);
/* Reads src->data if not read yet.  False with errno set. */
bool vm_pyc_read_source(PycSource *src);

typedef enum {
    PYC_OK,
    PYC_MISSING,  /* no cache file (or unreadable): nothing to say */
    PYC_STALE,    /* the source changed */
    PYC_BAD,      /* damaged, foreign or refused by the verifier */
} PycStatus;

/* Load cpath's code, checking in DESIGN.md §6 order: size, magic, flags,
 * source match (src NULL: sourceless, no match needed), checksum,
 * unmarshal, verifier.  On PYC_OK *code is set.  Otherwise *why says why
 * (a static string).  *flags gets the header's flags when they were read,
 * so a rewrite keeps a hash-based cache hash-based.  Never raises. */
PycStatus vm_pyc_load(VM *vm, const char *cpath, PycSource *src, Code **code, const char **why,
                      uint32_t *flags);

/* The bytes of a cache file for code (header + marshalled code).  Hash-based
 * flags need src->data (read here if missing).  False with an exception set. */
bool vm_pyc_build(VM *vm, Code *code, uint32_t flags, PycSource *src, StrBuf *out);

/* Writes code's cache to cpath: creates the folder(s), writes a unique
 * temporary file beside it and renames it into place; the file's mode
 * follows src->mode.  False with *why (a static string, errno-based) on any
 * failure, leaving no temporary file; never raises. */
bool vm_pyc_write(VM *vm, const char *cpath, Code *code, uint32_t flags, PycSource *src,
                  const char **why);

#endif
