"""Multiple Objectives: operating points of a fraud model, and the frontier.

Table 1 (mean over 5 folds, cost +/- std): thresholds on one logistic regression, two
class-weighted refits of it, and "never flag". Accuracy ranks these points one way
and dollar cost another; three lines give paired cost gaps to the tuned threshold.
Table 2 sweeps the threshold of the same model: each row trades missed fraud for
alerts, and a price per error or a review capacity picks one.
"""

import itertools

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedKFold,
    TunedThresholdClassifierCV,
    cross_val_predict,
)

MISSED_FRAUD, FALSE_ALARM = 200, 10  # dollars: a chargeback vs. a manual review
CAPACITY = 0.03  # the review team can check 30 alerts per 1,000 transactions
# With calibrated probabilities, flag when p * 200 > (1 - p) * 10: p > 10 / 210.
BAYES_CUT = FALSE_ALARM / (FALSE_ALARM + MISSED_FRAUD)


def business_cost(y_true, y_pred):
    """Dollars lost: what the fraud team pays, not what the loss function sees."""
    missed = np.sum((y_true == 1) & (y_pred == 0))
    false_alarms = np.sum((y_true == 0) & (y_pred == 1))
    return MISSED_FRAUD * missed + FALSE_ALARM * false_alarms


def measure(y_true, y_pred):  # accuracy, fraud recall, alerts and cost per 1,000
    cost = 1000 * business_cost(y_true, y_pred) / len(y_true)
    recall = y_pred[y_true == 1].mean()
    return np.mean(y_pred == y_true), recall, 1000 * y_pred.mean(), cost


# 3% of transactions are fraud; fraud shifts three of six features a little.
rng = np.random.default_rng(0)
y = (rng.random(20000) < 0.03).astype(int)
X = rng.normal(size=(len(y), 6))
X[y == 1, :3] += 1.5
scorer = make_scorer(business_cost, greater_is_better=False)
results, tuned_at, out_of_fold = {}, [], np.zeros(len(y))
for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
    model = LogisticRegression().fit(X[train], y[train])
    score = model.predict_proba(X[test])[:, 1]
    out_of_fold[test] = score
    balanced = LogisticRegression(class_weight="balanced").fit(X[train], y[train])
    priced = {0: FALSE_ALARM, 1: MISSED_FRAUD}  # weights in the ratio of the prices
    weighted = LogisticRegression(class_weight=priced).fit(X[train], y[train])
    tuned = TunedThresholdClassifierCV(LogisticRegression(), scoring=scorer)
    tuned_at.append(tuned.fit(X[train], y[train]).best_threshold_)
    # Capacity: the threshold that flags 3% of the training rows, out of fold.
    oof = cross_val_predict(
        LogisticRegression(), X[train], y[train], method="predict_proba"
    )
    capacity_at = np.quantile(oof[:, 1], 1 - CAPACITY)
    for name, y_pred in {
        "never flag": np.zeros(len(test), dtype=int),
        "threshold 0.50": (score >= 0.5).astype(int),
        "class_weight=balanced": balanced.predict(X[test]),
        "class_weight=10:200": weighted.predict(X[test]),
        f"threshold 10/210 = {BAYES_CUT:.3f}": (score >= BAYES_CUT).astype(int),
        "cost-tuned threshold": tuned.predict(X[test]),
        "capacity: <= 30 alerts/1k": (score >= capacity_at).astype(int),
    }.items():
        results.setdefault(name, []).append(measure(y[test], y_pred))

print(
    f"{'operating point':<29}{'accuracy':>9}{'recall':>8}{'alerts/1k':>11}"
    f"{'cost/1k':>18}"
)
for name, rows in results.items():
    acc, recall, alerts, cost = np.array(rows).T
    label = name + (f" ({np.mean(tuned_at):.3f})" if name.startswith("cost") else "")
    print(
        f"{label:<29}{acc.mean():>9.3f}{recall.mean():>8.3f}{alerts.mean():>11.1f}"
        f"{f'{cost.mean():,.0f} +/- {cost.std():,.0f}':>18}"
    )

costs = {name: np.array(rows)[:, 3] for name, rows in results.items()}
for name in list(costs)[2:5]:  # paired over folds: what each costs beyond the tuned cut
    gap = costs[name] - costs["cost-tuned threshold"]
    print(f"  {name} vs tuned: {gap.mean():+,.0f} +/- {gap.std():,.0f} per 1k")

# The frontier: every threshold of one model, pooled out-of-fold scores.
print("threshold  recall  alerts/1k  cost/1k")
frontier = {
    t: measure(y, (out_of_fold >= t).astype(int))
    for t in [0.5, 0.2, 0.1, 0.05, 0.03, 0.01]
}
cheapest = min(frontier, key=lambda t: frontier[t][3])
for t, (_, recall, alerts, cost) in frontier.items():
    mark = "  <- lowest cost at $200 : $10" if t == cheapest else ""
    print(f"{t:>9.2f}{recall:>8.3f}{alerts:>11.1f}{cost:>9,.0f}{mark}")

acc = {name: np.array(rows)[:, 0].mean() for name, rows in results.items()}
# Accuracy prefers the default threshold; the business cost prefers the tuned one.
assert acc["threshold 0.50"] > acc["cost-tuned threshold"] + 0.03
assert costs["cost-tuned threshold"].mean() < 0.5 * costs["threshold 0.50"].mean()
# "Balanced" weights (about 32:1) overshoot these prices by more than 2 std...
gap = costs["class_weight=balanced"] - costs["cost-tuned threshold"]
assert gap.mean() > 2 * gap.std()
# ...while weights in the price ratio and the closed-form cut tie with the tuned one.
for name in ["class_weight=10:200", f"threshold 10/210 = {BAYES_CUT:.3f}"]:
    gap = costs[name] - costs["cost-tuned threshold"]
    assert abs(gap.mean()) < 2 * gap.std()
# Along the frontier, no threshold is better on both objectives than another.
points = list(frontier.values())
assert all(a[1] <= b[1] and a[2] <= b[2] for a, b in itertools.pairwise(points))
