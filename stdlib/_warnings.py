"""_warnings — the warning filters and warn(), written for minipy.

CPython implements this module in C (Python/_warnings.c); warnings.py takes
its filters and warn() from here.  Without it warnings.py installs its
default filters through filterwarnings(), which needs the re module.  As in
CPython, the built-in default filters hold plain strings, matched exactly;
the filters warnings.py adds hold compiled patterns, matched with .match().
"""

import sys

filters = [
    ('default', None, DeprecationWarning, '__main__', 0),
    ('ignore', None, DeprecationWarning, None, 0),
    ('ignore', None, PendingDeprecationWarning, None, 0),
    ('ignore', None, ImportWarning, None, 0),
    ('ignore', None, ResourceWarning, None, 0),
]
_defaultaction = 'default'
_onceregistry = {}
_filters_version = 1


def _filters_mutated():
    global _filters_version
    _filters_version += 1


def _matches(pattern, text):
    if pattern is None:
        return True
    if type(pattern) is str:
        return pattern == text
    return bool(pattern.match(text))


def _warnings_attr(name):
    # warnings.py's settings win once it is imported (as CPython's C code
    # looks them up there).
    module = sys.modules.get('warnings')
    return getattr(module, name, None) if module is not None else None


def _action_for(category, text, module, lineno):
    current = _warnings_attr('filters')
    if not isinstance(current, list):
        current = filters
    for item in current:
        if not isinstance(item, tuple) or len(item) != 5:
            raise ValueError("_warnings.filters item %d isn't a 5-tuple" % current.index(item))
        action, msg, cat, mod, ln = item
        if (_matches(msg, text) and issubclass(category, cat) and _matches(mod, module)
                and (ln == 0 or lineno == ln)):
            return action, item
    action = _warnings_attr('defaultaction')
    return (action if isinstance(action, str) else _defaultaction), None


def _show(message, category, filename, lineno, source):
    show = _warnings_attr('_showwarnmsg')
    make = _warnings_attr('WarningMessage')
    if show is not None and make is not None:
        show(make(message, category, filename, lineno, None, source))
        return
    line = '%s:%s: %s: %s\n' % (filename, lineno, category.__name__, message)
    sys.stderr.write(line)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Low-level interface to warnings functionality."""
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get('version', 0) != _filters_version:
        registry.clear()
        registry['version'] = _filters_version
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return
    action, item = _action_for(category, text, module, lineno)
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        oncekey = (text, category)
        once = _warnings_attr('onceregistry')
        if not isinstance(once, dict):
            once = _onceregistry
        if once.get(oncekey):
            return
        once[oncekey] = 1
    elif action == "always":
        pass
    elif action == "module":
        registry[key] = 1
        altkey = (text, category, 0)
        if registry.get(altkey):
            return
        registry[altkey] = 1
    elif action == "default":
        registry[key] = 1
    else:
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s"
                           % (action, item))
    _show(message, category, filename, lineno, source)


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'"
                        % type(category).__name__)
    try:
        frame = sys._getframe(stacklevel if stacklevel > 0 else 1)
    except ValueError:
        globals = sys.__dict__
        filename = "sys"
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    module = globals['__name__'] if '__name__' in globals else "<string>"
    registry = globals.setdefault("__warningregistry__", {})
    warn_explicit(message, category, filename, lineno, module, registry, globals, source)
