"""A subset of CPython's importlib over minipy's import system (vm/import.c)."""
import sys

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


def reload(module):
    """Run the module's (current) code again and keep the module object:
    its namespace gets the new definitions; old names stay."""
    name = module.__name__
    if sys.modules.get(name) is not module:
        raise ImportError('module ' + name + ' not in sys.modules', name=name)
    del sys.modules[name]
    try:
        fresh = import_module(name)
    except BaseException:
        sys.modules[name] = module
        raise
    for key, value in fresh.__dict__.items():
        setattr(module, key, value)
    sys.modules[name] = module
    return module


def invalidate_caches():
    """The finder re-reads a folder whenever its mtime changes: nothing to do."""
    return None
