/* vm/import.c — the import system (DESIGN.md §7): sys.path set-up, the
 * finder with its per-folder listing cache, loading through the .pyc cache
 * (vm/pyc.c), relative imports, fromlist, `-m`, `-v` and `-X importtime`.
 *
 * The steps mirror CPython's importlib._bootstrap: _find_and_load (parents
 * first, sys.modules entered before the body runs and removed if it
 * raises), _handle_fromlist, _calc___package__/_resolve_name; and
 * _bootstrap_external's SourceLoader.get_code for the cache. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vm/import.h"
#include "compiler/compiler.h"
#include "config.h"
#include "runtime/callable.h"
#include "runtime/state.h"
#include "vm/pyc.h"
#include "vm/vm.h"

/* ---- the finder's folder cache ----------------------------------------------
 * Each folder's listing is read once and kept, keyed by the folder's mtime:
 * a lookup costs one stat of the folder instead of a stat per candidate. */

typedef struct DirCache {
    char *path;
    struct timespec mtime;
    char **names;     /* sorted */
    uint8_t *isdir;   /* 1 dir, 0 not, 2 unknown (needs a stat) */
    size_t n;
} DirCache;

typedef struct ImportState {
    DirCache *dirs;
    size_t ndirs, cap;
    int64_t child_us;      /* -X importtime: cumulative time of finished children */
    int level;             /* -X importtime nesting */
    bool header_printed;
    bool path0_set;        /* sys.path[0] holds the script folder entry */
} ImportState;

static ImportState *state(VM *vm) { return vm->import_state; }

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dir_clear(DirCache *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->names[i]);
    free(d->names);
    free(d->isdir);
    d->names = NULL;
    d->isdir = NULL;
    d->n = 0;
}

static bool dir_fill(DirCache *d)
{
    dir_clear(d);
    DIR *dp = opendir(d->path);
    if (!dp)
        return false;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        if (d->n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(d->names, cap * sizeof *nn);
            uint8_t *nd = realloc(d->isdir, cap);
            if (nn)
                d->names = nn;
            if (nd)
                d->isdir = nd;
            if (!nn || !nd)
                break;
        }
        char *copy = strdup(e->d_name);
        if (!copy)
            break;
        /* Name and kind travel together through the sort: pack the kind
         * into a byte before the name. */
        d->names[d->n] = copy;
        d->isdir[d->n] = e->d_type == DT_DIR ? 1 : (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) ? 2 : 0;
        d->n++;
    }
    closedir(dp);
    /* Sort names and kinds together. */
    char **pairs = malloc((d->n ? d->n : 1) * sizeof *pairs);
    if (!pairs)
        return false;
    for (size_t i = 0; i < d->n; i++) {
        size_t len = strlen(d->names[i]);
        pairs[i] = malloc(len + 2);
        if (!pairs[i]) {
            for (size_t j = 0; j < i; j++)
                free(pairs[j]);
            free(pairs);
            return false;
        }
        memcpy(pairs[i], d->names[i], len + 1);
        pairs[i][len + 1] = (char)d->isdir[i];
    }
    qsort(pairs, d->n, sizeof *pairs, cmp_names);
    for (size_t i = 0; i < d->n; i++) {
        free(d->names[i]);
        d->names[i] = pairs[i];
        d->isdir[i] = (uint8_t)pairs[i][strlen(pairs[i]) + 1];
    }
    free(pairs);
    return true;
}

/* The listing of folder `path`, refreshed when its mtime changed; NULL if
 * the folder cannot be read. */
static DirCache *dir_get(VM *vm, const char *path)
{
    ImportState *s = state(vm);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    DirCache *d = NULL;
    for (size_t i = 0; i < s->ndirs; i++)
        if (strcmp(s->dirs[i].path, path) == 0) {
            d = &s->dirs[i];
            break;
        }
    if (!d) {
        if (s->ndirs == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 16;
            DirCache *nd = realloc(s->dirs, cap * sizeof *nd);
            if (!nd)
                return NULL;
            s->dirs = nd;
            s->cap = cap;
        }
        d = &s->dirs[s->ndirs];
        memset(d, 0, sizeof *d);
        if (!(d->path = strdup(path)))
            return NULL;
        s->ndirs++;
    } else if (d->mtime.tv_sec == st.st_mtim.tv_sec && d->mtime.tv_nsec == st.st_mtim.tv_nsec) {
        return d;
    }
    if (!dir_fill(d)) {
        d->mtime.tv_sec = -1;
        return NULL;
    }
    d->mtime = st.st_mtim;
    return d;
}

/* 1 dir, 0 other, 2 unknown; -1 absent. */
static int dir_lookup(DirCache *d, const char *name)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->names[mid], name);
        if (c == 0)
            return d->isdir[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---- small helpers ----------------------------------------------------------- */

static char *strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *strf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

static Dict *module_dict(Value m) { return ((Module *)v_obj(m))->dict; }

static Dict *sys_dict(VM *vm)
{
    return vm->sys_module && v_is(vm->sys_module, &rt_module_type) ? module_dict(vm->sys_module) : NULL;
}

static bool verbose(VM *vm) { return vm->config.verbose > 0; }

static void vlog(VM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vlog(VM *vm, const char *fmt, ...)
{
    if (!verbose(vm))
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ModuleNotFoundError(msg, name=name). */
static Value raise_not_found(VM *vm, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static Value raise_not_found(VM *vm, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    if (!msg)
        return rt_no_memory(vm);
    rt_raise(vm, &rt_exc_ModuleNotFoundError, "%s", msg);
    free(msg);
    Value exc = vm->exc;
    Value n = rt_str_from_cstr(vm, name);
    if (exc && n) {
        rt_setattr(vm, exc, vm->names.name, n);
        vm->exc = exc;
    }
    return VNULL;
}

/* sys.path entry → folder to search ('' is the current folder, relative
 * entries are made absolute as CPython's FileFinder does). */
static char *entry_dir(Value entry)
{
    if (!v_is_str(entry))
        return NULL;
    const char *p = v_cstr(entry);
    if (p[0] == '/')
        return strdup(p);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return NULL;
    if (!p[0] || strcmp(p, ".") == 0)
        return strdup(cwd);
    return strf("%s/%s", cwd, p);
}

/* ---- finding -------------------------------------------------------------------- */

typedef enum { FOUND_NONE, FOUND_SOURCE, FOUND_PACKAGE, FOUND_SOURCELESS } FoundKind;

typedef struct Found {
    FoundKind kind;
    char *file;       /* the .py (or sourceless .pyc) */
    char *pkgdir;     /* packages: the folder */
    struct stat st;   /* of file (source kinds) */
} Found;

static void found_free(Found *f)
{
    free(f->file);
    free(f->pkgdir);
    memset(f, 0, sizeof *f);
}

static bool find_in_dir(VM *vm, const char *dir, const char *name, Found *f)
{
    DirCache *d = dir_get(vm, dir);
    if (!d)
        return false;
    int kind = dir_lookup(d, name);
    if (kind == 1 || kind == 2) {
        char *init = strf("%s/%s/__init__.py", dir, name);
        if (init && stat(init, &f->st) == 0 && S_ISREG(f->st.st_mode)) {
            f->kind = FOUND_PACKAGE;
            f->file = init;
            f->pkgdir = strf("%s/%s", dir, name);
            return f->pkgdir != NULL;
        }
        free(init);
    }
    char *fname = strf("%s.py", name);
    if (!fname)
        return false;
    if (dir_lookup(d, fname) >= 0) {
        char *path = strf("%s/%s", dir, fname);
        if (path && stat(path, &f->st) == 0 && S_ISREG(f->st.st_mode)) {
            free(fname);
            f->kind = FOUND_SOURCE;
            f->file = path;
            return true;
        }
        free(path);
    }
    free(fname);
    fname = strf("%s.pyc", name);
    if (fname && dir_lookup(d, fname) >= 0) {
        f->kind = FOUND_SOURCELESS;
        f->file = strf("%s/%s", dir, fname);
        free(fname);
        return f->file != NULL;
    }
    free(fname);
    return false;
}

/* Search a list of folders (sys.path or a package's __path__). */
static bool find_module(VM *vm, const char *last, Value path, Found *f)
{
    if (!v_is(path, &rt_list_type) && !v_is(path, &rt_tuple_type))
        return false;
    bool islist = v_is(path, &rt_list_type);
    for (size_t i = 0;; i++) {
        size_t n = islist ? v_list(path)->len : v_tuple(path)->len;
        if (i >= n)
            break;
        Value entry = islist ? v_list(path)->items[i] : v_tuple(path)->items[i];
        char *dir = entry_dir(entry);
        if (!dir)
            continue;
        bool ok = find_in_dir(vm, dir, last, f);
        free(dir);
        if (ok)
            return true;
        found_free(f);
    }
    return false;
}

/* ---- getting the code: the cache, else the source ------------------------------ */

static bool dont_write(VM *vm)
{
    if (vm->config.dont_write_bytecode)
        return true;
    Dict *sd = sys_dict(vm);
    Value v = sd ? rt_dict_get_cstr(vm, sd, "dont_write_bytecode") : VNULL;
    if (!v) {
        vm->exc = VNULL;
        return false;
    }
    int t = rt_truthy(vm, v);
    if (t < 0)
        vm->exc = VNULL;
    return t > 0;
}

static uint64_t st_mtime_ns(const struct stat *st)
{
    return (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec;
}

/* Load the cache at cpath if it matches the source: true with *code set.
 * Otherwise *flags says how to write the replacement (a hash-based cache
 * stays hash-based, as CPython keeps it). */
static bool load_cache(VM *vm, const char *name, const char *cpath, PycSource *src, Code **code,
                       uint32_t *flags)
{
    const char *why = NULL;
    uint32_t found = 0;
    PycStatus status = vm_pyc_load(vm, cpath, src, code, &why, &found);
    if (status == PYC_OK) {
        vlog(vm, "# %s matches %s", cpath, src->path);
        vlog(vm, "# code object from '%s'", cpath);
        return true;
    }
    if (status == PYC_STALE)
        vlog(vm, "# bytecode is stale for '%s' (%s)", name, why);
    else if (status == PYC_BAD)
        vlog(vm, "# bad cache '%s' for '%s': %s", cpath, name, why);
    if (status == PYC_STALE && (found & PYC_FLAG_HASH))
        *flags = found;
    return false;
}

/* SourceLoader.get_code: the cache if it matches, else compile (and write
 * the cache).  Where the tree's own cache folder is not writable (CPython's
 * Lib/ installed by root), the per-user cache prefix takes its place.
 * *cached gets the cache path used (malloc'd) or NULL. */
static Code *get_source_code(VM *vm, const char *name, const char *srcpath, const struct stat *st,
                             char **cached)
{
    int optimize = vm->config.optimize;
    char *cpath = vm_pyc_cache_path(vm, srcpath, optimize);
    PycSource src = {.path = srcpath, .mtime_ns = st_mtime_ns(st), .size = (uint64_t)st->st_size,
                     .mode = st->st_mode};
    uint32_t flags = 0;
    Code *code = NULL;
    bool hit = cpath && load_cache(vm, name, cpath, &src, &code, &flags);
    if (!hit && cpath && !dont_write(vm)) {
        char *alt = vm_pyc_fallback_cache_path(vm, srcpath, optimize, cpath);
        if (alt) {
            free(cpath);
            cpath = alt;
            flags = 0;
            hit = load_cache(vm, name, cpath, &src, &code, &flags);
        }
    }
    if (hit) {
        Value fn = rt_str_from_cstr(vm, srcpath);
        free(src.data);
        if (!fn) {
            free(cpath);
            return NULL;
        }
        rt_code_set_filename(vm, code, fn);
        *cached = cpath;
        return code;
    }
    if (!vm_pyc_read_source(&src)) {
        rt_raise_oserror(vm, errno, srcpath);
        free(cpath);
        return NULL;
    }
    code = cg_compile_file(vm, src.data, src.len, srcpath, optimize);
    if (!code) {
        free(src.data);
        free(cpath);
        return NULL;
    }
    vlog(vm, "# code object from %s", srcpath);
    if (cpath && !dont_write(vm)) {
        const char *why = NULL;
        if (vm_pyc_write(vm, cpath, code, flags, &src, &why))
            vlog(vm, "# created '%s'", cpath);
        else
            vlog(vm, "# could not write '%s': %s", cpath, why);
    }
    free(src.data);
    *cached = cpath;
    return code;
}

/* SourcelessFileLoader: the .pyc is all there is; a bad one is an ImportError. */
static Code *get_sourceless_code(VM *vm, const char *name, const char *pycpath)
{
    Code *code = NULL;
    const char *why = NULL;
    uint32_t flags;
    if (vm_pyc_load(vm, pycpath, NULL, &code, &why, &flags) != PYC_OK) {
        rt_raise(vm, &rt_exc_ImportError, "cannot load '%s' for module '%s': %s", pycpath, name, why);
        return NULL;
    }
    vlog(vm, "# code object from '%s'", pycpath);
    Value fn = rt_str_from_cstr(vm, pycpath);
    if (!fn)
        return NULL;
    rt_code_set_filename(vm, code, fn);
    return code;
}

static Code *get_code(VM *vm, const char *name, Found *f, char **cached)
{
    *cached = NULL;
    if (f->kind == FOUND_SOURCELESS) {
        Code *c = get_sourceless_code(vm, name, f->file);
        if (c)
            *cached = strdup(f->file);
        return c;
    }
    return get_source_code(vm, name, f->file, &f->st, cached);
}

/* ---- loading ------------------------------------------------------------------------ */

/* The module's attributes, in CPython's order. */
static bool init_module_attrs(VM *vm, Dict *d, Value name, const char *package, Found *f,
                              const char *cached)
{
    Names *nm = &vm->names;
    Value pkg = rt_str_from_cstr(vm, package);
    Value file = rt_str_from_cstr(vm, f->file);
    Value cach = cached ? rt_str_from_cstr(vm, cached) : rt_None;
    if (!pkg || !file || !cach)
        return false;
    if (!rt_dict_set_str(vm, d, nm->__name__, name))
        return false;
    if (!rt_dict_get_str(d, nm->__doc__) && !rt_dict_set_str(vm, d, nm->__doc__, rt_None))
        return false;
    if (!rt_dict_set_str(vm, d, nm->__package__, pkg) ||
        !rt_dict_set_str(vm, d, nm->__loader__, rt_None) ||
        !rt_dict_set_str(vm, d, nm->__spec__, rt_None))
        return false;
    if (f->kind == FOUND_PACKAGE) {
        Value dir = rt_str_from_cstr(vm, f->pkgdir);
        Value path = dir ? rt_list_from(vm, 1, &dir) : VNULL;
        if (!path || !rt_dict_set_str(vm, d, nm->__path__, path))
            return false;
    }
    return rt_dict_set_str(vm, d, nm->__file__, file) &&
           rt_dict_set_str(vm, d, nm->__cached__, cach) &&
           rt_dict_set_str(vm, d, nm->__builtins__, v_from(vm->builtins));
}

/* Create, register, run.  Returns sys.modules[name] after the body ran. */
static Value load_module(VM *vm, Value name, const char *cname, Found *f)
{
    const char *dot = strrchr(cname, '.');
    char *package = f->kind == FOUND_PACKAGE ? strdup(cname)
                  : dot ? strf("%.*s", (int)(dot - cname), cname) : strdup("");
    if (!package)
        return rt_no_memory(vm);
    Value m = rt_module_new(vm, name);
    if (!m) {
        free(package);
        return VNULL;
    }
    Dict *d = module_dict(m);
    char *cached = NULL;
    /* Attributes first with __cached__ unknown, so the module is complete
     * before the code lookup (which may fail). */
    Code *code = get_code(vm, cname, f, &cached);
    if (!code || !init_module_attrs(vm, d, name, package, f, cached)) {
        free(package);
        free(cached);
        return VNULL;
    }
    free(package);
    free(cached);
    if (!rt_dict_set(vm, vm->modules, name, m))
        return VNULL;
    Value r = vm_run_code(vm, code, d, VNULL);
    if (!r) {
        Value exc = vm->exc;
        vm->exc = VNULL;
        rt_dict_del(vm, vm->modules, name);
        vm->exc = exc;
        return VNULL;
    }
    bool err = false;
    Value final = rt_dict_get(vm, vm->modules, name, &err);
    if (!final) {
        if (!err)
            rt_raise(vm, &rt_exc_ImportError, "Loaded module %s not found in sys.modules", cname);
        return VNULL;
    }
    vlog(vm, "import '%s' # %s", cname, f->file);
    return final;
}

/* importlib.reload's loader part (_bootstrap._exec): find `name` again on
 * `path` (the parent's __path__, or sys.path for None), get its code (the
 * cache, recompiled and rewritten when the source changed) and run it in
 * the module's own namespace, so the object and every name the new code
 * does not redefine are kept.  As CPython, the module stays in sys.modules
 * when the code raises, and is moved to the end of sys.modules either way. */
Value vm_import_reload(VM *vm, Value module, Value path)
{
    if (!v_is(module, &rt_module_type))
        return rt_raise(vm, &rt_exc_TypeError, "reload() argument must be a module");
    Value name = rt_dict_get_str(module_dict(module), vm->names.__name__);
    if (!name || !v_is_str(name))
        return rt_raise(vm, &rt_exc_TypeError, "reload() argument must be a module");
    const char *cname = v_cstr(name);
    if (mp_native_module(vm, cname))
        return module; /* built-in: nothing to run again */
    if (vm->exc)
        return VNULL;
    if (path == rt_None || !path)
        path = vm->path;
    const char *dot = strrchr(cname, '.');
    const char *last = dot ? dot + 1 : cname;
    Found f = {0};
    if (!*last || strchr(last, '/') || !find_module(vm, last, path, &f)) {
        found_free(&f);
        return raise_not_found(vm, cname, "spec not found for the module '%s'", cname);
    }
    char *package = f.kind == FOUND_PACKAGE ? strdup(cname)
                  : dot ? strf("%.*s", (int)(dot - cname), cname) : strdup("");
    char *cached = NULL;
    Dict *d = module_dict(module);
    Code *code = package ? get_code(vm, cname, &f, &cached) : NULL;
    bool ok = code && init_module_attrs(vm, d, name, package, &f, cached);
    if (!package)
        rt_no_memory(vm);
    free(package);
    free(cached);
    if (ok && vm_run_code(vm, code, d, VNULL))
        vlog(vm, "import '%s' # %s", cname, f.file);
    else
        ok = false;
    found_free(&f);
    /* sys.modules.pop(name) then sys.modules[name] = it, exception kept. */
    Value exc = vm->exc;
    vm->exc = VNULL;
    bool err = false;
    Value cur = rt_dict_get(vm, vm->modules, name, &err);
    if (cur && rt_dict_del(vm, vm->modules, name) == 1)
        rt_dict_set(vm, vm->modules, name, cur);
    if (exc || !ok) {
        if (exc)
            vm->exc = exc;
        return VNULL;
    }
    return vm->exc ? VNULL : module;
}

/* importlib.invalidate_caches(): forget every folder listing, so the next
 * lookup reads the folders again even when their mtime did not change
 * (a file created within the mtime's granularity). */
void vm_import_invalidate_caches(VM *vm)
{
    ImportState *s = state(vm);
    if (!s)
        return;
    for (size_t i = 0; i < s->ndirs; i++) {
        dir_clear(&s->dirs[i]);
        free(s->dirs[i].path);
    }
    s->ndirs = 0;
}

static Value find_and_load(VM *vm, Value name);

static Value find_and_load_unlocked(VM *vm, Value name, const char *cname)
{
    const char *dot = strrchr(cname, '.');
    Value parent_module = VNULL, path = vm->path;
    if (dot) {
        Value parent = rt_str_new(vm, cname, (size_t)(dot - cname));
        if (!parent)
            return VNULL;
        if (!rt_dict_get_str(vm->modules, parent) && !find_and_load(vm, parent))
            return VNULL;
        /* Importing the parent may have imported us. */
        Value m = rt_dict_get_str(vm->modules, name);
        if (m)
            return m;
        parent_module = rt_dict_get_str(vm->modules, parent);
        if (!parent_module)
            return raise_not_found(vm, cname, "No module named '%s'", cname);
        path = rt_getattr_opt(vm, parent_module, vm->names.__path__);
        if (!path) {
            if (vm->exc)
                return VNULL;
            return raise_not_found(vm, cname, "No module named '%s'; '%.*s' is not a package", cname,
                                   (int)(dot - cname), cname);
        }
    }
    Value native = mp_native_module(vm, cname);
    if (native) {
        vlog(vm, "import '%s' # <built-in>", cname);
        return native;
    }
    if (vm->exc)
        return VNULL;
    const char *last = dot ? dot + 1 : cname;
    Found f = {0};
    if (!*last || strchr(last, '/') || !find_module(vm, last, path, &f))
        return raise_not_found(vm, cname, "No module named '%s'", cname);
    Value m = load_module(vm, name, cname, &f);
    found_free(&f);
    if (!m)
        return VNULL;
    if (parent_module) {
        Value child = rt_str_intern_cstr(vm, last);
        if (!child || rt_setattr(vm, parent_module, child, m) < 0)
            return VNULL;
    }
    return m;
}

/* _find_and_load, plus the -X importtime table. */
static Value find_and_load(VM *vm, Value name)
{
    bool err = false;
    Value m = rt_dict_get(vm, vm->modules, name, &err);
    if (err)
        return VNULL;
    if (m) {
        if (m == rt_None)
            return raise_not_found(vm, v_cstr(name), "import of %s halted; None in sys.modules",
                                   v_cstr(name));
        return m;
    }
    char *cname = strdup(v_cstr(name));
    if (!cname)
        return rt_no_memory(vm);
    ImportState *s = state(vm);
    if (!vm->config.importtime || !s) {
        m = find_and_load_unlocked(vm, name, cname);
        free(cname);
        return m;
    }
    if (!s->header_printed) {
        fputs("import time: self [us] | cumulative | imported package\n", stderr);
        s->header_printed = true;
    }
    int64_t saved = s->child_us, t0 = now_us();
    s->child_us = 0;
    s->level++;
    m = find_and_load_unlocked(vm, name, cname);
    s->level--;
    int64_t cum = now_us() - t0;
    fprintf(stderr, "import time: %9lld | %10lld | %*s%s\n", (long long)(cum - s->child_us),
            (long long)cum, s->level * 2, "", cname);
    s->child_us = saved + cum;
    free(cname);
    return m;
}

/* ---- __import__ ---------------------------------------------------------------------- */

/* _calc___package__ then _resolve_name: the absolute name for a relative
 * import of `name` at `level`. */
static Value resolve_name(VM *vm, Value name, Dict *globals, int level)
{
    Value package = globals ? rt_dict_get_str(globals, vm->names.__package__) : VNULL;
    if (!package || package == rt_None) {
        Value modname = globals ? rt_dict_get_str(globals, vm->names.__name__) : VNULL;
        if (!modname || !v_is_str(modname))
            package = VNULL;
        else if (rt_dict_get_str(globals, vm->names.__path__))
            package = modname;
        else {
            const char *s = v_cstr(modname), *dot = strrchr(s, '.');
            package = rt_str_new(vm, s, dot ? (size_t)(dot - s) : 0);
            if (!package)
                return VNULL;
        }
    } else if (!v_is_str(package)) {
        return rt_raise(vm, &rt_exc_TypeError, "package must be a string");
    }
    if (!package || v_str(package)->len == 0)
        return rt_raise(vm, &rt_exc_ImportError, "attempted relative import with no known parent package");
    /* bits = package.rsplit('.', level - 1) */
    const char *p = v_cstr(package);
    size_t len = v_str(package)->len;
    for (int i = 1; i < level; i++) {
        const char *dot = memrchr(p, '.', len);
        if (!dot)
            return rt_raise(vm, &rt_exc_ImportError, "attempted relative import beyond top-level package");
        len = (size_t)(dot - p);
    }
    if (v_str(name)->len == 0)
        return rt_str_new(vm, p, len);
    return rt_str_printf(vm, "%.*s.%s", (int)len, p, v_cstr(name));
}

static bool has_attr(VM *vm, Value obj, Value name)
{
    Value v = rt_getattr_opt(vm, obj, name);
    if (!v && vm->exc)
        vm->exc = VNULL;
    return v != VNULL;
}

static bool handle_fromlist(VM *vm, Value module, Value fromlist, bool recursive)
{
    Value items = rt_tuple_from_iter(vm, fromlist);
    if (!items)
        return false;
    Value modname = rt_getattr(vm, module, vm->names.__name__);
    if (!modname)
        return false;
    for (size_t i = 0; i < v_tuple(items)->len; i++) {
        Value x = v_tuple(items)->items[i];
        if (!v_is_str(x)) {
            rt_raise(vm, &rt_exc_TypeError, "Item in %s must be str, not %s",
                     recursive ? "__all__" : "``from list''", rt_type_name(x));
            if (recursive && v_is_str(modname)) {
                vm->exc = VNULL;
                rt_raise(vm, &rt_exc_TypeError, "Item in %s.__all__ must be str, not %s",
                         v_cstr(modname), rt_type_name(x));
            }
            return false;
        }
        if (strcmp(v_cstr(x), "*") == 0) {
            if (!recursive) {
                Value all = rt_getattr_opt(vm, module, vm->names.__all__);
                if (all && !handle_fromlist(vm, module, all, true))
                    return false;
                if (!all && vm->exc)
                    return false;
            }
            continue;
        }
        if (has_attr(vm, module, x) || !v_is_str(modname))
            continue;
        Value from_name = rt_str_printf(vm, "%s.%s", v_cstr(modname), v_cstr(x));
        if (!from_name)
            return false;
        if (find_and_load(vm, from_name))
            continue;
        /* A missing submodule is fine (the name may be an attribute the
         * caller's IMPORT_FROM then reports); other errors propagate. */
        Value exc = vm->exc;
        if (rt_exc_matches(vm, exc, &rt_exc_ModuleNotFoundError)) {
            Value en = rt_getattr_opt(vm, exc, vm->names.name);
            vm->exc = exc;
            if (en && v_is_str(en) && rt_str_equal(en, from_name) &&
                rt_dict_get_str(vm->modules, from_name) != rt_None) {
                vm->exc = VNULL;
                continue;
            }
        }
        return false;
    }
    return true;
}

Value vm_import(VM *vm, Value name, Dict *globals, Value fromlist, int level)
{
    if (!v_is_str(name))
        return rt_raise(vm, &rt_exc_TypeError, "module name must be str, not %s", rt_type_name(name));
    if (level < 0)
        return rt_raise(vm, &rt_exc_ValueError, "level must be >= 0");
    Value absname = name;
    if (level > 0) {
        if (!(absname = resolve_name(vm, name, globals, level)))
            return VNULL;
    } else if (v_str(name)->len == 0) {
        return rt_raise(vm, &rt_exc_ValueError, "Empty module name");
    }
    Value module = find_and_load(vm, absname);
    if (!module)
        return VNULL;
    int want_from = 0;
    if (fromlist && fromlist != rt_None && (want_from = rt_truthy(vm, fromlist)) < 0)
        return VNULL;
    if (!want_from) {
        const char *s = v_cstr(name), *dot = strchr(s, '.');
        if (level == 0) {
            if (!dot)
                return module;
            Value top = rt_str_new(vm, s, (size_t)(dot - s));
            return top ? find_and_load(vm, top) : VNULL;
        }
        if (v_str(name)->len == 0)
            return module;
        /* Strip as many trailing components from the module's name as name
         * has after its first one. */
        size_t cut = dot ? v_str(name)->len - (size_t)(dot - s) : 0;
        Value mname = rt_getattr(vm, module, vm->names.__name__);
        if (!mname || !v_is_str(mname))
            return mname ? rt_raise(vm, &rt_exc_TypeError, "module name must be str") : VNULL;
        Value key = rt_str_new(vm, v_cstr(mname), v_str(mname)->len - cut);
        if (!key)
            return VNULL;
        Value top = rt_dict_get_str(vm->modules, key);
        if (!top)
            return rt_raise_str(vm, &rt_exc_KeyError, key);
        return top;
    }
    if (has_attr(vm, module, vm->names.__path__) && !handle_fromlist(vm, module, fromlist, false))
        return VNULL;
    return module;
}

/* ---- -m ---------------------------------------------------------------------------------- */

static Value run_main_error(VM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* runpy's _error: "<executable>: message" on stderr, exit status 1. */
static Value run_main_error(VM *vm, const char *fmt, ...)
{
    Dict *sd = sys_dict(vm);
    Value exe = sd ? rt_dict_get_cstr(vm, sd, "executable") : VNULL;
    vm->exc = VNULL;
    fprintf(stderr, "%s: ", exe && v_is_str(exe) && v_str(exe)->len ? v_cstr(exe) : "minipy");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    Value code = v_from_small(1);
    Value args = rt_tuple_from(vm, 1, &code);
    Value exc = args ? rt_exc_new(vm, &rt_exc_SystemExit, args) : VNULL;
    if (exc)
        rt_raise_value(vm, exc);
    return VNULL;
}

/* The formatted "Type: message" of the pending exception (malloc'd). */
static char *pending_message(VM *vm)
{
    Value exc = vm->exc;
    vm->exc = VNULL;
    Value line = exc ? rt_exc_format_line(vm, exc) : VNULL;
    vm->exc = VNULL;
    return strdup(line && v_is_str(line) ? v_cstr(line) : "error");
}

bool vm_run_module_as_main(VM *vm, const char *name)
{
    if (name[0] == '.') {
        run_main_error(vm, "Relative module names not supported");
        return false;
    }
    char *modname = strdup(name);
    if (!modname)
        return rt_no_memory(vm), false;
    Found f = {0};
    for (;;) {
        const char *dot = strrchr(modname, '.');
        Value path = vm->path;
        if (dot) {
            Value pkg = rt_str_new(vm, modname, (size_t)(dot - modname));
            Value pm = pkg ? vm_import(vm, pkg, NULL, rt_None, 0) : VNULL;
            if (!pm) {
                char *msg = pending_message(vm);
                run_main_error(vm, "Error while finding module specification for '%s' (%s)", modname, msg);
                free(msg);
                free(modname);
                return false;
            }
            Value pmod = rt_dict_get_str(vm->modules, pkg);
            path = pmod ? rt_getattr_opt(vm, pmod, vm->names.__path__) : VNULL;
            if (!path) {
                vm->exc = VNULL;
                run_main_error(vm, "Error while finding module specification for '%s' "
                               "(ModuleNotFoundError: __path__ attribute not found on '%.*s' while "
                               "trying to find '%s')", modname, (int)(dot - modname), modname, modname);
                free(modname);
                return false;
            }
        }
        const char *last = dot ? dot + 1 : modname;
        if (!find_module(vm, last, path, &f)) {
            run_main_error(vm, "No module named %s", modname);
            free(modname);
            return false;
        }
        if (f.kind != FOUND_PACKAGE)
            break;
        size_t len = strlen(modname);
        if (strcmp(last, "__main__") == 0 || (len > 9 && strcmp(modname + len - 9, ".__main__") == 0)) {
            run_main_error(vm, "Cannot use package as __main__ module");
            found_free(&f);
            free(modname);
            return false;
        }
        /* Import the package itself, then run its __main__. */
        Value pkgname = rt_str_from_cstr(vm, modname);
        if (!pkgname || !vm_import(vm, pkgname, NULL, rt_None, 0)) {
            found_free(&f);
            free(modname);
            return false;
        }
        char *sub = strf("%s.__main__", modname);
        free(modname);
        found_free(&f);
        if (!(modname = sub))
            return rt_no_memory(vm), false;
        /* A missing pkg/__main__.py: CPython's wording. */
        Value p2 = rt_getattr_opt(vm, rt_dict_get_str(vm->modules, pkgname), vm->names.__path__);
        if (!p2 || !find_module(vm, "__main__", p2, &f)) {
            vm->exc = VNULL;
            run_main_error(vm, "No module named %s; '%s' is a package and cannot be directly executed",
                           modname, v_cstr(pkgname));
            free(modname);
            return false;
        }
        break;
    }
    char *cached = NULL;
    Code *code = get_code(vm, modname, &f, &cached);
    const char *dot = strrchr(modname, '.');
    char *package = dot ? strf("%.*s", (int)(dot - modname), modname) : strdup("");
    bool ok = false;
    Value mainname = vm->names.__main__;
    Value m = rt_dict_get_str(vm->modules, mainname);
    if (!m || !v_is(m, &rt_module_type)) {
        m = rt_module_new(vm, mainname);
        if (m && !rt_dict_set_str(vm, vm->modules, mainname, m))
            m = VNULL;
    }
    if (code && package && m) {
        Dict *d = module_dict(m);
        Value file = rt_str_from_cstr(vm, f.file);
        Found attrs = f;
        attrs.kind = FOUND_SOURCE; /* no __path__ for __main__ */
        if (file && init_module_attrs(vm, d, mainname, package, &attrs, cached) &&
            rt_dict_set_str(vm, d, vm->names.__doc__, rt_None)) {
            /* sys.argv[0] is the module's full path (runpy's alter_argv). */
            if (vm->argv && v_is(vm->argv, &rt_list_type) && v_list(vm->argv)->len > 0)
                v_list(vm->argv)->items[0] = file;
            ok = vm_run_code(vm, code, d, VNULL) != VNULL;
        }
    }
    free(package);
    free(cached);
    free(modname);
    found_free(&f);
    return ok;
}

/* ---- start-up --------------------------------------------------------------------------- */

static bool path_append(VM *vm, const char *entry, size_t len)
{
    Value s = rt_str_new(vm, entry, len);
    return s && rt_list_append(vm, vm->path, s);
}

bool vm_import_set_path0(VM *vm, const char *dir)
{
    char real[PATH_MAX];
    const char *p = dir ? dir : "";
    if (*p && realpath(p, real))
        p = real;
    Value s = rt_str_from_cstr(vm, p);
    if (!s || !vm->path || !v_is(vm->path, &rt_list_type))
        return false;
    List *l = v_list(vm->path);
    ImportState *st = state(vm);
    if (st && st->path0_set && l->len > 0) {
        l->items[0] = s;
        return true;
    }
    if (st)
        st->path0_set = true;
    if (!rt_list_append(vm, vm->path, s))
        return false;
    memmove(l->items + 1, l->items, (l->len - 1) * sizeof *l->items);
    l->items[0] = s;
    return true;
}

/* sys.path[0] from sys.argv[0], as CPython: the script's folder (symlinks
 * resolved), the current folder for -m, '' for -c, stdin and the REPL. */
static bool set_default_path0(VM *vm)
{
    Value a0 = vm->argv && v_is(vm->argv, &rt_list_type) && v_list(vm->argv)->len
             ? v_list(vm->argv)->items[0] : VNULL;
    const char *s = a0 && v_is_str(a0) ? v_cstr(a0) : "";
    if (!*s || strcmp(s, "-c") == 0 || strcmp(s, "-") == 0)
        return vm_import_set_path0(vm, "");
    if (strcmp(s, "-m") == 0) {
        char cwd[PATH_MAX];
        return vm_import_set_path0(vm, getcwd(cwd, sizeof cwd) ? cwd : "");
    }
    char real[PATH_MAX];
    const char *script = realpath(s, real) ? real : s;
    const char *slash = strrchr(script, '/');
    char *dir = slash ? strf("%.*s", (int)(slash == script ? 1 : slash - script), script) : strdup("");
    if (!dir)
        return rt_no_memory(vm), false;
    bool ok = vm_import_set_path0(vm, dir);
    free(dir);
    return ok;
}

/* The stdlib folder: the source tree's for a binary run from its build
 * folder, else the installed copy (`meson install` puts it, precompiled,
 * under <prefix>/share/minipy/stdlib). */
static const char *stdlib_folder(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return MINIPY_STDLIB_DIR;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    char build[PATH_MAX];
    if (realpath(MINIPY_BUILD_DIR, build) && strcmp(build, exe) == 0)
        return MINIPY_STDLIB_DIR;
    struct stat st;
    if (stat(MINIPY_INSTALLED_STDLIB_DIR, &st) == 0 && S_ISDIR(st.st_mode))
        return MINIPY_INSTALLED_STDLIB_DIR;
    return MINIPY_STDLIB_DIR;
}

bool vm_import_init(VM *vm)
{
    /* A file-size limit must give EFBIG to the cache writer, not kill us. */
    signal(SIGXFSZ, SIG_IGN);
    if (!vm->import_state) {
        ImportState *s = calloc(1, sizeof *s);
        if (!s)
            return rt_no_memory(vm), false;
        vm->import_state = s;
    }
    if (!vm->modules) {
        Value m = rt_dict_new(vm);
        if (!m)
            return false;
        vm->modules = v_dict(m);
    }
    Dict *sd = sys_dict(vm);
    if (!vm->path || !v_is(vm->path, &rt_list_type)) {
        if (!(vm->path = rt_list_new(vm, 8)))
            return false;
        if (sd && !rt_dict_set_cstr(vm, sd, "path", vm->path))
            return false;
    }
    if (v_list(vm->path)->len > 0)
        state(vm)->path0_set = true; /* main set it before us */
    else if (!vm->config.isolated && !set_default_path0(vm))
        return false;
    const char *env = vm->config.ignore_environment ? NULL : getenv("MINIPYPATH");
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t len = colon ? (size_t)(colon - env) : strlen(env);
        if (len && !path_append(vm, env, len))
            return false;
        env = colon ? colon + 1 : NULL;
    }
    const char *stdlib_dir = stdlib_folder();
    if (!path_append(vm, stdlib_dir, strlen(stdlib_dir)))
        return false;
    /* Then CPython's pure-Python library (issue 12), whose modules minipy's
     * own shadow; not checked on disk, to keep start-up free of it. */
    const char *cpy = vm->config.ignore_environment ? NULL : getenv("MINIPYCPYTHONLIB");
    if (!cpy || !*cpy)
        cpy = MINIPY_CPYTHON_LIB;
    if (!path_append(vm, cpy, strlen(cpy)))
        return false;
    if (sd && !rt_dict_set_cstr(vm, sd, "dont_write_bytecode", rt_bool(vm->config.dont_write_bytecode)))
        return false;
    return true;
}

void vm_import_finish(VM *vm)
{
    ImportState *s = vm->import_state;
    if (!s)
        return;
    for (size_t i = 0; i < s->ndirs; i++) {
        dir_clear(&s->dirs[i]);
        free(s->dirs[i].path);
    }
    free(s->dirs);
    free(s);
    vm->import_state = NULL;
}
