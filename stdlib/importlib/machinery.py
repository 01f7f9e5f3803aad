"""importlib.machinery for minipy: the module spec, and finders and loaders
with CPython's interfaces over the same rules vm/import.c follows.

minipy's importer is written in C (vm/import.c) and does not go through
these objects; they exist for library code that inspects or drives imports
by hand (inspect, pkgutil, runpy-style loaders, test helpers).  Finding
follows the C importer's order: a package folder's __init__.py, then
name.py, then a sourceless name.pyc.  minipy loads no C extensions, so
EXTENSION_SUFFIXES is empty."""
import sys
import marshal

SOURCE_SUFFIXES = ['.py']
BYTECODE_SUFFIXES = ['.pyc']
# Deprecated names CPython keeps (inspect still reads them).
DEBUG_BYTECODE_SUFFIXES = ['.pyc']
OPTIMIZED_BYTECODE_SUFFIXES = ['.pyc']
EXTENSION_SUFFIXES = []


def all_suffixes():
    """Every suffix a module file may have."""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES


def _join(folder, name):
    return folder + name if folder.endswith('/') else folder + '/' + name


def _stat_kind(path):
    """'dir', 'file' or None."""
    import os
    if os.path.isdir(path):
        return 'dir'
    if os.path.isfile(path):
        return 'file'
    return None


class ModuleSpec:
    """The import-related information about a module (PEP 451)."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = ['name={!r}'.format(self.name), 'loader={!r}'.format(self.loader)]
        if self.origin is not None:
            args.append('origin={!r}'.format(self.origin))
        if self.submodule_search_locations is not None:
            args.append('submodule_search_locations={}'.format(self.submodule_search_locations))
        return '{}({})'.format(self.__class__.__name__, ', '.join(args))

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name and self.loader == other.loader and
                    self.origin == other.origin and smsl == other.submodule_search_locations and
                    self.cached == other.cached and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            if self.origin.endswith('.py'):
                try:
                    self._cached = marshal._pyc_cache_from_source(self.origin, sys.flags.optimize)
                except (ValueError, TypeError):
                    pass
            elif self.origin.endswith('.pyc'):
                self._cached = self.origin
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        """The name of the module's parent."""
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


class BuiltinImporter:
    """Finds the modules written in C that are built into minipy."""

    _ORIGIN = 'built-in'

    @staticmethod
    def __repr__():
        return "<class 'BuiltinImporter'>"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None or fullname not in sys.builtin_module_names:
            return None
        return ModuleSpec(fullname, cls, origin=cls._ORIGIN)

    @staticmethod
    def create_module(spec):
        if spec.name not in sys.builtin_module_names:
            raise ImportError('{!r} is not a built-in module'.format(spec.name), name=spec.name)
        return __import__(spec.name)

    @staticmethod
    def exec_module(module):
        """Built-in modules are complete when created."""

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False


class FrozenImporter:
    """minipy freezes no modules: finds nothing."""

    _ORIGIN = 'frozen'

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None


class FileLoader:
    """Loads a module from a file path."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        return self.path

    def get_data(self, path):
        with open(path, 'rb') as f:
            return f.read()

    def is_package(self, fullname):
        filename = self.get_filename(fullname).rpartition('/')[2]
        return filename.rsplit('.', 1)[0] == '__init__'

    def create_module(self, spec):
        """Default module creation."""

    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError('cannot load module {!r} when get_code() returns None'.format(
                module.__name__))
        exec(code, module.__dict__)

    def load_module(self, fullname):
        """Deprecated: import the module at this loader's path into sys.modules."""
        import importlib.util
        spec = spec_from_file_location(fullname, self.path, loader=self)
        module = sys.modules.get(fullname)
        if module is None:
            module = importlib.util.module_from_spec(spec)
            sys.modules[fullname] = module
        try:
            self.exec_module(module)
        except BaseException:
            sys.modules.pop(fullname, None)
            raise
        return sys.modules[fullname]


class SourceFileLoader(FileLoader):
    """Loads a module from its Python source."""

    def get_source(self, fullname):
        import importlib.util
        return importlib.util.decode_source(self.get_data(self.get_filename(fullname)))

    def source_to_code(self, data, path, *, _optimize=-1):
        return compile(data, path, 'exec', dont_inherit=True, optimize=_optimize)

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)

    def path_stats(self, path):
        import os
        st = os.stat(path)
        return {'mtime': st.st_mtime, 'size': st.st_size}


class SourcelessFileLoader(FileLoader):
    """Loads a module from a minipy .pyc with no source beside it."""

    def get_code(self, fullname):
        return marshal._pyc_load(self.get_filename(fullname))

    def get_source(self, fullname):
        return None


class ExtensionFileLoader(FileLoader):
    """minipy does not load C extension modules."""

    def create_module(self, spec):
        raise ImportError('minipy cannot load the extension module {!r}'.format(self.path),
                          name=spec.name, path=self.path)

    def get_code(self, fullname):
        return None

    def get_source(self, fullname):
        return None


class NamespaceLoader:
    """The loader of a namespace package (a folder without __init__.py)."""

    def __init__(self, name, path, path_finder):
        self._name = name
        self._path = path

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ''

    def get_code(self, fullname):
        return compile('', '<string>', 'exec', dont_inherit=True)

    def create_module(self, spec):
        """Default module creation."""

    def exec_module(self, module):
        pass


def _loader_details():
    return [(SourceFileLoader, SOURCE_SUFFIXES), (SourcelessFileLoader, BYTECODE_SUFFIXES)]


class FileFinder:
    """Finds modules in one folder: a package folder first, then modules by suffix."""

    def __init__(self, path, *loader_details):
        self._loaders = [(suffix, loader) for loader, suffixes in loader_details
                         for suffix in suffixes]
        self.path = path or '.'

    def __repr__(self):
        return 'FileFinder({!r})'.format(self.path)

    def invalidate_caches(self):
        marshal._invalidate_caches()

    def find_spec(self, fullname, target=None):
        tail = fullname.rpartition('.')[2]
        base = _join(self.path, tail)
        if _stat_kind(base) == 'dir':
            for suffix, loader in self._loaders:
                init = _join(base, '__init__' + suffix)
                if _stat_kind(init) == 'file':
                    return spec_from_file_location(fullname, init, loader=loader(fullname, init),
                                                   submodule_search_locations=[base])
        for suffix, loader in self._loaders:
            full = base + suffix
            if _stat_kind(full) == 'file':
                return spec_from_file_location(fullname, full, loader=loader(fullname, full))
        if _stat_kind(base) == 'dir':
            spec = ModuleSpec(fullname, None)
            spec.submodule_search_locations = [base]
            return spec
        return None

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if _stat_kind(path or '.') != 'dir':
                raise ImportError('only directories are supported', path=path)
            return cls(path, *loader_details)
        return path_hook_for_FileFinder


class PathFinder:
    """Finds modules along sys.path (or a package's __path__)."""

    @staticmethod
    def invalidate_caches():
        marshal._invalidate_caches()

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is None:
            path = sys.path
        namespace_path = []
        for entry in path:
            if not isinstance(entry, str):
                continue
            spec = FileFinder(entry, *_loader_details()).find_spec(fullname)
            if spec is None:
                continue
            if spec.loader is not None:
                return spec
            namespace_path.extend(spec.submodule_search_locations)
        if namespace_path:
            spec = ModuleSpec(fullname, None)
            spec.submodule_search_locations = namespace_path
            spec.loader = NamespaceLoader(fullname, namespace_path, cls.find_spec)
            return spec
        return None

    @staticmethod
    def find_distributions(*args, **kwargs):
        from importlib.metadata import MetadataPathFinder
        return MetadataPathFinder.find_distributions(*args, **kwargs)


class WindowsRegistryFinder:
    """Not on POSIX: finds nothing."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None


def spec_from_file_location(name, location=None, *, loader=None,
                            submodule_search_locations=None):
    """A spec for a module at a file path (importlib.util re-exports this)."""
    if location is None:
        location = '<unknown>'
    if loader is None:
        for loader_class, suffixes in _loader_details():
            if location.endswith(tuple(suffixes)):
                loader = loader_class(name, location)
                break
        else:
            return None
    spec = ModuleSpec(name, loader, origin=location)
    spec._set_fileattr = True
    if submodule_search_locations is None:
        is_package = getattr(loader, 'is_package', None)
        if is_package is not None and is_package(name):
            spec.submodule_search_locations = [location.rpartition('/')[0]]
    else:
        spec.submodule_search_locations = submodule_search_locations
    return spec
