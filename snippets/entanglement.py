"""Entanglement: capping one input flips decisions on rows whose inputs did not change.

An upstream team caps income at its 95th percentile and the model is retrained. Look at:
nearly every flipped decision is on a row with identical inputs, so a review of the
changed rows misses them; the churn check compares each slice with retrain noise.
"""

from statistics import NormalDist

import numpy as np
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.default_rng(0)


def applicants(n: int) -> tuple:
    """Columns: income, debt ratio, tenure, region (0-3, richer regions earn more)."""
    region, health = rng.integers(4, size=n), rng.normal(size=n)
    income = np.exp(0.6 * health + 0.4 * region + rng.normal(scale=0.6, size=n))
    debt = 0.5 * health + rng.normal(size=n)
    tenure = 0.4 * health + rng.normal(size=n)
    logit = 1.2 * np.log(income) - 0.8 * debt + 0.5 * tenure - 0.3 * region
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return np.c_[income, debt, tenure, region], y


def train(X: np.ndarray, y: np.ndarray) -> object:
    encode = make_column_transformer(
        (StandardScaler(), [0, 1, 2]), (OneHotEncoder(), [3])
    )
    return make_pipeline(encode, LogisticRegression(solver="newton-cholesky")).fit(X, y)


def churn(old: np.ndarray, new: np.ndarray, rows: np.ndarray) -> float:
    """Share of the selected rows whose decision differs between two model versions."""
    return float(np.mean(old[rows] != new[rows]))


X, y = applicants(40_000)
X_test, y_test = applicants(20_000)
cap = np.quantile(X[:, 0], 0.95)  # the upstream change: income capped at p95
capped, capped_test = X.copy(), X_test.copy()
capped[:, 0] = np.minimum(X[:, 0], cap)
capped_test[:, 0] = np.minimum(X_test[:, 0], cap)
unchanged = X_test[:, 0] <= cap  # rows whose inputs are identical before and after

v1 = train(X, y).predict(X_test)
v2 = train(capped, y).predict(capped_test)  # the same rows, one column capped
noise = []  # churn of a retrain with nothing changed, on a bootstrap resample
for _ in range(30):
    boot = rng.integers(len(y), size=len(y))
    noise.append(train(X[boot], y[boot]).predict(X_test))

slices = {f"region {r}": X_test[:, 3] == r for r in range(4)}
slices["all"] = np.ones(len(y_test), bool)
# Bonferroni: 5 slices x 2 checks share a 5% family-wise false-alarm rate.
z = NormalDist().inv_cdf(1 - 0.05 / (2 * len(slices)))
header = ("slice", "inputs changed", "flips, same inputs", "retrain noise")
print(f"{header[0]:<8} {header[1]:>15} {header[2]:>19} {header[3]:>14}", end="")
print(f"  accuracy new - old +/- {z:.1f} SE")
flagged = []
for name, rows in slices.items():
    flips = churn(v1, v2, rows & unchanged)
    band = [churn(v1, other, rows & unchanged) for other in noise]
    gain = (v2 == y_test)[rows].astype(float) - (v1 == y_test)[rows]
    se = gain.std() / np.sqrt(rows.sum())  # paired: same rows, two versions
    if flips > np.mean(band) + z * np.std(band) or gain.mean() < -z * se:
        flagged.append(name)
    noise_band = f"{np.mean(band):.1%} +/- {np.std(band):.1%}"
    accuracy = f"{gain.mean():+.3f} +/- {z * se:.3f}"
    changed = np.mean(~unchanged[rows])
    print(f"{name:<8} {changed:>15.1%} {flips:>19.1%} {noise_band:>14} {accuracy:>30}")

flipped = v1 != v2
seen, total = int(np.sum(flipped & ~unchanged)), int(np.sum(flipped))
print(f"changed-rows review: sees {seen} of {total} flipped decisions -> ship quietly")
print(f"churn + slice check: flags {', '.join(flagged)} -> review, new version")
assert seen / total < 0.05  # a review of the changed rows misses >95% of the flips
assert "all" in flagged  # the cap moves decisions more than a plain retrain does
