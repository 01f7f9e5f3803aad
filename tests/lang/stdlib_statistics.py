import statistics as st
from fractions import Fraction
from decimal import Decimal

data = [2.5, 3.25, 5.5, 11.25, 11.75]
ints = [1, 2, 2, 3, 4, 4, 4, 5]
print(st.mean(ints), st.mean(data), st.mean([Fraction(1, 3), Fraction(2, 3)]), st.mean([Decimal("0.5"), Decimal("0.75")]))
print(st.fmean(ints), st.fmean([1, 2, 3], weights=[3, 2, 1]))
print(st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(st.median(ints), st.median([1, 3, 5]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.median_grouped([52, 52, 53, 54]), st.median_grouped([1, 3, 3, 5, 7], interval=2))
print(st.mode(ints), st.mode(["red", "blue", "red"]), st.multimode("aabbbbccddddeeffffgg"), st.multimode([]))
print(st.pstdev(data), st.stdev(data), st.pvariance(ints), st.variance(ints))
print(st.variance(data, xbar=st.mean(data)), st.pvariance([Fraction(1, 4), Fraction(5, 4)]))
print(st.variance([Decimal("27.5"), Decimal("30.25"), Decimal("30.25")]))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.quantiles(range(1, 101), n=10))
print(st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92], n=4, method="inclusive"))
x = [1, 2, 3, 4, 5]
y = [2, 4, 5, 4, 5]
print(st.covariance(x, y), st.correlation(x, y), st.linear_regression(x, y))
print(st.linear_regression(x, y, proportional=True))

nd = st.NormalDist(100, 15)
print(nd, nd.mean, nd.stdev, nd.variance, nd.median, nd.mode)
print(round(nd.pdf(100), 10), round(nd.cdf(115), 10), round(nd.inv_cdf(0.975), 6))
print([round(q, 4) for q in nd.quantiles()], round(nd.overlap(st.NormalDist(110, 10)), 6))
print(round(nd.zscore(130), 6), nd + 5, nd * 2, nd - st.NormalDist(10, 20), 2 * nd, -nd)
print(nd == st.NormalDist(100, 15), st.NormalDist.from_samples([2, 4, 4, 4, 5, 5, 7, 9]))
print([round(v, 6) for v in nd.samples(3, seed=42)], st.NormalDist())
print(st.mean(x for x in range(5)), st.median(iter([3, 1, 2])), st.mode([1.5, 1.5, 2]), st.mean([True, False, True]))

def err(f, *a, **k):
    try:
        print("ok", f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

err(st.mean, [])
err(st.fmean, [])
err(st.median, [])
err(st.mode, [])
err(st.stdev, [1])
err(st.variance, [1])
err(st.pvariance, [])
err(st.geometric_mean, [1, -1])
err(st.harmonic_mean, [1, -1])
err(st.quantiles, [1], n=4)
err(st.quantiles, [1, 2], n=0)
err(st.quantiles, [1, 2], method="bad")
err(st.correlation, [1, 2], [1])
err(st.correlation, [1, 1], [1, 2])
err(st.covariance, [1], [1])
err(st.NormalDist, 0, -1)
err(st.NormalDist(0, 0).pdf, 1)
err(st.NormalDist().inv_cdf, 1.5)
err(st.NormalDist.from_samples, [1])
err(st.mean, ["a", "b"])
err(st.median_grouped, [1, "x"])
print(issubclass(st.StatisticsError, ValueError))
