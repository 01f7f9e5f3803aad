/* runtime/dict.c — the compact, insertion-ordered dict (as CPython's since
 * 3.6): `index` is an open-addressed table of int32 positions into the
 * dense `entries` array.  Deleted entries keep their place (key VNULL) until
 * the next resize compacts them.  The probe sequence is CPython's
 * (i = 5*i + 1 + perturb, perturb >>= 5).
 *
 * Entry positions are stable while `version` is unchanged: version is
 * bumped on insertion of a new key, on deletion and on clear, never on a
 * value update, so the eval loop may cache (dict, version, position).
 * Views and iterators are in runtime/dictview.c. */
#include <stdio.h>
#include <string.h>
#include "runtime/containers_int.h"

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define PERTURB_SHIFT 5
#define MIN_LOG2 3

static inline size_t dict_mask(Dict *d) { return ((size_t)1 << d->log2size) - 1; }
static inline size_t usable_for(uint8_t log2) { return (((size_t)1 << log2) << 1) / 3; }

/* A table is one block: `cap` entries, then the index (d->index points
 * into it), so a dict costs one malloc, not two.  Dicts made by
 * rt_dict_alloc (instance, module and keyword dicts, displays) have room
 * for the smallest table right after the Dict (DICT_INLINE in aux): most
 * instance dicts never need a malloc at all.  dict() itself (dict_new)
 * allocates none, as its result may be re-homed into a subclass instance by
 * copying the struct (rt_to_subclass), which must not point into the
 * original. */
#define DICT_INLINE 0x40000000u
#define INLINE_CAP 5 /* usable_for(MIN_LOG2) */
static inline size_t table_bytes(size_t cap, uint8_t log2)
{
    return cap * sizeof(DictEntry) + ((size_t)1 << log2) * sizeof(int32_t);
}
#define INLINE_BYTES (INLINE_CAP * sizeof(DictEntry) + ((size_t)1 << MIN_LOG2) * sizeof(int32_t))
static inline DictEntry *inline_table(Dict *d) { return (DictEntry *)(d + 1); }

/* ---- table management --------------------------------------------------------- */

static void release_table(VM *vm, Dict *d)
{
    if (d->entries && d->entries != inline_table(d))
        rt_free(vm, d->entries, table_bytes(d->cap, d->log2size));
}

static void free_tables(VM *vm, Dict *d)
{
    release_table(vm, d);
    d->index = NULL;
    d->entries = NULL;
    d->cap = d->nentries = d->used = 0;
    d->log2size = 0;
}

/* Slot in a fresh index for hash (no comparisons: every key is distinct). */
static inline size_t empty_slot(const int32_t *index, size_t mask, int64_t hash)
{
    size_t i = (size_t)hash & mask, perturb = (size_t)hash;
    while (index[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Rebuild with an index of 1 << log2 slots, compacting out deleted
 * entries. */
static bool dict_resize_log2(VM *vm, Dict *d, uint8_t log2)
{
    if (log2 > 30) {
        rt_no_memory(vm);
        return false;
    }
    size_t size = (size_t)1 << log2, cap = usable_for(log2);
    DictEntry *old = d->entries, *entries;
    DictEntry saved[INLINE_CAP];
    if (log2 == MIN_LOG2 && (d->hdr.aux & DICT_INLINE)) {
        entries = inline_table(d);
        if (old == entries) {
            /* Compacting the inline table into itself. */
            memcpy(saved, old, d->nentries * sizeof(DictEntry));
            old = saved;
        }
    } else {
        entries = rt_malloc(vm, table_bytes(cap, log2));
        if (!entries) return false;
    }
    int32_t *index = (int32_t *)(entries + cap);
    memset(index, 0xff, size * sizeof(int32_t)); /* all IX_EMPTY */
    size_t n = 0, mask = size - 1;
    for (size_t i = 0; i < d->nentries; i++) {
        DictEntry *e = &old[i];
        if (!e->key) continue;
        entries[n] = *e;
        index[empty_slot(index, mask, e->hash)] = (int32_t)n;
        n++;
    }
    if (d->entries != entries) release_table(vm, d);
    d->index = index;
    d->entries = entries;
    d->log2size = log2;
    d->cap = cap;
    d->nentries = n;
    d->used = n;
    return true;
}

/* Room for at least `minused` live entries. */
static bool dict_resize(VM *vm, Dict *d, size_t minused)
{
    uint8_t log2 = MIN_LOG2;
    while (usable_for(log2) < minused) log2++;
    return dict_resize_log2(vm, d, log2);
}

/* Find key: its entry position, or -1 (absent) / -2 (error).  *slotp gets
 * the index slot holding it. */
static int64_t lookup(VM *vm, Dict *d, Value key, int64_t hash, size_t *slotp)
{
restart:
    if (!d->index) return -1;
    size_t mask = dict_mask(d), i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            Value k = e->key;
            if (k == key) {
                if (slotp) *slotp = i;
                return ix;
            }
            if (e->hash == hash) {
                DictEntry *entries = d->entries;
                int r = ct_key_eq(vm, k, key);
                if (r < 0) return -2;
                /* A user __eq__ may have changed the dict: start again. */
                if (entries != d->entries || e->key != k) goto restart;
                if (r) {
                    if (slotp) *slotp = i;
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Str keys only: pointer, then hash, then bytes.  Cannot fail. */
static inline int64_t lookup_str(Dict *d, Value key, int64_t hash, size_t *slotp)
{
    if (!d->index) return -1;
    Str *ks = v_str(key);
    size_t mask = dict_mask(d), i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == IX_EMPTY) return -1;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->key == key) {
                if (slotp) *slotp = i;
                return ix;
            }
            if (e->hash == hash && v_is_str(e->key)) {
                Str *s = v_str(e->key);
                if (s->len == ks->len && memcmp(s->data, ks->data, s->len) == 0) {
                    if (slotp) *slotp = i;
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static inline int64_t str_hash(Value key)
{
    int64_t h = v_str(key)->hash;
    return h != -1 ? h : rt_str_hash(key);
}

/* Append a new entry (the key is known to be absent). */
static bool insert_new(VM *vm, Dict *d, Value key, int64_t hash, Value v)
{
    if (d->nentries >= d->cap) {
        /* CPython's GROWTH_RATE: the next power of two >= used * 3. */
        uint8_t log2 = MIN_LOG2;
        while (((size_t)1 << log2) < d->used * 3) log2++;
        if (!dict_resize_log2(vm, d, log2)) return false;
    }
    size_t slot = (size_t)hash & dict_mask(d), perturb = (size_t)hash, mask = dict_mask(d);
    while (d->index[slot] >= 0) {
        perturb >>= PERTURB_SHIFT;
        slot = (slot * 5 + perturb + 1) & mask;
    }
    size_t n = d->nentries++;
    d->entries[n].hash = hash;
    d->entries[n].key = key;
    d->entries[n].value = v;
    d->index[slot] = (int32_t)n;
    d->used++;
    d->version++;
    return true;
}

static void delete_at(Dict *d, size_t slot, int64_t ix)
{
    d->index[slot] = IX_DUMMY;
    d->entries[ix].key = VNULL;
    d->entries[ix].value = VNULL;
    d->used--;
    d->version++;
}

/* ---- the C API -------------------------------------------------------------------- */

Dict *rt_dict_alloc(VM *vm)
{
    Dict *d = rt_alloc(vm, &rt_dict_type, sizeof(Dict) + INLINE_BYTES);
    if (d) d->hdr.aux |= DICT_INLINE;
    return d;
}

Value rt_dict_new(VM *vm)
{
    Dict *d = rt_dict_alloc(vm);
    return d ? v_from(d) : VNULL;
}

Value rt_dict_get(VM *vm, Dict *d, Value key, bool *error)
{
    if (error) *error = false;
    int64_t hash, ix;
    if (v_is_str_exact(key)) {
        ix = lookup_str(d, key, str_hash(key), NULL);
        return ix >= 0 ? d->entries[ix].value : VNULL;
    }
    hash = ct_hash(vm, key);
    if (hash == -1) {
        if (error) *error = true;
        return VNULL;
    }
    ix = lookup(vm, d, key, hash, NULL);
    if (ix == -2) {
        if (error) *error = true;
        return VNULL;
    }
    return ix >= 0 ? d->entries[ix].value : VNULL;
}

bool ct_dict_set_hashed(VM *vm, Dict *d, Value key, int64_t hash, Value v)
{
    int64_t ix = v_is_str_exact(key) ? lookup_str(d, key, hash, NULL) : lookup(vm, d, key, hash, NULL);
    if (ix == -2) return false;
    if (ix >= 0) {
        d->entries[ix].value = v;
        return true;
    }
    return insert_new(vm, d, key, hash, v);
}

bool rt_dict_set(VM *vm, Dict *d, Value key, Value v)
{
    int64_t hash = ct_hash(vm, key);
    if (hash == -1) return false;
    return ct_dict_set_hashed(vm, d, key, hash, v);
}

int rt_dict_del(VM *vm, Dict *d, Value key)
{
    int64_t hash = ct_hash(vm, key);
    if (hash == -1) return -1;
    size_t slot;
    int64_t ix = lookup(vm, d, key, hash, &slot);
    if (ix == -2) return -1;
    if (ix < 0) return 0;
    delete_at(d, slot, ix);
    return 1;
}

Value rt_dict_get_str(Dict *d, Value key)
{
    int64_t ix = lookup_str(d, key, str_hash(key), NULL);
    return ix >= 0 ? d->entries[ix].value : VNULL;
}

bool rt_dict_set_str(VM *vm, Dict *d, Value key, Value v)
{
    int64_t hash = str_hash(key);
    int64_t ix = lookup_str(d, key, hash, NULL);
    if (ix >= 0) {
        d->entries[ix].value = v;
        return true;
    }
    return insert_new(vm, d, key, hash, v);
}

int64_t rt_dict_find_str(Dict *d, Value key) { return lookup_str(d, key, str_hash(key), NULL); }

Value rt_dict_get_cstr(VM *vm, Dict *d, const char *key)
{
    Value k = rt_str_intern_cstr(vm, key);
    return k ? rt_dict_get_str(d, k) : VNULL;
}

bool rt_dict_set_cstr(VM *vm, Dict *d, const char *key, Value v)
{
    Value k = rt_str_intern_cstr(vm, key);
    return k && rt_dict_set_str(vm, d, k, v);
}

bool rt_dict_next(Dict *d, size_t *pos, Value *key, Value *value)
{
    for (size_t i = *pos; i < d->nentries; i++) {
        DictEntry *e = &d->entries[i];
        if (!e->key) continue;
        if (key) *key = e->key;
        if (value) *value = e->value;
        *pos = i + 1;
        return true;
    }
    *pos = d->nentries;
    return false;
}

Value rt_dict_copy(VM *vm, Dict *d)
{
    Dict *n = rt_dict_alloc(vm);
    if (!n) return VNULL;
    if (d->used == 0) return v_from(n);
    if (d->used == d->nentries) {
        /* No holes: copy both tables as they are. */
        if (!dict_resize_log2(vm, n, d->log2size)) return VNULL;
        memcpy(n->index, d->index, ((size_t)1 << d->log2size) * sizeof(int32_t));
        memcpy(n->entries, d->entries, d->nentries * sizeof(DictEntry));
        n->nentries = n->used = d->used;
        return v_from(n);
    }
    if (!dict_resize(vm, n, d->used)) return VNULL;
    for (size_t i = 0; i < d->nentries; i++) {
        DictEntry *e = &d->entries[i];
        if (e->key && !insert_new(vm, n, e->key, e->hash, e->value)) return VNULL;
    }
    return v_from(n);
}

Value rt_dict_keys_list(VM *vm, Dict *d)
{
    Value l = rt_list_new(vm, d->used);
    if (!l) return VNULL;
    for (size_t i = 0; i < d->nentries; i++)
        if (d->entries[i].key) v_list(l)->items[v_list(l)->len++] = d->entries[i].key;
    return l;
}

/* One (key, value) pair from an item of dict(iterable). */
static bool set_pair(VM *vm, Dict *d, Value item, size_t n)
{
    Value k, v;
    if (v_is(item, &rt_tuple_type) && v_tuple(item)->len == 2) {
        k = v_tuple(item)->items[0];
        v = v_tuple(item)->items[1];
    } else if (v_is(item, &rt_list_type) && v_list(item)->len == 2) {
        k = v_list(item)->items[0];
        v = v_list(item)->items[1];
    } else {
        Value it = rt_iter(vm, item);
        if (!it) {
            if (rt_exc_clear_if(vm, &rt_exc_TypeError))
                rt_raise(vm, &rt_exc_TypeError,
                         "cannot convert dictionary update sequence element #%zu to a sequence", n);
            return false;
        }
        Value l = rt_list_from_iter(vm, it);
        if (!l) return false;
        if (v_list(l)->len != 2) {
            rt_raise(vm, &rt_exc_ValueError,
                     "dictionary update sequence element #%zu has length %zu; 2 is required", n,
                     v_list(l)->len);
            return false;
        }
        k = v_list(l)->items[0];
        v = v_list(l)->items[1];
    }
    return rt_dict_set(vm, d, k, v);
}

static bool merge_dict(VM *vm, Dict *d, Dict *o)
{
    if (d == o) return true;
    if (d->used == 0 && o->used == o->nentries && o->used > 0) {
        if (!dict_resize(vm, d, o->used)) return false;
        for (size_t i = 0; i < o->nentries; i++)
            if (!insert_new(vm, d, o->entries[i].key, o->entries[i].hash, o->entries[i].value)) return false;
        return true;
    }
    for (size_t i = 0; i < o->nentries; i++) {
        DictEntry e = o->entries[i];
        if (e.key && !ct_dict_set_hashed(vm, d, e.key, e.hash, e.value)) return false;
    }
    return true;
}

bool rt_dict_update(VM *vm, Dict *d, Value other)
{
    if (v_is(other, &rt_dict_type)) return merge_dict(vm, d, v_dict(other));
    Value keys = rt_getattr_opt(vm, other, vm->names.keys);
    if (!keys && vm->exc) return false;
    if (keys) {
        /* A mapping: keys() then other[key]. */
        Value ks = rt_call0(vm, keys);
        if (!ks) return false;
        Value it = rt_iter(vm, ks);
        if (!it) return false;
        for (;;) {
            Value k = rt_next(vm, it);
            if (!k) return vm->exc == VNULL;
            Value v = rt_getitem(vm, other, k);
            if (!v || !rt_dict_set(vm, d, k, v)) return false;
        }
    }
    Value it = rt_iter(vm, other);
    if (!it) return false;
    for (size_t n = 0;; n++) {
        Value item = rt_next(vm, it);
        if (!item) return vm->exc == VNULL;
        if (!set_pair(vm, d, item, n)) return false;
    }
}

static bool update_kw(VM *vm, Dict *d, int argc, Value *argv, Value kwnames)
{
    size_t nk = ct_kwcount(kwnames);
    for (size_t i = 0; i < nk; i++)
        if (!rt_dict_set_str(vm, d, v_tuple(kwnames)->items[i], argv[argc + i])) return false;
    return true;
}

/* ---- slots ------------------------------------------------------------------------- */

static void dict_trace(VM *vm, Obj *o)
{
    Dict *d = (Dict *)o;
    for (size_t i = 0; i < d->nentries; i++) {
        if (!d->entries[i].key) continue;
        rt_gc_mark(vm, d->entries[i].key);
        rt_gc_mark(vm, d->entries[i].value);
    }
}

static void dict_finalize(VM *vm, Obj *o) { free_tables(vm, (Dict *)o); }

static Value dict_repr(VM *vm, Value v)
{
    Dict *d = v_dict(v);
    if (d->used == 0) return rt_str_from_cstr(vm, "{}");
    if (d->hdr.aux & CT_REPR_BIT) return rt_str_from_cstr(vm, "{...}");
    if (!rt_enter_c(vm, " while getting the repr of an object")) return VNULL;
    d->hdr.aux |= CT_REPR_BIT;
    StrBuf b;
    sb_init(&b);
    bool ok = sb_addc(vm, &b, '{');
    bool first = true;
    for (size_t i = 0; ok && i < d->nentries; i++) {
        DictEntry e = d->entries[i];
        if (!e.key) continue;
        if (!first) ok = sb_add(vm, &b, ", ", 2);
        first = false;
        Value r = ok ? rt_repr(vm, e.key) : VNULL;
        ok = r && sb_add_value_str(vm, &b, r) && sb_add(vm, &b, ": ", 2);
        r = ok ? rt_repr(vm, e.value) : VNULL;
        ok = r && sb_add_value_str(vm, &b, r);
    }
    ok = ok && sb_addc(vm, &b, '}');
    d->hdr.aux &= ~CT_REPR_BIT;
    rt_leave_c(vm);
    if (!ok) {
        sb_free(&b);
        return VNULL;
    }
    return sb_finish(vm, &b);
}

static int dict_equal(VM *vm, Dict *a, Dict *b)
{
    if (a->used != b->used) return 0;
    if (!rt_enter_c(vm, " in comparison")) return -1;
    int res = 1;
    for (size_t i = 0; i < a->nentries; i++) {
        DictEntry e = a->entries[i];
        if (!e.key) continue;
        int64_t ix = lookup(vm, b, e.key, e.hash, NULL);
        if (ix == -2) {
            res = -1;
            break;
        }
        if (ix < 0) {
            res = 0;
            break;
        }
        Value bv = b->entries[ix].value;
        int r = bv == e.value ? 1 : rt_eq(vm, e.value, bv);
        if (r <= 0) {
            res = r;
            break;
        }
    }
    rt_leave_c(vm);
    return res;
}

static Value dict_richcompare(VM *vm, Value a, Value b, CmpOp op)
{
    /* PyDict_Check: subclasses (defaultdict, classes) compare as dicts. */
    if (!rt_isinstance_type(a, &rt_dict_type) || !rt_isinstance_type(b, &rt_dict_type) ||
        (op != CMP_EQ && op != CMP_NE))
        return rt_NotImplemented;
    int r = dict_equal(vm, v_dict(a), v_dict(b));
    if (r < 0) return VNULL;
    return rt_bool(op == CMP_EQ ? r : !r);
}

static int64_t dict_len(VM *vm, Value v) { return (int64_t)v_dict(v)->used; }

static int dict_contains(VM *vm, Value o, Value key)
{
    bool err;
    Value v = rt_dict_get(vm, v_dict(o), key, &err);
    if (err) return -1;
    return v != VNULL;
}

static Value dict_getitem(VM *vm, Value o, Value key)
{
    bool err;
    Value v = rt_dict_get(vm, v_dict(o), key, &err);
    if (v) return v;
    if (err) return VNULL;
    return rt_raise_str(vm, &rt_exc_KeyError, key);
}

static int dict_setitem(VM *vm, Value o, Value key, Value v)
{
    if (v) return rt_dict_set(vm, v_dict(o), key, v) ? 0 : -1;
    int r = rt_dict_del(vm, v_dict(o), key);
    if (r < 0) return -1;
    if (r == 0) {
        rt_raise_str(vm, &rt_exc_KeyError, key);
        return -1;
    }
    return 0;
}


static Value dict_iter(VM *vm, Value v) { return ct_dict_iter_new(vm, v, 0, false); }

static Value dict_or(VM *vm, Value a, Value b)
{
    if (!rt_isinstance_type(a, &rt_dict_type) || !rt_isinstance_type(b, &rt_dict_type))
        return rt_NotImplemented;
    Value r = rt_dict_copy(vm, v_dict(a));
    if (!r || !merge_dict(vm, v_dict(r), v_dict(b))) return VNULL;
    return r;
}

static Value dict_ior(VM *vm, Value a, Value b)
{
    if (!v_isa(a, &rt_dict_type)) return rt_NotImplemented;
    if (!rt_dict_update(vm, v_dict(a), b)) return VNULL;
    return a;
}

static Value dict_new(VM *vm, Type *type, int argc, Value *argv, Value kwnames)
{
    if (!ct_nargs(vm, "dict", argc, 0, 1)) return VNULL;
    Dict *d = rt_alloc(vm, &rt_dict_type, sizeof(Dict)); /* no inline table: see DICT_INLINE */
    if (!d) return VNULL;
    if (argc == 1 && !rt_dict_update(vm, d, argv[0])) return VNULL;
    if (!update_kw(vm, d, argc, argv, kwnames)) return VNULL;
    return v_from(d);
}

/* ---- methods ---------------------------------------------------------------------- */

#define SELF v_dict(argv[0])

static Value m_get(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "get");
    if (!ct_nargs(vm, "get", argc - 1, 1, 2)) return VNULL;
    bool err;
    Value v = rt_dict_get(vm, SELF, argv[1], &err);
    if (v) return v;
    if (err) return VNULL;
    return argc > 2 ? argv[2] : rt_None;
}

static Value m_setdefault(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "setdefault");
    if (!ct_nargs(vm, "setdefault", argc - 1, 1, 2)) return VNULL;
    Dict *d = SELF;
    int64_t hash = ct_hash(vm, argv[1]);
    if (hash == -1) return VNULL;
    int64_t ix = lookup(vm, d, argv[1], hash, NULL);
    if (ix == -2) return VNULL;
    if (ix >= 0) return d->entries[ix].value;
    Value def = argc > 2 ? argv[2] : rt_None;
    return insert_new(vm, d, argv[1], hash, def) ? def : VNULL;
}

static Value m_pop(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "pop");
    if (!ct_nargs(vm, "pop", argc - 1, 1, 2)) return VNULL;
    Dict *d = SELF;
    int64_t hash = ct_hash(vm, argv[1]);
    if (hash == -1) return VNULL;
    size_t slot;
    int64_t ix = lookup(vm, d, argv[1], hash, &slot);
    if (ix == -2) return VNULL;
    if (ix < 0) {
        if (argc > 2) return argv[2];
        return rt_raise_str(vm, &rt_exc_KeyError, argv[1]);
    }
    Value v = d->entries[ix].value;
    delete_at(d, slot, ix);
    return v;
}

static Value m_popitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "popitem");
    if (!ct_noargs(vm, "dict.popitem", argc - 1)) return VNULL;
    Dict *d = SELF;
    if (d->used == 0) return rt_raise(vm, &rt_exc_KeyError, "popitem(): dictionary is empty");
    size_t ix = d->nentries;
    while (ix > 0 && !d->entries[ix - 1].key) ix--;
    ix--;
    DictEntry e = d->entries[ix];
    Value t = rt_tuple_pack(vm, 2, e.key, e.value);
    if (!t) return VNULL;
    /* Find its slot: probe by hash until the slot holding position ix. */
    size_t mask = dict_mask(d), i = (size_t)e.hash & mask, perturb = (size_t)e.hash;
    while (d->index[i] != (int32_t)ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    delete_at(d, i, (int64_t)ix);
    d->nentries = ix; /* LIFO: the tail holds only deleted entries now */
    return t;
}


static Value m_keys(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "keys");
    if (!ct_noargs(vm, "dict.keys", argc - 1)) return VNULL;
    return ct_dict_view_new(vm, argv[0], 0);
}

static Value m_values(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "values");
    if (!ct_noargs(vm, "dict.values", argc - 1)) return VNULL;
    return ct_dict_view_new(vm, argv[0], 1);
}

static Value m_items(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "items");
    if (!ct_noargs(vm, "dict.items", argc - 1)) return VNULL;
    return ct_dict_view_new(vm, argv[0], 2);
}

static Value m_update(VM *vm, int argc, Value *argv, Value kwnames)
{
    CT_SELF(&rt_dict_type, "update");
    if (!ct_nargs(vm, "update", argc - 1, 0, 1)) return VNULL;
    if (argc == 2 && !rt_dict_update(vm, SELF, argv[1])) return VNULL;
    return update_kw(vm, SELF, argc, argv, kwnames) ? rt_None : VNULL;
}

static Value m_copy(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "copy");
    if (!ct_noargs(vm, "dict.copy", argc - 1)) return VNULL;
    return rt_dict_copy(vm, SELF);
}

static Value m_clear(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "clear");
    if (!ct_noargs(vm, "dict.clear", argc - 1)) return VNULL;
    free_tables(vm, SELF);
    SELF->version++;
    return rt_None;
}

static Value m_fromkeys(VM *vm, int argc, Value *argv, Value kw)
{
    /* A classmethod: argv[0] is the class. */
    if (!ct_nargs(vm, "fromkeys", argc - 1, 1, 2)) return VNULL;
    Value value = argc > 2 ? argv[2] : rt_None;
    Dict *d = rt_dict_alloc(vm);
    if (!d) return VNULL;
    Value it = rt_iter(vm, argv[1]);
    if (!it) return VNULL;
    for (;;) {
        Value k = rt_next(vm, it);
        if (!k) return vm->exc ? VNULL : v_from(d);
        if (!rt_dict_set(vm, d, k, value)) return VNULL;
    }
}

static Value m_contains(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__contains__");
    if (!ct_onearg(vm, "dict.__contains__", argc - 1)) return VNULL;
    int r = dict_contains(vm, argv[0], argv[1]);
    return r < 0 ? VNULL : rt_bool(r);
}

static Value m_getitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__getitem__");
    if (!ct_onearg(vm, "dict.__getitem__", argc - 1)) return VNULL;
    return dict_getitem(vm, argv[0], argv[1]);
}

static Value m_setitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__setitem__");
    if (!ct_nargs(vm, "__setitem__", argc - 1, 2, 2)) return VNULL;
    return dict_setitem(vm, argv[0], argv[1], argv[2]) < 0 ? VNULL : rt_None;
}

static Value m_delitem(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__delitem__");
    if (!ct_onearg(vm, "dict.__delitem__", argc - 1)) return VNULL;
    return dict_setitem(vm, argv[0], argv[1], VNULL) < 0 ? VNULL : rt_None;
}

static Value m_len(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__len__");
    if (!ct_noargs(vm, "dict.__len__", argc - 1)) return VNULL;
    return v_from_small((int64_t)SELF->used);
}

static Value m_iter(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__iter__");
    if (!ct_noargs(vm, "dict.__iter__", argc - 1)) return VNULL;
    return ct_dict_iter_new(vm, argv[0], 0, false);
}

static Value m_reversed(VM *vm, int argc, Value *argv, Value kw)
{
    CT_SELF(&rt_dict_type, "__reversed__");
    if (!ct_noargs(vm, "dict.__reversed__", argc - 1)) return VNULL;
    return ct_dict_iter_new(vm, argv[0], 0, true);
}

static const NativeDef dict_methods[] = {
    {"get", m_get, 0},
    {"setdefault", m_setdefault, 0},
    {"pop", m_pop, 0},
    {"popitem", m_popitem, 0},
    {"keys", m_keys, 0},
    {"values", m_values, 0},
    {"items", m_items, 0},
    {"update", m_update, NF_KEYWORDS},
    {"copy", m_copy, 0},
    {"clear", m_clear, 0},
    {"fromkeys", m_fromkeys, NF_CLASSMETHOD},
    {"__contains__", m_contains, 0},
    {"__getitem__", m_getitem, 0},
    {"__setitem__", m_setitem, 0},
    {"__delitem__", m_delitem, 0},
    {"__len__", m_len, 0},
    {"__iter__", m_iter, 0},
    {"__reversed__", m_reversed, 0},
    {NULL, NULL, 0},
};

Type rt_dict_type = {
    .name = "dict",
    .instance_size = sizeof(Dict),
    .trace = dict_trace,
    .finalize = dict_finalize,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .len = dict_len,
    .contains = dict_contains,
    .binop = {[BIN_OR] = dict_or},
    .inplace = {[BIN_OR] = dict_ior},
    .new = dict_new,
};

bool ct_dict_init(VM *vm)
{
    if (!rt_type_ready(vm, &rt_dict_type)) return false;
    return rt_add_methods(vm, &rt_dict_type, dict_methods);
}
