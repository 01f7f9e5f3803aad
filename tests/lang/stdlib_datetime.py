# datetime (the pure-Python implementation in CPython's datetime.py): dates, times,
# deltas, time zones, formatting and parsing, arithmetic and errors.
from datetime import date, datetime, time, timedelta, timezone
import datetime as dt

d = date(2024, 2, 28)
print(d, repr(d), d + timedelta(days=2), d.weekday(), d.isoweekday(), tuple(d.isocalendar()))
print(d.replace(day=1), d.toordinal(), date.fromordinal(738945), date.fromisoformat('2023-12-31'))
print(d.strftime('%A %d %B %Y %j %U'), format(d, '%y/%m/%d'), d.ctime())
print(date(2024, 3, 1) - d, (date(2025, 1, 1) - d).days, d < date(2024, 3, 1), d == date(2024, 2, 28))
t = time(13, 5, 9, 1234)
print(t, repr(t), t.isoformat('milliseconds'), t.replace(hour=1), time.fromisoformat('04:23:01.000384'))
td = timedelta(days=-1, seconds=3661, microseconds=5)
print(td, repr(td), td.total_seconds(), abs(td), td * 3, td / 2, td // timedelta(hours=1), -td)
print(timedelta(weeks=1, hours=25), timedelta(0), timedelta.max, timedelta.min, timedelta.resolution)
x = datetime(2024, 12, 31, 23, 59, 58, 999999)
print(x, repr(x), x + timedelta(seconds=2), x.isoformat(), x.isoformat(' ', 'seconds'), x.timetuple()[:6])
print(datetime.fromisoformat('2011-11-04T00:05:23+04:00'), datetime.strptime('2020-05-17 08:09', '%Y-%m-%d %H:%M'))
print(datetime.combine(d, t), x.date(), x.time(), x.replace(year=2000), datetime(2020, 1, 1).timestamp() > 0)
utc = timezone.utc
est = timezone(timedelta(hours=-5), 'EST')
a = datetime(2024, 6, 1, 12, 0, tzinfo=utc)
print(a, a.astimezone(est), a.astimezone(est).tzname(), a.utcoffset(), est, repr(est), timezone(timedelta(minutes=90)))
print(a - datetime(2024, 6, 1, 6, 0, tzinfo=est), a == a.astimezone(est), datetime.fromtimestamp(0, utc))
print(sorted([date(2020, 1, 2), date(2019, 5, 5), date(2020, 1, 1)]))
print(hash(date(2024, 1, 1)) == hash(date(2024, 1, 1)), {timedelta(1): 'x'}[timedelta(days=1)])
print(date.min, date.max, datetime.min, time.max, dt.MINYEAR, dt.MAXYEAR)
# The messages the C _datetime and the pure-Python datetime share (minipy
# runs the pure one; its own messages for range errors and naive/aware
# mixing differ from the C module's and are left out).
for bad in [lambda: date.fromisoformat('2020-1-1'), lambda: datetime.strptime('x', '%Y')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
