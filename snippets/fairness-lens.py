"""Fairness Lens: per-group recall shows a gap that overall recall hides, and a fix narrows it.

Group B is 10% of the patients and one of its lab measurements reads low for the same
true need. Compare recall per group with the overall recall, before and after the
per-group thresholds, and note the false-positive rate (FPR) the fix costs group B.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
n = 20000
group = np.where(rng.random(n) < 0.1, "B", "A")  # B is under-represented
need = rng.normal(size=(n, 3))
y = (need @ [1.5, 1.0, 0.5] + rng.normal(0, 0.7, n) > 1.0).astype(int)
# The first measurement was calibrated on group A: it reads 0.8 lower for group B.
X = need + rng.normal(0, 0.3, size=need.shape)
X[group == "B", 0] -= 0.8
X_fit, X_rest, y_fit, y_rest, g_fit, g_rest = train_test_split(
    X, y, group, test_size=0.5, stratify=group, random_state=0
)
X_val, X_test, y_val, y_test, g_val, g_test = train_test_split(
    X_rest, y_rest, g_rest, test_size=0.5, stratify=g_rest, random_state=0
)
# The group is not a model input, yet the model still treats the groups differently.
model = LogisticRegression().fit(X_fit, y_fit)
score_val, score_test = model.predict_proba(X_val)[:, 1], model.predict_proba(X_test)[:, 1]


def report(label, y_pred):
    recalls = {g: recall_score(y_test[g_test == g], y_pred[g_test == g]) for g in "AB"}
    fpr = {g: y_pred[(g_test == g) & (y_test == 0)].mean() for g in "AB"}
    print(
        f"{label:<22} overall recall {recall_score(y_test, y_pred):.2f} | recall A "
        f"{recalls['A']:.2f}  B {recalls['B']:.2f} | FPR A {fpr['A']:.2f}  B {fpr['B']:.2f}"
    )
    return abs(recalls["A"] - recalls["B"])


gap_before = report("One threshold (0.5)", (score_test >= 0.5).astype(int))
# Mitigation: per group, pick on validation rows the threshold that reaches the
# recall group A gets at 0.5, so both groups' positives are found equally often.
target = recall_score(y_val[g_val == "A"], score_val[g_val == "A"] >= 0.5)
thresholds = {}
for g in "AB":
    positive_scores = np.sort(score_val[(g_val == g) & (y_val == 1)])
    thresholds[g] = positive_scores[int((1 - target) * len(positive_scores))]
print(f"Thresholds from validation: A {thresholds['A']:.2f}, B {thresholds['B']:.2f}")
per_group = np.array([thresholds[g] for g in g_test])
gap_after = report("Per-group thresholds", (score_test >= per_group).astype(int))
print(f"Recall gap between groups: {gap_before:.2f} -> {gap_after:.2f}")

assert gap_before > 0.15  # the overall number hides a real gap ...
assert gap_after < gap_before / 3  # ... and the mitigation closes most of it
