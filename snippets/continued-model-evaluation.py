"""Continued Model Evaluation: score each window of newly labelled data and retrain on a drop.

The label rule rotates from window 5 on (concept drift). Look for: the deployed model's
accuracy falls at window 5, the trigger fires there and not before, and retraining
restores the accuracy while a never-retrained model stays low.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

rng = np.random.default_rng(0)
N_WINDOWS, DRIFT_START, ROWS_PER_WINDOW = 10, 5, 400
MAX_DROP = 0.05  # retrain when accuracy falls this far below the accuracy at deployment
# Concept drift: from DRIFT_START on, the same inputs map to labels by a rotated rule.
RULE_BEFORE, RULE_AFTER = np.array([1.0, 1.0, 0.5, 0.0]), np.array([1.0, 0.2, -0.5, 0.5])


def labelled_window(index: int) -> tuple[np.ndarray, np.ndarray]:
    """One window (e.g. a week) of traffic whose ground truth has arrived."""
    X = rng.normal(size=(ROWS_PER_WINDOW, 4))
    weights = RULE_BEFORE if index < DRIFT_START else RULE_AFTER
    y = (X @ weights + rng.normal(scale=0.3, size=len(X)) > 0).astype(int)
    return X, y


X_train, y_train = labelled_window(0)
X_val, y_val = labelled_window(0)
deployed = LogisticRegression().fit(X_train, y_train)
stale = deployed  # a copy of history without the pattern: never retrained
baseline = accuracy_score(y_val, deployed.predict(X_val))
print(f"accuracy at deployment: {baseline:.3f}")

print("window  deployed  never-retrained  action")
triggers, deployed_scores, stale_scores = [], {}, {}
for window in range(1, N_WINDOWS):
    X_new, y_new = labelled_window(window)
    score = accuracy_score(y_new, deployed.predict(X_new))
    deployed_scores[window] = score
    stale_scores[window] = accuracy_score(y_new, stale.predict(X_new))
    action = "ok"
    if score < baseline - MAX_DROP:
        # Trigger: retrain on the freshest labels; re-baseline on rows held out from the fit.
        triggers.append(window)
        half = ROWS_PER_WINDOW // 2
        deployed = LogisticRegression().fit(X_new[:half], y_new[:half])
        baseline = accuracy_score(y_new[half:], deployed.predict(X_new[half:]))
        action = "RETRAIN"
    print(f"{window:>6}  {score:>8.3f}  {stale_scores[window]:>15.3f}  {action}")

print("retraining triggered at windows:", triggers)
assert triggers == [DRIFT_START], "trigger must fire at the drift, and only there"
# Retraining restores accuracy on every later window; the never-retrained model stays low.
for window in range(DRIFT_START + 1, N_WINDOWS):
    assert deployed_scores[window] > 0.85 > 0.8 > stale_scores[window]
