"""Hyperparameter Tuning: a successive-halving random search beats the defaults on held-out data.

Read the budget lines first (candidates and rows per round), then compare the
default and tuned test accuracy; the test rows are never seen by the search.
"""

import numpy as np
from scipy.stats import loguniform
from sklearn.datasets import make_classification
from sklearn.experimental import enable_halving_search_cv  # noqa: F401 (enables the import below)
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import HalvingRandomSearchCV, train_test_split

# Wide data with few informative columns: the default C=1.0 with an L2 penalty overfits.
X, y = make_classification(
    n_samples=1800, n_features=300, n_informative=8, n_redundant=0, flip_y=0.05, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=1000, random_state=0)

default = LogisticRegression(solver="liblinear").fit(X_train, y_train)

search = HalvingRandomSearchCV(
    LogisticRegression(solver="liblinear"),
    {"C": loguniform(1e-3, 1e1), "l1_ratio": [0.0, 1.0]},  # strength and L2-vs-L1
    n_candidates=30,  # the budget: 30 random settings in the first round
    factor=3,  # keep the best third each round, give them 3x more rows
    min_resources="exhaust",  # the last round trains on (nearly) all training rows
    cv=5,
    random_state=0,
).fit(X_train, y_train)

n_fits = sum(search.n_candidates_) * search.n_splits_
rounds = search.n_iterations_
print(f"budget: {search.n_candidates_[0]} candidates, {n_fits} fits in {rounds} rounds")
print(f"candidates per round: {search.n_candidates_}")
print(f"rows per round:       {search.n_resources_}")
best = search.best_params_
print(f"best: C={best['C']:.3f}, l1_ratio={best['l1_ratio']}")
default_acc = default.score(X_test, y_test)
tuned_acc = search.score(X_test, y_test)  # refit on all training rows with the best setting
print(f"held-out accuracy: default {default_acc:.3f}, tuned {tuned_acc:.3f}")

assert search.n_resources_[-1] > 0.9 * len(X_train)
assert (best["C"], best["l1_ratio"]) != (1.0, 0.0)
assert tuned_acc >= default_acc + 0.03
assert np.all(np.diff(search.n_candidates_) < 0)  # each round drops weak candidates
