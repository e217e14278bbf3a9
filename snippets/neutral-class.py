"""Neutral Class: label the "either is fine" cases as neutral instead of forcing a side.

Look at accuracy on the clear-cut test patients: the forced binary model copies each
clinic's habit onto them, the three-class model does not. A neutral prediction for a
clear-cut patient counts as an error, so the neutral class gets no free pass.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

ACETAMINOPHEN, IBUPROFEN, NEUTRAL = 0, 1, 2
rng = np.random.default_rng(0)
n_rows = 3000
liver_risk, stomach_risk = rng.normal(size=(2, n_rows))
clinic = rng.integers(0, 2, n_rows)
X = np.column_stack([liver_risk, stomach_risk, rng.normal(size=n_rows), clinic])

# Clinical truth: liver risk rules out acetaminophen, stomach risk rules out ibuprofen,
# and most patients have neither, so either drug is fine for them.
truth = np.full(n_rows, NEUTRAL)
truth[liver_risk > 0.8] = IBUPROFEN
truth[(stomach_risk > 0.8) & (stomach_risk > liver_risk)] = ACETAMINOPHEN

# Forced labels: for "either is fine" patients the recorded drug is the clinic's habit
# (clinic 1 prefers ibuprofen 80% of the time, clinic 0 prefers acetaminophen).
habit = rng.random(n_rows) < np.where(clinic == 1, 0.8, 0.2)
forced = np.where(truth == NEUTRAL, habit.astype(int), truth)

X_train, X_test, forced_train, _, truth_train, truth_test = train_test_split(
    X, forced, truth, test_size=0.5, random_state=0
)
binary = LogisticRegression().fit(X_train, forced_train)
with_neutral = LogisticRegression().fit(X_train, truth_train)  # three classes

clear_cut = truth_test != NEUTRAL
binary_pred = binary.predict(X_test)
neutral_pred = with_neutral.predict(X_test)
binary_acc = np.mean(binary_pred[clear_cut] == truth_test[clear_cut])
neutral_acc = np.mean(neutral_pred[clear_cut] == truth_test[clear_cut])
flagged = np.mean(neutral_pred[~clear_cut] == NEUTRAL)
clinic_weight = binary.coef_[0, 3]

print(f"clear-cut share of test patients:      {clear_cut.mean():.3f}")
print(f"clear-cut accuracy, forced binary:     {binary_acc:.3f}")
print(f"clear-cut accuracy, with neutral:      {neutral_acc:.3f}")
print(f"either-is-fine patients called neutral: {flagged:.3f}")
print(f"forced binary's weight on clinic id:   {clinic_weight:.2f}")

# The neutral class must lift accuracy on the clear-cut cases by a wide margin...
assert neutral_acc > binary_acc + 0.08
# ...because the forced model learned the clinic habit as if it were medicine.
assert abs(clinic_weight) > 1.0
# ...and the three-class model still recognizes most "either is fine" patients.
assert flagged > 0.8
