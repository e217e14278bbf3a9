"""Cascade: a router sends rare cases to a specialist, and the chain is scored end to end.

Compare accuracy on the rare segment: one model for everything vs the cascade, which
routes with the router's own predictions (never the true segment). The oracle line shows
how much the router's mistakes cost.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict, train_test_split

rng = np.random.default_rng(0)
n_rows = 4000
# About 8% of accounts are business accounts: they use the product at high volume (feature
# 0 is shifted, so a router can learn to spot them) and churn for other reasons.
is_rare = rng.random(n_rows) < 0.08
X = rng.normal(size=(n_rows, 5))
X[is_rare, 0] += 4.0
typical_weights = np.array([0.0, 1.5, -1.0, 1.0, 0.5])
rare_weights = np.array([0.0, -1.0, 1.5, 0.0, -1.0])
logit = np.where(is_rare, X @ rare_weights, X @ typical_weights)
y = (logit + rng.normal(scale=0.5, size=n_rows) > 0).astype(int)

X_train, X_test, y_train, y_test, rare_train, rare_test = train_test_split(
    X, y, is_rare, test_size=0.5, stratify=is_rare, random_state=0
)

# Baseline: one model of the same family for all rows.
single_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)

# Stage 1: the router learns "rare or typical" from the features alone.
router = LogisticRegression().fit(X_train, rare_train)
# Train the stage-2 models on the rows the router would send them (out-of-fold
# routing), so each one sees at training time what it will see in production.
routed_train = cross_val_predict(LogisticRegression(), X_train, rare_train, cv=5)
routed_train = routed_train.astype(bool)
specialist = LogisticRegression().fit(X_train[routed_train], y_train[routed_train])
generalist = LogisticRegression().fit(X_train[~routed_train], y_train[~routed_train])

# Both stage-2 models score every test row; the routing decides whose answer is used.
specialist_pred = specialist.predict(X_test)
generalist_pred = generalist.predict(X_test)
routed_test = router.predict(X_test).astype(bool)
cascade_pred = np.where(routed_test, specialist_pred, generalist_pred)  # end to end
oracle_pred = np.where(rare_test, specialist_pred, generalist_pred)  # reference only


def accuracy(pred, truth, rows):
    return float(np.mean(pred[rows] == truth[rows]))


segments = {"rare": rare_test, "typical": ~rare_test, "all": np.ones_like(rare_test)}
results = {"single model": single_pred, "cascade": cascade_pred, "oracle routing": oracle_pred}
acc = {}
for name, pred in results.items():
    for segment, rows in segments.items():
        acc[name, segment] = accuracy(pred, y_test, rows)

print(f"rare share of test rows: {rare_test.mean():.3f}")
print(f"router accuracy:         {np.mean(routed_test == rare_test):.3f}")
print("accuracy        rare   typical  all")
for name in results:
    print(
        f"{name:<14}  {acc[name, 'rare']:.3f}  {acc[name, 'typical']:.3f}    {acc[name, 'all']:.3f}"
    )

# The cascade must win on the rare case without giving up the typical one.
assert acc["cascade", "rare"] > acc["single model", "rare"] + 0.3
assert acc["cascade", "typical"] > acc["single model", "typical"] - 0.02
assert acc["cascade", "all"] > acc["single model", "all"]
# Honest scoring: routing errors make the real cascade worse than perfect routing.
assert acc["cascade", "rare"] < acc["oracle routing", "rare"]
