"""Data Drift: a two-sample test flags a shifted batch, and recency weights keep a model current.

Look at the KS statistic and p-value: the unshifted batch passes, the shifted one fires.
Then compare accuracy on the newest data for a model that weights all history equally
and one that weights recent months more.
"""

import numpy as np
from scipy.stats import ks_2samp
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
ALPHA = 0.01  # alert when the batch is this unlikely under the training distribution

# Drift detector on one input feature, e.g. a basket value.
reference = rng.lognormal(mean=3.0, sigma=0.5, size=2000)  # what the model trained on
batches = {
    "same source": rng.lognormal(mean=3.0, sigma=0.5, size=500),
    "prices +15%": 1.15 * rng.lognormal(mean=3.0, sigma=0.5, size=500),
}
alerts = {}
for name, batch in batches.items():
    result = ks_2samp(reference, batch)
    alerts[name] = bool(result.pvalue < ALPHA)
    print(f"{name:<12} KS={result.statistic:.3f} p={result.pvalue:.4f} drift={alerts[name]}")


# Twelve months of labeled rows; the decision boundary moves a little every month.
def month(index, rows=300):
    X = rng.normal(size=(rows, 2))
    y = (X[:, 0] + 0.25 * index * X[:, 1] > 0.1 * index).astype(int)
    return X, y


history = [month(m) for m in range(12)]
X_hist = np.vstack([X for X, _ in history])
y_hist = np.concatenate([y for _, y in history])
age = np.repeat(np.arange(11, -1, -1), 300)  # months before the newest data
X_now, y_now = month(12, rows=3000)

equal = LogisticRegression().fit(X_hist, y_hist)
recent = LogisticRegression().fit(X_hist, y_hist, sample_weight=0.5**age)  # halve per month
acc_equal, acc_recent = equal.score(X_now, y_now), recent.score(X_now, y_now)
print(f"accuracy on month 12, equal weights:   {acc_equal:.3f}")
print(f"accuracy on month 12, recency weights: {acc_recent:.3f}")

assert alerts == {"same source": False, "prices +15%": True}
assert acc_recent > acc_equal + 0.05
