"""Preprocessing Leakage: feature selection fitted outside cross-validation, on noise.

The label is random, so no honest method beats 0.50. Picking the 20 "best" of 2,000
noise columns on all rows before cross-validating scores 0.85; the same step inside a
Pipeline scores about 0.5, like fresh rows. The probe gap flags the leak; a scaler
fitted on all rows leaks nothing measurable here.
"""

import numpy as np
from sklearn.base import clone
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)
X = rng.normal(size=(100, 2000))  # 100 samples, 2,000 measurements, no signal at all
y = rng.permutation(np.repeat([0, 1], 50))
X_fresh = rng.normal(size=(1000, 2000))  # new rows from the same (signal-free) source
y_fresh = rng.integers(0, 2, size=1000)
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=0)


def leakage_probe(pipeline, X, y, cv):
    """CV scores of a pipeline fitted per fold, and of the same pipeline whose
    preprocessing was fitted once on all rows (the leaky way). A gap means leakage."""
    honest = cross_val_score(pipeline, X, y, cv=cv)
    preprocess, model = pipeline[:-1], pipeline[-1]
    X_prefit = clone(preprocess).fit(X, y).transform(X)  # sees every validation fold
    leaky = cross_val_score(clone(model), X_prefit, y, cv=cv)
    return leaky, honest


model = LogisticRegression(solver="liblinear")
selection = make_pipeline(SelectKBest(f_classif, k=20), model)
scaling = make_pipeline(StandardScaler(), model)
sel_leaky, sel_honest = leakage_probe(selection, X, y, cv)
sc_leaky, sc_honest = leakage_probe(scaling, X, y, cv)

# Either way the final model is the same: selection and fit on all rows. Only the
# estimate differs, so fresh rows show which estimate told the truth.
fresh = clone(selection).fit(X, y).score(X_fresh, y_fresh)

rows = [
    ("SelectKBest fit on all rows, then CV", sel_leaky),
    ("SelectKBest inside the Pipeline", sel_honest),
    ("StandardScaler fit on all rows, then CV", sc_leaky),
    ("StandardScaler inside the Pipeline", sc_honest),
]
print("estimate (5-fold CV x 3 repeats)           accuracy")
for name, scores in rows:
    print(f"{name:<41} {scores.mean():.2f} +/- {scores.std():.2f}")
print(f"{'fresh rows, final SelectKBest model':<41} {fresh:.2f}")
print(
    f"leakage_probe gap: SelectKBest {sel_leaky.mean() - sel_honest.mean():+.2f}, "
    f"StandardScaler {sc_leaky.mean() - sc_honest.mean():+.2f}"
)

# The leak: selection on all rows makes noise look predictive, far beyond the spread.
assert sel_leaky.mean() - sel_honest.mean() > 2 * (sel_leaky - sel_honest).std()
assert sel_leaky.mean() > 0.8
# The fix: inside the Pipeline, CV agrees with fresh data (chance level on noise).
assert abs(sel_honest.mean() - 0.5) < 0.1 and abs(fresh - 0.5) < 0.05
# Scaling statistics carry no label information: the probe shows no gap there.
assert abs(sc_leaky.mean() - sc_honest.mean()) < 0.02
