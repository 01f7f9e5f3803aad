/* tests/fuzz/fuzz_pyc.c — libFuzzer target: any bytes as a .pyc payload (the
 * part after the 32-byte header, vm/PYC_FORMAT.md), unmarshalled and, when
 * they give a code object, verified.  The promise under test: a damaged or
 * hostile .pyc yields a reason, never a crash.  (Running verified code is
 * the eval loop's side of that promise, not exercised here.) */
#include <stddef.h>
#include <stdint.h>

#include "runtime/code.h"
#include "vm/marshal.h"
#include "vm/verify.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    VM *vm = fuzz_vm();
    fuzz_begin(vm);
    const char *why = NULL;
    Value v = vm_marshal_load(vm, data, size, &why);
    if (v && v_is(v, &rt_code_type))
        (void)vm_verify_code(vm, (const Code *)v_obj(v));
    fuzz_end(vm);
    return 0;
}
