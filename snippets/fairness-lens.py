"""Fairness Lens: per-group recall with bootstrap intervals, before and after fixes.

Group B is 10% of the patients and one of its lab measurements reads low for the same
true need. Each cell is a point estimate with a 95% bootstrap interval; a gap gets a *
only when its interval excludes zero. The FPR columns show each fix's false positives.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_sample_weight

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


def with_group(X, g):
    return np.column_stack([X, g == "B"])


# Fix at the source: estimate the device's offset from the training rows' group means
# (no labels needed; assumes both groups have the same true need) and remove it.
offset = X_fit[g_fit == "B", 0].mean() - X_fit[g_fit == "A", 0].mean()


def corrected(X, g):
    return X - np.outer(g == "B", [offset, 0, 0])


# The group is not a model input, yet the model still treats the groups differently.
model = LogisticRegression().fit(X_fit, y_fit)
weights = compute_sample_weight("balanced", g_fit)  # B counts as much as A in total
reweighted = LogisticRegression().fit(X_fit, y_fit, sample_weight=weights)
aware = LogisticRegression().fit(with_group(X_fit, g_fit), y_fit)
source = LogisticRegression().fit(corrected(X_fit, g_fit), y_fit)
# Post-processing: per group, the validation threshold that gives B the recall A gets.
score_val = model.predict_proba(X_val)[:, 1]
target = recall_score(y_val[g_val == "A"], score_val[g_val == "A"] >= 0.5)
thresholds = {}
for g in "AB":
    positive_scores = np.sort(score_val[(g_val == g) & (y_val == 1)])
    thresholds[g] = positive_scores[int((1 - target) * len(positive_scores))]
cutoff = np.where(g_test == "A", thresholds["A"], thresholds["B"])
predictions = {
    "One threshold (0.5)": model.predict_proba(X_test)[:, 1] >= 0.5,
    "Device offset fixed": source.predict_proba(corrected(X_test, g_test))[:, 1] >= 0.5,
    "Reweighted groups": reweighted.predict_proba(X_test)[:, 1] >= 0.5,
    "Group as an input": aware.predict_proba(with_group(X_test, g_test))[:, 1] >= 0.5,
    "Per-group thresholds": model.predict_proba(X_test)[:, 1] >= cutoff,
}

# Bootstrap: resample the test rows of each group 2,000 times (same draws for all).
boot = np.random.default_rng(1)
draws = {
    g: boot.integers(0, np.sum(g_test == g), (2000, np.sum(g_test == g))) for g in "AB"
}


def recall(y_true, y_pred):  # works row-wise on a 2-D array of resamples
    return (y_pred & (y_true == 1)).sum(-1) / (y_true == 1).sum(-1)


def interval(point, samples):
    low, high = np.percentile(samples, [2.5, 97.5])
    return f"{point:.2f} ({low:.2f}, {high:.2f})", low, high


sizes = {g: (np.sum(g_test == g), np.sum(y_test[g_test == g])) for g in "AB"}
print(
    "test rows (need care): "
    + ", ".join(f"{g} {r} ({p})" for g, (r, p) in sizes.items())
)
print(f"{'method':<21}{'recall A (95% CI)':<18}{'recall B (95% CI)':<18}", end="")
print(f"{'gap A - B (95% CI)':<21}FPR A FPR B")
gaps = {}
for name, pred in predictions.items():
    point, boot_recall, cells = {}, {}, []
    for g in "AB":
        y_g, p_g = y_test[g_test == g], pred[g_test == g]
        point[g] = recall(y_g, p_g)
        boot_recall[g] = recall(y_g[draws[g]], p_g[draws[g]])
        cells.append(interval(point[g], boot_recall[g])[0])
    text, low, high = interval(
        point["A"] - point["B"], boot_recall["A"] - boot_recall["B"]
    )
    gaps[name] = (point["A"] - point["B"], low, high)
    text += "*" if low > 0 or high < 0 else " "
    fpr = [pred[(g_test == g) & (y_test == 0)].mean() for g in "AB"]
    print(f"{name:<21}{cells[0]:<18}{cells[1]:<18}{text:<21}{fpr[0]:.2f}  {fpr[1]:.2f}")
overall = recall_score(y_test, predictions["One threshold (0.5)"])
print(
    f"overall recall at 0.5: {overall:.2f}; thresholds from validation: "
    f"A {thresholds['A']:.2f}, B {thresholds['B']:.2f}; device offset {offset:.2f}"
)

# The overall number hides a real gap: its whole interval lies above zero ...
assert gaps["One threshold (0.5)"][1] > 0.2
# ... reweighting leaves a real gap, because B's measurement means something else ...
assert gaps["Reweighted groups"][1] > 0.15
# ... while the other three leave no gap that can be claimed (nor rule out ~0.1).
for name in ["Per-group thresholds", "Group as an input", "Device offset fixed"]:
    assert gaps[name][1] < 0 < gaps[name][2] and abs(gaps[name][0]) < 0.1
