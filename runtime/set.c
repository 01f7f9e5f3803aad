/* runtime/set.c — set and frozenset.
 *
 * The table follows CPython 3.11's Objects/setobject.c step by step (8
 * slots to start, LINEAR_PROBES = 9 then perturbation, the resize rule,
 * dummies that keep hash -1, reuse of the last dummy probed on insert, the
 * algorithms of union/intersection/difference), because iteration order is
 * visible: print({10, 5, 100}) must print what CPython prints.  Empty slots
 * have key VNULL and hash 0.  Obj.aux holds pop()'s search finger. */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define MINSIZE 8
#define FINGER_MASK 0x7fffffffu

Obj rt_set_dummy_obj;
#define DUMMY v_from(&rt_set_dummy_obj)

static inline bool is_anyset(Value v) { return v_isa(v, &rt_set_type) || v_isa(v, &rt_frozenset_type); }
static inline Set *v_set(Value v) { return (Set *)v_obj(v); }
static inline int64_t set_len(Set *s) { return (int64_t)s->used; }

/* ---- the table ---------------------------------------------------------------- */

static SetEntry *new_table(VM *vm, size_t size)
{
    if (size > SIZE_MAX / sizeof(SetEntry)) {
        rt_no_memory(vm);
        return NULL;
    }
    SetEntry *t = rt_malloc(vm, size * sizeof(SetEntry));
    if (t) memset(t, 0, size * sizeof(SetEntry));
    return t;
}

static void free_table(VM *vm, Set *s)
{
    if (s->table) rt_free(vm, s->table, (s->mask + 1) * sizeof(SetEntry));
    s->table = NULL;
}

static void insert_clean(SetEntry *table, size_t mask, Value key, int64_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    SetEntry *e;
    for (;;) {
        e = &table[i];
        if (!e->key) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    e->key = key;
    e->hash = hash;
}

static bool table_resize(VM *vm, Set *s, size_t minused)
{
    size_t newsize = MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    SetEntry *nt = new_table(vm, newsize), *old = s->table;
    if (!nt) return false;
    size_t oldmask = s->mask;
    for (size_t i = 0; i <= oldmask; i++) {
        Value k = old[i].key;
        if (k && k != DUMMY) insert_clean(nt, newsize - 1, k, old[i].hash);
    }
    rt_free(vm, old, (oldmask + 1) * sizeof(SetEntry));
    s->table = nt;
    s->mask = newsize - 1;
    s->fill = s->used;
    return true;
}

/* Equality of a table key with key (hashes equal).  -1 error. */
static inline int keys_equal(VM *vm, Value startkey, Value key) { return ct_key_eq(vm, startkey, key); }

static int add_entry(VM *vm, Set *s, Value key, int64_t hash)
{
    SetEntry *freeslot, *e;
    size_t perturb, mask, i;
restart:
    mask = s->mask;
    i = (size_t)hash & mask;
    freeslot = NULL;
    perturb = (size_t)hash;
    for (;;) {
        e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == VNULL) goto found_unused_or_dummy;
            if (e->hash == hash) {
                Value startkey = e->key;
                if (startkey == key) return 0;
                SetEntry *table = s->table;
                int cmp = keys_equal(vm, startkey, key);
                if (cmp > 0) return 0;
                if (cmp < 0) return -1;
                if (table != s->table || e->key != startkey) goto restart;
                mask = s->mask;
            } else if (e->hash == -1) {
                freeslot = e; /* CPython keeps the last dummy seen, not the first */
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    s->fill++;
    s->used++;
    e->key = key;
    e->hash = hash;
    if (s->fill * 5 < mask * 3) return 0;
    return table_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4) ? 0 : -1;
}

/* The entry holding key, or an empty entry (key VNULL); NULL on error. */
static SetEntry *lookkey(VM *vm, Set *s, Value key, int64_t hash)
{
restart:;
    size_t perturb = (size_t)hash, mask = s->mask, i = (size_t)hash & mask;
    for (;;) {
        SetEntry *e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == VNULL) return e;
            if (e->hash == hash) {
                Value startkey = e->key;
                if (startkey == key) return e;
                SetEntry *table = s->table;
                int cmp = keys_equal(vm, startkey, key);
                if (cmp < 0) return NULL;
                if (table != s->table || e->key != startkey) goto restart;
                if (cmp > 0) return e;
                mask = s->mask;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int contains_entry(VM *vm, Set *s, Value key, int64_t hash)
{
    SetEntry *e = lookkey(vm, s, key, hash);
    if (!e) return -1;
    return e->key != VNULL;
}

/* 1 found and removed, 0 absent, -1 error */
static int discard_entry(VM *vm, Set *s, Value key, int64_t hash)
{
    SetEntry *e = lookkey(vm, s, key, hash);
    if (!e) return -1;
    if (!e->key) return 0;
    e->key = DUMMY;
    e->hash = -1;
    s->used--;
    return 1;
}

bool rt_set_next(Set *s, size_t *pos, Value *key)
{
    for (size_t i = *pos; i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (k && k != DUMMY) {
            *key = k;
            *pos = i + 1;
            return true;
        }
    }
    *pos = s->mask + 1;
    return false;
}

static bool set_clear_internal(VM *vm, Set *s)
{
    SetEntry *t = new_table(vm, MINSIZE);
    if (!t) return false;
    free_table(vm, s);
    s->table = t;
    s->mask = MINSIZE - 1;
    s->fill = s->used = 0;
    return true;
}

/* ---- construction and update ---------------------------------------------------- */

Value rt_set_new(VM *vm, Type *type)
{
    Set *s = rt_alloc(vm, type, sizeof(Set));
    if (!s) return VNULL;
    s->hash = -1;
    s->table = new_table(vm, MINSIZE);
    if (!s->table) return VNULL;
    s->mask = MINSIZE - 1;
    return v_from(s);
}

/* A set argument used as a key (x in s, s.remove(x)) is looked up as the
 * equal frozenset, as CPython does. */
static int64_t key_hash(VM *vm, Value *key)
{
    int64_t h = ct_hash(vm, *key);
    if (h != -1 || !v_is(*key, &rt_set_type)) return h;
    if (!rt_exc_clear_if(vm, &rt_exc_TypeError)) return -1;
    Value f = rt_set_new(vm, &rt_frozenset_type);
    if (!f) return -1;
    Set *src = v_set(*key);
    for (size_t i = 0; i <= src->mask; i++) {
        Value k = src->table[i].key;
        if (k && k != DUMMY && add_entry(vm, v_set(f), k, src->table[i].hash) < 0) return -1;
    }
    *key = f;
    return ct_hash(vm, f);
}

bool rt_set_add(VM *vm, Value set, Value key)
{
    int64_t h = ct_hash(vm, key);
    if (h == -1) return false;
    return add_entry(vm, v_set(set), key, h) == 0;
}

int rt_set_contains(VM *vm, Value set, Value key)
{
    int64_t h = key_hash(vm, &key);
    if (h == -1) return -1;
    return contains_entry(vm, v_set(set), key, h);
}

static bool set_merge(VM *vm, Set *so, Set *other)
{
    if (so == other || other->used == 0) return true;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (!table_resize(vm, so, (so->used + other->used) * 2)) return false;
    }
    SetEntry *oe = other->table;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (size_t i = 0; i <= other->mask; i++)
            if (oe[i].key) so->table[i] = oe[i];
        so->fill = other->fill;
        so->used = other->used;
        return true;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++)
            if (oe[i].key && oe[i].key != DUMMY) insert_clean(so->table, so->mask, oe[i].key, oe[i].hash);
        return true;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        Value k = other->table[i].key;
        if (k && k != DUMMY && add_entry(vm, so, k, other->table[i].hash) < 0) return false;
    }
    return true;
}

static bool set_update_internal(VM *vm, Set *so, Value other)
{
    if (is_anyset(other)) return set_merge(vm, so, v_set(other));
    if (v_is(other, &rt_dict_type)) {
        Dict *d = v_dict(other);
        if ((so->fill + d->used) * 5 >= so->mask * 3) {
            if (!table_resize(vm, so, (so->used + d->used) * 2)) return false;
        }
        for (size_t i = 0; i < d->nentries; i++) {
            DictEntry e = d->entries[i];
            if (e.key && add_entry(vm, so, e.key, e.hash) < 0) return false;
        }
        return true;
    }
    if (v_is(other, &rt_list_type) || v_is(other, &rt_tuple_type)) {
        for (size_t i = 0;; i++) {
            Value k;
            if (v_is(other, &rt_list_type)) {
                if (i >= v_list(other)->len) break;
                k = v_list(other)->items[i];
            } else {
                if (i >= v_tuple(other)->len) break;
                k = v_tuple(other)->items[i];
            }
            int64_t h = ct_hash(vm, k);
            if (h == -1 || add_entry(vm, so, k, h) < 0) return false;
        }
        return true;
    }
    Value it = rt_iter(vm, other);
    if (!it) return false;
    for (;;) {
        Value k = rt_next(vm, it);
        if (!k) return vm->exc == VNULL;
        int64_t h = ct_hash(vm, k);
        if (h == -1 || add_entry(vm, so, k, h) < 0) return false;
    }
}

Value ct_set_from_iterable(VM *vm, Type *type, Value iterable)
{
    Value s = rt_set_new(vm, type);
    if (!s) return VNULL;
    if (iterable && !set_update_internal(vm, v_set(s), iterable)) return VNULL;
    return s;
}

bool rt_set_update(VM *vm, Value set, Value iterable) { return set_update_internal(vm, v_set(set), iterable); }

Value rt_frozenset_const(VM *vm, size_t n, const Value *items)
{
    Value f1 = rt_set_new(vm, &rt_frozenset_type);
    if (!f1) return VNULL;
    for (size_t i = 0; i < n; i++)
        if (!rt_set_add(vm, f1, items[i])) return VNULL;
    Value f2 = rt_set_new(vm, &rt_frozenset_type);
    if (!f2) return VNULL;
    Set *s = v_set(f1);
    for (size_t i = 0; i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (k && k != DUMMY && add_entry(vm, v_set(f2), k, s->table[i].hash) < 0) return VNULL;
    }
    return f2;
}

/* make_new_set_basetype(Py_TYPE(so), so) */
/* Results of set operations have the builtin type (CPython's make_new_set_basetype). */
static Type *base_set_type(Value so)
{
    return v_isa(so, &rt_frozenset_type) ? &rt_frozenset_type : &rt_set_type;
}

static Value set_copy_of(VM *vm, Value so) { return ct_set_from_iterable(vm, base_set_type(so), so); }

/* ---- algebra (CPython's algorithms, for identical iteration order) -------------- */

static Value set_intersection(VM *vm, Value so, Value other)
{
    if (so == other) return set_copy_of(vm, so);
    Value result = rt_set_new(vm, base_set_type(so));
    if (!result) return VNULL;
    if (is_anyset(other)) {
        Set *a = v_set(so), *b = v_set(other);
        if (b->used > a->used) {
            Set *t = a;
            a = b;
            b = t;
        }
        for (size_t i = 0; i <= b->mask; i++) {
            Value k = b->table[i].key;
            if (!k || k == DUMMY) continue;
            int64_t h = b->table[i].hash;
            int r = contains_entry(vm, a, k, h);
            if (r < 0) return VNULL;
            if (r && add_entry(vm, v_set(result), k, h) < 0) return VNULL;
        }
        return result;
    }
    Value it = rt_iter(vm, other);
    if (!it) return VNULL;
    for (;;) {
        Value k = rt_next(vm, it);
        if (!k) return vm->exc ? VNULL : result;
        int64_t h = ct_hash(vm, k);
        if (h == -1) return VNULL;
        int r = contains_entry(vm, v_set(so), k, h);
        if (r < 0) return VNULL;
        if (r && add_entry(vm, v_set(result), k, h) < 0) return VNULL;
    }
}

static void swap_bodies(Set *a, Set *b)
{
    Set t = *a;
    a->used = b->used;
    a->fill = b->fill;
    a->mask = b->mask;
    a->table = b->table;
    a->hash = -1;
    b->used = t.used;
    b->fill = t.fill;
    b->mask = t.mask;
    b->table = t.table;
    b->hash = -1;
}

static bool set_intersection_update(VM *vm, Value so, Value other)
{
    Value tmp = set_intersection(vm, so, other);
    if (!tmp) return false;
    swap_bodies(v_set(so), v_set(tmp));
    return true;
}

static bool set_difference_update_internal(VM *vm, Value so, Value other)
{
    Set *s = v_set(so);
    if (so == other) return set_clear_internal(vm, s);
    if (is_anyset(other)) {
        if ((size_t)(v_set(other)->used >> 3) > s->used) {
            other = set_intersection(vm, so, other);
            if (!other) return false;
        }
        Set *o = v_set(other);
        for (size_t i = 0; i <= o->mask; i++) {
            Value k = o->table[i].key;
            if (k && k != DUMMY && discard_entry(vm, s, k, o->table[i].hash) < 0) return false;
        }
    } else {
        Value it = rt_iter(vm, other);
        if (!it) return false;
        for (;;) {
            Value k = rt_next(vm, it);
            if (!k) {
                if (vm->exc) return false;
                break;
            }
            int64_t h = ct_hash(vm, k);
            if (h == -1 || discard_entry(vm, s, k, h) < 0) return false;
        }
    }
    /* More than 1/4 dummies: resize them away. */
    if ((size_t)(s->fill - s->used) <= s->mask / 4) return true;
    return table_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static Value set_copy_and_difference(VM *vm, Value so, Value other)
{
    Value r = set_copy_of(vm, so);
    if (!r || !set_difference_update_internal(vm, r, other)) return VNULL;
    return r;
}

static Value set_difference(VM *vm, Value so, Value other)
{
    size_t other_size;
    bool is_dict = v_is(other, &rt_dict_type);
    if (is_anyset(other)) other_size = v_set(other)->used;
    else if (is_dict) other_size = v_dict(other)->used;
    else return set_copy_and_difference(vm, so, other);
    Set *s = v_set(so);
    if ((s->used >> 2) > other_size) return set_copy_and_difference(vm, so, other);
    Value result = rt_set_new(vm, base_set_type(so));
    if (!result) return VNULL;
    for (size_t i = 0; i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (!k || k == DUMMY) continue;
        int64_t h = s->table[i].hash;
        int r;
        if (is_dict) {
            bool err;
            Value v = rt_dict_get(vm, v_dict(other), k, &err);
            r = err ? -1 : v != VNULL;
        } else {
            r = contains_entry(vm, v_set(other), k, h);
        }
        if (r < 0) return VNULL;
        if (!r && add_entry(vm, v_set(result), k, h) < 0) return VNULL;
    }
    return result;
}

static bool set_symmetric_difference_update(VM *vm, Value so, Value other)
{
    Set *s = v_set(so);
    if (so == other) return set_clear_internal(vm, s);
    if (v_is(other, &rt_dict_type)) {
        Dict *d = v_dict(other);
        for (size_t i = 0; i < d->nentries; i++) {
            DictEntry e = d->entries[i];
            if (!e.key) continue;
            int r = discard_entry(vm, s, e.key, e.hash);
            if (r < 0) return false;
            if (r == 0 && add_entry(vm, s, e.key, e.hash) < 0) return false;
        }
        return true;
    }
    Value os = other;
    if (!is_anyset(other)) {
        os = ct_set_from_iterable(vm, base_set_type(so), other);
        if (!os) return false;
    }
    Set *o = v_set(os);
    for (size_t i = 0; i <= o->mask; i++) {
        Value k = o->table[i].key;
        if (!k || k == DUMMY) continue;
        int64_t h = o->table[i].hash;
        int r = discard_entry(vm, s, k, h);
        if (r < 0) return false;
        if (r == 0 && add_entry(vm, s, k, h) < 0) return false;
    }
    return true;
}

static Value set_symmetric_difference(VM *vm, Value so, Value other)
{
    Value r = ct_set_from_iterable(vm, base_set_type(so), other);
    if (!r || !set_symmetric_difference_update(vm, r, so)) return VNULL;
    return r;
}

static Value set_union2(VM *vm, Value so, Value other)
{
    Value r = set_copy_of(vm, so);
    if (!r) return VNULL;
    if (so == other) return r;
    return set_update_internal(vm, v_set(r), other) ? r : VNULL;
}

static int set_issubset(VM *vm, Value so, Value other)
{
    if (!is_anyset(other)) {
        Value tmp = ct_set_from_iterable(vm, &rt_set_type, other);
        if (!tmp) return -1;
        other = tmp;
    }
    Set *s = v_set(so), *o = v_set(other);
    if (s->used > o->used) return 0;
    for (size_t i = 0; i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (!k || k == DUMMY) continue;
        int r = contains_entry(vm, o, k, s->table[i].hash);
        if (r <= 0) return r;
    }
    return 1;
}

static int set_issuperset(VM *vm, Value so, Value other)
{
    if (is_anyset(other)) return set_issubset(vm, other, so);
    Value it = rt_iter(vm, other);
    if (!it) return -1;
    for (;;) {
        Value k = rt_next(vm, it);
        if (!k) return vm->exc ? -1 : 1;
        int r = rt_set_contains(vm, so, k);
        if (r <= 0) return r;
    }
}

static int set_isdisjoint(VM *vm, Value so, Value other)
{
    if (so == other) return v_set(so)->used == 0;
    if (is_anyset(other)) {
        Set *a = v_set(so), *b = v_set(other);
        if (b->used > a->used) {
            Set *t = a;
            a = b;
            b = t;
        }
        for (size_t i = 0; i <= b->mask; i++) {
            Value k = b->table[i].key;
            if (!k || k == DUMMY) continue;
            int r = contains_entry(vm, a, k, b->table[i].hash);
            if (r) return r < 0 ? -1 : 0;
        }
        return 1;
    }
    Value it = rt_iter(vm, other);
    if (!it) return -1;
    for (;;) {
        Value k = rt_next(vm, it);
        if (!k) return vm->exc ? -1 : 1;
        int64_t h = ct_hash(vm, k);
        if (h == -1) return -1;
        int r = contains_entry(vm, v_set(so), k, h);
        if (r) return r < 0 ? -1 : 0;
    }
}

Value ct_set_binop(VM *vm, BinOp op, Value a, Value b)
{
    switch (op) {
    case BIN_OR: return set_union2(vm, a, b);
    case BIN_AND: return set_intersection(vm, a, b);
    case BIN_SUB: return set_difference(vm, a, b);
    case BIN_XOR: return set_symmetric_difference(vm, a, b);
    default: return rt_NotImplemented;
    }
}

/* ---- slots ---------------------------------------------------------------------- */

static void set_trace(VM *vm, Obj *o)
{
    Set *s = (Set *)o;
    if (!s->table) return;
    for (size_t i = 0; i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (k && k != DUMMY) rt_gc_mark(vm, k);
    }
}

static void set_finalize(VM *vm, Obj *o) { free_table(vm, (Set *)o); }

static Value set_repr(VM *vm, Value v)
{
    Set *s = v_set(v);
    /* Only an exact set prints as a display: "frozenset({1})", "S({1})". */
    bool frozen = !v_is(v, &rt_set_type);
    const char *name = v_type(v)->name;
    if (s->used == 0) return rt_str_printf(vm, "%s()", name);
    if (s->hdr.aux & CT_REPR_BIT) return rt_str_printf(vm, "%s(...)", name);
    if (!rt_enter_c(vm, " while getting the repr of an object")) return VNULL;
    s->hdr.aux |= CT_REPR_BIT;
    Value keys = rt_list_new(vm, s->used);
    bool ok = keys != VNULL;
    for (size_t i = 0; ok && i <= s->mask; i++) {
        Value k = s->table[i].key;
        if (k && k != DUMMY) ok = rt_list_append(vm, keys, k);
    }
    StrBuf b;
    sb_init(&b);
    if (ok && frozen) ok = sb_adds(vm, &b, name) && sb_addc(vm, &b, '(');
    ok = ok && sb_addc(vm, &b, '{');
    for (size_t i = 0; ok && i < v_list(keys)->len; i++) {
        if (i > 0) ok = sb_add(vm, &b, ", ", 2);
        Value r = ok ? rt_repr(vm, v_list(keys)->items[i]) : VNULL;
        ok = r && sb_add_value_str(vm, &b, r);
    }
    ok = ok && sb_addc(vm, &b, '}');
    if (ok && frozen) ok = sb_addc(vm, &b, ')');
    s->hdr.aux &= ~CT_REPR_BIT;
    rt_leave_c(vm);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

static int64_t frozenset_hash(VM *vm, Value v)
{
    Set *s = v_set(v);
    if (s->hash != -1) return s->hash;
    uint64_t hash = 0;
    for (size_t i = 0; i <= s->mask; i++) hash ^= shuffle_bits((uint64_t)s->table[i].hash);
    if ((s->mask + 1 - s->fill) & 1) hash ^= shuffle_bits(0);
    if ((s->fill - s->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)s->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    s->hash = (int64_t)hash;
    return s->hash;
}

static Value set_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    if (!is_anyset(a) || !is_anyset(b)) return rt_NotImplemented;
    Set *x = v_set(a), *y = v_set(b);
    int r;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        if (x->used != y->used) r = 0;
        else if (v_is(a, &rt_frozenset_type) && v_is(b, &rt_frozenset_type) && x->hash != -1 &&
                 y->hash != -1 && x->hash != y->hash)
            r = 0;
        else r = set_issubset(vm, a, b);
        if (r < 0) return VNULL;
        return rt_bool(op == CMP_EQ ? r : !r);
    case CMP_LE: r = set_issubset(vm, a, b); break;
    case CMP_GE: r = set_issuperset(vm, a, b); break;
    case CMP_LT: r = x->used < y->used ? set_issubset(vm, a, b) : 0; break;
    default: r = x->used > y->used ? set_issuperset(vm, a, b) : 0; break;
    }
    if (r < 0) return VNULL;
    return rt_bool(r);
}

static int64_t set_len_slot(VM *vm, Value v) { return set_len(v_set(v)); }

static int set_contains_slot(VM *vm, Value o, Value key) { return rt_set_contains(vm, o, key); }

static Value set_iter(VM *vm, Value v);

static Value set_binop_or(VM *vm, Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b)) return rt_NotImplemented;
    return set_union2(vm, a, b);
}

static Value set_binop_and(VM *vm, Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b)) return rt_NotImplemented;
    return set_intersection(vm, a, b);
}

static Value set_binop_sub(VM *vm, Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b)) return rt_NotImplemented;
    return set_difference(vm, a, b);
}

static Value set_binop_xor(VM *vm, Value a, Value b)
{
    if (!is_anyset(a) || !is_anyset(b)) return rt_NotImplemented;
    return set_symmetric_difference(vm, a, b);
}

static Value set_ior(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_set_type) || !is_anyset(b)) return rt_NotImplemented;
    return set_update_internal(vm, v_set(a), b) ? a : VNULL;
}

static Value set_iand(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_set_type) || !is_anyset(b)) return rt_NotImplemented;
    return set_intersection_update(vm, a, b) ? a : VNULL;
}

static Value set_isub(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_set_type) || !is_anyset(b)) return rt_NotImplemented;
    return set_difference_update_internal(vm, a, b) ? a : VNULL;
}

static Value set_ixor(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_set_type) || !is_anyset(b)) return rt_NotImplemented;
    return set_symmetric_difference_update(vm, a, b) ? a : VNULL;
}

static Value set_new_slot(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nokw(vm, type->name, kwnames)) return VNULL;
    if (!ct_nargs(vm, type->name, argc, 0, 1)) return VNULL;
    if (type == &rt_frozenset_type && argc == 1 && v_is(argv[0], &rt_frozenset_type)) return argv[0];
    return ct_set_from_iterable(vm, type, argc ? argv[0] : VNULL);
}

/* ---- methods -------------------------------------------------------------------- */

#define ANYSELF(meth) CT_SELF2(&rt_set_type, &rt_frozenset_type, meth)
#define SETSELF(meth) CT_SELF(&rt_set_type, meth)
#define SELF v_set(argv[0])

/* METH_O messages name the defining type: "frozenset.issubset() takes exactly one argument". */
static bool any_onearg(VM *vm, Value self, const char *meth, int n)
{
    char q[64];
    snprintf(q, sizeof q, "%s.%s", rt_isinstance_type(self, &rt_frozenset_type) ? "frozenset" : "set", meth);
    return ct_onearg(vm, q, n);
}

static Value m_add(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("add");
    if (!ct_onearg(vm, "set.add", argc - 1)) return VNULL;
    return rt_set_add(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

static Value m_remove(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("remove");
    if (!ct_onearg(vm, "set.remove", argc - 1)) return VNULL;
    Value key = argv[1];
    int64_t h = key_hash(vm, &key);
    if (h == -1) return VNULL;
    int r = discard_entry(vm, SELF, key, h);
    if (r < 0) return VNULL;
    if (r == 0) return rt_raise_str(vm, &rt_exc_KeyError, argv[1]);
    return rt_None;
}

static Value m_discard(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("discard");
    if (!ct_onearg(vm, "set.discard", argc - 1)) return VNULL;
    Value key = argv[1];
    int64_t h = key_hash(vm, &key);
    if (h == -1) return VNULL;
    return discard_entry(vm, SELF, key, h) < 0 ? VNULL : rt_None;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("pop");
    if (!ct_noargs(vm, "set.pop", argc - 1)) return VNULL;
    Set *s = SELF;
    if (s->used == 0) return rt_raise(vm, &rt_exc_KeyError, "pop from an empty set");
    size_t i = (s->hdr.aux & FINGER_MASK) & s->mask;
    while (!s->table[i].key || s->table[i].key == DUMMY) {
        i++;
        if (i > s->mask) i = 0;
    }
    Value k = s->table[i].key;
    s->table[i].key = DUMMY;
    s->table[i].hash = -1;
    s->used--;
    s->hdr.aux = (s->hdr.aux & ~FINGER_MASK) | ((uint32_t)(i + 1) & FINGER_MASK);
    return k;
}

static Value m_clear(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("clear");
    if (!ct_noargs(vm, "set.clear", argc - 1)) return VNULL;
    return set_clear_internal(vm, SELF) ? rt_None : VNULL;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("copy");
    if (!ct_noargs(vm, v_isa(argv[0], &rt_set_type) ? "set.copy" : "frozenset.copy", argc - 1)) return VNULL;
    if (v_is(argv[0], &rt_frozenset_type)) return argv[0];
    return set_copy_of(vm, argv[0]);
}

/* (type(self), (list(self),), self.__dict__ or None): what copy and pickle use. */
static Value m_reduce(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("__reduce__");
    if (!ct_noargs(vm, "__reduce__", argc - 1)) return VNULL;
    Value items = rt_list_from_iter(vm, argv[0]);
    Value args = items ? rt_tuple_pack(vm, 1, items) : VNULL;
    if (!args) return VNULL;
    Dict **dp = rt_instance_dict_ptr(argv[0]);
    Value state = dp && *dp ? v_from(*dp) : rt_None;
    return rt_tuple_pack(vm, 3, v_from(v_type(argv[0])), args, state);
}

static Value m_update(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("update");
    for (int i = 1; i < argc; i++)
        if (!set_update_internal(vm, SELF, argv[i])) return VNULL;
    return rt_None;
}

static Value m_union(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("union");
    Value r = set_copy_of(vm, argv[0]);
    if (!r) return VNULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i] == argv[0]) continue;
        if (!set_update_internal(vm, v_set(r), argv[i])) return VNULL;
    }
    return r;
}

static Value m_intersection(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("intersection");
    if (argc == 1) return set_copy_of(vm, argv[0]);
    Value r = argv[0];
    for (int i = 1; i < argc; i++) {
        r = set_intersection(vm, r, argv[i]);
        if (!r) return VNULL;
    }
    return r;
}

static Value m_intersection_update(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("intersection_update");
    Value r = argv[0];
    for (int i = 1; i < argc; i++) {
        r = set_intersection(vm, r, argv[i]);
        if (!r) return VNULL;
    }
    if (r != argv[0]) swap_bodies(SELF, v_set(r));
    return rt_None;
}

static Value m_difference(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("difference");
    if (argc == 1) return set_copy_of(vm, argv[0]);
    Value r = set_difference(vm, argv[0], argv[1]);
    for (int i = 2; r && i < argc; i++)
        if (!set_difference_update_internal(vm, r, argv[i])) return VNULL;
    return r;
}

static Value m_difference_update(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("difference_update");
    for (int i = 1; i < argc; i++)
        if (!set_difference_update_internal(vm, argv[0], argv[i])) return VNULL;
    return rt_None;
}

static Value m_symmetric_difference(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("symmetric_difference");
    if (!any_onearg(vm, argv[0], "symmetric_difference", argc - 1)) return VNULL;
    return set_symmetric_difference(vm, argv[0], argv[1]);
}

static Value m_symmetric_difference_update(VM *vm, int argc, Value *argv, Value kw)
{
    SETSELF("symmetric_difference_update");
    if (!any_onearg(vm, argv[0], "symmetric_difference_update", argc - 1)) return VNULL;
    return set_symmetric_difference_update(vm, argv[0], argv[1]) ? rt_None : VNULL;
}

static Value bool_result(int r) { return r < 0 ? VNULL : rt_bool(r); }

static Value m_issubset(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("issubset");
    if (!any_onearg(vm, argv[0], "issubset", argc - 1)) return VNULL;
    return bool_result(set_issubset(vm, argv[0], argv[1]));
}

static Value m_issuperset(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("issuperset");
    if (!any_onearg(vm, argv[0], "issuperset", argc - 1)) return VNULL;
    return bool_result(set_issuperset(vm, argv[0], argv[1]));
}

static Value m_isdisjoint(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("isdisjoint");
    if (!any_onearg(vm, argv[0], "isdisjoint", argc - 1)) return VNULL;
    return bool_result(set_isdisjoint(vm, argv[0], argv[1]));
}

static Value m_contains(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("__contains__");
    if (!ct_onearg(vm, "set.__contains__", argc - 1)) return VNULL;
    return bool_result(rt_set_contains(vm, argv[0], argv[1]));
}

static Value m_len(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("__len__");
    if (!ct_noargs(vm, "set.__len__", argc - 1)) return VNULL;
    return v_from_small(set_len(SELF));
}

static Value m_iter(VM *vm, int argc, Value *argv, Value kw)
{
    ANYSELF("__iter__");
    if (!ct_noargs(vm, "set.__iter__", argc - 1)) return VNULL;
    return set_iter(vm, argv[0]);
}

static const NativeDef set_methods[] = {
    {"add", m_add, 0},
    {"remove", m_remove, 0},
    {"discard", m_discard, 0},
    {"pop", m_pop, 0},
    {"clear", m_clear, 0},
    {"copy", m_copy, 0},
    {"__reduce__", m_reduce, 0},
    {"update", m_update, 0},
    {"union", m_union, 0},
    {"intersection", m_intersection, 0},
    {"intersection_update", m_intersection_update, 0},
    {"difference", m_difference, 0},
    {"difference_update", m_difference_update, 0},
    {"symmetric_difference", m_symmetric_difference, 0},
    {"symmetric_difference_update", m_symmetric_difference_update, 0},
    {"issubset", m_issubset, 0},
    {"issuperset", m_issuperset, 0},
    {"isdisjoint", m_isdisjoint, 0},
    {"__contains__", m_contains, 0},
    {"__len__", m_len, 0},
    {"__iter__", m_iter, 0},
    {NULL, NULL, 0},
};

static const NativeDef frozenset_methods[] = {
    {"copy", m_copy, 0},
    {"__reduce__", m_reduce, 0},
    {"union", m_union, 0},
    {"intersection", m_intersection, 0},
    {"difference", m_difference, 0},
    {"symmetric_difference", m_symmetric_difference, 0},
    {"issubset", m_issubset, 0},
    {"issuperset", m_issuperset, 0},
    {"isdisjoint", m_isdisjoint, 0},
    {"__contains__", m_contains, 0},
    {"__len__", m_len, 0},
    {"__iter__", m_iter, 0},
    {NULL, NULL, 0},
};

/* ---- iterator --------------------------------------------------------------------- */

typedef struct SetIter {
    Obj hdr;
    Value set;    /* VNULL once exhausted */
    size_t pos;
    size_t used;  /* size at creation */
} SetIter;

static void setiter_trace(VM *vm, Obj *o) { rt_gc_mark(vm, ((SetIter *)o)->set); }

static Value setiter_next(VM *vm, Value v)
{
    SetIter *it = (SetIter *)v_obj(v);
    if (!it->set) return VNULL;
    Set *s = v_set(it->set);
    if (s->used != it->used) {
        it->used = SIZE_MAX;
        return rt_raise(vm, &rt_exc_RuntimeError, "Set changed size during iteration");
    }
    Value k;
    if (rt_set_next(s, &it->pos, &k)) return k;
    it->set = VNULL;
    return VNULL;
}

static Type setiter_type = {
    .name = "set_iterator",
    .instance_size = sizeof(SetIter),
    .trace = setiter_trace,
    .iter = ct_iter_self,
    .next = setiter_next,
};

static Value set_iter(VM *vm, Value v)
{
    SetIter *it = rt_alloc(vm, &setiter_type, sizeof(SetIter));
    if (!it) return VNULL;
    it->set = v;
    it->used = v_set(v)->used;
    return v_from(it);
}

Type rt_set_type = {
    .name = "set",
    .instance_size = sizeof(Set),
    .trace = set_trace,
    .finalize = set_finalize,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .binop = {[BIN_OR] = set_binop_or, [BIN_AND] = set_binop_and, [BIN_SUB] = set_binop_sub,
              [BIN_XOR] = set_binop_xor},
    .inplace = {[BIN_OR] = set_ior, [BIN_AND] = set_iand, [BIN_SUB] = set_isub, [BIN_XOR] = set_ixor},
    .new = set_new_slot,
};

Type rt_frozenset_type = {
    .name = "frozenset",
    .instance_size = sizeof(Set),
    .trace = set_trace,
    .finalize = set_finalize,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .binop = {[BIN_OR] = set_binop_or, [BIN_AND] = set_binop_and, [BIN_SUB] = set_binop_sub,
              [BIN_XOR] = set_binop_xor},
    .new = set_new_slot,
};

bool ct_set_init(VM *vm)
{
    rt_static_init(&rt_set_dummy_obj, &rt_object_type);
    return rt_type_ready(vm, &rt_set_type) && rt_add_methods(vm, &rt_set_type, set_methods) &&
           rt_type_ready(vm, &rt_frozenset_type) &&
           rt_add_methods(vm, &rt_frozenset_type, frozenset_methods) && rt_type_ready(vm, &setiter_type);
}
