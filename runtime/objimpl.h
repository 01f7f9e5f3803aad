/* runtime/objimpl.h — internals shared by the object-model files
 * (type.c, descr.c, abstract.c, func.c).  Not a contract for other areas. */
#ifndef MINIPY_OBJIMPL_H
#define MINIPY_OBJIMPL_H
#include "runtime/object.h"
#include "runtime/state.h"
#include "runtime/callable.h"

/* A class created by a class statement: a Type plus layout and bookkeeping
 * a static type does not need. */
typedef struct ClassType {
    Type t;
    size_t dictoffset;   /* where instances keep their Dict*, 0: none */
    Type *native_base;   /* nearest static (builtin) base */
    struct ClassType **subs; /* direct subclasses (weak; malloc'd) */
    size_t nsubs, capsubs;
} ClassType;

/* A C-implemented data descriptor (GetSetDef). */
typedef struct GetSet {
    Obj hdr;
    const GetSetDef *def;
    Type *owner;
} GetSet;

/* A dunder of a builtin type that calls one of its slots (CPython's
 * slot wrapper), e.g. int.__add__, object.__init__ is a plain native. */
typedef enum {
    SW_REPR, SW_STR, SW_HASH, SW_CMP, SW_BOOL, SW_LEN, SW_GETITEM, SW_SETITEM, SW_DELITEM,
    SW_ITER, SW_NEXT, SW_CONTAINS, SW_CALL, SW_SETATTR, SW_DELATTR, SW_GETATTRIBUTE,
    SW_BINOP, SW_RBINOP, SW_INPLACE, SW_UNARY, SW_NEW, SW_GET,
} SlotKind;

typedef struct SlotWrapper {
    Obj hdr;
    Type *owner;
    const char *name;
    uint16_t kind, op;
} SlotWrapper;

extern Type rt_getset_type, rt_slotwrapper_type;

/* object.__init__ and object.__new__ as stored in object's dict. */
extern Value rt_object_init_fn, rt_object_new_fn;

bool rt_descr_init(VM *vm);
bool rt_add_slot_wrappers(VM *vm, Type *t);
Value rt_object_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames);

/* An instance of t's builtin base turned into an instance of class t. */
Value rt_to_subclass(VM *vm, Value obj, Type *t);

/* Method cache over rt_lookup_type_attr (type.c). */
void rt_type_cache_clear(void);

static inline Value rt_bind(VM *vm, Value descr, Value obj, Type *owner)
{
    Type *dt = v_type(descr);
    return dt->descr_get ? dt->descr_get(vm, descr, obj, owner) : descr;
}

#endif
