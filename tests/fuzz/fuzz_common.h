/* tests/fuzz/fuzz_common.h — the one VM both fuzz targets share, created on
 * the first input and kept for the whole run (vm_init is far slower than one
 * parse), and the per-input bracket that keeps the heap from growing. */
#ifndef MINIPY_FUZZ_COMMON_H
#define MINIPY_FUZZ_COMMON_H
#include <stdio.h>
#include <stdlib.h>

#include "runtime/gc.h"
#include "vm/vm.h"

static VM *fuzz_vm(void)
{
    static VM vm;
    static bool ready;
    if (!ready) {
        VMConfig cfg = {0};
        char *argv[] = {"fuzz", NULL};
        if (!vm_init(&vm, &cfg, 1, argv)) {
            fprintf(stderr, "fuzz: vm_init failed\n");
            abort();
        }
        ready = true;
    }
    return &vm;
}

/* Objects made while an input is processed are rooted by the C stack that
 * holds them (runtime/gc.h); fuzz_end drops any leftover exception. */
static void fuzz_begin(VM *vm) { (void)vm; }

static void fuzz_end(VM *vm) { vm->exc = VNULL; }

#endif
