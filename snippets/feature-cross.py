"""Feature Cross: one weight per (hour, day) cell lets logistic regression learn surges.

Look at: log loss on 10,000 held-out trips. With plenty of rows per cell the crossed
linear model nearly matches gradient boosting and beats a degree-2 polynomial and
one-hot without a cross; with few rows per cell boosted trees, which pool neighboring
hours, win.
"""

import numpy as np
from scipy import sparse
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures

# Ride requests: surge on weekday commutes, weekend nights and, a little, Friday nights.
rng = np.random.default_rng(0)
n = 30_000
hour, day = rng.integers(0, 24, n), rng.integers(0, 7, n)
commute, night = np.isin(hour, [7, 8, 9, 17, 18]), np.isin(hour, [22, 23, 0, 1, 2])
logit = -1.5 + 3 * (commute & (day < 5)) + 3 * (night & (day >= 5)) + (day == 4) * night
surge = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
X = np.c_[hour, day]
cell = hour * 7 + day  # the cross: one of 24 x 7 = 168 values

# Each encoder is stateless (fixed categories), so it can encode all rows at once.
one_hot = OneHotEncoder(categories=[range(24), range(7)]).fit_transform(X)
crossed = OneHotEncoder(categories=[range(168)]).fit_transform(cell.reshape(-1, 1))
hashed = FeatureHasher(1_024, input_type="string").transform(
    [[f"hour={h}&day={d}"] for h, d in X]
)
inputs = {
    "raw hour, day, degree-2 poly": PolynomialFeatures(2).fit_transform(X / [23, 6]),
    "one-hot hour + day, no cross": one_hot,
    "one-hot + crossed cells": sparse.hstack([one_hot, crossed]).tocsr(),
    "one-hot + hashed cross (1,024)": sparse.hstack([one_hot, hashed]).tocsr(),
    "gradient boosting, raw inputs": X,
}
test = slice(20_000, None)
# 20,000 rows (about 120 per cell), then six disjoint draws of 1,000 (about 6 per cell).
training_sets = [slice(0, 20_000)] + [
    slice(1_000 * k, 1_000 * k + 1_000) for k in range(6)
]
loss = {}
for name, features in inputs.items():
    if name.startswith("gradient"):
        model = GradientBoostingClassifier(
            n_estimators=60, learning_rate=0.2, random_state=0
        )
    else:
        model = LogisticRegression(solver="liblinear")
    runs = []
    for rows in training_sets:
        p = model.fit(features[rows], surge[rows]).predict_proba(features[test])[:, 1]
        runs.append(log_loss(surge[test], p))
    loss[name] = np.array(runs)
best = log_loss(surge[test], 1 / (1 + np.exp(-logit[test])))

print(f"{'log loss, 10,000 test trips':<32}{'columns':>8}{'20,000 rows':>13}", end="")
print(f"{'1,000 rows: mean +/- std, 6 draws':>35}")
for name, runs in loss.items():
    small = f"{runs[1:].mean():>24.4f} +/- {runs[1:].std():.4f}"
    print(f"{name:<32}{inputs[name].shape[1]:>8}{runs[0]:>13.4f}{small}")
print(f"{'true probabilities (floor)':<32}{'':>8}{best:>13.4f}")

cross, boosted = loss["one-hot + crossed cells"], loss["gradient boosting, raw inputs"]
gap = cross[1:] - boosted[1:]  # paired over the six draws
print(
    f"1,000 rows: crossed - boosting {gap.mean():+.4f} +/- {2 * gap.std():.4f} (2 std)"
)
# With 20,000 rows the cross nears the floor, like boosting; the others cannot.
assert cross[0] < best + 0.01 and abs(cross[0] - boosted[0]) < 0.005
assert cross[0] < loss["one-hot hour + day, no cross"][0] - 0.05
assert cross[0] < loss["raw hour, day, degree-2 poly"][0] - 0.05
# With about 6 rows per cell, trees that pool neighboring hours win.
assert gap.mean() > 2 * gap.std()
