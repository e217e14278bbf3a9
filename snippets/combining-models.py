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


def two_phase(small, large, threshold, rows):
    """The small model answers when sure; only the rest go to the large model."""
    proba = small.predict_proba(rows)[:, 1]
    unsure = np.maximum(proba, 1 - proba) < threshold
    proba[unsure] = large.predict_proba(rows[unsure])[:, 1]
    return proba, unsure.mean()  # scores, share of rows the large model scored


def gap(table, a, b, column):  # paired difference over the folds: mean, std
    diff = table[a][:, column] - table[b][:, column]
    return diff.mean(), diff.std()


def fit_options(X_fit, y_fit, segment_fit):
    """Fit every option on one fold: {name: rows -> (scores, share to boosting)}."""
    small, large = linear().fit(X_fit, y_fit), boosting().fit(X_fit, y_fit)
    tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=10, random_state=0)
    tree.fit(X_fit, y_fit)
    # Cascade: each stage fits the rows an out-of-fold router sends it, as in serving.
    router = linear().fit(X_fit, segment_fit)
    routed = cross_val_predict(linear(), X_fit, segment_fit, cv=5).astype(bool)
    stages = [linear().fit(X_fit[routed == s], y_fit[routed == s]) for s in (0, 1)]

    def cascade(rows):
        route, proba = router.predict(rows).astype(bool), np.empty(len(rows))
        for stage, model in enumerate(stages):
            proba[route == stage] = model.predict_proba(rows[route == stage])[:, 1]
        return proba, 0.0

    # Two-phase: on a validation split, the fewest rows sent on within 0.01 of boosting.
    X_sub, X_val, y_sub, y_val = train_test_split(X_fit, y_fit, random_state=0)  # 25%
    small_sub, large_sub = linear().fit(X_sub, y_sub), boosting().fit(X_sub, y_sub)
    target = large_sub.score(X_val, y_val) - 0.01
    proba = {t: two_phase(small_sub, large_sub, t, X_val)[0] for t in SWEEP}
    good = [t for t in SWEEP if np.mean((proba[t] > 0.5) == y_val) >= target]
    threshold = min(good, default=1)
    options = {
        "single logistic regression": lambda rows: (small.predict_proba(rows)[:, 1], 0),
        "single decision tree": lambda rows: (tree.predict_proba(rows)[:, 1], 0),
        "Ensembles: boosting": lambda rows: (large.predict_proba(rows)[:, 1], 1),
        "Cascade": cascade,
        "Two-Phase Predictions": partial(two_phase, small, large, threshold),
    } | {f"  two-phase at {t}": partial(two_phase, small, large, t) for t in SWEEP}
    return options, threshold


results, times, tuned = {}, {}, []  # per-fold rows, per-fold ms, tuned thresholds
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for train, test in folds.split(X, 2 * segment + y):
    options, threshold = fit_options(X[train], y[train], segment[train])
    tuned.append(threshold)
    X_test = X[test]
    for name, predict in options.items():
        scores, large_share = predict(X_test)
        right = (scores > 0.5) == y[test]
        row = [right.mean(), right[segment[test]].mean(), large_share]
        results.setdefault(name, []).append(row)
        if not name.startswith(" "):  # ms per 1,000 rows, best of 3 runs
            best_of_3 = min(timeit.repeat(partial(predict, X_test), number=1, repeat=3))
            times.setdefault(name, []).append(best_of_3 / len(test) * 1e6)
print(f"{'option':<27}{'accuracy':>16}{'on segment':>16}{'to boosting':>13}")
table = {name: np.array(per_fold) for name, per_fold in results.items()}
for name, per_fold in table.items():
    (acc, seg, share), (acc_sd, seg_sd, _) = per_fold.mean(0), per_fold.std(0)
    print(f"{name:<27}{acc:>8.3f} +/- {acc_sd:.3f}{seg:>8.3f} +/- {seg_sd:.3f}", end="")
    print(f"{share:>13.0%}")
print(f"two-phase threshold tuned per fold: {', '.join(map(str, tuned))}")
ms = {name: np.median(values) for name, values in times.items()}
print("prediction time per 1,000 rows (timed, so printed as asserted bounds):")
assert ms["single logistic regression"] < ms["Ensembles: boosting"] / 10
print("  single logistic regression: under 1/10 of Ensembles: boosting")
assert ms["Cascade"] < ms["Ensembles: boosting"] / 5
print("  Cascade (router, then one stage): under 1/5 of Ensembles: boosting")
assert ms["Two-Phase Predictions"] > 0.5 * ms["Ensembles: boosting"]
print("  Two-Phase Predictions at the tuned threshold: over 0.5x Ensembles: boosting")
best = "single logistic regression"  # the better single model on overall accuracy
assert table[best][:, 0].mean() > table["single decision tree"][:, 0].mean()
mean, std = gap(table, "Ensembles: boosting", best, 0)
assert mean > 0.02 and mean > 2 * std  # boosting learns the curved input
mean, std = gap(table, "Cascade", best, 1)  # the routed specialist fixes the segment
assert mean > 0.3 and mean > 2 * std
for column in (0, 1):  # overall and on the segment, cascade and boosting are level
    mean, std = gap(table, "Cascade", "Ensembles: boosting", column)
    assert abs(mean) < 2 * std + 0.01
# The small model is sure and wrong on the segment, so two-phase must defer most rows.
mean, std = gap(table, "  two-phase at 0.8", "Ensembles: boosting", 1)
assert mean < -0.1 and -mean > 2 * std
assert table["Two-Phase Predictions"][:, 2].mean() > 0.5
