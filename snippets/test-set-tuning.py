"""Tuning on the Test Set: the best of 50 test scores is not a test score.

The labels are coin flips, so every candidate's true accuracy is 0.50. Look at: the
winner's test score (picked on test) and its validation score (picked on validation)
both report about 0.6; only a test set scored once after the pick reports the 0.5
that fresh data delivers. Means and spreads are over 10 independent datasets.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
# 50 candidates, as a team might try them: a feature subset and a regularization
# strength each.
CANDIDATES = [
    (np.sort(rng.choice(30, size=6, replace=False)), C)
    for C in (0.03, 0.3, 3.0, 30.0, 300.0) * 10
]


def fit(candidate, X, y):
    cols, C = candidate
    return cols, LogisticRegression(C=C, solver="liblinear").fit(X[:, cols], y)


def score(fitted, X, y):
    cols, model = fitted
    return model.score(X[:, cols], y)


def se(values):  # standard error of a mean over runs
    return values.std(ddof=1) / np.sqrt(len(values))


names = ["picked on test set", "best validation score", "validation pick, test once"]
reported, fresh = {n: [] for n in names}, {n: [] for n in names}
for _ in range(10):  # ten independent small projects
    X, y = rng.normal(size=(2300, 30)), rng.integers(0, 2, size=2300)
    # 140 rows to train, 60 to validate, 100 for the test set; the last 2,000 rows
    # stand in for the data the model meets after release.
    train, val, test, new = (slice(0, 140), slice(140, 200), slice(200, 300),
                             slice(300, None))  # fmt: skip
    fits = [fit(c, X[train], y[train]) for c in CANDIDATES]
    test_scores = np.array([score(f, X[test], y[test]) for f in fits])
    val_scores = np.array([score(f, X[val], y[val]) for f in fits])
    # Same 50 fitted models; the procedures differ only in which score picks one.
    by_test, by_val = test_scores.argmax(), val_scores.argmax()
    picks = [(by_test, test_scores), (by_val, val_scores), (by_val, test_scores)]
    for name, (pick, scores) in zip(names, picks, strict=True):
        reported[name].append(scores[pick])
        fresh[name].append(score(fits[pick], X[new], y[new]))

print("procedure                   reported acc        fresh-data acc   optimism")
gaps = {}
for name in names:
    rep, new_acc = np.array(reported[name]), np.array(fresh[name])
    gaps[name] = rep - new_acc
    print(
        f"{name:<27} {rep.mean():.3f} +/- {rep.std():.3f}     "
        f"{new_acc.mean():.3f} +/- {new_acc.std():.3f}  {gaps[name].mean():+.3f}"
    )

leaky, honest, val_only = gaps[names[0]], gaps[names[2]], gaps[names[1]]
diff = leaky - honest
# The failure: the test-picked score overstates fresh accuracy in every project, and
# by more than 2 standard deviations across projects.
assert (leaky > 0).all() and leaky.mean() > 2 * leaky.std()
# The winner's own validation score is as optimistic: it is not an estimate either.
assert val_only.mean() > 3 * se(val_only)
# The fix: the paired difference clears 3 standard errors over 10 runs, and a test
# set scored once is unbiased (its optimism is zero within the noise).
assert diff.mean() > 3 * se(diff)
assert abs(honest.mean()) < 2 * se(honest)
