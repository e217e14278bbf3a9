"""Reframing: a regression target cut into bins gives a predictive distribution.

A classifier's probabilities over target bins yield intervals at any level from one
model. Look at: 80% coverage where the noise is large (a fixed band fails), the interval
score (quantile regression wins it), and the chance of exceeding a limit on a bimodal
target, which a Gaussian at the point estimate with the quantiles' width misses."""

import numpy as np
from scipy.stats import norm
from sklearn.linear_model import LinearRegression, LogisticRegression, QuantileRegressor
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, SplineTransformer

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(6000, 1))
# Heteroscedastic target: the noise standard deviation grows from 0.2 to 4.2. For
# 4 < x < 6 it is bimodal: a second pickup adds 4 or takes 4 away, at random.
y = 3 * np.sin(x[:, 0]) + rng.normal(0, 0.2 + 0.4 * x[:, 0])
y += np.where(abs(x[:, 0] - 5) < 1, rng.choice([-4, 4], len(y)), 0)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.4, random_state=0)
quiet, noisy, bimodal = x_test[:, 0] < 3, x_test[:, 0] > 7, abs(x_test[:, 0] - 5) < 1


def splines(model):  # every model sees the same spline features of x
    return make_pipeline(SplineTransformer(n_knots=10), model)


def binned_classifier(n_bins):  # returns the quantile function and the CDF per row
    # Reframe: quantile bins of the training target become the classes.
    binner = KBinsDiscretizer(n_bins=n_bins, encode="ordinal", strategy="quantile")
    bins = binner.fit_transform(y_train.reshape(-1, 1)).ravel().astype(int)
    classifier = splines(LogisticRegression(C=100, solver="newton-cholesky"))
    proba = classifier.fit(x_train, bins).predict_proba(x_test)  # a histogram per row
    cdf = np.hstack([np.zeros((len(proba), 1)), np.cumsum(proba, axis=1)])
    edges = binner.bin_edges_[0]  # flat density inside a bin

    def quantile_at(q):  # invert each row's CDF
        return np.array([np.interp(q, row, edges) for row in cdf])

    def cdf_at(values):  # each row's CDF at its own value
        rows = zip(values, cdf, strict=True)
        return np.array([np.interp(v, edges, row) for v, row in rows])

    return quantile_at, cdf_at


(coarse, _), (fine, fine_cdf) = binned_classifier(10), binned_classifier(30)

# Alternatives: a regressor with one residual band; 10% and 90% quantile regressions.
regressor = splines(LinearRegression()).fit(x_train, y_train)
band = np.quantile(y_train - regressor.predict(x_train), [0.1, 0.9])
point = regressor.predict(x_test)
quantile = []
for q in (0.1, 0.9):
    model = splines(QuantileRegressor(quantile=q, alpha=0)).fit(x_train, y_train)
    quantile.append(model.predict(x_test))
intervals = {
    "fixed-width band around regressor": (point + band[0], point + band[1], 1),
    "quantile regression, 10% and 90%": (*quantile, 2),
    "binned classifier, 10 bins": (coarse(0.1), coarse(0.9), 1),
    "binned classifier, 30 bins": (fine(0.1), fine(0.9), 1),
}


def interval_score(low, high, alpha=0.2):  # width plus a penalty for each miss
    miss = (low - y_test) * (y_test < low) + (y_test - high) * (y_test > high)
    return high - low + 2 / alpha * miss


print(
    f"{'80% intervals on 2,400 test rows':<35}{'cover':>6}{'x<3':>6}{'x>7':>6}"
    f"{'width':>7}{'score':>7}{'models':>7}"
)
scores, covers = {}, {}
for name, (low, high, n_models) in intervals.items():
    covers[name] = covered = (y_test >= low) & (y_test <= high)
    scores[name] = interval_score(low, high)
    cells = [covered.mean(), covered[quiet].mean(), covered[noisy].mean()]
    print(f"{name:<35}" + "".join(f"{c:>6.3f}" for c in cells), end="")
    print(f"{(high - low).mean():>7.2f}{scores[name].mean():>7.2f}{n_models:>7}")
diff = scores["binned classifier, 30 bins"] - scores["quantile regression, 10% and 90%"]
two_se = 2 * diff.std() / np.sqrt(diff.size)
print(
    f"score, 30 bins - quantile regression: {diff.mean():+.2f} +/- {two_se:.2f} (2 se)"
)

coverage = {}  # other levels come from the same fitted classifier, no refit
for level in (0.5, 0.8, 0.95):
    low, high = fine((1 - level) / 2), fine((1 + level) / 2)
    covered = (y_test >= low) & (y_test <= high)
    coverage[level] = covered.mean(), covered[noisy].mean()
all_rows, in_noisy = zip(*coverage.values(), strict=True)
print("30 bins, same model, cover at 50/80/95%: ", end="")
print(f"all {'/'.join(f'{c:.2f}' for c in all_rows)}, x>7 ", end="")
print("/".join(f"{c:.2f}" for c in in_noisy))

fixed_noisy = covers["fixed-width band around regressor"][noisy].mean()
for level, (overall, where_noisy) in coverage.items():  # calibrated at every level
    assert abs(overall - level) < 0.05 and abs(where_noisy - level) < 0.07, level
assert coverage[0.8][1] > fixed_noisy + 0.05, "a fixed-width band under-covers x>7"
assert diff.mean() > 0, "quantile regression gives the better single interval"

# Bimodal slice: the chance of arriving more than 3 later than the point estimate.
limit, late = point + 3, y_test > point + 3
spread = (quantile[1] - quantile[0]) / (2 * norm.ppf(0.9))  # 10%-90% as a Gaussian
p_late = {
    "binned classifier, 30 bins": 1 - fine_cdf(limit),
    "Gaussian, quantile-regression spread": norm.sf(3 / spread),  # mean = point
}
print(f"bimodal slice, {bimodal.sum()} rows: P(later than estimate + 3)  mean  Brier")
print(f"{'observed':<50}{late[bimodal].mean():.3f}")
brier = {name: ((p - late) ** 2)[bimodal] for name, p in p_late.items()}
for name, p in p_late.items():
    print(f"{name:<50}{p[bimodal].mean():.3f} {brier[name].mean():.3f}")
d = brier["Gaussian, quantile-regression spread"] - brier["binned classifier, 30 bins"]
two_se = 2 * d.std() / np.sqrt(d.size)
print(f"Brier, Gaussian - 30 bins: {d.mean():+.3f} +/- {two_se:.3f} (2 se)")
off = [abs(p[bimodal].mean() - late[bimodal].mean()) for p in p_late.values()]
assert off[0] < 0.05 < off[1] and d.mean() > 0, "the Gaussian misses the second mode"
