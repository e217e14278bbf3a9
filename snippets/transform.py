"""Transform: preprocessing saved inside the model serves identical predictions.

The Pipeline reloaded from disk reproduces the training-time predictions bit for bit;
two hand-written serving versions of "the same" preprocessing shift and flip predictions.
"""

import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)
X, y = make_classification(
    n_samples=3000, n_features=6, n_informative=4, shuffle=False, random_state=0
)
X[:, 0] = np.exp(1.5 * X[:, 0] + 2)  # a right-skewed raw input, like a price
X[rng.random(X.shape) < 0.2] = np.nan  # 20% missing values, as in raw logs
X_train, X_serve, y_train, _ = train_test_split(X, y, test_size=0.5, random_state=0)

# The Transform pattern: every preprocessing step is fitted and saved with the model.
model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression())
model.fit(X_train, y_train)
expected = model.predict_proba(X_serve)[:, 1]

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "model.joblib"
    joblib.dump(model, path)
    served = joblib.load(path).predict_proba(X_serve)[:, 1]

# Anti-pattern: the serving code re-implements preprocessing and keeps only the classifier.
imputer, scaler, classifier = model.named_steps.values()


def fill(raw, values):
    return np.where(np.isnan(raw), values, raw)


def score(features):
    return classifier.predict_proba(features)[:, 1]


# Detail 1: missing values filled with the training mean instead of the median.
skew_fill = score((fill(X_serve, np.nanmean(X_train, axis=0)) - scaler.mean_) / scaler.scale_)
# Detail 2: scaling statistics recomputed on each incoming batch of 100 requests.
batches = np.array_split(fill(X_serve, imputer.statistics_), len(X_serve) // 100)
skew_stats = np.concatenate([score((b - b.mean(axis=0)) / b.std(axis=0)) for b in batches])

print(f"Pipeline reloaded with joblib: max |diff| {np.abs(served - expected).max():.3f}")
for label, skewed in [("mean instead of median", skew_fill), ("per-batch scaling", skew_stats)]:
    gap = np.abs(skewed - expected).max()
    flipped = np.mean((skewed > 0.5) != (expected > 0.5))
    print(f"re-implemented, {label}: max |diff| {gap:.3f}, flipped {flipped:.1%}")
    assert gap > 0.01 and flipped > 0.005  # the hand-written version skews predictions

assert np.array_equal(served, expected)  # bit-identical, not merely close
