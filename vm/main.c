/* vm/main.c — the command line (DESIGN.md §8), as CPython's:
 *
 *   minipy [-B] [-O] [-OO] [-v] [-q] [-E] [-i] [-X opt] [-c cmd | -m mod | script | -] [args]
 *
 * sys.argv is built here and handed to vm_init: [script, args...], ['-c',
 * args...], ['-m', args...] (the import system replaces argv[0] with the
 * module's path), ['-', args...] for stdin, [''] for the REPL.  sys.path[0]
 * is derived from that argv[0] by vm_import_init (vm/import.c), which also
 * reads MINIPYPATH unless -E.
 *
 * Exit status: 0; 1 for an uncaught exception; 2 for usage errors and
 * unreadable scripts; n for sys.exit(n). */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "config.h"
#include "runtime/callable.h"
#include "stdlib/_io.h"
#include "runtime/state.h"
#include "vm/import.h"
#include "vm/repl.h"
#include "vm/vm.h"

/* The one VM; the SIGINT handler needs to reach it. */
static VM the_vm;

static void on_sigint(int sig)
{
    (void)sig;
    the_vm.interrupted = 1;
}

static const char *prog = "minipy";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                    "Try `minipy -h' for more information.\n", prog);
    return 2;
}

static void print_help(void)
{
    printf("usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n", prog);
    fputs("Options (and corresponding environment variables):\n"
          "-B     : don't write .pyc files on import; also MINIPYDONTWRITEBYTECODE=x\n"
          "-c cmd : program passed in as string (terminates option list)\n"
          "-E     : ignore MINIPY* environment variables (such as MINIPYPATH)\n"
          "-h     : print this help message and exit (also -? or --help)\n"
          "-I     : isolate Python from the user's environment (implies -E and -s)\n"
          "-i     : inspect interactively after running script; forces a prompt even\n"
          "         if stdin does not appear to be a terminal\n"
          "-m mod : run library module as a script (terminates option list)\n"
          "-O     : remove assert and __debug__-dependent statements; add .opt-1 before\n"
          "         .pyc extension\n"
          "-OO    : do -O changes and also discard docstrings; add .opt-2 before\n"
          "         .pyc extension\n"
          "-u     : force the stdout and stderr streams to be unbuffered;\n"
          "         this option has no effect on stdin; also MINIPYUNBUFFERED=x\n"
          "-q     : don't print version and copyright messages on interactive startup\n"
          "-v     : verbose (trace import statements)\n"
          "         can be supplied multiple times to increase verbosity\n"
          "-V     : print the version number and exit (also --version)\n"
          "-X opt : set implementation-specific option:\n"
          "         -X importtime: show how long each import takes\n"
          "         -X gcstats: at exit, print the collector's statistics on stderr\n"
          "         -X pycache_prefix=PATH: write .pyc files to a parallel tree rooted at\n"
          "             PATH instead of in __pycache__ folders; also MINIPYPYCACHEPREFIX\n"
          "--check-hash-based-pycs always|default|never:\n"
          "         control how minipy invalidates hash-based .pyc files\n"
          "Arguments:\n"
          "file   : program read from script file\n"
          "-      : program read from stdin (default; interactive mode if a tty)\n"
          "arg ...: arguments passed to program in sys.argv[1:]\n",
          stdout);
}

static void x_option(VMConfig *cfg, const char *opt)
{
    if (!strcmp(opt, "importtime"))
        cfg->importtime = true;
    else if (!strcmp(opt, "gcstats"))
        cfg->gcstats = true;
    else if (!strncmp(opt, "pycache_prefix=", 15))
        cfg->pycache_prefix = opt + 15;
    /* other -X options are accepted and ignored, as CPython does */
}

/* Read a whole stream; NULL with errno on failure. */
static char *read_all(FILE *fp, size_t *len)
{
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        int e = errno;
        free(buf);
        errno = e ? e : EIO;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* The __main__ module, entered in sys.modules; NULL on error. */
static Dict *main_module(VM *vm, const char *file)
{
    Value name = vm->names.__main__;
    Value mod = rt_module_new(vm, name);
    if (!mod)
        return NULL;
    Dict *d = ((Module *)v_obj(mod))->dict;
    Value ann = rt_dict_new(vm);
    if (!ann || !rt_dict_set_str(vm, d, vm->names.__name__, name) ||
        !rt_dict_set_str(vm, d, vm->names.__doc__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__package__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__loader__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__spec__, rt_None) ||
        !rt_dict_set_str(vm, d, vm->names.__annotations__, ann) ||
        !rt_dict_set_str(vm, d, vm->names.__builtins__, vm->builtins_module))
        return NULL;
    if (file) {
        Value f = rt_str_from_cstr(vm, file);
        if (!f || !rt_dict_set_str(vm, d, vm->names.__file__, f) ||
            !rt_dict_set_str(vm, d, vm->names.__cached__, rt_None))
            return NULL;
    }
    if (!rt_dict_set_str(vm, vm->modules, name, mod))
        return NULL;
    return d;
}

/* Compile and run source as __main__; returns the exit status. */
static int run_source(VM *vm, const char *src, size_t len, const char *filename,
                      const char *file_attr)
{
    Dict *globals = main_module(vm, file_attr);
    if (!globals)
        return vm_handle_uncaught(vm);
    /* A file or stdin is read as a file (its encoding error says so); -c's
     * text is a string. */
    Code *code = strcmp(filename, "<string>") == 0
                     ? cg_compile_source(vm, src, len, filename, PARSE_FILE, vm->config.optimize)
                     : cg_compile_file(vm, src, len, filename, vm->config.optimize);
    bool ok = code && vm_run_code(vm, code, globals, VNULL);
    /* CPython flushes sys.stderr and sys.stdout after a file or stdin ran,
     * so with both on one pipe a script's output precedes its traceback;
     * -c's does not. */
    if (strcmp(filename, "<string>") != 0) {
        Value exc = vm->exc;
        vm->exc = VNULL;
        mp_io_flush_io(vm);
        vm->exc = exc;
    }
    return ok ? 0 : vm_handle_uncaught(vm);
}

static void abs_path(const char *path, char *out, size_t size)
{
    char cwd[PATH_MAX];
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        snprintf(out, size, "%s", path);
    else
        snprintf(out, size, "%s/%s", cwd, path);
}

static int run_file(VM *vm, const char *path)
{
    char abs[PATH_MAX * 2];
    struct stat st;
    const char *target = path;
    char mainpy[PATH_MAX * 2];
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        /* A folder runs its __main__.py, as CPython. */
        snprintf(mainpy, sizeof mainpy, "%s/__main__.py", path);
        if (access(mainpy, R_OK) != 0) {
            abs_path(path, abs, sizeof abs);
            fprintf(stderr, "%s: can't find '__main__' module in '%s'\n", prog, abs);
            return 1;
        }
        target = mainpy;
    }
    FILE *fp = fopen(target, "rb");
    size_t len = 0;
    char *src = fp ? read_all(fp, &len) : NULL;
    if (!src) {
        int e = errno;
        if (fp)
            fclose(fp);
        abs_path(path, abs, sizeof abs);
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", prog, abs, e, strerror(e));
        return 2;
    }
    fclose(fp);
    /* CPython (3.9+) names the main script by its absolute path, unnormalized. */
    abs_path(target, abs, sizeof abs);
    int status = run_source(vm, src, len, abs, abs);
    free(src);
    return status;
}

static int run_stdin(VM *vm)
{
    size_t len = 0;
    char *src = read_all(stdin, &len);
    if (!src) {
        fprintf(stderr, "%s: can't read <stdin>: [Errno %d] %s\n", prog, errno, strerror(errno));
        return 2;
    }
    int status = run_source(vm, src, len, "<stdin>", NULL);
    free(src);
    return status;
}

static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    if (argc > 0 && argv[0] && *argv[0])
        prog = argv[0];

    VMConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    enum { RUN_REPL, RUN_CMD, RUN_MODULE, RUN_FILE, RUN_STDIN } mode = RUN_REPL;
    const char *target = NULL; /* command, module name or script path */
    int i = 1;
    bool want_version = false, dash = false;

    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == 0)
            break; /* script or "-" */
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (a[1] == '-') {
            if (!strcmp(a, "--help") || !strcmp(a, "--help-all")) {
                print_help();
                return 0;
            }
            if (!strcmp(a, "--version")) {
                want_version = true;
                continue;
            }
            if (!strncmp(a, "--check-hash-based-pycs", 23) && (a[23] == 0 || a[23] == '=')) {
                const char *v = a[23] == '=' ? a + 24 : (i + 1 < argc ? argv[++i] : NULL);
                if (!v)
                    return usage_error("Argument expected for the %s option",
                                       "--check-hash-based-pycs");
                if (!strcmp(v, "default"))
                    cfg.check_hash_pycs = 0;
                else if (!strcmp(v, "always"))
                    cfg.check_hash_pycs = 1;
                else if (!strcmp(v, "never"))
                    cfg.check_hash_pycs = 2;
                else
                    return usage_error("--check-hash-based-pycs must be one of 'default', "
                                       "'always', or 'never'%s", "");
                continue;
            }
            return usage_error("unknown option %s", a);
        }
        for (const char *p = a + 1; *p; p++) {
            switch (*p) {
            case 'B': cfg.dont_write_bytecode = true; break;
            case 'O': cfg.optimize = cfg.optimize < 2 ? cfg.optimize + 1 : 2; break;
            case 'v': cfg.verbose++; break;
            case 'q': cfg.quiet = true; break;
            case 'E': cfg.ignore_environment = true; break;
            case 'I': cfg.ignore_environment = cfg.isolated = true; break;
            case 'i': cfg.inspect = true; break;
            case 'V': want_version = true; break;
            case 'u': cfg.unbuffered = true; break;
            case 's': case 'S': case 'b': case 'd': case 'R': case 'P': case 'x':
                break; /* CPython options with nothing to do here */
            case 'h': case '?':
                print_help();
                return 0;
            case 'c': case 'm': case 'X': case 'W': {
                char opt = *p;
                const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!val) {
                    char o[3] = {'-', opt, 0};
                    return usage_error("Argument expected for the %s option", o);
                }
                if (opt == 'X') {
                    x_option(&cfg, val);
                } else if (opt == 'c' || opt == 'm') {
                    mode = opt == 'c' ? RUN_CMD : RUN_MODULE;
                    target = val;
                    i++;
                    goto options_done;
                }
                goto next_arg; /* the rest of this argument was the value */
            }
            default: {
                char o[3] = {'-', *p, 0};
                return usage_error("Unknown option: %s", o);
            }
            }
        }
    next_arg:;
    }
options_done:
    if (want_version) {
        printf("minipy %s\n", MINIPY_VERSION);
        return 0;
    }
    if (mode == RUN_REPL && i < argc) {
        if (!strcmp(argv[i], "-")) {
            mode = RUN_STDIN;
            dash = true;
        } else {
            mode = RUN_FILE;
            target = argv[i];
        }
        i++;
    }
    if (mode == RUN_REPL && !isatty(0) && !cfg.inspect)
        mode = RUN_STDIN;

    if (!cfg.ignore_environment) {
        if (env_set("MINIPYDONTWRITEBYTECODE"))
            cfg.dont_write_bytecode = true;
        if (env_set("MINIPYUNBUFFERED"))
            cfg.unbuffered = true;
        if (!cfg.pycache_prefix && env_set("MINIPYPYCACHEPREFIX"))
            cfg.pycache_prefix = getenv("MINIPYPYCACHEPREFIX");
        /* MINIPYPATH is read by vm_import_init. */
    }

    /* sys.argv: argv[0] as CPython sets it for each mode, then the rest. */
    int nargs = argc - i;
    char **sys_argv = malloc(sizeof(char *) * (size_t)(nargs + 2));
    if (!sys_argv)
        return 1;
    sys_argv[0] = mode == RUN_CMD      ? "-c"
                  : mode == RUN_MODULE ? "-m"
                  : mode == RUN_FILE   ? (char *)target
                  : dash               ? "-"
                                       : "";
    for (int k = 0; k < nargs; k++)
        sys_argv[k + 1] = argv[i + k];
    sys_argv[nargs + 1] = NULL;

    VM *vm = &the_vm;
    if (!vm_init(vm, &cfg, nargs + 1, sys_argv)) {
        if (vm->exc) {
            rt_print_exception(vm, vm->exc, stderr);
        }
        fprintf(stderr, "minipy: fatal error: cannot initialize the interpreter\n");
        return 1;
    }
    vm_repl_install_input(vm);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read or sleep returns to see it */
    sigaction(SIGINT, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);

    int status = 0;
    switch (mode) {
    case RUN_CMD:
        status = run_source(vm, target, strlen(target), "<string>", NULL);
        break;
    case RUN_MODULE:
        status = vm_run_module_as_main(vm, target) ? 0 : vm_handle_uncaught(vm);
        break;
    case RUN_FILE:
        status = run_file(vm, target);
        break;
    case RUN_STDIN:
        status = run_stdin(vm);
        break;
    case RUN_REPL:
        status = vm_repl(vm);
        break;
    }
    /* -i: the REPL after the program, in its namespace. */
    if (cfg.inspect && mode != RUN_REPL)
        status = vm_repl(vm);
    /* atexit callbacks, then __del__ of what is unreachable or still
     * alive, as CPython's teardown. */
    mp_atexit_run(vm);
    rt_gc_finalize_at_exit(vm);
    mp_io_flush_std(vm);
    if (cfg.gcstats)
        rt_gc_print_stats(vm, stderr);
    free(sys_argv);
    return status;
}
