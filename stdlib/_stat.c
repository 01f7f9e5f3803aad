/* stdlib/_stat.c — the _stat module behind CPython's stat.py, after
 * Modules/_stat.c: the S_IS* tests, S_IMODE/S_IFMT, filemode, and the
 * constants (with CPython's values for the ones Linux lacks: S_IFDOOR,
 * S_IFPORT and S_IFWHT are 0, the BSD file flags their BSD values), in
 * CPython's order. */
#include <sys/stat.h>

#include "stdlib/modsupport.h"
#include "stdlib/native.h"

/* _PyLong_AsMode_t: an int that fits mode_t. */
static bool mode_arg(VM *vm, const char *qname, int argc, Value *argv, mode_t *out)
{
    if (!rt_check_nargs(vm, qname, argc, 1, 1))
        return false;
    Value v = argv[0];
    if (!rt_is_int(v)) {
        rt_raise(vm, &rt_exc_TypeError, "an integer is required");
        return false;
    }
    if (rt_int_sign(v) < 0) {
        rt_raise(vm, &rt_exc_OverflowError, "can't convert negative value to unsigned int");
        return false;
    }
    int64_t m;
    if (rt_int_bit_length(v) > 8 * sizeof(mode_t) || !rt_as_i64(vm, v, &m)) {
        vm->exc = VNULL;
        rt_raise(vm, &rt_exc_OverflowError, "mode out of range");
        return false;
    }
    *out = (mode_t)m;
    return true;
}

#define S_TEST(name, test)                                                  \
    static Value st_##name(VM *vm, int argc, Value *argv, Value kw)         \
    {                                                                       \
        mode_t m;                                                           \
        if (!mode_arg(vm, "_stat." #name, argc, argv, &m))                  \
            return VNULL;                                                   \
        return rt_bool(test);                                               \
    }
S_TEST(S_ISDIR, S_ISDIR(m))
S_TEST(S_ISCHR, S_ISCHR(m))
S_TEST(S_ISBLK, S_ISBLK(m))
S_TEST(S_ISREG, S_ISREG(m))
S_TEST(S_ISFIFO, S_ISFIFO(m))
S_TEST(S_ISLNK, S_ISLNK(m))
S_TEST(S_ISSOCK, S_ISSOCK(m))
S_TEST(S_ISDOOR, false && m)
S_TEST(S_ISPORT, false && m)
S_TEST(S_ISWHT, false && m)

static Value st_S_IMODE(VM *vm, int argc, Value *argv, Value kw)
{
    mode_t m;
    if (!mode_arg(vm, "_stat.S_IMODE", argc, argv, &m))
        return VNULL;
    return v_from_small(m & 07777);
}

static Value st_S_IFMT(VM *vm, int argc, Value *argv, Value kw)
{
    mode_t m;
    if (!mode_arg(vm, "_stat.S_IFMT", argc, argv, &m))
        return VNULL;
    return v_from_small(m & S_IFMT);
}

static char filetype(mode_t m)
{
    if (S_ISREG(m)) return '-';
    if (S_ISDIR(m)) return 'd';
    if (S_ISLNK(m)) return 'l';
    if (S_ISBLK(m)) return 'b';
    if (S_ISCHR(m)) return 'c';
    if (S_ISFIFO(m)) return 'p';
    if (S_ISSOCK(m)) return 's';
    return '?';
}

/* One rwx triple; `special` (setuid, setgid, sticky) shows as s/S or t/T. */
static void triple(char *b, mode_t m, mode_t r, mode_t w, mode_t x, mode_t special, char sp)
{
    b[0] = m & r ? 'r' : '-';
    b[1] = m & w ? 'w' : '-';
    if (m & special)
        b[2] = m & x ? sp : (char)(sp - 'a' + 'A');
    else
        b[2] = m & x ? 'x' : '-';
}

static Value st_filemode(VM *vm, int argc, Value *argv, Value kw)
{
    mode_t m;
    if (!mode_arg(vm, "_stat.filemode", argc, argv, &m))
        return VNULL;
    char b[10];
    b[0] = filetype(m);
    triple(b + 1, m, S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's');
    triple(b + 4, m, S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's');
    triple(b + 7, m, S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't');
    return rt_str_new(vm, b, 10);
}

#define F(n) {#n, st_##n, 0}
static const NativeDef stat_functions[] = {
    F(S_ISDIR), F(S_ISCHR), F(S_ISBLK), F(S_ISREG), F(S_ISFIFO), F(S_ISLNK), F(S_ISSOCK),
    F(S_ISDOOR), F(S_ISPORT), F(S_ISWHT), F(S_IMODE), F(S_IFMT), F(filemode),
    {NULL, NULL, 0},
};
#undef F

/* CPython's values, in its order (they are Linux's where Linux has them). */
static const struct {
    const char *name;
    int64_t value;
} stat_constants[] = {
    {"S_IFDIR", 16384},
    {"S_IFCHR", 8192},
    {"S_IFBLK", 24576},
    {"S_IFREG", 32768},
    {"S_IFIFO", 4096},
    {"S_IFLNK", 40960},
    {"S_IFSOCK", 49152},
    {"S_IFDOOR", 0},
    {"S_IFPORT", 0},
    {"S_IFWHT", 0},
    {"S_ISUID", 2048},
    {"S_ISGID", 1024},
    {"S_ISVTX", 512},
    {"S_ENFMT", 1024},
    {"S_IREAD", 256},
    {"S_IWRITE", 128},
    {"S_IEXEC", 64},
    {"S_IRWXU", 448},
    {"S_IRUSR", 256},
    {"S_IWUSR", 128},
    {"S_IXUSR", 64},
    {"S_IRWXG", 56},
    {"S_IRGRP", 32},
    {"S_IWGRP", 16},
    {"S_IXGRP", 8},
    {"S_IRWXO", 7},
    {"S_IROTH", 4},
    {"S_IWOTH", 2},
    {"S_IXOTH", 1},
    {"UF_NODUMP", 1},
    {"UF_IMMUTABLE", 2},
    {"UF_APPEND", 4},
    {"UF_OPAQUE", 8},
    {"UF_NOUNLINK", 16},
    {"UF_COMPRESSED", 32},
    {"UF_HIDDEN", 32768},
    {"SF_ARCHIVED", 65536},
    {"SF_IMMUTABLE", 131072},
    {"SF_APPEND", 262144},
    {"SF_NOUNLINK", 1048576},
    {"SF_SNAPSHOT", 2097152},
    {"ST_MODE", 0},
    {"ST_INO", 1},
    {"ST_DEV", 2},
    {"ST_NLINK", 3},
    {"ST_UID", 4},
    {"ST_GID", 5},
    {"ST_SIZE", 6},
    {"ST_ATIME", 7},
    {"ST_MTIME", 8},
    {"ST_CTIME", 9},
};

Value mp_stat_module_init(VM *vm)
{
    Dict *d;
    Value m = mp_new_module(vm, "_stat", &d);
    if (!m || !rt_add_functions(vm, d, stat_functions, rt_str_intern_cstr(vm, "_stat")))
        return VNULL;
    for (size_t i = 0; i < sizeof stat_constants / sizeof *stat_constants; i++)
        if (!rt_dict_set_cstr(vm, d, stat_constants[i].name, v_from_small(stat_constants[i].value)))
            return VNULL;
    return m;
}
