# The time module's deterministic parts: struct_time, gmtime/strftime/asctime of fixed
# timestamps, mktime(localtime(t)) round trips, clocks' types, and the error messages.
import time

def attempt(f):
    try:
        return f()
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)

# struct_time
st = time.gmtime(1700000000)
print(st)
print(st.tm_year, st.tm_mon, st.tm_mday, st.tm_hour, st.tm_min, st.tm_sec, st.tm_wday, st.tm_yday, st.tm_isdst)
print(st.tm_zone, st.tm_gmtoff, len(st), st[0], st[-1], st[2:5], tuple(st), list(st)[:3])
print(type(st), type(st).__name__, type(st).__module__, time.struct_time.__mro__, isinstance(st, tuple))
print(time.struct_time.n_fields, time.struct_time.n_sequence_fields, time.struct_time.n_unnamed_fields)
print(time.struct_time.__match_args__)
print(time.struct_time.__doc__)
print(st == (2023, 11, 14, 22, 13, 20, 1, 318, 0), st == time.gmtime(1700000000), hash(st) == hash(tuple(st)))
print(attempt(lambda: setattr(st, 'tm_year', 5)), attempt(lambda: delattr(st, 'tm_zone')))
print(time.struct_time((2024, 2, 3, 4, 5, 6, 0, 34, 0)))
print(time.struct_time(range(11)).tm_zone, time.struct_time(range(9)).tm_zone, time.struct_time(range(9), {'tm_zone': 'Z', 'tm_gmtoff': 7}).tm_gmtoff)
print(time.struct_time(sequence=range(9)), time.struct_time([1] * 10).tm_zone)
print(time.struct_time(range(9)).__reduce__())
print(attempt(lambda: time.struct_time((1, 2, 3))), attempt(lambda: time.struct_time(range(12))))
print(attempt(lambda: time.struct_time(5)), attempt(lambda: time.struct_time(range(9), 5)), attempt(lambda: time.struct_time()))
match st:
    case time.struct_time(tm_year=y, tm_mon=m):
        print('matched', y, m)

# gmtime
for t in [0, 1, -1, -1.5, 86399.999, 951782400, 1e9, 2**31, 4102444800, 1e10, -2208988800]:
    print(t, tuple(time.gmtime(t)))
for bad in [float('nan'), float('inf'), -float('inf'), 1e300, 2**63, 2**70, 'x', None.__class__, 10**17]:
    print(repr(bad), attempt(lambda: time.gmtime(bad)), attempt(lambda: time.localtime(bad)), attempt(lambda: time.ctime(bad)))
print(attempt(lambda: time.gmtime(1, 2)), type(time.gmtime()).__name__, type(time.gmtime(None)).__name__)

# strftime / asctime of fixed times
fixed = time.gmtime(1700000000)
for fmt in ['%Y-%m-%d %H:%M:%S', '%a %A %b %B %c', '%d %j %U %W %w %y %C %G %g %V %u', '%I %p %M %S %e %D %F %T %R %r',
            '%x %X %%', '%n%t|', 'no directives', 'caf\xe9 \u20ac %Y', '', '%', '%Q %E %O %5Y']:
    print(repr(fmt), repr(time.strftime(fmt, fixed)))
print(time.strftime('%Y', (1900, 1, 1, 0, 0, 0, 0, 1, 0)), time.strftime('%Y', (999, 1, 1, 0, 0, 0, 0, 1, 0)), time.strftime('%Y %m %d', (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime('%Z|%z', time.gmtime(0)), time.strftime('%Z|%z', time.struct_time((2024, 1, 1, 0, 0, 0, 0, 1, 0), {'tm_zone': 'XYZ', 'tm_gmtoff': 5400})))
print(time.asctime(fixed), time.asctime((2024, 2, 29, 23, 59, 60, 3, 60, 0)), time.asctime((12345, 12, 31, 1, 2, 3, 6, 365, 1)))
print(time.asctime((2024, 0, 0, 0, 0, 0, 0, 0, 0)), time.asctime(time.gmtime(-2208988800)))
print(type(time.asctime()), type(time.ctime()), type(time.strftime('%Y')), len(time.ctime(0)))
for f, name in [(lambda a: time.strftime('%Y', a), 'strftime'), (time.asctime, 'asctime'), (time.mktime, 'mktime')]:
    for arg in [(1, 2, 3), (2024, 1, 1, 0, 0, 0, 0, 1, 0.5), 'abc', [2024, 1, 1, 0, 0, 0, 0, 1, 0], (2024, 1, 1, 0, 0, 0, 0, 1, 'x'),
                (2**40, 1, 1, 0, 0, 0, 0, 1, 0), (-2**40, 1, 1, 0, 0, 0, 0, 1, 0), (2**70, 1, 1, 0, 0, 0, 0, 1, 0)]:
        print(name, arg, attempt(lambda: f(arg)))
for bad in [(2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, -1, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 32, 0, 0, 0, 0, 1, 0), (2024, 1, -1, 0, 0, 0, 0, 1, 0),
            (2024, 1, 1, 24, 0, 0, 0, 1, 0), (2024, 1, 1, -1, 0, 0, 0, 1, 0), (2024, 1, 1, 0, 60, 0, 0, 1, 0), (2024, 1, 1, 0, 0, 62, 0, 1, 0),
            (2024, 1, 1, 0, 0, 61, 0, 1, 0), (2024, 1, 1, 0, 0, 0, -2, 1, 0), (2024, 1, 1, 0, 0, 0, 9, 1, 0), (2024, 1, 1, 0, 0, 0, 0, 367, 0),
            (2024, 1, 1, 0, 0, 0, 0, -1, 0), (2024, 1, 1, 0, 0, 0, 0, 1, 5)]:
    print(bad, attempt(lambda: time.strftime('%Y-%m-%d %H:%M:%S %a %j', bad)), attempt(lambda: time.asctime(bad)))
print(attempt(lambda: time.strftime(5)), attempt(lambda: time.strftime('a\0b')), attempt(lambda: time.strftime()))
print(attempt(lambda: time.strftime('%Y', fixed, 1)), attempt(lambda: time.asctime(1, 2)), attempt(lambda: time.mktime()))

# mktime(localtime(t)) round trips, whatever the local zone
for t in [0, 86400 * 365, 951782400, 1700000000, 1700000000 + 86400 * 180, 2**31 - 1]:
    lt = time.localtime(t)
    print(t, time.mktime(lt) == t, type(time.mktime(lt)).__name__, time.ctime(t) == time.asctime(lt))
lt = time.localtime(1700000000)
print(time.mktime(tuple(lt)) == 1700000000, isinstance(lt.tm_zone, str), isinstance(lt.tm_gmtoff, int))
print(time.mktime((2024, 1, 1, 0, 0, 0, 0, 1, -1)) == time.mktime((2023, 12, 32, 0, 0, 0, 0, 1, -1)))

# clocks
for name in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    f, fns = getattr(time, name), getattr(time, name + '_ns')
    a, b = f(), fns()
    info = time.get_clock_info(name)
    print(name, type(a).__name__, type(b).__name__, info.implementation, info.monotonic, info.adjustable, info.resolution > 0)
print(attempt(lambda: time.get_clock_info('nope')), attempt(lambda: time.time(1)), attempt(lambda: time.monotonic_ns(1)))
t1 = time.monotonic(); t2 = time.monotonic(); print(t2 >= t1)
print(abs(time.time() - time.time_ns() / 1e9) < 1, abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 1)
print(type(time.clock_gettime_ns(time.CLOCK_MONOTONIC)).__name__, time.clock_getres(time.CLOCK_MONOTONIC) > 0)
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID, time._STRUCT_TM_ITEMS)

# sleep
print(time.sleep(0), time.sleep(0.001))
for bad in [-1, -0.5, float('nan'), 'x', None]:
    print(repr(bad), attempt(lambda: time.sleep(bad)))
print(attempt(lambda: time.sleep()), attempt(lambda: time.sleep(1, 2)))

# zone variables exist with the right types
print(type(time.timezone).__name__, type(time.altzone).__name__, time.daylight in (0, 1), type(time.tzname).__name__, len(time.tzname))
print(time.tzset())
print(attempt(lambda: time.get_clock_info()), attempt(lambda: time.get_clock_info(3)))
