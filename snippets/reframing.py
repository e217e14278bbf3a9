"""Reframing: a regression target cut into bins gives a predictive distribution.

A classifier's probabilities over target bins yield an 80% interval for every row.
Look at the overall coverage (close to 80%), at the interval widening where the noise
is larger, and at the fixed-width baseline under-covering that noisy region.
"""

import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import KBinsDiscretizer, SplineTransformer

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(6000, 1))
# Heteroscedastic target: the noise standard deviation grows from 0.2 to 4.2.
y = 3 * np.sin(x[:, 0]) + rng.normal(0, 0.2 + 0.4 * x[:, 0])
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.4, random_state=0)
quiet, noisy = x_test[:, 0] < 3, x_test[:, 0] > 7

# Reframe: quantile bins of the training target become the classes.
binner = KBinsDiscretizer(n_bins=20, encode="ordinal", strategy="quantile")
bin_train = binner.fit_transform(y_train.reshape(-1, 1)).ravel().astype(int)
edges = binner.bin_edges_[0]
classifier = make_pipeline(
    SplineTransformer(n_knots=10), LogisticRegression(C=100, solver="newton-cholesky")
)
proba = classifier.fit(x_train, bin_train).predict_proba(x_test)  # one distribution per row

# Invert each row's piecewise-linear CDF (uniform mass inside a bin) at 10% and 90%.
cdf = np.hstack([np.zeros((len(proba), 1)), np.cumsum(proba, axis=1)])
lower = np.array([np.interp(0.1, row, edges) for row in cdf])
upper = np.array([np.interp(0.9, row, edges) for row in cdf])
covered = (y_test >= lower) & (y_test <= upper)
width = upper - lower

# Baseline: a point regressor plus one global interval from its training residuals.
regressor = make_pipeline(SplineTransformer(n_knots=10), LinearRegression()).fit(x_train, y_train)
low_res, high_res = np.quantile(y_train - regressor.predict(x_train), [0.1, 0.9])
point = regressor.predict(x_test)
fixed_covered = (y_test >= point + low_res) & (y_test <= point + high_res)

print(f"classes (target bins): {proba.shape[1]}")
print(
    f"80% interval coverage, all rows: binned {covered.mean():.3f}, "
    f"fixed-width {fixed_covered.mean():.3f}"
)
print(
    f"coverage where x>7:             binned {covered[noisy].mean():.3f}, "
    f"fixed-width {fixed_covered[noisy].mean():.3f}"
)
print(f"binned interval width, x<3 vs x>7: {width[quiet].mean():.2f} vs {width[noisy].mean():.2f}")

assert 0.75 <= covered.mean() <= 0.87, "the 80% interval should cover about 80% of targets"
assert width[noisy].mean() > 2 * width[quiet].mean(), "width should follow the noise level"
assert covered[noisy].mean() > fixed_covered[noisy].mean() + 0.1, "fixed width under-covers"
