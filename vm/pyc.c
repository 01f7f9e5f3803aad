/* vm/pyc.c — .pyc files: header codec, paths, load and atomic write.
 * (see vm/pyc.h and vm/PYC_FORMAT.md)
 *
 * Loading follows CPython's importlib (_classify_pyc, _validate_*_pyc,
 * _compile_bytecode) as small steps, each with a reason on failure; writing
 * follows its _write_atomic: a temporary file beside the target, renamed
 * into place, so readers and concurrent writers never see a partial file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "vm/pyc.h"
#include "runtime/state.h"
#include "vm/marshal.h"
#include "vm/verify.h"

/* ---- little-endian fields ------------------------------------------------- */

static void put_u32(uint8_t *p, uint32_t x)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(x >> (8 * i));
}

static void put_u64(uint8_t *p, uint64_t x)
{
    put_u32(p, (uint32_t)x);
    put_u32(p + 4, (uint32_t)(x >> 32));
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const uint8_t *p) { return get_u32(p) | (uint64_t)get_u32(p + 4) << 32; }

/* ---- the header: encode and decode, field by field ------------------------ */

void vm_pyc_magic(uint8_t out[4])
{
    out[0] = (uint8_t)(PYC_FORMAT & 0xff);
    out[1] = (uint8_t)(PYC_FORMAT >> 8);
    out[2] = '\r';
    out[3] = '\n';
}

void vm_pyc_header_encode(const PycHeader *h, uint8_t out[PYC_HEADER_SIZE])
{
    vm_pyc_magic(out);
    put_u32(out + 4, h->flags);
    if (h->flags & PYC_FLAG_HASH) {
        put_u64(out + 8, h->source_hash);
        put_u64(out + 16, 0);
    } else {
        put_u64(out + 8, h->mtime_ns);
        put_u64(out + 16, h->source_size);
    }
    put_u64(out + 24, h->checksum);
}

const char *vm_pyc_header_decode(const uint8_t *data, size_t len, PycHeader *h)
{
    uint8_t magic[4];
    memset(h, 0, sizeof *h);
    if (len < PYC_HEADER_SIZE)
        return "file shorter than a header";
    vm_pyc_magic(magic);
    if (memcmp(data, magic, 4) != 0)
        return "bad magic number";
    h->flags = get_u32(data + 4);
    if (h->flags & ~(uint32_t)PYC_FLAGS_KNOWN)
        return "invalid flags";
    if (!(h->flags & PYC_FLAG_HASH) && (h->flags & PYC_FLAG_CHECK_SOURCE))
        return "invalid flags";
    if (h->flags & PYC_FLAG_HASH) {
        h->source_hash = get_u64(data + 8);
        if (get_u64(data + 16) != 0)
            return "invalid header padding";
    } else {
        h->mtime_ns = get_u64(data + 8);
        h->source_size = get_u64(data + 16);
    }
    h->checksum = get_u64(data + 24);
    return NULL;
}

uint64_t vm_pyc_hash(const void *data, size_t len) { return XXH3_64bits(data, len); }

/* The table as text: a change to any opcode's name, operand or effect
 * changes this hash, and test_pyc.c then demands a PYC_FORMAT bump. */
static const char opcodes_text[] =
#define OP(name, operand, pops, pushes, jpops, jpushes) \
    #name " " #operand " " #pops " " #pushes " " #jpops " " #jpushes "\n"
#include "vm/opcodes.def"
#undef OP
    ;

uint64_t vm_pyc_opcodes_hash(void) { return XXH3_64bits(opcodes_text, sizeof opcodes_text - 1); }

/* ---- paths --------------------------------------------------------------- */

static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

static char *cache_path(const char *prefix, const char *source_path, int optimize)
{
    const char *slash = strrchr(source_path, '/');
    const char *base = slash ? slash + 1 : source_path;
    size_t dirlen = slash ? (size_t)(slash - source_path) : 0;
    size_t baselen = strlen(base);
    if (baselen > 3 && strcmp(base + baselen - 3, ".py") == 0)
        baselen -= 3;
    char opt[16] = "";
    if (optimize > 0)
        snprintf(opt, sizeof opt, ".opt-%d", optimize);
    if (!prefix || !*prefix) {
        if (!slash)
            return str_printf("__pycache__/%.*s.%s%s.pyc", (int)baselen, base, PYC_CACHE_TAG, opt);
        return str_printf("%.*s/__pycache__/%.*s.%s%s.pyc", (int)dirlen, source_path, (int)baselen,
                          base, PYC_CACHE_TAG, opt);
    }
    /* CPython: prefix + the source folder made absolute, minus its leading '/'. */
    char cwd[4096] = "";
    if ((source_path[0] != '/' || prefix[0] != '/') && !getcwd(cwd, sizeof cwd))
        return NULL;
    char *absprefix = prefix[0] == '/' ? str_printf("%s", prefix) : str_printf("%s/%s", cwd, prefix);
    char *absdir = source_path[0] == '/' ? str_printf("%.*s", (int)dirlen, source_path)
                 : slash ? str_printf("%s/%.*s", cwd, (int)dirlen, source_path)
                         : str_printf("%s", cwd);
    char *r = NULL;
    if (absprefix && absdir) {
        const char *d = absdir;
        while (*d == '/')
            d++;
        size_t plen = strlen(absprefix);
        while (plen > 1 && absprefix[plen - 1] == '/')
            plen--;
        r = *d ? str_printf("%.*s/%s/%.*s.%s%s.pyc", (int)plen, absprefix, d, (int)baselen, base,
                            PYC_CACHE_TAG, opt)
               : str_printf("%.*s/%.*s.%s%s.pyc", (int)plen, absprefix, (int)baselen, base,
                            PYC_CACHE_TAG, opt);
    }
    free(absprefix);
    free(absdir);
    return r;
}

char *vm_pyc_cache_path(VM *vm, const char *source_path, int optimize)
{
    return cache_path(vm ? vm->config.pycache_prefix : NULL, source_path, optimize);
}

/* The per-user prefix: $XDG_CACHE_HOME/minipy/pycache, else
 * ~/.cache/minipy/pycache. */
static char *user_cache_prefix(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return str_printf("%s/minipy/pycache", xdg);
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return str_printf("%s/.cache/minipy/pycache", home);
    return NULL;
}

/* Can this process create or replace files in the source's cache folder?
 * (The folder itself when it exists, else the source folder that would hold it.) */
static bool cache_folder_writable(const char *cpath)
{
    char *dir = str_printf("%s", cpath);
    if (!dir)
        return false;
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    bool ok;
    if (access(slash ? dir : ".", W_OK) == 0)
        ok = true;
    else if (errno != ENOENT)
        ok = false;
    else {
        char *up = strrchr(dir, '/');
        if (up)
            *up = '\0';
        ok = access(up ? dir : ".", W_OK) == 0;
    }
    free(dir);
    return ok;
}

char *vm_pyc_fallback_cache_path(VM *vm, const char *source_path, int optimize, const char *cpath)
{
    if (vm && vm->config.pycache_prefix && vm->config.pycache_prefix[0])
        return NULL;
    if (cache_folder_writable(cpath))
        return NULL;
    char *prefix = user_cache_prefix();
    char *r = prefix ? cache_path(prefix, source_path, optimize) : NULL;
    free(prefix);
    return r;
}

char *vm_pyc_source_from_cache(const char *cache_path)
{
    const char *slash = strrchr(cache_path, '/');
    const char *base = slash ? slash + 1 : cache_path;
    size_t dirlen = slash ? (size_t)(slash - cache_path) : 0;
    /* The folder must be __pycache__. */
    const char *pc = "__pycache__";
    size_t pclen = strlen(pc);
    if (dirlen < pclen || strncmp(cache_path + dirlen - pclen, pc, pclen) != 0 ||
        (dirlen > pclen && cache_path[dirlen - pclen - 1] != '/'))
        return NULL;
    const char *dot = strchr(base, '.');
    if (!dot || dot == base)
        return NULL;
    const char *rest = dot + 1;
    size_t taglen = strlen(PYC_CACHE_TAG);
    if (strncmp(rest, PYC_CACHE_TAG, taglen) != 0)
        return NULL;
    rest += taglen;
    if (strncmp(rest, ".opt-", 5) == 0) {
        rest += 5;
        if (*rest < '1' || *rest > '9')
            return NULL;
        while (*rest >= '0' && *rest <= '9')
            rest++;
    }
    if (strcmp(rest, ".pyc") != 0)
        return NULL;
    size_t parent = dirlen - pclen; /* includes the trailing '/' when there is one */
    return str_printf("%.*s%.*s.py", (int)parent, cache_path, (int)(dot - base), base);
}

/* ---- reading --------------------------------------------------------------- */

bool vm_read_file(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = errno ? errno : EISDIR;
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : e;
        return false;
    }
    size_t cap = (size_t)st.st_size, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return false;
    }
    /* One read: fstat's size is trusted (caches are replaced by rename, so
     * an open file never changes under us); loop only on short reads. */
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r == 0)
            break;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
fail: {
    int e = errno;
    free(buf);
    close(fd);
    errno = e;
    return false;
}
}

bool vm_pyc_read_source(PycSource *src)
{
    if (src->data)
        return true;
    return vm_read_file(src->path, &src->data, &src->len);
}

PycStatus vm_pyc_load(VM *vm, const char *cpath, PycSource *src, Code **code, const char **why,
                      uint32_t *flags)
{
    char *data;
    size_t len;
    *code = NULL;
    *flags = 0;
    if (!vm_read_file(cpath, &data, &len)) {
        *why = "no cache file";
        return PYC_MISSING;
    }
    PycHeader h;
    PycStatus status = PYC_BAD;
    if ((*why = vm_pyc_header_decode((const uint8_t *)data, len, &h)))
        goto done;
    *flags = h.flags;
    if (src) {
        if (h.flags & PYC_FLAG_HASH) {
            int mode = vm->config.check_hash_pycs; /* 0 default, 1 always, 2 never */
            bool check = mode == 1 || (mode == 0 && (h.flags & PYC_FLAG_CHECK_SOURCE));
            if (check) {
                if (!vm_pyc_read_source(src)) {
                    *why = "source unreadable";
                    status = PYC_STALE;
                    goto done;
                }
                if (vm_pyc_hash(src->data, src->len) != h.source_hash) {
                    *why = "source hash changed";
                    status = PYC_STALE;
                    goto done;
                }
            }
        } else if (h.mtime_ns != src->mtime_ns || h.source_size != src->size) {
            *why = "mtime or size changed";
            status = PYC_STALE;
            goto done;
        }
    }
    const uint8_t *payload = (const uint8_t *)data + PYC_HEADER_SIZE;
    size_t plen = len - PYC_HEADER_SIZE;
    if (vm_pyc_hash(payload, plen) != h.checksum) {
        *why = "payload checksum mismatch";
        goto done;
    }
    Value v = vm_marshal_load(vm, payload, plen, why);
    if (!v)
        goto done;
    if (!v_is(v, &rt_code_type)) {
        *why = "payload is not a code object";
        goto done;
    }
    if ((*why = vm_verify_code(vm, (Code *)v_obj(v))))
        goto done;
    *code = (Code *)v_obj(v);
    status = PYC_OK;
done:
    free(data);
    return status;
}

/* ---- writing ------------------------------------------------------------------ */

bool vm_pyc_build(VM *vm, Code *code, uint32_t flags, PycSource *src, StrBuf *out)
{
    PycHeader h = {.flags = flags};
    if (flags & PYC_FLAG_HASH) {
        if (!vm_pyc_read_source(src)) {
            rt_raise_oserror(vm, errno, src->path);
            return false;
        }
        h.source_hash = vm_pyc_hash(src->data, src->len);
    } else {
        h.mtime_ns = src->mtime_ns;
        h.source_size = src->size;
    }
    uint8_t hdr[PYC_HEADER_SIZE] = {0};
    size_t start = out->len;
    if (!sb_add(vm, out, (const char *)hdr, sizeof hdr) || !vm_marshal_dump(vm, v_from(code), out))
        return false;
    h.checksum = vm_pyc_hash(out->data + start + PYC_HEADER_SIZE, out->len - start - PYC_HEADER_SIZE);
    vm_pyc_header_encode(&h, (uint8_t *)out->data + start);
    return true;
}

/* mkdir -p for the cache folder (only the missing tail is created, each with
 * mode 0777 & ~umask, like CPython's set_data). */
static bool make_dirs(char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) || (errno = ENOTDIR, false);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        bool ok = make_dirs(dir);
        *slash = '/';
        if (!ok)
            return false;
    }
    return mkdir(dir, 0777) == 0 || errno == EEXIST;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (w == 0) {
            errno = ENOSPC;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static const char *errno_reason(int e)
{
    switch (e) {
    case EACCES: case EPERM: return "permission denied";
    case EROFS: return "read-only file system";
    case ENOSPC: return "no space left on device";
    case EDQUOT: return "disk quota exceeded";
    case EFBIG: return "file too large";
    case ENOTDIR: return "not a directory";
    case EEXIST: return "file exists";
    case ENOENT: return "no such file or directory";
    case ENAMETOOLONG: return "file name too long";
    default: return "write failed";
    }
}

bool vm_pyc_write(VM *vm, const char *cpath, Code *code, uint32_t flags, PycSource *src,
                  const char **why)
{
    StrBuf buf;
    sb_init(&buf);
    if (!vm_pyc_build(vm, code, flags, src, &buf)) {
        vm->exc = VNULL;
        sb_free(&buf);
        *why = "cannot marshal the code";
        return false;
    }
    bool ok = false;
    char *dir = strdup(cpath);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (!dir) {
        *why = "out of memory";
        goto out;
    }
    if (slash && slash != dir) {
        *slash = '\0';
        if (!make_dirs(dir)) {
            *why = errno_reason(errno);
            goto out;
        }
    }
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t salt = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)++counter << 48);
    char *tmp = str_printf("%s.%ld.%08llx.tmp", cpath, (long)getpid(),
                           (unsigned long long)(XXH3_64bits(&salt, sizeof salt) & 0xffffffffu));
    if (!tmp) {
        *why = "out of memory";
        goto out;
    }
    /* CPython's _calc_mode: the source's mode, plus owner write. */
    mode_t mode = (src->mode ? src->mode | 0200 : 0666) & 0666;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        *why = errno_reason(errno);
        free(tmp);
        goto out;
    }
    bool wrote = write_all(fd, buf.data, buf.len);
    int werr = errno;
    if (close(fd) != 0 && wrote)
        wrote = false, werr = errno;
    if (!wrote || rename(tmp, cpath) != 0) {
        *why = errno_reason(wrote ? errno : werr);
        unlink(tmp);
        free(tmp);
        goto out;
    }
    free(tmp);
    ok = true;
out:
    free(dir);
    sb_free(&buf);
    return ok;
}
