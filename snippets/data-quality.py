"""Data Quality: what label noise and non-random gaps cost, and what wins it back.

Table 1, test accuracy as training labels are flipped: an unpruned tree, a regularized
forest, and the tree retrained after experts relabel the rows that the forest's
out-of-bag votes flag (or as many random rows); then the share of flags that are real.
Table 2: gaps that hit positives more often, handled three ways.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
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


print("flipped  tree  forest tree after review: flagged  random  flags right")
acc = {}
for noise in [0.0, 0.1, 0.2, 0.3, 0.4]:
    flip = flip_rng.random(len(y_train)) < noise  # the test labels stay clean
    noisy = np.where(flip, 1 - y_train, y_train)
    forest = RandomForestClassifier(
        n_estimators=40, min_samples_leaf=5, oob_score=True, random_state=0
    ).fit(X_train, noisy)
    # Flag rows whose label the trees that never saw them disagree with.
    flag = forest.oob_decision_function_[np.arange(len(noisy)), noisy] < 0.5
    random_rows = np.zeros(len(noisy), dtype=bool)  # same review budget, random rows
    random_rows[review_rng.permutation(len(noisy))[: flag.sum()]] = True
    acc[noise] = (
        tree_accuracy(noisy),
        forest.score(X_test, y_test),
        tree_accuracy(np.where(flag, y_train, noisy)),  # experts fix flagged rows
        tree_accuracy(np.where(random_rows, y_train, noisy)),
    )
    right = (flip & flag).sum() / max(flag.sum(), 1)
    cells = "".join(
        f"{a:>{w}.3f}" for a, w in zip(acc[noise], [6, 8, 27, 8], strict=True)
    )
    print(f"{noise:>7.0%}{cells}{right:>13.0%}")

# Completeness: a sensor fails more often on positive cases, so gaps are not random.
gap_rng = np.random.default_rng(2)
X_gappy = X.copy()
X_gappy[gap_rng.random(len(y)) < np.where(y == 1, 0.40, 0.05), 2] = np.nan
X_gappy[gap_rng.random(len(y)) < 0.02, 4] = np.nan  # an unrelated, random 2% gap
missing = np.isnan(X_gappy).sum(axis=0)
print(
    "missing per column:",
    dict(zip([f"x{i}" for i in range(6)], missing.tolist(), strict=True)),
)
complete = ~np.isnan(X_gappy).any(axis=1)
print(
    f"positive share: {y.mean():.3f} in all rows, {y[complete].mean():.3f} in complete"
)

G_train, G_test, g_train, g_test = train_test_split(
    X_gappy, y, test_size=0.3, random_state=0
)
keep = ~np.isnan(G_train).any(axis=1)
print("gap handling (test accuracy)    logistic  forest")
gap_acc = {}
for name, imputer, rows in [
    ("drop incomplete training rows", SimpleImputer(), keep),
    ("mean imputation", SimpleImputer(), slice(None)),
    ("mean + missing indicator", SimpleImputer(add_indicator=True), slice(None)),
]:
    gap_acc[name] = [
        make_pipeline(imputer, m)
        .fit(G_train[rows], g_train[rows])
        .score(G_test, g_test)
        for m in [LogisticRegression(), RandomForestClassifier(40, random_state=0)]
    ]
    print(f"{name:<32}{gap_acc[name][0]:>8.3f}{gap_acc[name][1]:>8.3f}")

# An unpruned tree follows the flipped labels down; the regularized forest holds longer.
assert acc[0.0][0] - acc[0.4][0] > 0.3 and acc[0.2][1] > acc[0.2][0] + 0.15
# Reviewing the flagged rows beats reviewing as many random rows.
assert all(acc[k][2] > acc[k][3] + 0.05 for k in [0.1, 0.2, 0.3, 0.4])
# The audit finds the gaps; dropping incomplete rows hides positives and costs accuracy.
assert missing[2] > 5 * missing[4] > 0 and missing[0] == 0
assert y.mean() - y[complete].mean() > 0.1
assert (
    gap_acc["mean imputation"][1] > gap_acc["drop incomplete training rows"][1] + 0.03
)
