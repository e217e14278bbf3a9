"""Reframing: a regression target cut into bins gives a predictive distribution.

A classifier's probabilities over target bins yield intervals at any level from one
model. Look at: 80% coverage where the noise is large (the fixed-width band fails),
the interval score against two quantile regressions, and 10 bins being too coarse.
"""

import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression, QuantileRegressor
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, SplineTransformer

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(6000, 1))
# Heteroscedastic target: the noise standard deviation grows from 0.2 to 4.2.
y = 3 * np.sin(x[:, 0]) + rng.normal(0, 0.2 + 0.4 * x[:, 0])
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.4, random_state=0)
quiet, noisy = x_test[:, 0] < 3, x_test[:, 0] > 7


def splines(model):  # every model sees the same spline features of x
    return make_pipeline(SplineTransformer(n_knots=10), model)


def binned_classifier(n_bins):  # returns a function from probability level to values
    # Reframe: quantile bins of the training target become the classes.
    binner = KBinsDiscretizer(n_bins=n_bins, encode="ordinal", strategy="quantile")
    bins = binner.fit_transform(y_train.reshape(-1, 1)).ravel().astype(int)
    classifier = splines(LogisticRegression(C=100, solver="newton-cholesky"))
    proba = classifier.fit(x_train, bins).predict_proba(x_test)  # a histogram per row
    cdf = np.hstack([np.zeros((len(proba), 1)), np.cumsum(proba, axis=1)])
    edges = binner.bin_edges_[0]  # invert each row's CDF, flat inside a bin
    return lambda q: np.array([np.interp(q, row, edges) for row in cdf])


coarse, fine = binned_classifier(10), binned_classifier(30)

# Alternatives: a point regressor with one global residual band, and two quantile
# regressions (10% and 90%) on the same features.
regressor = splines(LinearRegression()).fit(x_train, y_train)
band = np.quantile(y_train - regressor.predict(x_train), [0.1, 0.9])
point = regressor.predict(x_test)
quantile = [
    splines(QuantileRegressor(quantile=q, alpha=0))
    .fit(x_train, y_train)
    .predict(x_test)
    for q in (0.1, 0.9)
]
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
scores = {}
for name, (low, high, n_models) in intervals.items():
    covered = (y_test >= low) & (y_test <= high)
    scores[name] = interval_score(low, high)
    print(
        f"{name:<35}{covered.mean():>6.3f}{covered[quiet].mean():>6.3f}"
        f"{covered[noisy].mean():>6.3f}"
        f"{(high - low).mean():>7.2f}{scores[name].mean():>7.2f}{n_models:>7}"
    )
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

fixed_low, fixed_high, _ = intervals["fixed-width band around regressor"]
fixed_noisy = ((y_test >= fixed_low) & (y_test <= fixed_high))[noisy].mean()
for level, (overall, where_noisy) in coverage.items():  # calibrated at every level
    assert abs(overall - level) < 0.05 and abs(where_noisy - level) < 0.07, level
assert coverage[0.8][1] > fixed_noisy + 0.1, "a fixed-width band under-covers x>7"
