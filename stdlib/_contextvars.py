"""_contextvars — context variables for a single-threaded minipy.

CPython implements this module in C (Python/context.c) over a HAMT; here a
Context holds a plain dict that ContextVar.set replaces rather than
mutates, so that copies taken by copy_context() stay unchanged.
"""

_MISSING = object()


class Context:
    """An immutable mapping of ContextVars to their values."""

    __slots__ = ('_vars', '_prev', '_entered')

    def __init__(self):
        self._vars = {}
        self._prev = None
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        global _current
        if self._entered:
            raise RuntimeError('cannot enter context: %r is already entered' % (self,))
        self._prev = _current
        self._entered = True
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._vars = self._vars
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._vars[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._vars.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return var in self._vars

    def __len__(self):
        return len(self._vars)

    def __iter__(self):
        return iter(self._vars)

    def keys(self):
        return self._vars.keys()

    def values(self):
        return self._vars.values()

    def items(self):
        return self._vars.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._vars == other._vars

    __hash__ = None


_current = Context()


def copy_context():
    """Return a copy of the current Context."""
    return _current.copy()


class Token:
    """What ContextVar.set returns: ContextVar.reset(token) undoes that set."""

    __slots__ = ('_ctx', '_var', '_old', '_used')
    MISSING = _MISSING

    def __init__(self, *args, **kwargs):
        raise RuntimeError("Tokens can only be created by ContextVars")

    @classmethod
    def _make(cls, ctx, var, old):
        tok = object.__new__(cls)
        tok._ctx = ctx
        tok._var = var
        tok._old = old
        tok._used = False
        return tok

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __repr__(self):
        return '<Token%s var=%r at 0x%x>' % (' used' if self._used else '', self._var, id(self))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class ContextVar:
    """A variable whose value depends on the current Context."""

    __slots__ = ('_name', '_default')

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError("get expected at most 1 argument, got %d" % len(args))
        try:
            return _current._vars[self]
        except KeyError:
            pass
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current
        old = ctx._vars.get(self, _MISSING)
        new = dict(ctx._vars)
        new[self] = value
        ctx._vars = new
        return Token._make(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError("expected an instance of Token, got %r" % (token,))
        if token._used:
            raise RuntimeError("%r has already been used once" % (token,))
        if token._var is not self:
            raise ValueError("%r was created by a different ContextVar" % (token,))
        ctx = _current
        if token._ctx is not ctx:
            raise ValueError("%r was created in a different Context" % (token,))
        new = dict(ctx._vars)
        if token._old is _MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old
        ctx._vars = new
        token._used = True

    def __repr__(self):
        r = '<ContextVar name=%r' % (self._name,)
        if self._default is not _MISSING:
            r += ' default=%r' % (self._default,)
        return r + ' at 0x%x>' % id(self)

    def __hash__(self):
        return object.__hash__(self)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Context.__module__ = ContextVar.__module__ = Token.__module__ = '_contextvars'
