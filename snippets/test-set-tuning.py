"""Tuning on the Test Set: the best of 50 test scores is not a test score.

The labels are coin flips, so every candidate's true accuracy is 0.50. Look at: the
winner's test score (picked on test) and its validation score (picked on validation)
both report about 0.6; only a test set scored once after the pick reports the 0.5
that fresh data delivers. Means and spreads are over 10 independent datasets. The
locked test set counts its evaluations: 50 for the peeking procedure, 1 for the fix.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(0)
# 50 candidates, as a team might try them: a feature subset and a regularization
# strength each.
CANDIDATES = [
    (np.sort(rng.choice(30, size=6, replace=False)), C)
    for _ in range(10)  # ten subsets per strength
    for C in (0.03, 0.3, 3.0, 30.0, 300.0)
]


def fit(candidate, X, y):
    cols, C = candidate
    return cols, LogisticRegression(C=C, solver="liblinear").fit(X[:, cols], y)


def score(fitted, X, y):
    cols, model = fitted
    return model.score(X[:, cols], y)


def locked_test_set(X, y):
    """Test-set accessor that logs every evaluation (in production: who, when, which
    model). More than one logged call per test set means it helped to choose."""
    log = []

    def evaluate(fitted):
        log.append(fitted)
        return score(fitted, X, y)

    return evaluate, log


def se(values):  # standard error of a mean over runs
    return values.std(ddof=1) / np.sqrt(len(values))


names = ["picked on test set", "best validation score", "validation pick, test once"]
reported, fresh = {n: [] for n in names}, {n: [] for n in names}
evaluations = {n: [] for n in names}  # test-set evaluations per project
PROJECTS = 10
for _ in range(PROJECTS):  # independent small projects
    X, y = rng.normal(size=(2300, 30)), rng.integers(0, 2, size=2300)
    # 140 rows to train, 60 to validate, 100 for the test set; the last 2,000 rows
    # stand in for the data the model meets after release.
    train, val, test, new = (slice(0, 140), slice(140, 200), slice(200, 300),
                             slice(300, None))  # fmt: skip
    fits = [fit(c, X[train], y[train]) for c in CANDIDATES]
    val_scores = np.array([score(f, X[val], y[val]) for f in fits])
    # Same 50 fitted models; the procedures differ only in which score picks one.
    peek, peek_log = locked_test_set(X[test], y[test])
    test_scores = np.array([peek(f) for f in fits])  # every candidate sees the test
    by_test, by_val = test_scores.argmax(), val_scores.argmax()
    once, once_log = locked_test_set(X[test], y[test])
    once_score = once(fits[by_val])  # the test set scores the validation pick only
    picks = [
        (by_test, test_scores[by_test], len(peek_log)),
        (by_val, val_scores[by_val], 0),
        (by_val, once_score, len(once_log)),
    ]
    for name, (pick, reported_score, looks) in zip(names, picks, strict=True):
        reported[name].append(reported_score)
        fresh[name].append(score(fits[pick], X[new], y[new]))
        evaluations[name].append(looks)

print(
    f"mean +/- std over {PROJECTS} datasets; optimism = reported minus fresh-data acc"
)
print(
    "procedure                   reported acc     fresh-data acc  optimism  test evals"
)
gaps = {}
for name in names:
    rep, new_acc = np.array(reported[name]), np.array(fresh[name])
    gaps[name] = rep - new_acc
    print(
        f"{name:<27} {rep.mean():.3f} +/- {rep.std():.3f}  "
        f"{new_acc.mean():.3f} +/- {new_acc.std():.3f}    {gaps[name].mean():+.3f}"
        f"  {max(evaluations[name]):>10}"
    )
flagged = [name for name in names if max(evaluations[name]) > 1]
print(f"test set evaluated more than once (the check fails): {', '.join(flagged)}")

leaky, honest, val_only = gaps[names[0]], gaps[names[2]], gaps[names[1]]
diff = leaky - honest
# The failure: the test-picked score overstates fresh accuracy in every project, and
# by more than 2 standard deviations across projects.
assert (leaky > 0).all() and leaky.mean() > 2 * leaky.std()
# The winner's own validation score is optimistic too: it is not an estimate either.
assert val_only.mean() > 3 * se(val_only)
# The fix: the paired difference clears 3 standard errors over 10 runs, and a test
# set scored once is unbiased (its optimism is zero within the noise).
assert diff.mean() > 3 * se(diff)
assert abs(honest.mean()) < 2 * se(honest)
# The detection: the logged count per test set catches the peeking procedure only.
assert flagged == [names[0]]
