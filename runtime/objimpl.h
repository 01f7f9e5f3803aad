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
    size_t dictoffset;   /* where instances keep their Dict*, 0: none (or TF_VARDICT) */
    Type *native_base;   /* nearest static (builtin) base along t.base */
    struct ClassType **subs; /* direct subclasses (weak; malloc'd) */
    size_t nsubs, capsubs;
    struct ClassType **basev; /* the class bases (malloc'd), to unlink from their subs */
    size_t nbases;
    bool own_slots;      /* adds __slots__ members: a layout of its own (a "solid" base) */
    uint32_t var_members; /* str subclasses: member words in the instance's tail (own + inherited) */
    bool weakref;        /* instances have __weakref__ */
} ClassType;

/* A __slots__ member: a Value stored at `offset` in the instance. */
typedef struct Member {
    Obj hdr;
    Type *owner;
    Value name;
    size_t offset;  /* bytes from the start, or (var) the word index in the tail */
    bool var;       /* a member of a str subclass: it lives after the characters */
} Member;

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
    SW_BINOP, SW_RBINOP, SW_INPLACE, SW_UNARY, SW_NEW, SW_GET, SW_SET, SW_DELETE,
} SlotKind;

typedef struct SlotWrapper {
    Obj hdr;
    Type *owner;
    const char *name;
    uint16_t kind, op;
} SlotWrapper;

extern Type rt_getset_type, rt_slotwrapper_type, rt_member_type, rt_union_type;

/* object.__reduce_ex__, __reduce__, __getstate__ (objreduce.c). */
bool rt_object_reduce_init(VM *vm);

/* types.MappingProxyType (mappingproxy.c): a read-only view of a mapping. */
extern Type rt_mappingproxy_type;
Value rt_mappingproxy_new(VM *vm, Value mapping);
bool rt_mappingproxy_init(VM *vm);

/* types.GenericAlias (genericalias.c): origin[args]. */
extern Type rt_genericalias_type;
Value rt_generic_alias_new(VM *vm, Value origin, Value args);
bool rt_genericalias_init(VM *vm);

/* types.UnionType (unionobj.c); rt_union_or is in callable.h. */
Value rt_union_args(Value u); /* tuple */
bool rt_union_init(VM *vm);

/* object.__init__ and object.__new__ as stored in object's dict. */
extern Value rt_object_init_fn, rt_object_new_fn;

bool rt_descr_init(VM *vm);
bool rt_add_slot_wrappers(VM *vm, Type *t);
Value rt_object_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames);

/* An instance of t's builtin base turned into an instance of class t. */
Value rt_to_subclass(VM *vm, Value obj, Type *t);

/* Method cache over rt_lookup_type_attr (type.c). */
void rt_type_cache_clear(void);

/* Class creation (typenew.c): type.__new__(meta, name, bases, ns, **kw);
 * kwv/kwnames are the keyword arguments passed on to __init_subclass__. */
Value rt_type_new(VM *vm, Type *meta, Value name, Value bases, Value ns, Value *kwv, Value kwnames);
/* The most derived of meta and the metaclasses of bases (metaclass conflict: NULL). */
Type *rt_calculate_metaclass(VM *vm, Type *meta, Value bases);
/* Slots of class t from its base and the dunders of its MRO (type.c). */
void rt_type_reslot(VM *vm, Type *t);
void rt_type_new_version(Type *t);
bool rt_type_has_dict(Type *t);    /* instances have a __dict__ */
bool rt_type_has_weakref(Type *t); /* instances have a __weakref__ */
bool rt_type_same_layout(Type *a, Type *b); /* __class__ assignment allowed */
int rt_type_set_bases(VM *vm, Type *t, Value bases); /* C.__bases__ = bases */
/* The C3 linearisation of t (tuple), or a custom mro() of its metaclass. */
Value rt_type_compute_mro(VM *vm, Type *t);
Value rt_type_mro_list(VM *vm, Type *t); /* type.mro(t) */
/* Length of t's MRO (0 before the type is ready). */
static inline size_t rt_mro_len(Type *t) { return t->mro ? v_tuple(t->mro)->len : 0; }

static inline Value rt_bind(VM *vm, Value descr, Value obj, Type *owner)
{
    Type *dt = v_type(descr);
    return dt->descr_get ? dt->descr_get(vm, descr, obj, owner) : descr;
}

#endif
