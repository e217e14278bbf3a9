"""Explainable Predictions: where built-in importances mislead; one applicant's reasons.

The first table sets the forest's impurity importances (training data) beside
permutation importance on held-out rows (drop in AUC). The second splits one declined
applicant's score into per-input pushes against two baselines, with the reason codes.
"""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
n = 3000
income = rng.lognormal(4.0, 0.5, n)  # $k a year, right-skewed
verified = income * rng.normal(1, 0.05, n)  # a second, near-identical income column
debt = rng.beta(2, 5, n)
late = rng.poisson(0.6, n)  # late payments: most applicants have none
years = rng.gamma(2, 3, n)
applicant_id = rng.permutation(n).astype(float)  # unique per row, pure noise
logit = 2 * np.log(income / 55) - 8 * (debt - 0.28) - 1.5 * (late - 0.6) + 0.1 * years
y = (rng.random(n) < 1 / (1 + np.exp(-0.4 - logit))).astype(int)  # 1 = repaid
names = ["applicant_id", "income", "income_verified", "debt_ratio", "late_payments"]
names += ["years_employed"]
X = np.column_stack([applicant_id, income, verified, debt, late, years])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)

forest = RandomForestClassifier(n_estimators=60, random_state=0).fit(X_train, y_train)
auc = roc_auc_score(y_test, forest.predict_proba(X_test)[:, 1])
perm = permutation_importance(
    forest, X_test, y_test, scoring="roc_auc", n_repeats=8, random_state=0
)
# Correlated twins: shuffle both income columns with the same permutation.
both = []
for seed in range(8):
    shuffled = X_test.copy()
    shuffled[:, 1:3] = X_test[np.random.default_rng(seed).permutation(len(X_test)), 1:3]
    both.append(auc - roc_auc_score(y_test, forest.predict_proba(shuffled)[:, 1]))


# A logistic scorecard on the four real inputs (id and duplicate dropped).
def inputs(rows):
    return np.column_stack([np.log(rows[:, 1]), rows[:, 3], rows[:, 4], rows[:, 5]])


card = LogisticRegression().fit(inputs(X_train), y_train)
card_auc = roc_auc_score(y_test, card.decision_function(inputs(X_test)))
print(f"Held-out AUC: forest {auc:.2f}, logistic scorecard {card_auc:.2f}")
print(f"{'feature':<17}{'impurity (train)':>17}{'permutation (test)':>21}")
for i, name in enumerate(names):
    mean, std = perm.importances_mean[i] + 0.0, perm.importances_std[i]
    imp = forest.feature_importances_[i]
    print(f"{name:<17}{imp:>17.3f}{f'{mean:.3f} +/- {std:.3f}':>21}")
    if name == "income_verified":
        print(
            f"{'  both incomes shuffled together':<34}"
            f"{f'{np.mean(both):.3f} +/- {np.std(both):.3f}':>21}"
        )

# Per applicant: log-odds push of each input = coefficient * (value - baseline).
card_names = ["log income", "debt_ratio", "late_payments", "years_employed"]
F_train, F_test = inputs(X_train), inputs(X_test)
baselines = {"mean": F_train.mean(axis=0), "median": np.median(F_train, axis=0)}
score = card.decision_function(F_test)
declined = np.flatnonzero(score < 0)


def reasons(row, base, k=2):
    push = card.coef_[0] * (F_test[row] - baselines[base])
    return push, [card_names[j] for j in np.argsort(push)[:k] if push[j] < 0]


differ = [
    r for r in declined if set(reasons(r, "mean")[1]) != set(reasons(r, "median")[1])
]
who = differ[0]
print(
    f"Applicant {who}: P(repay) {1 / (1 + np.exp(-score[who])):.2f}, pushes in log-odds"
)
print(f"{'input':<17}{'vs mean applicant':>19}{'vs median applicant':>21}")
push = {base: reasons(who, base)[0] for base in baselines}
for j, name in enumerate(card_names):
    print(f"{name:<17}{push['mean'][j]:>19.2f}{push['median'][j]:>21.2f}")
for base in baselines:
    print(f"reason codes vs {base} applicant: {', '.join(reasons(who, base)[1])}")
print(
    f"top-2 reasons change with the baseline for {len(differ)} of "
    f"{len(declined)} declined applicants"
)

# Impurity ranks the noise id level with a true driver; held-out permutation does not.
i_id, i_late = names.index("applicant_id"), names.index("late_payments")
assert forest.feature_importances_[i_id] > forest.feature_importances_[i_late] * 0.9
assert perm.importances_mean[i_id] < 2 * perm.importances_std[i_id] + 0.005
assert perm.importances_mean[i_late] > 5 * max(perm.importances_mean[i_id], 0.01)
# Each income twin hides most of the importance the pair shares.
assert perm.importances_mean[1:3].max() < np.mean(both) / 2
# Attributions add up to the score's distance from the baseline's score.
for base, values in baselines.items():
    gap = score[who] - card.decision_function(values[None, :])[0]
    assert np.isclose(push[base].sum(), gap)
