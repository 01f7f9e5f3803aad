/* stdlib/structseq.h — CPython's "struct sequence" types (os.stat_result,
 * posix.uname_result, os.terminal_size...): a tuple of the first
 * `nvisible` fields that also names them as read-only attributes, with the
 * remaining fields reachable by name only.  Built as a class deriving from
 * tuple, so every tuple operation applies to it unchanged; the hidden fields
 * sit in the instance's dict.  (stdlib/structseq.c) */
#ifndef MINIPY_STRUCTSEQ_H
#define MINIPY_STRUCTSEQ_H
#include "runtime/callable.h"
#include "runtime/state.h"

typedef struct StructSeqDesc {
    const char *module;          /* __module__: "os", "posix" */
    const char *name;            /* __name__: "stat_result" */
    const char *const *fields;   /* every field in order; "" marks an unnamed one */
    int nfields, nvisible;
    /* T(sequence) with hidden fields left None may fill them (stat_result
     * copies its int times into the float ones), or NULL. */
    void (*complete)(Value *values);
} StructSeqDesc;

/* The class for desc (made once per VM; the caller stores it in its module). */
Value mp_structseq_type(VM *vm, const StructSeqDesc *desc);
/* An instance of cls (from mp_structseq_type) holding values[0 .. nfields). */
Value mp_structseq_new(VM *vm, Value cls, const Value *values);

#endif
