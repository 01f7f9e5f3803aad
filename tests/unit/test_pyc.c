/* tests/unit/test_pyc.c — vm/pyc.c: the header codec, the cache paths,
 * each rejection reason of vm_pyc_load, atomic writing, and the rule that
 * vm/opcodes.def cannot change without a PYC_FORMAT bump. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "runtime/callable.h"
#include "vm/marshal.h"
#include "vm/pyc.h"
#include "vm/vm.h"

static VM vm;
static char dir[64];

static void setup(void)
{
    VMConfig cfg = {0};
    char *argv[] = {"test_pyc", NULL};
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init");
    strcpy(dir, "/tmp/test_pyc.XXXXXX");
    cr_assert(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cleanup failed\n");
    vm_free(&vm);
}

TestSuite(pyc, .init = setup, .fini = teardown);

Test(pyc, opcode_table_needs_format_bump)
{
    cr_assert_eq(vm_pyc_opcodes_hash(), PYC_OPCODES_HASH,
                 "vm/opcodes.def changed: bump PYC_FORMAT in vm/pyc.h and set PYC_OPCODES_HASH "
                 "to 0x%016llxULL", (unsigned long long)vm_pyc_opcodes_hash());
}

Test(pyc, header_codec)
{
    uint8_t buf[PYC_HEADER_SIZE];
    PycHeader h = {.flags = 0, .mtime_ns = 1700000000123456789ull, .source_size = 4242,
                   .checksum = 0x0123456789abcdefull}, back;
    vm_pyc_header_encode(&h, buf);
    cr_assert_eq(buf[0], PYC_FORMAT & 0xff);
    cr_assert_eq(buf[2], '\r');
    cr_assert_eq(buf[3], '\n');
    cr_assert_null(vm_pyc_header_decode(buf, sizeof buf, &back));
    cr_assert_eq(back.mtime_ns, h.mtime_ns);
    cr_assert_eq(back.source_size, h.source_size);
    cr_assert_eq(back.checksum, h.checksum);
    PycHeader hh = {.flags = PYC_FLAG_HASH | PYC_FLAG_CHECK_SOURCE, .source_hash = 77, .checksum = 5};
    vm_pyc_header_encode(&hh, buf);
    cr_assert_null(vm_pyc_header_decode(buf, sizeof buf, &back));
    cr_assert_eq(back.flags, hh.flags);
    cr_assert_eq(back.source_hash, 77);
    /* each refusal */
    cr_assert_str_eq(vm_pyc_header_decode(buf, 31, &back), "file shorter than a header");
    buf[0] ^= 1;
    cr_assert_str_eq(vm_pyc_header_decode(buf, sizeof buf, &back), "bad magic number");
    buf[0] ^= 1;
    buf[4] = 4;
    cr_assert_str_eq(vm_pyc_header_decode(buf, sizeof buf, &back), "invalid flags");
    buf[4] = PYC_FLAG_CHECK_SOURCE; /* check_source without hash-based */
    cr_assert_str_eq(vm_pyc_header_decode(buf, sizeof buf, &back), "invalid flags");
}

Test(pyc, cache_paths)
{
    char *p = vm_pyc_cache_path(NULL, "/a/b/mod.py", 0);
    cr_assert_str_eq(p, "/a/b/__pycache__/mod." PYC_CACHE_TAG ".pyc");
    char *s = vm_pyc_source_from_cache(p);
    cr_assert_str_eq(s, "/a/b/mod.py");
    free(p);
    free(s);
    p = vm_pyc_cache_path(NULL, "/a/b/mod.py", 2);
    cr_assert_str_eq(p, "/a/b/__pycache__/mod." PYC_CACHE_TAG ".opt-2.pyc");
    s = vm_pyc_source_from_cache(p);
    cr_assert_str_eq(s, "/a/b/mod.py");
    free(p);
    free(s);
    cr_assert_null(vm_pyc_source_from_cache("/a/b/mod.cpython-311.pyc"));
    cr_assert_null(vm_pyc_source_from_cache("/a/b/__pycache__/mod.other-01.pyc"));
    vm.config.pycache_prefix = "/tmp/pfx";
    p = vm_pyc_cache_path(&vm, "/a/b/mod.py", 1);
    cr_assert_str_eq(p, "/tmp/pfx/a/b/mod." PYC_CACHE_TAG ".opt-1.pyc");
    free(p);
    vm.config.pycache_prefix = NULL;
}

/* Writes src to dir/m.py and returns its PycSource (stat filled). */
static PycSource source(const char *text, char *path, size_t cap)
{
    snprintf(path, cap, "%s/m.py", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    PycSource s = {.path = path, .mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec,
                   .size = (uint64_t)st.st_size, .mode = st.st_mode};
    return s;
}

static Code *compile(const char *text)
{
    Code *c = cg_compile_source(&vm, text, strlen(text), "m.py", PARSE_FILE, 0);
    cr_assert(c);
    return c;
}

static void put_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

static PycStatus load(const char *cpath, PycSource *src, const char **why)
{
    Code *code;
    uint32_t flags;
    *why = NULL;
    return vm_pyc_load(&vm, cpath, src, &code, why, &flags);
}

Test(pyc, load_reasons)
{
    const char *text = "x = 1\nprint(x)\n";
    char path[256], cpath[300];
    PycSource src = source(text, path, sizeof path);
    Code *code = compile(text);
    snprintf(cpath, sizeof cpath, "%s/__pycache__/m.%s.pyc", dir, PYC_CACHE_TAG);
    const char *why;
    cr_assert_eq(load(cpath, &src, &why), PYC_MISSING);
    cr_assert(vm_pyc_write(&vm, cpath, code, 0, &src, &why), "write: %s", why);
    cr_assert_eq(load(cpath, &src, &why), PYC_OK, "%s", why);

    /* the file is the header plus marshal's bytes */
    StrBuf good;
    sb_init(&good);
    cr_assert(vm_pyc_build(&vm, code, 0, &src, &good));
    StrBuf bad;
    sb_init(&bad);

    PycSource moved = src;
    moved.mtime_ns += 1;
    cr_assert_eq(load(cpath, &moved, &why), PYC_STALE);
    cr_assert_str_eq(why, "mtime or size changed");
    moved = src;
    moved.size += 1;
    cr_assert_eq(load(cpath, &moved, &why), PYC_STALE);

    put_file(cpath, good.data, 10);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "file shorter than a header");
    put_file(cpath, "", 0);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);

    char *copy = malloc(good.len);
    memcpy(copy, good.data, good.len);
    copy[1] ^= 0x40;
    put_file(cpath, copy, good.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "bad magic number");

    memcpy(copy, good.data, good.len);
    copy[5] = 1;
    put_file(cpath, copy, good.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "invalid flags");

    memcpy(copy, good.data, good.len);
    copy[good.len - 3] ^= 0x10;
    put_file(cpath, copy, good.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "payload checksum mismatch");

    /* a well-formed file whose payload is not code */
    sb_add(&vm, &bad, good.data, PYC_HEADER_SIZE);
    cr_assert(vm_marshal_dump(&vm, rt_tuple_pack(&vm, 1, v_from_small(1)), &bad));
    PycHeader h;
    vm_pyc_header_decode((const uint8_t *)bad.data, bad.len, &h);
    h.checksum = vm_pyc_hash(bad.data + PYC_HEADER_SIZE, bad.len - PYC_HEADER_SIZE);
    vm_pyc_header_encode(&h, (uint8_t *)bad.data);
    put_file(cpath, bad.data, bad.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "payload is not a code object");

    /* unmarshal failure behind a valid checksum */
    bad.len = PYC_HEADER_SIZE;
    sb_add(&vm, &bad, "Z", 1);
    h.checksum = vm_pyc_hash(bad.data + PYC_HEADER_SIZE, 1);
    vm_pyc_header_encode(&h, (uint8_t *)bad.data);
    put_file(cpath, bad.data, bad.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "unknown type code");

    /* verifier failure behind a valid checksum: break the stacksize */
    code->stacksize = 0;
    bad.len = 0;
    cr_assert(vm_pyc_build(&vm, code, 0, &src, &bad));
    put_file(cpath, bad.data, bad.len);
    cr_assert_eq(load(cpath, &src, &why), PYC_BAD);
    cr_assert_str_eq(why, "stack depth exceeds stacksize");

    free(copy);
    sb_free(&good);
    sb_free(&bad);
}

Test(pyc, hash_based)
{
    const char *text = "y = 2\n";
    char path[256], cpath[300];
    PycSource src = source(text, path, sizeof path);
    Code *code = compile(text);
    snprintf(cpath, sizeof cpath, "%s/m.hash.pyc", dir);
    const char *why;
    cr_assert(vm_pyc_write(&vm, cpath, code, PYC_FLAG_HASH | PYC_FLAG_CHECK_SOURCE, &src, &why));
    PycSource moved = src;
    moved.mtime_ns += 5; /* mtime does not matter */
    cr_assert_eq(load(cpath, &moved, &why), PYC_OK, "%s", why);
    /* change the text, same size */
    PycSource edited = source("y = 3\n", path, sizeof path);
    cr_assert_eq(load(cpath, &edited, &why), PYC_STALE);
    cr_assert_str_eq(why, "source hash changed");
    free(edited.data);
    edited.data = NULL;
    vm.config.check_hash_pycs = 2; /* never */
    cr_assert_eq(load(cpath, &edited, &why), PYC_OK);
    vm.config.check_hash_pycs = 0;
    /* unchecked: not compared by default, compared with "always" */
    cr_assert(vm_pyc_write(&vm, cpath, code, PYC_FLAG_HASH, &src, &why));
    cr_assert_eq(load(cpath, &edited, &why), PYC_OK);
    vm.config.check_hash_pycs = 1;
    free(edited.data);
    edited.data = NULL;
    cr_assert_eq(load(cpath, &edited, &why), PYC_STALE);
    vm.config.check_hash_pycs = 0;
    free(edited.data);
    free(src.data);
}

Test(pyc, write_failures_leave_nothing)
{
    const char *text = "z = 3\n";
    char path[256], cpath[300];
    PycSource src = source(text, path, sizeof path);
    Code *code = compile(text);
    /* a file where the __pycache__ folder should be */
    char blocker[300];
    snprintf(blocker, sizeof blocker, "%s/__pycache__", dir);
    put_file(blocker, "x", 1);
    snprintf(cpath, sizeof cpath, "%s/__pycache__/m.%s.pyc", dir, PYC_CACHE_TAG);
    const char *why = NULL;
    cr_assert_not(vm_pyc_write(&vm, cpath, code, 0, &src, &why));
    cr_assert(why);
    cr_assert_eq(vm.exc, VNULL);
    unlink(blocker);
    /* mode follows the source */
    chmod(path, 0640);
    src.mode = 0100640;
    cr_assert(vm_pyc_write(&vm, cpath, code, 0, &src, &why));
    struct stat st;
    cr_assert_eq(stat(cpath, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0640 & ~(mode_t)0);
}
