"""Combining Models: ensemble, cascade or two-phase, against the best single model.

8% of accounts churn by other rules; one input acts non-linearly. Look at accuracy
(mean +/- std, 5 folds), the share of rows boosting scores, and time per 1,000 rows.
"""

import os

os.environ["OMP_NUM_THREADS"] = "1"  # boosting uses OpenMP: one thread, same sums

import timeit
from functools import partial

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.tree import DecisionTreeClassifier

rng = np.random.default_rng(0)
n_rows, SWEEP = 4_000, [0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
segment = rng.random(n_rows) < 0.08  # unknown at serving time; input 0 hints at it
X = rng.normal(size=(n_rows, 5))
X[segment, 0] += 4.0
typical_rule, segment_rule = [0, 1.5, -1.0, 1.0, 0.5], [0, -1.0, 1.5, 0, -1.0]
curve = 0.8 * np.sin(2 * X[:, 3])  # the input a linear model cannot follow
logit = np.where(segment, X @ segment_rule, X @ typical_rule) + curve
y = (logit + rng.normal(scale=0.5, size=n_rows) > 0).astype(int)
linear = partial(LogisticRegression, solver="liblinear")
boosting = partial(HistGradientBoostingClassifier, random_state=0)  # 100 trees


def two_phase(small, large, threshold, X_):
    """The small model answers when sure; only the rest go to the large model."""
    p = small.predict_proba(X_)[:, 1]
    unsure = np.maximum(p, 1 - p) < threshold
    p[unsure] = large.predict_proba(X_[unsure])[:, 1]
    return p, unsure.mean()  # scores, share of rows the large model scored


def gap(a, b, column):  # paired difference over the folds: mean, std
    diff = table[a][:, column] - table[b][:, column]
    return diff.mean(), diff.std()


def fit_options(Xtr, ytr, segment_tr):
    """Fit every option on one training fold: name -> X -> (scores, large share)."""
    small, large = linear().fit(Xtr, ytr), boosting().fit(Xtr, ytr)
    tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=10, random_state=0)
    tree.fit(Xtr, ytr)
    # Cascade: each stage fits the rows an out-of-fold router sends it, as in serving.
    router = linear().fit(Xtr, segment_tr)
    routed = cross_val_predict(linear(), Xtr, segment_tr, cv=5).astype(bool)
    stages = [linear().fit(Xtr[routed == s], ytr[routed == s]) for s in (0, 1)]

    def cascade(X_):
        route, p = router.predict(X_).astype(bool), np.empty(len(X_))
        for s in (0, 1):
            p[route == s] = stages[s].predict_proba(X_[route == s])[:, 1]
        return p, 0.0

    # Two-phase: on a validation split, the fewest rows sent on within 0.01 of boosting.
    Xa, Xv, ya, yv = train_test_split(Xtr, ytr, test_size=0.25, random_state=0)
    small_a, large_a = linear().fit(Xa, ya), boosting().fit(Xa, ya)
    target = large_a.score(Xv, yv) - 0.01
    valid = {t: (two_phase(small_a, large_a, t, Xv)[0] > 0.5) == yv for t in SWEEP}
    tuned.append(min([t for t, ok in valid.items() if ok.mean() >= target], default=1))
    return {
        "single logistic regression": lambda X_: (small.predict_proba(X_)[:, 1], 0.0),
        "single decision tree": lambda X_: (tree.predict_proba(X_)[:, 1], 0.0),
        "Ensembles: boosting": lambda X_: (large.predict_proba(X_)[:, 1], 1.0),
        "Cascade": cascade,
        "Two-Phase Predictions": partial(two_phase, small, large, tuned[-1]),
    } | {f"  two-phase at {t}": partial(two_phase, small, large, t) for t in SWEEP}


results, times, tuned = {}, {}, []  # per-fold rows, per-fold ms, tuned thresholds
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for train, test in folds.split(X, 2 * segment + y):
    options = fit_options(X[train], y[train], segment[train])
    Xte = X[test]
    for name, predict in options.items():
        scores, large_share = predict(Xte)
        right = (scores > 0.5) == y[test]
        row = [right.mean(), right[segment[test]].mean(), large_share]
        results.setdefault(name, []).append(row)
        if not name.startswith(" "):  # ms per 1,000 rows, best of 3 runs
            best_of_3 = min(timeit.repeat(partial(predict, Xte), number=1, repeat=3))
            times.setdefault(name, []).append(best_of_3 / len(test) * 1e6)

print(f"{'option':<27}{'accuracy':>16}{'on segment':>16}{'to boosting':>13}")
table = {name: np.array(rows) for name, rows in results.items()}
for name, rows in table.items():
    (acc, seg, share), (acc_sd, seg_sd, _) = rows.mean(0), rows.std(0)
    print(f"{name:<27}{acc:>8.3f} +/- {acc_sd:.3f}{seg:>8.3f} +/- {seg_sd:.3f}", end="")
    print(f"{share:>13.0%}")
print(f"two-phase threshold tuned per fold: {', '.join(map(str, tuned))}")
ms = {name: np.median(values) for name, values in times.items()}
boost = ms["Ensembles: boosting"]
print("prediction time per 1,000 rows (timed, so printed as asserted bounds):")
assert ms["single logistic regression"] < boost / 10
print("  single logistic regression: under 1/10 of Ensembles: boosting")
assert ms["Cascade"] < boost / 5
print("  Cascade (router, then one stage): under 1/5 of Ensembles: boosting")
assert ms["Two-Phase Predictions"] > 0.5 * boost
print("  Two-Phase Predictions at the tuned threshold: over 0.5x Ensembles: boosting")

best = "single logistic regression"  # the better single model on overall accuracy
assert table[best][:, 0].mean() > table["single decision tree"][:, 0].mean()
mean, std = gap("Ensembles: boosting", best, 0)  # boosting learns the curved input
assert mean > 0.02 and mean > 2 * std
mean, std = gap("Cascade", best, 1)  # the routed specialist fixes the segment
assert mean > 0.3 and mean > 2 * std
for column in (0, 1):  # overall and on the segment, cascade and boosting are level
    mean, std = gap("Cascade", "Ensembles: boosting", column)
    assert abs(mean) < 2 * std + 0.01
# The small model is sure and wrong on the segment, so two-phase must defer most rows.
mean, std = gap("  two-phase at 0.8", "Ensembles: boosting", 1)
assert mean < -0.1 and -mean > 2 * std
assert table["Two-Phase Predictions"][:, 2].mean() > 0.5
