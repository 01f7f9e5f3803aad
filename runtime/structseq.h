/* runtime/structseq.h — CPython's "struct sequence" types (time.struct_time,
 * os.stat_result, ...): a tuple subclass whose first n_in_sequence fields
 * are the tuple's items and which has named read-only attributes for every
 * field, including the extra ones that are not part of the tuple
 * (struct_time's tm_zone and tm_gmtoff).  (runtime/structseq.c) */
#ifndef MINIPY_STRUCTSEQ_H
#define MINIPY_STRUCTSEQ_H
#include "runtime/object.h"

typedef struct RtStructSeqDesc {
    const char *name;           /* "module.name", e.g. "time.struct_time" */
    const char *doc;            /* __doc__, or NULL */
    const char *const *fields;  /* every field's name, NULL-terminated */
    int n_in_sequence;          /* how many of them the tuple holds */
} RtStructSeqDesc;

/* A new structseq class: struct_time(sequence, dict=None) with CPython's
 * length checks and messages, n_sequence_fields / n_fields /
 * n_unnamed_fields, __match_args__, a repr naming the tuple's fields, and
 * __reduce__.  Callers keep the type (a module attribute). */
Value rt_structseq_type_new(VM *vm, const RtStructSeqDesc *desc);
/* An instance of such a type from values for all of its fields. */
Value rt_structseq_new(VM *vm, Value type, const Value *values);

#endif
