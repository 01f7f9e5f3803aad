"""importlib.util: cache paths and the magic number (vm/pyc.h)."""
import sys
import marshal

MAGIC_NUMBER = marshal._MAGIC


def cache_from_source(path, debug_override=None, *, optimization=None):
    """The cache file for source path: <dir>/__pycache__/<mod>.minipy-01[.opt-N].pyc."""
    if optimization is None:
        optimization = sys.flags.optimize
    if optimization == '':
        optimization = 0
    return marshal._pyc_cache_from_source(path, int(optimization))


def source_from_cache(path):
    """The source file of a cache path; ValueError for other paths."""
    return marshal._pyc_source_from_cache(path)


def source_hash(source_bytes):
    """The hash hash-based caches store for the source (8 bytes)."""
    n = marshal._source_hash(source_bytes)
    return bytes([(n >> (8 * i)) & 0xff for i in range(8)])


from importlib.machinery import spec_from_file_location  # noqa: E402 (CPython's name here)


def decode_source(source_bytes):
    """Source bytes as text: the PEP 263 encoding, universal newlines."""
    import io
    import tokenize
    encoding = tokenize.detect_encoding(io.BytesIO(source_bytes).readline)[0]
    return io.IncrementalNewlineDecoder(None, True).decode(source_bytes.decode(encoding))


def resolve_name(name, package):
    """An absolute module name for a possibly relative one."""
    if not name.startswith('.'):
        return name
    if not package:
        raise ImportError(f'no package specified for {repr(name)} '
                          '(required for relative module names)')
    level = 0
    for character in name:
        if character != '.':
            break
        level += 1
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    return bits[0] + '.' + name[level:] if name[level:] else bits[0]


def _spec_of_loaded(module, name):
    spec = getattr(module, '__spec__', None)
    if spec is not None:
        return spec
    # minipy's C importer does not attach specs: describe the module as its
    # loader would have.
    from importlib import machinery
    path = getattr(module, '__file__', None)
    if path is None:
        if name in sys.builtin_module_names:
            return machinery.ModuleSpec(name, machinery.BuiltinImporter, origin='built-in')
        raise ValueError('{}.__spec__ is None'.format(name))
    locations = list(module.__path__) if hasattr(module, '__path__') else None
    return spec_from_file_location(name, path, submodule_search_locations=locations)


def find_spec(name, package=None):
    """The spec of a module: from sys.modules if it is imported, else found
    along sys.path (or its parent package's __path__); None if absent."""
    fullname = resolve_name(name, package) if name.startswith('.') else name
    if fullname in sys.modules:
        return _spec_of_loaded(sys.modules[fullname], fullname)
    parent_name = fullname.rpartition('.')[0]
    from importlib import machinery
    if parent_name:
        parent = __import__(parent_name, fromlist=['__path__'])
        try:
            parent_path = parent.__path__
        except AttributeError as e:
            raise ModuleNotFoundError(
                f'__path__ attribute not found on {parent_name!r} '
                f'while trying to find {fullname!r}', name=fullname) from e
        return machinery.PathFinder.find_spec(fullname, parent_path)
    spec = machinery.BuiltinImporter.find_spec(fullname)
    return spec if spec is not None else machinery.PathFinder.find_spec(fullname)


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    """A spec for a module a loader provides."""
    from importlib import machinery
    if origin is None:
        origin = getattr(loader, '_ORIGIN', None)
    if not origin and hasattr(loader, 'get_filename'):
        if is_package is None:
            return spec_from_file_location(name, loader=loader)
        search = [] if is_package else None
        return spec_from_file_location(name, loader=loader, submodule_search_locations=search)
    if is_package is None:
        if hasattr(loader, 'is_package'):
            try:
                is_package = loader.is_package(name)
            except ImportError:
                is_package = None
        else:
            is_package = False
    return machinery.ModuleSpec(name, loader, origin=origin, is_package=is_package)


def module_from_spec(spec):
    """A new module for spec, with its import attributes set."""
    module = None
    create = getattr(spec.loader, 'create_module', None)
    if create is not None:
        module = create(spec)
    elif hasattr(spec.loader, 'exec_module'):
        raise ImportError('loaders that define exec_module() must also define create_module()')
    if module is None:
        module = type(sys)(spec.name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__package__ = spec.parent
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location:
        module.__file__ = spec.origin
        module.__cached__ = spec.cached
    return module
