"""Target Leakage: a field filled in after the outcome makes cross-validation lie.

Look at: with collection calls counted "as of today", CV AUC is near perfect and the
single-feature check flags that column; on new applications, where those calls have
not happened yet, AUC falls below the point-in-time model, whose CV score holds up.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

NAMES = ["income", "debt_ratio", "age", "tenure", "loan_amount", "collection_calls"]
X, y = make_classification(
    n_samples=6000, n_features=5, n_informative=3, n_redundant=0,
    class_sep=0.6, weights=[0.8], flip_y=0.05, random_state=0,
)  # fmt: skip
rng = np.random.default_rng(0)
# Calls before the application (legitimate, weak signal) and after it: collections
# phones a borrower only once payments are missed, that is, after the default.
calls_before = rng.poisson(0.2 + 0.4 * y)
calls_after = rng.poisson(np.where(y == 1, 3.0, 0.05))
history, new = slice(0, 4000), slice(4000, None)  # new = applications after training


def table(calls):
    return np.column_stack([X, calls])


def single_feature_auc(X, y, names):
    """AUC of each column used alone as a score (direction-free). A column that alone
    separates the classes almost perfectly is a leak until proven otherwise."""
    aucs = {}
    for name, column in zip(names, X.T, strict=True):
        auc = roc_auc_score(y, column)
        aucs[name] = max(auc, 1 - auc)
    return aucs


as_of_today = table(calls_before + calls_after)  # what the warehouse holds now
point_in_time = table(calls_before)  # value as of each application date
model = GradientBoostingClassifier(n_estimators=30, subsample=0.5, random_state=0)
cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
results = {}
print("training features             CV AUC          new-rows AUC  top single-col AUC")
for name, train in [
    ("as of today (leaky)", as_of_today),
    ("point-in-time", point_in_time),
]:
    cv_auc = cross_val_score(
        model, train[history], y[history], cv=cv, scoring="roc_auc"
    )
    fitted = model.fit(train[history], y[history])
    # New applications only know the calls made before they applied.
    new_auc = roc_auc_score(y[new], fitted.predict_proba(point_in_time[new])[:, 1])
    aucs = single_feature_auc(train[history], y[history], NAMES)
    top = max(aucs, key=aucs.get)
    results[name] = cv_auc, new_auc, aucs
    print(
        f"{name:<28}  {cv_auc.mean():.3f} +/- {cv_auc.std():.3f}  {new_auc:.3f}"
        f"         {top} {aucs[top]:.2f}"
    )

leaky_cv, leaky_new, leaky_aucs = results["as of today (leaky)"]
fixed_cv, fixed_new, fixed_aucs = results["point-in-time"]
# The leak: CV looks near perfect, then the model does worse than the honest one.
assert leaky_cv.mean() > 0.95 and leaky_cv.mean() - leaky_new > 0.15
assert fixed_new - leaky_new > 0.05
# The fix: point-in-time CV predicts performance on new rows.
assert abs(fixed_cv.mean() - fixed_new) < 3 * fixed_cv.std() + 0.02
# The detector flags the leaked column and nothing in the point-in-time table.
assert [n for n, a in leaky_aucs.items() if a > 0.9] == ["collection_calls"]
assert max(fixed_aucs.values()) < 0.9
