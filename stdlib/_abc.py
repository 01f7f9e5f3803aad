"""_abc — the helpers behind CPython's abc.ABCMeta, written for minipy.

CPython implements them in C (Modules/_abc.c).  As there, the registry and
the caches hold their classes weakly (_weakrefset.WeakSet); where the
_weakref module is missing they fall back to plain sets, which keep a class
registered with (or checked against) an ABC alive as long as the ABC.
"""

try:
    from _weakrefset import WeakSet as _ClassSet
    from _weakref import ref as _ref
except ImportError:
    _ClassSet = set
    _ref = None

_abc_invalidation_counter = 0


class _abc_data:
    """Per-ABC state, kept in the class's _abc_impl attribute."""
    __slots__ = ('registry', 'cache', 'negative_cache', 'negative_cache_version')

    def __init__(self):
        self.registry = _ClassSet()
        self.cache = _ClassSet()
        self.negative_cache = _ClassSet()
        self.negative_cache_version = _abc_invalidation_counter


def _impl(cls):
    try:
        impl = cls.__dict__['_abc_impl']
    except (KeyError, AttributeError):
        impl = getattr(cls, '_abc_impl', None)
    if type(impl) is not _abc_data:
        raise TypeError("_abc_impl is set to a wrong type")
    return impl


def get_cache_token():
    """Return the current ABC cache token (changes at every register())."""
    return _abc_invalidation_counter


def _abc_init(cls):
    """Compute cls.__abstractmethods__ and give cls its registry and caches."""
    abstracts = {name for name, value in cls.__dict__.items()
                 if getattr(value, "__isabstractmethod__", False)}
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    cls._abc_impl = _abc_data()
    # collections.abc marks Sequence/Mapping for pattern matching this way;
    # minipy's match tests the ABCs themselves, so only drop the marker.
    if '__abc_tpflags__' in cls.__dict__:
        try:
            delattr(cls, '__abc_tpflags__')
        except (AttributeError, TypeError):
            pass


def _abc_register(cls, subclass):
    """Register subclass as a virtual subclass of cls."""
    if not isinstance(subclass, type):
        raise TypeError("Can only register classes")
    if issubclass(subclass, cls):
        return subclass  # already a subclass
    if issubclass(cls, subclass):
        raise RuntimeError("Refusing to create an inheritance cycle")
    _impl(cls).registry.add(subclass)
    global _abc_invalidation_counter
    _abc_invalidation_counter += 1
    return subclass


def _abc_instancecheck(cls, instance):
    """isinstance(instance, cls) for an ABC."""
    impl = _impl(cls)
    subclass = instance.__class__
    if subclass in impl.cache:
        return True
    subtype = type(instance)
    if subtype is subclass:
        if (impl.negative_cache_version == _abc_invalidation_counter and
                subclass in impl.negative_cache):
            return False
        return cls.__subclasscheck__(subclass)
    return any(cls.__subclasscheck__(c) for c in (subclass, subtype))


def _abc_subclasscheck(cls, subclass):
    """issubclass(subclass, cls) for an ABC."""
    if not isinstance(subclass, type):
        raise TypeError('issubclass() arg 1 must be a class')
    impl = _impl(cls)
    if subclass in impl.cache:
        return True
    if impl.negative_cache_version < _abc_invalidation_counter:
        impl.negative_cache = _ClassSet()
        impl.negative_cache_version = _abc_invalidation_counter
    elif subclass in impl.negative_cache:
        return False
    ok = cls.__subclasshook__(subclass)
    if ok is not NotImplemented:
        if ok:
            impl.cache.add(subclass)
        else:
            impl.negative_cache.add(subclass)
        return ok
    if cls in getattr(subclass, '__mro__', ()):
        impl.cache.add(subclass)
        return True
    for rcls in impl.registry:
        if issubclass(subclass, rcls):
            impl.cache.add(subclass)
            return True
    for scls in cls.__subclasses__():
        if issubclass(subclass, scls):
            impl.cache.add(subclass)
            return True
    impl.negative_cache.add(subclass)
    return False


def _get_dump(cls):
    """(registry, cache, negative cache, negative cache version), for tests:
    sets of weak references, as CPython's."""
    impl = _impl(cls)
    refs = (lambda s: set(map(_ref, s))) if _ref is not None else set
    return (refs(impl.registry), refs(impl.cache), refs(impl.negative_cache),
            impl.negative_cache_version)


def _reset_registry(cls):
    _impl(cls).registry.clear()


def _reset_caches(cls):
    impl = _impl(cls)
    impl.cache.clear()
    impl.negative_cache.clear()
