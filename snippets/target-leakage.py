"""Target Leakage: a field filled in after the outcome makes cross-validation lie.

Look at: with collection calls counted "as of today", CV AUC is near perfect and the
single-feature check flags that column; on new applications, where those calls have
not happened yet, AUC falls far below. A partial leak slips under the single-feature
threshold; the timestamp check (late rows) catches both leaks.
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
some_after = calls_after * (rng.random(len(y)) < 0.4)  # only 40% reached so far
history, new = slice(0, 4000), slice(4000, None)  # new = applications after training
# Days: when each application was scored, and when its call count was last written.
applied = np.arange(len(y))
before_day = applied - rng.integers(1, 365, len(y))
after_day = applied + rng.integers(30, 365, len(y))


def single_feature_auc(X, y, names):
    """AUC of each column used alone as a score (direction-free). A column that alone
    separates the classes almost perfectly is a leak until proven otherwise."""
    aucs = {}
    for name, column in zip(names, X.T, strict=True):
        auc = roc_auc_score(y, column)
        aucs[name] = max(auc, 1 - auc)
    return aucs


def rows_written_after_prediction(feature_day, prediction_day):
    """Rows whose feature value was written after the prediction it feeds. CI asserts
    0 for every feature, however weak or strong the feature is."""
    return int(np.sum(feature_day > prediction_day))


tables = {  # the calls column used in training (None: dropped), day it was written
    "as of today (leaky)": (
        calls_before + calls_after,
        np.where(calls_after > 0, after_day, before_day),
    ),
    "partial leak": (
        calls_before + some_after,
        np.where(some_after > 0, after_day, before_day),
    ),
    "point-in-time": (calls_before, before_day),
    "column dropped": (None, applied),
}
model = GradientBoostingClassifier(
    n_estimators=20, learning_rate=0.15, subsample=0.5, random_state=0
)
cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
leaky_calls = (calls_before + calls_after)[history]
print(
    f"calls as of today, history: defaulters {leaky_calls[y[history] == 1].mean():.1f}"
    f" on average, other borrowers {leaky_calls[y[history] == 0].mean():.1f}"
)
results = {}
folds = f"CV AUC (mean +/- std, {cv.n_splits} folds)"
print(
    f"{'training features':<19}  {folds:>30}  {'AUC on new rows':>15}"
    f"  {'calls-only AUC':>14}  {'late rows':>9}"
)
for name, (calls, written) in tables.items():
    train = X if calls is None else np.column_stack([X, calls])
    serve = X if calls is None else np.column_stack([X, calls_before])  # calls so far
    cv_auc = cross_val_score(
        model, train[history], y[history], cv=cv, scoring="roc_auc"
    )
    fitted = model.fit(train[history], y[history])
    new_auc = roc_auc_score(y[new], fitted.predict_proba(serve[new])[:, 1])
    aucs = single_feature_auc(train[history], y[history], NAMES[: train.shape[1]])
    late = rows_written_after_prediction(written[history], applied[history])
    results[name] = cv_auc, new_auc, aucs, late
    alone = "-" if calls is None else f"{aucs['collection_calls']:.2f}"
    cv_cell = f"{cv_auc.mean():.3f} +/- {cv_auc.std():.3f}"
    print(f"{name:<19}  {cv_cell:>30}  {new_auc:>15.3f}  {alone:>14}  {late:>9}")

leaky_cv, leaky_new, leaky_aucs, leaky_late = results["as of today (leaky)"]
part_cv, part_new, part_aucs, part_late = results["partial leak"]
fixed_cv, fixed_new, fixed_aucs, fixed_late = results["point-in-time"]
drop_cv, drop_new, _, drop_late = results["column dropped"]
# The leak: CV looks near perfect, then the model does worse than either honest one.
assert leaky_cv.mean() > 0.95 and leaky_cv.mean() - leaky_new > 0.15
assert min(fixed_new, drop_new) - leaky_new > 0.05
# The fix: point-in-time CV predicts performance on new rows.
assert abs(fixed_cv.mean() - fixed_new) < 3 * fixed_cv.std() + 0.02
# The single-column scan flags the full leak only; the partial leak passes under 0.9
# although its CV still overstates new rows by more than twice the fold spread.
assert [n for n, a in leaky_aucs.items() if a > 0.9] == ["collection_calls"]
assert max(part_aucs.values()) < 0.9 and max(fixed_aucs.values()) < 0.9
assert part_cv.mean() - part_new > 2 * part_cv.std()
# The timestamp check catches both leaks and passes both honest tables.
assert leaky_late > 0 and part_late > 0 and fixed_late == drop_late == 0
