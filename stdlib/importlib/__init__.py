"""A subset of CPython's importlib over minipy's import system (vm/import.c)."""
import sys
import marshal

__all__ = ['import_module', 'reload', 'invalidate_caches']


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return base + '.' + name if name else base


def import_module(name, package=None):
    """Import a module by name; a leading dot makes it relative to package."""
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for " + repr(name))
        for character in name:
            if character != '.':
                break
            level += 1
    absname = _resolve_name(name[level:], package, level) if level else name
    __import__(absname)
    return sys.modules[absname]


_RELOADING = {}


def reload(module):
    """Run the module's current code again in the module's own namespace
    (CPython's semantics): same object, same dict, new definitions replace
    old ones, names the new code does not define survive.  A changed source
    is recompiled and its cache rewritten."""
    try:
        name = module.__spec__.name
    except AttributeError:
        try:
            name = module.__name__
        except AttributeError:
            raise TypeError("reload() argument must be a module")
    if sys.modules.get(name) is not module:
        raise ImportError('module ' + name + ' not in sys.modules', name=name)
    if name in _RELOADING:
        return _RELOADING[name]
    _RELOADING[name] = module
    try:
        parent_name = name.rpartition('.')[0]
        pkgpath = None
        if parent_name:
            if parent_name not in sys.modules:
                raise ImportError('parent ' + repr(parent_name) + ' not in sys.modules',
                                  name=parent_name) from None
            pkgpath = sys.modules[parent_name].__path__
        marshal._reload(module, pkgpath)
        # The module may have replaced itself in sys.modules.
        return sys.modules[name]
    finally:
        try:
            del _RELOADING[name]
        except KeyError:
            pass


def invalidate_caches():
    """Make the finder read every folder again (its listings are otherwise
    kept while the folder's mtime is unchanged, which misses a file created
    within the mtime's granularity)."""
    marshal._invalidate_caches()
