/* tests/unit/oracle.h — what the runtime unit tests share: one VM per test
 * (Criterion's .init/.fini), python3 as the oracle for expected values (run
 * at test time, never typed by hand), and the printed form of a result. */
#ifndef MINIPY_TEST_ORACLE_H
#define MINIPY_TEST_ORACLE_H
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"
#include "vm/vm.h"

static VM vm;

static void setup(void)
{
    VMConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    char *argv[] = {"minipy", NULL};
    setlocale(LC_CTYPE, "C.UTF-8"); /* as main() does */
    cr_assert(vm_init(&vm, &cfg, 1, argv), "vm_init failed");
}

static void teardown(void) { vm_free(&vm); }

/* Run a python3 program; its whole stdout (a static buffer). */
static char *python(const char *prog)
{
    static char out[1 << 17];
    char path[] = "/tmp/minipy_oracle_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(prog, f);
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "python3 %s", path);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = 0;
    pclose(p);
    remove(path);
    return out;
}

/* repr of a result, or "!Type: message" for a raised exception. */
static const char *text(Value v)
{
    static char out[16][8192];
    static int k;
    k = (k + 1) & 15;
    if (!v) {
        Value line = vm.exc ? rt_exc_format_line(&vm, vm.exc) : VNULL;
        vm.exc = VNULL;
        snprintf(out[k], sizeof out[k], "!%s", line && v_is_str(line) ? v_cstr(line) : "<null>");
        return out[k];
    }
    Value r = rt_repr(&vm, v);
    snprintf(out[k], sizeof out[k], "%s", r ? v_cstr(r) : "<repr failed>");
    return out[k];
}

#endif
