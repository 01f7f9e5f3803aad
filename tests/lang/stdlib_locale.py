# _locale in the C locale (set explicitly, since the start-up locale depends on the environment).
import _locale

def attempt(f):
    try:
        return f()
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)

print(_locale.setlocale(_locale.LC_ALL, 'C'))
print(_locale.setlocale(_locale.LC_ALL), _locale.setlocale(_locale.LC_NUMERIC), _locale.setlocale(_locale.LC_CTYPE, None))
print(_locale.localeconv())
print(_locale.getencoding(), _locale.nl_langinfo(_locale.CODESET))
names = sorted(n for n in dir(_locale) if n.isupper() or n == '_DATE_FMT')
print(names)
for n in names:
    if n.startswith('LC_') or n == 'CHAR_MAX':
        print(n, getattr(_locale, n))
    else:
        print(n, repr(_locale.nl_langinfo(getattr(_locale, n))))
print(_locale.Error, _locale.Error.__mro__, _locale.Error.__module__)
print(attempt(lambda: _locale.setlocale(_locale.LC_ALL, 'xx_XX.nope')), attempt(lambda: _locale.setlocale(12345)))
print(attempt(lambda: _locale.setlocale('x')), attempt(lambda: _locale.setlocale(0, 5)), attempt(lambda: _locale.setlocale()))
print(attempt(lambda: _locale.setlocale(0, 'C\0x')))
print(attempt(lambda: _locale.nl_langinfo(99999)), attempt(lambda: _locale.nl_langinfo('x')), attempt(lambda: _locale.nl_langinfo()))
print(_locale.strcoll('a', 'b') < 0, _locale.strcoll('b', 'a') > 0, _locale.strcoll('abc', 'abc'), _locale.strcoll('\xe9', 'e') > 0)
print(repr(_locale.strxfrm('abc')), repr(_locale.strxfrm('')), _locale.strxfrm('b') > _locale.strxfrm('a'))
print(attempt(lambda: _locale.strcoll('a', 1)), attempt(lambda: _locale.strxfrm(b'x')), attempt(lambda: _locale.strxfrm('a\0b')))
print(_locale.gettext('hello'), _locale.dgettext(None, 'hi'), _locale.dcgettext(None, 'msg', _locale.LC_MESSAGES))
print(_locale.textdomain(None), attempt(lambda: _locale.bindtextdomain('', None)))
try:
    raise _locale.Error('custom')
except _locale.Error as e:
    print('caught', e)
print(attempt(lambda: _locale.strcoll('a')), attempt(lambda: _locale.gettext()), attempt(lambda: _locale.dgettext('a')), attempt(lambda: _locale.strxfrm()))
print(attempt(lambda: _locale.gettext(1)), attempt(lambda: _locale.localeconv(1)), attempt(lambda: _locale.getencoding(1)))
