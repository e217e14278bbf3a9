"""Ensembles: bagging, boosting and stacking against the best tuned single model.

Two data sets, the same 5 folds for every model. Single models and boosting are tuned
on 400 rows the folds never see; the forest has 25 trees, otherwise defaults, and
stacking reuses the tuned members. Look at: on smooth classes a tuned SVC is the best
model and no ensemble clearly beats it; on additive threshold rules boosting wins
clearly; bagging rescues the deep tree it averages on both.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier as Boosting
from sklearn.ensemble import RandomForestClassifier, StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    ShuffleSplit,
    StratifiedKFold,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier as Tree

# Smooth classes: Gaussian clusters, where kernel methods shine.
smooth = make_classification(
    n_samples=1_200, n_features=20, n_informative=8, n_redundant=4,
    flip_y=0.05, class_sep=0.8, random_state=0,
)  # fmt: skip
# Threshold rules, like a credit scorecard: skewed inputs, eight step effects and
# one interaction, each worth a fixed number of points.
rng = np.random.default_rng(0)
X = rng.normal(size=(1_200, 20))
X[:, :10] = np.exp(X[:, :10])
cuts = [0.5, 1, 1.5, 2, 0.7, 1.2, 0.9, 2.5]
points = (X[:, :8] > cuts) @ [1.5, -1.5, 1.5, -1.5, 1.2, -1.2, 1.2, -1.2]
points += 1.5 * (X[:, 10] > 0) * (X[:, 11] > 0)
points -= points.mean()
rules = X, (rng.random(1_200) < 1 / (1 + np.exp(-2 * points))).astype(int)


def tuned(model, grid, X, y):  # pick hyperparameters on 400 rows the folds never see
    one_split = ShuffleSplit(n_splits=1, test_size=0.4, random_state=0)
    return GridSearchCV(model, grid, cv=one_split).fit(X, y).best_estimator_


folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = {}
data_sets = {"smooth classes": smooth, "step rules": rules}
for data_name, (X, y) in data_sets.items():
    X_tune, y_tune, X, y = X[:400], y[:400], X[400:], y[400:]
    linear = make_pipeline(StandardScaler(), LogisticRegression(solver="liblinear"))
    single = {
        "deep tree (unpruned)": Tree(random_state=0),
        "tree, tuned depth": tuned(
            Tree(random_state=0),
            {"max_depth": [3, 5, 7, 9], "min_samples_leaf": [1, 10]}, X_tune, y_tune,
        ),
        "logistic regression, tuned": tuned(
            linear, {"logisticregression__C": [0.01, 0.1, 1, 10]}, X_tune, y_tune
        ),
        "SVC (RBF), tuned": tuned(
            make_pipeline(StandardScaler(), SVC()),
            {"svc__C": [0.3, 1, 3, 10], "svc__gamma": ["scale", 0.01]}, X_tune, y_tune,
        ),
    }  # fmt: skip
    ensembles = {
        "bagging: random forest, 25 trees": RandomForestClassifier(25, random_state=0),
        "boosting: tuned, early stopping": tuned(
            Boosting(early_stopping=True, n_iter_no_change=5, random_state=0),
            {"max_depth": [2, 3], "learning_rate": [0.1, 0.3]}, X_tune, y_tune,
        ),
        "stacking: SVC + LR + tree": StackingClassifier(
            [("svc", single["SVC (RBF), tuned"]),
             ("lr", single["logistic regression, tuned"]),
             ("tree", single["tree, tuned depth"])],
            final_estimator=LogisticRegression(solver="liblinear"), cv=3,
        ),
    }  # fmt: skip
    for name, model in {**single, **ensembles}.items():
        scores[name, data_name] = cross_val_score(model, X, y, cv=folds)

DEEP, BAGGING = "deep tree (unpruned)", "bagging: random forest, 25 trees"
BOOSTING, STACKING = "boosting: tuned, early stopping", "stacking: SVC + LR + tree"
heads = "".join(f"{d:>18}" for d in data_sets)
print(f"{'accuracy, 5 folds: mean +/- std':<34}{heads}")
for name in [*single, BAGGING, BOOSTING, STACKING]:
    cells = [scores[name, d] for d in data_sets]
    print(
        f"{name:<34}" + "".join(f"{s.mean():>10.3f} +/- {s.std():.3f}" for s in cells)
    )


def gap(a, b, data):  # paired over the same folds: mean and 2 std of the difference
    diff = scores[a, data] - scores[b, data]
    return diff.mean(), 2 * diff.std()


best = {d: max(single, key=lambda n: scores[n, d].mean()) for d in data_sets}
gaps = {
    "bagging - best single": {d: gap(BAGGING, best[d], d) for d in data_sets},
    "boosting - best single": {d: gap(BOOSTING, best[d], d) for d in data_sets},
    "stacking - best single": {d: gap(STACKING, best[d], d) for d in data_sets},
    "bagging - deep tree": {d: gap(BAGGING, DEEP, d) for d in data_sets},
}
print(f"{'paired gain: mean +/- 2 std':<34}{heads}")
print(f"{'  best single model':<34}" + "".join(f"{best[d]:>18}" for d in data_sets))
for label, cells in gaps.items():
    pairs = "".join(f"{m:>+10.3f} +/- {s:.3f}" for m, s in cells.values())
    print(f"  {label:<32}{pairs}")

# Claims that clear the noise: boosting wins on step rules, bagging beats its deep
# tree everywhere; on smooth classes no ensemble clearly beats the tuned SVC.
clear = {(k, d): m > s for k, cells in gaps.items() for d, (m, s) in cells.items()}
assert clear["boosting - best single", "step rules"]
assert clear["bagging - deep tree", "smooth classes"]
assert clear["bagging - deep tree", "step rules"]
assert best["smooth classes"] == "SVC (RBF), tuned"
assert not any(clear[k, "smooth classes"] for k in gaps if k.endswith("best single"))
