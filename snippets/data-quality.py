"""Data Quality: what label noise and non-random gaps cost, and what wins it back.

Table 1, test accuracy as training labels are flipped: an unpruned tree, a regularized
forest, how many rows the forest's out-of-bag votes contradict, and the tree retrained
after experts relabel a fixed 10% budget: the rows with the weakest out-of-bag support
for their label, or random rows; then the share of reviewed rows that were wrong.
Table 2: gaps that hit positives more often, three ways (mean +/- std, 5 splits); the
last two columns are the forest on test rows without a gap and on rows with one.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import ShuffleSplit, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier

X, y = make_classification(
    n_samples=3000, n_features=6, n_informative=4, class_sep=1.5, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
flip_rng, review_rng = np.random.default_rng(0), np.random.default_rng(1)


def tree_accuracy(labels):
    tree = DecisionTreeClassifier(random_state=0).fit(X_train, labels)
    return tree.score(X_test, y_test)


BUDGET = int(0.10 * len(y_train))  # the experts can relabel 10% of the rows
print(f"review budget: {BUDGET} of {len(y_train)} training rows")
print("flipped  tree  forest  votes < 0.5  reviewed tree: margin  random  were wrong")
acc = {}
for noise in [0.0, 0.1, 0.2, 0.3, 0.4]:
    flip = flip_rng.random(len(y_train)) < noise  # the test labels stay clean
    noisy = np.where(flip, 1 - y_train, y_train)
    forest = RandomForestClassifier(
        n_estimators=40, min_samples_leaf=5, oob_score=True, random_state=0
    ).fit(X_train, noisy)
    # Out-of-bag support for the stored label, from trees that never saw the row.
    support = forest.oob_decision_function_[np.arange(len(noisy)), noisy]
    flag = np.zeros(len(noisy), dtype=bool)  # the budget goes to the weakest support
    flag[np.argsort(support, kind="stable")[:BUDGET]] = True
    random_rows = np.zeros(len(noisy), dtype=bool)  # same budget, random rows
    random_rows[review_rng.permutation(len(noisy))[:BUDGET]] = True
    acc[noise] = (
        tree_accuracy(noisy),
        forest.score(X_test, y_test),
        tree_accuracy(np.where(flag, y_train, noisy)),  # experts fix flagged rows
        tree_accuracy(np.where(random_rows, y_train, noisy)),
    )
    share_wrong = (flip & flag).mean() / flag.mean()  # reviewed rows that were wrong
    wrong = f"{share_wrong:>12.0%}"
    cells = [f"{a:>{w}.3f}" for a, w in zip(acc[noise], [6, 8, 24, 8], strict=True)]
    votes = f"{(support < 0.5).sum():>12}"
    print(f"{noise:>7.0%}{cells[0]}{cells[1]}{votes}{''.join(cells[2:])}{wrong}")

# Completeness: a sensor fails more often on positive cases, so gaps are not random.
gap_rng = np.random.default_rng(2)
X_gappy = X.copy()
X_gappy[gap_rng.random(len(y)) < np.where(y == 1, 0.40, 0.05), 2] = np.nan
X_gappy[gap_rng.random(len(y)) < 0.02, 4] = np.nan  # an unrelated, random 2% gap
missing = np.isnan(X_gappy).sum(axis=0)
print("missing per column:", {f"x{i}": int(m) for i, m in enumerate(missing)})
complete = ~np.isnan(X_gappy).any(axis=1)
print(
    f"positive share: {y.mean():.3f} in all rows, {y[complete].mean():.3f} in complete"
)

handlings = {
    "drop incomplete training rows": SimpleImputer(),
    "mean imputation": SimpleImputer(),
    "mean + missing indicator": SimpleImputer(add_indicator=True),
}
models = [LogisticRegression(), RandomForestClassifier(20, random_state=0)]
gap_acc = {name: [] for name in handlings}  # (logistic, forest) per split
by_row = {name: [] for name in handlings}  # forest on complete test rows, gappy ones
for train, test in ShuffleSplit(5, test_size=0.3, random_state=0).split(X_gappy):
    complete_train = train[~np.isnan(X_gappy[train]).any(axis=1)]
    has_gap = np.isnan(X_gappy[test]).any(axis=1)
    for name, imputer in handlings.items():
        rows = complete_train if name.startswith("drop") else train
        pipes = [make_pipeline(imputer, m).fit(X_gappy[rows], y[rows]) for m in models]
        gap_acc[name].append([p.score(X_gappy[test], y[test]) for p in pipes])
        right = pipes[1].predict(X_gappy[test]) == y[test]
        by_row[name].append([right[~has_gap].mean(), right[has_gap].mean()])
gap_acc = {name: np.array(values) for name, values in gap_acc.items()}
print(
    f"{'gap handling (test accuracy)':<32}{'logistic':<17}{'forest':<18}complete  gappy"
)
for name, values in gap_acc.items():
    cells = [f"{v.mean():.3f} +/- {v.std():.3f}" for v in values.T]
    complete_acc, gap_row_acc = np.mean(by_row[name], axis=0)
    print(f"{name:<32}{cells[0]}  {cells[1]}{complete_acc:>11.3f}{gap_row_acc:>7.3f}")
gain = gap_acc["mean + missing indicator"][:, 0] - gap_acc["mean imputation"][:, 0]
print(f"missing indicator, logistic: {gain.mean():+.3f} +/- {gain.std():.3f} paired")

# An unpruned tree follows the flipped labels down; the regularized forest holds longer.
assert acc[0.0][0] - acc[0.4][0] > 0.3 and acc[0.2][1] > acc[0.2][0] + 0.15
# Spending the review budget by margin beats reviewing as many random rows.
assert all(acc[k][2] > acc[k][3] + 0.05 for k in [0.1, 0.2, 0.3])
assert acc[0.4][2] > acc[0.4][3]  # at 40% noise a 10% budget barely helps
# The audit finds the gaps; dropping incomplete rows hides positives and costs accuracy.
assert missing[2] > 5 * missing[4] > 0 and missing[0] == 0
assert y.mean() - y[complete].mean() > 0.1
drop_loss = (
    gap_acc["mean imputation"][:, 1] - gap_acc["drop incomplete training rows"][:, 1]
)
assert drop_loss.mean() > 2 * drop_loss.std() + 0.03
# The loss is on test rows with a gap, which a model trained without gaps still meets.
(drop_complete, drop_gappy), (mean_complete, mean_gappy) = (
    np.mean(by_row[name], axis=0) for name in list(handlings)[:2]
)
assert abs(drop_complete - mean_complete) < 0.01 and mean_gappy - drop_gappy > 0.3
# The indicator helps the linear model by more than twice its spread over splits.
assert gain.mean() > 2 * gain.std()
